//! The stats worker: counts of a window, computed off the UI thread. Requests carry a generation; the UI keeps the
//! previous result until a newer one arrives, and a newer request cancels the count in progress.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crossbeam_channel::{bounded, Receiver, Sender};

use super::counts::{count_into, count_window, Counts};
use super::pairs::{count_pairs, PairCounts};
use super::progress::CountProgress;
use super::window::PixelWindow;
use crate::guard::catch_panic;
use crate::raster::{Aligned, Pixels};

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
    /// Count these pixels instead of reading `path`: the window of a level the viewer built in memory.
    pub pixels: Option<Arc<Pixels>>,
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

/// Counts what a request asks for with `threads` reader threads; `Ok(None)` when cancelled through `progress`.
pub type Counter = fn(&StatsRequest, usize, &CountProgress) -> Result<Option<StatsOutput>, String>;

/// The viewer's counter: classes of a window, or pairs with a second layer.
pub fn count_request(
    req: &StatsRequest,
    threads: usize,
    progress: &CountProgress,
) -> Result<Option<StatsOutput>, String> {
    let strip_rows = 512;
    if let Some(pixels) = &req.pixels {
        let mut counts = Counts::for_pixels(pixels);
        count_into(pixels, &mut counts);
        return Ok(Some(StatsOutput::Counts(counts)));
    }
    let counted = match &req.pair_with {
        None => count_window(&req.path, req.level, req.window, threads, strip_rows, progress)
            .map(|c| c.map(StatsOutput::Counts)),
        Some(other) => {
            count_pairs(&Aligned::as_is(req.path.as_str()), other, req.window, threads, strip_rows, progress)
                .map(|p| p.map(StatsOutput::Pairs))
        }
    };
    counted.map_err(|e| e.to_string())
}

pub struct StatsWorker {
    /// `None` once dropping: closing the channel ends the thread.
    requests: Option<Sender<StatsRequest>>,
    thread: Option<JoinHandle<()>>,
    results: Receiver<StatsResult>,
    generation: Arc<AtomicU64>,
    /// The count in progress and its number of rows.
    running: Arc<Mutex<(Arc<CountProgress>, u64)>>,
    busy: Arc<AtomicBool>,
}

impl StatsWorker {
    /// A worker thread counting with `threads` reader threads of its own.
    pub fn new(threads: usize) -> StatsWorker {
        StatsWorker::with_counter(threads, count_request)
    }

    /// A worker that counts with `counter` (tests give one that fails on purpose). A panic in it is caught and
    /// answered as an error, and the worker goes on with the next request.
    pub fn with_counter(threads: usize, counter: Counter) -> StatsWorker {
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
                // Looked at again after publishing the progress under the lock: a new generation stored before
                // `cancel_running` took the lock is seen here, and one stored after it cancelled this progress.
                if req.generation < gen.load(Ordering::Relaxed) {
                    continue;
                }
                working.store(true, Ordering::Relaxed);
                let counted = catch_panic("statistics worker", || counter(&req, threads, &progress))
                    .map_err(|panicked| format!("{}: {panicked}", req.path))
                    .and_then(|counted| counted);
                working.store(false, Ordering::Relaxed);
                let result = match counted {
                    Ok(Some(output)) => Ok(output),
                    Ok(None) => continue, // cancelled
                    Err(e) => Err(e),
                };
                if res_tx.send(StatsResult { request: req, result }).is_err() {
                    return;
                }
            }
        });
        let thread = spawned.map_err(|e| eprintln!("cannot start the statistics thread: {e}")).ok();
        StatsWorker { requests: Some(req_tx), thread, results: res_rx, generation, running, busy }
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
        self.requests.as_ref().is_some_and(|tx| tx.try_send(request).is_ok())
    }

    pub fn try_recv(&self) -> Option<StatsResult> {
        self.results.try_recv().ok()
    }
}

impl Drop for StatsWorker {
    /// Cancels the count in progress and waits for the thread (and its strip readers) to end, so a closed window
    /// or a test leaves no thread behind.
    fn drop(&mut self) {
        self.new_generation(u64::MAX);
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            while !thread.is_finished() {
                while self.results.try_recv().is_ok() {}
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let _ = thread.join();
        }
    }
}
