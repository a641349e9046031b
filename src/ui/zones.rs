//! Zone layers (polygons from a vector file, drawn over the map) and the class table of the selected zones.

use std::path::PathBuf;
use std::sync::Arc;

use crate::render::{DrawOverlay, OverlayGeometry};
use crate::stats::{Rule, ZonalTable};
use crate::view::{zone_overlay, Camera, PolygonRings, SessionZones};

/// One vector file's zones, in the map's CRS.
pub struct ZoneLayer {
    /// Unique for the window's life; also the GPU's key for the geometry.
    pub id: u64,
    pub path: PathBuf,
    /// The file name, shown in the layer list.
    pub name: String,
    /// The layer's field names, and every zone's values of them.
    pub fields: Vec<String>,
    pub attributes: Vec<Vec<String>>,
    /// Every zone's polygons (map coordinates) and their bounding boxes (`None`: no area).
    pub features: Arc<Vec<Vec<PolygonRings>>>,
    pub bounds: Vec<Option<[f64; 4]>>,
    pub geometry: Arc<OverlayGeometry>,
    pub visible: bool,
    /// Translucent fills under the outlines.
    pub fill: bool,
    /// The field whose values label the zones, if any.
    pub label_field: Option<usize>,
    /// Indices of the selected zones, in the order they were selected.
    pub selected: Arc<Vec<u32>>,
}

impl ZoneLayer {
    /// The name of zone `i`: the label field's value, else the first field's, else its number.
    pub fn zone_name(&self, i: usize) -> String {
        let field = self.label_field.or((!self.fields.is_empty()).then_some(0));
        field
            .and_then(|f| self.attributes.get(i)?.get(f).cloned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| format!("#{}", i + 1))
    }

    /// What the GPU draws of this layer in a view of `size` pixels through `camera`.
    pub fn draw(&self, camera: &Camera, size: [f64; 2]) -> DrawOverlay {
        zone_overlay(self.id, &self.geometry, camera, size, self.fill, self.selected.clone())
    }
}

/// How the zones table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZoneSort {
    /// Zone, then class code: as the command line prints it.
    #[default]
    Zone,
    /// Largest area first.
    Area,
    /// Class code, then zone.
    Class,
}

/// What a zones table was counted for: the zone layer, its selected zones, the rule, and the raster layers (the top
/// class layer first, then the other editions of its product).
pub type ZoneStatsKey = (u64, Arc<Vec<u32>>, Rule, Vec<u32>);

/// The class table of the selected zones of one layer over one raster layer, and over every edition (year) of its
/// product open.
#[derive(Default)]
pub struct ZoneStats {
    pub rule: Rule,
    pub sort: ZoneSort,
    pub key: Option<ZoneStatsKey>,
    /// The top class layer's table.
    pub table: Option<ZonalTable>,
    /// With two or more years of the same product open: each year's table, oldest first.
    pub by_year: Vec<(u16, ZonalTable)>,
    /// The raster layer counted, for the heading.
    pub raster_name: String,
    /// Counting now.
    pub busy: bool,
}

/// Every zone layer and the selection's class table.
#[derive(Default)]
pub struct Zones {
    pub layers: Vec<ZoneLayer>,
    pub stats: ZoneStats,
    /// Vector files waiting for a raster layer: the map's CRS comes from the rasters.
    pub waiting: Vec<PathBuf>,
    /// Vector files being read.
    pub loading: usize,
    /// A zone being drawn on the map: its vertices so far (map coordinates).
    pub drawing: Option<Vec<[f64; 2]>>,
    /// Where a box selection or a drawn rectangle started (map coordinates).
    pub drag_start: Option<[f64; 2]>,
    /// How many zones have been drawn, for their names.
    pub drawn: usize,
    /// How a session draws the zone layers it opens, applied as each arrives.
    pub from_session: Vec<(PathBuf, SessionZones)>,
}

impl Zones {
    /// The layer whose selection the table counts: the top one with a selection.
    pub fn selecting(&self) -> Option<&ZoneLayer> {
        selecting(&self.layers)
    }
}

/// The top layer of `layers` with a selection.
pub fn selecting(layers: &[ZoneLayer]) -> Option<&ZoneLayer> {
    layers.iter().rev().find(|l| !l.selected.is_empty())
}

/// The name of the in-memory layer that holds zones drawn on the map.
pub const DRAWN_LAYER: &str = "Drawn zones";

/// Whether `path` names a vector file the viewer reads zones from (by its extension).
pub fn is_vector_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["gpkg", "geojson", "shp", "fgb"].iter().any(|v| v.eq_ignore_ascii_case(e)))
}
