//! Zones from a vector file: each feature's polygons, reprojected to the raster's CRS and repaired where invalid.

use std::path::Path;

use gdal::cpl::CslStringList;
use gdal::vector::{Geometry, LayerAccess, OGRwkbGeometryType};

use super::open::{field_index, open_vector, to_target};
use super::VectorError;

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

/// Reads the polygons of the first layer of `path`, named by `field` (else by feature id), in the CRS `target_wkt`.
/// Invalid geometries are repaired with GDAL's MakeValid; a layer without a CRS is taken to be in the target's.
pub fn read_zones(path: &Path, field: Option<&str>, target_wkt: &str) -> Result<Zones, VectorError> {
    let ds = open_vector(path)?;
    let shown = path.display().to_string();
    let mut layer = ds
        .layers()
        .next()
        .ok_or_else(|| VectorError::Open { path: shown.clone(), reason: "holds no vector layer".into() })?;
    let layer_name = layer.name();
    let fields: Vec<String> = layer.defn().fields().map(|f| f.name()).collect();
    let field_index = field.map(|name| field_index(&layer, &shown, name)).transpose()?;
    let mut notes = Vec::new();
    let transform = to_target(&layer, &shown, target_wkt, &mut notes)?;
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
