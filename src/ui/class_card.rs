//! The class card: what a class is, at a click, for teaching. It opens from a class's code in the legend or with
//! Ctrl+click on the map (the class of the top visible class layer under the cursor), and shows the colour, code,
//! name, the CORINE hierarchy, our description with its source, and the class's share of the view.

use eframe::egui::{self, Color32, RichText};

use super::app::ViewerApp;
use crate::product::clc_levels::dotted;
use crate::product::LegendEntry;
use crate::text;

/// Which class the card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassCard {
    pub layer_id: u32,
    pub code: u32,
}

impl ViewerApp {
    /// Opens the card of `code` in layer `layer_id`.
    pub fn open_class_card(&mut self, layer_id: u32, code: u32) {
        self.class_card = Some(ClassCard { layer_id, code });
    }

    /// The card shown, if any.
    pub fn class_card(&self) -> Option<ClassCard> {
        self.class_card
    }

    /// Opens the card of the class under the cursor: the top visible class layer with a legend entry there, read
    /// from the inspector's base-level values. Returns whether a card opened.
    pub(super) fn open_class_card_at_cursor(&mut self) -> bool {
        let Some(result) = &self.state.analysis.inspected else { return false };
        let found = self.state.stack.layers.iter().filter(|l| l.visible && l.info.is_categorical()).find_map(|layer| {
            let value = result.values.iter().find(|v| v.layer_id == layer.id)?;
            let code = value.value.as_ref().ok().copied().flatten()? as u32;
            layer.info.legend.entry(code).map(|_| (layer.id, code))
        });
        match found {
            Some((layer_id, code)) => {
                self.open_class_card(layer_id, code);
                true
            }
            None => false,
        }
    }

    pub(super) fn class_card_window(&mut self, ui: &mut egui::Ui) {
        let Some(card) = self.class_card else { return };
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == card.layer_id) else {
            self.class_card = None;
            return;
        };
        let Some(entry) = layer.info.legend.entry(card.code).cloned() else {
            self.class_card = None;
            return;
        };
        let about = layer.info.legend.about.clone();
        let title = layer.title();
        let share = self.state.analysis.view.stats.get(&card.layer_id).map(|s| {
            let row = s.table.rows.iter().find(|r| r.value == card.code);
            (row.and_then(|r| r.area_perc), row.map_or(0.0, |r| r.area_km2), s.level)
        });
        let mut open = true;
        egui::Window::new(RichText::new(text::class_card(&entry.label)).strong())
            .id(egui::Id::unique("class card"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(380.0)
            .show(ui.ctx(), |ui| {
                card_header(ui, &entry);
                if let Some(path) = hierarchy(&entry) {
                    ui.label(path);
                }
                ui.separator();
                match &entry.description {
                    Some(d) => ui.label(d),
                    None => ui.weak(text::NO_DESCRIPTION),
                };
                ui.separator();
                ui.label(match (entry.technical, share) {
                    (true, _) => text::TECHNICAL_CARD.to_string(),
                    (false, Some((Some(p), km2, level))) => text::in_view_share(p, km2, level == 0),
                    (false, Some((None, _, _))) => text::IN_VIEW_ABSENT.to_string(),
                    (false, None) => text::IN_VIEW_COUNTING.to_string(),
                });
                ui.weak(text::card_layer(&title));
                if let Some(about) = about {
                    ui.add_space(4.0);
                    ui.weak(about.text);
                    let section = entry.source_section.as_deref().unwrap_or("");
                    ui.weak(text::card_source(&about.source, section));
                }
            });
        if !open {
            self.class_card = None;
        }
    }
}

/// A big swatch, the code and the name.
fn card_header(ui: &mut egui::Ui, entry: &LegendEntry) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(56.0, 36.0), egui::Sense::hover());
        let [r, g, b, a] = entry.rgba;
        ui.painter().rect_filled(rect, 4.0, Color32::from_rgba_unmultiplied(r, g, b, a.max(40)));
        ui.vertical(|ui| {
            ui.label(RichText::new(&entry.label).heading());
            ui.label(text::card_code(entry.code));
        });
    });
}

/// CORINE: "1 Artificial surfaces > 1.2 Industrial, ... > 1.2.4 Airports", shorter for a level-2 or level-1 group.
fn hierarchy(entry: &LegendEntry) -> Option<String> {
    let path = entry.clc.as_ref()?.path();
    if path.is_empty() {
        return None;
    }
    let parts: Vec<String> = path.iter().map(|(k, label)| format!("{} {label}", dotted(*k))).collect();
    Some(text::clc_hierarchy(&parts))
}
