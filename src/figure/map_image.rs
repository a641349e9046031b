//! The map part of an image: one stack, or two composed as a swipe or side by side, drawn offscreen through the same
//! frame planner, loader pool and GPU pipeline as the window, waiting for every tile instead of drawing stand-ins.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use crate::pyramid::{LoaderPool, TileCache, TileError, TileKey, TileRequest};
use crate::render::{DrawList, Offscreen, OverlayGeometry};
use crate::view::{plan_frame, zone_overlay, Camera, LayerStack};

/// How two stacks share the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arrangement {
    /// The first stack only.
    Single,
    /// The first stack before the divider at `split` (a fraction of the width, or of the height when `horizontal`),
    /// the second from it on; one camera for both.
    Swipe { split: f64, horizontal: bool },
    /// The first stack in the left half, the second in the right, the same camera in each.
    SideBySide,
}

impl Arrangement {
    /// The size of one pane of an image of `size`: a half for side by side.
    pub fn pane_size(self, (w, h): (u32, u32)) -> (u32, u32) {
        match self {
            Arrangement::SideBySide => (w / 2, h),
            _ => (w, h),
        }
    }
}

/// Draws `panes` with `camera` (fitted to [`Arrangement::pane_size`]) into RGBA pixels of `size`, with `zones`
/// outlined over each.
pub fn draw_map(
    gpu: &mut Offscreen,
    panes: &mut [LayerStack],
    camera: &Camera,
    arrangement: Arrangement,
    size: (u32, u32),
    zones: &[Arc<OverlayGeometry>],
) -> Result<Vec<u8>, String> {
    let (w, h) = size;
    let (first, second) = match panes {
        [first] => (first, None),
        [first, second, ..] => (first, Some(second)),
        [] => return Err("nothing to draw".into()),
    };
    match (arrangement, second) {
        (Arrangement::Single, _) | (_, None) => draw(gpu, camera, size, first, zones),
        (Arrangement::Swipe { split, horizontal }, Some(second)) => {
            let a = draw(gpu, camera, size, first, zones)?;
            let b = draw(gpu, camera, size, second, zones)?;
            Ok(swipe(&a, &b, size, split, horizontal))
        }
        (Arrangement::SideBySide, Some(second)) => {
            let (wa, wb) = (w / 2, w - w / 2);
            if wa == 0 {
                return Err("side-by-side needs an image at least 2 pixels wide".into());
            }
            let a = draw(gpu, camera, (wa, h), first, zones)?;
            let b = draw(gpu, camera, (wb, h), second, zones)?;
            Ok(side_by_side(&a, wa, &b, wb, h))
        }
    }
}

fn draw(
    gpu: &mut Offscreen,
    camera: &Camera,
    size: (u32, u32),
    stack: &mut LayerStack,
    zones: &[Arc<OverlayGeometry>],
) -> Result<Vec<u8>, String> {
    let px = [size.0 as f64, size.1 as f64];
    let mut list = draw_list_with_all_tiles(camera, px, stack)?;
    // Outlines only: a figure's land cover stays unveiled. The geometry's address is its id on the GPU.
    let none = Arc::new(Vec::new());
    list.overlays =
        zones.iter().map(|g| zone_overlay(Arc::as_ptr(g) as u64, g, camera, px, false, none.clone())).collect();
    gpu.render(&list).map_err(|e| e.to_string())
}

/// Plans the frame, loads every tile of the levels it draws through the loader pool (no coarser stand-ins: the
/// picture is complete), and returns the complete draw list.
fn draw_list_with_all_tiles(camera: &Camera, size: [f64; 2], stack: &mut LayerStack) -> Result<DrawList, String> {
    let pool = LoaderPool::new(crate::stats::all_cores(), 256);
    let mut cache = TileCache::new(usize::MAX);
    for _round in 0..3 {
        let plan = plan_frame(camera, size, stack, &mut cache, 0);
        if plan.wanted.is_empty() {
            return Ok(plan.list);
        }
        let mut queue: VecDeque<TileRequest> = plan.wanted.into();
        let mut waiting: HashMap<TileKey, TileRequest> = HashMap::new();
        while !queue.is_empty() || !waiting.is_empty() {
            while let Some(req) = queue.pop_front() {
                if !pool.request(req.clone()) {
                    queue.push_front(req);
                    break;
                }
                waiting.insert(req.key, req);
            }
            let loaded = pool.recv_timeout(Duration::from_secs(120)).ok_or("reading tiles timed out")?;
            let Some(req) = waiting.remove(&loaded.key) else { continue };
            match loaded.result {
                Ok(tile) => cache.insert(loaded.key, tile),
                // Too many requests at once: asked again.
                Err(TileError::Dropped) => queue.push_back(req),
                Err(TileError::Failed(e)) => return Err(e),
            }
        }
    }
    Ok(plan_frame(camera, size, stack, &mut cache, 0).list)
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
