use gdal::spatial_ref::{AxisMappingStrategy, CoordTransform, SpatialRef};

use super::{init_gdal, RasterError};

pub const WGS84_EPSG: u32 = 4326;

/// A coordinate transform between two CRSs, both in traditional GIS axis order (x = easting or longitude).
/// Creating one reads no raster, so it may live on the UI thread; it is not `Send`.
pub struct Transformer {
    inner: CoordTransform,
}

impl Transformer {
    /// From a CRS given as WKT (what [`super::RasterMeta::crs_wkt`] holds) to an EPSG code.
    pub fn from_wkt_to_epsg(wkt: &str, epsg: u32) -> Result<Transformer, RasterError> {
        init_gdal();
        let err = |e: gdal::errors::GdalError| RasterError::Transform(e.to_string());
        let mut src = SpatialRef::from_wkt(wkt).map_err(err)?;
        let mut dst = SpatialRef::from_epsg(epsg).map_err(err)?;
        src.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
        dst.set_axis_mapping_strategy(AxisMappingStrategy::TraditionalGisOrder);
        Ok(Transformer { inner: CoordTransform::new(&src, &dst).map_err(err)? })
    }

    /// Transforms one point; `None` where the point has no image in the target CRS.
    pub fn transform(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let (mut xs, mut ys, mut zs) = ([x], [y], [0.0]);
        self.inner.transform_coords(&mut xs, &mut ys, &mut zs).ok()?;
        (xs[0].is_finite() && ys[0].is_finite()).then_some((xs[0], ys[0]))
    }
}
