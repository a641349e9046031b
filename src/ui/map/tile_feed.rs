//! The window's side of tile loading: the loader pool, the CPU tile cache, which tiles were asked for and not
//! answered yet, and which failed. Every request is answered (read, failed or dropped), so "nothing in flight" means
//! the view is complete; failed reads are tried again a few times with growing pauses (a network hiccup), then left.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::pyramid::{LoaderPool, TileCache, TileError, TileKey, TileRequest};
use crate::text;

/// Reads of one tile before it is given up.
const MAX_ATTEMPTS: u32 = 3;
/// The pause before the second read; each further pause is four times longer.
const FIRST_RETRY: Duration = Duration::from_secs(1);

/// A tile whose read failed.
struct Failure {
    attempts: u32,
    retry_at: Instant,
}

pub struct TileFeed {
    pub(in crate::ui) cache: TileCache,
    pub(in crate::ui) pool: LoaderPool,
    /// Tiles asked for and not answered yet, with the camera generation they were asked for.
    in_flight: HashMap<TileKey, u64>,
    failed: HashMap<TileKey, Failure>,
    /// The earliest retry of a tile the last frames wanted, when one waits.
    next_retry: Option<Instant>,
}

impl TileFeed {
    /// A feed keeping `cache_bytes` of decoded tiles, reading through `pool`.
    pub fn new(cache_bytes: usize, pool: LoaderPool) -> TileFeed {
        TileFeed {
            cache: TileCache::new(cache_bytes),
            pool,
            in_flight: HashMap::new(),
            failed: HashMap::new(),
            next_retry: None,
        }
    }

    /// Starts a frame: tiles used from now on are kept, whichever view uses them.
    pub fn next_frame(&mut self) {
        self.cache.next_frame();
        self.next_retry = None;
    }

    /// A new camera generation: requests of older ones are dropped by the loader (and answered as dropped, after
    /// which what is still visible is asked for again).
    pub fn set_generation(&mut self, generation: u64) {
        self.pool.set_generation(generation);
    }

    /// Asks for `requests` (least urgent first) not asked for already and not failed for good (or waiting for a
    /// retry); a full queue refuses the rest, which the next frame asks for again.
    pub fn request(&mut self, requests: impl IntoIterator<Item = TileRequest>, generation: u64) {
        let now = Instant::now();
        for request in requests {
            if self.in_flight.contains_key(&request.key) {
                continue;
            }
            if let Some(f) = self.failed.get(&request.key) {
                if f.attempts >= MAX_ATTEMPTS {
                    continue;
                }
                if f.retry_at > now {
                    self.next_retry = Some(self.next_retry.map_or(f.retry_at, |t| t.min(f.retry_at)));
                    continue;
                }
            }
            let key = request.key;
            if self.pool.request(request) {
                self.in_flight.insert(key, generation);
            }
        }
    }

    /// Takes the loader's answers; returns a message for the first failure of each layer.
    pub fn receive(&mut self) -> Vec<String> {
        let mut messages = Vec::new();
        while let Some(loaded) = self.pool.try_recv() {
            let key = loaded.key;
            match loaded.result {
                Ok(tile) => {
                    self.in_flight.remove(&key);
                    self.failed.remove(&key);
                    self.cache.insert(key, tile);
                }
                // Only the answer to the latest request of this tile ends its wait.
                Err(TileError::Dropped) => {
                    if self.in_flight.get(&key) == Some(&loaded.generation) {
                        self.in_flight.remove(&key);
                    }
                }
                Err(TileError::Failed(e)) => {
                    self.in_flight.remove(&key);
                    let first_of_layer = !self.failed.keys().any(|k| k.layer == key.layer);
                    let f = self.failed.entry(key).or_insert(Failure { attempts: 0, retry_at: Instant::now() });
                    f.attempts += 1;
                    f.retry_at = Instant::now() + FIRST_RETRY * 4u32.pow(f.attempts - 1);
                    // One message per layer: a damaged or replaced file fails on every tile in view, each with its
                    // own offsets in GDAL's words.
                    if first_of_layer {
                        messages.push(text::tiles_failed(&e));
                    }
                }
            }
        }
        messages
    }

    /// Tiles asked for and not answered yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// When a tile the view wants is due to be read again, if one waits.
    pub fn next_retry(&self) -> Option<Instant> {
        self.next_retry
    }

    /// Forgets a closed (or replaced) layer's tiles, requests and failures.
    pub fn forget_layer(&mut self, id: u32) {
        self.failed.retain(|k, _| k.layer != id);
        self.cache.remove_layer(id);
        self.in_flight.retain(|k, _| k.layer != id);
    }

    /// The loader's request channel: waiting requests and capacity.
    pub fn queue(&self) -> (usize, usize) {
        (self.pool.queued(), self.pool.queue_capacity())
    }
}

/// The waker of the window's loader: a repaint of `ctx`.
pub fn repaint_waker(ctx: eframe::egui::Context) -> crate::pyramid::Waker {
    Arc::new(move || ctx.request_repaint())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::pyramid::{LayerSource, Tile};
    use crate::raster::Pixels;

    static READS: AtomicU32 = AtomicU32::new(0);

    /// Fails twice (a network hiccup), then reads a 2 x 2 tile.
    fn flaky(_: &mut HashMap<String, crate::raster::RasterFile>, _: &TileRequest) -> Result<Tile, String> {
        match READS.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => Err("remote.tif: no answer in time".into()),
            _ => Ok(Tile { width: 2, height: 2, pixels: Pixels::U8(vec![1; 4]) }),
        }
    }

    /// Steps like the window: asks for the tile, waits for an answer or until the retry is due.
    fn frame(feed: &mut TileFeed, request: &TileRequest) -> Vec<String> {
        feed.next_frame();
        feed.request([request.clone()], 0);
        let wait = Instant::now() + Duration::from_secs(10);
        while feed.in_flight() > 0 && Instant::now() < wait {
            std::thread::sleep(Duration::from_millis(5));
            let messages = feed.receive();
            if feed.in_flight() == 0 {
                return messages;
            }
        }
        Vec::new()
    }

    #[test]
    fn a_failed_read_is_tried_again_after_growing_pauses_and_reported_once() {
        let pool = LoaderPool::with_reader(1, 4, flaky, Arc::new(|| {}));
        let mut feed = TileFeed::new(1 << 20, pool);
        let source = Arc::new(LayerSource {
            path: "remote.tif".into(),
            levels: Vec::new(),
            build: None,
            paired: None,
            imagery: false,
        });
        let key = TileKey { layer: 7, level: 0, col: 0, row: 0 };
        let request = TileRequest { key, source, generation: 0 };
        let started = Instant::now();
        let messages = frame(&mut feed, &request);
        assert_eq!(messages.len(), 1, "the first failure is reported");
        // Asked again at once: not read, and the window is told when to look again.
        frame(&mut feed, &request);
        assert_eq!(READS.load(Ordering::SeqCst), 1);
        let due = feed.next_retry().expect("a retry is due");
        assert!(due >= started + FIRST_RETRY && due <= Instant::now() + FIRST_RETRY, "after about a second");
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        assert!(frame(&mut feed, &request).is_empty(), "no second message for the same layer");
        assert_eq!(READS.load(Ordering::SeqCst), 2);
        // The second pause is four times the first.
        frame(&mut feed, &request);
        let due = feed.next_retry().expect("a retry is due");
        assert!(due >= Instant::now() + FIRST_RETRY * 3, "a longer pause");
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        frame(&mut feed, &request);
        assert_eq!(READS.load(Ordering::SeqCst), 3);
        assert!(feed.cache.contains(&key), "the third read brought the tile");
        assert_eq!((feed.in_flight(), feed.next_retry()), (0, None), "nothing pending: the window can rest");
    }
}
