//! Zones in the panels: the zone layers in the Layers panel (visibility, fills, label field, close) and, in the
//! analysis panel, the selected zones' attributes and their class table (rule, sorting, CSV).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use eframe::egui::{self, Color32};
use egui_plot::{Line, Plot, PlotPoints};

use super::histogram::histogram_ui;
use super::swatch::swatch;
use crate::product::Legend;
use crate::stats::{Rule, ZonalRow, ZonalTable};
use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::state::AppState;
use crate::ui::zones::{selecting, ZoneSort};

/// The zone layers, top first, under the raster layers.
pub fn zone_layers(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let zones = &mut state.zones;
    if state.stack.is_empty() && zones.waiting.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(text::ZONES).strong());
        let drawing = zones.drawing.is_some();
        if ui.selectable_label(drawing, text::DRAW_ZONE).on_hover_text(text::DRAW_ZONE_TIP).clicked() {
            zones.drawing = if drawing { None } else { Some(Vec::new()) };
        }
    });
    if zones.drawing.is_some() {
        ui.label(egui::RichText::new(text::DRAWING_ZONE).small());
    }
    if zones.loading > 0 {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(text::reading_zones(zones.loading));
        });
    }
    if !zones.waiting.is_empty() && zones.loading == 0 {
        ui.label(text::ZONES_WAIT_FOR_RASTER);
    }
    for layer in zones.layers.iter_mut().rev() {
        ui.separator();
        ui.horizontal(|ui| {
            ui.checkbox(&mut layer.visible, "").on_hover_text(text::LAYER_VISIBLE_TIP);
            ui.add(egui::Label::new(egui::RichText::new(&layer.name).strong()).truncate())
                .on_hover_text(layer.path.display().to_string());
        });
        ui.label(text::zone_count(layer.features.len()));
        ui.checkbox(&mut layer.fill, text::ZONE_FILL);
        let current = layer.label_field.and_then(|f| layer.fields.get(f)).map_or(text::NO_LABELS, String::as_str);
        egui::ComboBox::from_id_salt(("label field", layer.id)).selected_text(current).show_ui(ui, |ui| {
            ui.selectable_value(&mut layer.label_field, None, text::NO_LABELS);
            for (i, field) in layer.fields.iter().enumerate() {
                ui.selectable_value(&mut layer.label_field, Some(i), field);
            }
        });
        ui.horizontal(|ui| {
            if ui.button(text::SELECT_ALL_ZONES).clicked() {
                commands.push(Command::SelectAllZones(layer.id));
            }
            if ui.button(text::CLOSE).clicked() {
                commands.push(Command::CloseZones(layer.id));
            }
        });
    }
}

/// The selected zones: their attributes and class table.
pub fn zones_section(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let stack = &state.stack;
    let histogram_areas = state.analysis.histogram_areas.then_some(state.analysis.area_unit);
    let zones = &mut state.zones;
    let Some(layer) = selecting(&zones.layers) else { return };
    let heading = text::selected_zones(layer.selected.len(), &layer.name);
    let stats = &mut zones.stats;
    egui::CollapsingHeader::new(heading).id_salt("zones section").default_open(true).show(ui, |ui| {
        if let [one] = layer.selected.as_slice() {
            egui::Grid::new("zone attributes").striped(true).show(ui, |ui| {
                for (field, value) in layer.fields.iter().zip(&layer.attributes[*one as usize]) {
                    ui.label(field);
                    ui.label(value);
                    ui.end_row();
                }
            });
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            ui.label(text::ZONAL_RULE);
            ui.radio_value(&mut stats.rule, Rule::Coverage, text::RULE_COVERAGE).on_hover_text(text::RULE_COVERAGE_TIP);
            ui.radio_value(&mut stats.rule, Rule::Centre, text::RULE_CENTRE).on_hover_text(text::RULE_CENTRE_TIP);
        });
        if stats.busy {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text::COUNTING_CAPITAL);
            });
        }
        let Some(table) = &stats.table else { return };
        // The counted layer's legend gives the rows their colours.
        let counted = stats.key.as_ref().and_then(|k| stack.layers.iter().find(|l| Some(&l.id) == k.3.first()));
        let legend = counted.map(|l| &l.info.legend);
        ui.weak(text::zonal_counted_on(&stats.raster_name, table.rule.name()));
        let mut rows: Vec<&ZonalRow> = table.rows.iter().collect();
        sort_rows(&mut rows, stats.sort);
        // One zone: its classes; several: the zone leads each row.
        let several = layer.selected.len() > 1;
        egui::Grid::new("zones table").striped(true).show(ui, |ui| {
            if several
                && ui.selectable_label(stats.sort == ZoneSort::Zone, text::ZONE).on_hover_text(text::SORT_TIP).clicked()
            {
                stats.sort = ZoneSort::Zone;
            }
            if ui.selectable_label(stats.sort == ZoneSort::Area, text::AREA_KM2).on_hover_text(text::SORT_TIP).clicked()
            {
                stats.sort = ZoneSort::Area;
            }
            ui.label(text::SHARE);
            // The class name last: a long one runs on to the right without squeezing the numbers.
            if ui.selectable_label(stats.sort == ZoneSort::Class, text::CLASS).on_hover_text(text::SORT_TIP).clicked() {
                stats.sort = ZoneSort::Class;
            }
            ui.end_row();
            for row in rows {
                if several {
                    ui.label(&row.zone);
                }
                ui.label(row.area_km2.map_or_else(|| "-".into(), |a| format!("{a:.4}")));
                ui.label(row.area_perc.map_or_else(|| "-".into(), |p| format!("{p:.2} %")));
                ui.horizontal(|ui| {
                    if let Some(legend) = legend {
                        swatch(ui, legend.colour_of(row.value));
                    }
                    ui.label(format!("{} {}", row.value, row.class_name));
                });
                ui.end_row();
            }
        });
        // The zones together in the histogram the legends have.
        if let (Some(legend), Some(layer)) = (legend, counted) {
            histogram_ui(ui, ("zones", layer.id), legend, &table.combined(), histogram_areas);
        }
        if ui.button(text::EXPORT_CSV).clicked() {
            commands.push(Command::SaveText { text: table.to_csv(), name: "zones".into(), ext: "csv".into() });
        }
        if stats.by_year.len() >= 2 {
            years_ui(ui, &stats.by_year, legend);
        }
    });
}

/// The selected zones' land-cover areas in every year open: a table (class by year) and a chart over time.
fn years_ui(ui: &mut egui::Ui, by_year: &[(u16, ZonalTable)], legend: Option<&Legend>) {
    // Areas summed over the selected zones, per class, one value per year.
    let mut classes: BTreeMap<u32, (String, Vec<f64>)> = BTreeMap::new();
    for (i, (_, table)) in by_year.iter().enumerate() {
        for row in table.rows.iter().filter(|r| !r.technical) {
            let entry = classes.entry(row.value).or_insert_with(|| (row.class_name.clone(), vec![0.0; by_year.len()]));
            entry.1[i] += row.area_km2.unwrap_or(row.pixels);
        }
    }
    egui::CollapsingHeader::new(text::ZONE_YEARS).id_salt("zone years").default_open(true).show(ui, |ui| {
        egui::Grid::new("zone years table").striped(true).show(ui, |ui| {
            for (year, _) in by_year {
                ui.strong(year.to_string());
            }
            ui.strong(text::CLASS);
            ui.end_row();
            for (value, (name, areas)) in &classes {
                for area in areas {
                    ui.label(format!("{area:.4}"));
                }
                ui.label(format!("{value} {name}"));
                ui.end_row();
            }
        });
        Plot::new("zone years plot")
            .height(160.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label(text::YEAR)
            .y_axis_label(text::AREA_KM2)
            .show(ui, |plot| {
                for (value, (name, areas)) in &classes {
                    let points: PlotPoints = by_year.iter().zip(areas).map(|((y, _), a)| [*y as f64, *a]).collect();
                    let [r, g, b, _] = legend.map_or([128, 128, 128, 255], |l| l.colour_of(*value));
                    plot.line(Line::new(name.as_str(), points).color(Color32::from_rgb(r, g, b)).width(2.0));
                }
            });
    });
}

fn sort_rows(rows: &mut [&ZonalRow], sort: ZoneSort) {
    let area = |r: &ZonalRow| r.area_km2.unwrap_or(r.pixels);
    match sort {
        ZoneSort::Zone => {}
        ZoneSort::Class => rows.sort_by(|a, b| a.value.cmp(&b.value).then_with(|| a.zone.cmp(&b.zone))),
        ZoneSort::Area => rows.sort_by(|a, b| area(b).partial_cmp(&area(a)).unwrap_or(Ordering::Equal)),
    }
}
