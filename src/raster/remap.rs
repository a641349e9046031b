//! A VRT in memory that reads a raster through a value lookup table: how a CORINE layer is shown at level 2 or 1
//! without writing anything. Each pixel is looked up exactly (every input value is listed, so GDAL's interpolation
//! between table points never applies); the source's overviews serve the zoomed-out views.

use super::vsimem::made_once;
use super::{init_gdal, RasterError, RasterMeta};

/// The in-memory path of a VRT reading band 1 of `meta`'s raster with each value `v` replaced by `lut[v]` (values
/// past the table's end keep their value); made once per (source, table).
pub fn remapped_path(meta: &RasterMeta, lut: &[u32]) -> Result<String, RasterError> {
    let fail = |reason: String| RasterError::Unsupported { path: meta.path.clone(), reason };
    let Some(gt) = meta.geo_transform else { return Err(fail("it has no georeferencing".into())) };
    if lut.is_empty() {
        return Err(fail("the lookup table is empty".into()));
    }
    made_once("remapped", &meta.path, &format!("{lut:?}"), |path| write_lut_vrt(meta, gt, lut, path))
}

/// Writes the lookup VRT of [`remapped_path`] at `path`.
fn write_lut_vrt(meta: &RasterMeta, gt: [f64; 6], lut: &[u32], path: &str) -> Result<(), RasterError> {
    let max_in = lut.len() as u32 - 1;
    let out_type = if lut.iter().all(|&v| v <= 255) && max_in <= 255 { "Byte" } else { "UInt16" };
    // Every value up to the table's end and one past it, so that values beyond keep their own.
    let mut points: Vec<String> = lut.iter().enumerate().map(|(i, o)| format!("{i}:{o}")).collect();
    points.push(format!("{}:{}", max_in + 1, max_in + 1));
    let absolute = super::remote::gdal_path(&meta.path);
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
    gdal::vsi::create_mem_file(path, xml.into_bytes())
        .map_err(|e| RasterError::Unsupported { path: meta.path.clone(), reason: e.to_string() })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
