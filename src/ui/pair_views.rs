//! Layers that pair two files pixel by pixel, in the window: the change view (two years of a class layer), the
//! confidence view (a class layer dimmed where its confidence layer is low) and the imperviousness view (RAS flagged
//! where Imperviousness Density disagrees about sealing). Which pairs the Compare menu offers, adding them, and their
//! controls in the Layers panel.

use std::sync::Arc;

use eframe::egui;

use super::app::ViewerApp;
use super::command::Command;
use crate::product::qa_rules::ImperviousThresholds;
use crate::product::Layer;
use crate::raster::DataType;
use crate::text;
use crate::view::{ColourBy, LayerStack, MapLayer, PairKind};

/// Confidence below which the confidence view dims a class at first, in percent (the confidence panel's default).
pub const DEFAULT_CONFIDENCE_THRESHOLD: u32 = 50;

/// A pair of layers the menu offers: (first id, other id, what to add, menu text).
type Candidate = (u32, u32, PairKind, String);

impl ViewerApp {
    /// Menu entries for the paired views that can be added from the open layers.
    pub(super) fn pair_views_menu(&mut self, ui: &mut egui::Ui) {
        let candidates = pair_candidates(&self.stack);
        if candidates.is_empty() {
            ui.label(text::PAIR_VIEWS_HINT);
        }
        for (first, other, kind, title) in candidates {
            if ui.button(title).clicked() {
                self.commands.push(Command::AddPairView { first, other, kind });
                ui.close();
            }
        }
    }

    /// Adds the change view of layer `old` to layer `new` on top of the stack.
    pub fn add_change_view(&mut self, old: u32, new: u32) {
        self.add_pair_view(old, new, PairKind::Change { colour_by: ColourBy::default() });
    }

    /// Adds a view pairing layer `first` with layer `other` on top of the stack; says so when `other` is resampled,
    /// and why when the two cannot be paired.
    pub fn add_pair_view(&mut self, first: u32, other: u32, kind: PairKind) {
        let info = |id: u32| self.stack.layers.iter().find(|l| l.id == id).map(|l| Arc::clone(&l.info));
        let (Some(a), Some(b)) = (info(first), info(other)) else { return };
        match self.stack.push_pair(a, b, kind) {
            Ok(id) => {
                let note = self.stack.get_mut(id).and_then(|l| l.pair()).and_then(|p| p.note.clone());
                if let Some(note) = note {
                    self.info(note);
                }
            }
            Err(e) => self.error(e),
        }
    }

    /// The controls of a paired layer in the Layers panel: colouring of a change view, thresholds of the quality
    /// views, and the resampling note.
    pub(super) fn pair_controls(ui: &mut egui::Ui, layer: &mut MapLayer) {
        let Some(pair) = layer.pair() else { return };
        if let Some(note) = &pair.note {
            ui.label(egui::RichText::new(note).small().italics());
        }
        let mut kind = pair.kind;
        match &mut kind {
            PairKind::Change { colour_by } => {
                ui.horizontal(|ui| {
                    ui.label(text::CHANGED_IN_COLOUR_OF);
                    ui.selectable_value(colour_by, ColourBy::From, text::FROM_CLASS);
                    ui.selectable_value(colour_by, ColourBy::To, text::TO_CLASS);
                });
            }
            PairKind::Confidence { threshold } => {
                ui.add(egui::Slider::new(threshold, 0..=100).text(text::DIM_BELOW));
            }
            PairKind::Imperviousness(t) => {
                ui.add(egui::Slider::new(&mut t.sealed_below, 0..=100).text(text::SEALED_BELOW));
                ui.add(egui::Slider::new(&mut t.impervious_from, 0..=100).text(text::NOT_SEALED_FROM));
            }
        }
        layer.set_pair_kind(kind);
    }
}

/// Every paired view the open layers allow: change views of two 8-bit class layers of one product (the older year
/// first; without years, the lower layer first), confidence views of a class layer with its confidence layer, and
/// imperviousness views of RAS with IMD. Pairs on grids GDAL cannot align are left out; resampled ones say so.
pub fn pair_candidates(stack: &LayerStack) -> Vec<Candidate> {
    let plain: Vec<(usize, &MapLayer)> = stack
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.pair().is_none() && l.info.meta.dtype == DataType::Byte)
        .collect();
    let is_classes = |l: &MapLayer| l.info.is_categorical();
    let year = |l: &MapLayer| l.info.product.as_ref().and_then(|p| p.year);
    let layer_kind = |l: &MapLayer| l.info.product.as_ref().map(|p| p.layer);
    let mut out = Vec::new();
    for &(i, a) in &plain {
        for &(j, b) in &plain {
            if a.id == b.id {
                continue;
            }
            let older_first = match (year(a), year(b)) {
                (Some(ya), Some(yb)) if ya != yb => ya < yb,
                _ => i > j,
            };
            let kind = match (layer_kind(a), layer_kind(b)) {
                _ if is_classes(a) && is_classes(b) && older_first && layer_kind(a) == layer_kind(b) => {
                    PairKind::Change { colour_by: ColourBy::default() }
                }
                (Some(Layer::Ras), Some(Layer::Rascl)) => {
                    PairKind::Confidence { threshold: DEFAULT_CONFIDENCE_THRESHOLD }
                }
                (Some(Layer::Ras), Some(Layer::Imd)) => PairKind::Imperviousness(ImperviousThresholds::default()),
                _ => continue,
            };
            let Ok(aligned) = a.info.align(&b.info) else { continue };
            let resampled = if aligned.onto.is_some() { text::RESAMPLED } else { "" };
            let title = match kind {
                PairKind::Change { .. } => text::change_view(&a.title(), &b.title()),
                PairKind::Confidence { .. } => text::confidence_view(&a.title(), &b.title()),
                PairKind::Imperviousness(_) => text::imperviousness_view(&a.title(), &b.title()),
            };
            out.push((a.id, b.id, kind, format!("{title}{resampled}")));
        }
    }
    out
}
