//! File > Export figure (Ctrl+E): the view as it is (single map, swipe or side by side) made into a figure with a
//! legend of the classes in view, scale bar, north arrow, extent, date and attribution, at a chosen size; saved as
//! PNG or copied to the clipboard. The figure is made on a thread of its own with the same code as `render
//! --legend`, so the window keeps drawing meanwhile.

use std::path::PathBuf;

use eframe::egui::{self};

use crate::figure::{Figure, MIN_SIZE};
use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::job::Job;
use crate::ui::settings::Settings;

/// GPU texture budget of the export's own offscreen renderer.
pub(in crate::ui) const GPU_BUDGET: usize = 512 << 20;
const SIZES: [(u32, u32); 4] = [(1280, 720), (1920, 1080), (2480, 1754), (3840, 2160)];

/// Where a finished figure goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    File(PathBuf),
    Clipboard,
}

#[derive(Default)]
pub struct FigureExport {
    pub open: bool,
    pub title: String,
    /// The figure being made, when one is.
    pub(in crate::ui) job: Option<Job<(Figure, Target)>>,
}

impl FigureExport {
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Draws the dialog (Ctrl+E shows it); Save or Copy become an export command.
    pub fn show(&mut self, ui: &egui::Ui, settings: &mut Settings, commands: &mut Commands) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&crate::ui::panels::menu::EXPORT_SHORTCUT)) {
            self.open = true;
        }
        let mut open = self.open;
        let mut target = None;
        egui::Window::new(text::EXPORT_FIGURE_TITLE).open(&mut open).resizable(false).collapsible(false).show(
            &ctx,
            |ui| {
                egui::Grid::new("figure_grid").num_columns(2).show(ui, |ui| {
                    ui.label(text::FIGURE_TITLE);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.title)
                            .hint_text(text::FIGURE_NO_TITLE)
                            .desired_width(260.0),
                    );
                    ui.end_row();
                    ui.label(text::FIGURE_SIZE);
                    ui.horizontal(|ui| {
                        let (w, h) = &mut settings.figure_size;
                        ui.add(egui::DragValue::new(w).range(MIN_SIZE.0..=8192));
                        ui.label(text::FIGURE_SIZE_BY);
                        ui.add(egui::DragValue::new(h).range(MIN_SIZE.1..=8192));
                        egui::ComboBox::from_id_salt("figure_sizes").selected_text(text::FIGURE_PRESETS).show_ui(
                            ui,
                            |ui| {
                                for size in SIZES {
                                    ui.selectable_value(
                                        &mut settings.figure_size,
                                        size,
                                        text::size_preset(size.0, size.1),
                                    );
                                }
                            },
                        );
                    });
                    ui.end_row();
                });
                ui.label(text::FIGURE_ABOUT);
                ui.horizontal(|ui| {
                    let idle = !self.busy();
                    if ui.add_enabled(idle, egui::Button::new(text::SAVE_PNG)).clicked() {
                        let dialog = rfd::FileDialog::new()
                            .add_filter(text::PNG_FILTER, &["png"])
                            .set_file_name(text::FIGURE_FILE);
                        target = dialog.save_file().map(Target::File);
                    }
                    if ui.add_enabled(idle, egui::Button::new(text::COPY_TO_CLIPBOARD)).clicked() {
                        target = Some(Target::Clipboard);
                    }
                    if !idle {
                        ui.spinner();
                        ui.label(text::MAKING_FIGURE);
                    }
                });
            },
        );
        self.open = open;
        if let Some(target) = target {
            commands.push(Command::ExportFigure(target));
        }
    }
}
