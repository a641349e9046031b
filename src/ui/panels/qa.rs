//! The analysis panel of the quality views: per class the pixels below the chosen confidence (confidence view), and
//! the pixels where a class layer and Imperviousness Density disagree (imperviousness view). Counted exactly from the
//! base levels on the stats worker, for the view or the whole file, by the same rules the map is coloured by.

use eframe::egui::{self, RichText};

use super::swatch::swatch;
use crate::product::qa_rules::ImperviousThresholds;
use crate::stats::{confidence_by_class, ImperviousCounts};
use crate::text;
use crate::ui::analysis::Scope;
use crate::ui::state::AppState;
use crate::view::{IMPERVIOUS_NOT_SEALED_RGBA, SEALED_LOW_RGBA};

pub fn confidence_view_ui(ui: &mut egui::Ui, state: &mut AppState, id: u32, threshold: u32) {
    let unit = state.analysis.area_unit;
    let Some(layer) = state.stack.layers.iter().find(|l| l.id == id) else { return };
    let pairs = state.analysis.current().cross.get(&id);
    let pixel_area = layer.source.levels.first().map_or(0.0, |l| l.pixel_size.0 * l.pixel_size.1);
    let legend = &layer.info.legend;
    egui::CollapsingHeader::new(RichText::new(layer.title()).strong()).id_salt(("qa", id)).default_open(true).show(
        ui,
        |ui| {
            ui.label(RichText::new(status(state.analysis.scope, pairs.is_some())).italics());
            let Some(pairs) = pairs else { return };
            let rows = confidence_by_class(pairs, |c| legend.entry(c).is_some_and(|e| !e.technical), threshold);
            let (low, all): (u64, u64) = rows.iter().fold((0, 0), |(l, a), r| (l + r.below_threshold, a + r.pixels));
            let d = unit.decimals();
            let share = low as f64 * 100.0 / all.max(1) as f64;
            let area = unit.of_km2(low as f64 * pixel_area / 1e6);
            ui.label(text::below_summary(threshold, low, all, share, area, d, unit.symbol()));
            egui::Grid::new(("qa-confidence", id)).num_columns(4).striped(true).show(ui, |ui| {
                ui.strong(text::CLASS);
                ui.strong(text::below_percent(threshold));
                ui.strong(text::SHARE);
                ui.strong(text::PIXELS);
                ui.end_row();
                for r in &rows {
                    ui.horizontal(|ui| {
                        swatch(ui, legend.colour_of(r.class));
                        ui.label(legend.entry(r.class).map_or_else(|| r.class.to_string(), |e| e.label.clone()));
                    });
                    ui.label(r.below_threshold.to_string());
                    ui.label(format!("{:.2} %", r.below_threshold_perc));
                    ui.label(r.pixels.to_string());
                    ui.end_row();
                }
            });
        },
    );
}

pub fn impervious_view_ui(ui: &mut egui::Ui, state: &mut AppState, id: u32, t: ImperviousThresholds) {
    let unit = state.analysis.area_unit;
    let pairs = state.analysis.current().cross.get(&id).cloned();
    let counted = pairs.is_some();
    let scope = state.analysis.scope;
    let Some(layer) = state.stack.get_mut(id) else { return };
    let pixel_area = layer.source.levels.first().map_or(0.0, |l| l.pixel_size.0 * l.pixel_size.1);
    let counts = pairs.map(|p| ImperviousCounts::new(&p, &layer.info.legend, t));
    let title = layer.title();
    let status = status(scope, counted);
    egui::CollapsingHeader::new(RichText::new(title).strong()).id_salt(("qa", id)).default_open(true).show(ui, |ui| {
        ui.label(RichText::new(status).italics());
        let Some(c) = counts else { return };
        ui.label(text::compared_pixels(c.compared));
        let flags = [
            (1, SEALED_LOW_RGBA, text::sealed_low(t.sealed_below), c.sealed_low),
            (2, IMPERVIOUS_NOT_SEALED_RGBA, text::impervious_not_sealed(t.impervious_from), c.impervious_not_sealed),
        ];
        let d = unit.decimals();
        let highlight = layer.filter().highlight;
        egui::Grid::new(("qa-impervious", id)).num_columns(4).striped(true).show(ui, |ui| {
            for (code, rgba, label, n) in flags {
                let mut shown = !layer.filter().hidden.contains(&code);
                if ui.checkbox(&mut shown, "").on_hover_text(text::FLAG_VISIBLE_TIP).changed() {
                    layer.set_hidden(code, !shown);
                }
                ui.horizontal(|ui| {
                    swatch(ui, rgba);
                    if ui.selectable_label(highlight == Some(code), label).clicked() {
                        layer.set_highlight((highlight != Some(code)).then_some(code));
                    }
                });
                ui.label(format!("{n} px"));
                ui.label(format!(
                    "{:.d$} {} ({:.2} %)",
                    unit.of_km2(n as f64 * pixel_area / 1e6),
                    unit.symbol(),
                    n as f64 * 100.0 / c.compared.max(1) as f64
                ));
                ui.end_row();
            }
        });
        ui.weak(text::OTHER_PIXELS);
    });
}

/// The status line of a paired count: exact when there, else what is being counted.
fn status(scope: Scope, counted: bool) -> &'static str {
    match (scope, counted) {
        (Scope::View, true) => text::QA_VIEW_EXACT,
        (Scope::File, true) => text::QA_FILE_EXACT,
        (Scope::View, false) => text::VIEW_COUNTING,
        (Scope::File, false) => text::FILE_COUNTING,
        (Scope::Zones, _) => text::ZONES_NOT_COUNTED,
    }
}
