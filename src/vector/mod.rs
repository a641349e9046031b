//! GDAL's vector API and nothing else: reading zones (polygons with a name) from GeoPackage, GeoJSON, Shapefile and
//! FlatGeobuf files in any CRS, reprojected to a raster's, writing zones with their class areas back out, and reading
//! accuracy samples (points with a reference label).
//!
//! As in `raster/`, no GDAL type leaves this folder: callers get plain polygons in map coordinates.

mod error;
mod open;
mod samples;
mod write;
mod zones;

pub use error::VectorError;
pub use samples::{has_samples_layer, read_samples, write_label, SamplePoint, Samples, SAMPLES_LAYER};
pub use write::{write_samples_gpkg, write_zones_gpkg, ZoneRecord};
pub use zones::{read_zones, Polygon, Zone, Zones};
