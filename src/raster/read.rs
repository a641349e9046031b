use gdal::raster::{GdalType, RasterBand, ResampleAlg};

use super::meta::DataType;
use super::{RasterError, RasterFile};

/// Samples of a window, row-major. Integer rasters wider than 8 bits are read as `u16` (GDAL clamps values outside
/// 0..=65535), floating-point rasters as `f32`, colour imagery as RGBA bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pixels {
    U8(Vec<u8>),
    U16(Vec<u16>),
    F32(Vec<f32>),
    /// Four bytes a pixel: red, green, blue, alpha.
    Rgba(Vec<u8>),
}

impl Pixels {
    pub fn len(&self) -> usize {
        match self {
            Pixels::U8(v) => v.len(),
            Pixels::U16(v) => v.len(),
            Pixels::F32(v) => v.len(),
            Pixels::Rgba(v) => v.len() / 4,
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
            // A colour, not a value.
            Pixels::Rgba(_) => None,
        }
    }
}

impl Pixels {
    /// The window `size` at `origin` of these samples, rows of `cols` samples each.
    pub fn crop(&self, cols: usize, origin: (usize, usize), size: (usize, usize)) -> Pixels {
        fn rows<T: Copy>(v: &[T], per_px: usize, cols: usize, origin: (usize, usize), size: (usize, usize)) -> Vec<T> {
            (origin.1..origin.1 + size.1)
                .flat_map(|r| &v[(r * cols + origin.0) * per_px..(r * cols + origin.0 + size.0) * per_px])
                .copied()
                .collect()
        }
        match self {
            Pixels::U8(v) => Pixels::U8(rows(v, 1, cols, origin, size)),
            Pixels::U16(v) => Pixels::U16(rows(v, 1, cols, origin, size)),
            Pixels::F32(v) => Pixels::F32(rows(v, 1, cols, origin, size)),
            Pixels::Rgba(v) => Pixels::Rgba(rows(v, 4, cols, origin, size)),
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

    /// The base-level value at pixel (col, row), exactly as stored (read as `f64`); `None` outside the raster.
    /// GDAL's block cache makes repeated reads in one block cheap.
    pub fn read_pixel(&self, col: i64, row: i64) -> Result<Option<f64>, RasterError> {
        let band = self.band()?;
        let (w, h) = band.size();
        if col < 0 || row < 0 || col as usize >= w || row as usize >= h {
            return Ok(None);
        }
        let v: Vec<f64> = self.read_typed(&band, (col as usize, row as usize), (1, 1), (1, 1))?;
        Ok(v.first().copied())
    }

    /// The base-level values of every band at pixel (col, row) (colour imagery); `None` outside the raster.
    pub fn read_pixel_bands(&self, col: i64, row: i64) -> Result<Option<Vec<f64>>, RasterError> {
        let (w, h) = self.ds.raster_size();
        if col < 0 || row < 0 || col as usize >= w || row as usize >= h {
            return Ok(None);
        }
        let mut out = Vec::new();
        for b in 1..=self.ds.raster_count() {
            let band = self.ds.rasterband(b).map_err(|e| self.gdal_error(e))?;
            let v: Vec<f64> = self.read_typed(&band, (col as usize, row as usize), (1, 1), (1, 1))?;
            out.extend(v);
        }
        Ok(Some(out))
    }

    /// A window of one level of colour imagery as RGBA bytes: bands 1-3, and band 4 as alpha when there is one
    /// (else opaque). Pixels whose three colour bands all hold the band's nodata value are transparent.
    pub fn read_rgba(&self, level: usize, origin: (usize, usize), size: (usize, usize)) -> Result<Pixels, RasterError> {
        let n = size.0 * size.1;
        let mut out = vec![255u8; n * 4];
        let mut no_data = vec![0u8; n];
        let bands = self.ds.raster_count().min(4);
        for b in 1..=bands {
            let base = self.ds.rasterband(b).map_err(|e| self.gdal_error(e))?;
            let nodata = base.no_data_value();
            let band = if level == 0 { base } else { base.overview(level - 1).map_err(|e| self.gdal_error(e))? };
            let values: Vec<u8> = self.read_typed(&band, origin, size, size)?;
            for (i, &v) in values.iter().enumerate() {
                out[i * 4 + b - 1] = v;
                if b <= 3 && nodata == Some(v as f64) {
                    no_data[i] += 1;
                }
            }
        }
        for (i, &n) in no_data.iter().enumerate() {
            if n == 3 {
                out[i * 4 + 3] = 0;
            }
        }
        Ok(Pixels::Rgba(out))
    }

    /// The samples of band `band` (1 is the first) over the whole raster, decimated (nearest) to at most `max_dim`
    /// pixels a side, as `f64`: a first look at the values of any sample type (GDAL uses an overview when one fits).
    pub fn read_decimated_values(&self, band: usize, max_dim: usize) -> Result<Vec<f64>, RasterError> {
        let band = self.ds.rasterband(band).map_err(|e| self.gdal_error(e))?;
        let (w, h) = band.size();
        let scale = (w.max(h) as f64 / max_dim.max(1) as f64).max(1.0);
        let out = (((w as f64 / scale).round() as usize).max(1), ((h as f64 / scale).round() as usize).max(1));
        self.read_typed(&band, (0, 0), (w, h), out)
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

    /// Rows `rows` (start, end) of the whole raster resampled (nearest) to `out` (cols, rows) pixels, as one read of
    /// the whole raster at that size would give them (`gdal_translate -outsize`): GDAL samples a floating-point
    /// window of the base and picks the overview that serves it. Reading a coarse level in strips keeps memory and
    /// time per call bounded (progress, cancel). Byte rasters are read as `u8`, other integers as `u16`.
    pub fn read_resampled_rows(&self, out: (usize, usize), rows: (usize, usize)) -> Result<Pixels, RasterError> {
        let band = self.band()?;
        let (w, h) = band.size();
        let (r0, r1) = rows;
        if out.0 == 0 || out.1 == 0 || r0 >= r1 || r1 > out.1 {
            return Err(self.read_error(format!("rows {r0}..{r1} of a {}x{} resampling", out.0, out.1)));
        }
        let scale = h as f64 / out.1 as f64;
        let (y0, y1) = (r0 as f64 * scale, (r1 as f64 * scale).min(h as f64));
        let window = (y0.floor() as usize, (y1.ceil() as usize).min(h));
        let n = out.0 * (r1 - r0);
        let byte = band.band_type() == gdal::raster::GdalDataType::UInt8;
        let (mut u8s, mut u16s) = (Vec::new(), Vec::new());
        let (buffer, data_type) = if byte {
            u8s = vec![0u8; n];
            (u8s.as_mut_ptr().cast::<std::ffi::c_void>(), gdal_sys::GDALDataType::GDT_Byte)
        } else {
            u16s = vec![0u16; n];
            (u16s.as_mut_ptr().cast::<std::ffi::c_void>(), gdal_sys::GDALDataType::GDT_UInt16)
        };
        let mut extra = gdal_sys::GDALRasterIOExtraArg {
            nVersion: 1,
            eResampleAlg: gdal_sys::GDALRIOResampleAlg::GRIORA_NearestNeighbour,
            pfnProgress: None,
            pProgressData: std::ptr::null_mut(),
            bFloatingPointWindowValidity: 1,
            dfXOff: 0.0,
            dfYOff: y0,
            dfXSize: w as f64,
            dfYSize: y1 - y0,
        };
        let to_int = |v: usize| i32::try_from(v).map_err(|_| self.read_error("the raster is too large to read"));
        // SAFETY: the buffer holds `out.0 * (r1 - r0)` samples of the type passed, with default pixel and line
        // spacing; the integer window lies inside the band (checked above) and contains the floating-point one.
        let err = unsafe {
            gdal_sys::GDALRasterIOEx(
                band.c_rasterband(),
                gdal_sys::GDALRWFlag::GF_Read,
                0,
                to_int(window.0)?,
                to_int(w)?,
                to_int(window.1 - window.0)?,
                buffer,
                to_int(out.0)?,
                to_int(r1 - r0)?,
                data_type,
                0,
                0,
                &mut extra,
            )
        };
        if err != gdal_sys::CPLErr::CE_None {
            let reason = super::config::take_gdal_errors().pop().unwrap_or_else(|| "GDAL could not read".into());
            return Err(self.read_error(reason));
        }
        Ok(if byte { Pixels::U8(u8s) } else { Pixels::U16(u16s) })
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
