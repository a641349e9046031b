//! The bookmarks window (View > Bookmarks): go to, rename, reorder, delete and add the named views a tour steps
//! through.

use eframe::egui;

use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::state::AppState;

/// The bookmarks window: go to, rename, reorder, delete, add.
pub fn show(ui: &egui::Ui, state: &mut AppState, commands: &mut Commands) {
    let mut open = state.tour.window_open;
    let (mut go, mut delete, mut up) = (None, None, None);
    let mut add = false;
    egui::Window::new(text::BOOKMARKS).open(&mut open).resizable(true).show(ui.ctx(), |ui| {
        if state.bookmarks.is_empty() {
            ui.weak(text::NO_BOOKMARKS);
        }
        for (i, b) in state.bookmarks.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                if ui.button(text::GO).clicked() {
                    go = Some(i);
                }
                ui.text_edit_singleline(&mut b.name);
                if i > 0 && ui.small_button(text::UP).clicked() {
                    up = Some(i);
                }
                if ui.small_button(text::DELETE).clicked() {
                    delete = Some(i);
                }
            });
        }
        ui.separator();
        add = ui.button(text::ADD_BOOKMARK).clicked();
        ui.weak(text::TOUR_KEYS);
    });
    state.tour.window_open = open;
    if let Some(i) = go {
        commands.push(Command::GoToBookmark(i));
    }
    if let Some(i) = up {
        state.bookmarks.swap(i - 1, i);
    }
    if let Some(i) = delete {
        state.bookmarks.remove(i);
        state.tour.at = None;
    }
    if add {
        commands.push(Command::AddBookmark);
    }
}
