use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use super::change::{build_change_lut, ColourBy};
use super::lut::{build_lut, ClassFilter};
use crate::product::LayerInfo;
use crate::pyramid::{levels_for, LayerSource, PyramidBuild};
use crate::raster::DataType;
use crate::render::Lut;

/// One layer of the map: a file, how it is drawn, and where its tiles come from.
pub struct MapLayer {
    pub id: u32,
    pub info: Arc<LayerInfo>,
    pub source: Arc<LayerSource>,
    pub visible: bool,
    pub opacity: f32,
    filter: ClassFilter,
    lut: Option<Arc<Lut>>,
    lut_version: u64,
    /// Set for a change view: `info` is the older layer, this the newer one.
    change: Option<ChangeOf>,
}

/// The newer layer of a change view and how changed pixels are coloured.
#[derive(Clone)]
pub struct ChangeOf {
    pub new: Arc<LayerInfo>,
    pub colour_by: ColourBy,
}

impl MapLayer {
    /// A layer drawn from the file's overviews, or from `build` (the viewer's own pyramid) when they are unusable.
    pub fn new(id: u32, info: Arc<LayerInfo>, build: Option<Arc<PyramidBuild>>) -> MapLayer {
        let levels = levels_for(&info.meta, build.is_none());
        let source = Arc::new(LayerSource { path: info.path.clone(), levels, build, paired: None });
        MapLayer::with_source(id, info, source, None)
    }

    /// The change view of `old` to `new`, two 8-bit class layers of one grid. Drawn from the files' overviews when
    /// both have usable ones of the same sizes, else from the base level only (the view never builds a pyramid of
    /// pairs).
    pub fn new_change(id: u32, old: Arc<LayerInfo>, new: Arc<LayerInfo>) -> Result<MapLayer, String> {
        if let Some(reason) = old.grid_mismatch(&new) {
            return Err(format!("No change view: {reason}"));
        }
        for info in [&old, &new] {
            if info.meta.dtype != DataType::Byte || !info.is_categorical() {
                return Err(format!("No change view: {} is not a class layer with 8-bit codes", info.path));
            }
        }
        let mut levels = levels_for(&old.meta, true);
        let overviews_usable = |i: &LayerInfo| !i.overviews.needs_own_pyramid();
        if !(overviews_usable(&old) && overviews_usable(&new) && levels == levels_for(&new.meta, true)) {
            levels.truncate(1);
        }
        let source =
            Arc::new(LayerSource { path: old.path.clone(), levels, build: None, paired: Some(new.path.clone()) });
        Ok(MapLayer::with_source(id, old, source, Some(ChangeOf { new, colour_by: ColourBy::default() })))
    }

    fn with_source(id: u32, info: Arc<LayerInfo>, source: Arc<LayerSource>, change: Option<ChangeOf>) -> MapLayer {
        MapLayer {
            id,
            info,
            source,
            visible: true,
            opacity: 1.0,
            filter: ClassFilter::default(),
            lut: None,
            lut_version: 0,
            change,
        }
    }

    /// The newer layer, when this is a change view.
    pub fn change(&self) -> Option<&ChangeOf> {
        self.change.as_ref()
    }

    /// Colours changed pixels by their old or their new class.
    pub fn set_colour_by(&mut self, by: ColourBy) {
        if let Some(c) = &mut self.change {
            if c.colour_by != by {
                c.colour_by = by;
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
        let lut = Arc::new(match &self.change {
            Some(c) => build_change_lut(&self.info.legend, &c.new.legend, c.colour_by, &self.filter, self.lut_version),
            None => build_lut(&self.info.legend, &self.filter, self.info.meta.dtype, self.lut_version),
        });
        self.lut = Some(Arc::clone(&lut));
        lut
    }

    /// Restyles the layer (an imported style): the lookup table is rebuilt on the next frame.
    pub fn set_legend(&mut self, legend: crate::product::Legend) {
        let mut info = (*self.info).clone();
        info.legend = legend;
        self.info = Arc::new(info);
        self.lut = None;
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
        match &self.change {
            Some(c) => format!("Change {} -> {}", title_of(&self.info), title_of(&c.new)),
            None => title_of(&self.info),
        }
    }
}

fn title_of(info: &LayerInfo) -> String {
    match &info.product {
        Some(p) => {
            let mut parts = vec![p.layer.canonical().to_string()];
            parts.extend(p.year.map(|y| y.to_string()));
            parts.extend(p.tile.clone().or_else(|| p.area.clone()));
            parts.extend(p.resolution_m.filter(|&r| r != 10).map(|r| format!("{r} m")));
            parts.join(" ")
        }
        None => info.name.clone(),
    }
}

/// The layers of a map view, top first.
#[derive(Default)]
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

    /// Adds the change view of `old` to `new` on top; returns its id, or why the two cannot be compared.
    pub fn push_change(&mut self, old: Arc<LayerInfo>, new: Arc<LayerInfo>) -> Result<u32, String> {
        let layer = MapLayer::new_change(next_layer_id(), old, new)?;
        let id = layer.id;
        self.layers.insert(0, layer);
        Ok(id)
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
