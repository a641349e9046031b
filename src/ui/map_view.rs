//! The map: input (drag, wheel, pinch, keys), the frame plan, tile requests, the GPU paint callback and the scale bar.

use std::sync::Arc;

use eframe::egui::{self, Color32, Key, Pos2, Rect, Sense, Stroke, Vec2};
use eframe::egui_wgpu;

use super::app::ViewerApp;
use super::scale_bar::nice_length;
use crate::render::MapCallback;
use crate::view::{plan_frame, Camera};

/// Pixels an arrow key pans.
const KEY_PAN_PX: f64 = 120.0;
/// Zoom factor of one +/- key press.
const KEY_ZOOM: f64 = 1.5;

impl ViewerApp {
    pub(super) fn map_panel(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().frame(egui::Frame::NONE.fill(Color32::from_gray(40))).show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
            self.map_rect = Some(rect);
            let ppp = ui.ctx().pixels_per_point() as f64;
            // The viewport in physical pixels, rounded as egui rounds the paint callback's viewport.
            let size = [
                ((rect.max.x as f64 * ppp).round() - (rect.min.x as f64 * ppp).round()).max(1.0),
                ((rect.max.y as f64 * ppp).round() - (rect.min.y as f64 * ppp).round()).max(1.0),
            ];
            if self.stack.is_empty() {
                self.camera = None;
                self.hover = None;
                empty_hint(ui, rect);
                return;
            }
            if self.camera.is_none() || self.fit_pending {
                self.fit(size);
                self.fit_pending = false;
            }
            let Some(before) = self.camera else { return };
            let mut camera = before;
            self.handle_input(ui, &response, rect, ppp, size, &mut camera);
            if camera != before {
                self.camera = Some(camera);
                self.generation += 1;
                self.pool.set_generation(self.generation);
                // Requests of older generations are dropped by the loader; ask again for what is still visible.
                self.in_flight.clear();
            }
            self.hover = response.hover_pos().map(|p| camera.screen_to_map(size, to_px(p, rect, ppp)));
            let plan = plan_frame(&camera, size, &mut self.stack, &mut self.cache, self.generation);
            for request in plan.wanted {
                if self.in_flight.contains_key(&request.key) || self.failed.contains(&request.key) {
                    continue;
                }
                let key = request.key;
                if self.pool.request(request) {
                    self.in_flight.insert(key, self.generation);
                }
            }
            if self.gpu {
                let callback = MapCallback { view_id: 0, list: Arc::new(plan.list) };
                ui.painter().add(egui_wgpu::Callback::new_paint_callback(rect, callback));
            }
            for (i, (_, progress)) in plan.building.iter().enumerate() {
                let text = format!("Building overview pyramid… {:.0} %", progress * 100.0);
                let pos = rect.left_top() + Vec2::new(12.0, 12.0 + 20.0 * i as f32);
                ui.painter().text(pos, egui::Align2::LEFT_TOP, text, egui::FontId::proportional(14.0), Color32::WHITE);
            }
            draw_scale_bar(ui, rect, camera.res / ppp);
            self.schedule_analysis(camera, size, response.clicked());
        });
    }

    fn handle_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        rect: Rect,
        ppp: f64,
        size: [f64; 2],
        camera: &mut Camera,
    ) {
        let min_res = self.stack.finest_res().unwrap_or(1.0) * crate::view::MIN_RES_FACTOR;
        if response.dragged() {
            let d = response.drag_delta();
            camera.pan_pixels([d.x as f64 * ppp, d.y as f64 * ppp]);
        }
        if response.hovered() {
            let (scroll, zoom, pointer) =
                ui.ctx().input(|i| (i.smooth_scroll_delta.y, i.zoom_delta(), i.pointer.hover_pos()));
            if let Some(p) = pointer {
                let anchor = to_px(p, rect, ppp);
                let factor = (scroll as f64 * 0.0025).exp() * zoom as f64;
                if factor != 1.0 {
                    camera.zoom_about(size, anchor, factor, min_res);
                }
            }
        }
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let centre = [size[0] / 2.0, size[1] / 2.0];
        ui.ctx().input(|i| {
            let pan = KEY_PAN_PX;
            for (key, d) in [
                (Key::ArrowLeft, [pan, 0.0]),
                (Key::ArrowRight, [-pan, 0.0]),
                (Key::ArrowUp, [0.0, pan]),
                (Key::ArrowDown, [0.0, -pan]),
            ] {
                if i.key_pressed(key) {
                    camera.pan_pixels(d);
                }
            }
            if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
                camera.zoom_about(size, centre, KEY_ZOOM, min_res);
            }
            if i.key_pressed(Key::Minus) {
                camera.zoom_about(size, centre, 1.0 / KEY_ZOOM, min_res);
            }
        });
        let (fit, one_to_one) = ui.ctx().input(|i| (i.key_pressed(Key::Num0), i.key_pressed(Key::Num1)));
        if fit {
            if let Some(extent) = self.stack.extent() {
                *camera = Camera::fit(extent, size);
            }
        }
        if one_to_one {
            if let Some(res) = self.stack.finest_res() {
                camera.res = res;
            }
        }
    }
}

/// A point in points -> physical pixels from the map viewport's top-left corner (rounded as egui rounds it).
fn to_px(p: Pos2, rect: Rect, ppp: f64) -> [f64; 2] {
    [p.x as f64 * ppp - (rect.min.x as f64 * ppp).round(), p.y as f64 * ppp - (rect.min.y as f64 * ppp).round()]
}

fn empty_hint(ui: &egui::Ui, rect: Rect) {
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop raster files or a folder here, or use File > Open (Ctrl+O)",
        egui::FontId::proportional(18.0),
        Color32::from_gray(200),
    );
}

/// A scale bar in the bottom-left corner; `res_per_point` is map units per egui point.
fn draw_scale_bar(ui: &egui::Ui, rect: Rect, res_per_point: f64) {
    let Some((length, label)) = nice_length(150.0 * res_per_point) else { return };
    let width = (length / res_per_point) as f32;
    let start = rect.left_bottom() + Vec2::new(16.0, -18.0);
    let end = start + Vec2::new(width, 0.0);
    let painter = ui.painter();
    let back = Rect::from_min_max(start + Vec2::new(-6.0, -22.0), end + Vec2::new(6.0, 8.0));
    painter.rect_filled(back, 3.0, Color32::from_black_alpha(150));
    let stroke = Stroke::new(2.0, Color32::WHITE);
    painter.line_segment([start, end], stroke);
    painter.line_segment([start, start + Vec2::new(0.0, -6.0)], stroke);
    painter.line_segment([end, end + Vec2::new(0.0, -6.0)], stroke);
    painter.text(
        start + Vec2::new(width / 2.0, -8.0),
        egui::Align2::CENTER_BOTTOM,
        label,
        egui::FontId::proportional(13.0),
        Color32::WHITE,
    );
}
