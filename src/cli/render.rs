use std::sync::Arc;

use super::args::{ChangeColour, CompareMode, RenderArgs};
use super::stack::load_stack;
use crate::figure::{make, write_png, Arrangement, Figure, FigureRequest};
use crate::render::Offscreen;
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
    let mut gpu = Offscreen::new(GPU_BUDGET).map_err(|e| e.to_string())?;
    let request = FigureRequest {
        panes: &mut panes,
        arrangement,
        size: args.size,
        extent: Some(extent),
        center: args.center.map(|(x, y)| [x, y]),
        res: args.resolution,
        furniture: args.legend || args.title.is_some(),
        title: args.title.clone(),
    };
    Ok((make(&mut gpu, request)?, all_used))
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
