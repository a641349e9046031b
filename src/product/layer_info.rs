//! What the viewer knows of an opened layer ([`LayerInfo`]): its file, product, legend, overviews, and how it is
//! read (a mosaic, a recoding VRT, a reprojection or generalisation); and the errors of working that out.

use serde::Serialize;
use thiserror::Error;

use super::identity::Identity;
use super::legend::{Legend, ValueKind};
use super::naming::ParsedName;
use crate::raster::{Aligned, Crs, DataType, Grid, RasterError, RasterMeta, Transformer, SCALED_CODES, SCALED_NODATA};

#[derive(Debug, Error)]
pub enum ProductError {
    #[error(transparent)]
    Raster(#[from] RasterError),
    #[error("{path}: {reason}")]
    Unsupported { path: String, reason: String },
}

/// Whether the file's own overviews can be drawn as they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum OverviewState {
    /// Present and holding legend codes only (or a continuous layer, where averaging is harmless).
    Usable,
    /// None, and the raster is small enough to draw without them.
    NotNeeded,
    /// None, on a raster large enough to need them: the viewer builds its own pyramid in the background.
    Missing,
    /// Present but holding values that are not classes (built by averaging): the viewer builds its own.
    Interpolated { foreign_values: Vec<u32> },
}

impl OverviewState {
    pub fn needs_own_pyramid(&self) -> bool {
        matches!(self, OverviewState::Missing | OverviewState::Interpolated { .. })
    }
}

/// Everything the viewer knows about one opened raster.
#[derive(Debug, Clone, Serialize)]
pub struct LayerInfo {
    pub path: String,
    /// The file name, shown in layer lists.
    pub name: String,
    pub product: Option<ParsedName>,
    /// Where `product` comes from.
    pub identity: Identity,
    pub meta: RasterMeta,
    pub legend: Legend,
    pub overviews: OverviewState,
    /// Other files of the same tile and year (RAS, RASCL, RASDL, RASPL), this one included, sorted.
    pub tileset: Vec<String>,
    /// Set when the layer is the tiles of one product layer and year, read as one mosaic (`path` is its VRT).
    pub mosaic: Option<Mosaic>,
    /// Set when `path` is a VRT that gives the file's samples the codes the viewer draws and counts.
    pub recoded: Option<Recoded>,
    /// Set when `path` is a VRT that reprojects the file into the map's CRS.
    pub reprojected: Option<Reprojected>,
    /// Set when `path` is a VRT that shows a CORINE layer at level 2 or 1 (see [`super::clc_levels`]).
    pub generalised: Option<Generalised>,
}

/// A layer read through a VRT that gives its samples codes (see [`super::samples`]).
#[derive(Debug, Clone, Serialize)]
pub struct Recoded {
    /// The file itself: its values are read from it (inspector, `pixel`).
    pub source_path: String,
    pub source_dtype: DataType,
    pub source_nodata: Option<f64>,
    /// What the codes are, in words ("254 steps of -12.5..830", "whole-number classes", ...).
    pub how: String,
}

/// The tiles of a mosaic layer.
#[derive(Debug, Clone, Serialize)]
pub struct Mosaic {
    /// The tiles' paths, sorted.
    pub tiles: Vec<String>,
}

/// A CORINE layer shown at a coarser level of the nomenclature.
#[derive(Debug, Clone, Serialize)]
pub struct Generalised {
    /// 1 or 2.
    pub level: u8,
    /// The layer at level 3, as it was opened.
    pub full: Box<LayerInfo>,
}

/// The file behind a layer that is reprojected on the fly.
#[derive(Debug, Clone, Serialize)]
pub struct Reprojected {
    /// The file itself.
    pub source_path: String,
    /// Its own CRS, when it has an EPSG code.
    pub source_epsg: Option<u32>,
}

impl LayerInfo {
    pub fn is_categorical(&self) -> bool {
        matches!(self.legend.kind, ValueKind::Categorical)
    }

    /// The file on disk: `path` itself, or the file a reprojecting or recoding VRT reads.
    pub fn file_path(&self) -> &str {
        if let Some(g) = &self.generalised {
            return g.full.file_path();
        }
        if let Some(r) = &self.reprojected {
            return &r.source_path;
        }
        self.recoded.as_ref().map_or(&self.path, |r| &r.source_path)
    }

    /// Where the values shown to people are read: the layer's own path, or for a recoded layer (a continuous
    /// Float32 layer drawn in 254 steps, say) the file itself, whose values are exact.
    pub fn values_path(&self) -> &str {
        self.recoded.as_ref().map_or(&self.path, |r| &r.source_path)
    }

    /// What the UI and the command line say about a layer drawn in another CRS than its own.
    pub fn reprojection_note(&self) -> Option<String> {
        let r = self.reprojected.as_ref()?;
        let from = r.source_epsg.map_or("its own CRS".to_string(), |c| format!("EPSG:{c}"));
        let to = self.meta.epsg.map_or("the map's CRS".to_string(), |c| format!("EPSG:{c}"));
        let size = self.meta.geo_transform_or_pixels()[1].abs();
        Some(format!("Reprojected on the fly from {from} to {to} at {} m (nearest neighbour)", format_value(size)))
    }

    /// The code a value (as [`Self::values_path`] holds it) is drawn and counted as: itself, or for a scaled layer
    /// its step of the range.
    pub fn code_of_value(&self, v: f64) -> u32 {
        match self.legend.scale {
            Some((lo, hi)) if v.is_finite() => {
                let (first, last) = (*SCALED_CODES.start() as f64, *SCALED_CODES.end() as f64);
                (first + ((v - lo) / (hi - lo) * (last - first)).round()).clamp(first, last) as u32
            }
            Some(_) => SCALED_NODATA as u32,
            None => v.max(0.0) as u32,
        }
    }

    /// What a value means in this layer: its class name, the measured quantity, a technical code, or "unknown code".
    /// `v` is a value as [`Self::values_path`] holds it.
    pub fn describe_value(&self, v: f64) -> String {
        let code = v as u32;
        let source_nodata = self.recoded.as_ref().and_then(|r| r.source_nodata);
        if v.is_nan() || source_nodata == Some(v) {
            return "No data".into();
        }
        if self.legend.scale.is_some() {
            // A scaled layer's values are not its codes; a Float32 value reads best in its own precision.
            let unit = match &self.legend.kind {
                ValueKind::Continuous { unit, .. } => unit.as_str(),
                _ => "",
            };
            let float32 = self.recoded.as_ref().is_some_and(|r| r.source_dtype == DataType::Float32);
            let value = if float32 { (v as f32).to_string() } else { format_value(v) };
            return format!("{value} {unit}").trim().into();
        }
        if v >= 0.0 && v.fract() == 0.0 {
            if let Some(e) = self.legend.entry(code) {
                let Some(c) = &e.clc else { return e.label.clone() };
                // CORINE: the CLC code and the levels above it (none for a level-1 group); the technical 9xx codes
                // name both of their levels.
                let path = c.path();
                let above: Vec<&str> = match path.split_last() {
                    Some((_, above)) => above.iter().map(|(_, label)| *label).collect(),
                    None => vec![&c.level1, &c.level2],
                };
                return if above.is_empty() {
                    format!("{} (CLC {})", e.label, c.clc_code)
                } else {
                    format!("{} (CLC {}: {})", e.label, c.clc_code, above.join(" > "))
                };
            }
            if self.legend.nodata == Some(code) {
                return "No data".into();
            }
        }
        match &self.legend.kind {
            ValueKind::Continuous { unit, .. } => format!("{} {unit}", format_value(v)).trim().to_string(),
            ValueKind::Categorical => "unknown code".into(),
            ValueKind::Imagery => String::new(),
        }
    }

    /// Why `other` cannot be drawn over this layer, if it cannot: their CRSs differ, and drawing it anyway would
    /// misalign it silently.
    pub fn crs_mismatch(&self, other: &LayerInfo) -> Option<String> {
        let (a, b) = (&self.meta, &other.meta);
        let same = match (a.epsg, b.epsg) {
            (Some(x), Some(y)) => x == y,
            _ => a.crs_wkt == b.crs_wkt,
        };
        let name = |e: Option<u32>| e.map_or("an unknown CRS".to_string(), |c| format!("EPSG:{c}"));
        (!same).then(|| {
            format!("{}: its CRS ({}) differs from that of {} ({})", other.path, name(b.epsg), self.name, name(a.epsg))
        })
    }

    /// Why the pixels of `other` cannot be paired one to one with this layer's, if they cannot: a different CRS,
    /// size, pixel size or origin. A change matrix over such a pair would count misaligned pixels.
    pub fn grid_mismatch(&self, other: &LayerInfo) -> Option<String> {
        if let Some(reason) = self.crs_mismatch(other) {
            return Some(reason);
        }
        let (a, b) = (&self.meta, &other.meta);
        if a.size != b.size {
            return Some(format!(
                "{} is {} x {} pixels and {} is {} x {}: the grids differ",
                self.path, a.size.0, a.size.1, other.path, b.size.0, b.size.1
            ));
        }
        let (ga, gb) = (a.geo_transform_or_pixels(), b.geo_transform_or_pixels());
        // A hundredth of a pixel: what rounding in a geotransform can explain, far less than any real shift.
        let tolerance = ga[1].abs().min(ga[5].abs()) / 100.0;
        if ga.iter().zip(gb.iter()).any(|(x, y)| (x - y).abs() > tolerance) {
            return Some(format!(
                "{} and {} have the same size but different pixel sizes or origins: the grids differ",
                self.path, other.path
            ));
        }
        None
    }

    /// This layer's pixel grid, when it is georeferenced in a known CRS.
    pub fn grid(&self) -> Option<Grid> {
        Some(Grid {
            crs_wkt: self.meta.crs_wkt.clone()?,
            geo_transform: self.meta.geo_transform?,
            size: self.meta.size,
        })
    }

    /// How `other` is read to pair its pixels one to one with this layer's: as it is when the grids match, else
    /// resampled on the fly (nearest) onto this layer's grid. `Err` names both files and why GDAL cannot do it
    /// correctly: a layer without georeferencing, or layers that do not overlap.
    pub fn align(&self, other: &LayerInfo) -> Result<Aligned, String> {
        let Some(reason) = self.grid_mismatch(other) else {
            return Ok(Aligned::as_is(other.path.clone()));
        };
        let Some(grid) = self.grid() else {
            return Err(format!(
                "{}: without georeferencing, {} cannot be resampled onto its grid",
                self.path, other.path
            ));
        };
        if other.grid().is_none() {
            return Err(format!(
                "{}: without georeferencing, it cannot be resampled onto the grid of {}",
                other.path, self.path
            ));
        }
        let theirs = match (self.meta.epsg, other.meta.epsg) {
            (Some(a), Some(b)) if a == b => Some(other.meta.extent()),
            _ => other.meta.crs_wkt.as_deref().and_then(|wkt| extent_in(other.meta.extent(), wkt, &grid.crs_wkt)),
        };
        let mine = grid.extent();
        let overlaps = |e: [f64; 4]| e[0] < mine[2] && mine[0] < e[2] && e[1] < mine[3] && mine[1] < e[3];
        match theirs {
            Some(e) if overlaps(e) => Ok(Aligned { path: other.path.clone(), onto: Some(grid) }),
            Some(_) => Err(format!("{} and {} do not overlap: nothing to compare", self.path, other.path)),
            None => Err(format!("{reason}, and {} cannot be transformed into the other's CRS", other.path)),
        }
    }

    /// What the UI and the command line say when `other` is read resampled onto this layer's grid.
    pub fn resampling_note(&self, other: &LayerInfo) -> String {
        let describe = |i: &LayerInfo| {
            let res = i.meta.geo_transform_or_pixels()[1].abs();
            let crs = i.meta.epsg.map_or("its own CRS".to_string(), |c| format!("EPSG:{c}"));
            format!("{} ({res} m, {crs})", i.name)
        };
        format!("{} is resampled on the fly (nearest neighbour) onto the grid of {}", describe(other), describe(self))
    }
}

/// The bounding box of `extent` (in the CRS `from`) in the CRS `to`, from its corners and edge midpoints.
pub(super) fn extent_in(extent: [f64; 4], from: &str, to: &str) -> Option<[f64; 4]> {
    let t = Transformer::new(&Crs::Wkt(from.to_string()), &Crs::Wkt(to.to_string())).ok()?;
    let [x0, y0, x1, y1] = extent;
    let (xm, ym) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let points = [(x0, y0), (x0, y1), (x1, y0), (x1, y1), (xm, y0), (xm, y1), (x0, ym), (x1, ym)];
    let moved: Vec<(f64, f64)> = points.iter().filter_map(|&(x, y)| t.transform(x, y)).collect();
    (!moved.is_empty()).then(|| {
        moved.iter().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |e, &(x, y)| {
            [e[0].min(x), e[1].min(y), e[2].max(x), e[3].max(y)]
        })
    })
}

/// A raster value as people read it: whole numbers without a decimal point (as `gdallocationinfo` prints them).
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}
