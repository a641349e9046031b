//! File > Open URL: a COG on a web server, read through GDAL's range requests on the opener thread, so the window
//! never waits on the network. Progress shows in the status bar (opening, then tiles loading); a failure (not
//! found, no range support, no answer in time) comes back as a message naming the URL and the reason.

use eframe::egui::{self, Key, Modifiers};

use crate::raster::is_url;
use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::theme;

#[derive(Default)]
pub struct OpenUrl {
    pub open: bool,
    pub url: String,
    /// Why the address typed cannot be opened, shown under it.
    pub problem: Option<&'static str>,
}

impl OpenUrl {
    /// The Open URL dialog.
    /// Draws the dialog (Ctrl+L shows it, Esc hides it); a valid address becomes an open command.
    pub fn show(&mut self, ui: &egui::Ui, commands: &mut Commands) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&crate::ui::panels::menu::OPEN_URL_SHORTCUT)) {
            self.open = true;
        }
        if self.open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.open = false;
        }
        let mut open = self.open;
        let mut go = false;
        egui::Window::new(text::OPEN_URL_TITLE).open(&mut open).resizable(false).collapsible(false).show(&ctx, |ui| {
            ui.label(text::OPEN_URL_EXPLAINED);
            let field =
                ui.add(egui::TextEdit::singleline(&mut self.url).hint_text(text::OPEN_URL_HINT).desired_width(420.0));
            field.request_focus();
            // Enter in the field opens (whether or not the field has let go of the focus yet this frame).
            go = (field.has_focus() || field.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
            if let Some(problem) = self.problem {
                ui.colored_label(theme::warning(ui), problem);
            }
            ui.horizontal(|ui| {
                go |= ui.button(text::OPEN_URL_BUTTON).clicked();
                if ui.button(text::CANCEL).clicked() {
                    self.open = false;
                }
            });
        });
        self.open &= open;
        if go {
            let url = self.url.trim().to_string();
            if is_url(&url) {
                commands.push(Command::OpenUrl(url));
                *self = OpenUrl::default();
            } else {
                self.problem = Some(text::URL_NEEDS_SCHEME);
            }
        }
    }
}
