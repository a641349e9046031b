//! The stats worker: counts of a window, computed off the UI thread. Requests carry a generation; the UI keeps the
//! previous result until a newer one arrives, and a newer request cancels the count in progress.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crossbeam_channel::{bounded, Receiver, Sender, TrySendError};

use super::counts::{count_window, CountProgress, Counts};
use super::window::PixelWindow;

#[derive(Debug, Clone)]
pub struct StatsRequest {
    pub generation: u64,
    pub layer_id: u32,
    pub path: String,
    /// 0 = the base (exact), N = the N-th overview (approximate).
    pub level: usize,
    pub window: PixelWindow,
}

#[derive(Debug)]
pub struct StatsResult {
    pub request: StatsRequest,
    pub result: Result<Counts, String>,
}

pub struct StatsWorker {
    requests: Sender<StatsRequest>,
    results: Receiver<StatsResult>,
    generation: Arc<AtomicU64>,
    running: Arc<Mutex<Arc<CountProgress>>>,
}

impl StatsWorker {
    /// A worker thread counting with `threads` reader threads of its own.
    pub fn new(threads: usize) -> StatsWorker {
        let (req_tx, req_rx) = bounded::<StatsRequest>(64);
        let (res_tx, res_rx) = bounded::<StatsResult>(64);
        let generation = Arc::new(AtomicU64::new(0));
        let running = Arc::new(Mutex::new(Arc::new(CountProgress::default())));
        let (gen, run) = (Arc::clone(&generation), Arc::clone(&running));
        let spawned = std::thread::Builder::new().name("stats".into()).spawn(move || {
            for req in req_rx {
                if req.generation < gen.load(Ordering::Relaxed) {
                    continue;
                }
                let progress = Arc::new(CountProgress::default());
                *run.lock().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&progress);
                let strip_rows = 512;
                let result = match count_window(&req.path, req.level, req.window, threads, strip_rows, &progress) {
                    Ok(Some(counts)) => Ok(counts),
                    Ok(None) => continue, // cancelled by a newer request
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
        StatsWorker { requests: req_tx, results: res_rx, generation, running }
    }

    /// Starts a new generation: requests of older ones are skipped and the count in progress is cancelled.
    pub fn new_generation(&self, generation: u64) {
        self.generation.store(generation, Ordering::Relaxed);
        self.running.lock().unwrap_or_else(|e| e.into_inner()).cancel.store(true, Ordering::Relaxed);
    }

    /// Queues a request; `false` when the queue is full.
    pub fn request(&self, request: StatsRequest) -> bool {
        !matches!(self.requests.try_send(request), Err(TrySendError::Full(_) | TrySendError::Disconnected(_)))
    }

    pub fn try_recv(&self) -> Option<StatsResult> {
        self.results.try_recv().ok()
    }

    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<StatsResult> {
        self.results.recv_timeout(timeout).ok()
    }
}
