//! GDAL's process-wide settings, applied once before the first dataset is opened.

use std::sync::Once;

/// Registers the drivers and bounds GDAL's memory. Safe to call many times.
pub fn init_gdal() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // Peak memory stays bounded whatever the zoom: GDAL's block cache is capped explicitly (DESIGN.md "Memory").
        let settings = [
            ("GDAL_CACHEMAX", "256"),
            // PAM stays on because attribute tables are read from `.aux.xml` sidecars. Nothing here ever marks a
            // dataset dirty (no statistics, histograms or metadata setters), so GDAL writes nothing beside the data.
            ("GDAL_PAM_ENABLED", "YES"),
            ("GDAL_NUM_THREADS", "1"),
            // No Python code inside VRT files.
            ("GDAL_VRT_ENABLE_PYTHON", "NO"),
        ];
        for (key, value) in settings {
            // Only fails for keys with an interior NUL, which these constants do not have.
            let _ = gdal::config::set_config_option(key, value);
        }
        // Errors reach the user through our own messages (each names the file); GDAL's default handler would also
        // print them to stderr, twice for one failure.
        gdal::config::set_error_handler(|_class, _code, _msg| {});
        gdal::DriverManager::register_all();
    });
}
