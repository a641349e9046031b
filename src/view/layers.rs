use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use super::change::{build_change_lut, ColourBy};
use super::lut::{build_lut, ClassFilter};
use super::qa::{build_confidence_lut, build_impervious_lut};
use crate::product::qa_rules::ImperviousThresholds;
use crate::product::LayerInfo;
use crate::pyramid::{levels_for, levels_of, LayerSource, PyramidBuild};
use crate::raster::DataType;
use crate::render::Lut;

/// One layer of the map: a file, how it is drawn, and where its tiles come from.
#[derive(Clone)]
pub struct MapLayer {
    pub id: u32,
    pub info: Arc<LayerInfo>,
    pub source: Arc<LayerSource>,
    pub visible: bool,
    pub opacity: f32,
    filter: ClassFilter,
    lut: Option<Arc<Lut>>,
    lut_version: u64,
    /// Set for a layer drawn from two files paired pixel by pixel (a change or a quality view).
    pair: Option<PairView>,
    /// The style file the layer was restyled with, if any (a session keeps it).
    style: Option<crate::product::style::Style>,
}

/// The second file of a paired layer: `info` is the first, whose grid the layer has; `other` is read as it is or,
/// when the grids differ, resampled on the fly onto the first's grid.
#[derive(Clone)]
pub struct PairView {
    pub other: Arc<LayerInfo>,
    /// Says that `other` is resampled, when it is.
    pub note: Option<String>,
    pub kind: PairKind,
}

/// What a paired layer shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PairKind {
    /// Two years of one class layer: changed pixels in a class colour, unchanged ones grey.
    Change { colour_by: ColourBy },
    /// A class layer with its confidence layer (percent): classes below `threshold` dimmed.
    Confidence { threshold: u32 },
    /// CLCplus RAS with Imperviousness Density: disagreements flagged.
    Imperviousness(ImperviousThresholds),
}

impl PairKind {
    /// A name for messages: "change view", "confidence view", "imperviousness view".
    pub fn name(&self) -> &'static str {
        match self {
            PairKind::Change { .. } => crate::text::CHANGE_VIEW,
            PairKind::Confidence { .. } => crate::text::CONFIDENCE_VIEW,
            PairKind::Imperviousness(_) => crate::text::IMPERVIOUSNESS_VIEW,
        }
    }
}

impl MapLayer {
    /// A layer drawn from the file's overviews, or from `build` (the viewer's own pyramid) when they are unusable.
    pub fn new(id: u32, info: Arc<LayerInfo>, build: Option<Arc<PyramidBuild>>) -> MapLayer {
        let levels = levels_of(&info.meta, build.as_deref());
        let imagery = info.legend.kind == crate::product::ValueKind::Imagery;
        let source = Arc::new(LayerSource { path: info.path.clone(), levels, build, paired: None, imagery });
        MapLayer::with_source(id, info, source, None)
    }

    /// A layer drawn from the pixels of `first` and `other` paired one to one, both 8-bit, `first` a class layer
    /// (and `other` too, for a change view). `other` is resampled onto `first`'s grid when the grids differ. Drawn
    /// from the files' overviews when usable, else from the base level only (no pyramid of pairs is built).
    pub fn new_pair(id: u32, first: Arc<LayerInfo>, other: Arc<LayerInfo>, kind: PairKind) -> Result<MapLayer, String> {
        let refuse = |reason: String| format!("No {}: {reason}", kind.name());
        let aligned = first.align(&other).map_err(refuse)?;
        let must_be_classes: &[&LayerInfo] = match kind {
            PairKind::Change { .. } => &[&first, &other],
            _ => &[&first],
        };
        for info in must_be_classes {
            if !info.is_categorical() {
                return Err(refuse(format!("{} is not a class layer", info.path)));
            }
        }
        for info in [&first, &other] {
            if info.meta.dtype != DataType::Byte {
                return Err(refuse(format!("{} does not hold 8-bit values", info.path)));
            }
        }
        let mut levels = levels_for(&first.meta, true);
        let overviews_usable = |i: &LayerInfo| !i.overviews.needs_own_pyramid();
        // A resampled partner follows any level (GDAL resamples onto each); one read as it is needs the same levels.
        let partner_fits =
            aligned.onto.is_some() || (overviews_usable(&other) && levels == levels_for(&other.meta, true));
        if !(overviews_usable(&first) && partner_fits) {
            levels.truncate(1);
        }
        let note = aligned.onto.is_some().then(|| first.resampling_note(&other));
        let source = Arc::new(LayerSource {
            path: first.path.clone(),
            levels,
            build: None,
            paired: Some(aligned),
            imagery: false,
        });
        Ok(MapLayer::with_source(id, first, source, Some(PairView { other, note, kind })))
    }

    fn with_source(id: u32, info: Arc<LayerInfo>, source: Arc<LayerSource>, pair: Option<PairView>) -> MapLayer {
        MapLayer {
            id,
            info,
            source,
            visible: true,
            opacity: 1.0,
            filter: ClassFilter::default(),
            lut: None,
            lut_version: 0,
            pair,
            style: None,
        }
    }

    /// The second file, when this layer pairs two.
    pub fn pair(&self) -> Option<&PairView> {
        self.pair.as_ref()
    }

    /// Changes what a paired layer shows (colouring, thresholds); the textures stay, the table is rebuilt.
    pub fn set_pair_kind(&mut self, kind: PairKind) {
        if let Some(p) = &mut self.pair {
            if p.kind != kind {
                p.kind = kind;
                self.lut = None;
            }
        }
    }

    /// The layer's lookup table, rebuilt after a change of the hidden classes.
    pub fn lut(&mut self) -> Arc<Lut> {
        if let Some(lut) = &self.lut {
            return Arc::clone(lut);
        }
        self.lut_version += 1;
        let (legend, filter, version) = (&self.info.legend, &self.filter, self.lut_version);
        let lut = Arc::new(match self.pair.as_ref().map(|p| (p, p.kind)) {
            Some((p, PairKind::Change { colour_by })) => {
                build_change_lut(legend, &p.other.legend, colour_by, filter, version)
            }
            Some((_, PairKind::Confidence { threshold })) => build_confidence_lut(legend, threshold, filter, version),
            Some((_, PairKind::Imperviousness(t))) => build_impervious_lut(legend, t, filter, version),
            None => build_lut(legend, filter, self.info.meta.dtype, version),
        });
        self.lut = Some(Arc::clone(&lut));
        lut
    }

    /// Restyles the layer with an imported style: its legend takes the style's colours and labels, and the lookup
    /// table is rebuilt on the next frame.
    pub fn restyle(&mut self, style: crate::product::style::Style) {
        let mut info = (*self.info).clone();
        info.legend = style.apply_to(&info.legend);
        self.info = Arc::new(info);
        self.style = Some(style);
        self.lut = None;
    }

    /// The style the layer was restyled with, if any.
    pub fn style(&self) -> Option<&crate::product::style::Style> {
        self.style.as_ref()
    }

    pub fn filter(&self) -> &ClassFilter {
        &self.filter
    }

    /// Changes the filter; the lookup table is rebuilt on the next frame (the textures stay as they are).
    pub fn set_filter(&mut self, filter: ClassFilter) {
        if filter != self.filter {
            self.filter = filter;
            self.lut = None;
        }
    }

    pub fn set_hidden(&mut self, code: u32, hidden: bool) {
        let mut f = self.filter.clone();
        if hidden {
            f.hidden.insert(code);
        } else {
            f.hidden.remove(&code);
        }
        self.set_filter(f);
    }

    /// Shows only `code` (of the legend's entries).
    pub fn isolate(&mut self, code: u32) {
        let hidden: BTreeSet<u32> = self.info.legend.entries.iter().map(|e| e.code).filter(|&c| c != code).collect();
        self.set_filter(ClassFilter { hidden, ..self.filter.clone() });
    }

    /// Shows every legend entry (`true`) or none.
    pub fn show_all(&mut self, show: bool) {
        let hidden = if show { BTreeSet::new() } else { self.info.legend.entries.iter().map(|e| e.code).collect() };
        self.set_filter(ClassFilter { hidden, ..self.filter.clone() });
    }

    pub fn set_highlight(&mut self, code: Option<u32>) {
        self.set_filter(ClassFilter { highlight: code, ..self.filter.clone() });
    }

    pub fn set_range(&mut self, range: Option<(u32, u32)>) {
        self.set_filter(ClassFilter { range, ..self.filter.clone() });
    }

    /// The raster's top-left corner in map units.
    pub fn origin(&self) -> (f64, f64) {
        let gt = self.info.meta.geo_transform_or_pixels();
        (gt[0], gt[3])
    }

    pub fn extent(&self) -> [f64; 4] {
        self.info.meta.extent()
    }

    /// Base pixel width in map units.
    pub fn base_res(&self) -> f64 {
        self.source.levels.first().map_or(1.0, |l| l.pixel_size.0)
    }

    /// A short name for lists: layer, year and tile for known products, else the file name.
    pub fn title(&self) -> String {
        match &self.pair {
            None => title_of(&self.info),
            Some(p) => {
                let (a, b) = (title_of(&self.info), title_of(&p.other));
                match p.kind {
                    PairKind::Change { .. } => crate::text::change_title(&a, &b),
                    PairKind::Confidence { .. } => crate::text::confidence_title(&a, &b),
                    PairKind::Imperviousness(_) => crate::text::imperviousness_title(&a, &b),
                }
            }
        }
    }
}

fn title_of(info: &LayerInfo) -> String {
    if info.mosaic.is_some() {
        return info.name.clone();
    }
    match &info.product {
        Some(p) => {
            let mut parts = vec![p.layer.canonical().to_string()];
            parts.extend(p.year.map(|y| y.to_string()));
            parts.extend(p.tile.clone().or_else(|| p.area.clone()));
            parts.extend(p.resolution_m.filter(|&r| r != 10).map(crate::text::resolution_m));
            parts.join(" ")
        }
        None => info.name.clone(),
    }
}

/// The layers of a map view, top first.
#[derive(Default, Clone)]
pub struct LayerStack {
    pub layers: Vec<MapLayer>,
}

/// Layer ids are unique in the process, not only in one stack: tile keys and GPU textures are keyed by them, and
/// several stacks (compared panes, the command line's `--compare`) share one tile cache or one renderer.
fn next_layer_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl LayerStack {
    /// Adds a layer on top; returns its id.
    pub fn push_top(&mut self, info: Arc<LayerInfo>, build: Option<Arc<PyramidBuild>>) -> u32 {
        let id = next_layer_id();
        self.layers.insert(0, MapLayer::new(id, info, build));
        id
    }

    /// Adds a layer pairing `first` with `other` on top; returns its id, or why the two cannot be paired.
    pub fn push_pair(&mut self, first: Arc<LayerInfo>, other: Arc<LayerInfo>, kind: PairKind) -> Result<u32, String> {
        let layer = MapLayer::new_pair(next_layer_id(), first, other, kind)?;
        let id = layer.id;
        self.layers.insert(0, layer);
        Ok(id)
    }

    /// Puts a layer drawn from `info` in the place of layer `id`, visible and as opaque as it was; returns the new
    /// layer's id (tiles and textures are keyed by id, so the old ones are never mixed in).
    pub fn replace(&mut self, id: u32, info: Arc<LayerInfo>, build: Option<Arc<PyramidBuild>>) -> Option<u32> {
        let i = self.layers.iter().position(|l| l.id == id)?;
        let mut layer = MapLayer::new(next_layer_id(), info, build);
        layer.visible = self.layers[i].visible;
        layer.opacity = self.layers[i].opacity;
        let new_id = layer.id;
        self.layers[i] = layer;
        Some(new_id)
    }

    pub fn remove(&mut self, id: u32) {
        self.layers.retain(|l| l.id != id);
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut MapLayer> {
        self.layers.iter_mut().find(|l| l.id == id)
    }

    /// Moves a layer one place up (towards the top) or down.
    pub fn move_layer(&mut self, id: u32, up: bool) {
        let Some(i) = self.layers.iter().position(|l| l.id == id) else { return };
        let j = if up { i.checked_sub(1) } else { (i + 1 < self.layers.len()).then_some(i + 1) };
        if let Some(j) = j {
            self.layers.swap(i, j);
        }
    }

    /// The union of the layers' extents.
    pub fn extent(&self) -> Option<[f64; 4]> {
        self.layers
            .iter()
            .map(|l| l.extent())
            .reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
    }

    /// The finest base pixel of all layers, in map units ("1:1").
    pub fn finest_res(&self) -> Option<f64> {
        self.layers.iter().map(|l| l.base_res()).reduce(f64::min)
    }

    /// The bottom layer, whose CRS every layer must share (others are refused when opened).
    pub fn bottom(&self) -> Option<&MapLayer> {
        self.layers.last()
    }

    /// The EPSG code of the map's CRS (the bottom layer's), when it has one.
    pub fn epsg(&self) -> Option<u32> {
        self.bottom().and_then(|l| l.info.meta.epsg)
    }

    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }
}
