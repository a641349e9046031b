//! Loading layers for subcommands: the same identify, reprojection and layer stack as the window.

use std::path::PathBuf;
use std::sync::Arc;

use crate::product::{identify, reproject, LayerInfo};
use crate::pyramid::PyramidBuild;
use crate::view::LayerStack;

pub struct LoadedStack {
    pub stack: LayerStack,
    /// One message per path that could not be used (it names the file and the reason).
    pub errors: Vec<String>,
    /// What was done to use a path: reprojected into the map's CRS.
    pub notes: Vec<String>,
}

/// Identifies `paths` and stacks them, the first on top. The map's CRS is that of `map` when given, else that of the
/// first usable file; files in another CRS are reprojected on the fly into it (and `notes` say so), or refused when
/// they cannot be. Files that need their own pyramid get it built here.
pub fn load_stack(paths: &[PathBuf], map: Option<&LayerInfo>) -> LoadedStack {
    let mut infos: Vec<Arc<LayerInfo>> = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    for path in paths {
        let info = match identify(path) {
            Ok(info) => info,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let Some(map) = map.or(infos.first().map(|i| i.as_ref())) else {
            infos.push(Arc::new(info));
            continue;
        };
        match map.crs_mismatch(&info).map(|_| reproject(&info, map)) {
            None => infos.push(Arc::new(info)),
            Some(Ok(moved)) => {
                notes.extend(moved.reprojection_note().map(|n| format!("{}: {n}", moved.file_path())));
                infos.push(Arc::new(moved));
            }
            Some(Err(e)) => errors.push(e.to_string()),
        }
    }
    let mut stack = LayerStack::default();
    for info in infos.into_iter().rev() {
        let build = if info.overviews.needs_own_pyramid() {
            let build = Arc::new(PyramidBuild::default());
            match build.run(&info.path) {
                Ok(p) => build.finish(Ok(Arc::new(p))),
                Err(e) => {
                    errors.push(e.to_string());
                    continue;
                }
            }
            Some(build)
        } else {
            None
        };
        stack.push_top(info, build);
    }
    LoadedStack { stack, errors, notes }
}
