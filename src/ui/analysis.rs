//! Analysis state of the window: counts of the current view per layer, and the inspector's values under the cursor.
//! A view's counts cost what the screen shows, not what the map holds: a view of at most `exact_view_mpx` million
//! base-level pixels (a setting, 25 by default) is counted exactly; a larger one on the finest overview within that bound, marked approximate,
//! until the user asks for an exact count ("Count exactly", with progress and cancel). Counts start once the camera
//! rests and the view's tiles have arrived, and a camera move cancels them. The work runs on the stats worker and
//! the inspector's reader; this file only schedules it and keeps the newest results.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::product::Layer;
use crate::stats::{ClassTable, InspectResult, InspectorReader, PairCounts, StatsOutput, StatsWorker};
use crate::view::{Camera, LayerStack, MapLayer};

/// How long the camera must rest before the view is counted.
pub(in crate::ui) const SETTLE: Duration = Duration::from_millis(200);

/// What the legend counts and the histograms show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The current view, recounted when the camera rests: approximate first, then exact.
    View,
    /// Every pixel of the file's base level: exact, with progress and cancel.
    File,
    /// The selected zones, together, on the base level of the class layer they are counted on (and its other
    /// years): exact, by the zones' rule.
    Zones,
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
    pub(in crate::ui) outstanding: HashSet<u32>,
    pub(in crate::ui) cross_outstanding: HashSet<u32>,
}

impl ScopeCounts {
    /// Layers whose table (`pairs` false) or joint count (`pairs` true) has not arrived.
    pub(in crate::ui) fn outstanding(&mut self, pairs: bool) -> &mut HashSet<u32> {
        if pairs {
            &mut self.cross_outstanding
        } else {
            &mut self.outstanding
        }
    }

    pub(in crate::ui) fn busy(&self) -> bool {
        !self.outstanding.is_empty() || !self.cross_outstanding.is_empty()
    }

    pub(in crate::ui) fn forget(&mut self, id: u32) {
        self.stats.remove(&id);
        self.cross.remove(&id);
        self.outstanding.remove(&id);
        self.cross_outstanding.remove(&id);
    }

    /// Keeps a finished count of `layer`, counted on `level` (answers of older views were dropped before).
    pub(in crate::ui) fn store(&mut self, layer: &MapLayer, level: usize, output: StatsOutput) {
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
pub(in crate::ui) struct StatsKey {
    pub(in crate::ui) camera: Camera,
    pub(in crate::ui) size: [f64; 2],
    /// The visible layers, and whether their built levels (if any) are ready: a view is counted again once they
    /// are.
    pub(in crate::ui) layers: Vec<(u32, bool)>,
}

pub struct Analysis {
    pub(in crate::ui) worker: StatsWorker,
    pub(in crate::ui) generation: u64,
    /// Counts of the current view (requests of the current generation).
    pub(in crate::ui) view: ScopeCounts,
    pub(in crate::ui) requested: Option<StatsKey>,
    pub(in crate::ui) pending: Option<(StatsKey, Instant)>,
    pub(in crate::ui) errors: Vec<String>,
    pub(in crate::ui) reader: InspectorReader,
    pub(in crate::ui) inspected: Option<InspectResult>,
    pub(in crate::ui) sent_point: Option<[f64; 2]>,
    pub(in crate::ui) pinned: Vec<InspectResult>,
    pub(in crate::ui) only_in_view: bool,
    pub(in crate::ui) scope: Scope,
    /// The unit of areas in the legends and the area histograms.
    pub(in crate::ui) area_unit: AreaUnit,
    /// Histograms of areas rather than of shares of the mapped area.
    pub(in crate::ui) histogram_areas: bool,
    /// Whole-file counts run on a worker of their own, so camera moves never cancel them.
    pub(in crate::ui) file_worker: StatsWorker,
    pub(in crate::ui) file: ScopeCounts,
    /// Counts of the selected zones, per layer counted (see [`Scope::Zones`]).
    pub(in crate::ui) zones: ScopeCounts,
    /// Layers whose whole-file count the user cancelled: not started again until asked.
    pub(in crate::ui) file_cancelled: HashSet<u32>,
    /// Layers whose whole-file count failed (the message said why): not started again until asked, or the window
    /// would retry, and repeat the message, every frame.
    pub(in crate::ui) file_failed: HashSet<u32>,
    /// The view last counted was larger than the live bound (`exact_view_mpx`): its counts are approximate, joint
    /// counts wait for "Count exactly".
    pub(in crate::ui) view_capped: bool,
    /// The user asked for exact counts of the view (until the camera moves).
    pub(in crate::ui) exact_view: bool,
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
            zones: ScopeCounts::default(),
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
            Scope::Zones => &self.zones,
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
