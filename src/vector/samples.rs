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
    /// The map class the design recorded (`map_class`), if the layer has one.
    pub map_class: Option<u32>,
    /// The reviewer's comment (`comment`), if any.
    pub comment: String,
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
    let (map_index, comment_index) =
        (layer.defn().field_index("map_class").ok(), layer.defn().field_index("comment").ok());
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
        let class_of = |index: Option<usize>| {
            let text = index.and_then(|i| feature.field_as_string(i).ok().flatten())?;
            let v = text.trim().parse::<f64>().ok().filter(|v| v.fract() == 0.0 && *v >= 0.0)?;
            Some(v as u32)
        };
        let comment = comment_index.and_then(|i| feature.field_as_string(i).ok().flatten()).unwrap_or_default();
        samples.push(SamplePoint {
            fid,
            x,
            y,
            reference: class_of(Some(reference)),
            map_class: class_of(map_index),
            comment,
        });
    }
    Ok(Samples { path: shown, layer: layer_name, samples, notes })
}

/// Whether `path` is a samples file: a vector file with a layer named `samples`.
pub fn has_samples_layer(path: &Path) -> bool {
    open_vector(path).is_ok_and(|ds| ds.layer_by_name(SAMPLES_LAYER).is_ok())
}

/// Writes one label into the samples file at once, in its own transaction: `ref_class`, `comment` and
/// `labelled_at` of feature `fid` of layer `samples` (else the first). A file that cannot be opened for writing
/// (read-only, locked) gives an error and changes nothing.
pub fn write_label(path: &Path, fid: u64, reference: Option<u32>, comment: &str, at: &str) -> Result<(), VectorError> {
    crate::raster::init_gdal();
    let shown = path.display().to_string();
    let err = |reason: String| VectorError::Write { path: shown.clone(), reason };
    let options = gdal::DatasetOptions {
        open_flags: gdal::GdalOpenFlags::GDAL_OF_VECTOR | gdal::GdalOpenFlags::GDAL_OF_UPDATE,
        ..Default::default()
    };
    let mut ds = gdal::Dataset::open_ex(path, options).map_err(|e| err(format!("cannot open it for writing: {e}")))?;
    let txn = ds.start_transaction().map_err(|e| err(e.to_string()))?;
    {
        let layer = txn.layer_by_name(SAMPLES_LAYER).or_else(|_| txn.layer(0)).map_err(|e| err(e.to_string()))?;
        let mut feature = layer.feature(fid).ok_or_else(|| err(format!("it has no sample {fid}")))?;
        let defn = layer.defn();
        let index = |name: &str| defn.field_index(name).map_err(|_| err(format!("its layer has no field {name}")));
        let (r, c, t) = (index("ref_class")?, index("comment")?, index("labelled_at")?);
        let set = |f: &mut gdal::vector::Feature| -> gdal::errors::Result<()> {
            match reference {
                Some(v) => f.set_field_integer(r, v as i32)?,
                None => f.set_field_null(r)?,
            }
            f.set_field_string(c, comment)?;
            f.set_field_string(t, at)
        };
        set(&mut feature).map_err(|e| err(e.to_string()))?;
        layer.set_feature(feature).map_err(|e| err(e.to_string()))?;
    }
    txn.commit().map_err(|e| err(e.to_string()))
}
