//! The change view in the window: offering the pairs of class layers that can be compared, adding the view, and its
//! colouring choice.

use std::sync::Arc;

use eframe::egui;

use super::app::ViewerApp;
use crate::raster::DataType;
use crate::view::{ColourBy, LayerStack, MapLayer};

impl ViewerApp {
    /// Menu entries for the change views that can be added (two 8-bit class layers of one grid).
    pub(super) fn change_view_menu(&mut self, ui: &mut egui::Ui) {
        let candidates = change_candidates(&self.stack);
        if candidates.is_empty() {
            ui.label("Change view: open two class layers of the same grid (two years of RAS or of CORINE).");
        }
        for (old, new, title) in candidates {
            if ui.button(format!("Change view: {title}")).clicked() {
                self.add_change_view(old, new);
                ui.close();
            }
        }
    }

    /// Adds the change view of layer `old` to layer `new` on top of the stack.
    pub fn add_change_view(&mut self, old: u32, new: u32) {
        let info = |id: u32| self.stack.layers.iter().find(|l| l.id == id).map(|l| Arc::clone(&l.info));
        let (Some(a), Some(b)) = (info(old), info(new)) else { return };
        if let Err(e) = self.stack.push_change(a, b) {
            self.message(e);
        }
    }

    /// The colouring choice of a change layer, in the Layers panel.
    pub(super) fn change_colouring(ui: &mut egui::Ui, layer: &mut MapLayer) {
        let Some(by) = layer.change().map(|c| c.colour_by) else { return };
        ui.horizontal(|ui| {
            ui.label("changed pixels in the colour of");
            let mut chosen = by;
            ui.selectable_value(&mut chosen, ColourBy::From, "from class");
            ui.selectable_value(&mut chosen, ColourBy::To, "to class");
            layer.set_colour_by(chosen);
        });
    }
}

/// Pairs (old id, new id, title) of layers a change view can compare: 8-bit class layers of one grid, the older
/// year first (without years, the lower layer first).
pub fn change_candidates(stack: &LayerStack) -> Vec<(u32, u32, String)> {
    let classes: Vec<(usize, &MapLayer)> = stack
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.change().is_none() && l.info.meta.dtype == DataType::Byte && l.info.is_categorical())
        .collect();
    let year = |l: &MapLayer| l.info.product.as_ref().and_then(|p| p.year);
    let kind = |l: &MapLayer| l.info.product.as_ref().map(|p| p.layer.canonical());
    let mut out = Vec::new();
    for &(i, a) in &classes {
        for &(j, b) in &classes {
            let older_first = match (year(a), year(b)) {
                (Some(ya), Some(yb)) if ya != yb => ya < yb,
                _ => i > j,
            };
            if a.id != b.id && older_first && kind(a) == kind(b) && a.info.grid_mismatch(&b.info).is_none() {
                out.push((a.id, b.id, format!("{} -> {}", a.title(), b.title())));
            }
        }
    }
    out
}
