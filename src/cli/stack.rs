//! Loading layers for subcommands: the same planning (folders, mosaics of tiles), identify, reprojection and layer
//! stack as the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::product::{identify_planned, plan_layers, reproject, FolderOrder, LayerChoice, LayerInfo, PlannedLayer};
use crate::pyramid::{coarse_sizes_for, PyramidBuild, COARSE_ABOVE_PX};
use crate::view::LayerStack;

pub struct LoadedStack {
    pub stack: LayerStack,
    /// For each layer of the stack (top first), the index of the planned layer it was opened from.
    pub planned_index: Vec<usize>,
    /// One message per path that could not be used (it names the file and the reason).
    pub errors: Vec<String>,
    /// What was done to use a path: reprojected into the map's CRS.
    pub notes: Vec<String>,
}

/// The layers `paths` make (a folder or several tiles of one product layer and year are one mosaic layer), the
/// first on top, only those `choice` picks when given; `Err` when `choice` picks none.
pub fn planned_layers(paths: &[PathBuf], choice: Option<LayerChoice>) -> (Vec<PlannedLayer>, Vec<String>) {
    let (layers, mut errors) = plan_layers(paths, FolderOrder::TopFirst);
    let Some(choice) = choice else { return (layers, errors) };
    let available: Vec<String> = layers.iter().map(|l| l.describe()).collect();
    let picked: Vec<PlannedLayer> = layers.into_iter().filter(|l| l.matches(&choice)).collect();
    if picked.is_empty() {
        let given: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        errors.push(crate::text::no_such_layer(&given.join(", "), &choice_text(&choice), &available));
    }
    (picked, errors)
}

/// The one layer `path` makes: a file, a VRT, or a folder (or mosaic) holding one product layer and year, or the one
/// `choice` picks. `Err` names the path and, when it holds several layers, the choices.
pub fn open_one(path: &Path, choice: Option<LayerChoice>) -> Result<LayerInfo, String> {
    let (layers, errors) = planned_layers(&[path.to_path_buf()], choice);
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    match layers.as_slice() {
        [one] => identify_planned(one).map_err(|e| e.to_string()),
        [] => Err(crate::text::folder_without_rasters(&path.display().to_string())),
        several => {
            let choices: Vec<String> = several.iter().map(|l| l.describe()).collect();
            let example = several.iter().find_map(|l| l.product.as_ref()).map(|p| {
                let year = p.year.map_or(String::new(), |y| format!(":{y}"));
                format!("{}{year}", p.layer.canonical())
            });
            Err(crate::text::several_layers(&path.display().to_string(), &choices, example.as_deref()))
        }
    }
}

fn choice_text(choice: &LayerChoice) -> String {
    match choice.year {
        Some(y) => format!("{}:{y}", choice.layer.canonical()),
        None => choice.layer.canonical().to_string(),
    }
}

/// Identifies the layers of `paths` (see [`planned_layers`]) and stacks them, the first on top. The map's CRS is
/// that of `map` when given, else that of the first usable layer; layers in another CRS are reprojected on the fly
/// into it (and `notes` say so), or refused when they cannot be. Layers that need their own pyramid get it built
/// here.
pub fn load_stack(paths: &[PathBuf], map: Option<&LayerInfo>, choice: Option<LayerChoice>) -> LoadedStack {
    let (planned, errors) = planned_layers(paths, choice);
    let mut loaded = load_planned(&planned, map);
    loaded.errors.splice(0..0, errors);
    loaded
}

/// [`load_stack`] of layers already planned (a session's), the first on top.
pub fn load_planned(planned: &[PlannedLayer], map: Option<&LayerInfo>) -> LoadedStack {
    let mut errors = Vec::new();
    let mut infos: Vec<(usize, Arc<LayerInfo>)> = Vec::new();
    let mut notes = Vec::new();
    for (index, layer) in planned.iter().enumerate() {
        let info = match identify_planned(layer) {
            Ok(info) => info,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let Some(map) = map.or(infos.first().map(|(_, i)| i.as_ref())) else {
            infos.push((index, Arc::new(info)));
            continue;
        };
        match map.crs_mismatch(&info).map(|_| reproject(&info, map)) {
            None => infos.push((index, Arc::new(info))),
            Some(Ok(moved)) => {
                notes.extend(moved.reprojection_note().map(|n| format!("{}: {n}", moved.file_path())));
                infos.push((index, Arc::new(moved)));
            }
            Some(Err(e)) => errors.push(e.to_string()),
        }
    }
    let mut stack = LayerStack::default();
    let mut planned_index = Vec::new();
    for (index, info) in infos.into_iter().rev() {
        let coarse = coarse_sizes_for(&info.meta);
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
        } else if !coarse.is_empty() {
            // Coarse levels built before (by the window) are used. A raster whose own levels are all far finer than
            // any picture (a continent without overviews) gets them now: reading it once at a coarse size costs what
            // one picture of it would.
            let coarsest = info.meta.overviews.last().copied().unwrap_or(info.meta.size);
            match PyramidBuild::cached_coarse(&info.path, coarse.clone()) {
                Some(cached) => Some(cached),
                None if coarsest.0.max(coarsest.1) > 2 * COARSE_ABOVE_PX => {
                    match PyramidBuild::build_coarse(&info.path, coarse) {
                        Ok(built) => Some(built),
                        Err(e) => {
                            errors.push(e.to_string());
                            continue;
                        }
                    }
                }
                None => None,
            }
        } else {
            None
        };
        stack.push_top(info, build);
        planned_index.insert(0, index);
    }
    LoadedStack { stack, planned_index, errors, notes }
}
