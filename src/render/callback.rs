//! The egui paint callback (egui's custom3d_wgpu pattern): the pipeline and textures live in egui's callback
//! resources, created once; each frame's callback carries only its draw list.

use std::sync::Arc;

use eframe::egui_wgpu::{self, wgpu};

use super::draw_list::DrawList;
use super::overlay::OverlayRenderer;
use super::tile_renderer::TileRenderer;

/// Puts a [`TileRenderer`] and an [`OverlayRenderer`] into egui's callback resources. Call once, at start-up.
pub fn register_renderer(render_state: &egui_wgpu::RenderState, budget_bytes: usize) {
    let renderer = TileRenderer::new(&render_state.device, render_state.target_format, budget_bytes);
    let overlays = OverlayRenderer::new(&render_state.device, render_state.target_format);
    let mut egui_renderer = render_state.renderer.write();
    egui_renderer.callback_resources.insert(renderer);
    egui_renderer.callback_resources.insert(overlays);
}

/// One map view's draw list for one frame.
pub struct MapCallback {
    pub view_id: u64,
    pub list: Arc<DrawList>,
}

impl egui_wgpu::CallbackTrait for MapCallback {
    fn prepare(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        _screen_descriptor: &egui_wgpu::ScreenDescriptor,
        _egui_encoder: &mut wgpu::CommandEncoder,
        resources: &mut egui_wgpu::CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        if let Some(renderer) = resources.get_mut::<TileRenderer>() {
            renderer.prepare(device, queue, self.view_id, &self.list);
        }
        if let Some(overlays) = resources.get_mut::<OverlayRenderer>() {
            overlays.prepare(device, queue, self.view_id, &self.list.overlays);
        }
        Vec::new()
    }

    fn paint(
        &self,
        _info: eframe::egui::PaintCallbackInfo,
        render_pass: &mut wgpu::RenderPass<'static>,
        resources: &egui_wgpu::CallbackResources,
    ) {
        if let Some(renderer) = resources.get::<TileRenderer>() {
            renderer.paint(render_pass, self.view_id);
        }
        if let Some(overlays) = resources.get::<OverlayRenderer>() {
            overlays.paint(render_pass, self.view_id);
        }
    }
}
