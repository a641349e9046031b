//! The labelling panel: the sample shown, the classes to give it (with their keys), its comment, the way to the
//! next one, and the progress per class.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use super::swatch::swatch;
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
            if l.writing > 0 {
                ui.weak(text::labels_writing(l.writing));
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
            if ui.button(text::STOP_LABELLING).clicked() {
                commands.push(Command::StopLabelling);
            }
        },
    );
}
