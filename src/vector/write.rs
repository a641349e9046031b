//! Zones written back out with numbers as fields: a new GeoPackage that analysts open in QGIS.

use std::path::Path;

use gdal::spatial_ref::SpatialRef;
use gdal::vector::{FieldDefn, Geometry, LayerAccess, LayerOptions, OGRFieldType, OGRwkbGeometryType};
use gdal::DriverManager;

use super::{Polygon, VectorError};
use crate::raster::init_gdal;

/// One zone to write: its name, polygons (in the CRS given to [`write_zones_gpkg`]) and one value per column
/// (`None`: null).
pub struct ZoneRecord<'a> {
    pub name: &'a str,
    pub polygons: &'a [Polygon],
    pub values: Vec<Option<f64>>,
}

/// Writes a new GeoPackage at `out` with one layer `layer` of multipolygons in the CRS `wkt`: a text field `zone`,
/// a text field for each of `texts` (the same value on every feature, such as the rule) and a real field for each
/// of `columns`. An existing file is never overwritten. All features go in one transaction.
pub fn write_zones_gpkg(
    out: &Path,
    layer: &str,
    wkt: &str,
    texts: &[(&str, &str)],
    columns: &[String],
    zones: &[ZoneRecord],
) -> Result<(), VectorError> {
    new_gpkg(out, wkt, |ds, srs| {
        let mut txn = ds.start_transaction()?;
        {
            let lyr = txn.create_layer(LayerOptions {
                name: layer,
                srs: Some(srs),
                ty: OGRwkbGeometryType::wkbMultiPolygon,
                options: None,
            })?;
            FieldDefn::new("zone", OGRFieldType::OFTString)?.add_to_layer(&lyr)?;
            for (name, _) in texts {
                FieldDefn::new(name, OGRFieldType::OFTString)?.add_to_layer(&lyr)?;
            }
            for column in columns {
                FieldDefn::new(column, OGRFieldType::OFTReal)?.add_to_layer(&lyr)?;
            }
            for zone in zones {
                let mut feature = gdal::vector::Feature::new(lyr.defn())?;
                feature.set_geometry(multipolygon(zone.polygons)?)?;
                feature.set_field_string(0, zone.name)?;
                for (i, (_, value)) in texts.iter().enumerate() {
                    feature.set_field_string(1 + i, value)?;
                }
                for (i, value) in zone.values.iter().enumerate() {
                    let index = 1 + texts.len() + i;
                    match value {
                        Some(v) => feature.set_field_double(index, *v)?,
                        None => feature.set_field_null(index)?,
                    }
                }
                feature.create(&lyr)?;
            }
        }
        txn.commit()
    })
}

fn multipolygon(polygons: &[Polygon]) -> gdal::errors::Result<Geometry> {
    let mut multi = Geometry::empty(OGRwkbGeometryType::wkbMultiPolygon)?;
    for p in polygons {
        let mut polygon = Geometry::empty(OGRwkbGeometryType::wkbPolygon)?;
        for ring in p {
            let mut r = Geometry::empty(OGRwkbGeometryType::wkbLinearRing)?;
            for &point in ring {
                r.add_point_2d(point);
            }
            polygon.add_geometry(r)?;
        }
        multi.add_geometry(polygon)?;
    }
    Ok(multi)
}

/// Writes accuracy samples as a new GeoPackage at `out`: layer `samples` of points in the CRS `wkt` with the fields
/// of DESIGN.md ("Samples"): `id`, `map_class`, `ref_class` (empty until labelled), `comment`, `labelled_at`.
/// `points` are (id, x, y, map class). An existing file is never overwritten; all points go in one transaction.
pub fn write_samples_gpkg(out: &Path, wkt: &str, points: &[(u64, f64, f64, u32)]) -> Result<(), VectorError> {
    new_gpkg(out, wkt, |ds, srs| {
        let mut txn = ds.start_transaction()?;
        {
            let lyr = txn.create_layer(LayerOptions {
                name: super::SAMPLES_LAYER,
                srs: Some(srs),
                ty: OGRwkbGeometryType::wkbPoint,
                options: None,
            })?;
            for (name, ty) in [
                ("id", OGRFieldType::OFTInteger64),
                ("map_class", OGRFieldType::OFTInteger),
                ("ref_class", OGRFieldType::OFTInteger),
                ("comment", OGRFieldType::OFTString),
                ("labelled_at", OGRFieldType::OFTString),
            ] {
                FieldDefn::new(name, ty)?.add_to_layer(&lyr)?;
            }
            for &(id, x, y, class) in points {
                let mut feature = gdal::vector::Feature::new(lyr.defn())?;
                let mut point = Geometry::empty(OGRwkbGeometryType::wkbPoint)?;
                point.add_point_2d((x, y));
                feature.set_geometry(point)?;
                feature.set_field_integer64(0, id as i64)?;
                feature.set_field_integer(1, class as i32)?;
                feature.set_field_null(2)?;
                feature.set_field_null(3)?;
                feature.set_field_null(4)?;
                feature.create(&lyr)?;
            }
        }
        txn.commit()
    })
}

/// Creates a new GeoPackage at `out` and lets `fill` write its layers with the CRS `wkt`. An existing file is never
/// overwritten; a failed write removes the file (half a file is worse than none).
fn new_gpkg(
    out: &Path,
    wkt: &str,
    fill: impl FnOnce(&mut gdal::Dataset, &SpatialRef) -> gdal::errors::Result<()>,
) -> Result<(), VectorError> {
    init_gdal();
    let err = |reason: String| VectorError::Write { path: out.display().to_string(), reason };
    if out.exists() {
        return Err(err("the file exists; it is not overwritten (choose a new name)".into()));
    }
    let driver = DriverManager::get_driver_by_name("GPKG").map_err(|e| err(e.to_string()))?;
    let mut ds = driver.create_vector_only(out).map_err(|e| err(e.to_string()))?;
    let result = SpatialRef::from_wkt(wkt)
        .map_err(|e| err(format!("CRS: {e}")))
        .and_then(|srs| fill(&mut ds, &srs).map_err(|e| err(e.to_string())));
    drop(ds);
    if result.is_err() {
        let _ = std::fs::remove_file(out);
    }
    result
}
