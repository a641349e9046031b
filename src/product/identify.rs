//! `identify`: what a file is, from its name and its own metadata.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use super::identity::{product_of_palette, product_of_sources, Identity};
use super::layer_plan::PlannedLayer;
use super::legend::{built_in, BuiltIn, Legend, LegendEntry, LegendSource, ValueKind};
use super::naming::{parse_file_name, ClcCoding, Layer, ParsedName};
use crate::raster::{
    mosaic_path, resampled_path, Aligned, Crs, DataType, Grid, Pixels, RasterError, RasterFile, RasterMeta,
    Transformer, SCALED_CODES, SCALED_NODATA,
};
use crate::text;

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
fn extent_in(extent: [f64; 4], from: &str, to: &str) -> Option<[f64; 4]> {
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

/// Largest side of a raster that is drawn without a pyramid.
const NO_PYRAMID_NEEDED_PX: usize = 1024;
/// At most this many distinct integer values make an unknown raster categorical.
const MAX_GENERATED_CLASSES: usize = 32;

/// Opens `path`, reads its metadata and decides what it is: from its name, else from the names of the files it
/// reads (a VRT), else from its colour table. Reads the file: never call it on the UI thread.
pub fn identify(path: impl AsRef<Path>) -> Result<LayerInfo, ProductError> {
    let path = path.as_ref();
    let (file, meta) = open_supported(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| meta.path.clone());
    let sources = file.source_files();
    let (product, identity) = match parse_file_name(&name) {
        Some(p) => (Some(p), Identity::FileName),
        None => match product_of_sources(&sources) {
            Some(p) => (Some(p), Identity::SourceNames { files: sources.len() }),
            None => identity_from_palette(&meta),
        },
    };
    let tileset = match identity {
        Identity::FileName => find_tileset(path, product.as_ref()),
        _ => vec![meta.path.clone()],
    };
    finish(file, meta, Named { name, product, identity, tileset, sources })
}

/// The tiles of one product layer and year as one layer: a mosaic VRT in memory (see [`crate::raster::mosaic_path`]),
/// named and identified by its tiles' names. Opens every tile's header once: never call it on the UI thread.
pub fn identify_mosaic(tiles: &[String]) -> Result<LayerInfo, ProductError> {
    let vrt = mosaic_path(tiles)?;
    let (file, meta) = open_supported(Path::new(&vrt))?;
    let (product, identity) = match product_of_sources(tiles) {
        Some(p) => (Some(p), Identity::SourceNames { files: tiles.len() }),
        None => identity_from_palette(&meta),
    };
    let name = text::mosaic_name(product.as_ref().map(|p| (p.layer.canonical(), p.year)), tiles.len());
    let named = Named { name, product, identity, tileset: vec![vrt], sources: tiles.to_vec() };
    let mut info = finish(file, meta, named)?;
    info.mosaic = Some(Mosaic { tiles: tiles.to_vec() });
    Ok(info)
}

/// Opens a planned layer: its one file, or the mosaic of its tiles.
pub fn identify_planned(layer: &PlannedLayer) -> Result<LayerInfo, ProductError> {
    match layer.paths.as_slice() {
        [one] => identify(one),
        tiles => identify_mosaic(tiles),
    }
}

/// The file opened, with its metadata.
fn open_supported(path: &Path) -> Result<(RasterFile, RasterMeta), ProductError> {
    let file = RasterFile::open(path)?;
    let meta = file.meta()?;
    Ok((file, meta))
}

/// The product a colour table stands for, when it equals an official palette.
fn identity_from_palette(meta: &RasterMeta) -> (Option<ParsedName>, Identity) {
    match meta.color_table.as_deref().and_then(product_of_palette) {
        Some((p, palette)) => (Some(p), Identity::Palette { palette: palette.to_string() }),
        None => (None, Identity::Unknown),
    }
}

/// What is known of a layer before its legend and overviews are worked out.
pub(super) struct Named {
    pub name: String,
    pub product: Option<ParsedName>,
    pub identity: Identity,
    pub tileset: Vec<String>,
    /// The files a VRT reads (empty for a plain file): their overviews are the VRT's.
    pub sources: Vec<String>,
}

/// Legend and overview check of an opened, named layer: bytes and 16-bit codes as they are, colour imagery and
/// other sample types through the codes of [`super::samples`].
fn finish(file: RasterFile, meta: RasterMeta, named: Named) -> Result<LayerInfo, ProductError> {
    match meta.dtype {
        DataType::Byte | DataType::UInt16 if meta.band_count >= 3 => super::samples::imagery(file, meta, named),
        DataType::Byte | DataType::UInt16 => finish_codes(file, meta, named, None),
        DataType::Int16 | DataType::Int32 | DataType::UInt32 | DataType::Float32 | DataType::Float64 => {
            super::samples::recoded(file, meta, named)
        }
        DataType::Other => Err(ProductError::Unsupported {
            path: meta.path.clone(),
            reason: "its sample type (complex numbers or 64-bit integers) is not supported".into(),
        }),
    }
}

/// Legend (`legend`, else worked out from the product and the file) and overview check of a layer of codes.
pub(super) fn finish_codes(
    file: RasterFile,
    mut meta: RasterMeta,
    named: Named,
    legend: Option<Legend>,
) -> Result<LayerInfo, ProductError> {
    let colour_file = match meta.color_table {
        None => colour_file_beside(&meta.path),
        Some(_) => None,
    };
    if let Some(table) = &colour_file {
        meta.color_table = Some(table.clone());
    }
    // Only a raster of no known product needs its values looked at (to generate a legend).
    let sample = match (&named.product, &legend) {
        (None, None) => Some(file.read_decimated(256)?.0),
        _ => None,
    };
    let mut legend = legend.unwrap_or_else(|| build_legend(named.product.as_ref(), &meta, sample.as_ref()));
    if colour_file.is_some() {
        legend.source = legend.source.from_colour_file();
    }
    let overviews = match named.sources.first() {
        // A VRT's overviews are its sources' (GDAL exposes theirs): one source tells, without reading all.
        Some(first) if named.sources.len() > 1 => {
            let source = RasterFile::open(first)?;
            let source_meta = source.meta()?;
            check_overviews(&source, &source_meta, &legend)?
        }
        _ => check_overviews(&file, &meta, &legend)?,
    };
    Ok(LayerInfo {
        path: meta.path.clone(),
        name: named.name,
        product: named.product,
        identity: named.identity,
        meta,
        legend,
        overviews,
        tileset: named.tileset,
        mosaic: None,
        recoded: None,
        reprojected: None,
        generalised: None,
    })
}

/// The colours of an ArcGIS `.clr` file beside a raster without a colour table (`name.clr` or `name.tif.clr`), as
/// the 2018 and 2021 Europe-wide CLMS deliveries ship them; as RGBA by value.
fn colour_file_beside(path: &str) -> Option<Vec<[u8; 4]>> {
    let path = Path::new(path);
    let candidates = [path.with_extension("clr"), PathBuf::from(format!("{}.clr", path.display()))];
    let style = candidates.iter().filter(|c| c.is_file()).find_map(|c| super::style::Style::read(c).ok())?;
    let size = style.entries.iter().map(|e| e.code as usize + 1).max()?;
    let mut table = vec![[0u8; 4]; size.min(65536)];
    for e in &style.entries {
        if let Some(slot) = table.get_mut(e.code as usize) {
            *slot = e.rgba;
        }
    }
    Some(table)
}

/// The layer `info` reprojected on the fly (nearest neighbour, so codes stay codes) into the CRS of `map`, on `map`'s
/// pixel grid extended over the file's footprint: its pixels fall exactly on the map's, so it can be drawn, swiped,
/// inspected and compared with the map's layers. Name, product and legend stay those of the file. Reads the file:
/// never call it on the UI thread.
pub fn reproject(info: &LayerInfo, map: &LayerInfo) -> Result<LayerInfo, ProductError> {
    let refuse = |reason: String| ProductError::Unsupported { path: info.file_path().to_string(), reason };
    let Some(map_grid) = map.grid() else {
        return Err(refuse(format!("{} has no georeferencing, so no other CRS can be drawn over it", map.name)));
    };
    let (Some(wkt), Some(_)) = (info.meta.crs_wkt.as_deref(), info.meta.geo_transform) else {
        return Err(refuse(format!("it has no georeferencing, so it cannot be placed on the map of {}", map.name)));
    };
    let footprint = extent_in(info.meta.extent(), wkt, &map_grid.crs_wkt)
        .ok_or_else(|| refuse(format!("its CRS cannot be transformed into that of {}", map.name)))?;
    let grid = snapped_grid(&map_grid, footprint)
        .ok_or_else(|| refuse(format!("its footprint in the CRS of {} is empty or too large to draw", map.name)))?;
    let vrt = resampled_path(info.file_path(), &grid)?;
    let file = RasterFile::open(&vrt)?;
    let meta = file.meta()?;
    let mut legend = info.legend.clone();
    // Pixels the file does not cover read as the VRT's nodata value: technical and transparent like the file's own.
    if legend.nodata.is_none() {
        if let Some(code) = meta.nodata.filter(|v| v.fract() == 0.0 && *v >= 0.0).map(|v| v as u32) {
            legend.nodata = Some(code);
            if let Err(i) = legend.entries.binary_search_by_key(&code, |e| e.code) {
                legend.entries.insert(i, entry(code, "Outside the reprojected file".into(), [0, 0, 0, 0], true));
            }
        }
    }
    let overviews = check_overviews(&file, &meta, &legend)?;
    Ok(LayerInfo {
        path: meta.path.clone(),
        name: info.name.clone(),
        product: info.product.clone(),
        identity: info.identity.clone(),
        meta,
        legend,
        overviews,
        tileset: info.tileset.clone(),
        mosaic: info.mosaic.clone(),
        recoded: info.recoded.clone(),
        reprojected: Some(Reprojected {
            source_path: info.file_path().to_string(),
            source_epsg: info.reprojected.as_ref().map_or(info.meta.epsg, |r| r.source_epsg),
        }),
        generalised: None,
    })
}

/// Largest side, in pixels, of a reprojected layer: four 100 km tiles at 10 m. A footprint beyond it is a CRS
/// that does not fit the map's (a world layer over a tile), not something to draw pixel by pixel.
const MAX_REPROJECTED_SIDE: f64 = 40_000.0;

/// `grid`'s pixel lines around `extent`: the same origin lines and pixel size, so pixels coincide with the grid's.
fn snapped_grid(grid: &Grid, extent: [f64; 4]) -> Option<Grid> {
    let gt = grid.geo_transform;
    let (px, py) = (gt[1], gt[5]);
    if px <= 0.0 || py >= 0.0 || gt[2] != 0.0 || gt[4] != 0.0 {
        return None;
    }
    let [xmin, ymin, xmax, ymax] = extent;
    let (c0, c1) = (((xmin - gt[0]) / px).floor(), ((xmax - gt[0]) / px).ceil());
    let (r0, r1) = (((ymax - gt[3]) / py).floor(), ((ymin - gt[3]) / py).ceil());
    let (cols, rows) = (c1 - c0, r1 - r0);
    if !(cols >= 1.0 && rows >= 1.0 && cols <= MAX_REPROJECTED_SIDE && rows <= MAX_REPROJECTED_SIDE) {
        return None;
    }
    Some(Grid {
        crs_wkt: grid.crs_wkt.clone(),
        geo_transform: [gt[0] + c0 * px, px, 0.0, gt[3] + r0 * py, 0.0, py],
        size: (cols as usize, rows as usize),
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

fn built_in_for(product: &ParsedName, dtype: DataType) -> BuiltIn {
    match product.layer {
        Layer::Ras => BuiltIn::ClcPlusRas,
        Layer::Rascl => BuiltIn::ClcPlusRascl,
        Layer::Rasdl => BuiltIn::ClcPlusRasdl,
        Layer::Raspl => BuiltIn::ClcPlusRaspl,
        Layer::Imd => BuiltIn::Imd,
        Layer::Cty => BuiltIn::Cty,
        Layer::Ctycl => BuiltIn::Ctycl,
        // 3-digit codes do not fit in a byte, so a byte raster holds grid codes whatever its name says.
        Layer::Clc if dtype == DataType::Byte => BuiltIn::ClcGridCode,
        Layer::Clc => match product.clc_coding {
            Some(ClcCoding::GridCode) => BuiltIn::ClcGridCode,
            Some(ClcCoding::ThreeDigit) | None => BuiltIn::ClcThreeDigit,
        },
    }
}

/// The legend: built-in for known products, generated from the values otherwise; then the file's colour table and
/// attribute table win for the codes they cover, and the band's nodata value is technical and transparent.
fn build_legend(product: Option<&ParsedName>, meta: &RasterMeta, sample: Option<&Pixels>) -> Legend {
    let nodata = meta.nodata.filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= u32::MAX as f64).map(|v| v as u32);
    let values = sample.map(|s| distinct_values(s, nodata)).unwrap_or_default();
    let mut legend = match product {
        Some(p) => built_in(built_in_for(p, meta.dtype)),
        None => generated_legend(meta, &values),
    };
    legend.nodata = nodata;
    let has_table = meta.color_table.is_some();
    if let Some(table) = &meta.color_table {
        for e in legend.entries.iter_mut() {
            if let Some(c) = table.get(e.code as usize) {
                e.rgba = *c;
            }
        }
        legend.table = Some(table.clone());
    }
    let mut has_rat = false;
    if let Some(rows) = &meta.attribute_table {
        for row in rows {
            // A row for a value the band cannot hold describes no pixel (fuzzing found such a table giving a byte
            // layer a legend entry 65536).
            let Some(code) = u32::try_from(row.value).ok().filter(|&c| c <= meta.dtype.max_code()) else { continue };
            let Some(label) = row.label.clone() else { continue };
            has_rat = true;
            match legend.entries.binary_search_by_key(&code, |e| e.code) {
                Ok(i) => legend.entries[i].label = label,
                Err(i) => {
                    let rgba = legend.colour_of(code);
                    let rgba = row.rgb.map(|c| [c[0], c[1], c[2], 255]).filter(|_| !has_table).unwrap_or(rgba);
                    legend.entries.insert(i, entry(code, label, rgba, false));
                }
            }
        }
    }
    if let Some(code) = nodata {
        match legend.entries.binary_search_by_key(&code, |e| e.code) {
            Ok(i) => {
                legend.entries[i].technical = true;
                legend.entries[i].rgba[3] = 0;
            }
            Err(i) => legend.entries.insert(i, entry(code, "No data (band nodata value)".into(), [0, 0, 0, 0], true)),
        }
    }
    legend.source = match (product.is_some() || has_rat, has_table, has_rat) {
        (_, true, true) => LegendSource::ColorTableAndAttributeTable,
        (_, true, false) => LegendSource::ColorTable,
        (_, false, true) => LegendSource::AttributeTable,
        (true, false, false) => LegendSource::BuiltIn,
        (false, false, false) => LegendSource::Generated,
    };
    legend
}

pub(super) fn entry(code: u32, label: String, rgba: [u8; 4], technical: bool) -> LegendEntry {
    LegendEntry { code, label, rgba, technical, description: None, source_section: None, clc: None }
}

fn distinct_values(sample: &Pixels, nodata: Option<u32>) -> BTreeSet<u32> {
    let mut set = BTreeSet::new();
    match sample {
        Pixels::U8(v) => {
            let mut seen = [false; 256];
            v.iter().for_each(|&x| seen[x as usize] = true);
            set.extend((0..256u32).filter(|&i| seen[i as usize]));
        }
        Pixels::U16(v) => set.extend(v.iter().map(|&x| x as u32)),
        Pixels::F32(_) | Pixels::Rgba(_) => {}
    }
    if let Some(n) = nodata {
        set.remove(&n);
    }
    set
}

/// Qualitative colours for classes of unknown rasters without a colour table (our own choice).
const CLASS_COLOURS: [[u8; 3]; 12] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [127, 127, 127],
    [188, 189, 34],
    [23, 190, 207],
    [174, 199, 232],
    [255, 187, 120],
];

/// A dark-blue to yellow ramp for continuous rasters of unknown products (our own choice of stops).
pub(super) const RAMP: [[u8; 3]; 5] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

fn generated_legend(meta: &RasterMeta, values: &BTreeSet<u32>) -> Legend {
    let categorical = meta.color_table.is_some() || values.len() <= MAX_GENERATED_CLASSES;
    if categorical {
        let entries = values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let c = CLASS_COLOURS[i % CLASS_COLOURS.len()];
                entry(v, format!("Value {v}"), [c[0], c[1], c[2], 255], false)
            })
            .collect();
        return Legend {
            source: LegendSource::Generated,
            kind: ValueKind::Categorical,
            entries,
            table: None,
            nodata: None,
            about: None,
            scale: None,
        };
    }
    let (min, max) = match (values.first(), values.last()) {
        (Some(&a), Some(&b)) if b > a => (a, b),
        (Some(&a), _) => (a, a + 1),
        _ => (0, 1),
    };
    let entries = RAMP
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let code = min + ((max - min) as f64 * i as f64 / (RAMP.len() - 1) as f64).round() as u32;
            entry(code, format!("{code}"), [c[0], c[1], c[2], 255], false)
        })
        .collect::<Vec<_>>();
    let mut entries = entries;
    entries.dedup_by_key(|e| e.code);
    Legend {
        source: LegendSource::Generated,
        kind: ValueKind::Continuous { min: min as f64, max: max as f64, unit: String::new() },
        entries,
        table: None,
        nodata: None,
        about: None,
        scale: None,
    }
}

/// The largest side of the window of the smallest overview that [`check_overviews`] reads.
const MAX_OVERVIEW_CHECK_PX: usize = 1024;

/// Decides whether the file's overviews can be drawn: a class map whose smallest overview holds codes of no legend
/// entry was built by averaging (values between codes) and would show wrong classes.
pub(super) fn check_overviews(
    file: &RasterFile,
    meta: &RasterMeta,
    legend: &Legend,
) -> Result<OverviewState, ProductError> {
    let Some(&(w, h)) = meta.overviews.last() else {
        let big = meta.size.0.max(meta.size.1) > NO_PYRAMID_NEEDED_PX;
        return Ok(if big { OverviewState::Missing } else { OverviewState::NotNeeded });
    };
    if !matches!(legend.kind, ValueKind::Categorical) || legend.source == LegendSource::Generated {
        return Ok(OverviewState::Usable);
    }
    // A centred window of at most MAX_OVERVIEW_CHECK_PX a side: enough to see averaged values, and bounded for a
    // continent-sized raster whose smallest overview is still large.
    let (cw, ch) = (w.min(MAX_OVERVIEW_CHECK_PX), h.min(MAX_OVERVIEW_CHECK_PX));
    let smallest = file.read_window(meta.overviews.len(), ((w - cw) / 2, (h - ch) / 2), (cw, ch))?;
    let foreign: Vec<u32> =
        distinct_values(&smallest, legend.nodata).into_iter().filter(|&v| legend.entry(v).is_none()).collect();
    Ok(if foreign.is_empty() { OverviewState::Usable } else { OverviewState::Interpolated { foreign_values: foreign } })
}

/// Files beside `path` of the same product family, year, tile or area, EPSG code and resolution: the tile set one cursor
/// position reads all of. Sorted; holds `path` itself. Only the names are read.
fn find_tileset(path: &Path, product: Option<&ParsedName>) -> Vec<String> {
    let own = path.to_string_lossy().into_owned();
    let Some(p) = product else { return vec![own] };
    let dir = path.parent().unwrap_or(Path::new(""));
    let listing = std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
    let Ok(entries) = listing else { return vec![own] };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            let raster = lower.ends_with(".tif") || lower.ends_with(".tiff") || lower.ends_with(".vrt");
            raster
                && parse_file_name(name).is_some_and(|q| {
                    q.family == p.family
                        && q.year == p.year
                        && q.tile == p.tile
                        && q.area == p.area
                        && q.epsg == p.epsg
                        && q.resolution_m == p.resolution_m
                })
        })
        .map(|name| dir.join(name).to_string_lossy().into_owned())
        .collect();
    out.push(own);
    out.sort();
    out.dedup();
    out
}
