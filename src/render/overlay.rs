//! Vector overlays on the GPU: the polygons of a zones layer as outlines (line strips, one per ring) and translucent
//! fills (triangles), uploaded once per overlay and drawn every frame with only a transform and four colours, so that
//! 100 000 polygons cost one upload and two draw calls a frame. Selected features are drawn again in the highlight
//! colours, from their own ranges of the same index buffers.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use eframe::egui_wgpu::wgpu;
use wgpu::util::DeviceExt;

/// The WGSL source of the overlay pipelines.
pub const OVERLAY_WGSL: &str = include_str!("../../shaders/overlay.wgsl");

/// Index that ends one line strip and starts the next (primitive restart).
pub const RESTART: u32 = u32::MAX;

/// The triangles and rings of an overlay, built once (off the UI thread) from its polygons, at several levels of
/// detail: zoomed out, a level simplified to the screen's pixel draws the same picture from far fewer vertices.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OverlayGeometry {
    /// Map coordinates are stored relative to this point, so that `f32` keeps them to a few centimetres.
    pub origin: [f64; 2],
    /// The full geometry first, then coarser and coarser simplifications.
    pub levels: Vec<OverlayLevel>,
}

/// One level of detail of an overlay.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OverlayLevel {
    /// Points closer than this (map units) to the last one kept were left out; 0 for the full geometry.
    pub tolerance: f64,
    pub vertices: Vec<[f32; 2]>,
    /// Line strips of every ring, separated by [`RESTART`].
    pub line_indices: Vec<u32>,
    /// Triangles of every polygon.
    pub fill_indices: Vec<u32>,
    /// Per feature, its range of `line_indices` and of `fill_indices` (empty where it vanished at this level).
    pub line_ranges: Vec<Range<u32>>,
    pub fill_ranges: Vec<Range<u32>>,
}

impl OverlayGeometry {
    /// The coarsest level whose simplification stays within half a screen pixel of `res` map units.
    pub fn level_for(&self, res: f64) -> usize {
        self.levels.iter().rposition(|l| l.tolerance <= 0.5 * res).unwrap_or(0)
    }
}

/// One overlay in one frame of one view.
#[derive(Clone)]
pub struct DrawOverlay {
    /// Unique per geometry: the GPU keeps one copy per id.
    pub overlay_id: u64,
    pub geometry: Arc<OverlayGeometry>,
    /// The level of detail drawn (see [`OverlayGeometry::level_for`]).
    pub level: usize,
    /// Relative map coordinates to clip space: x * sx + tx, y * sy + ty, as [sx, sy, tx, ty].
    pub transform: [f32; 4],
    /// One viewport pixel in clip space (2 / width, 2 / height): the selection's outline is drawn three pixels wide
    /// by drawing it again one pixel off to each side.
    pub pixel: [f32; 2],
    /// Premultiplied RGBA of the outlines, the fills (alpha 0: none), the selected outlines and the selected fills.
    pub line: [f32; 4],
    pub fill: [f32; 4],
    pub selected_line: [f32; 4],
    pub selected_fill: [f32; 4],
    /// Indices of the selected features.
    pub selected: Arc<Vec<u32>>,
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct DrawUniform {
    transform: [f32; 4],
    colour: [f32; 4],
}

/// The uniforms of an overlay's draws, each at its own offset of one uniform buffer: outline, fill, selected fill,
/// then the selected outline at [`SELECTED_OFFSETS`].
const SLOTS: u64 = 3 + SELECTED_OFFSETS.len() as u64;
/// Where the selected outline is drawn, in pixels: in place and one pixel off each way.
const SELECTED_OFFSETS: [[f32; 2]; 5] = [[0.0, 0.0], [1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]];
/// Offsets of dynamic uniform bindings are multiples of this on every adapter.
const SLOT_BYTES: u64 = 256;

/// One level of an overlay on the GPU.
struct GpuGeometry {
    vertices: wgpu::Buffer,
    lines: wgpu::Buffer,
    fills: Option<wgpu::Buffer>,
    geometry: Arc<OverlayGeometry>,
    level: usize,
}

impl GpuGeometry {
    fn level(&self) -> &OverlayLevel {
        &self.geometry.levels[self.level]
    }
}

struct GpuDraw {
    uniform: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

/// What `paint` draws for one view: per overlay, whether it has fills and its selection.
struct PreparedOverlay {
    overlay_id: u64,
    level: usize,
    fill: bool,
    selected: Arc<Vec<u32>>,
}

/// The overlay pipelines and the GPU copies of overlay geometry. Kept in egui's callback resources beside the tile
/// renderer.
pub struct OverlayRenderer {
    lines: wgpu::RenderPipeline,
    fills: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    /// Per overlay and level of detail, uploaded when first drawn.
    geometry: HashMap<(u64, usize), GpuGeometry>,
    draws: HashMap<(u64, u64), GpuDraw>,
    views: HashMap<u64, Vec<PreparedOverlay>>,
}

impl OverlayRenderer {
    pub fn new(device: &wgpu::Device, target: wgpu::TextureFormat) -> OverlayRenderer {
        let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("overlay.wgsl"),
            source: wgpu::ShaderSource::Wgsl(OVERLAY_WGSL.into()),
        });
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("overlay draw"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: true,
                    min_binding_size: wgpu::BufferSize::new(std::mem::size_of::<DrawUniform>() as u64),
                },
                count: None,
            }],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("overlay"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = |topology, strip_index_format, label| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some(label),
                layout: Some(&pipeline_layout),
                vertex: wgpu::VertexState {
                    module: &shader,
                    entry_point: Some("vs_main"),
                    compilation_options: Default::default(),
                    buffers: &[Some(wgpu::VertexBufferLayout {
                        array_stride: 8,
                        step_mode: wgpu::VertexStepMode::Vertex,
                        attributes: &wgpu::vertex_attr_array![0 => Float32x2],
                    })],
                },
                fragment: Some(wgpu::FragmentState {
                    module: &shader,
                    entry_point: Some("fs_main"),
                    compilation_options: Default::default(),
                    targets: &[Some(wgpu::ColorTargetState {
                        format: target,
                        blend: Some(wgpu::BlendState::PREMULTIPLIED_ALPHA_BLENDING),
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                }),
                primitive: wgpu::PrimitiveState { topology, strip_index_format, ..Default::default() },
                depth_stencil: None,
                multisample: wgpu::MultisampleState::default(),
                multiview_mask: None,
                cache: None,
            })
        };
        OverlayRenderer {
            lines: pipeline(wgpu::PrimitiveTopology::LineStrip, Some(wgpu::IndexFormat::Uint32), "overlay lines"),
            fills: pipeline(wgpu::PrimitiveTopology::TriangleList, None, "overlay fills"),
            layout,
            geometry: HashMap::new(),
            draws: HashMap::new(),
            views: HashMap::new(),
        }
    }

    /// Uploads what `overlays` need (geometry on first use, this frame's transform and colours) and records what
    /// [`Self::paint`] draws for `view_id`.
    pub fn prepare(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, view_id: u64, overlays: &[DrawOverlay]) {
        let mut prepared = Vec::with_capacity(overlays.len());
        for o in overlays {
            let Some(g) = o.geometry.levels.get(o.level) else { continue };
            if g.vertices.is_empty() || g.line_indices.is_empty() {
                continue;
            }
            self.geometry.entry((o.overlay_id, o.level)).or_insert_with(|| {
                let buffer = |label, contents: &[u8], usage| {
                    device.create_buffer_init(&wgpu::util::BufferInitDescriptor { label: Some(label), contents, usage })
                };
                GpuGeometry {
                    vertices: buffer("overlay vertices", bytemuck::cast_slice(&g.vertices), wgpu::BufferUsages::VERTEX),
                    lines: buffer("overlay lines", bytemuck::cast_slice(&g.line_indices), wgpu::BufferUsages::INDEX),
                    fills: (!g.fill_indices.is_empty()).then(|| {
                        buffer("overlay fills", bytemuck::cast_slice(&g.fill_indices), wgpu::BufferUsages::INDEX)
                    }),
                    geometry: o.geometry.clone(),
                    level: o.level,
                }
            });
            let layout = &self.layout;
            let draw = self.draws.entry((view_id, o.overlay_id)).or_insert_with(|| {
                let uniform = device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("overlay uniform"),
                    size: SLOTS * SLOT_BYTES,
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                });
                let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("overlay draw"),
                    layout,
                    entries: &[wgpu::BindGroupEntry {
                        binding: 0,
                        resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                            buffer: &uniform,
                            offset: 0,
                            size: wgpu::BufferSize::new(std::mem::size_of::<DrawUniform>() as u64),
                        }),
                    }],
                });
                GpuDraw { uniform, bind_group }
            });
            let t = o.transform;
            let mut uniforms = vec![
                DrawUniform { transform: t, colour: o.line },
                DrawUniform { transform: t, colour: o.fill },
                DrawUniform { transform: t, colour: o.selected_fill },
            ];
            uniforms.extend(SELECTED_OFFSETS.iter().map(|[dx, dy]| DrawUniform {
                transform: [t[0], t[1], t[2] + dx * o.pixel[0], t[3] + dy * o.pixel[1]],
                colour: o.selected_line,
            }));
            for (slot, uniform) in uniforms.iter().enumerate() {
                queue.write_buffer(&draw.uniform, slot as u64 * SLOT_BYTES, bytemuck::bytes_of(uniform));
            }
            prepared.push(PreparedOverlay {
                overlay_id: o.overlay_id,
                level: o.level,
                fill: o.fill[3] > 0.0,
                selected: o.selected.clone(),
            });
        }
        self.views.insert(view_id, prepared);
    }

    /// Draws what the last [`Self::prepare`] for `view_id` recorded: fills first, outlines over them, the selection
    /// over everything.
    pub fn paint(&self, pass: &mut wgpu::RenderPass<'_>, view_id: u64) {
        let Some(overlays) = self.views.get(&view_id) else { return };
        for o in overlays {
            let gpu = self.geometry.get(&(o.overlay_id, o.level));
            let (Some(gpu), Some(draw)) = (gpu, self.draws.get(&(view_id, o.overlay_id))) else { continue };
            let g = gpu.level();
            pass.set_vertex_buffer(0, gpu.vertices.slice(..));
            let slot = |i: u64| [(i * SLOT_BYTES) as u32];
            if let Some(fills) = &gpu.fills {
                pass.set_pipeline(&self.fills);
                pass.set_index_buffer(fills.slice(..), wgpu::IndexFormat::Uint32);
                if o.fill {
                    pass.set_bind_group(0, &draw.bind_group, &slot(1));
                    pass.draw_indexed(0..g.fill_indices.len() as u32, 0, 0..1);
                }
                pass.set_bind_group(0, &draw.bind_group, &slot(2));
                for &f in o.selected.iter() {
                    if let Some(range) = g.fill_ranges.get(f as usize) {
                        pass.draw_indexed(range.clone(), 0, 0..1);
                    }
                }
            }
            pass.set_pipeline(&self.lines);
            pass.set_index_buffer(gpu.lines.slice(..), wgpu::IndexFormat::Uint32);
            pass.set_bind_group(0, &draw.bind_group, &slot(0));
            pass.draw_indexed(0..g.line_indices.len() as u32, 0, 0..1);
            for offset in 0..SELECTED_OFFSETS.len() as u64 {
                pass.set_bind_group(0, &draw.bind_group, &slot(3 + offset));
                for &f in o.selected.iter() {
                    if let Some(range) = g.line_ranges.get(f as usize) {
                        pass.draw_indexed(range.clone(), 0, 0..1);
                    }
                }
            }
        }
    }

    /// Frees the GPU copies of a closed overlay.
    pub fn release(&mut self, overlay_id: u64) {
        self.geometry.retain(|&(id, _), _| id != overlay_id);
        self.draws.retain(|&(_, id), _| id != overlay_id);
    }

    /// Bytes of overlay geometry on the GPU.
    pub fn gpu_bytes(&self) -> usize {
        self.geometry
            .values()
            .map(|g| {
                let g = g.level();
                (g.vertices.len() * 8) + (g.line_indices.len() + g.fill_indices.len()) * 4
            })
            .sum()
    }
}
