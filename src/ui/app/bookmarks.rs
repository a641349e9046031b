//! Bookmarks and tours in the app: adding the current view, going to one in a short flight, PageDown and PageUp
//! while presenting.

use super::ViewerApp;
use crate::text;
use crate::ui::bookmarks::*;
use crate::view::Bookmark;
use eframe::egui::{self, Key};
use std::time::Instant;

impl ViewerApp {
    /// Adds the current view as a bookmark named "View N".
    pub fn add_bookmark(&mut self) {
        let name = text::bookmark_name(self.state.bookmarks.len() + 1);
        match self.bookmark_of(name) {
            Some(b) => self.state.bookmarks.push(b),
            None => self.state.info(text::NOTHING_TO_BOOKMARK.into()),
        }
    }

    /// The bookmarks, in tour order.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.state.bookmarks
    }

    /// Goes to bookmark `index`: its layers, highlight and comparison at once, the camera in a short flight.
    pub fn go_to_bookmark(&mut self, index: usize) {
        let Some(b) = self.state.bookmarks.get(index).cloned() else { return };
        let ids: Vec<u32> = self.state.stack.layers.iter().filter(|l| l.pair().is_none()).map(|l| l.id).collect();
        for (i, id) in ids.iter().enumerate() {
            let Some(layer) = self.state.stack.get_mut(*id) else { continue };
            layer.visible = b.visible.get(i).copied().unwrap_or(true);
            let highlight = b.highlight.filter(|(at, _)| *at == i).map(|(_, code)| code);
            layer.set_highlight(highlight);
        }
        self.set_compare_state(&b.compare);
        self.state.tour.at = Some(index);
        match self.state.camera {
            Some(from) => self.state.tour.flight = Some(Flight { from, to: b.camera, started: Instant::now() }),
            None => self.state.camera = Some(b.camera),
        }
    }

    /// Moves the camera along the flight in progress; the window repaints until it lands.
    pub(super) fn fly(&mut self, ctx: &egui::Context) {
        let Some(flight) = &self.state.tour.flight else { return };
        let t = flight.started.elapsed().as_secs_f64() / FLIGHT.as_secs_f64();
        if t >= 1.0 {
            self.state.camera = Some(flight.to);
            self.state.tour.flight = None;
        } else {
            self.state.camera = Some(flight.at(t));
            ctx.request_repaint();
        }
    }

    /// PageDown and PageUp step through the bookmarks while presenting.
    pub(super) fn tour_keys(&mut self, ctx: &egui::Context) {
        if !self.presenting() || self.state.bookmarks.is_empty() {
            return;
        }
        let (next, previous) = ctx.input(|i| (i.key_pressed(Key::PageDown), i.key_pressed(Key::PageUp)));
        let last = self.state.bookmarks.len() - 1;
        let step = match (next, previous, self.state.tour.at) {
            (true, _, None) => Some(0),
            (true, _, Some(at)) => Some((at + 1).min(last)),
            (false, true, Some(at)) => Some(at.saturating_sub(1)),
            _ => None,
        };
        if let Some(index) = step {
            self.go_to_bookmark(index);
        }
    }
}
