use std::path::Path;

use gdal::raster::GdalDataType;
use gdal::{Dataset, Metadata};

use super::meta::{DataType, RasterMeta};
use super::{init_gdal, RasterError};

/// An open raster. Not `Sync`: GDAL datasets must not be shared between threads, so every thread that reads opens
/// its own `RasterFile`.
pub struct RasterFile {
    path: String,
    pub(super) ds: Dataset,
}

impl RasterFile {
    /// Opens read-only. Paths may be GDAL virtual paths (`/vsimem/...`) or `http(s)://` URLs (read with range
    /// requests; messages name the URL as given).
    pub fn open(path: impl AsRef<Path>) -> Result<RasterFile, RasterError> {
        init_gdal();
        let path_ref = path.as_ref();
        let path = path_ref.to_string_lossy().into_owned();
        let remote = super::remote::is_url(&path);
        if !path.starts_with("/vsi") && !remote {
            let md = std::fs::metadata(path_ref)
                .map_err(|e| RasterError::Open { path: path.clone(), reason: missing_or(e) })?;
            if md.is_dir() {
                return Err(RasterError::Open { path, reason: "is a folder, not a raster file".into() });
            }
            if md.len() == 0 {
                return Err(RasterError::Open { path, reason: "the file is empty (0 bytes)".into() });
            }
            super::network_guard::refuse_network_sources(path_ref)
                .map_err(|reason| RasterError::Unsupported { path: path.clone(), reason })?;
        }
        let ds = if remote {
            super::config::take_gdal_errors();
            // GDAL_OF_VERBOSE_ERROR: without it /vsicurl/ keeps the HTTP status of a failed open to itself.
            let options = gdal::DatasetOptions {
                open_flags: gdal::GdalOpenFlags::GDAL_OF_RASTER
                    | gdal::GdalOpenFlags::GDAL_OF_READONLY
                    | gdal::GdalOpenFlags::GDAL_OF_VERBOSE_ERROR,
                ..Default::default()
            };
            Dataset::open_ex(super::remote::gdal_path(&path), options).map_err(|e| {
                let mut messages = super::config::take_gdal_errors();
                messages.extend(gdal_message(&e));
                RasterError::Open { path: path.clone(), reason: super::remote::explain(&messages) }
            })?
        } else {
            // Rasters only: a GeoPackage of zones is not a layer to draw as an image.
            let options = gdal::DatasetOptions {
                open_flags: gdal::GdalOpenFlags::GDAL_OF_RASTER | gdal::GdalOpenFlags::GDAL_OF_READONLY,
                ..Default::default()
            };
            Dataset::open_ex(path_ref, options).map_err(|e| {
                super::config::take_gdal_errors();
                RasterError::Open { path: path.clone(), reason: open_failure(&e) }
            })?
        };
        if ds.raster_count() == 0 {
            return Err(RasterError::Unsupported { path, reason: "the file has no raster band".into() });
        }
        Ok(RasterFile { path, ds })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub(super) fn band(&self) -> Result<gdal::raster::RasterBand<'_>, RasterError> {
        self.ds.rasterband(1).map_err(|e| self.gdal_error(e))
    }

    pub(super) fn read_error(&self, e: impl std::fmt::Display) -> RasterError {
        RasterError::Read { path: self.path.clone(), reason: e.to_string() }
    }

    /// A failed GDAL call, with GDAL's own message when it gave one (a VRT's missing source, a truncated tile).
    pub(super) fn gdal_error(&self, e: gdal::errors::GdalError) -> RasterError {
        let message = gdal_message(&e).unwrap_or_else(|| e.to_string());
        // Taken whatever the path, so that the messages of this failure never explain a later one.
        let mut messages = super::config::take_gdal_errors();
        match super::remote::is_url(&self.path) {
            true => {
                messages.push(message);
                self.read_error(super::remote::explain(&messages))
            }
            false => self.read_error(message),
        }
    }

    /// Everything the viewer needs to know about the file, read once.
    pub fn meta(&self) -> Result<RasterMeta, RasterError> {
        let band = self.band()?;
        let geo_transform = self.ds.geo_transform().ok().filter(|gt| *gt != [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        if let Some(gt) = geo_transform {
            if gt[2] != 0.0 || gt[4] != 0.0 {
                return Err(RasterError::Unsupported {
                    path: self.path.clone(),
                    reason: "rotated or sheared rasters are not supported".into(),
                });
            }
        }
        let (epsg, crs_wkt) = match self.ds.spatial_ref() {
            Ok(mut srs) => {
                let epsg = match srs.auth_name().as_deref() {
                    Some("EPSG") => srs.auth_code().ok(),
                    _ => srs.auto_identify_epsg().ok().and_then(|_| srs.auth_code().ok()),
                };
                (epsg.and_then(|c| u32::try_from(c).ok()), srs.to_wkt().ok())
            }
            Err(_) => (None, None),
        };
        let overview_count = band.overview_count().unwrap_or(0).max(0) as usize;
        let overviews = (0..overview_count).filter_map(|i| band.overview(i).ok().map(|o| o.size())).collect();
        let color_table = band.color_table().map(|ct| {
            (0..ct.entry_count())
                .map(|i| {
                    ct.entry_as_rgb(i)
                        .map(|c| [clamp_u8(c.r), clamp_u8(c.g), clamp_u8(c.b), clamp_u8(c.a)])
                        .unwrap_or([0, 0, 0, 0])
                })
                .collect()
        });
        Ok(RasterMeta {
            path: self.path.clone(),
            driver: self.ds.driver().short_name(),
            size: self.ds.raster_size(),
            band_count: self.ds.raster_count(),
            geo_transform,
            epsg,
            crs_wkt,
            dtype: data_type(band.band_type()),
            nodata: band.no_data_value(),
            block_size: band.block_size(),
            overviews,
            color_table,
            attribute_table: super::aux_xml::read_sidecar_table(&super::remote::gdal_path(&self.path)),
            synthetic: self.ds.metadata_item(crate::demo::SYNTHETIC_KEY, "").is_some(),
        })
    }
}

/// Why a file cannot be looked at: a missing one may have been there a moment ago (a layer whose file was deleted
/// or moved while open), so the message says so.
fn missing_or(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the file is not there (deleted, moved or renamed?)".into(),
        _ => e.to_string(),
    }
}

/// Why GDAL could not open a file, in words: its own message when it gave one (a VRT's missing source, a damaged
/// TIFF header), else that the file is not a raster it knows.
fn open_failure(e: &gdal::errors::GdalError) -> String {
    match gdal_message(e) {
        Some(message) => format!("not a raster file GDAL can read: {message}"),
        None => "not a raster file GDAL can read (a GeoTIFF or VRT is expected)".into(),
    }
}

/// GDAL's own message of an error, without the error class and number that mean nothing to a user.
fn gdal_message(e: &gdal::errors::GdalError) -> Option<String> {
    let msg = match e {
        gdal::errors::GdalError::NullPointer { msg, .. } | gdal::errors::GdalError::CplError { msg, .. } => msg.trim(),
        _ => return None,
    };
    (!msg.is_empty()).then(|| msg.to_string())
}

fn clamp_u8(v: i16) -> u8 {
    v.clamp(0, 255) as u8
}

fn data_type(t: GdalDataType) -> DataType {
    match t {
        GdalDataType::UInt8 => DataType::Byte,
        GdalDataType::UInt16 => DataType::UInt16,
        GdalDataType::Int16 => DataType::Int16,
        GdalDataType::UInt32 => DataType::UInt32,
        GdalDataType::Int32 => DataType::Int32,
        GdalDataType::Float32 => DataType::Float32,
        GdalDataType::Float64 => DataType::Float64,
        _ => DataType::Other,
    }
}
