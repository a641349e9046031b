//! Accuracy samples from a GeoPackage (layer `samples`, else the first): points with their reference label, in the
//! map's CRS.

use std::path::Path;

use gdal::vector::LayerAccess;

use super::open::{field_index, open_vector, to_target};
use super::VectorError;

/// One sample point.
#[derive(Debug, Clone, PartialEq)]
pub struct SamplePoint {
    pub fid: u64,
    /// Map coordinates in the target CRS.
    pub x: f64,
    pub y: f64,
    /// The reference class; `None` while unlabelled (null, empty or not a whole number).
    pub reference: Option<u32>,
}

/// The samples of a file, and what was left out on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    pub path: String,
    pub layer: String,
    pub samples: Vec<SamplePoint>,
    pub notes: Vec<String>,
}

/// The layer samples are written to and read from.
pub const SAMPLES_LAYER: &str = "samples";

/// Reads the points of `path` (layer `samples`, else the first) with their reference label from `ref_field`, in
/// the CRS `target_wkt`. Features without a point are left out with a note.
pub fn read_samples(path: &Path, ref_field: &str, target_wkt: &str) -> Result<Samples, VectorError> {
    let ds = open_vector(path)?;
    let shown = path.display().to_string();
    let layer = ds.layer_by_name(SAMPLES_LAYER).ok().or_else(|| ds.layers().next());
    let mut layer =
        layer.ok_or_else(|| VectorError::Open { path: shown.clone(), reason: "holds no vector layer".into() })?;
    let layer_name = layer.name();
    let reference = field_index(&layer, &shown, ref_field)?;
    let mut notes = Vec::new();
    let transform = to_target(&layer, &shown, target_wkt, &mut notes)?;
    let mut samples = Vec::new();
    for feature in layer.features() {
        let fid = feature.fid().unwrap_or(samples.len() as u64);
        let point = feature.geometry().filter(|g| g.point_count() == 1).map(|g| g.get_point(0));
        let Some((mut x, mut y, _)) = point else {
            notes.push(format!("sample {fid}: not a point; left out"));
            continue;
        };
        if let Some(t) = &transform {
            let (mut xs, mut ys, mut zs) = ([x], [y], [0.0]);
            if t.transform_coords(&mut xs, &mut ys, &mut zs).is_err() {
                notes.push(format!("sample {fid}: cannot be reprojected; left out"));
                continue;
            }
            (x, y) = (xs[0], ys[0]);
        }
        let label = feature.field_as_string(reference).ok().flatten();
        let reference = label.and_then(|l| l.trim().parse::<f64>().ok()).filter(|v| v.fract() == 0.0 && *v >= 0.0);
        samples.push(SamplePoint { fid, x, y, reference: reference.map(|v| v as u32) });
    }
    Ok(Samples { path: shown, layer: layer_name, samples, notes })
}
