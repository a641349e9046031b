//! Loading layers and their tiles synchronously, for subcommands: the same identify, layer stack, frame planner and
//! loader pool as the window, but waiting for the tiles instead of drawing stand-ins.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::product::{identify, reproject, LayerInfo};
use crate::pyramid::{LoaderPool, PyramidBuild, TileCache};
use crate::render::DrawList;
use crate::view::{plan_frame, Camera, LayerStack};

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

/// Plans the frame, loads every tile it needs through the loader pool, and returns the complete draw list.
pub fn draw_list_with_all_tiles(camera: &Camera, size: [f64; 2], stack: &mut LayerStack) -> Result<DrawList, String> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let pool = LoaderPool::new(workers, 256);
    let mut cache = TileCache::new(usize::MAX);
    for _round in 0..3 {
        let plan = plan_frame(camera, size, stack, &mut cache, 0);
        if plan.wanted.is_empty() {
            return Ok(plan.list);
        }
        let mut pending = plan.wanted.len();
        let mut queue = plan.wanted.into_iter();
        let mut next = queue.next();
        while pending > 0 {
            while let Some(req) = next.take() {
                if pool.request(req.clone()) {
                    next = queue.next();
                } else {
                    next = Some(req);
                    break;
                }
            }
            let loaded = pool.recv_timeout(Duration::from_secs(120)).ok_or("reading tiles timed out")?;
            pending -= 1;
            cache.insert(loaded.key, loaded.result?);
        }
    }
    Ok(plan_frame(camera, size, stack, &mut cache, 0).list)
}
