//! The from-to matrix of a change view in the analysis panel: counted on the stats worker (the view or the whole
//! file, exact), each cell an area; clicking a cell highlights that transition on the map.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use crate::stats::{ChangeRow, ChangeTable};
use crate::text;
use crate::ui::analysis::Scope;
use crate::ui::command::{Command, Commands};
use crate::ui::state::AppState;
use crate::view::{change_colour, pair_code, pair_of, PairKind};

pub fn change_matrix_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands, id: u32) {
    let unit = state.analysis.area_unit;
    let scope = state.analysis.scope;
    let pairs = state.analysis.current().cross.get(&id).cloned();
    let Some(layer) = state.stack.get_mut(id) else { return };
    let Some(pair) = layer.pair().cloned() else { return };
    let PairKind::Change { colour_by } = pair.kind else { return };
    let old_info = std::sync::Arc::clone(&layer.info);
    let (old, new) = (&old_info.legend, &pair.other.legend);
    let pixel_area = layer.source.levels.first().map_or(0.0, |l| l.pixel_size.0 * l.pixel_size.1);
    let table = pairs.as_ref().map(|p| ChangeTable::new(p, old, new, pixel_area));
    let mut export = None;
    let title = layer.title();
    egui::CollapsingHeader::new(RichText::new(title).strong()).id_salt(("change", id)).default_open(true).show(
        ui,
        |ui| {
            let status = match (scope, &table) {
                (Scope::View, Some(_)) => text::CHANGE_VIEW_EXACT,
                (Scope::File, Some(_)) => text::CHANGE_FILE_EXACT,
                (Scope::View, None) => text::VIEW_COUNTING,
                (Scope::File, None) => text::FILE_COUNTING,
                (Scope::Zones, _) => text::ZONES_NOT_COUNTED,
            };
            ui.label(RichText::new(status).italics());
            let Some(t) = &table else { return };
            let d = unit.decimals();
            let changed_km2 = t.changed_pixels as f64 * t.pixel_area_m2 / 1e6;
            let share = t.changed_pixels as f64 * 100.0 / t.total_pixels.max(1) as f64;
            ui.label(text::changed_summary(unit.of_km2(changed_km2), d, unit.symbol(), share, t.total_pixels));
            ui.weak(text::MATRIX_HINT);
            // Indexed once: the grid looks up every header and cell.
            let froms: BTreeMap<u32, &str> = t.rows.iter().map(|r| (r.from, r.from_name.as_str())).collect();
            let tos: BTreeMap<u32, &str> = t.rows.iter().map(|r| (r.to, r.to_name.as_str())).collect();
            let cells: BTreeMap<(u32, u32), &ChangeRow> = t.rows.iter().map(|r| ((r.from, r.to), r)).collect();
            let highlight = layer.filter().highlight;
            let mut clicked = None;
            egui::ScrollArea::horizontal().id_salt(("matrix", id)).show(ui, |ui| {
                egui::Grid::new(("change matrix", id)).spacing([4.0, 2.0]).show(ui, |ui| {
                    ui.label(text::FROM_TO);
                    for (&to, name) in &tos {
                        code_header(ui, new.colour_of(to), to, name);
                    }
                    ui.end_row();
                    for (&from, name) in &froms {
                        code_header(ui, old.colour_of(from), from, name);
                        for &to in tos.keys() {
                            let Some(row) = cells.get(&(from, to)) else {
                                ui.weak("·");
                                continue;
                            };
                            let code = pair_code(from, to);
                            let text = format!("{:.d$}", unit.of_km2(row.area_km2));
                            let text = if from == to { RichText::new(text).weak() } else { RichText::new(text) };
                            let cell = ui.selectable_label(highlight == Some(code), text).on_hover_text(
                                text::transition_tip(&row.from_name, &row.to_name, row.count, row.area_km2),
                            );
                            if cell.clicked() {
                                clicked = Some(code);
                            }
                        }
                        ui.end_row();
                    }
                });
            });
            if let Some(code) = clicked {
                layer.set_highlight((highlight != Some(code)).then_some(code));
            }
            if let Some(code) = layer.filter().highlight {
                let (from, to) = pair_of(code);
                let colour = change_colour(old, new, colour_by, from, to);
                ui.horizontal(|ui| {
                    super::swatch::swatch(ui, colour);
                    ui.label(text::highlighted_transition(from, to));
                    if ui.small_button(text::CLEAR).clicked() {
                        layer.set_highlight(None);
                    }
                });
            }
            if ui.button(text::EXPORT_CSV).on_hover_text(text::CHANGE_CSV_TIP).clicked() {
                export = Some(t.to_csv());
            }
        },
    );
    if let Some(csv) = export {
        commands.push(Command::SaveText { text: csv, name: text::FILE_CHANGE.into(), ext: "csv".into() });
    }
}

/// A row or column header: the class colour and code, the name on hover.
fn code_header(ui: &mut egui::Ui, rgba: [u8; 4], code: u32, name: &str) {
    ui.horizontal(|ui| {
        super::swatch::swatch(ui, rgba);
        ui.label(code.to_string());
    })
    .response
    .on_hover_text(name);
}
