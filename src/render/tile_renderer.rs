use std::collections::HashMap;

use eframe::egui_wgpu::wgpu;
use wgpu::util::DeviceExt;

use super::draw_list::{DrawLayer, DrawList, TexelFormat};
use super::TILES_WGSL;

/// Per-instance vertex data: the tile rectangle and its texel rectangle.
#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Instance {
    dest: [f32; 4],
    texels: [f32; 4],
}

#[repr(C)]
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct LayerUniform {
    viewport: [f32; 2],
    opacity: f32,
    /// 0: the code is the table slot; 1: through the remap; 2: the texel is an RGBA colour (`tiles.wgsl`).
    mode: u32,
    /// Circle outside which nothing is drawn: centre x, y and radius in viewport pixels; radius < 0: no circle.
    clip_circle: [f32; 4],
}

struct GpuTile {
    bind_group: wgpu::BindGroup,
    bytes: usize,
    last_used: u64,
}

struct GpuLayer {
    lut_version: u64,
    lut: wgpu::Texture,
    remap: wgpu::Texture,
    uniform: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
}

/// What `paint` draws for one view: its instance buffer and, per layer, the tile bind groups in order.
struct PreparedView {
    instances: Option<wgpu::Buffer>,
    draws: Vec<(u32, Vec<u64>)>,
}

/// The tile pipeline and the GPU copies of tiles (under a byte budget, least recently used evicted first) and of
/// lookup tables. Created once and kept in egui's callback resources, or owned by [`super::Offscreen`].
pub struct TileRenderer {
    pipeline: wgpu::RenderPipeline,
    layer_layout: wgpu::BindGroupLayout,
    tile_layout: wgpu::BindGroupLayout,
    tiles: HashMap<u64, GpuTile>,
    layers: HashMap<(u64, u32), GpuLayer>,
    views: HashMap<u64, PreparedView>,
    gpu_bytes: usize,
    budget: usize,
    frame: u64,
}

impl TileRenderer {
    pub fn new(device: &wgpu::Device, target: wgpu::TextureFormat, budget_bytes: usize) -> TileRenderer {
        let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("tiles.wgsl"),
            source: wgpu::ShaderSource::Wgsl(TILES_WGSL.into()),
        });
        let texture_entry = |binding, sample_type| wgpu::BindGroupLayoutEntry {
            binding,
            visibility: wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Texture {
                sample_type,
                view_dimension: wgpu::TextureViewDimension::D2,
                multisampled: false,
            },
            count: None,
        };
        let layer_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("layer"),
            entries: &[
                wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                    ty: wgpu::BindingType::Buffer {
                        ty: wgpu::BufferBindingType::Uniform,
                        has_dynamic_offset: false,
                        min_binding_size: None,
                    },
                    count: None,
                },
                texture_entry(1, wgpu::TextureSampleType::Float { filterable: false }),
                texture_entry(2, wgpu::TextureSampleType::Uint),
            ],
        });
        let tile_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("tile"),
            entries: &[texture_entry(0, wgpu::TextureSampleType::Uint)],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("tiles"),
            bind_group_layouts: &[Some(&layer_layout), Some(&tile_layout)],
            immediate_size: 0,
        });
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("tiles"),
            layout: Some(&layout),
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs_main"),
                compilation_options: Default::default(),
                buffers: &[Some(wgpu::VertexBufferLayout {
                    array_stride: std::mem::size_of::<Instance>() as u64,
                    step_mode: wgpu::VertexStepMode::Instance,
                    attributes: &wgpu::vertex_attr_array![0 => Float32x4, 1 => Float32x4],
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
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            multiview_mask: None,
            cache: None,
        });
        TileRenderer {
            pipeline,
            layer_layout,
            tile_layout,
            tiles: HashMap::new(),
            layers: HashMap::new(),
            views: HashMap::new(),
            gpu_bytes: 0,
            budget: budget_bytes,
            frame: 0,
        }
    }

    /// The latest frame prepared.
    pub fn frame(&self) -> u64 {
        self.frame
    }

    /// Bytes of tile textures on the GPU now.
    pub fn gpu_bytes(&self) -> usize {
        self.gpu_bytes
    }

    /// The budget tile textures keep to (exceeded by at most the tiles of the frame being drawn).
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Uploads what `list` needs (tiles, lookup tables) and records what [`Self::paint`] draws for `view_id`.
    pub fn prepare(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, view_id: u64, list: &DrawList) {
        // The frame's number comes with the list, so that every view of one frame stamps the same number.
        self.frame = self.frame.max(list.frame);
        let mut instances = Vec::new();
        let mut draws = Vec::new();
        for layer in &list.layers {
            self.prepare_layer(device, queue, view_id, layer, list);
            let mut ids = Vec::with_capacity(layer.tiles.len());
            for tile in &layer.tiles {
                if !self.ensure_tile(device, queue, tile.texture_id, tile.texels.as_deref()) {
                    continue;
                }
                instances.push(Instance { dest: tile.dest, texels: tile.texel_rect });
                ids.push(tile.texture_id);
            }
            draws.push((layer.layer_id, ids));
        }
        self.evict();
        let instances = (!instances.is_empty()).then(|| {
            device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some("tile instances"),
                contents: bytemuck::cast_slice(&instances),
                usage: wgpu::BufferUsages::VERTEX,
            })
        });
        self.views.insert(view_id, PreparedView { instances, draws });
    }

    /// Draws what the last [`Self::prepare`] for `view_id` recorded.
    pub fn paint(&self, pass: &mut wgpu::RenderPass<'_>, view_id: u64) {
        let Some(view) = self.views.get(&view_id) else { return };
        let Some(instances) = &view.instances else { return };
        pass.set_pipeline(&self.pipeline);
        pass.set_vertex_buffer(0, instances.slice(..));
        let mut index = 0u32;
        for (layer_id, tiles) in &view.draws {
            let Some(layer) = self.layers.get(&(view_id, *layer_id)) else {
                index += tiles.len() as u32;
                continue;
            };
            pass.set_bind_group(0, &layer.bind_group, &[]);
            for id in tiles {
                if let Some(tile) = self.tiles.get(id) {
                    pass.set_bind_group(1, &tile.bind_group, &[]);
                    pass.draw(0..6, index..index + 1);
                }
                index += 1;
            }
        }
    }

    fn prepare_layer(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        view_id: u64,
        layer: &DrawLayer,
        list: &DrawList,
    ) {
        let lut = &layer.lut;
        let gpu = self.layers.entry((view_id, layer.layer_id)).or_insert_with(|| {
            let lut_tex = sampled_texture(device, "lut", 256, 1, wgpu::TextureFormat::Rgba8Unorm);
            let remap_tex = sampled_texture(device, "remap", 256, 256, wgpu::TextureFormat::R8Uint);
            let uniform = device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("layer uniform"),
                size: std::mem::size_of::<LayerUniform>() as u64,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("layer"),
                layout: &self.layer_layout,
                entries: &[
                    wgpu::BindGroupEntry { binding: 0, resource: uniform.as_entire_binding() },
                    wgpu::BindGroupEntry {
                        binding: 1,
                        resource: wgpu::BindingResource::TextureView(&lut_tex.create_view(&Default::default())),
                    },
                    wgpu::BindGroupEntry {
                        binding: 2,
                        resource: wgpu::BindingResource::TextureView(&remap_tex.create_view(&Default::default())),
                    },
                ],
            });
            GpuLayer { lut_version: u64::MAX, lut: lut_tex, remap: remap_tex, uniform, bind_group }
        });
        if gpu.lut_version != lut.version {
            write_texture(queue, &gpu.lut, bytemuck::cast_slice(&lut.colours), 256, 1, 4);
            if let Some(remap) = &lut.remap {
                write_texture(queue, &gpu.remap, remap, 256, 256, 1);
            }
            gpu.lut_version = lut.version;
        }
        let [x, y, r] = list.clip_circle.unwrap_or([0.0, 0.0, -1.0]);
        let uniform = LayerUniform {
            viewport: list.viewport,
            opacity: layer.opacity,
            mode: if lut.imagery { 2 } else { lut.remap.is_some() as u32 },
            clip_circle: [x, y, r, 0.0],
        };
        queue.write_buffer(&gpu.uniform, 0, bytemuck::bytes_of(&uniform));
    }

    /// Makes sure the texture `id` is on the GPU, uploading `src` if it is not; `false` when it is not and there is
    /// nothing to upload (evicted since the frame was planned).
    fn ensure_tile(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        id: u64,
        src: Option<&dyn super::TexelSource>,
    ) -> bool {
        if let Some(t) = self.tiles.get_mut(&id) {
            t.last_used = self.frame;
            return true;
        }
        let Some(src) = src else { return false };
        let (w, h) = src.size();
        let (format, bpp) = match src.format() {
            TexelFormat::R8 => (wgpu::TextureFormat::R8Uint, 1),
            TexelFormat::R16 => (wgpu::TextureFormat::R16Uint, 2),
            TexelFormat::Rgba8 => (wgpu::TextureFormat::Rgba8Uint, 4),
        };
        let texture = sampled_texture(device, "tile", w, h, format);
        write_texture(queue, &texture, src.bytes(), w, h, bpp);
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("tile"),
            layout: &self.tile_layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: wgpu::BindingResource::TextureView(&texture.create_view(&Default::default())),
            }],
        });
        let bytes = (w * h * bpp) as usize;
        self.gpu_bytes += bytes;
        self.tiles.insert(id, GpuTile { bind_group, bytes, last_used: self.frame });
        true
    }

    /// Whether the texture `id` is on the GPU (a frame plan draws it even when the CPU copy is gone).
    pub fn has_tile(&self, id: u64) -> bool {
        self.tiles.contains_key(&id)
    }

    /// Frees everything of a closed layer: its tile textures (those whose id `of_layer` accepts) and, in every
    /// view, its lookup tables.
    pub fn release_layer(&mut self, layer_id: u32, of_layer: impl Fn(u64) -> bool) {
        let bytes = &mut self.gpu_bytes;
        self.tiles.retain(|&id, t| {
            let keep = !of_layer(id);
            if !keep {
                *bytes -= t.bytes;
            }
            keep
        });
        self.layers.retain(|&(_, layer), _| layer != layer_id);
    }

    /// Least recently used tiles go first; tiles of the frame being prepared stay.
    fn evict(&mut self) {
        if self.gpu_bytes <= self.budget {
            return;
        }
        let mut by_age: Vec<(u64, u64)> =
            self.tiles.iter().filter(|(_, t)| t.last_used < self.frame).map(|(id, t)| (t.last_used, *id)).collect();
        by_age.sort_unstable();
        for (_, id) in by_age {
            if self.gpu_bytes <= self.budget {
                break;
            }
            if let Some(t) = self.tiles.remove(&id) {
                self.gpu_bytes -= t.bytes;
            }
        }
    }
}

/// A texture the shader reads and the queue writes.
fn sampled_texture(
    device: &wgpu::Device,
    label: &str,
    width: u32,
    height: u32,
    format: wgpu::TextureFormat,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    })
}

fn write_texture(queue: &wgpu::Queue, texture: &wgpu::Texture, data: &[u8], w: u32, h: u32, bpp: u32) {
    queue.write_texture(
        texture.as_image_copy(),
        data,
        wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(w * bpp), rows_per_image: Some(h) },
        wgpu::Extent3d { width: w, height: h, depth_or_array_layers: 1 },
    );
}
