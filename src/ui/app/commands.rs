//! Carrying out the commands of a frame: the one place where panels' requests reach the loaders, the workers and
//! the file dialogs.

use std::path::PathBuf;

use eframe::egui;

use super::ViewerApp;
use crate::text;
use crate::ui::command::{Command, Window};

const RASTER_EXTENSIONS: [&str; 4] = ["tif", "tiff", "TIF", "vrt"];
/// Zones and accuracy samples (see `ui::zones::is_vector_file`).
const VECTOR_EXTENSIONS: [&str; 4] = ["gpkg", "geojson", "shp", "fgb"];

impl ViewerApp {
    /// Runs the commands the panels gave in this frame, in order.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        for command in self.commands.take() {
            self.run_command(ctx, command);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Open { paths, remember } => self.open(paths, remember),
            Command::OpenUrl(url) => {
                if let Err(e) = self.open_url(&url) {
                    self.state.warn(e.into());
                }
            }
            Command::OpenDialog => {
                let files = rfd::FileDialog::new()
                    .add_filter(text::RASTER_FILTER, &RASTER_EXTENSIONS)
                    .add_filter(text::VECTOR_FILTER, &VECTOR_EXTENSIONS)
                    .pick_files();
                if let Some(files) = files.filter(|f| !f.is_empty()) {
                    self.open(files, true);
                }
            }
            Command::OpenFolderDialog => {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    self.open(vec![dir], true);
                }
            }
            Command::OpenDemo => match crate::demo::find_demo_files() {
                Some(files) => self.open(files, false),
                None => self.state.warn(text::DEMO_NOT_FOUND.into()),
            },
            Command::OpenSessionDialog => {
                let file = rfd::FileDialog::new().add_filter(text::SESSION_FILTER, &["json"]).pick_file();
                if let Some(file) = file {
                    self.open_session(&file);
                }
            }
            Command::SaveSessionDialog => {
                let dialog = rfd::FileDialog::new().add_filter(text::SESSION_FILTER, &["json"]);
                if let Some(file) = dialog.set_file_name("session.json").save_file() {
                    if let Err(e) = self.save_session(&file) {
                        self.state.error(e);
                    }
                }
            }
            Command::MoveLayer { layer, up } => self.state.stack.move_layer(layer, up),
            Command::CloseLayer(layer) => self.remove_layer(layer),
            Command::CloseZones(id) => self.close_zones(id),
            Command::SelectAllZones(id) => self.select_all_zones(id),
            Command::LabelSample(class) => self.label_sample(ctx, class),
            Command::GoToSample(step) => self.go_to_sample(step),
            Command::StopLabelling => self.state.labelling = None,
            Command::SaveAccuracyFigure => {
                if let Some(figure) = self.labels_figure() {
                    let dialog = rfd::FileDialog::new().add_filter("PNG", &["png"]).set_file_name("accuracy.png");
                    if let Some(path) = dialog.save_file() {
                        if let Err(e) = crate::figure::write_png(&path, &figure) {
                            self.state.error(e);
                        }
                    }
                }
            }
            Command::SetClcLevel { layer, level } => self.set_clc_level(layer, level),
            Command::ImportStyleDialog(layer) => {
                let dialog = rfd::FileDialog::new().add_filter(text::STYLES_FILTER, &["clr", "qml", "sld", "txt"]);
                if let Some(path) = dialog.pick_file() {
                    self.import_style(layer, &path);
                }
            }
            Command::SaveText { text, name, ext } => self.save_text(&text, &name, &ext),
            Command::ExportPinned => self.export_pinned(),
            Command::AddPairView { first, other, kind } => self.add_pair_view(first, other, kind),
            Command::OpenClassCard { layer, code } => self.open_class_card(layer, code),
            Command::EnterCompare(mode) => {
                if let Some(m) = self.state.compare.enter(mode, &self.state.stack) {
                    self.state.warn(m);
                }
            }
            Command::LinkPanes(linked) => self.set_linked(linked),
            Command::SetPresenting(on) => self.set_presenting(ctx, on),
            Command::StartQuiz => self.start_quiz(ctx),
            Command::AnswerQuiz(code) => self.answer_quiz(code),
            Command::NextQuestion => self.next_question(ctx),
            Command::EndQuiz => self.end_quiz(),
            Command::ExportFigure(target) => {
                if let Err(e) = self.state.settings.save() {
                    self.state.warn(text::settings_not_saved(&e));
                }
                self.export_figure(ctx, target);
            }
            Command::AddBookmark => self.add_bookmark(),
            Command::GoToBookmark(index) => self.go_to_bookmark(index),
            Command::CountViewExactly => self.count_view_exactly(),
            Command::CancelViewCount => self.cancel_view_count(),
            Command::CancelFileCounts => self.state.analysis.cancel_file_counts(),
            Command::ShowWindow(Window::OpenUrl) => self.open_url.open = true,
            Command::ShowWindow(Window::ExportFigure) => self.figure.open = true,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Asks where to save `text` (suggesting `name.ext`) and writes it; a failure becomes a message.
    fn save_text(&mut self, text: &str, name: &str, ext: &str) {
        let dialog =
            rfd::FileDialog::new().add_filter(ext.to_uppercase(), &[ext]).set_file_name(format!("{name}.{ext}"));
        if let Some(path) = dialog.save_file() {
            if let Err(e) = std::fs::write(&path, text) {
                self.state.error(text::cannot_write(&path.display().to_string(), &e.to_string()));
            }
        }
    }

    /// Writes the pinned points as CSV, one column per layer.
    fn export_pinned(&mut self) {
        let names: Vec<String> = self.state.stack.layers.iter().map(|l| l.info.name.clone()).collect();
        let ids: Vec<u32> = self.state.stack.layers.iter().map(|l| l.id).collect();
        let text = crate::ui::panels::analysis::pinned_csv(&self.state.analysis.pinned, &ids, &names);
        self.save_text(&text, text::FILE_POINTS, "csv");
    }
}

/// The files dropped on the window this frame.
pub(super) fn dropped_files(ctx: &egui::Context) -> Vec<PathBuf> {
    ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect())
}
