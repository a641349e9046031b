use serde::Serialize;

/// Sample type of band 1, as the viewer groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DataType {
    Byte,
    UInt16,
    Int16,
    UInt32,
    Int32,
    Float32,
    Float64,
    Other,
}

impl DataType {
    pub fn name(self) -> &'static str {
        match self {
            DataType::Byte => "Byte",
            DataType::UInt16 => "UInt16",
            DataType::Int16 => "Int16",
            DataType::UInt32 => "UInt32",
            DataType::Int32 => "Int32",
            DataType::Float32 => "Float32",
            DataType::Float64 => "Float64",
            DataType::Other => "other",
        }
    }

    pub fn is_integer(self) -> bool {
        !matches!(self, DataType::Float32 | DataType::Float64 | DataType::Other)
    }

    /// The largest code a band of this type can hold (u32::MAX where it holds more than a code needs).
    pub fn max_code(self) -> u32 {
        match self {
            DataType::Byte => u8::MAX as u32,
            DataType::UInt16 => u16::MAX as u32,
            DataType::Int16 => i16::MAX as u32,
            _ => u32::MAX,
        }
    }
}

/// One row of a raster attribute table (from the file or its `.aux.xml`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatRow {
    pub value: i64,
    pub label: Option<String>,
    pub rgb: Option<[u8; 3]>,
}

/// What GDAL says about a raster file, as plain data that can cross threads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RasterMeta {
    pub path: String,
    pub driver: String,
    pub size: (usize, usize),
    pub band_count: usize,
    /// GDAL geotransform; `None` when the file has no georeferencing.
    pub geo_transform: Option<[f64; 6]>,
    pub epsg: Option<u32>,
    pub crs_wkt: Option<String>,
    pub dtype: DataType,
    pub nodata: Option<f64>,
    pub block_size: (usize, usize),
    /// Sizes (cols, rows) of the file's overviews, finest first.
    pub overviews: Vec<(usize, usize)>,
    /// The embedded colour table as RGBA, index = value.
    pub color_table: Option<Vec<[u8; 4]>>,
    pub attribute_table: Option<Vec<RatRow>>,
    /// The file says it is the viewer's synthetic demo (metadata item `CLCPLUS_VIEWER_SYNTHETIC_DEMO`).
    pub synthetic: bool,
}

impl RasterMeta {
    /// Extent as (xmin, ymin, xmax, ymax) in the file's CRS (pixel units when there is no georeferencing).
    pub fn extent(&self) -> [f64; 4] {
        let gt = self.geo_transform_or_pixels();
        let (w, h) = (self.size.0 as f64, self.size.1 as f64);
        let xs = [gt[0], gt[0] + w * gt[1] + h * gt[2]];
        let ys = [gt[3], gt[3] + w * gt[4] + h * gt[5]];
        [xs[0].min(xs[1]), ys[0].min(ys[1]), xs[0].max(xs[1]), ys[0].max(ys[1])]
    }

    /// The geotransform, or one that maps pixel (col, row) to (col, -row) when the file has none, so that north-up
    /// drawing still works in pixel coordinates.
    pub fn geo_transform_or_pixels(&self) -> [f64; 6] {
        self.geo_transform.unwrap_or([0.0, 1.0, 0.0, 0.0, 0.0, -1.0])
    }
}
