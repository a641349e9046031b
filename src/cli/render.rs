use std::path::PathBuf;
use std::sync::Arc;

use super::args::{ChangeColour, CompareMode, RenderArgs};
use super::stack::{load_planned, load_stack};
use crate::figure::{make, write_png, Arrangement, Figure, FigureRequest};
use crate::product::clc_levels::at_level;
use crate::product::PlannedLayer;
use crate::render::{Offscreen, OverlayGeometry};
use crate::vector::read_zones;
use crate::view::{build_geometry, Camera, Session};
use crate::view::{ColourBy, LayerStack, PairKind};

/// GPU texture budget of the offscreen renderer.
const GPU_BUDGET: usize = 512 << 20;

pub fn run(args: &RenderArgs) -> bool {
    match render(args) {
        Ok((figure, all_inputs_used)) => {
            if let Err(e) = write_png(&args.out, &figure) {
                eprintln!("{e}");
                return false;
            }
            all_inputs_used
        }
        Err(e) => {
            eprintln!("render: {e}");
            false
        }
    }
}

/// The image, and whether every input could be used (messages for those that could not are printed).
fn render(args: &RenderArgs) -> Result<(Figure, bool), String> {
    if let Some(session) = &args.session {
        return render_session(args, session);
    }
    let a = load_stack(&args.paths, None, args.layer);
    // B is drawn in A's CRS: the same transform for both sides of a swipe.
    let map = a.stack.bottom().map(|l| Arc::clone(&l.info));
    let b = (!args.compare.is_empty()).then(|| load_stack(&args.compare, map.as_deref(), args.layer));
    for note in a.notes.iter().chain(b.iter().flat_map(|b| &b.notes)) {
        eprintln!("note: {note}");
    }
    let mut all_used = true;
    for e in a.errors.iter().chain(b.iter().flat_map(|b| &b.errors)) {
        eprintln!("{e}");
        all_used = false;
    }
    let extent = a.stack.extent().ok_or("none of the inputs could be used")?;
    let (mut panes, arrangement) = match b {
        None => (vec![a.stack], Arrangement::Single),
        Some(b) if b.stack.is_empty() => return Err("none of the --compare inputs could be used".into()),
        Some(b) => match args.mode {
            CompareMode::Swipe => {
                (vec![a.stack, b.stack], Arrangement::Swipe { split: args.split, horizontal: args.horizontal })
            }
            CompareMode::SideBySide => (vec![a.stack, b.stack], Arrangement::SideBySide),
            CompareMode::Change => (vec![change_stack(args, &a.stack, &b.stack)?], Arrangement::Single),
        },
    };
    let zones = zone_geometries(&args.zones, &panes)?;
    Ok((draw(args, &mut panes, arrangement, extent, None, zones)?, all_used))
}

/// The image of `panes` arranged as `arrangement`, fitting `extent` unless --center, --resolution or `camera` (a
/// session's) say otherwise.
fn draw(
    args: &RenderArgs,
    panes: &mut [LayerStack],
    arrangement: Arrangement,
    extent: [f64; 4],
    camera: Option<Camera>,
    zones: Vec<Arc<OverlayGeometry>>,
) -> Result<Figure, String> {
    let mut gpu = Offscreen::new(GPU_BUDGET).map_err(|e| e.to_string())?;
    let request = FigureRequest {
        panes,
        arrangement,
        size: args.size,
        extent: Some(extent),
        center: args.center.map(|(x, y)| [x, y]).or(camera.map(|c| c.center)),
        res: args.resolution.or(camera.map(|c| c.res)),
        furniture: args.legend || args.title.is_some(),
        title: args.title.clone(),
        zones,
    };
    make(&mut gpu, request)
}

/// One layer pairing the top layers of A (old) and B (new) as a change view.
fn change_stack(args: &RenderArgs, a: &LayerStack, b: &LayerStack) -> Result<LayerStack, String> {
    let (Some(top_a), Some(top_b)) = (a.layers.first(), b.layers.first()) else {
        return Err("none of the --compare inputs could be used".into());
    };
    let colour_by = match args.colour_by {
        ChangeColour::From => ColourBy::From,
        ChangeColour::To => ColourBy::To,
    };
    let mut change = LayerStack::default();
    let id = change.push_pair(Arc::clone(&top_a.info), Arc::clone(&top_b.info), PairKind::Change { colour_by })?;
    if let Some(note) = change.get_mut(id).and_then(|l| l.pair()).and_then(|p| p.note.clone()) {
        eprintln!("note: {note}");
    }
    Ok(change)
}

/// The view of the session at `path`: its layers drawn as it says (visibility, opacity, filters, styles, CORINE
/// levels), from its camera (unless --center or --resolution say otherwise), compared as it compares them (swipe or
/// side by side of stack A and the other stacks).
fn render_session(args: &RenderArgs, path: &std::path::Path) -> Result<(Figure, bool), String> {
    let session = Session::read(path)?;
    let planned: Vec<PlannedLayer> = session
        .layer_paths(path)
        .iter()
        .map(|paths| PlannedLayer {
            paths: paths.iter().map(|p| p.to_string_lossy().into_owned()).collect(),
            product: None,
        })
        .collect();
    let mut loaded = load_planned(&planned, None);
    for note in &loaded.notes {
        eprintln!("note: {note}");
    }
    let mut all_used = true;
    for e in &loaded.errors {
        eprintln!("{e}");
        all_used = false;
    }
    let extent = loaded.stack.extent().ok_or("none of the session's layers could be used")?;
    // Each layer as the session draws it; CORINE layers at their level.
    let mut stacks: Vec<usize> = Vec::new();
    for (i, &index) in loaded.planned_index.iter().enumerate() {
        let entry = &session.layers[index];
        stacks.push(entry.stack);
        let id = loaded.stack.layers[i].id;
        if entry.clc_level != 3 {
            let info = at_level(&loaded.stack.layers[i].info, entry.clc_level).map_err(|e| e.to_string())?;
            let build = loaded.stack.layers[i].source.build.clone();
            loaded.stack.replace(id, Arc::new(info), build);
        }
        let layer = &mut loaded.stack.layers[i];
        if let Some(style) = entry.imported_style() {
            layer.restyle(style);
        }
        entry.apply(layer);
    }
    let compare = session.compare.mode.as_str();
    let (mut panes, arrangement) = match compare {
        "swipe" | "side-by-side" if stacks.iter().any(|&s| s > 0) => {
            let mut b = LayerStack::default();
            let mut a = LayerStack::default();
            for (layer, stack) in loaded.stack.layers.into_iter().zip(&stacks) {
                if *stack == 0 {
                    a.layers.push(layer)
                } else {
                    b.layers.push(layer)
                }
            }
            let arrangement = match compare {
                "swipe" => {
                    Arrangement::Swipe { split: session.compare.split as f64, horizontal: session.compare.horizontal }
                }
                _ => Arrangement::SideBySide,
            };
            (vec![a, b], arrangement)
        }
        _ => (vec![loaded.stack], Arrangement::Single),
    };
    // The session's visible zone layers, then any --zones.
    let saved = session.zone_paths(path).into_iter().zip(&session.zones).filter(|(_, z)| z.visible).map(|(p, _)| p);
    let files: Vec<PathBuf> = saved.chain(args.zones.iter().cloned()).collect();
    let zones = zone_geometries(&files, &panes)?;
    Ok((draw(args, &mut panes, arrangement, extent, session.camera, zones)?, all_used))
}

/// The zones of `files` in the CRS of the first pane's bottom layer, ready for the GPU.
fn zone_geometries(files: &[PathBuf], panes: &[LayerStack]) -> Result<Vec<Arc<OverlayGeometry>>, String> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let bottom = panes.first().and_then(|p| p.bottom()).ok_or("none of the inputs could be used")?;
    let wkt = bottom.info.meta.crs_wkt.clone().filter(|w| !w.is_empty());
    let wkt = wkt.ok_or_else(|| format!("{}: has no CRS; zones cannot be placed", bottom.info.file_path()))?;
    files
        .iter()
        .map(|file| {
            let zones = read_zones(file, None, &wkt).map_err(|e| e.to_string())?;
            let features: Vec<_> = zones.zones.into_iter().map(|z| z.polygons).collect();
            Ok(Arc::new(build_geometry(&features)))
        })
        .collect()
}
