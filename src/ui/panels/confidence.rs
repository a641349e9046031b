//! "Confidence by class": for a class layer and its confidence layer on the same grid (RAS and RASCL, CTY and
//! CTYCL), how confident the classifier was for each class, in the view or in the whole file.

use eframe::egui::{self, Color32, RichText};
use egui_plot::{Line, Plot, PlotPoints};

use crate::stats::confidence_by_class;
use crate::text;
use crate::ui::analysis::confidence_partner;
use crate::ui::state::AppState;

/// Pixels below this confidence (percent) count as uncertain.
const LOW_CONFIDENCE: u32 = 50;

pub fn confidence_ui(ui: &mut egui::Ui, state: &AppState) {
    for layer in state.stack.layers.iter().filter(|l| l.visible) {
        let Some(partner) = confidence_partner(&state.stack, layer) else { continue };
        let title = text::confidence_by_class(&layer.title(), &partner.title());
        egui::CollapsingHeader::new(RichText::new(title).strong()).id_salt(("confidence", layer.id)).show(ui, |ui| {
            let Some(pairs) = state.analysis.current().cross.get(&layer.id) else {
                ui.label(RichText::new(text::COUNTING).italics());
                return;
            };
            let legend = &layer.info.legend;
            let rows = confidence_by_class(pairs, |c| legend.entry(c).is_some_and(|e| !e.technical), LOW_CONFIDENCE);
            egui::Grid::new(("confidence-table", layer.id)).num_columns(4).striped(true).show(ui, |ui| {
                ui.strong(text::CLASS);
                ui.strong(text::MEAN);
                ui.strong(text::below_percent(LOW_CONFIDENCE));
                ui.strong(text::PIXELS);
                ui.end_row();
                for r in &rows {
                    ui.label(legend.entry(r.class).map_or_else(|| r.class.to_string(), |e| e.label.clone()));
                    ui.label(format!("{:.1} %", r.mean));
                    ui.label(format!("{:.2} %", r.below_threshold_perc));
                    ui.label(r.pixels.to_string());
                    ui.end_row();
                }
            });
            Plot::new(("confidence-plot", layer.id))
                .height(150.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .x_axis_label(text::CONFIDENCE_AXIS)
                .y_axis_label(text::PERCENT_OF_CLASS)
                .show(ui, |plot| {
                    for r in &rows {
                        let c = legend.colour_of(r.class);
                        let points: PlotPoints = r
                            .distribution
                            .iter()
                            .enumerate()
                            .map(|(v, n)| [v as f64, *n as f64 * 100.0 / r.pixels.max(1) as f64])
                            .collect();
                        let name = legend.entry(r.class).map_or_else(|| r.class.to_string(), |e| e.label.clone());
                        plot.line(Line::new(name, points).color(Color32::from_rgb(c[0], c[1], c[2])));
                    }
                });
        });
    }
}
