use gdal::spatial_ref::{AxisMappingStrategy, CoordTransform, SpatialRef};

use super::{init_gdal, RasterError};

pub const WGS84_EPSG: u32 = 4326;

/// A coordinate reference system, as a file gives it (WKT) or a user names it (EPSG code).
#[derive(Debug, Clone, PartialEq)]
pub enum Crs {
    Epsg(u32),
    Wkt(String),
}

/// A coordinate transform between two CRSs, both in traditional GIS axis order (x = easting or longitude, as
/// `gdallocationinfo -wgs84` takes them). Creating one reads no raster, so it may live on the UI thread; not `Send`.
pub struct Transformer {
    inner: CoordTransform,
}

impl Transformer {
    pub fn new(from: &Crs, to: &Crs) -> Result<Transformer, RasterError> {
        init_gdal();
        let err = |e: gdal::errors::GdalError| RasterError::Transform(e.to_string());
        let srs = |crs: &Crs| -> Result<SpatialRef, RasterError> {
            let mut s = match crs {
                Crs::Epsg(code) => SpatialRef::from_epsg(*code).map_err(err)?,
                Crs::Wkt(wkt) => SpatialRef::from_wkt(wkt).map_err(err)?,
            };
            s.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
            Ok(s)
        };
        Ok(Transformer { inner: CoordTransform::new(&srs(from)?, &srs(to)?).map_err(err)? })
    }

    /// From a CRS given as WKT (what [`super::RasterMeta::crs_wkt`] holds) to an EPSG code.
    pub fn from_wkt_to_epsg(wkt: &str, epsg: u32) -> Result<Transformer, RasterError> {
        Transformer::new(&Crs::Wkt(wkt.to_string()), &Crs::Epsg(epsg))
    }

    /// Transforms one point; `None` where the point has no image in the target CRS.
    pub fn transform(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let (mut xs, mut ys, mut zs) = ([x], [y], [0.0]);
        self.inner.transform_coords(&mut xs, &mut ys, &mut zs).ok()?;
        (xs[0].is_finite() && ys[0].is_finite()).then_some((xs[0], ys[0]))
    }
}
