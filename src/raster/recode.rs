//! VRTs in memory that give a raster of any sample type the codes the viewer draws and counts: 8-bit steps of a
//! continuous value range (Float32, Int16, ...), whole-number classes of a wider or floating-point type as 16-bit
//! codes, and 16-bit colour imagery stretched to bytes. GDAL does the work as it reads, so tiles, overviews, counts
//! and the viewer's own levels treat the layer like any byte or 16-bit file; the values themselves are read from the
//! source (the inspector, `pixel`).

use super::vsimem::made_once;
use super::{init_gdal, RasterError, RasterMeta};

/// The code of pixels without a value in a [`scaled_path`] VRT (nodata, NaN).
pub const SCALED_NODATA: u8 = 0;
/// The codes of a [`scaled_path`] VRT's value range: `lo` is the first, `hi` the last.
pub const SCALED_CODES: std::ops::RangeInclusive<u8> = 1..=254;
/// The code of pixels without a class in a [`whole_numbers_path`] VRT (nodata, NaN).
pub const WHOLE_NODATA: u16 = 65535;

/// A VRT reading band 1 of `meta`'s raster as bytes: `lo..=hi` spread linearly over [`SCALED_CODES`] (values beyond
/// take the nearest end), nodata and NaN [`SCALED_NODATA`]. Made once per (source, range).
pub fn scaled_path(meta: &RasterMeta, lo: f64, hi: f64) -> Result<String, RasterError> {
    let (first, last) = (*SCALED_CODES.start(), *SCALED_CODES.end());
    let hi = if hi > lo { hi } else { lo + 1.0 };
    // GDAL's lookup table clamps beyond its ends and gives its first output to NaN (no comparison holds), so a first
    // point far below every value makes NaN the nodata code while values below `lo` round to the first code.
    let lut = format!("-1e300:{SCALED_NODATA},{lo}:{first},{hi}:{last}");
    let band = SourceBand { band: 1, lut: Some(lut), source_nodata: meta.nodata };
    let vrt = Vrt { data_type: "Byte", nodata: Some(SCALED_NODATA as f64), bands: vec![band] };
    made_once("scaled", &meta.path, &format!("{lo} {hi}"), |path| vrt.write(meta, path))
}

/// A VRT reading band 1 of `meta`'s raster (whole numbers of another type than Byte or UInt16) as 16-bit codes, each
/// value its own code. A nodata value that is a code itself stays; any other (NaN, -9999) becomes [`WHOLE_NODATA`].
pub fn whole_numbers_path(meta: &RasterMeta) -> Result<String, RasterError> {
    let is_code = |v: f64| v.fract() == 0.0 && (0.0..=WHOLE_NODATA as f64).contains(&v);
    let (nodata, source_nodata) = match meta.nodata {
        Some(v) if is_code(v) => (Some(v), None),
        Some(v) => (Some(WHOLE_NODATA as f64), Some(v)),
        None => (Some(WHOLE_NODATA as f64), None),
    };
    let band = SourceBand { band: 1, lut: None, source_nodata };
    let vrt = Vrt { data_type: "UInt16", nodata, bands: vec![band] };
    made_once("whole", &meta.path, "", |path| vrt.write(meta, path))
}

/// A VRT reading the first three bands (and a fourth, alpha, when `alpha`) of `meta`'s 16-bit imagery as bytes, each
/// band's `lo..=hi` stretched over 0..=255 (clamped).
pub fn rgb8_path(meta: &RasterMeta, stretch: [(f64, f64); 3], alpha: bool) -> Result<String, RasterError> {
    let mut bands: Vec<SourceBand> = stretch
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| {
            let hi = if hi > lo { hi } else { lo + 1.0 };
            SourceBand { band: i + 1, lut: Some(format!("{lo}:0,{hi}:255")), source_nodata: None }
        })
        .collect();
    if alpha {
        let (lo, hi) = (0.0, meta.dtype.max_code() as f64);
        bands.push(SourceBand { band: 4, lut: Some(format!("{lo}:0,{hi}:255")), source_nodata: None });
    }
    let vrt = Vrt { data_type: "Byte", nodata: None, bands };
    made_once("rgb8", &meta.path, &format!("{stretch:?} {alpha}"), |path| vrt.write(meta, path))
}

/// One output band: a band of the source, read through a lookup table when given, its nodata left out.
pub(super) struct SourceBand {
    pub band: usize,
    pub lut: Option<String>,
    pub source_nodata: Option<f64>,
}

/// A VRT on the grid of its source whose bands each read one source band.
pub(super) struct Vrt {
    pub data_type: &'static str,
    pub nodata: Option<f64>,
    pub bands: Vec<SourceBand>,
}

impl Vrt {
    /// Writes the VRT of `meta`'s raster at `path` (in GDAL's in-memory file system).
    pub fn write(&self, meta: &RasterMeta, path: &str) -> Result<(), RasterError> {
        let fail = |reason: String| RasterError::Unsupported { path: meta.path.clone(), reason };
        let Some(gt) = meta.geo_transform else { return Err(fail("it has no georeferencing".into())) };
        let source = escape(&super::remote::gdal_path(&meta.path));
        let (w, h) = meta.size;
        let srs = meta.crs_wkt.as_deref().map_or(String::new(), |w| format!("<SRS>{}</SRS>", escape(w)));
        let mut xml = format!(
            r#"<VRTDataset rasterXSize="{w}" rasterYSize="{h}">{srs}<GeoTransform>{}, {}, {}, {}, {}, {}</GeoTransform>"#,
            gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]
        );
        for (i, b) in self.bands.iter().enumerate() {
            let nodata = self.nodata.map_or(String::new(), |v| format!("<NoDataValue>{v}</NoDataValue>"));
            let source_nodata = b.source_nodata.map_or(String::new(), |v| format!("<NODATA>{}</NODATA>", number(v)));
            let lut = b.lut.as_ref().map_or(String::new(), |l| format!("<LUT>{l}</LUT>"));
            xml.push_str(&format!(
                r#"<VRTRasterBand dataType="{}" band="{}">{nodata}<ComplexSource><SourceFilename relativeToVRT="0">{source}</SourceFilename><SourceBand>{}</SourceBand><SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/><DstRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>{source_nodata}{lut}</ComplexSource></VRTRasterBand>"#,
                self.data_type,
                i + 1,
                b.band
            ));
        }
        xml.push_str("</VRTDataset>");
        init_gdal();
        gdal::vsi::create_mem_file(path, xml.into_bytes()).map_err(|e| fail(e.to_string()))
    }
}

/// A nodata value as GDAL reads it in a VRT (`nan` for NaN).
fn number(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else {
        v.to_string()
    }
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
