//! Zones in the panels: the zone layers in the Layers panel (visibility, fills, label field, close) and, in the
//! analysis panel, the selected zones' attributes and their class table (rule, sorting, CSV).

use std::cmp::Ordering;

use eframe::egui;

use crate::stats::{Rule, ZonalRow};
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
                ui.label(format!("{} {}", row.value, row.class_name));
                ui.end_row();
            }
        });
        if ui.button(text::EXPORT_CSV).clicked() {
            commands.push(Command::SaveText { text: table.to_csv(), name: "zones".into(), ext: "csv".into() });
        }
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
