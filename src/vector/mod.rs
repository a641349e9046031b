//! GDAL's vector API and nothing else: reading zones (polygons with a name) from GeoPackage, GeoJSON, Shapefile and
//! FlatGeobuf files in any CRS, reprojected to a raster's, and writing zones with their class areas back out.
//!
//! As in `raster/`, no GDAL type leaves this folder: callers get plain polygons in map coordinates.

mod error;
mod write;
mod zones;

pub use error::VectorError;
pub use write::{write_zones_gpkg, ZoneRecord};
pub use zones::{read_zones, Polygon, Zone, Zones};
