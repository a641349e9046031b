//! Reading a raster on another raster's pixel grid: GDAL resamples it on the fly (nearest neighbour, so class codes
//! stay codes) through a warped VRT held in GDAL's in-memory file system. Nothing is written to disk.
//!
//! Comparisons pair pixels one to one (a change matrix, RAS with its confidence or with imperviousness). When the two
//! layers' grids differ (CORINE 100 m over CLCplus 10 m, a UTM overseas tile over EPSG:3035), one of them is read
//! through such a VRT made for the other's grid, or for one level of its pyramid. A layer in another CRS than the
//! map's is drawn through one made for the map's grid lines around its footprint.

use std::ffi::CString;
use std::ptr::null_mut;

use gdal::Dataset;

use super::vsimem::made_once;
use super::{init_gdal, RasterError};

/// A pixel grid: CRS, geotransform (north-up) and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub crs_wkt: String,
    pub geo_transform: [f64; 6],
    pub size: (usize, usize),
}

impl Grid {
    /// The same extent divided into `cols` x `rows` pixels: one level of a pyramid of this grid.
    pub fn with_size(&self, cols: usize, rows: usize) -> Grid {
        let gt = self.geo_transform;
        let (w, h) = (self.size.0 as f64 * gt[1], self.size.1 as f64 * gt[5]);
        let gt = [gt[0], w / cols.max(1) as f64, 0.0, gt[3], 0.0, h / rows.max(1) as f64];
        Grid { crs_wkt: self.crs_wkt.clone(), geo_transform: gt, size: (cols, rows) }
    }

    /// (xmin, ymin, xmax, ymax) in map units.
    pub fn extent(&self) -> [f64; 4] {
        let gt = self.geo_transform;
        let (x1, y1) = (gt[0] + self.size.0 as f64 * gt[1], gt[3] + self.size.1 as f64 * gt[5]);
        [gt[0].min(x1), gt[3].min(y1), gt[0].max(x1), gt[3].max(y1)]
    }
}

/// A raster as a comparison reads it: the file itself when it shares the grid of the layer it is compared with,
/// else resampled (nearest) onto `onto`.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    pub path: String,
    pub onto: Option<Grid>,
}

impl Aligned {
    /// The file as it is.
    pub fn as_is(path: impl Into<String>) -> Aligned {
        Aligned { path: path.into(), onto: None }
    }

    /// The path to open: the file, or the resampling VRT for `onto` (made on first use, then shared by all threads).
    pub fn open_path(&self) -> Result<String, RasterError> {
        match &self.onto {
            None => Ok(self.path.clone()),
            Some(grid) => resampled_path(&self.path, grid),
        }
    }

    /// The same raster on the level of `onto` that is `cols` x `rows` pixels (a file read as it is stays as it is).
    pub fn at_level(&self, cols: usize, rows: usize) -> Aligned {
        Aligned { path: self.path.clone(), onto: self.onto.as_ref().map(|g| g.with_size(cols, rows)) }
    }
}

/// The in-memory path of a VRT that reads `source` resampled (nearest) onto `grid`; made once per (source, grid).
/// The path ends with the source's file name, so messages about it still name the file.
pub fn resampled_path(source: &str, grid: &Grid) -> Result<String, RasterError> {
    let recipe = format!("{}\n{:?}\n{:?}", grid.crs_wkt, grid.geo_transform, grid.size);
    made_once("aligned", source, &recipe, |path| warp_to_vrt(source, grid, path))
}

/// Runs GDAL's warper in VRT mode: nothing is resampled now, the VRT does it whenever it is read. GDAL gives such a
/// VRT overviews of its own from the source's, so zoomed-out views stay fast.
fn warp_to_vrt(source: &str, grid: &Grid, dest: &str) -> Result<(), RasterError> {
    init_gdal();
    let fail = |reason: String| RasterError::Unsupported { path: source.to_string(), reason };
    // The VRT names its source; an absolute path keeps it valid whatever the working folder.
    let absolute = super::remote::gdal_path(source);
    let src =
        Dataset::open(&absolute).map_err(|e| RasterError::Open { path: source.to_string(), reason: e.to_string() })?;
    let band = src.rasterband(1).map_err(|e| fail(e.to_string()))?;
    let [xmin, ymin, xmax, ymax] = grid.extent();
    // `-et 0`: every pixel centre transformed exactly, not by GDAL's default piecewise-linear approximation, whose
    // error (up to an eighth of a pixel) depends on the extent and could move a class boundary by one pixel.
    let mut args: Vec<String> = ["-of", "VRT", "-r", "near", "-et", "0", "-t_srs", grid.crs_wkt.as_str(), "-te"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend([xmin, ymin, xmax, ymax].iter().map(|v| format!("{v}")));
    args.extend(["-ts".to_string(), grid.size.0.to_string(), grid.size.1.to_string()]);
    // Pixels outside the source must not read as a real code (0 is a valid imperviousness): without a nodata value
    // of its own, the source gets its type's largest value (255, the products' "outside area" code, for bytes).
    if band.no_data_value().is_none() {
        let outside = if band.band_type() == gdal::raster::GdalDataType::UInt8 { "255" } else { "65535" };
        args.extend(["-dstnodata".to_string(), outside.to_string()]);
    }
    let c_args: Vec<CString> =
        args.into_iter().map(CString::new).collect::<Result<_, _>>().map_err(|e| fail(e.to_string()))?;
    let mut argv: Vec<*mut std::ffi::c_char> =
        c_args.iter().map(|a| a.as_ptr() as *mut std::ffi::c_char).chain(std::iter::once(null_mut())).collect();
    let c_dest = CString::new(dest).map_err(|e| fail(e.to_string()))?;
    // SAFETY: argv is a NULL-terminated array of valid C strings that outlive the call (GDAL copies them); the source
    // handle is valid while `src` lives; the output handle is closed here, which writes the VRT into /vsimem.
    unsafe {
        let options = gdal_sys::GDALWarpAppOptionsNew(argv.as_mut_ptr(), null_mut());
        if options.is_null() {
            return Err(fail("GDAL refused the resampling options".into()));
        }
        let mut sources = [src.c_dataset()];
        let mut usage_error = 0;
        let out = gdal_sys::GDALWarp(c_dest.as_ptr(), null_mut(), 1, sources.as_mut_ptr(), options, &mut usage_error);
        gdal_sys::GDALWarpAppOptionsFree(options);
        if out.is_null() {
            let reason = super::config::take_gdal_errors().pop().unwrap_or_else(|| "GDAL cannot resample it".into());
            return Err(fail(format!("cannot be resampled onto the other layer's grid: {reason}")));
        }
        gdal_sys::GDALClose(out);
    }
    Ok(())
}
