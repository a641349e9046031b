//! GDAL's process-wide settings, applied once before the first dataset is opened.

use std::sync::Once;

/// Registers the drivers and bounds GDAL's memory. Safe to call many times.
pub fn init_gdal() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // Peak memory stays bounded whatever the zoom: GDAL's block cache is capped explicitly (DESIGN.md "Memory").
        let settings = [
            ("GDAL_CACHEMAX", "256"),
            // GDAL's auxiliary files off: it can then never write an `.aux.xml` beside a data file. The attribute
            // tables CLMS ships in such sidecars are read by `aux_xml` instead.
            ("GDAL_PAM_ENABLED", "NO"),
            ("GDAL_NUM_THREADS", "1"),
            // No Python code inside VRT files.
            ("GDAL_VRT_ENABLE_PYTHON", "NO"),
        ];
        for (key, value) in settings {
            // Only fails for keys with an interior NUL, which these constants do not have.
            let _ = gdal::config::set_config_option(key, value);
        }
        for (key, value) in super::remote::HTTP_SETTINGS.iter().chain(&ENVIRONMENT_MAY_CHANGE) {
            if std::env::var_os(key).is_none() {
                let _ = gdal::config::set_config_option(key, value);
            }
        }
        // Errors reach the user through our own messages (each names the file); GDAL's default handler would also
        // print them to stderr, twice for one failure. They are kept per thread for `take_gdal_errors`.
        gdal::config::set_error_handler(|class, _code, msg| {
            if matches!(class, gdal::errors::CplErrType::Failure | gdal::errors::CplErrType::Fatal) {
                RECENT_ERRORS.with(|errors| {
                    let mut errors = errors.borrow_mut();
                    if errors.len() == MAX_RECENT_ERRORS {
                        errors.remove(0);
                    }
                    errors.push(msg.trim().to_string());
                });
            }
        });
        gdal::DriverManager::register_all();
        keep_only_needed_drivers();
    });
}

/// Settings the environment may override. A mosaic's tiles are opened when a read needs them and kept in GDAL's pool
/// of open datasets: 897 tiles of Europe cost at most this many open files at once, whatever the view.
const ENVIRONMENT_MAY_CHANGE: [(&str, &str); 1] = [("GDAL_MAX_DATASET_POOL_SIZE", "64")];

/// How many of a thread's latest GDAL failures are kept.
const MAX_RECENT_ERRORS: usize = 8;

thread_local! {
    /// GDAL's failure messages raised on this thread, oldest first. A failed open over HTTP reports the cause
    /// ("HTTP response code: 404") in one message and returns with another or none, so the whole series is needed.
    static RECENT_ERRORS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The GDAL failure messages raised on this thread since the last call, oldest first.
pub(super) fn take_gdal_errors() -> Vec<String> {
    RECENT_ERRORS.with(|errors| std::mem::take(&mut *errors.borrow_mut()))
}

/// The GDAL drivers the viewer uses: GeoTIFF (COG is how fixtures and the demo are written), VRT (mosaics, and the
/// warped and lookup VRTs it makes) and MEM for rasters; GeoPackage, GeoJSON, Shapefile and FlatGeobuf for zones.
/// Every other driver is removed, so a file of any other format, or one crafted to look like it, reaches no parser
/// beyond these.
const NEEDED_DRIVERS: [&str; 8] = ["GTiff", "COG", "VRT", "MEM", "GPKG", "GeoJSON", "ESRI Shapefile", "FlatGeobuf"];

fn keep_only_needed_drivers() {
    // SAFETY: called once, under `INIT`, before any dataset is opened; driver handles come from GDAL's own list and
    // each is deregistered and destroyed once, after the list has been read.
    unsafe {
        let count = gdal_sys::GDALGetDriverCount();
        let unneeded: Vec<gdal_sys::GDALDriverH> = (0..count)
            .map(|i| gdal_sys::GDALGetDriver(i))
            .filter(|&d| {
                let name = gdal_sys::GDALGetDriverShortName(d);
                !name.is_null()
                    && !NEEDED_DRIVERS.iter().any(|n| std::ffi::CStr::from_ptr(name).to_bytes() == n.as_bytes())
            })
            .collect();
        for driver in unneeded {
            gdal_sys::GDALDeregisterDriver(driver);
            gdal_sys::GDALDestroyDriver(driver);
        }
    }
}
