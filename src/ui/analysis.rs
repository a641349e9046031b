//! Analysis state of the window: counts of the current view per layer, and the inspector's values under the cursor.
//! A view's counts cost what the screen shows, not what the map holds: a view of at most `exact_view_mpx` million
//! base-level pixels (a setting, 25 by default) is counted exactly; a larger one on the finest overview within that bound, marked approximate,
//! until the user asks for an exact count ("Count exactly", with progress and cancel). Counts start once the camera
//! rests and the view's tiles have arrived, and a camera move cancels them. The work runs on the stats worker and
//! the inspector's reader; this file only schedules it and keeps the newest results.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::ViewerApp;
use crate::product::{Layer, ValueKind};
use crate::pyramid::LevelSource;
use crate::raster::Aligned;
use crate::stats::{
    bbox_window, ClassTable, InspectRequest, InspectResult, InspectTarget, InspectorReader, PairCounts, PixelWindow,
    StatsOutput, StatsRequest, StatsWorker,
};
use crate::view::{level_drawn, Camera, LayerStack, MapLayer};

/// How long the camera must rest before the view is counted.
const SETTLE: Duration = Duration::from_millis(200);

/// What the legend counts and the histograms show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The current view, recounted when the camera rests: approximate first, then exact.
    View,
    /// Every pixel of the file's base level: exact, with progress and cancel.
    File,
}

/// Square kilometres or hectares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaUnit {
    Km2,
    Ha,
}

impl AreaUnit {
    pub fn of_km2(self, km2: f64) -> f64 {
        match self {
            AreaUnit::Km2 => km2,
            AreaUnit::Ha => km2 * 100.0,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            AreaUnit::Km2 => crate::text::UNIT_KM2,
            AreaUnit::Ha => crate::text::UNIT_HA,
        }
    }

    /// Decimals that keep 10 m pixels exact (0.0001 km2, 0.01 ha).
    pub fn decimals(self) -> usize {
        match self {
            AreaUnit::Km2 => 4,
            AreaUnit::Ha => 2,
        }
    }
}

/// The counts of one layer for the current view or, in the whole-file scope, for the whole file.
pub struct ViewStats {
    /// 0: exact, from the base level; N: approximate, from overview N.
    pub level: usize,
    pub table: ClassTable,
}

/// The counts of one scope: class tables and joint counts with confidence layers per layer, and the requests that
/// have not been answered.
#[derive(Default)]
pub struct ScopeCounts {
    pub stats: HashMap<u32, ViewStats>,
    /// Joint counts of a class layer (key) with its confidence layer, or of a change view's two years.
    pub cross: HashMap<u32, PairCounts>,
    outstanding: HashSet<u32>,
    cross_outstanding: HashSet<u32>,
}

impl ScopeCounts {
    /// Layers whose table (`pairs` false) or joint count (`pairs` true) has not arrived.
    fn outstanding(&mut self, pairs: bool) -> &mut HashSet<u32> {
        if pairs {
            &mut self.cross_outstanding
        } else {
            &mut self.outstanding
        }
    }

    fn busy(&self) -> bool {
        !self.outstanding.is_empty() || !self.cross_outstanding.is_empty()
    }

    fn forget(&mut self, id: u32) {
        self.stats.remove(&id);
        self.cross.remove(&id);
        self.outstanding.remove(&id);
        self.cross_outstanding.remove(&id);
    }

    /// Keeps a finished count of `layer`, counted on `level` (answers of older views were dropped before).
    fn store(&mut self, layer: &MapLayer, level: usize, output: StatsOutput) {
        match output {
            StatsOutput::Pairs(pairs) => {
                self.cross.insert(layer.id, pairs);
            }
            StatsOutput::Counts(counts) => {
                let Some(l) = layer.source.levels.get(level) else { return };
                let table = ClassTable::new(&counts, &layer.info.legend, l.pixel_size.0 * l.pixel_size.1);
                self.stats.insert(layer.id, ViewStats { level, table });
            }
        }
    }
}

/// What the view statistics were last asked for: the camera, the viewport and the layers.
#[derive(Clone, PartialEq)]
struct StatsKey {
    camera: Camera,
    size: [f64; 2],
    /// The visible layers, and whether their built levels (if any) are ready: a view is counted again once they
    /// are.
    layers: Vec<(u32, bool)>,
}

pub struct Analysis {
    pub(super) worker: StatsWorker,
    generation: u64,
    /// Counts of the current view (requests of the current generation).
    pub(super) view: ScopeCounts,
    requested: Option<StatsKey>,
    pending: Option<(StatsKey, Instant)>,
    pub(super) errors: Vec<String>,
    pub(super) reader: InspectorReader,
    pub(super) inspected: Option<InspectResult>,
    sent_point: Option<[f64; 2]>,
    pub(super) pinned: Vec<InspectResult>,
    pub(super) only_in_view: bool,
    pub(super) scope: Scope,
    /// The unit of areas in the legends and the area histograms.
    pub(super) area_unit: AreaUnit,
    /// Histograms of areas rather than of shares of the mapped area.
    pub(super) histogram_areas: bool,
    /// Whole-file counts run on a worker of their own, so camera moves never cancel them.
    pub(super) file_worker: StatsWorker,
    pub(super) file: ScopeCounts,
    /// Layers whose whole-file count the user cancelled: not started again until asked.
    pub(super) file_cancelled: HashSet<u32>,
    /// Layers whose whole-file count failed (the message said why): not started again until asked, or the window
    /// would retry, and repeat the message, every frame.
    pub(super) file_failed: HashSet<u32>,
    /// The view last counted was larger than the live bound (`exact_view_mpx`): its counts are approximate, joint
    /// counts wait for "Count exactly".
    pub(super) view_capped: bool,
    /// The user asked for exact counts of the view (until the camera moves).
    pub(super) exact_view: bool,
}

/// The confidence layer that goes with a class layer: RASCL for RAS, CTYCL for CTY, of the same grid (same size and
/// geotransform), so their pixels can be paired one to one.
pub fn confidence_partner<'a>(stack: &'a LayerStack, layer: &MapLayer) -> Option<&'a MapLayer> {
    if layer.pair().is_some() {
        return None;
    }
    let wanted = match layer.info.product.as_ref()?.layer {
        Layer::Ras => Layer::Rascl,
        Layer::Cty => Layer::Ctycl,
        _ => return None,
    };
    stack.layers.iter().find(|other| {
        other.info.product.as_ref().is_some_and(|p| p.layer == wanted)
            && other.info.meta.size == layer.info.meta.size
            && other.info.meta.geo_transform == layer.info.meta.geo_transform
    })
}

impl Analysis {
    pub fn new(ctx: eframe::egui::Context) -> Analysis {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        Analysis {
            worker: StatsWorker::new(threads),
            generation: 0,
            view: ScopeCounts::default(),
            requested: None,
            pending: None,
            errors: Vec::new(),
            reader: InspectorReader::new(move || ctx.request_repaint()),
            inspected: None,
            sent_point: None,
            pinned: Vec::new(),
            only_in_view: false,
            scope: Scope::View,
            area_unit: AreaUnit::Km2,
            histogram_areas: false,
            file_worker: StatsWorker::new(threads),
            file: ScopeCounts::default(),
            file_cancelled: HashSet::new(),
            file_failed: HashSet::new(),
            view_capped: false,
            exact_view: false,
        }
    }

    /// The counts the panels show: those of the current scope.
    pub fn current(&self) -> &ScopeCounts {
        match self.scope {
            Scope::View => &self.view,
            Scope::File => &self.file,
        }
    }

    /// Stops the whole-file counts in progress.
    pub fn cancel_file_counts(&mut self) {
        self.file_worker.cancel_running();
        self.file_cancelled.extend(self.file.outstanding.drain());
        self.file_cancelled.extend(self.file.cross_outstanding.drain());
    }

    /// True while a count (of the view or of a whole file, single or joint) is scheduled or running.
    pub fn busy(&self) -> bool {
        self.pending.is_some() || self.view.busy() || self.file.busy()
    }

    pub fn forget_layer(&mut self, id: u32) {
        self.view.forget(id);
        self.file.forget(id);
        self.file_cancelled.remove(&id);
        self.file_failed.remove(&id);
    }
}

impl ViewerApp {
    /// Takes finished counts and inspector values.
    pub(super) fn receive_analysis(&mut self) {
        while let Some(done) = self.state.analysis.worker.try_recv() {
            let req = done.request;
            if req.generation < self.state.analysis.generation {
                continue;
            }
            let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == req.layer_id) else { continue };
            let pairs = req.pair_with.is_some();
            // One request per layer and kind: its answer, exact or approximate, ends the wait.
            self.state.analysis.view.outstanding(pairs).remove(&req.layer_id);
            match done.result {
                Ok(output) => self.state.analysis.view.store(layer, req.level, output),
                Err(e) => self.state.analysis.errors.push(e),
            }
        }
        while let Some(done) = self.state.analysis.file_worker.try_recv() {
            let req = done.request;
            if !self.state.analysis.file.outstanding(req.pair_with.is_some()).remove(&req.layer_id) {
                continue; // cancelled or closed meanwhile
            }
            let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == req.layer_id) else { continue };
            match done.result {
                Ok(output) => self.state.analysis.file.store(layer, req.level, output),
                Err(e) => {
                    self.state.analysis.file_failed.insert(req.layer_id);
                    self.state.analysis.errors.push(e);
                }
            }
        }
        if let Some(result) = self.state.analysis.reader.try_recv_latest() {
            self.state.analysis.inspected = Some(result);
        }
    }

    /// Schedules the counts of the view once the camera has rested, and asks the inspector for the hovered point.
    pub(super) fn schedule_analysis(&mut self, camera: Camera, size: [f64; 2], clicked: bool) {
        let layers = self.state.stack.layers.iter().filter(|l| l.visible);
        let ready = |l: &MapLayer| l.source.build.as_ref().is_none_or(|b| b.result().is_some());
        let key = StatsKey { camera, size, layers: layers.map(|l| (l.id, ready(l))).collect() };
        if self.state.analysis.requested.as_ref() != Some(&key) {
            if self.state.analysis.pending.as_ref().is_none_or(|(k, _)| *k != key) {
                self.state.analysis.pending = Some((key, Instant::now()));
                self.state.analysis.exact_view = false;
            }
        } else {
            self.state.analysis.pending = None;
        }
        // Counting yields to tile loading: it starts once the view's tiles are in.
        if let Some((key, since)) = self.state.analysis.pending.clone() {
            if since.elapsed() >= SETTLE && self.tiles.in_flight() == 0 {
                self.request_view_stats(&key);
                self.state.analysis.requested = Some(key);
                self.state.analysis.pending = None;
            }
        }
        if self.state.analysis.scope == Scope::File {
            self.request_file_stats();
        }
        match self.state.hover {
            Some(point) if self.state.analysis.sent_point != Some(point) => {
                let targets = self
                    .state
                    .stack
                    .layers
                    .iter()
                    .filter(|l| l.pair().is_none())
                    .map(|l| InspectTarget {
                        layer_id: l.id,
                        path: l.info.values_path().to_string(),
                        geo_transform: l.info.meta.geo_transform_or_pixels(),
                        bands: l.info.legend.kind == ValueKind::Imagery,
                    })
                    .collect();
                if self.state.analysis.reader.request(InspectRequest { point, targets }) {
                    self.state.analysis.sent_point = Some(point);
                }
            }
            _ => {}
        }
        if clicked {
            if let Some(r) = self.state.analysis.inspected.clone() {
                self.state.analysis.pinned.push(r);
            }
        }
    }

    /// Counts the whole base level of every visible layer not counted yet.
    fn request_file_stats(&mut self) {
        let a = &mut self.state.analysis;
        // Imagery holds colours, not classes: nothing to count.
        for layer in self.state.stack.layers.iter().filter(|l| l.visible && l.info.legend.kind != ValueKind::Imagery) {
            let id = layer.id;
            if a.file_cancelled.contains(&id) || a.file_failed.contains(&id) {
                continue;
            }
            let (cols, rows) = layer.info.meta.size;
            let request = |pair_with| StatsRequest {
                generation: 0,
                layer_id: id,
                path: layer.info.path.clone(),
                level: 0,
                window: PixelWindow { x: 0, y: 0, w: cols, h: rows },
                pair_with,
                pixels: None,
            };
            // A paired layer counts its pairs (the second file read as its tiles read it), exactly, and nothing else.
            if let Some(paired) = &layer.source.paired {
                let wanted = !a.file.cross.contains_key(&id) && !a.file.cross_outstanding.contains(&id);
                if wanted && a.file_worker.request(request(Some(paired.clone()))) {
                    a.file.cross_outstanding.insert(id);
                }
                continue;
            }
            if !a.file.stats.contains_key(&id)
                && !a.file.outstanding.contains(&id)
                && a.file_worker.request(request(None))
            {
                a.file.outstanding.insert(id);
            }
            let partner = confidence_partner(&self.state.stack, layer).map(|p| Aligned::as_is(p.info.path.as_str()));
            if let Some(partner) = partner {
                let wanted = !a.file.cross.contains_key(&id) && !a.file.cross_outstanding.contains(&id);
                if wanted && a.file_worker.request(request(Some(partner))) {
                    a.file.cross_outstanding.insert(id);
                }
            }
        }
    }

    /// Counts the view exactly (the legend's "Count exactly"): every layer and joint count from the base level.
    pub(super) fn count_view_exactly(&mut self) {
        self.state.analysis.exact_view = true;
        if let Some(key) = self.state.analysis.requested.clone() {
            self.request_view_stats(&key);
        }
    }

    /// Stops the view's exact count in progress; the approximate counts stay.
    pub(super) fn cancel_view_count(&mut self) {
        self.state.analysis.exact_view = false;
        self.state.analysis.worker.cancel_running();
        self.state.analysis.view.outstanding.clear();
        self.state.analysis.view.cross_outstanding.clear();
    }

    fn request_view_stats(&mut self, key: &StatsKey) {
        self.state.analysis.generation += 1;
        let generation = self.state.analysis.generation;
        self.state.analysis.worker.new_generation(generation);
        self.state.analysis.view.outstanding.clear();
        self.state.analysis.view.cross_outstanding.clear();
        self.state.analysis.view_capped = false;
        let exact = self.state.analysis.exact_view;
        let cap = self.state.exact_view_pixels();
        let view = key.camera.visible_extent(key.size);
        // Imagery holds colours, not classes: nothing to count.
        for layer in self.state.stack.layers.iter().filter(|l| l.visible && l.info.legend.kind != ValueKind::Imagery) {
            let gt = layer.info.meta.geo_transform_or_pixels();
            let window_at = |level: usize| -> Option<PixelWindow> {
                let l = layer.source.levels.get(level)?;
                bbox_window(view, (gt[0], gt[3]), l.pixel_size, (l.cols, l.rows))
            };
            let Some(base) = window_at(0) else {
                self.state.analysis.view.stats.remove(&layer.id);
                continue;
            };
            let request = |level, window| StatsRequest {
                generation,
                layer_id: layer.id,
                path: layer.info.path.clone(),
                level,
                window,
                pair_with: None,
                pixels: None,
            };
            let small = base.w * base.h <= cap;
            self.state.analysis.view_capped |= !small;
            let joint = |partner: Aligned| StatsRequest { pair_with: Some(partner), ..request(0, base) };
            // Joint counts are of the base level only: for a large view, only when asked.
            if let Some(paired) = &layer.source.paired {
                if (small || exact) && self.state.analysis.worker.request(joint(paired.clone())) {
                    self.state.analysis.view.cross_outstanding.insert(layer.id);
                }
                continue;
            }
            let counted = if small || exact {
                request(0, base)
            } else {
                // The level drawn: as many pixels as the screen shows, give or take a factor of four.
                let Some(drawn) = level_drawn(layer, key.camera.res, view) else { continue };
                match (layer.source.levels[drawn].source, window_at(drawn)) {
                    (LevelSource::File(_), Some(w)) => request(drawn, w),
                    (LevelSource::Built(i), Some(w)) => {
                        let built = layer.source.build.as_ref().and_then(|b| b.result()).and_then(|r| r.as_ref().ok());
                        match built.and_then(|p| p.read_window(i, (w.x, w.y), (w.w, w.h))) {
                            Some(pixels) => StatsRequest { pixels: Some(Arc::new(pixels)), ..request(drawn, w) },
                            None => continue,
                        }
                    }
                    (_, None) => continue,
                }
            };
            if self.state.analysis.worker.request(counted) {
                self.state.analysis.view.outstanding.insert(layer.id);
            }
            if let Some(partner) = confidence_partner(&self.state.stack, layer) {
                let pairs = joint(Aligned::as_is(partner.info.path.as_str()));
                if (small || exact) && self.state.analysis.worker.request(pairs) {
                    self.state.analysis.view.cross_outstanding.insert(layer.id);
                }
            }
        }
    }
}
