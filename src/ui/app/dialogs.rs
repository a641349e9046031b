//! The app's side of the dialogs: opening a class card (from the legend or with Ctrl+click on the map), opening
//! a URL, and making a figure on a thread of its own, then taking it.

use std::path::PathBuf;

use eframe::egui;

use super::ViewerApp;
use crate::figure::{make, write_png, Arrangement, FigureRequest};
use crate::raster::is_url;
use crate::render::Offscreen;
use crate::text;
use crate::ui::compare::CompareMode;
use crate::ui::job::Job;
use crate::ui::windows::class_card::ClassCard;
use crate::ui::windows::figure_export::{Target, GPU_BUDGET};
use crate::view::LayerStack;

impl ViewerApp {
    /// Opens the card of `code` in layer `layer_id`.
    pub fn open_class_card(&mut self, layer_id: u32, code: u32) {
        self.class_card = Some(ClassCard { layer_id, code });
    }

    /// The card shown, if any.
    pub fn class_card(&self) -> Option<ClassCard> {
        self.class_card
    }

    /// Opens the card of the class under the cursor: the top visible class layer with a legend entry there, read
    /// from the inspector's base-level values. Returns whether a card opened.
    pub(super) fn open_class_card_at_cursor(&mut self) -> bool {
        let Some(result) = &self.state.analysis.inspected else { return false };
        let found = self.state.stack.layers.iter().filter(|l| l.visible && l.info.is_categorical()).find_map(|layer| {
            let value = result.values.iter().find(|v| v.layer_id == layer.id)?;
            let code = value.value.as_ref().ok().copied().flatten()? as u32;
            layer.info.legend.entry(code).map(|_| (layer.id, code))
        });
        match found {
            Some((layer_id, code)) => {
                self.open_class_card(layer_id, code);
                true
            }
            None => false,
        }
    }

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
        let zones = self.state.zones.layers.iter().filter(|z| z.visible).map(|z| z.geometry.clone()).collect();
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
                zones,
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
}
