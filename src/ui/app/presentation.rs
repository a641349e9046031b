//! Entering and leaving presentation mode: full screen and a larger UI.

use super::map_view::{map_to_point, px_size};
use super::ViewerApp;
use crate::pyramid::{TileKey, TILE_PX};
use crate::ui::presentation::*;
use crate::view::Camera;
use eframe::egui::{self};

impl ViewerApp {
    pub fn presenting(&self) -> bool {
        self.state.presentation.on
    }

    /// Enters or leaves presentation mode: full screen and a larger UI, or the window as it was.
    pub fn set_presenting(&mut self, ctx: &egui::Context, on: bool) {
        if on == self.state.presentation.on {
            return;
        }
        if on {
            self.state.presentation.zoom_before = ctx.zoom_factor();
            ctx.set_zoom_factor(self.state.presentation.zoom_before * PRESENTATION_ZOOM);
        } else {
            ctx.set_zoom_factor(self.state.presentation.zoom_before);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        self.state.presentation.on = on;
    }

    /// Writes each data pixel's value on it, for the top visible layer, once pixels are [`LABEL_MIN_POINTS`] wide.
    /// Values come from the base-level tiles already in the CPU cache: nothing is read for the labels.
    pub(super) fn draw_pixel_labels(&mut self, painter: &egui::Painter, rect: egui::Rect, camera: &Camera, ppp: f64) {
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.visible && l.pair().is_none()) else { return };
        let Some(base) = layer.source.levels.first() else { return };
        let (px, py) = base.pixel_size;
        let points_per_pixel = px / camera.res / ppp;
        if points_per_pixel < LABEL_MIN_POINTS {
            return;
        }
        let view = camera.visible_extent(px_size(rect, ppp));
        let (ox, oy) = layer.origin();
        let c0 = ((view[0] - ox) / px).floor().max(0.0) as usize;
        let c1 = (((view[2] - ox) / px).ceil().max(0.0) as usize).min(base.cols);
        let r0 = ((oy - view[3]) / py).floor().max(0.0) as usize;
        let r1 = (((oy - view[1]) / py).ceil().max(0.0) as usize).min(base.rows);
        let (id, info) = (layer.id, std::sync::Arc::clone(&layer.info));
        let font = egui::FontId::monospace((points_per_pixel * 0.3).min(28.0) as f32);
        for r in r0..r1 {
            for c in c0..c1 {
                let key = TileKey { layer: id, level: 0, col: (c / TILE_PX) as u32, row: (r / TILE_PX) as u32 };
                let Some(tile) = self.tiles.cache.get(&key) else { continue };
                let i = (r % TILE_PX) * tile.width as usize + c % TILE_PX;
                let Some(value) = tile.pixels.value(i) else { continue };
                if info.legend.nodata.is_some_and(|n| n as f64 == value) {
                    continue;
                }
                let centre = [ox + (c as f64 + 0.5) * px, oy - (r as f64 + 0.5) * py];
                let pos = map_to_point(camera, rect, ppp, centre);
                let [cr, cg, cb, _] = info.legend.colour_of(value as u32);
                let light = 0.299 * cr as f32 + 0.587 * cg as f32 + 0.114 * cb as f32 > 140.0;
                let ink = crate::ui::theme::ink_on(light);
                let text = crate::product::format_value(value);
                painter.text(pos, egui::Align2::CENTER_CENTER, text, font.clone(), ink);
            }
        }
    }
}
