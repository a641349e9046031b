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

/// Where true north points at map point (x, y) of a CRS given as WKT, in degrees clockwise from the map's up (grid
/// convergence: not zero away from a projection's central meridian). `None` when the CRS cannot say.
pub fn north_angle(wkt: &str, x: f64, y: f64) -> Option<f64> {
    let to_geo = Transformer::from_wkt_to_epsg(wkt, WGS84_EPSG).ok()?;
    let from_geo = Transformer::new(&Crs::Epsg(WGS84_EPSG), &Crs::Wkt(wkt.to_string())).ok()?;
    let (lon, lat) = to_geo.transform(x, y)?;
    // A step north small enough to follow the meridian, kept clear of the pole.
    let step = if lat > 89.0 { -0.001 } else { 0.001 };
    let (nx, ny) = from_geo.transform(lon, lat + step)?;
    let (dx, dy) = ((nx - x) * step.signum(), (ny - y) * step.signum());
    (dx != 0.0 || dy != 0.0).then(|| dx.atan2(dy).to_degrees())
}

/// Whether a CRS given as WKT is projected with metres as its unit (a scale bar in metres is then true).
pub fn units_are_metres(wkt: &str) -> bool {
    init_gdal();
    gdal::spatial_ref::SpatialRef::from_wkt(wkt)
        .is_ok_and(|s| s.is_projected() && (s.linear_units() - 1.0).abs() < 1e-12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laea_wkt() -> String {
        init_gdal();
        gdal::spatial_ref::SpatialRef::from_epsg(3035).and_then(|s| s.to_wkt()).expect("EPSG:3035")
    }

    #[test]
    fn north_follows_grid_convergence() {
        let wkt = laea_wkt();
        let to_map = Transformer::new(&Crs::Epsg(WGS84_EPSG), &Crs::Wkt(wkt.clone())).expect("transform");
        // On the central meridian (10 E) north is up; at 20 E, 52 N it leans west by about 10 * sin(52) degrees.
        let (x, y) = to_map.transform(10.0, 52.0).expect("point");
        assert!(north_angle(&wkt, x, y).expect("angle").abs() < 1e-6);
        let (x, y) = to_map.transform(20.0, 52.0).expect("point");
        let angle = north_angle(&wkt, x, y).expect("angle");
        assert!((angle + 10.0 * 52f64.to_radians().sin()).abs() < 1.0, "{angle}");
        assert!(units_are_metres(&wkt));
    }
}
