//! A VRT in memory that reads a raster through a value lookup table: how a CORINE layer is shown at level 2 or 1
//! without writing anything. Each pixel is looked up exactly (every input value is listed, so GDAL's interpolation
//! between table points never applies); the source's overviews serve the zoomed-out views.

use super::recode::{SourceBand, Vrt};
use super::vsimem::made_once;
use super::{RasterError, RasterMeta};

/// The in-memory path of a VRT reading band 1 of `meta`'s raster with each value `v` replaced by `lut[v]` (values
/// past the table's end keep their value); made once per (source, table).
pub fn remapped_path(meta: &RasterMeta, lut: &[u32]) -> Result<String, RasterError> {
    if lut.is_empty() {
        let reason = "the lookup table is empty".into();
        return Err(RasterError::Unsupported { path: meta.path.clone(), reason });
    }
    let max_in = lut.len() as u32 - 1;
    let data_type = if lut.iter().all(|&v| v <= 255) && max_in <= 255 { "Byte" } else { "UInt16" };
    // Every value up to the table's end and one past it, so that values beyond keep their own.
    let mut points: Vec<String> = lut.iter().enumerate().map(|(i, o)| format!("{i}:{o}")).collect();
    points.push(format!("{}:{}", max_in + 1, max_in + 1));
    // The nodata value passes through as it is (GDAL keeps the VRT's nodata where the source has its own).
    let band = SourceBand { band: 1, lut: Some(points.join(",")), source_nodata: None };
    let vrt = Vrt { data_type, nodata: meta.nodata, bands: vec![band] };
    made_once("remapped", &meta.path, &format!("{lut:?}"), |path| vrt.write(meta, path))
}
