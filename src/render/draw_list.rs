use std::sync::Arc;

/// Sample type of a tile texture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TexelFormat {
    R8,
    R16,
    /// Colour imagery: drawn in its own colours, not through the lookup table.
    Rgba8,
}

/// Texel data of one tile, owned elsewhere (the CPU tile cache) and uploaded on first use.
pub trait TexelSource: Send + Sync {
    fn size(&self) -> (u32, u32);
    fn format(&self) -> TexelFormat;
    fn bytes(&self) -> &[u8];
}

/// Colour and visibility of every table slot, plus for 16-bit layers the code -> slot remap (65536 entries).
#[derive(Clone)]
pub struct Lut {
    /// Changes whenever the colours or the remap change, so the GPU copy is refreshed.
    pub version: u64,
    pub colours: [[u8; 4]; 256],
    pub remap: Option<Arc<Vec<u8>>>,
    /// Colour imagery: texels are drawn as the RGBA colours they are; the table is not used.
    pub imagery: bool,
}

impl Lut {
    /// The colour the shader draws `code` in (`tiles.wgsl`): the remap gives the table slot when there is one, else
    /// the code is the slot. Lets tests check a table without a GPU.
    pub fn colour_of(&self, code: u32) -> [u8; 4] {
        let slot = match &self.remap {
            Some(remap) => remap.get(code as usize).map_or(0, |&s| s as usize),
            None => code as usize,
        };
        self.colours.get(slot).copied().unwrap_or([0, 0, 0, 0])
    }
}

/// One tile rectangle to draw.
#[derive(Clone)]
pub struct DrawTile {
    /// Unique per tile texture (layer, level, column, row).
    pub texture_id: u64,
    /// The texels, or `None` when the GPU already holds this texture (the CPU copy may be gone): drawn if it still
    /// does.
    pub texels: Option<Arc<dyn TexelSource>>,
    /// Rectangle in viewport pixels: x0, y0, x1, y1 (y down).
    pub dest: [f32; 4],
    /// The texel coordinates at the rectangle's corners: u0, v0, u1, v1. A coarser parent standing in for a missing
    /// tile draws a sub-rectangle of its texture.
    pub texel_rect: [f32; 4],
}

#[derive(Clone)]
pub struct DrawLayer {
    pub layer_id: u32,
    pub lut: Arc<Lut>,
    pub opacity: f32,
    pub tiles: Vec<DrawTile>,
}

/// Everything one frame of one map view draws, bottom layer first.
#[derive(Clone, Default)]
pub struct DrawList {
    /// Viewport size in pixels; tile rectangles are given in this space.
    pub viewport: [f32; 2],
    pub layers: Vec<DrawLayer>,
    /// Draw only inside this circle (centre x, y and radius in viewport pixels): the spy glass.
    pub clip_circle: Option<[f32; 3]>,
    /// The frame this list belongs to, the same for every view drawn in one frame: textures used in the current
    /// frame are never evicted, whichever view prepares next.
    pub frame: u64,
    /// Vector overlays drawn over every layer, bottom first.
    pub overlays: Vec<super::overlay::DrawOverlay>,
}
