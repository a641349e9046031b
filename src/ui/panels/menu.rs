//! The menu bar: File, Compare and View, and the keyboard shortcuts of their entries.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::text;
use crate::ui::command::{Command, Commands, Window};
use crate::ui::compare::CompareMode;
use crate::ui::pair_views::pair_candidates;
use crate::ui::state::AppState;

const OPEN_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const SAVE_SESSION_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const OPEN_SESSION_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
const BOOKMARK_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::B);
/// Ctrl+L, "open location" as in browsers and file choosers.
pub const OPEN_URL_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);
pub const EXPORT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

pub fn menu_bar(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    if ui.ctx().input_mut(|i| i.consume_shortcut(&OPEN_SHORTCUT)) {
        commands.push(Command::OpenDialog);
    }
    if ui.ctx().input_mut(|i| i.consume_shortcut(&QUIT_SHORTCUT)) {
        commands.push(Command::Quit);
    }
    // Ctrl+Shift+O before Ctrl+O: the longer shortcut is looked at first.
    if ui.ctx().input_mut(|i| i.consume_shortcut(&OPEN_SESSION_SHORTCUT)) {
        commands.push(Command::OpenSessionDialog);
    }
    if ui.ctx().input_mut(|i| i.consume_shortcut(&SAVE_SESSION_SHORTCUT)) {
        commands.push(Command::SaveSessionDialog);
    }
    if ui.ctx().input_mut(|i| i.consume_shortcut(&BOOKMARK_SHORTCUT)) {
        commands.push(Command::AddBookmark);
    }
    // F9 and F10 hide and show the side panels, so the map can take the whole window.
    let (layers, analysis) =
        ui.ctx().input_mut(|i| (i.consume_key(Modifiers::NONE, Key::F9), i.consume_key(Modifiers::NONE, Key::F10)));
    let layout = &mut state.settings.layout;
    layout.layers_open ^= layers;
    layout.analysis_open ^= analysis;
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(text::MENU_FILE, |ui| {
                if ui
                    .add(egui::Button::new(text::OPEN).shortcut_text(ui.ctx().format_shortcut(&OPEN_SHORTCUT)))
                    .clicked()
                {
                    commands.push(Command::OpenDialog);
                }
                let shortcut = ui.ctx().format_shortcut(&OPEN_URL_SHORTCUT);
                if ui.add(egui::Button::new(text::OPEN_URL).shortcut_text(shortcut)).clicked() {
                    commands.push(Command::ShowWindow(Window::OpenUrl));
                }
                if ui.button(text::OPEN_FOLDER).clicked() {
                    commands.push(Command::OpenFolderDialog);
                }
                ui.menu_button(text::OPEN_RECENT, |ui| {
                    if state.settings.recent_files.is_empty() {
                        ui.label(text::NO_RECENT);
                    }
                    let mut chosen = None;
                    for path in &state.settings.recent_files {
                        if ui.button(path).clicked() {
                            chosen = Some(PathBuf::from(path));
                        }
                    }
                    if let Some(p) = chosen {
                        commands.push(Command::Open { paths: vec![p], remember: true });
                    }
                });
                if ui.button(text::OPEN_DEMO).clicked() {
                    commands.push(Command::OpenDemo);
                }
                ui.separator();
                let shortcut = ui.ctx().format_shortcut(&OPEN_SESSION_SHORTCUT);
                if ui.add(egui::Button::new(text::OPEN_SESSION).shortcut_text(shortcut)).clicked() {
                    commands.push(Command::OpenSessionDialog);
                }
                let shortcut = ui.ctx().format_shortcut(&SAVE_SESSION_SHORTCUT);
                if ui.add(egui::Button::new(text::SAVE_SESSION).shortcut_text(shortcut)).clicked() {
                    commands.push(Command::SaveSessionDialog);
                }
                ui.separator();
                let export = ui.ctx().format_shortcut(&EXPORT_SHORTCUT);
                if ui.add(egui::Button::new(text::EXPORT_FIGURE).shortcut_text(export)).clicked() {
                    commands.push(Command::ShowWindow(Window::ExportFigure));
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(text::QUIT).shortcut_text(ui.ctx().format_shortcut(&QUIT_SHORTCUT)))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button(text::MENU_COMPARE, |ui| compare_menu(ui, state, commands));
            ui.menu_button(text::MENU_VIEW, |ui| {
                let layout = &mut state.settings.layout;
                ui.checkbox(&mut layout.layers_open, text::LAYERS_PANEL);
                ui.checkbox(&mut layout.analysis_open, text::ANALYSIS_PANEL);
                let shortcut = ui.ctx().format_shortcut(&BOOKMARK_SHORTCUT);
                if ui.add(egui::Button::new(text::BOOKMARKS_MENU).shortcut_text(shortcut)).clicked() {
                    state.tour.window_open = true;
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
                    commands.push(Command::SetPresenting(true));
                }
                if ui.button(text::QUIZ_MENU).clicked() {
                    commands.push(Command::StartQuiz);
                }
            });
            if ui.button(text::PRESENT).on_hover_text(text::PRESENT_TIP).clicked() {
                commands.push(Command::SetPresenting(true));
            }
        });
    });
}

/// The Compare menu: modes, stacks, linking, and the change views of class layers on one grid.
fn compare_menu(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    for mode in
        [CompareMode::Off, CompareMode::SideBySide, CompareMode::Swipe, CompareMode::SpyGlass, CompareMode::Blink]
    {
        if ui.radio(state.compare.mode == mode, mode.label()).clicked() {
            commands.push(Command::EnterCompare(mode));
        }
    }
    ui.label(text::COMPARE_KEYS);
    ui.separator();
    pair_views_menu(ui, state, commands);
}

/// Menu entries for the paired views that can be added from the open layers.
fn pair_views_menu(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let candidates = pair_candidates(&state.stack);
    if candidates.is_empty() {
        ui.label(text::PAIR_VIEWS_HINT);
    }
    for (first, other, kind, title) in candidates {
        if ui.button(title).clicked() {
            commands.push(Command::AddPairView { first, other, kind });
            ui.close();
        }
    }
}
