//! Zones from a vector file: each feature's polygons, reprojected to the raster's CRS and repaired where invalid.

use std::path::Path;

use gdal::cpl::CslStringList;
use gdal::spatial_ref::{AxisMappingStrategy, CoordTransform, SpatialRef};
use gdal::vector::{Geometry, LayerAccess, OGRwkbGeometryType};
use gdal::{Dataset, DatasetOptions, GdalOpenFlags};

use super::VectorError;
use crate::raster::init_gdal;

/// One polygon in map coordinates of the target CRS: its rings, the first the exterior, the others holes.
pub type Polygon = Vec<Vec<(f64, f64)>>;

/// One feature of the zones file.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// The feature id in the file.
    pub fid: u64,
    /// The value of the chosen field, else the feature id.
    pub name: String,
    /// Its polygons (several for a multipolygon), none when it has no area.
    pub polygons: Vec<Polygon>,
    /// The value of every field of the layer, as text (empty where null), in the order of [`Zones::fields`].
    pub attributes: Vec<String>,
}

/// The zones of a file's first layer, and what happened on the way (repairs, zones left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Zones {
    pub path: String,
    pub layer: String,
    /// The layer's field names.
    pub fields: Vec<String>,
    pub zones: Vec<Zone>,
    pub notes: Vec<String>,
}

/// What the zones can come in, for messages.
const FORMATS: &str = "GeoPackage, GeoJSON, Shapefile or FlatGeobuf";

/// Reads the polygons of the first layer of `path`, named by `field` (else by feature id), in the CRS `target_wkt`.
/// Invalid geometries are repaired with GDAL's MakeValid; a layer without a CRS is taken to be in the target's.
pub fn read_zones(path: &Path, field: Option<&str>, target_wkt: &str) -> Result<Zones, VectorError> {
    init_gdal();
    let shown = path.display().to_string();
    let open_err = |reason: String| VectorError::Open { path: shown.clone(), reason };
    let text = path.to_string_lossy();
    if text.starts_with("/vsi") || text.contains("://") {
        return Err(open_err(format!("zones are read from a local file ({FORMATS})")));
    }
    match std::fs::metadata(path) {
        Err(_) => return Err(open_err("not there (no such file)".into())),
        Ok(md) if md.is_dir() => return Err(open_err(format!("is a folder, not a {FORMATS} file"))),
        Ok(_) => {}
    }
    let options = DatasetOptions {
        open_flags: GdalOpenFlags::GDAL_OF_VECTOR | GdalOpenFlags::GDAL_OF_READONLY,
        ..Default::default()
    };
    let ds = Dataset::open_ex(path, options)
        .map_err(|_| open_err(format!("not a vector dataset GDAL can read ({FORMATS})")))?;
    let mut layer = ds.layers().next().ok_or_else(|| open_err("holds no vector layer".into()))?;
    let layer_name = layer.name();
    let fields: Vec<String> = layer.defn().fields().map(|f| f.name()).collect();
    let field_index = match field {
        None => None,
        Some(name) => Some(layer.defn().field_index(name).map_err(|_| VectorError::Unsupported {
            path: shown.clone(),
            reason: format!("layer {layer_name} has no field {name:?} (its fields: {})", fields.join(", ")),
        })?),
    };
    let mut notes = Vec::new();
    let transform = match layer.spatial_ref() {
        Some(mut from) => {
            let mut to = SpatialRef::from_wkt(target_wkt)
                .map_err(|e| VectorError::Unsupported { path: shown.clone(), reason: format!("target CRS: {e}") })?;
            from.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
            to.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
            let same = from.to_wkt().ok() == to.to_wkt().ok();
            if same {
                None
            } else {
                Some(CoordTransform::new(&from, &to).map_err(|e| VectorError::Unsupported {
                    path: shown.clone(),
                    reason: format!("cannot reproject its CRS to the raster's: {e}"),
                })?)
            }
        }
        None => {
            notes.push(format!("{shown}: the layer has no CRS; its coordinates are taken as the raster's"));
            None
        }
    };
    let mut zones = Vec::new();
    for feature in layer.features() {
        let fid = feature.fid().unwrap_or(zones.len() as u64);
        let attributes: Vec<String> =
            (0..fields.len()).map(|i| feature.field_as_string(i).ok().flatten().unwrap_or_default()).collect();
        let name = match field_index {
            Some(i) => attributes.get(i).cloned().unwrap_or_default(),
            None => fid.to_string(),
        };
        let Some(geometry) = feature.geometry() else {
            notes.push(format!("zone {name}: no geometry; left out"));
            zones.push(Zone { fid, name, polygons: Vec::new(), attributes });
            continue;
        };
        let geometry = match &transform {
            Some(t) => match geometry.transform(t) {
                Ok(g) => g,
                Err(e) => {
                    notes.push(format!("zone {name}: cannot be reprojected ({e}); left out"));
                    zones.push(Zone { fid, name, polygons: Vec::new(), attributes });
                    continue;
                }
            },
            None => geometry.clone(),
        };
        let geometry = if geometry.is_valid() {
            geometry
        } else {
            match geometry.make_valid(&CslStringList::new()) {
                Ok(g) => {
                    notes.push(format!("zone {name}: invalid geometry, repaired with GDAL's MakeValid"));
                    g
                }
                Err(_) => {
                    notes.push(format!("zone {name}: invalid geometry that GDAL's MakeValid cannot repair; left out"));
                    zones.push(Zone { fid, name, polygons: Vec::new(), attributes });
                    continue;
                }
            }
        };
        let mut polygons = Vec::new();
        collect_polygons(&geometry, &mut polygons);
        if polygons.is_empty() {
            notes.push(format!("zone {name}: not a polygon ({}); left out", geometry.geometry_name()));
        }
        zones.push(Zone { fid, name, polygons, attributes });
    }
    Ok(Zones { path: shown, layer: layer_name, fields, zones, notes })
}

/// The polygons of a polygon, multipolygon or collection; other parts (points, lines) have no area.
fn collect_polygons(geometry: &Geometry, out: &mut Vec<Polygon>) {
    let kind = gdal::vector::geometry_type_flatten(geometry.geometry_type());
    match kind {
        OGRwkbGeometryType::wkbPolygon => {
            let rings: Polygon = (0..geometry.geometry_count()).map(|i| points(&geometry.get_geometry(i))).collect();
            if !rings.is_empty() {
                out.push(rings);
            }
        }
        OGRwkbGeometryType::wkbMultiPolygon | OGRwkbGeometryType::wkbGeometryCollection => {
            for i in 0..geometry.geometry_count() {
                collect_polygons(&geometry.get_geometry(i), out);
            }
        }
        _ => {}
    }
}

fn points(ring: &Geometry) -> Vec<(f64, f64)> {
    let mut xyz = Vec::new();
    ring.get_points(&mut xyz);
    xyz.into_iter().map(|(x, y, _)| (x, y)).collect()
}
