//! A VRT in memory that reads a raster through a value lookup table: how a CORINE layer is shown at level 2 or 1
//! without writing anything. Each pixel is looked up exactly (every input value is listed, so GDAL's interpolation
//! between table points never applies); the source's overviews serve the zoomed-out views.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{init_gdal, RasterError, RasterMeta};

fn made() -> &'static Mutex<HashMap<String, String>> {
    static MADE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    MADE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The in-memory path of a VRT reading band 1 of `meta`'s raster with each value `v` replaced by `lut[v]` (values
/// past the table's end keep their value); made once per (source, table).
pub fn remapped_path(meta: &RasterMeta, lut: &[u32]) -> Result<String, RasterError> {
    let fail = |reason: String| RasterError::Unsupported { path: meta.path.clone(), reason };
    let Some(gt) = meta.geo_transform else { return Err(fail("it has no georeferencing".into())) };
    if lut.is_empty() {
        return Err(fail("the lookup table is empty".into()));
    }
    let key = format!("{}\n{lut:?}", meta.path);
    // A poisoned lock only means another thread panicked while inserting; the map itself is still consistent.
    let mut made = made().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(path) = made.get(&key) {
        return Ok(path.clone());
    }
    let max_in = lut.len() as u32 - 1;
    let out_type = if lut.iter().all(|&v| v <= 255) && max_in <= 255 { "Byte" } else { "UInt16" };
    // Every value up to the table's end and one past it, so that values beyond keep their own.
    let mut points: Vec<String> = lut.iter().enumerate().map(|(i, o)| format!("{i}:{o}")).collect();
    points.push(format!("{}:{}", max_in + 1, max_in + 1));
    let absolute = std::fs::canonicalize(&meta.path).map_or_else(|_| meta.path.clone(), |p| p.display().to_string());
    let nodata = meta.nodata.map_or(String::new(), |v| format!("<NoDataValue>{v}</NoDataValue>"));
    let srs = meta.crs_wkt.as_deref().map_or(String::new(), |w| format!("<SRS>{}</SRS>", escape(w)));
    let (w, h) = meta.size;
    let xml = format!(
        r#"<VRTDataset rasterXSize="{w}" rasterYSize="{h}">{srs}<GeoTransform>{}, {}, {}, {}, {}, {}</GeoTransform><VRTRasterBand dataType="{out_type}" band="1">{nodata}<ComplexSource><SourceFilename relativeToVRT="0">{}</SourceFilename><SourceBand>1</SourceBand><SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/><DstRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/><LUT>{}</LUT></ComplexSource></VRTRasterBand></VRTDataset>"#,
        gt[0],
        gt[1],
        gt[2],
        gt[3],
        gt[4],
        gt[5],
        escape(&absolute),
        points.join(",")
    );
    init_gdal();
    let name = std::path::Path::new(&meta.path).file_name().map_or("layer".into(), |n| n.to_string_lossy());
    let path = format!("/vsimem/clcplus-viewer/remapped/{}/{name}.vrt", made.len());
    gdal::vsi::create_mem_file(&path, xml.into_bytes()).map_err(|e| fail(e.to_string()))?;
    made.insert(key, path.clone());
    Ok(path)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
