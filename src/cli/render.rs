use std::io::BufWriter;
use std::sync::Arc;

use super::args::{ChangeColour, CompareMode, RenderArgs};
use super::stack::{draw_list_with_all_tiles, load_stack};
use crate::render::Offscreen;
use crate::view::{Camera, ColourBy, LayerStack, PairKind};

/// GPU texture budget of the offscreen renderer.
const GPU_BUDGET: usize = 512 << 20;

pub fn run(args: &RenderArgs) -> bool {
    match render(args) {
        Ok((rgba, all_inputs_used)) => {
            if let Err(e) = write_png(&args.out, args.size, &rgba) {
                eprintln!("{}: cannot write the PNG: {e}", args.out.display());
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

/// The image's RGBA pixels, and whether every input could be used (messages for those that could not are printed).
fn render(args: &RenderArgs) -> Result<(Vec<u8>, bool), String> {
    let mut a = load_stack(&args.paths, None);
    // B is drawn in A's CRS: the same transform for both sides of a swipe.
    let map = a.stack.bottom().map(|l| Arc::clone(&l.info));
    let mut b = (!args.compare.is_empty()).then(|| load_stack(&args.compare, map.as_deref()));
    for note in a.notes.iter().chain(b.iter().flat_map(|b| &b.notes)) {
        eprintln!("note: {note}");
    }
    let mut all_used = true;
    for e in a.errors.iter().chain(b.iter().flat_map(|b| &b.errors)) {
        eprintln!("{e}");
        all_used = false;
    }
    let extent = a.stack.extent().ok_or("none of the inputs could be used")?;
    let (w, h) = args.size;
    let mut gpu = Offscreen::new(GPU_BUDGET).map_err(|e| e.to_string())?;
    let Some(b) = b.as_mut() else {
        let camera = camera(args, extent, (w, h))?;
        return Ok((draw(&mut gpu, &camera, (w, h), &mut a.stack)?, all_used));
    };
    let (Some(top_a), Some(top_b)) = (a.stack.layers.first(), b.stack.layers.first()) else {
        return Err("none of the --compare inputs could be used".into());
    };
    let rgba = match args.mode {
        CompareMode::Swipe => {
            let camera = camera(args, extent, (w, h))?;
            let left = draw(&mut gpu, &camera, (w, h), &mut a.stack)?;
            let right = draw(&mut gpu, &camera, (w, h), &mut b.stack)?;
            swipe(&left, &right, (w, h), args.split, args.horizontal)
        }
        CompareMode::SideBySide => {
            let (wa, wb) = (w / 2, w - w / 2);
            if wa == 0 {
                return Err("side-by-side needs an image at least 2 pixels wide".into());
            }
            // Both halves show the same place at the same scale: the camera fitted to one half.
            let camera = camera(args, extent, (wa, h))?;
            let left = draw(&mut gpu, &camera, (wa, h), &mut a.stack)?;
            let right = draw(&mut gpu, &camera, (wb, h), &mut b.stack)?;
            side_by_side(&left, wa, &right, wb, h)
        }
        CompareMode::Change => {
            let mut change = LayerStack::default();
            let colour_by = match args.colour_by {
                ChangeColour::From => ColourBy::From,
                ChangeColour::To => ColourBy::To,
            };
            let kind = PairKind::Change { colour_by };
            let id = change.push_pair(Arc::clone(&top_a.info), Arc::clone(&top_b.info), kind)?;
            if let Some(note) = change.get_mut(id).and_then(|l| l.pair()).and_then(|p| p.note.clone()) {
                eprintln!("note: {note}");
            }
            let camera = camera(args, extent, (w, h))?;
            draw(&mut gpu, &camera, (w, h), &mut change)?
        }
    };
    Ok((rgba, all_used))
}

/// The camera of `--center` and `--resolution`, by default fitting `extent` into an image of `size`.
fn camera(args: &RenderArgs, extent: [f64; 4], size: (u32, u32)) -> Result<Camera, String> {
    let mut camera = Camera::fit(extent, [size.0 as f64, size.1 as f64]);
    if let Some((x, y)) = args.center {
        camera.center = [x, y];
    }
    if let Some(res) = args.resolution {
        if !(res.is_finite() && res > 0.0) {
            return Err("--resolution must be a positive number of map units per pixel".into());
        }
        camera.res = res;
    }
    Ok(camera)
}

fn draw(gpu: &mut Offscreen, camera: &Camera, size: (u32, u32), stack: &mut LayerStack) -> Result<Vec<u8>, String> {
    let list = draw_list_with_all_tiles(camera, [size.0 as f64, size.1 as f64], stack)?;
    gpu.render(&list).map_err(|e| e.to_string())
}

/// `a` before the divider at `split` (a fraction of the width, or of the height when `horizontal`), `b` from it on.
/// Both images were drawn with one camera, so the two sides line up pixel for pixel.
fn swipe(a: &[u8], b: &[u8], (w, h): (u32, u32), split: f64, horizontal: bool) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let at = ((if horizontal { h } else { w }) as f64 * split).round() as usize;
    let mut out = a.to_vec();
    for y in 0..h {
        let first_b = if horizontal {
            if y < at {
                w
            } else {
                0
            }
        } else {
            at.min(w)
        };
        let row = y * w * 4;
        out[row + first_b * 4..row + w * 4].copy_from_slice(&b[row + first_b * 4..row + w * 4]);
    }
    out
}

/// `a` (`wa` wide) and `b` (`wb` wide) next to each other.
fn side_by_side(a: &[u8], wa: u32, b: &[u8], wb: u32, h: u32) -> Vec<u8> {
    let (wa, wb) = (wa as usize * 4, wb as usize * 4);
    let mut out = Vec::with_capacity((wa + wb) * h as usize);
    for y in 0..h as usize {
        out.extend_from_slice(&a[y * wa..(y + 1) * wa]);
        out.extend_from_slice(&b[y * wb..(y + 1) * wb]);
    }
    out
}

/// Writes RGBA8 pixels as a PNG, with the attribution the CLMS terms require as a text chunk.
pub fn write_png(path: &std::path::Path, size: (u32, u32), rgba: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::create(path)?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), size.0, size.1);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.add_text_chunk("Source".into(), ATTRIBUTION.into())?;
    encoder.add_text_chunk("Software".into(), format!("clcplus-viewer {}", env!("CARGO_PKG_VERSION")))?;
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(())
}

/// The CLMS attribution (DESIGN.md "Facts that shape the code").
pub const ATTRIBUTION: &str = "Generated using European Union's Copernicus Land Monitoring Service information";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swipe_and_side_by_side_compose_by_columns_or_rows() {
        let px = |v: u8| [v, v, v, 255];
        let a: Vec<u8> = (0..4 * 2).flat_map(|_| px(1)).collect();
        let b: Vec<u8> = (0..4 * 2).flat_map(|_| px(2)).collect();
        let first = |img: &[u8]| img.chunks(4).map(|p| p[0]).collect::<Vec<_>>();
        assert_eq!(first(&swipe(&a, &b, (4, 2), 0.25, false)), [1, 2, 2, 2, 1, 2, 2, 2]);
        assert_eq!(first(&swipe(&a, &b, (4, 2), 0.5, true)), [1, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(first(&swipe(&a, &b, (4, 2), 1.0, false)), [1; 8]);
        let (a2, b2) = (&a[..2 * 2 * 4], &b[..2 * 2 * 4]);
        assert_eq!(first(&side_by_side(a2, 2, b2, 2, 2)), [1, 1, 2, 2, 1, 1, 2, 2]);
    }
}
