//! Many tiles as one raster: GDAL is the mosaic engine. The tiles of one layer become a VRT in GDAL's in-memory file
//! system, made by GDAL's own `gdalbuildvrt` code, so it has gdalbuildvrt's source form: GDAL opens the tiles only
//! when a read needs them (within `GDAL_MAX_DATASET_POOL_SIZE` open files) and exposes the tiles' overviews as the
//! mosaic's own.

use std::ffi::{CStr, CString};
use std::path::Path;

use super::vsimem::made_once;
use super::{init_gdal, RasterError, RasterFile};

/// The in-memory path of a VRT mosaic of `tiles` (made once per list of tiles). The tiles must share CRS, pixel
/// size, band count and data type; GDAL places each by its geotransform. Pixels no tile covers read as the tiles'
/// nodata value (0 when they have none). Opens every tile once to read its header: never call it on the UI thread.
pub fn mosaic_path(tiles: &[String]) -> Result<String, RasterError> {
    let first = tiles.first().ok_or_else(|| RasterError::Unsupported {
        path: "mosaic".into(),
        reason: "a mosaic needs at least one tile".into(),
    })?;
    for tile in tiles {
        super::network_guard::refuse_network_sources(Path::new(tile))
            .map_err(|reason| RasterError::Unsupported { path: tile.clone(), reason })?;
    }
    // Absolute paths, so the VRT in /vsimem/ finds them whatever the working directory.
    let absolute: Vec<String> = tiles.iter().map(|t| super::remote::gdal_path(t)).collect();
    made_once("mosaic", first, &absolute.join("\n"), |path| build_vrt(path, &absolute))
}

/// Runs GDAL's `gdalbuildvrt` on `tiles` into `dest`. Mixed grids are refused by GDAL itself (`-strict` is not
/// set, but tiles of another CRS or band count are left out with a warning: checked afterwards).
fn build_vrt(dest: &str, tiles: &[String]) -> Result<(), RasterError> {
    init_gdal();
    let fail = |reason: String| RasterError::Unsupported { path: tiles.first().cloned().unwrap_or_default(), reason };
    let c_dest = CString::new(dest).map_err(|e| fail(e.to_string()))?;
    let c_tiles: Vec<CString> =
        tiles.iter().map(|t| CString::new(t.as_str())).collect::<Result<_, _>>().map_err(|e| fail(e.to_string()))?;
    let mut names: Vec<*const std::ffi::c_char> = c_tiles.iter().map(|c| c.as_ptr()).collect();
    names.push(std::ptr::null());
    super::config::take_gdal_errors();
    let count = i32::try_from(tiles.len()).map_err(|_| fail("too many tiles".into()))?;
    // SAFETY: `names` is a NULL-terminated array of valid C strings that outlive the call; no source datasets are
    // passed (GDAL opens the names itself); the returned handle is closed here, which writes the VRT to `dest`.
    let written = unsafe {
        let mut usage_error = 0;
        let handle = gdal_sys::GDALBuildVRT(
            c_dest.as_ptr(),
            count,
            std::ptr::null_mut(),
            names.as_ptr(),
            std::ptr::null(),
            &mut usage_error,
        );
        if handle.is_null() {
            false
        } else {
            gdal_sys::GDALClose(handle);
            true
        }
    };
    let messages = super::config::take_gdal_errors();
    if !written {
        let reason = messages.last().cloned().unwrap_or_else(|| "GDAL could not build a mosaic of them".into());
        return Err(fail(format!("cannot make a mosaic of {} tiles: {reason}", tiles.len())));
    }
    let sources = RasterFile::open(dest)?.source_files();
    let left_out: Vec<&String> = tiles.iter().filter(|t| !sources.iter().any(|s| s == *t)).collect();
    if let Some(tile) = left_out.first() {
        let _ = gdal::vsi::unlink_mem_file(dest);
        return Err(RasterError::Unsupported {
            path: (*tile).clone(),
            reason: format!(
                "it cannot join the mosaic of {} ({} of {} tiles differ in CRS, bands or data type)",
                tiles[0],
                left_out.len(),
                tiles.len()
            ),
        });
    }
    Ok(())
}

impl RasterFile {
    /// The files a dataset reads besides itself: a VRT's sources (a mosaic's tiles), sorted, without duplicates;
    /// empty for a plain file. Sidecars such as `.ovr` or `.aux.xml` are left out.
    pub fn source_files(&self) -> Vec<String> {
        // SAFETY: GDALGetFileList returns a NULL-terminated list of C strings owned by the caller, freed here.
        let mut out: Vec<String> = unsafe {
            let list = gdal_sys::GDALGetFileList(self.ds.c_dataset());
            if list.is_null() {
                return Vec::new();
            }
            let mut out = Vec::new();
            let mut i = 0;
            while !(*list.add(i)).is_null() {
                out.push(CStr::from_ptr(*list.add(i)).to_string_lossy().into_owned());
                i += 1;
            }
            gdal_sys::CSLDestroy(list);
            out
        };
        let own = super::remote::gdal_path(self.path());
        out.retain(|f| *f != own && *f != self.path() && !is_sidecar(f));
        out.sort();
        out.dedup();
        out
    }
}

fn is_sidecar(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".ovr", ".aux.xml", ".msk", ".vat.dbf", ".clr", ".tfw", ".xml"].iter().any(|s| lower.ends_with(s))
}
