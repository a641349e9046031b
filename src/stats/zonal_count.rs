//! The class sums of many zones over one raster, from its base level: zones are handed out to threads, each with its
//! own GDAL handle, and each zone reads only the pixels of its bounding box, in bands of rows.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::progress::CountProgress;
use super::zonal::{cover_rows, tally, Rule, ZoneShape};
use crate::raster::{RasterError, RasterFile};

/// The most pixels read and covered at once per thread.
const BAND_PIXELS: usize = 1 << 22;

/// For each zone (in pixel coordinates of the base level of `path`), the sum of its cover per value:
/// `sums[zone][value]`, nodata left out; empty for a zone outside the raster. `Ok(None)` when cancelled.
pub fn count_zones(
    path: &str,
    shapes: &[ZoneShape],
    rule: Rule,
    nodata: Option<u32>,
    threads: usize,
    progress: &CountProgress,
) -> Result<Option<Vec<Vec<f64>>>, RasterError> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Vec<f64>>> = Mutex::new(vec![Vec::new(); shapes.len()]);
    let first_error: Mutex<Option<RasterError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, shapes.len().max(1)) {
            scope.spawn(|| {
                let run = || -> Result<(), RasterError> {
                    let file = RasterFile::open(path)?;
                    let (cols, rows) = file.meta()?.size;
                    let mut cover = Vec::new();
                    loop {
                        let stop = progress.cancel.load(Ordering::Relaxed);
                        let failed = first_error.lock().map_or(true, |e| e.is_some());
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if stop || failed || i >= shapes.len() {
                            return Ok(());
                        }
                        let sums = zone_sums(&file, &shapes[i], rule, nodata, (cols, rows), &mut cover)?;
                        if let Ok(mut r) = results.lock() {
                            r[i] = sums;
                        }
                        progress.rows_done.fetch_add(1, Ordering::Relaxed);
                    }
                };
                if let Err(e) = run() {
                    if let Ok(mut first) = first_error.lock() {
                        first.get_or_insert(e);
                    }
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    if progress.cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    Ok(Some(results.into_inner().unwrap_or_default()))
}

/// One zone's sums: its bounding box read in bands of rows, each band's cover computed and tallied.
fn zone_sums(
    file: &RasterFile,
    shape: &ZoneShape,
    rule: Rule,
    nodata: Option<u32>,
    size: (usize, usize),
    cover: &mut Vec<f64>,
) -> Result<Vec<f64>, RasterError> {
    let mut sums = Vec::new();
    let Some((x, y, w, h)) = shape.pixel_bounds(size.0, size.1) else { return Ok(sums) };
    let local = shape.shifted(x as f64, y as f64);
    let band_rows = (BAND_PIXELS / w).clamp(1, h);
    let mut top = 0;
    while top < h {
        let rows = band_rows.min(h - top);
        cover_rows(&local, rule, w, top..top + rows, cover);
        if cover.iter().any(|&c| c > 0.0) {
            let values = file.read_window(0, (x, y + top), (w, rows))?;
            tally(&values, cover, nodata, &mut sums);
        }
        top += rows;
    }
    Ok(sums)
}
