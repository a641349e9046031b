//! What the user sees, as data: the layers, the camera, the comparison, the counts and inspected values, the
//! messages, the teaching modes and the settings. Panels draw from it and change it directly where a change is
//! only a value (a checkbox, a slider); anything that reaches a loader, a worker or a file is a
//! [`super::command::Command`].

use eframe::egui;

use super::analysis::Analysis;
use super::bookmarks::Tour;
use super::compare::Compare;
use super::labelling::{Labelling, SampleSize};
use super::messages::{Level, Messages};
use super::presentation::Presentation;
use super::quiz::Quiz;
use super::settings::Settings;
use super::zones::Zones;
use crate::raster::Transformer;
use crate::stats::ClassRow;
use crate::view::{Bookmark, Camera, LayerStack, MapLayer};

pub struct AppState {
    pub stack: LayerStack,
    pub camera: Option<Camera>,
    pub compare: Compare,
    pub settings: Settings,
    pub messages: Messages,
    /// Counts of the view or the whole file, the inspector's values and pinned points.
    pub analysis: Analysis,
    pub presentation: Presentation,
    pub quiz: Option<Quiz>,
    /// Named views, kept in sessions; stepped through with PageDown and PageUp while presenting.
    pub bookmarks: Vec<Bookmark>,
    pub tour: Tour,
    /// Fit the view to the layers once the next layer arrives (after opening files into an empty view).
    pub fit_pending: bool,
    /// Whether the window has a GPU renderer (without one the map cannot be drawn; panels still work).
    pub gpu: bool,
    /// Map coordinates under the cursor, when it is over the map.
    pub hover: Option<[f64; 2]>,
    /// Map CRS -> WGS84, for the status bar; rebuilt when the bottom layer's CRS changes.
    pub to_wgs84: Option<(String, Transformer)>,
    /// Files being opened on the opener thread.
    pub opening: usize,
    /// Where the map was drawn in the last frame (points).
    pub map_rect: Option<egui::Rect>,
    /// Zone layers from vector files, and the class table of the selected zones.
    pub zones: Zones,
    /// Accuracy samples being labelled.
    pub labelling: Option<Labelling>,
    /// The sample-size helper's inputs.
    pub sample_size: SampleSize,
}

impl AppState {
    pub fn new(settings: Settings, analysis: Analysis, gpu: bool) -> AppState {
        AppState {
            stack: LayerStack::default(),
            camera: None,
            compare: Compare::default(),
            settings,
            messages: Messages::default(),
            analysis,
            presentation: Presentation::default(),
            quiz: None,
            bookmarks: Vec::new(),
            tour: Tour::default(),
            fit_pending: true,
            gpu,
            hover: None,
            to_wgs84: None,
            opening: 0,
            map_rect: None,
            zones: Zones::default(),
            labelling: None,
            sample_size: SampleSize::default(),
        }
    }

    /// Tells the user something done or started, in the message bar.
    pub fn info(&mut self, text: String) {
        self.messages.push(Level::Info, text);
    }

    /// Tells the user something they should know while the work goes on.
    pub fn warn(&mut self, text: String) {
        self.messages.push(Level::Warning, text);
    }

    /// Tells the user what failed, naming the file and the reason.
    pub fn error(&mut self, text: String) {
        self.messages.push(Level::Error, text);
    }

    /// The most base-level pixels the view's live counts read exactly (a setting; a 1:1 view of a 4K screen has
    /// 8.3 million).
    pub fn exact_view_pixels(&self) -> usize {
        self.settings.exact_view_mpx.saturating_mul(1_000_000)
    }

    /// The layer the big legend describes: the top visible class layer drawn from one file.
    pub fn legend_layer(&self) -> Option<&MapLayer> {
        self.stack.layers.iter().find(|l| l.visible && l.pair().is_none() && l.info.is_categorical())
    }

    /// The land-cover classes with pixels in view, in code order, from the view's counts.
    pub fn classes_in_view(&self, layer_id: u32) -> Vec<ClassRow> {
        let Some(stats) = self.analysis.view.stats.get(&layer_id) else { return Vec::new() };
        stats.table.rows.iter().filter(|r| !r.technical && r.count > 0).cloned().collect()
    }
}
