//! File > Export figure (Ctrl+E): the view as it is (single map, swipe or side by side) made into a figure with a
//! legend of the classes in view, scale bar, north arrow, extent, date and attribution, at a chosen size; saved as
//! PNG or copied to the clipboard. The figure is made on a thread of its own with the same code as `render
//! --legend`, so the window keeps drawing meanwhile.

use std::path::PathBuf;

use eframe::egui::{self};

use super::app::ViewerApp;
use super::command::Command;
use super::compare::CompareMode;
use super::job::Job;
use crate::figure::{make, write_png, Arrangement, Figure, FigureRequest, MIN_SIZE};
use crate::render::Offscreen;
use crate::text;
use crate::view::LayerStack;

/// GPU texture budget of the export's own offscreen renderer.
const GPU_BUDGET: usize = 512 << 20;
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
    job: Option<Job<(Figure, Target)>>,
}

impl FigureExport {
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }
}

impl ViewerApp {
    /// Starts making the figure of the current view for `target`; the result arrives in a later frame.
    pub fn export_figure(&mut self, ctx: &egui::Context, target: Target) {
        if self.figure.busy() {
            self.state.info(text::FIGURE_BUSY.into());
            return;
        }
        let Some(extent) = self.visible_extent(ctx) else {
            self.state.warn(text::FIGURE_NOTHING.into());
            return;
        };
        let (mut panes, arrangement) = self.panes_for_figure();
        let title = Some(self.figure.title.trim().to_string()).filter(|t| !t.is_empty());
        let size = self.state.settings.figure_size;
        self.figure.job = Some(Job::start("figure export", ctx, move || {
            let mut gpu = Offscreen::new(GPU_BUDGET).map_err(|e| e.to_string())?;
            let request = FigureRequest {
                panes: &mut panes,
                arrangement,
                size,
                extent: Some(extent),
                center: None,
                res: None,
                furniture: true,
                title,
            };
            let figure = make(&mut gpu, request)?;
            match target {
                Target::File(path) => write_png(&path, &figure).map(|()| (figure, Target::File(path))),
                Target::Clipboard => Ok((figure, Target::Clipboard)),
            }
        }));
    }

    /// Takes a finished figure: a message, and the image onto the clipboard when asked.
    pub(super) fn receive_figure(&mut self, ctx: &egui::Context) {
        let Some(done) = self.figure.job.as_ref().and_then(|job| job.poll()) else { return };
        self.figure.job = None;
        match done {
            Ok((_, Target::File(path))) => self.state.info(text::figure_saved(&path.display().to_string())),
            Ok((figure, Target::Clipboard)) => {
                let (w, h) = figure.size;
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &figure.rgba));
                self.state.info(text::figure_copied(w, h));
            }
            Err(e) => self.state.error(text::figure_failed(&e)),
        }
    }

    /// The stacks the figure draws and how: A and B for swipe and side by side (of more panes, the first two), else
    /// the layers the single map shows (stack A in spy glass and blink).
    fn panes_for_figure(&self) -> (Vec<LayerStack>, Arrangement) {
        let stack_of = |k: usize| LayerStack {
            layers: self.state.stack.layers.iter().filter(|l| self.state.compare.stack_of(l) == k).cloned().collect(),
        };
        match self.state.compare.mode {
            CompareMode::Off => (vec![self.state.stack.clone()], Arrangement::Single),
            CompareMode::Swipe => (
                vec![stack_of(0), stack_of(1)],
                Arrangement::Swipe {
                    split: self.state.compare.split as f64,
                    horizontal: self.state.compare.horizontal,
                },
            ),
            CompareMode::SideBySide => (vec![stack_of(0), stack_of(1)], Arrangement::SideBySide),
            CompareMode::SpyGlass | CompareMode::Blink => (vec![stack_of(0)], Arrangement::Single),
        }
    }

    /// The export dialog.
    pub(super) fn figure_window(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&crate::ui::panels::menu::EXPORT_SHORTCUT)) {
            self.figure.open = true;
        }
        let mut open = self.figure.open;
        let mut target = None;
        egui::Window::new(text::EXPORT_FIGURE_TITLE).open(&mut open).resizable(false).collapsible(false).show(
            &ctx,
            |ui| {
                egui::Grid::new("figure_grid").num_columns(2).show(ui, |ui| {
                    ui.label(text::FIGURE_TITLE);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.figure.title)
                            .hint_text(text::FIGURE_NO_TITLE)
                            .desired_width(260.0),
                    );
                    ui.end_row();
                    ui.label(text::FIGURE_SIZE);
                    ui.horizontal(|ui| {
                        let (w, h) = &mut self.state.settings.figure_size;
                        ui.add(egui::DragValue::new(w).range(MIN_SIZE.0..=8192));
                        ui.label(text::FIGURE_SIZE_BY);
                        ui.add(egui::DragValue::new(h).range(MIN_SIZE.1..=8192));
                        egui::ComboBox::from_id_salt("figure_sizes").selected_text(text::FIGURE_PRESETS).show_ui(
                            ui,
                            |ui| {
                                for size in SIZES {
                                    ui.selectable_value(
                                        &mut self.state.settings.figure_size,
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
                    let idle = !self.figure.busy();
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
        self.figure.open = open;
        if let Some(target) = target {
            self.commands.push(Command::ExportFigure(target));
        }
    }
}
