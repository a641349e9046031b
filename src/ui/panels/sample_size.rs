//! The sample-size helper of an accuracy assessment: from a target standard error of the overall accuracy and the
//! user's accuracy expected of each class, the number of samples (Olofsson et al. 2014, eq. 13) and their share per
//! class, with the `accuracy design` command that draws them.

use eframe::egui::{self, RichText};

use crate::stats::{allocate, sample_size, Allocation};
use crate::text;
use crate::ui::state::AppState;

pub fn sample_size_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let Some(layer) = state.legend_layer() else { return };
    // The areas of the classes as the legend counts them now (the whole file is what a design samples).
    let Some(stats) = state.analysis.current().stats.get(&layer.id) else { return };
    let rows: Vec<(u32, String, u64)> = stats
        .table
        .rows
        .iter()
        .filter(|r| !r.technical && r.count > 0)
        .map(|r| (r.value, r.class_name.clone(), r.count))
        .collect();
    let file = layer.info.file_path().to_string();
    let scope = state.analysis.scope;
    let inputs = &mut state.sample_size;
    egui::CollapsingHeader::new(RichText::new(text::SAMPLE_SIZE).strong()).id_salt("sample size").show(ui, |ui| {
        ui.weak(text::sample_size_areas(scope_name(scope)));
        ui.horizontal(|ui| {
            ui.label(text::TARGET_SE);
            ui.add(egui::DragValue::new(&mut inputs.target_se).range(0.001..=0.1).speed(0.001).fixed_decimals(3));
            ui.label(text::MIN_PER_CLASS);
            ui.add(egui::DragValue::new(&mut inputs.min_per_class).range(0..=1000));
        });
        let users: Vec<f64> = rows.iter().map(|r| *inputs.users.entry(r.0).or_insert(DEFAULT_USERS)).collect();
        let total: u64 = rows.iter().map(|r| r.2).sum();
        let weights: Vec<f64> = rows.iter().map(|r| r.2 as f64 / total.max(1) as f64).collect();
        let n = sample_size(&weights, &users, inputs.target_se);
        let strata: Vec<(u32, u64)> = rows.iter().map(|r| (r.0, r.2)).collect();
        let shares = allocate(&strata, Allocation::Proportional { total: n, min: inputs.min_per_class });
        ui.label(RichText::new(text::sample_size_result(n, shares.iter().map(|s| s.1).sum())).strong());
        egui::Grid::new("sample size table").striped(true).show(ui, |ui| {
            for h in [text::CLASS, text::AREA_SHARE, text::EXPECTED_USERS, text::SAMPLES] {
                ui.strong(h);
            }
            ui.end_row();
            for ((row, w), (_, share)) in rows.iter().zip(&weights).zip(&shares) {
                ui.label(format!("{} {}", row.0, row.1));
                ui.label(format!("{:.4}", w));
                if let Some(u) = inputs.users.get_mut(&row.0) {
                    ui.add(egui::DragValue::new(u).range(0.5..=0.99).speed(0.01).fixed_decimals(2));
                }
                ui.label(share.to_string());
                ui.end_row();
            }
        });
        let command = format!(
            "clcplus-viewer accuracy design '{file}' --out samples.gpkg --total {n} --allocation proportional --min-per-class {}",
            inputs.min_per_class
        );
        if ui.button(text::COPY_DESIGN_COMMAND).on_hover_text(&command).clicked() {
            ui.ctx().copy_text(command);
        }
    });
}

/// The user's accuracy assumed of a class until the reviewer says otherwise.
const DEFAULT_USERS: f64 = 0.85;

fn scope_name(scope: crate::ui::analysis::Scope) -> &'static str {
    match scope {
        crate::ui::analysis::Scope::View => text::SCOPE_VIEW,
        crate::ui::analysis::Scope::File => text::SCOPE_FILE,
        crate::ui::analysis::Scope::Zones => text::SCOPE_ZONES,
    }
}
