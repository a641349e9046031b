//! Reading a window in strips of rows on several threads: the scaffolding every exact count shares.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::progress::CountProgress;
use super::window::PixelWindow;
use crate::raster::RasterError;

/// Threads of a count run to its end (the command line, a figure): one per core.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Rows per strip of a parallel count of a raster whose blocks are `block_rows` high: whole blocks, about 512 rows.
pub fn strip_rows(block_rows: usize) -> usize {
    let block_rows = block_rows.max(1);
    block_rows * 512usize.div_ceil(block_rows)
}

/// Splits `window` into strips of `strip_rows` rows handed out to `threads` threads. Each thread calls `open` once
/// (its own GDAL handles: datasets must not be shared between threads) and folds its strips into its own
/// accumulator with `read_strip(handles, y, rows, accumulator)`; the accumulators are then combined with `merge`.
/// Progress counts rows; setting `progress.cancel` stops every thread at its next strip and gives `Ok(None)`.
/// The first error stops the others and is returned. `Ok(Some(None))`: an empty window.
pub fn in_parallel_strips<H, A: Send>(
    window: PixelWindow,
    threads: usize,
    strip_rows: usize,
    progress: &CountProgress,
    open: impl Fn() -> Result<H, RasterError> + Sync,
    read_strip: impl Fn(&H, usize, usize, &mut Option<A>) -> Result<(), RasterError> + Sync,
    merge: impl Fn(&mut A, A) + Sync,
) -> Result<Option<Option<A>>, RasterError> {
    let strip_rows = strip_rows.max(1);
    let strips = window.h.div_ceil(strip_rows);
    let next = AtomicUsize::new(0);
    let total: Mutex<Option<A>> = Mutex::new(None);
    let first_error: Mutex<Option<RasterError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, strips.max(1)) {
            scope.spawn(|| {
                let worker = || -> Result<(), RasterError> {
                    let handles = open()?;
                    let mut mine: Option<A> = None;
                    while !progress.cancel.load(Ordering::Relaxed) {
                        let s = next.fetch_add(1, Ordering::Relaxed);
                        if s >= strips {
                            break;
                        }
                        let y = window.y + s * strip_rows;
                        let h = strip_rows.min(window.y + window.h - y);
                        read_strip(&handles, y, h, &mut mine)?;
                        progress.rows_done.fetch_add(h as u64, Ordering::Relaxed);
                    }
                    if let Some(mine) = mine {
                        let mut total = total.lock().unwrap_or_else(|e| e.into_inner());
                        match total.as_mut() {
                            Some(t) => merge(t, mine),
                            None => *total = Some(mine),
                        }
                    }
                    Ok(())
                };
                if let Err(e) = worker() {
                    progress.cancel.store(true, Ordering::Relaxed);
                    first_error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    if progress.cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    Ok(Some(total.into_inner().unwrap_or_else(|e| e.into_inner())))
}
