//! Bookmarks and tours for teaching: named views (camera, visible layers, highlighted class, comparison) kept in the
//! session, listed in a window (View > Bookmarks; Ctrl+B adds the current view), and stepped through in presentation
//! mode with PageDown and PageUp, each step a short animated flight, so a lesson is prepared once and replayed.

use std::time::{Duration, Instant};

use eframe::egui::{self, Key};

use super::app::ViewerApp;
use super::command::Command;
use crate::text;
use crate::view::{Bookmark, Camera};

/// How long the flight from one view to the next takes.
const FLIGHT: Duration = Duration::from_millis(800);

/// The camera moving from one view to another.
pub struct Flight {
    from: Camera,
    to: Camera,
    started: Instant,
}

impl Flight {
    /// The camera `t` (0..=1) of the way: the centre along a straight line, the scale evenly in zoom steps, both
    /// eased in and out.
    fn at(&self, t: f64) -> Camera {
        let s = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * s;
        Camera {
            center: [lerp(self.from.center[0], self.to.center[0]), lerp(self.from.center[1], self.to.center[1])],
            res: (self.from.res.ln() + (self.to.res.ln() - self.from.res.ln()) * s).exp(),
        }
    }
}

/// The bookmarks window and where a tour stands.
#[derive(Default)]
pub struct Tour {
    pub window_open: bool,
    /// The bookmark shown last by the tour.
    pub at: Option<usize>,
    pub flight: Option<Flight>,
}

impl ViewerApp {
    /// Adds the current view as a bookmark named "View N".
    pub fn add_bookmark(&mut self) {
        let name = text::bookmark_name(self.state.bookmarks.len() + 1);
        match super::session::bookmark_of(self, name) {
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

    /// The bookmarks window: go to, rename, reorder, delete, add.
    pub(super) fn bookmarks_window(&mut self, ui: &egui::Ui) {
        let mut open = self.state.tour.window_open;
        let (mut go, mut delete, mut up) = (None, None, None);
        let mut add = false;
        egui::Window::new(text::BOOKMARKS).open(&mut open).resizable(true).show(ui.ctx(), |ui| {
            if self.state.bookmarks.is_empty() {
                ui.weak(text::NO_BOOKMARKS);
            }
            for (i, b) in self.state.bookmarks.iter_mut().enumerate() {
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
        self.state.tour.window_open = open;
        if let Some(i) = go {
            self.commands.push(Command::GoToBookmark(i));
        }
        if let Some(i) = up {
            self.state.bookmarks.swap(i - 1, i);
        }
        if let Some(i) = delete {
            self.state.bookmarks.remove(i);
            self.state.tour.at = None;
        }
        if add {
            self.commands.push(Command::AddBookmark);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_eases_from_one_view_to_the_other_evenly_in_zoom() {
        let flight = Flight {
            from: Camera { center: [0.0, 0.0], res: 100.0 },
            to: Camera { center: [1000.0, -500.0], res: 1.0 },
            started: Instant::now(),
        };
        assert_eq!(flight.at(0.0).center, flight.from.center);
        assert!((flight.at(0.0).res - 100.0).abs() < 1e-9);
        assert_eq!(flight.at(1.0).center, flight.to.center);
        assert!((flight.at(1.0).res - 1.0).abs() < 1e-9);
        let half = flight.at(0.5);
        assert_eq!(half.center, [500.0, -250.0]);
        assert!((half.res - 10.0).abs() < 1e-9, "half-way in zoom steps: {}", half.res);
    }
}
