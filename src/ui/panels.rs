//! Menu bar, layer list and status bar.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::app::ViewerApp;
use super::command::Command;
use crate::product::tile_grid::tile_id_at;
use crate::product::Identity;
use crate::text;

const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const SAVE_SESSION_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const OPEN_SESSION_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
const BOOKMARK_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::B);

impl ViewerApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        if ui.ctx().input_mut(|i| i.consume_shortcut(&OPEN_SHORTCUT)) {
            self.commands.push(Command::OpenDialog);
        }
        if ui.ctx().input_mut(|i| i.consume_shortcut(&QUIT_SHORTCUT)) {
            self.commands.push(Command::Quit);
        }
        // Ctrl+Shift+O before Ctrl+O: the longer shortcut is looked at first.
        if ui.ctx().input_mut(|i| i.consume_shortcut(&OPEN_SESSION_SHORTCUT)) {
            self.commands.push(Command::OpenSessionDialog);
        }
        if ui.ctx().input_mut(|i| i.consume_shortcut(&SAVE_SESSION_SHORTCUT)) {
            self.commands.push(Command::SaveSessionDialog);
        }
        if ui.ctx().input_mut(|i| i.consume_shortcut(&BOOKMARK_SHORTCUT)) {
            self.commands.push(Command::AddBookmark);
        }
        // F9 and F10 hide and show the side panels, so the map can take the whole window.
        let (layers, analysis) =
            ui.ctx().input_mut(|i| (i.consume_key(Modifiers::NONE, Key::F9), i.consume_key(Modifiers::NONE, Key::F10)));
        let layout = &mut self.settings.layout;
        layout.layers_open ^= layers;
        layout.analysis_open ^= analysis;
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button(text::MENU_FILE, |ui| {
                    if ui
                        .add(egui::Button::new(text::OPEN).shortcut_text(ui.ctx().format_shortcut(&OPEN_SHORTCUT)))
                        .clicked()
                    {
                        self.commands.push(Command::OpenDialog);
                    }
                    let shortcut = ui.ctx().format_shortcut(&super::open_url::OPEN_URL_SHORTCUT);
                    if ui.add(egui::Button::new(text::OPEN_URL).shortcut_text(shortcut)).clicked() {
                        self.open_url.open = true;
                    }
                    if ui.button(text::OPEN_FOLDER).clicked() {
                        self.commands.push(Command::OpenFolderDialog);
                    }
                    ui.menu_button(text::OPEN_RECENT, |ui| {
                        if self.settings.recent_files.is_empty() {
                            ui.label(text::NO_RECENT);
                        }
                        let mut chosen = None;
                        for path in &self.settings.recent_files {
                            if ui.button(path).clicked() {
                                chosen = Some(PathBuf::from(path));
                            }
                        }
                        if let Some(p) = chosen {
                            self.commands.push(Command::Open { paths: vec![p], remember: true });
                        }
                    });
                    if ui.button(text::OPEN_DEMO).clicked() {
                        self.commands.push(Command::OpenDemo);
                    }
                    ui.separator();
                    let shortcut = ui.ctx().format_shortcut(&OPEN_SESSION_SHORTCUT);
                    if ui.add(egui::Button::new(text::OPEN_SESSION).shortcut_text(shortcut)).clicked() {
                        self.commands.push(Command::OpenSessionDialog);
                    }
                    let shortcut = ui.ctx().format_shortcut(&SAVE_SESSION_SHORTCUT);
                    if ui.add(egui::Button::new(text::SAVE_SESSION).shortcut_text(shortcut)).clicked() {
                        self.commands.push(Command::SaveSessionDialog);
                    }
                    ui.separator();
                    let export = ui.ctx().format_shortcut(&super::figure_export::EXPORT_SHORTCUT);
                    if ui.add(egui::Button::new(text::EXPORT_FIGURE).shortcut_text(export)).clicked() {
                        self.figure.open = true;
                    }
                    ui.separator();
                    if ui
                        .add(egui::Button::new(text::QUIT).shortcut_text(ui.ctx().format_shortcut(&QUIT_SHORTCUT)))
                        .clicked()
                    {
                        self.commands.push(Command::Quit);
                    }
                });
                ui.menu_button(text::MENU_COMPARE, |ui| self.compare_menu(ui));
                ui.menu_button(text::MENU_VIEW, |ui| {
                    let layout = &mut self.settings.layout;
                    ui.checkbox(&mut layout.layers_open, text::LAYERS_PANEL);
                    ui.checkbox(&mut layout.analysis_open, text::ANALYSIS_PANEL);
                    let shortcut = ui.ctx().format_shortcut(&BOOKMARK_SHORTCUT);
                    if ui.add(egui::Button::new(text::BOOKMARKS_MENU).shortcut_text(shortcut)).clicked() {
                        self.tour.window_open = true;
                    }
                    ui.separator();
                    ui.label(text::KEYS_FIT);
                    ui.label(text::KEYS_ONE_TO_ONE);
                    ui.label(text::KEYS_PAN_ZOOM);
                    ui.label(text::KEYS_POINTER);
                    ui.separator();
                    ui.label(text::KEYS_COMPARE);
                    ui.label(text::KEYS_SWIPE);
                    ui.separator();
                    if ui.add(egui::Button::new(text::PRESENTATION_MODE).shortcut_text("F11")).clicked() {
                        self.commands.push(Command::SetPresenting(true));
                    }
                    if ui.button(text::QUIZ_MENU).clicked() {
                        self.commands.push(Command::StartQuiz);
                    }
                });
                if ui.button(text::PRESENT).on_hover_text(text::PRESENT_TIP).clicked() {
                    self.commands.push(Command::SetPresenting(true));
                }
            });
        });
    }

    pub(super) fn layers_panel(&mut self, ui: &mut egui::Ui) {
        if !self.settings.layout.layers_open {
            return;
        }
        let width = self.settings.layout.layers_width;
        let panel = egui::Panel::left("layers").resizable(true).default_size(width).size_range(160.0..=480.0);
        let shown = panel.show(ui, |ui| {
            ui.heading(text::LAYERS);
            if self.stack.is_empty() {
                ui.label(text::NO_LAYER);
            }
            let ids: Vec<u32> = self.stack.layers.iter().map(|l| l.id).collect();
            for id in ids {
                let Some(layer) = self.stack.get_mut(id) else { continue };
                ui.separator();
                ui.horizontal(|ui| {
                    ui.checkbox(&mut layer.visible, "").on_hover_text(text::LAYER_VISIBLE_TIP);
                    ui.add(egui::Label::new(egui::RichText::new(layer.title()).strong()).truncate())
                        .on_hover_text(layer.info.file_path());
                });
                let product = match &layer.info.product {
                    Some(p) => format!(
                        "{} {}{}",
                        p.family.display(),
                        p.layer.canonical(),
                        p.year.map(|y| format!(" {y}")).unwrap_or_default()
                    ),
                    None => text::UNKNOWN_PRODUCT.into(),
                };
                ui.label(product);
                if matches!(layer.info.identity, Identity::SourceNames { .. } | Identity::Palette { .. }) {
                    let identity = text::identified(&layer.info.identity.describe());
                    ui.add(egui::Label::new(egui::RichText::new(identity).small()).wrap());
                }
                if layer.info.meta.synthetic {
                    ui.colored_label(super::theme::SYNTHETIC, text::SYNTHETIC);
                }
                match &layer.info.mosaic {
                    // A mosaic of hundreds of tiles lists them only when asked.
                    Some(mosaic) => {
                        egui::CollapsingHeader::new(text::mosaic_tiles(mosaic.tiles.len()))
                            .id_salt(("tiles", id))
                            .show(ui, |ui| {
                                egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                                    for tile in &mosaic.tiles {
                                        let name = std::path::Path::new(tile).file_name().map(|n| n.to_string_lossy());
                                        let label = egui::RichText::new(name.unwrap_or_default()).small();
                                        ui.add(egui::Label::new(label).truncate()).on_hover_text(tile);
                                    }
                                });
                            });
                    }
                    None => {
                        ui.add(egui::Label::new(egui::RichText::new(&layer.info.name).small().weak()).truncate())
                            .on_hover_text(layer.info.file_path());
                    }
                }
                if let Some(note) = layer.info.reprojection_note() {
                    ui.add(egui::Label::new(egui::RichText::new(note).small()).wrap());
                }
                ui.horizontal(|ui| {
                    ui.add(egui::Slider::new(&mut layer.opacity, 0.0..=1.0).text(text::OPACITY));
                });
                ViewerApp::pair_controls(ui, layer);
                self.stack_buttons(ui, id);
                ui.horizontal(|ui| {
                    if ui.small_button(text::UP).on_hover_text(text::UP_TIP).clicked() {
                        self.commands.push(Command::MoveLayer { layer: id, up: true });
                    }
                    if ui.small_button(text::DOWN).on_hover_text(text::DOWN_TIP).clicked() {
                        self.commands.push(Command::MoveLayer { layer: id, up: false });
                    }
                    if ui.small_button(text::CLOSE).on_hover_text(text::CLOSE_TIP).clicked() {
                        self.commands.push(Command::CloseLayer(id));
                    }
                });
            }
        });
        // The panel's outer width, as `default_size` takes it: kept for the next start.
        self.settings.layout.layers_width = shown.response.rect.width();
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            for m in self.messages.iter() {
                ui.colored_label(super::theme::of_level(ui, m.level), &m.text);
            }
            ui.horizontal(|ui| {
                let epsg = self.stack.epsg();
                match self.hover {
                    Some([x, y]) => {
                        let crs = epsg.map_or(text::MAP_CRS.to_string(), |e| format!("EPSG:{e}"));
                        ui.label(text::cursor_position(&crs, x, y));
                        if let Some((lon, lat)) = self.to_wgs84.as_ref().and_then(|(_, t)| t.transform(x, y)) {
                            ui.separator();
                            ui.label(text::lat_lon(lat, lon));
                        }
                        if let Some(tile) = tile_id_at(x, y, epsg) {
                            ui.separator();
                            ui.label(text::tile(&tile));
                        }
                    }
                    None => {
                        ui.label(text::MOVE_CURSOR);
                    }
                }
                if let (Some(camera), Some(res)) = (self.camera, self.stack.finest_res()) {
                    ui.separator();
                    ui.label(text::scale(camera.res, camera.res / res));
                }
                for layer in &self.stack.layers {
                    if let Some(build) = layer.source.build.as_ref().filter(|b| b.result().is_none()) {
                        ui.separator();
                        let tip = match build.coarse_sizes() {
                            Some(_) => text::building_coarse_levels_of(&layer.info.name),
                            None => text::building_pyramid_of(&layer.info.name),
                        };
                        ui.add(egui::ProgressBar::new(build.progress()).desired_width(120.0).show_percentage())
                            .on_hover_text(tip);
                    }
                }
                if self.opening() > 0 {
                    ui.separator();
                    ui.spinner();
                    ui.label(text::opening_files(self.opening()));
                }
                if self.tiles.in_flight() > 0 {
                    ui.separator();
                    ui.spinner();
                    ui.label(text::loading_tiles(self.tiles.in_flight()));
                }
            });
        });
    }
}
