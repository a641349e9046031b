//! VRTs kept in GDAL's in-memory file system, made once per source and recipe: the aligned (warped) and remapped
//! (lookup) views of a file. A few per layer, so they are kept for the life of the process.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::RasterError;

fn made() -> &'static Mutex<HashMap<String, String>> {
    static MADE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    MADE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The path of the VRT of `kind` for `source` made by `recipe` (a text that tells recipes apart): `make` writes it
/// at the path it is given the first time, later calls return that path. Paths end with the source's file name, so
/// messages about them still name the file.
pub(super) fn made_once(
    kind: &str,
    source: &str,
    recipe: &str,
    make: impl FnOnce(&str) -> Result<(), RasterError>,
) -> Result<String, RasterError> {
    let key = format!("{kind}\n{source}\n{recipe}");
    // A poisoned lock only means another thread panicked while inserting; the map itself is still consistent.
    let mut made = made().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(path) = made.get(&key) {
        return Ok(path.clone());
    }
    let name = std::path::Path::new(source).file_name().map_or("layer".into(), |n| n.to_string_lossy());
    let path = format!("/vsimem/clcplus-viewer/{kind}/{}/{name}.vrt", made.len());
    make(&path)?;
    made.insert(key, path.clone());
    Ok(path)
}
