//! The right-hand panel: the inspector (values under the cursor, pinned points) and, per visible layer, the legend
//! with the counts of the current view and the class filters.

use eframe::egui::{self, RichText};

use super::histogram::histogram_ui;
use super::swatch::swatch;
use crate::product::tile_grid::tile_id_at;
use crate::product::{format_value, LegendEntry, ValueKind};
use crate::stats::{ClassRow, InspectResult, InspectValue};
use crate::text;
use crate::ui::analysis::{AreaUnit, Scope};
use crate::ui::command::{Command, Commands};
use crate::ui::compare::{stack_name, CompareMode};
use crate::ui::state::AppState;
use crate::ui::theme;
use crate::view::{MapLayer, PairKind};

pub fn analysis_panel(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    if !state.settings.layout.analysis_open {
        return;
    }
    let width = state.settings.layout.analysis_width;
    let panel = egui::Panel::right("analysis").resizable(true).default_size(width).size_range(200.0..=720.0);
    let shown = panel.show(ui, |ui| {
        // Wide rows (long class names, areas and shares) scroll sideways rather than widen the panel: the map
        // keeps its room.
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            super::labelling::labelling_ui(ui, state, commands);
            egui::CollapsingHeader::new(RichText::new(text::INSPECTOR).heading()).default_open(true).show(ui, |ui| {
                inspector_ui(ui, state, commands);
            });
            scope_ui(ui, state, commands);
            super::zones::zones_section(ui, state, commands);
            let ids: Vec<u32> = state.stack.layers.iter().filter(|l| l.visible).map(|l| l.id).collect();
            super::confidence::confidence_ui(ui, state);
            for id in ids {
                legend_ui(ui, state, commands, id);
            }
            super::sample_size::sample_size_ui(ui, state);
        });
    });
    // The panel's outer width, as `default_size` takes it: kept for the next start.
    state.settings.layout.analysis_width = shown.response.rect.width();
}

/// What the legends count: the view (live), the whole file (exact, with progress and cancel) or the selected zones.
fn scope_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let cap = state.exact_view_pixels();
    let selection = state.zones.selecting().is_some();
    let a = &mut state.analysis;
    // Without a selection there are no zones to count: back to the view.
    if !selection && a.scope == Scope::Zones {
        a.scope = Scope::View;
    }
    // The choices wrap in a narrow panel rather than run off its edge.
    ui.horizontal_wrapped(|ui| {
        ui.label(text::COUNTS_OF);
        ui.radio_value(&mut a.scope, Scope::View, text::SCOPE_VIEW).on_hover_text(text::scope_view_tip(cap));
        ui.radio_value(&mut a.scope, Scope::File, text::SCOPE_FILE).on_hover_text(text::SCOPE_FILE_TIP);
        if selection {
            ui.radio_value(&mut a.scope, Scope::Zones, text::SCOPE_ZONES).on_hover_text(text::SCOPE_ZONES_TIP);
        }
    });
    ui.horizontal(|ui| {
        ui.label(text::AREAS_IN);
        ui.radio_value(&mut a.area_unit, AreaUnit::Km2, AreaUnit::Km2.symbol());
        ui.radio_value(&mut a.area_unit, AreaUnit::Ha, AreaUnit::Ha.symbol());
        ui.checkbox(&mut a.histogram_areas, text::HISTOGRAM_AREAS).on_hover_text(text::HISTOGRAM_AREAS_TIP);
    });
    ui.checkbox(&mut a.only_in_view, text::ONLY_PRESENT);
    if let Some(p) = a.file_worker.progress() {
        ui.horizontal(|ui| {
            ui.add(egui::ProgressBar::new(p).desired_width(200.0).show_percentage().text(text::COUNTING_FILE));
            if ui.button(text::CANCEL).clicked() {
                commands.push(Command::CancelFileCounts);
            }
        });
    }
    let stopped = !a.file_cancelled.is_empty() || !a.file_failed.is_empty();
    if a.scope == Scope::File && stopped && ui.button(text::COUNT_AGAIN).clicked() {
        a.file_cancelled.clear();
        a.file_failed.clear();
    }
    // A view larger than the live bound is counted on an overview; the exact count is the user's call.
    let (mut count_exactly, mut cancel) = (false, false);
    if a.scope == Scope::View && a.view_capped {
        match (a.exact_view, a.worker.progress()) {
            (true, Some(p)) => {
                ui.horizontal(|ui| {
                    let bar = egui::ProgressBar::new(p).desired_width(200.0).show_percentage();
                    ui.add(bar.text(text::COUNTING_VIEW));
                    cancel = ui.button(text::CANCEL).clicked();
                });
            }
            (true, None) => {}
            (false, _) => {
                let tip = text::count_exactly_tip(cap);
                count_exactly = ui.button(text::COUNT_EXACTLY).on_hover_text(tip).clicked();
            }
        }
    }
    if count_exactly {
        commands.push(Command::CountViewExactly);
    }
    if cancel {
        commands.push(Command::CancelViewCount);
    }
}

fn inspector_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let Some(result) = state.analysis.inspected.clone() else {
        ui.label(text::INSPECTOR_HINT);
        return;
    };
    point_header(ui, state, &result);
    // While comparing, the values are grouped by stack (A, B, ...), as the panes and the swipe sides show them.
    let comparing = state.compare.mode != CompareMode::Off;
    let mut groups: Vec<(usize, Vec<&InspectValue>)> = Vec::new();
    for v in &result.values {
        let Some(layer) = state.stack.layers.iter().find(|l| l.id == v.layer_id) else { continue };
        let stack = if comparing { state.compare.stack_of(layer) } else { 0 };
        match groups.iter_mut().find(|(k, _)| *k == stack) {
            Some((_, values)) => values.push(v),
            None => groups.push((stack, vec![v])),
        }
    }
    groups.sort_by_key(|(k, _)| *k);
    for (stack, values) in groups {
        if comparing {
            ui.label(RichText::new(text::stack_heading(stack_name(stack))).strong());
        }
        egui::Grid::new(("inspector", stack)).num_columns(3).striped(true).show(ui, |ui| {
            for v in values {
                inspector_row(ui, state, v);
            }
        });
    }
    if let Some(first) = result.values.first() {
        ui.weak(text::inspected_pixel(first.pixel.0, first.pixel.1));
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(text::pinned_points(state.analysis.pinned.len()));
        if ui.add_enabled(!state.analysis.pinned.is_empty(), egui::Button::new(text::EXPORT_CSV)).clicked() {
            commands.push(Command::ExportPinned);
        }
        if ui.add_enabled(!state.analysis.pinned.is_empty(), egui::Button::new(text::CLEAR)).clicked() {
            state.analysis.pinned.clear();
        }
    });
    for (i, p) in state.analysis.pinned.iter().enumerate() {
        let values: Vec<String> =
            p.values.iter().map(|v| v.value.clone().ok().flatten().map(format_value).unwrap_or_default()).collect();
        ui.weak(format!("{}: {:.1}, {:.1}: {}", i + 1, p.point[0], p.point[1], values.join(" | ")));
    }
}

/// One layer's value at the inspected point: name, colour swatch, value and meaning.
fn inspector_row(ui: &mut egui::Ui, state: &AppState, v: &InspectValue) {
    let Some(layer) = state.stack.layers.iter().find(|l| l.id == v.layer_id) else { return };
    ui.label(layer.title());
    match &v.value {
        Ok(Some(_)) if v.bands.is_some() => {
            // Colour imagery: the colour of the bands, and their values.
            let bands = v.bands.clone().unwrap_or_default();
            let byte = |i: usize| bands.get(i).map_or(0, |&b| b.clamp(0.0, 255.0) as u8);
            swatch(ui, [byte(0), byte(1), byte(2), 255]);
            let text = text::band_values(&bands.iter().map(|&b| format_value(b)).collect::<Vec<_>>());
            ui.add(egui::Label::new(&text).truncate()).on_hover_text(&text);
        }
        Ok(Some(value)) => {
            swatch(ui, layer.info.legend.colour_of(layer.info.code_of_value(*value)));
            let meaning = layer.info.describe_value(*value);
            // Classes show code and name; measured values already read as "94 % confidence".
            let text =
                if layer.info.is_categorical() { format!("{}  {meaning}", format_value(*value)) } else { meaning };
            // Cut to the panel (CORINE's "(CLC 121: level 1 > level 2)" is long); the whole text on hover.
            ui.add(egui::Label::new(&text).truncate()).on_hover_text(&text);
        }
        Ok(None) => {
            ui.label("");
            ui.weak(text::OUTSIDE_RASTER);
        }
        Err(e) => {
            ui.label("");
            ui.colored_label(theme::error(ui), e);
        }
    }
    ui.end_row();
}

fn point_header(ui: &mut egui::Ui, state: &AppState, result: &InspectResult) {
    let [x, y] = result.point;
    let epsg = state.stack.epsg();
    let crs = epsg.map_or(text::MAP_CRS.to_string(), |e| format!("EPSG:{e}"));
    ui.label(text::point_in_crs(&crs, x, y));
    if let Some((lon, lat)) = state.to_wgs84.as_ref().and_then(|(_, t)| t.transform(x, y)) {
        ui.label(text::point_wgs84(lat, lon));
    }
    if let Some(tile) = tile_id_at(x, y, epsg) {
        ui.label(text::eea_tile(&tile));
    }
}

fn legend_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands, id: u32) {
    let pair_kind = state.stack.layers.iter().find(|l| l.id == id).and_then(|l| l.pair()).map(|p| p.kind);
    match pair_kind {
        Some(PairKind::Change { .. }) => return super::change::change_matrix_ui(ui, state, commands, id),
        Some(PairKind::Confidence { threshold }) => return super::qa::confidence_view_ui(ui, state, id, threshold),
        Some(PairKind::Imperviousness(t)) => return super::qa::impervious_view_ui(ui, state, id, t),
        None => {}
    }
    let only_in_view = state.analysis.only_in_view;
    let unit = state.analysis.area_unit;
    let histogram_areas = state.analysis.histogram_areas;
    let scope = state.analysis.scope;
    let stats = state.analysis.current().stats.get(&id);
    let status = match (scope, stats) {
        (Scope::View, Some(s)) if s.level == 0 => text::VIEW_EXACT.to_string(),
        (Scope::View, Some(s)) => text::view_approximate(s.level),
        (Scope::View, None) => text::VIEW_COUNTING.to_string(),
        (Scope::File, Some(_)) => text::FILE_EXACT.to_string(),
        (Scope::File, None) if state.analysis.file_cancelled.contains(&id) => text::FILE_CANCELLED.to_string(),
        (Scope::File, None) => text::FILE_COUNTING.to_string(),
        (Scope::Zones, Some(_)) => text::zones_exact(state.zones.stats.rule.name()),
        (Scope::Zones, None) if state.zones.stats.busy => text::COUNTING_CAPITAL.to_string(),
        (Scope::Zones, None) => text::ZONES_NOT_COUNTED.to_string(),
    };
    let table = stats.map(|s| s.table.clone());
    let rows: Vec<ClassRow> = table.as_ref().map(|t| t.rows.clone()).unwrap_or_default();
    let mapped_km2 = table.as_ref().map(|t| t.mapped_pixels as f64 * t.pixel_area_m2 / 1e6);
    let mut export = None;
    let mut import = false;
    let mut card = None;
    let mut relevel = None;
    let Some(layer) = state.stack.get_mut(id) else { return };
    let title = text::legend_heading(&layer.title());
    egui::CollapsingHeader::new(RichText::new(title).strong()).id_salt(("legend", id)).default_open(true).show(
        ui,
        |ui| {
            ui.weak(text::legend_source(layer.info.legend.source.describe()));
            relevel = clc_level_choice(ui, layer);
            ui.horizontal(|ui| {
                if ui.small_button(text::IMPORT_STYLE).on_hover_text(text::IMPORT_STYLE_TIP).clicked() {
                    import = true;
                }
                let style = || crate::product::style::Style::from_legend(&layer.info.legend);
                if ui.small_button(text::EXPORT_QML).on_hover_text(text::EXPORT_QML_TIP).clicked() {
                    export = Some((style().to_qml(), "qml"));
                }
                if ui.small_button(text::EXPORT_CLR).clicked() {
                    export = Some((style().to_clr(), "clr"));
                }
            });
            ui.label(RichText::new(&status).italics()).on_hover_text(text::COUNTED_TIP);
            if let Some(km2) = mapped_km2 {
                let d = unit.decimals();
                ui.weak(text::mapped_area(unit.of_km2(km2), d, unit.symbol()));
            }
            match layer.info.legend.kind.clone() {
                ValueKind::Categorical => card = class_rows(ui, layer, &rows, only_in_view, unit),
                ValueKind::Continuous { min, max, unit } => ramp_rows(ui, layer, &rows, (min, max), &unit),
                ValueKind::Imagery => {
                    ui.weak(text::IMAGERY_LEGEND);
                }
            }
            if let Some(t) = &table {
                histogram_ui(ui, id, &layer.info.legend, t, histogram_areas.then_some(unit));
                ui.horizontal(|ui| {
                    if ui.button(text::EXPORT_CSV).clicked() {
                        export = Some((t.to_csv(), "csv"));
                    }
                    if ui.button(text::EXPORT_JSON).clicked() {
                        export = Some((serde_json::to_string_pretty(&t.to_json()).unwrap_or_default(), "json"));
                    }
                });
            }
        },
    );
    if let Some(code) = card {
        commands.push(Command::OpenClassCard { layer: id, code });
    }
    if let Some(level) = relevel {
        commands.push(Command::SetClcLevel { layer: id, level });
    }
    if let Some((text, ext)) = export {
        let name = if matches!(ext, "qml" | "clr") { text::FILE_STYLE } else { text::FILE_STATISTICS };
        commands.push(Command::SaveText { text, name: name.into(), ext: ext.into() });
    }
    if import {
        commands.push(Command::ImportStyleDialog(id));
    }
}

/// For a CORINE layer, the nomenclature level it is shown at (3: the 44 classes, 2: 15 groups, 1: 5 groups); returns
/// the level clicked, if another.
fn clc_level_choice(ui: &mut egui::Ui, layer: &MapLayer) -> Option<u8> {
    let level = layer.info.generalised.as_ref().map_or(3, |g| g.level);
    let corine = level < 3 || layer.info.legend.entries.iter().any(|e| !e.technical && e.clc.is_some());
    if !corine {
        return None;
    }
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(text::CORINE);
        for (l, tip) in text::CORINE_LEVELS {
            if ui.selectable_label(level == l, text::corine_level(l)).on_hover_text(tip).clicked() && level != l {
                chosen = Some(l);
            }
        }
    });
    chosen
}

/// The classes of a categorical layer: visibility, colour, code, name (click: highlight), and the view's counts.
/// The class rows of a categorical legend; returns the code whose class card was asked for.
/// Panel width (points) from which the legend shows areas in a column of their own.
const WIDE_LEGEND: f32 = 380.0;

fn class_rows(
    ui: &mut egui::Ui,
    layer: &mut MapLayer,
    rows: &[ClassRow],
    only_in_view: bool,
    unit: AreaUnit,
) -> Option<u32> {
    let mut card = None;
    ui.horizontal(|ui| {
        if ui.small_button(text::ALL).clicked() {
            layer.show_all(true);
        }
        if ui.small_button(text::NONE).clicked() {
            layer.show_all(false);
        }
        if layer.filter().highlight.is_some() && ui.small_button(text::CLEAR_HIGHLIGHT).clicked() {
            layer.set_highlight(None);
        }
    });
    let entries: Vec<LegendEntry> = layer.info.legend.entries.clone();
    // A narrow panel (the default, so the map keeps its room) shows the share and the name; the area goes to the
    // share's hover text. A wider one shows the area in a column of its own.
    let wide = ui.available_width() >= WIDE_LEGEND;
    for technical in [false, true] {
        if technical {
            ui.weak(text::TECHNICAL_CODES);
        }
        // Long names (CORINE 2.4.3 has 80 characters) are cut to the column, whole on hover: the panel keeps its width.
        let grid = egui::Grid::new(("classes", layer.id, technical)).num_columns(6).striped(true);
        grid.max_col_width(230.0).show(ui, |ui| {
            for e in entries.iter().filter(|e| e.technical == technical) {
                let row = rows.iter().find(|r| r.value == e.code);
                if only_in_view && row.is_none() {
                    continue;
                }
                let mut shown = !layer.filter().hidden.contains(&e.code);
                if ui.checkbox(&mut shown, "").on_hover_text(text::CLASS_VISIBLE_TIP).changed() {
                    layer.set_hidden(e.code, !shown);
                }
                swatch(ui, e.rgba);
                // The code opens the class card: a small button, so the legend stays as narrow as before.
                if ui.small_button(e.code.to_string()).on_hover_text(text::CLASS_CARD_TIP).clicked() {
                    card = Some(e.code);
                }
                // Share and area before the name: in a narrow panel the name is what gets cut.
                match row {
                    Some(r) => {
                        let d = unit.decimals();
                        let area = format!("{:.d$} {}", unit.of_km2(r.area_km2), unit.symbol());
                        let share = r.area_perc.map(|p| format!("{p:.2} %"));
                        match (wide, share) {
                            (true, share) => {
                                ui.label(share.unwrap_or_default());
                                ui.label(&area).on_hover_text(text::pixel_count(r.count));
                            }
                            // A technical code has an area but no share.
                            (false, None) => {
                                ui.label(&area).on_hover_text(text::pixel_count(r.count));
                            }
                            (false, Some(share)) => {
                                ui.label(share).on_hover_text(text::area_and_pixels(&area, r.count));
                            }
                        }
                    }
                    None if wide => {
                        ui.label("");
                        ui.weak("-");
                    }
                    None => {
                        ui.weak("-");
                    }
                }
                let highlighted = layer.filter().highlight == Some(e.code);
                let label = ui
                    .add(egui::Button::selectable(highlighted, &e.label).truncate())
                    .on_hover_text(text::class_tip(&e.label));
                if label.double_clicked() {
                    layer.isolate(e.code);
                } else if label.clicked() {
                    layer.set_highlight(if highlighted { None } else { Some(e.code) });
                }
                ui.end_row();
            }
        });
    }
    let unknown: Vec<&ClassRow> = rows.iter().filter(|r| layer.info.legend.entry(r.value).is_none()).collect();
    if !unknown.is_empty() {
        ui.colored_label(theme::warning(ui), text::unknown_values(unknown.len()));
    }
    card
}

/// A continuous layer: its stops, a value-range filter, and the mean of the view.
fn ramp_rows(ui: &mut egui::Ui, layer: &mut MapLayer, rows: &[ClassRow], (min, max): (f64, f64), unit: &str) {
    let (lo, hi) = (min as u32, max as u32);
    let mut range = layer.filter().range.unwrap_or((lo, hi));
    let mut active = layer.filter().range.is_some();
    ui.checkbox(&mut active, text::range_filter(unit));
    ui.add_enabled(active, egui::Slider::new(&mut range.0, lo..=hi).text(text::RANGE_FROM));
    ui.add_enabled(active, egui::Slider::new(&mut range.1, lo..=hi).text(text::RANGE_TO));
    range.1 = range.1.max(range.0);
    layer.set_range(active.then_some(range));
    let values: Vec<&ClassRow> = rows.iter().filter(|r| !r.technical).collect();
    let count: u64 = values.iter().map(|r| r.count).sum();
    if count > 0 {
        let legend = &layer.info.legend;
        let mean = values.iter().map(|r| legend.value_of(r.value) * r.count as f64).sum::<f64>() / count as f64;
        ui.label(text::view_mean(mean, unit));
    }
    egui::Grid::new(("stops", layer.id)).num_columns(3).show(ui, |ui| {
        for e in layer.info.legend.entries.iter().filter(|e| e.technical || e.code % 20 == 0 || e.code == hi) {
            swatch(ui, e.rgba);
            ui.label(e.code.to_string());
            let row = rows.iter().find(|r| r.value == e.code);
            let extra = match (e.technical, row) {
                (true, Some(r)) => format!("  ({:.4} km2)", r.area_km2),
                _ => String::new(),
            };
            ui.label(format!("{}{extra}", e.label));
            ui.end_row();
        }
    });
}

/// Pinned points as CSV: one row a point, one column a layer (raw values; empty outside a raster).
pub fn pinned_csv(pinned: &[InspectResult], layer_ids: &[u32], names: &[String]) -> String {
    let mut out = String::from("x,y");
    for n in names {
        out.push(',');
        out.push_str(n);
    }
    out.push('\n');
    for p in pinned {
        out.push_str(&format!("{},{}", p.point[0], p.point[1]));
        for id in layer_ids {
            out.push(',');
            if let Some(Ok(Some(v))) = p.values.iter().find(|v| v.layer_id == *id).map(|v| &v.value) {
                out.push_str(&format_value(*v));
            }
        }
        out.push('\n');
    }
    out
}
