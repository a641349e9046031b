//! One frame of a map view: which tiles of which level each layer draws, and which it still needs.

use std::sync::Arc;

use super::camera::Camera;
use super::layers::{LayerStack, MapLayer};
use crate::pyramid::{
    choose_level, tile_map_extent, tile_window, tiles_covering, Level, LevelSource, Tile, TileCache, TileKey,
    TileRequest,
};
use crate::raster::Pixels;
use crate::render::{DrawLayer, DrawList, DrawTile, TexelFormat, TexelSource};

/// What a frame draws and what it asks the loader for.
pub struct FramePlan {
    pub list: DrawList,
    /// Tiles of the levels drawn that are missing, least urgent first (the loader serves the newest request first):
    /// across all layers, the farthest from the view's centre first.
    pub wanted: Vec<TileRequest>,
    /// Tiles of each layer's coarsest level covering the view, missing too: asked for after (so served before)
    /// `wanted`, they soon give every missing tile a stand-in. A complete picture does not need them.
    pub stand_ins: Vec<TileRequest>,
    /// Layers waiting for the viewer's own pyramid: (layer id, progress 0..=1).
    pub building: Vec<(u32, f32)>,
}

/// Most base tiles a layer loads for one view while its own pyramid is still being built.
const MAX_BASE_TILES_WHILE_BUILDING: usize = 64;

/// Where a tile's texels are: in the CPU cache, or only as a GPU texture (by texture id).
pub struct Resident<'a> {
    pub cache: &'a mut TileCache,
    /// Whether the GPU holds the texture of this id (a tile the CPU cache may have evicted since).
    pub on_gpu: &'a dyn Fn(u64) -> bool,
}

impl Resident<'_> {
    fn has(&self, key: &TileKey) -> bool {
        self.cache.contains(key) || (self.on_gpu)(key.id())
    }

    /// What draws `key`: its texels from the cache (`Some(Some)`), the GPU's copy (`Some(None)`), or nothing.
    fn texels(&mut self, key: &TileKey) -> Option<Option<Arc<Tile>>> {
        match self.cache.get(key) {
            Some(tile) => Some(Some(tile)),
            None => (self.on_gpu)(key.id()).then_some(None),
        }
    }
}

/// Plans a frame of one view for `camera` on a viewport of `size` physical pixels, with tiles in `cache` (the
/// command line and figures); starts a new frame of the cache. `generation` tags the tile requests.
pub fn plan_frame(
    camera: &Camera,
    size: [f64; 2],
    stack: &mut LayerStack,
    cache: &mut TileCache,
    generation: u64,
) -> FramePlan {
    cache.next_frame();
    let mut resident = Resident { cache, on_gpu: &|_| false };
    plan_frame_where(camera, size, stack, &mut resident, generation, |_| true)
}

/// [`plan_frame`] for the layers `include` accepts (one pane of a comparison, or one side of a swipe), with tiles in
/// the CPU cache or on the GPU. The caller starts each frame with [`TileCache::next_frame`], once for all panes, so
/// that what one pane uses is never evicted for another in the same frame.
pub fn plan_frame_where(
    camera: &Camera,
    size: [f64; 2],
    stack: &mut LayerStack,
    resident: &mut Resident<'_>,
    generation: u64,
    include: impl Fn(&MapLayer) -> bool,
) -> FramePlan {
    let mut plan = FramePlan {
        list: DrawList {
            viewport: [size[0] as f32, size[1] as f32],
            layers: Vec::new(),
            clip_circle: None,
            frame: resident.cache.frame(),
            overlays: Vec::new(),
        },
        wanted: Vec::new(),
        stand_ins: Vec::new(),
        building: Vec::new(),
    };
    let view = camera.visible_extent(size);
    let centre = camera.center;
    let distance = |e: &[f64; 4]| ((e[0] + e[2]) / 2.0 - centre[0]).powi(2) + ((e[1] + e[3]) / 2.0 - centre[1]).powi(2);
    let mut wanted: Vec<(f64, TileRequest)> = Vec::new();
    // Bottom layer first: the first layer of the stack is drawn on top.
    for layer in stack.layers.iter_mut().rev() {
        if !layer.visible || layer.opacity <= 0.0 || !include(layer) {
            continue;
        }
        let Some(level) = drawable_level(layer, camera.res, view, &mut plan.building) else { continue };
        let mut tiles = Vec::new();
        let origin = layer.origin();
        let levels = &layer.source.levels;
        let request = |key| TileRequest { key, source: Arc::clone(&layer.source), generation };
        for (col, row) in tiles_covering(&levels[level], origin, view) {
            let key = TileKey { layer: layer.id, level: level as u8, col, row };
            let window = tile_window(&levels[level], col, row);
            let extent = tile_map_extent(&levels[level], origin, window);
            if let Some(texels) = resident.texels(&key) {
                tiles.extend(draw_tile(camera, size, key, texels, extent, extent, &levels[level]));
                continue;
            }
            wanted.push((distance(&extent), request(key)));
            let stand_in = parent_stand_in(layer, camera, size, resident, level, extent);
            let stand_in = if stand_in.is_empty() {
                child_stand_in(layer, camera, size, resident, level, extent)
            } else {
                stand_in
            };
            tiles.extend(stand_in);
        }
        let coarsest = coarsest_usable(layer);
        if coarsest != level {
            for (col, row) in tiles_covering(&levels[coarsest], origin, view) {
                let key = TileKey { layer: layer.id, level: coarsest as u8, col, row };
                if !resident.has(&key) {
                    plan.stand_ins.push(request(key));
                }
            }
        }
        plan.list.layers.push(DrawLayer { layer_id: layer.id, lut: layer.lut(), opacity: layer.opacity, tiles });
    }
    // Farthest from the view centre first, so that the centre is served first, whatever the layer; among tiles as
    // far, the top layer's last (served first).
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0));
    plan.wanted = wanted.into_iter().map(|(_, r)| r).collect();
    plan
}

fn usable(layer: &MapLayer, level: &Level) -> bool {
    match level.source {
        LevelSource::File(_) => true,
        LevelSource::Built(_) => layer.source.build.as_ref().and_then(|b| b.result()).is_some_and(|r| r.is_ok()),
    }
}

fn coarsest_usable(layer: &MapLayer) -> usize {
    layer.source.levels.iter().rposition(|l| usable(layer, l)).unwrap_or(0)
}

/// The level a layer is drawn from at `res` map units per screen pixel over the map extent `view`: the one
/// [`choose_level`] picks, or while coarse levels are still being built the file's coarsest level when the view
/// needs few enough of its tiles; `None` while the layer's own pyramid (below the base) is being built, or while its
/// coarse levels are and the file's own are all far too fine for the view (a continent without overviews).
pub fn level_drawn(layer: &MapLayer, res: f64, view: [f64; 4]) -> Option<usize> {
    let levels = &layer.source.levels;
    let level = choose_level(levels, res);
    if usable(layer, &levels[level]) {
        return Some(level);
    }
    let coarse = layer.source.build.as_ref().is_some_and(|b| b.coarse_sizes().is_some());
    let fallback = coarsest_usable(layer);
    let tiles = tiles_covering(&levels[fallback], layer.origin(), view).len();
    (coarse && tiles <= MAX_TILES_WHILE_COARSE_BUILDING).then_some(fallback)
}

/// Most tiles of the file's coarsest level a layer draws for one view while its coarse levels are being built.
const MAX_TILES_WHILE_COARSE_BUILDING: usize = 256;

/// The level to draw, or `None` while the layer's own pyramid is still being built and the view would need too many
/// base tiles.
fn drawable_level(layer: &MapLayer, res: f64, view: [f64; 4], building: &mut Vec<(u32, f32)>) -> Option<usize> {
    let levels = &layer.source.levels;
    if !usable(layer, &levels[choose_level(levels, res)]) {
        if let Some(build) = &layer.source.build {
            building.push((layer.id, build.progress()));
        }
    }
    level_drawn(layer, res, view).or_else(|| {
        let base_tiles = tiles_covering(&levels[0], layer.origin(), view).len();
        (base_tiles <= MAX_BASE_TILES_WHILE_BUILDING).then_some(0)
    })
}

/// For a tile not loaded yet, the parts of the finest loaded coarser level that cover it.
fn parent_stand_in(
    layer: &MapLayer,
    camera: &Camera,
    size: [f64; 2],
    resident: &mut Resident<'_>,
    level: usize,
    extent: [f64; 4],
) -> Vec<DrawTile> {
    for index in level + 1..layer.source.levels.len() {
        if let Some(parts) = covering_parts(layer, camera, size, resident, index, extent, extent) {
            return parts;
        }
    }
    Vec::new()
}

/// For a tile not loaded yet, the tiles of the next finer level that cover it, when all of them are at hand (as
/// after zooming out).
fn child_stand_in(
    layer: &MapLayer,
    camera: &Camera,
    size: [f64; 2],
    resident: &mut Resident<'_>,
    level: usize,
    extent: [f64; 4],
) -> Vec<DrawTile> {
    let Some(finer) = level.checked_sub(1) else { return Vec::new() };
    // Shrunk by a hundredth of a finer pixel, so that tiles merely touching the edge are not counted as covering.
    let eps = layer.source.levels[finer].pixel_size.0 / 100.0;
    let inner = [extent[0] + eps, extent[1] + eps, extent[2] - eps, extent[3] - eps];
    covering_parts(layer, camera, size, resident, finer, inner, extent).unwrap_or_default()
}

/// The tiles of level `index` that overlap `query`, each cut to `extent`, when the level is usable and every one of
/// them is at hand (in the CPU cache or on the GPU); `None` otherwise.
#[allow(clippy::too_many_arguments)]
fn covering_parts(
    layer: &MapLayer,
    camera: &Camera,
    size: [f64; 2],
    resident: &mut Resident<'_>,
    index: usize,
    query: [f64; 4],
    extent: [f64; 4],
) -> Option<Vec<DrawTile>> {
    let level = &layer.source.levels[index];
    if !usable(layer, level) {
        return None;
    }
    let origin = layer.origin();
    let keys: Vec<TileKey> = tiles_covering(level, origin, query)
        .into_iter()
        .map(|(col, row)| TileKey { layer: layer.id, level: index as u8, col, row })
        .collect();
    if keys.is_empty() || !keys.iter().all(|k| resident.has(k)) {
        return None;
    }
    let mut out = Vec::new();
    for key in keys {
        let Some(texels) = resident.texels(&key) else { continue };
        let tile_extent = tile_map_extent(level, origin, tile_window(level, key.col, key.row));
        let part = [
            extent[0].max(tile_extent[0]),
            extent[1].max(tile_extent[1]),
            extent[2].min(tile_extent[2]),
            extent[3].min(tile_extent[3]),
        ];
        if part[0] < part[2] && part[1] < part[3] {
            out.extend(draw_tile(camera, size, key, texels, part, tile_extent, level));
        }
    }
    Some(out)
}

/// The part `part` (map extent) of a tile whose whole extent is `tile_extent`; `tile` is `None` when only the GPU
/// holds its texture.
#[allow(clippy::too_many_arguments)]
fn draw_tile(
    camera: &Camera,
    size: [f64; 2],
    key: TileKey,
    tile: Option<Arc<Tile>>,
    part: [f64; 4],
    tile_extent: [f64; 4],
    level: &Level,
) -> Option<DrawTile> {
    let texels: Option<Arc<dyn TexelSource>> = match tile {
        Some(tile) => Some(Arc::new(TileTexels::new(tile)?)),
        None => None,
    };
    let top_left = camera.map_to_screen(size, [part[0], part[3]]);
    let bottom_right = camera.map_to_screen(size, [part[2], part[1]]);
    let (px, py) = level.pixel_size;
    Some(DrawTile {
        texture_id: key.id(),
        texels,
        dest: [top_left[0] as f32, top_left[1] as f32, bottom_right[0] as f32, bottom_right[1] as f32],
        texel_rect: [
            ((part[0] - tile_extent[0]) / px) as f32,
            ((tile_extent[3] - part[3]) / py) as f32,
            ((part[2] - tile_extent[0]) / px) as f32,
            ((tile_extent[3] - part[1]) / py) as f32,
        ],
    })
}

/// A loaded tile as texture data.
struct TileTexels(Arc<Tile>);

impl TileTexels {
    /// `None` for floating-point samples, which no texture format holds (`identify` reads such files through a VRT
    /// that gives them codes).
    fn new(tile: Arc<Tile>) -> Option<TileTexels> {
        (!matches!(tile.pixels, Pixels::F32(_))).then_some(TileTexels(tile))
    }
}

impl TexelSource for TileTexels {
    fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }

    fn format(&self) -> TexelFormat {
        match self.0.pixels {
            Pixels::U16(_) => TexelFormat::R16,
            Pixels::Rgba(_) => TexelFormat::Rgba8,
            _ => TexelFormat::R8,
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.0.pixels {
            Pixels::U8(v) | Pixels::Rgba(v) => v,
            Pixels::U16(v) => bytemuck::cast_slice(v),
            Pixels::F32(_) => &[],
        }
    }
}
