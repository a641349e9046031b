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
/// set, but tiles of another CRS or band count are left out with a warning: checked afterwards). Tiles that do not
/// overlap (a tile grid) are placed as simple sources, as `gdalbuildvrt -srcnodata None -vrtnodata N` does: where
/// no tile lies over another, the tiles' nodata need not be looked at pixel by pixel, which halves the time of a
/// whole-mosaic count.
fn build_vrt(dest: &str, tiles: &[String]) -> Result<(), RasterError> {
    init_gdal();
    run_buildvrt(dest, tiles, &[])?;
    if let Some(nodata) = disjoint_sources_nodata(dest) {
        let mut options = vec!["-srcnodata".to_string(), "None".to_string()];
        if let Some(v) = nodata {
            options.extend(["-vrtnodata".to_string(), v]);
        }
        run_buildvrt(dest, tiles, &options)?;
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

/// `gdalbuildvrt OPTIONS DEST TILES`, through GDAL's library call.
fn run_buildvrt(dest: &str, tiles: &[String], options: &[String]) -> Result<(), RasterError> {
    let fail = |reason: String| RasterError::Unsupported { path: tiles.first().cloned().unwrap_or_default(), reason };
    let c_dest = CString::new(dest).map_err(|e| fail(e.to_string()))?;
    let c_tiles: Vec<CString> =
        tiles.iter().map(|t| CString::new(t.as_str())).collect::<Result<_, _>>().map_err(|e| fail(e.to_string()))?;
    let mut names: Vec<*const std::ffi::c_char> = c_tiles.iter().map(|c| c.as_ptr()).collect();
    names.push(std::ptr::null());
    let c_options: Vec<CString> =
        options.iter().map(|o| CString::new(o.as_str())).collect::<Result<_, _>>().map_err(|e| fail(e.to_string()))?;
    let mut argv: Vec<*mut std::ffi::c_char> = c_options.iter().map(|c| c.as_ptr().cast_mut()).collect();
    argv.push(std::ptr::null_mut());
    super::config::take_gdal_errors();
    let count = i32::try_from(tiles.len()).map_err(|_| fail("too many tiles".into()))?;
    // SAFETY: `names` and `argv` are NULL-terminated arrays of valid C strings that outlive the calls (GDAL copies
    // the options); no source datasets are passed (GDAL opens the names itself); the options are freed and the
    // returned handle closed here, which writes the VRT to `dest`.
    let written = unsafe {
        let parsed = gdal_sys::GDALBuildVRTOptionsNew(argv.as_mut_ptr(), std::ptr::null_mut());
        let mut usage_error = 0;
        let handle = gdal_sys::GDALBuildVRT(
            c_dest.as_ptr(),
            count,
            std::ptr::null_mut(),
            names.as_ptr(),
            parsed,
            &mut usage_error,
        );
        gdal_sys::GDALBuildVRTOptionsFree(parsed);
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
    Ok(())
}

/// When no two sources of the VRT at `path` overlap: `Some` of the VRT band's nodata value (`None` inside when it
/// has none). `None` when sources overlap or the VRT cannot be read.
fn disjoint_sources_nodata(path: &str) -> Option<Option<String>> {
    let bytes = super::aux_xml::read_through_gdal(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let doc = roxmltree::Document::parse(&text).ok()?;
    let number = |n: roxmltree::Node, a: &str| n.attribute(a)?.trim().parse::<f64>().ok();
    let mut rects: Vec<[f64; 4]> = Vec::new();
    for r in doc.descendants().filter(|n| n.has_tag_name("DstRect")) {
        let (x, y) = (number(r, "xOff")?, number(r, "yOff")?);
        rects.push([x, y, x + number(r, "xSize")?, y + number(r, "ySize")?]);
    }
    // Sorted by left edge, a rectangle can only overlap those that start before it ends.
    rects.sort_by(|a, b| a[0].total_cmp(&b[0]));
    for (i, a) in rects.iter().enumerate() {
        for b in rects[i + 1..].iter().take_while(|b| b[0] < a[2]) {
            if a[1] < b[3] && b[1] < a[3] {
                return None;
            }
        }
    }
    let nodata = doc.descendants().find(|n| n.has_tag_name("NoDataValue")).and_then(|n| n.text());
    Some(nodata.map(|v| v.trim().to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vrt(rects: &[(u32, u32, u32, u32)]) -> String {
        let sources: String = rects
            .iter()
            .map(|(x, y, w, h)| {
                format!(r#"<ComplexSource><DstRect xOff="{x}" yOff="{y}" xSize="{w}" ySize="{h}"/></ComplexSource>"#)
            })
            .collect();
        format!("<VRTDataset><VRTRasterBand><NoDataValue>255</NoDataValue>{sources}</VRTRasterBand></VRTDataset>")
    }

    #[test]
    fn a_tile_grid_is_disjoint_and_overlapping_tiles_are_not() {
        init_gdal();
        let path = "/vsimem/clcplus-viewer/test/disjoint.vrt";
        let grid = vrt(&[(0, 0, 100, 100), (100, 0, 100, 100), (0, 100, 100, 100), (100, 100, 100, 100)]);
        gdal::vsi::create_mem_file(path, grid.into_bytes()).expect("written");
        assert_eq!(disjoint_sources_nodata(path), Some(Some("255".into())));
        let overlapping = vrt(&[(0, 0, 100, 100), (150, 0, 100, 100), (90, 90, 100, 100)]);
        gdal::vsi::create_mem_file(path, overlapping.into_bytes()).expect("written");
        assert_eq!(disjoint_sources_nodata(path), None);
        let _ = gdal::vsi::unlink_mem_file(path);
    }
}
