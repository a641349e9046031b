//! The stats worker: counts of a window, computed off the UI thread. Requests carry a generation; the UI keeps the
//! previous result until a newer one arrives, and a newer request cancels the count in progress.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{bounded, Receiver, Sender};

use super::counts::{count_window, CountProgress, Counts};
use super::pairs::{count_pairs, PairCounts};
use super::window::PixelWindow;
use crate::raster::Aligned;

#[derive(Debug, Clone)]
pub struct StatsRequest {
    pub generation: u64,
    pub layer_id: u32,
    pub path: String,
    /// 0 = the base (exact), N = the N-th overview (approximate).
    pub level: usize,
    pub window: PixelWindow,
    /// Count pairs with this second layer instead (base level only), read on the grid of `path`.
    pub pair_with: Option<Aligned>,
}

/// What a request counted.
#[derive(Debug)]
pub enum StatsOutput {
    Counts(Counts),
    Pairs(PairCounts),
}

#[derive(Debug)]
pub struct StatsResult {
    pub request: StatsRequest,
    pub result: Result<StatsOutput, String>,
}

pub struct StatsWorker {
    requests: Sender<StatsRequest>,
    results: Receiver<StatsResult>,
    generation: Arc<AtomicU64>,
    /// The count in progress and its number of rows.
    running: Arc<Mutex<(Arc<CountProgress>, u64)>>,
    busy: Arc<AtomicBool>,
}

impl StatsWorker {
    /// A worker thread counting with `threads` reader threads of its own.
    pub fn new(threads: usize) -> StatsWorker {
        let (req_tx, req_rx) = bounded::<StatsRequest>(64);
        let (res_tx, res_rx) = bounded::<StatsResult>(64);
        let generation = Arc::new(AtomicU64::new(0));
        let running = Arc::new(Mutex::new((Arc::new(CountProgress::default()), 0)));
        let busy = Arc::new(AtomicBool::new(false));
        let (gen, run, working) = (Arc::clone(&generation), Arc::clone(&running), Arc::clone(&busy));
        let spawned = std::thread::Builder::new().name("stats".into()).spawn(move || {
            for req in req_rx {
                if req.generation < gen.load(Ordering::Relaxed) {
                    continue;
                }
                let progress = Arc::new(CountProgress::default());
                *run.lock().unwrap_or_else(|e| e.into_inner()) = (Arc::clone(&progress), req.window.h as u64);
                working.store(true, Ordering::Relaxed);
                let strip_rows = 512;
                let counted = match &req.pair_with {
                    None => count_window(&req.path, req.level, req.window, threads, strip_rows, &progress)
                        .map(|c| c.map(StatsOutput::Counts)),
                    Some(other) => count_pairs(
                        &Aligned::as_is(req.path.as_str()),
                        other,
                        req.window,
                        threads,
                        strip_rows,
                        &progress,
                    )
                    .map(|p| p.map(StatsOutput::Pairs)),
                };
                working.store(false, Ordering::Relaxed);
                let result = match counted {
                    Ok(Some(output)) => Ok(output),
                    Ok(None) => continue, // cancelled
                    Err(e) => Err(e.to_string()),
                };
                if res_tx.send(StatsResult { request: req, result }).is_err() {
                    return;
                }
            }
        });
        if let Err(e) = spawned {
            eprintln!("cannot start the statistics thread: {e}");
        }
        StatsWorker { requests: req_tx, results: res_rx, generation, running, busy }
    }

    /// Starts a new generation: requests of older ones are skipped and the count in progress is cancelled.
    pub fn new_generation(&self, generation: u64) {
        self.generation.store(generation, Ordering::Relaxed);
        self.cancel_running();
    }

    /// Stops the count in progress (its result is never sent).
    pub fn cancel_running(&self) {
        self.running.lock().unwrap_or_else(|e| e.into_inner()).0.cancel.store(true, Ordering::Relaxed);
    }

    /// The progress 0..=1 of the count in progress, if one runs.
    pub fn progress(&self) -> Option<f32> {
        if !self.busy.load(Ordering::Relaxed) {
            return None;
        }
        let run = self.running.lock().unwrap_or_else(|e| e.into_inner());
        Some((run.0.rows_done.load(Ordering::Relaxed) as f32 / run.1.max(1) as f32).min(1.0))
    }

    /// Queues a request; `false` when the queue is full.
    pub fn request(&self, request: StatsRequest) -> bool {
        self.requests.try_send(request).is_ok()
    }

    pub fn try_recv(&self) -> Option<StatsResult> {
        self.results.try_recv().ok()
    }
}
