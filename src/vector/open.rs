//! Opening a local vector file, finding a layer's field, and the transform of its coordinates into a raster's CRS.

use std::path::Path;

use gdal::spatial_ref::{AxisMappingStrategy, CoordTransform, SpatialRef};
use gdal::vector::{Layer, LayerAccess};
use gdal::{Dataset, DatasetOptions, GdalOpenFlags};

use super::VectorError;
use crate::raster::init_gdal;

/// What vector files can come in, for messages.
pub(super) const FORMATS: &str = "GeoPackage, GeoJSON, Shapefile or FlatGeobuf";

/// Opens a local vector file read-only. Network and virtual paths are refused: zones and samples are files.
pub(super) fn open_vector(path: &Path) -> Result<Dataset, VectorError> {
    init_gdal();
    let open_err = |reason: String| VectorError::Open { path: path.display().to_string(), reason };
    let text = path.to_string_lossy();
    if text.starts_with("/vsi") || text.contains("://") {
        return Err(open_err(format!("read from a local file ({FORMATS})")));
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
    Dataset::open_ex(path, options).map_err(|_| open_err(format!("not a vector dataset GDAL can read ({FORMATS})")))
}

/// The index of field `name` of `layer`; an error naming the fields it has when it lacks it.
pub(super) fn field_index(layer: &Layer<'_>, shown: &str, name: &str) -> Result<usize, VectorError> {
    layer.defn().field_index(name).map_err(|_| {
        let fields: Vec<String> = layer.defn().fields().map(|f| f.name()).collect();
        VectorError::Unsupported {
            path: shown.to_string(),
            reason: format!("layer {} has no field {name:?} (its fields: {})", layer.name(), fields.join(", ")),
        }
    })
}

/// The transform from `layer`'s CRS to `target_wkt`, both in traditional GIS axis order; `None` when they are the
/// same, or when the layer has no CRS (then a note says its coordinates are taken as the target's).
pub(super) fn to_target(
    layer: &Layer<'_>,
    shown: &str,
    target_wkt: &str,
    notes: &mut Vec<String>,
) -> Result<Option<CoordTransform>, VectorError> {
    let Some(mut from) = layer.spatial_ref() else {
        notes.push(format!("{shown}: the layer has no CRS; its coordinates are taken as the raster's"));
        return Ok(None);
    };
    let unsupported = |reason: String| VectorError::Unsupported { path: shown.to_string(), reason };
    let mut to = SpatialRef::from_wkt(target_wkt).map_err(|e| unsupported(format!("target CRS: {e}")))?;
    from.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
    to.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
    if from.to_wkt().ok() == to.to_wkt().ok() {
        return Ok(None);
    }
    CoordTransform::new(&from, &to)
        .map(Some)
        .map_err(|e| unsupported(format!("cannot reproject its CRS to the raster's: {e}")))
}
