//! The class card: what a class is, at a click, for teaching. It opens from a class's code in the legend or with
//! Ctrl+click on the map (the class of the top visible class layer under the cursor), and shows the colour, code,
//! name, the CORINE hierarchy, our description with its source, and the class's share of the view.

use eframe::egui::{self, Color32, RichText};

use crate::product::clc_levels::dotted;
use crate::product::LegendEntry;
use crate::text;
use crate::ui::state::AppState;

/// Which class the card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassCard {
    pub layer_id: u32,
    pub code: u32,
}

impl ClassCard {
    /// Draws the card; returns false once it is closed (or its layer or class is gone).
    pub fn show(&self, ui: &egui::Ui, state: &AppState) -> bool {
        let card = *self;
        let Some(layer) = state.stack.layers.iter().find(|l| l.id == card.layer_id) else {
            return false;
        };
        let Some(entry) = layer.info.legend.entry(card.code).cloned() else {
            return false;
        };
        let about = layer.info.legend.about.clone();
        let title = layer.title();
        let share = state.analysis.view.stats.get(&card.layer_id).map(|s| {
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
        open
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
