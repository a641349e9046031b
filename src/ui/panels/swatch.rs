//! A colour swatch beside a class name or a value, shared by the legends, the inspector and the matrices.

use eframe::egui::{self, Color32, Sense};

use crate::ui::theme;

pub fn swatch(ui: &mut egui::Ui, rgba: [u8; 4]) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), Sense::hover());
    let colour = Color32::from_rgba_unmultiplied(rgba[0], rgba[1], rgba[2], rgba[3].max(40));
    ui.painter().rect_filled(rect, 2.0, colour);
    ui.painter().rect_stroke(rect, 2.0, egui::Stroke::new(1.0, theme::SWATCH_BORDER), egui::StrokeKind::Inside);
}
