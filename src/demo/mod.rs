//! The bundled demo tile set: a synthetic, product-shaped CLCplus Backbone 2023 tile (RAS, RASCL, RASDL, RASPL with
//! the real naming, colour tables, attribute table and overviews), made by [`generate`] and shipped in
//! `assets/demo/`. Every file carries the GDAL metadata item [`SYNTHETIC_KEY`], so the UI can say it is synthetic.

mod generate;

use std::path::PathBuf;

pub use generate::{generate_tileset, write_tileset, DemoLayer, TilesetSpec};

/// GDAL metadata item that marks the demo files as synthetic.
pub const SYNTHETIC_KEY: &str = "CLCPLUS_VIEWER_SYNTHETIC_DEMO";

/// Where the demo tile set is looked for, in order: `demo/` beside the executable, the installed share folder
/// (`../share/clcplus-viewer/demo` from the executable, then `/usr/share/clcplus-viewer/demo`), and the source
/// tree the binary was built from.
pub fn demo_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(PathBuf::from)) {
        dirs.push(exe_dir.join("demo"));
        dirs.push(exe_dir.join("../share/clcplus-viewer/demo"));
    }
    dirs.push(PathBuf::from("/usr/share/clcplus-viewer/demo"));
    dirs.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo")));
    dirs
}

/// The demo's raster files (sorted), from the first folder that holds them.
pub fn find_demo_files() -> Option<Vec<PathBuf>> {
    demo_dirs().into_iter().find_map(|dir| {
        let dir = dir.canonicalize().ok()?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tif"))
            .collect();
        files.sort();
        (!files.is_empty()).then_some(files)
    })
}
