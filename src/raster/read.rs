use gdal::raster::{GdalType, RasterBand, ResampleAlg};

use super::meta::DataType;
use super::{RasterError, RasterFile};

/// Samples of a window, row-major. Integer rasters wider than 8 bits are read as `u16` (GDAL clamps values outside
/// 0..=65535), floating-point rasters as `f32`.
#[derive(Debug, Clone, PartialEq)]
pub enum Pixels {
    U8(Vec<u8>),
    U16(Vec<u16>),
    F32(Vec<f32>),
}

impl Pixels {
    pub fn len(&self) -> usize {
        match self {
            Pixels::U8(v) => v.len(),
            Pixels::U16(v) => v.len(),
            Pixels::F32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value at index `i` as `f64`.
    pub fn value(&self, i: usize) -> Option<f64> {
        match self {
            Pixels::U8(v) => v.get(i).map(|&x| x as f64),
            Pixels::U16(v) => v.get(i).map(|&x| x as f64),
            Pixels::F32(v) => v.get(i).map(|&x| x as f64),
        }
    }
}

impl RasterFile {
    /// Reads a window of one level at that level's own resolution: `level` 0 is the base, `k` the k-th overview.
    pub fn read_window(
        &self,
        level: usize,
        origin: (usize, usize),
        size: (usize, usize),
    ) -> Result<Pixels, RasterError> {
        let base = self.band()?;
        let band = if level == 0 { base } else { base.overview(level - 1).map_err(|e| self.gdal_error(e))? };
        self.read_band(&band, origin, size, size)
    }

    /// The base-level value at pixel (col, row); `None` outside the raster. GDAL's block cache makes repeated reads
    /// in one block cheap.
    pub fn read_pixel(&self, col: i64, row: i64) -> Result<Option<f64>, RasterError> {
        let band = self.band()?;
        let (w, h) = band.size();
        if col < 0 || row < 0 || col as usize >= w || row as usize >= h {
            return Ok(None);
        }
        let p = self.read_band(&band, (col as usize, row as usize), (1, 1), (1, 1))?;
        Ok(p.value(0))
    }

    /// Reads the whole base level decimated (nearest) to at most `max_dim` pixels a side; GDAL uses an overview when
    /// one fits. For a first look at the values a file holds, never for exact figures.
    pub fn read_decimated(&self, max_dim: usize) -> Result<(Pixels, (usize, usize)), RasterError> {
        let band = self.band()?;
        let (w, h) = band.size();
        let scale = (w.max(h) as f64 / max_dim.max(1) as f64).max(1.0);
        let out = (((w as f64 / scale).round() as usize).max(1), ((h as f64 / scale).round() as usize).max(1));
        Ok((self.read_band(&band, (0, 0), (w, h), out)?, out))
    }

    fn read_band(
        &self,
        band: &RasterBand<'_>,
        origin: (usize, usize),
        window: (usize, usize),
        out: (usize, usize),
    ) -> Result<Pixels, RasterError> {
        let (w, h) = band.size();
        if origin.0 + window.0 > w || origin.1 + window.1 > h {
            return Err(self.read_error(format!(
                "window {}x{} at ({}, {}) is outside the {w}x{h} level",
                window.0, window.1, origin.0, origin.1
            )));
        }
        let dtype = self.meta_dtype(band);
        Ok(match dtype {
            DataType::Byte => Pixels::U8(self.read_typed(band, origin, window, out)?),
            DataType::Float32 | DataType::Float64 => Pixels::F32(self.read_typed(band, origin, window, out)?),
            _ => Pixels::U16(self.read_typed(band, origin, window, out)?),
        })
    }

    fn meta_dtype(&self, band: &RasterBand<'_>) -> DataType {
        use gdal::raster::GdalDataType as G;
        match band.band_type() {
            G::UInt8 => DataType::Byte,
            G::Float32 => DataType::Float32,
            G::Float64 => DataType::Float64,
            _ => DataType::UInt16,
        }
    }

    fn read_typed<T: Copy + GdalType>(
        &self,
        band: &RasterBand<'_>,
        origin: (usize, usize),
        window: (usize, usize),
        out: (usize, usize),
    ) -> Result<Vec<T>, RasterError> {
        let buf = band
            .read_as::<T>((origin.0 as isize, origin.1 as isize), window, out, Some(ResampleAlg::NearestNeighbour))
            .map_err(|e| self.gdal_error(e))?;
        Ok(buf.into_shape_and_vec().1)
    }
}
