//! The labelling panel: the sample shown, the classes to give it (with their keys), its comment, the way to the
//! next one, and the progress per class.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use super::swatch::swatch;
use crate::stats::{assess, AccuracyReport, Estimate};
use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::state::AppState;

pub fn labelling_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let legend = state.legend_layer().map(|l| l.info.legend.clone());
    let Some(l) = &mut state.labelling else { return };
    let n = l.samples.len();
    let labelled = l.labelled();
    let heading = text::labelling_heading(&l.name, labelled, n);
    egui::CollapsingHeader::new(RichText::new(heading).strong()).id_salt("labelling").default_open(true).show(
        ui,
        |ui| {
            ui.add(egui::ProgressBar::new(labelled as f32 / n.max(1) as f32).desired_width(220.0).show_percentage());
            let current = l.current;
            let Some(sample) = l.samples.get_mut(current) else { return };
            let name =
                |c: u32| legend.as_ref().and_then(|g| g.entry(c)).map_or_else(|| c.to_string(), |e| e.label.clone());
            ui.label(text::sample_heading(current + 1, n, sample.fid));
            if let Some(map) = sample.map_class {
                ui.label(text::sample_map_class(&format!("{map} {}", name(map))));
            }
            let given = sample.reference;
            // The classes to pick from, with their number keys.
            if let Some(legend) = &legend {
                let classes: Vec<(u32, String, [u8; 4])> = legend
                    .class_entries()
                    .filter(|e| !e.technical)
                    .map(|e| (e.code, e.label.clone(), legend.colour_of(e.code)))
                    .collect();
                for (i, (code, label, colour)) in classes.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let key = match i {
                            0..=8 => format!("{}", i + 1),
                            9 => "0".into(),
                            _ => String::new(),
                        };
                        ui.add_sized([14.0, 18.0], egui::Label::new(RichText::new(key).monospace().weak()));
                        swatch(ui, *colour);
                        if ui.selectable_label(given == Some(*code), format!("{code} {label}")).clicked() {
                            commands.push(Command::LabelSample(*code));
                        }
                    });
                }
            }
            ui.horizontal(|ui| {
                ui.label(text::COMMENT);
                ui.text_edit_singleline(&mut sample.comment);
            });
            ui.horizontal(|ui| {
                for (label, step) in [(text::PREVIOUS_SAMPLE, -1), (text::NEXT_SAMPLE, 1), (text::NEXT_UNLABELLED, 0)] {
                    if ui.button(label).clicked() {
                        commands.push(Command::GoToSample(step));
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.checkbox(&mut l.block, text::SAMPLE_BLOCK);
                ui.add(egui::Slider::new(&mut l.zoom, 2.0..=64.0).logarithmic(true).text(text::SAMPLE_ZOOM));
            });
            let on_the_way = l.writing + l.pending.len();
            if on_the_way > 0 {
                ui.weak(text::labels_writing(on_the_way));
            }
            if !l.unsaved.is_empty() {
                ui.colored_label(ui.visuals().error_fg_color, text::labels_unsaved(l.unsaved.len()));
            }
            // Progress per map class (stratum).
            let mut per_class: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
            for s in &l.samples {
                let entry = per_class.entry(s.map_class.unwrap_or(u32::MAX)).or_default();
                entry.1 += 1;
                entry.0 += usize::from(s.reference.is_some());
            }
            egui::Grid::new("labelling progress").striped(true).show(ui, |ui| {
                for (class, (done, all)) in per_class {
                    ui.label(if class == u32::MAX { "-".to_string() } else { format!("{class} {}", name(class)) });
                    ui.label(format!("{done} / {all}"));
                    ui.end_row();
                }
            });
            if let Some(mapped) = l.mapped.as_ref().filter(|m| !m.is_empty()) {
                let pairs = l.pairs();
                if !pairs.is_empty() {
                    report_ui(ui, &assess(&pairs, mapped), &name, commands);
                }
            }
            if ui.button(text::STOP_LABELLING).clicked() {
                commands.push(Command::StopLabelling);
            }
        },
    );
}

/// The accuracy of the labels so far: overall, per class and the error matrix, with CSV and JSON exports.
fn report_ui(ui: &mut egui::Ui, report: &AccuracyReport, name: &dyn Fn(u32) -> String, commands: &mut Commands) {
    let pm = |e: &Estimate| match (e.estimate, e.ci95) {
        (Some(v), Some(ci)) => format!("{v:.3} ± {ci:.3}"),
        (Some(v), None) => format!("{v:.3} ({})", text::NOT_ESTIMABLE),
        _ => text::NOT_ESTIMABLE.to_string(),
    };
    egui::CollapsingHeader::new(RichText::new(text::accuracy_heading(report.n)).strong())
        .id_salt("accuracy report")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(text::overall_accuracy(&pm(&report.overall_accuracy)));
            ui.weak(text::INTERVALS_NOTE);
            egui::Grid::new("accuracy per class").striped(true).show(ui, |ui| {
                for h in [text::CLASS, "n", text::USERS_ACCURACY, text::PRODUCERS_ACCURACY, text::AREA_KM2] {
                    ui.strong(h);
                }
                ui.end_row();
                for c in &report.per_class {
                    ui.label(format!("{} {}", c.class, name(c.class)));
                    ui.label(c.n.to_string());
                    ui.label(pm(&c.users_accuracy));
                    ui.label(pm(&c.producers_accuracy));
                    let area = match (c.area_km2.estimate, c.area_km2.ci95) {
                        (Some(a), Some(ci)) => format!("{a:.2} ± {ci:.2}"),
                        _ => text::NOT_ESTIMABLE.to_string(),
                    };
                    ui.label(area);
                    ui.end_row();
                }
            });
            let counts: Vec<Vec<String>> =
                report.error_matrix.iter().map(|row| row.iter().map(|n| n.to_string()).collect()).collect();
            let areas: Vec<Vec<String>> =
                report.area_matrix.iter().map(|row| row.iter().map(|p| format!("{p:.4}")).collect()).collect();
            for (heading, cells) in [(text::ERROR_MATRIX, counts), (text::AREA_MATRIX, areas)] {
                ui.weak(heading);
                egui::Grid::new(heading).striped(true).show(ui, |ui| {
                    ui.label("");
                    for c in &report.classes {
                        ui.strong(c.to_string());
                    }
                    ui.end_row();
                    for (c, row) in report.classes.iter().zip(cells) {
                        ui.strong(c.to_string());
                        for cell in row {
                            ui.label(cell);
                        }
                        ui.end_row();
                    }
                });
            }
            ui.horizontal(|ui| {
                if ui.button(text::EXPORT_CSV).clicked() {
                    let csv = report.to_csv(name);
                    commands.push(Command::SaveText { text: csv, name: "accuracy".into(), ext: "csv".into() });
                }
                if ui.button(text::EXPORT_JSON).clicked() {
                    let json = serde_json::to_string_pretty(report).unwrap_or_default();
                    commands.push(Command::SaveText { text: json, name: "accuracy".into(), ext: "json".into() });
                }
                if ui.button(text::EXPORT_FIGURE_BUTTON).clicked() {
                    commands.push(Command::SaveAccuracyFigure);
                }
            });
        });
}
