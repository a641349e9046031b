//! Rendering a draw list without a window: the `render` subcommand and the tests draw through the same
//! [`TileRenderer`] as the window.

use eframe::egui_wgpu::wgpu;
use thiserror::Error;

use super::draw_list::DrawList;
use super::overlay::OverlayRenderer;
use super::tile_renderer::TileRenderer;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("no GPU adapter found ({0}); on Linux without a GPU install mesa-vulkan-drivers (lavapipe)")]
    NoAdapter(String),
    #[error("cannot create the GPU device: {0}")]
    Device(String),
    #[error("the image size {0}x{1} is larger than this GPU allows ({2} px a side)")]
    TooLarge(u32, u32, u32),
    #[error("reading the rendered image back failed: {0}")]
    Readback(String),
}

/// Offscreen rendering into an RGBA8 image (straight from the lookup tables: no colour-space conversion).
pub struct Offscreen {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: TileRenderer,
    overlays: OverlayRenderer,
    adapter: String,
}

const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

impl Offscreen {
    /// Opens a GPU device (`WGPU_BACKEND` picks the backend, as in wgpu's own tools).
    pub fn new(budget_bytes: usize) -> Result<Offscreen, RenderError> {
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            force_fallback_adapter: false,
            compatible_surface: None,
            ..Default::default()
        }))
        .map_err(|e| RenderError::NoAdapter(e.to_string()))?;
        let info = adapter.get_info();
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("clcplus-viewer offscreen"),
            required_limits: adapter.limits(),
            ..Default::default()
        }))
        .map_err(|e| RenderError::Device(e.to_string()))?;
        let renderer = TileRenderer::new(&device, FORMAT, budget_bytes);
        let overlays = OverlayRenderer::new(&device, FORMAT);
        Ok(Offscreen { device, queue, renderer, overlays, adapter: format!("{} ({:?})", info.name, info.backend) })
    }

    /// Uploads what `list` needs for view `view_id` without drawing: how the window's views share one renderer in
    /// a frame (for tests of the texture cache).
    pub fn prepare(&mut self, view_id: u64, list: &DrawList) {
        self.renderer.prepare(&self.device, &self.queue, view_id, list);
    }

    /// The renderer and its texture cache.
    pub fn renderer(&mut self) -> &mut TileRenderer {
        &mut self.renderer
    }

    /// The adapter's name and backend, for logs and benchmarks.
    pub fn adapter(&self) -> &str {
        &self.adapter
    }

    /// Draws `list` on a transparent background; returns `width * height * 4` bytes of RGBA, rows top to bottom.
    pub fn render(&mut self, list: &DrawList) -> Result<Vec<u8>, RenderError> {
        let (w, h) = (list.viewport[0] as u32, list.viewport[1] as u32);
        let max = self.device.limits().max_texture_dimension_2d;
        if w == 0 || h == 0 || w > max || h > max {
            return Err(RenderError::TooLarge(w, h, max));
        }
        let target = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("offscreen target"),
            size: wgpu::Extent3d { width: w, height: h, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = target.create_view(&Default::default());
        // Each image is a frame of its own: what earlier images used may be evicted now.
        let list = DrawList { frame: self.renderer.frame() + 1, ..list.clone() };
        self.renderer.prepare(&self.device, &self.queue, 0, &list);
        self.overlays.prepare(&self.device, &self.queue, 0, &list.overlays);
        let padded_row = (w * 4).div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
        let readback = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("readback"),
            size: padded_row as u64 * h as u64,
            usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
            mapped_at_creation: false,
        });
        let mut encoder = self.device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("offscreen"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            self.renderer.paint(&mut pass, 0);
            self.overlays.paint(&mut pass, 0);
        }
        encoder.copy_texture_to_buffer(
            target.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &readback,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded_row),
                    rows_per_image: Some(h),
                },
            },
            wgpu::Extent3d { width: w, height: h, depth_or_array_layers: 1 },
        );
        self.queue.submit([encoder.finish()]);
        let slice = readback.slice(..);
        let (tx, rx) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| {
            let _ = tx.send(r);
        });
        self.device.poll(wgpu::PollType::wait_indefinitely()).map_err(|e| RenderError::Readback(e.to_string()))?;
        rx.recv()
            .map_err(|e| RenderError::Readback(e.to_string()))?
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        let mapped = slice.get_mapped_range().map_err(|e| RenderError::Readback(e.to_string()))?;
        let mut out = Vec::with_capacity((w * h * 4) as usize);
        for row in 0..h as usize {
            let start = row * padded_row as usize;
            out.extend_from_slice(&mapped[start..start + (w * 4) as usize]);
        }
        drop(mapped);
        readback.unmap();
        Ok(out)
    }
}
