//! GDAL and nothing else: opening rasters, their metadata, levels (base and overviews), window reads,
//! coordinate transforms, writing fixture and demo files, and GDAL's process-wide configuration.
//!
//! No GDAL type leaves this folder: callers get plain data ([`RasterMeta`], [`Pixels`]) and small wrappers.

mod align;
mod aux_xml;
mod config;
mod error;
mod meta;
mod mosaic;
mod network_guard;
mod open;
mod read;
mod recode;
mod remap;
mod remote;
mod transform;
mod vat_dbf;
mod vsimem;
mod write;

pub use align::{resampled_path, Aligned, Grid};
pub use aux_xml::parse_attribute_table;
pub use config::init_gdal;
pub use error::RasterError;
pub use meta::{DataType, RasterMeta, RatRow};
pub use mosaic::mosaic_path;
pub use open::RasterFile;
pub use read::Pixels;
pub use recode::{rgb8_path, scaled_path, whole_numbers_path, SCALED_CODES, SCALED_NODATA, WHOLE_NODATA};
pub use remap::remapped_path;
pub use remote::is_url;
pub use transform::{north_angle, units_are_metres, Crs, Transformer, WGS84_EPSG};
pub use write::{write_cog, write_placements_vrt, CogSpec};
