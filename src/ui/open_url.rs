//! File > Open URL: a COG on a web server, read through GDAL's range requests on the opener thread, so the window
//! never waits on the network. Progress shows in the status bar (opening, then tiles loading); a failure (not
//! found, no range support, no answer in time) comes back as a message naming the URL and the reason.

use std::path::PathBuf;

use eframe::egui::{self, Key, Modifiers};

use super::ViewerApp;
use crate::raster::is_url;
use crate::text;

#[derive(Default)]
pub struct OpenUrl {
    pub open: bool,
    pub url: String,
    /// Why the address typed cannot be opened, shown under it.
    pub problem: Option<&'static str>,
}

impl ViewerApp {
    /// Opens `url` (an `http://` or `https://` address) as a layer, in the background; it joins the recent files.
    pub fn open_url(&mut self, url: &str) -> Result<(), &'static str> {
        let url = url.trim();
        if !is_url(url) {
            return Err(text::URL_NEEDS_SCHEME);
        }
        self.state.info(text::opening_url(url));
        self.open(vec![PathBuf::from(url)], true);
        Ok(())
    }

    /// The Open URL dialog.
    pub(super) fn open_url_window(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input_mut(|i| i.consume_shortcut(&crate::ui::panels::menu::OPEN_URL_SHORTCUT)) {
            self.open_url.open = true;
        }
        if self.open_url.open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.open_url.open = false;
        }
        let mut open = self.open_url.open;
        let mut go = false;
        egui::Window::new(text::OPEN_URL_TITLE).open(&mut open).resizable(false).collapsible(false).show(&ctx, |ui| {
            ui.label(text::OPEN_URL_EXPLAINED);
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.open_url.url).hint_text(text::OPEN_URL_HINT).desired_width(420.0),
            );
            field.request_focus();
            // Enter in the field opens (whether or not the field has let go of the focus yet this frame).
            go = (field.has_focus() || field.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
            if let Some(problem) = self.open_url.problem {
                ui.colored_label(super::theme::warning(ui), problem);
            }
            ui.horizontal(|ui| {
                go |= ui.button(text::OPEN_URL_BUTTON).clicked();
                if ui.button(text::CANCEL).clicked() {
                    self.open_url.open = false;
                }
            });
        });
        self.open_url.open &= open;
        if go {
            let url = self.open_url.url.clone();
            match self.open_url(&url) {
                Ok(()) => self.open_url = OpenUrl::default(),
                Err(problem) => self.open_url.problem = Some(problem),
            }
        }
    }
}
