//! The loader pool: tiles are read on worker threads, never on the UI thread.
//!
//! Requests go over a bounded channel to a dispatcher that keeps them on a stack, so the newest request is served
//! first, and drops requests of an older camera generation before they are read. Every request is answered: read,
//! failed, or dropped (stale or beyond the stack's bound), so the asker always knows what is still coming and can ask
//! again. Each worker owns its own GDAL dataset handles (a GDAL dataset must not be shared between threads).
//! Answers come back over a bounded channel, and each wakes the asker (the window repaints).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_channel::{bounded, select, Receiver, Sender};

use super::build::PyramidBuild;
use super::levels::{Level, LevelSource};
use super::tiles::{tile_window, TileKey};
use crate::guard::catch_panic;
use crate::raster::{Aligned, Pixels, RasterFile};

/// Decoded samples of one tile.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub width: u32,
    pub height: u32,
    pub pixels: Pixels,
}

impl Tile {
    pub fn byte_len(&self) -> usize {
        match &self.pixels {
            Pixels::U8(v) => v.len(),
            Pixels::U16(v) => v.len() * 2,
            Pixels::F32(v) => v.len() * 4,
            Pixels::Rgba(v) => v.len(),
        }
    }
}

/// What a worker needs to read the tiles of one layer.
pub struct LayerSource {
    pub path: String,
    pub levels: Vec<Level>,
    /// The viewer's own pyramid, when the file's overviews are missing or unusable.
    pub build: Option<Arc<PyramidBuild>>,
    /// A paired layer (change or quality view): the second file, read at the same window of the same level (as it is,
    /// or resampled onto this layer's grid), so that each texel holds `first << 8 | second` (both 8-bit).
    pub paired: Option<Aligned>,
    /// Colour imagery: tiles are read as RGBA from the first three (or four) bands.
    pub imagery: bool,
}

#[derive(Clone)]
pub struct TileRequest {
    pub key: TileKey,
    pub source: Arc<LayerSource>,
    /// The camera generation the request was made for; older generations are dropped unread.
    pub generation: u64,
}

pub struct LoadedTile {
    pub key: TileKey,
    pub generation: u64,
    pub result: Result<Arc<Tile>, TileError>,
}

/// Why a request brought no tile.
#[derive(Debug, Clone, PartialEq)]
pub enum TileError {
    /// Not read: its camera generation is over, or too many requests were waiting. Ask again if still wanted.
    Dropped,
    /// Reading failed; the message names the file and the reason.
    Failed(String),
}

impl std::fmt::Display for TileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TileError::Dropped => f.write_str("the tile request was dropped"),
            TileError::Failed(e) => f.write_str(e),
        }
    }
}

/// Called after every answer, from the loader's threads: the window asks for a repaint.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Counters, for tests and the status bar.
#[derive(Debug, Default)]
pub struct LoaderStats {
    pub loaded: AtomicU64,
    pub dropped_stale: AtomicU64,
    pub dropped_overflow: AtomicU64,
    /// Requests whose reading panicked (reported as errors; the worker went on).
    pub panics: AtomicU64,
}

/// Reads the tile a request asks for; a worker's open files are kept between calls. [`load_tile`] in the viewer.
pub type TileReader = fn(&mut HashMap<String, RasterFile>, &TileRequest) -> Result<Tile, String>;

pub struct LoaderPool {
    requests: Option<Sender<TileRequest>>,
    results: Receiver<LoadedTile>,
    generation: Arc<AtomicU64>,
    stats: Arc<LoaderStats>,
    threads: Vec<JoinHandle<()>>,
    queue_capacity: usize,
}

impl LoaderPool {
    /// `workers` reader threads; at most `queue` requests waiting in the channel and `4 * queue` on the stack.
    pub fn new(workers: usize, queue: usize) -> LoaderPool {
        LoaderPool::with_reader(workers, queue, load_tile, Arc::new(|| {}))
    }

    /// A pool that calls `waker` after every answer (the window repaints when a tile arrives).
    pub fn with_waker(workers: usize, queue: usize, waker: Waker) -> LoaderPool {
        LoaderPool::with_reader(workers, queue, load_tile, waker)
    }

    /// A pool whose workers read with `reader` (tests give one that fails on purpose).
    pub fn with_reader(workers: usize, queue: usize, reader: TileReader, waker: Waker) -> LoaderPool {
        let (req_tx, req_rx) = bounded::<TileRequest>(queue);
        let (work_tx, work_rx) = bounded::<TileRequest>(0);
        let (res_tx, res_rx) = bounded::<LoadedTile>(queue);
        let generation = Arc::new(AtomicU64::new(0));
        let stats = Arc::new(LoaderStats::default());
        let mut threads = Vec::new();
        {
            let answers = Answers { results: res_tx.clone(), waker: Arc::clone(&waker) };
            let generation = Arc::clone(&generation);
            let stats = Arc::clone(&stats);
            let max_stack = queue * 4;
            threads.extend(
                std::thread::Builder::new()
                    .name("tile-dispatch".into())
                    .spawn(move || dispatch(req_rx, work_tx, &answers, &generation, &stats, max_stack))
                    .ok(),
            );
        }
        for i in 0..workers.max(1) {
            let work_rx = work_rx.clone();
            let answers = Answers { results: res_tx.clone(), waker: Arc::clone(&waker) };
            let generation = Arc::clone(&generation);
            let stats = Arc::clone(&stats);
            threads.extend(
                std::thread::Builder::new()
                    .name(format!("tile-loader-{i}"))
                    .spawn(move || work(work_rx, &answers, &generation, &stats, reader))
                    .ok(),
            );
        }
        LoaderPool { requests: Some(req_tx), results: res_rx, generation, stats, threads, queue_capacity: queue }
    }

    /// A new camera generation: requests made for older ones are dropped unread.
    pub fn set_generation(&self, generation: u64) {
        self.generation.store(generation, Ordering::Relaxed);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Relaxed)
    }

    /// Queues a request without blocking; `false` when the queue is full (ask again next frame).
    pub fn request(&self, request: TileRequest) -> bool {
        self.requests.as_ref().is_some_and(|tx| tx.try_send(request).is_ok())
    }

    /// A finished tile, if any, without blocking.
    pub fn try_recv(&self) -> Option<LoadedTile> {
        self.results.try_recv().ok()
    }

    /// Waits for the next finished tile (command line and tests).
    pub fn recv_timeout(&self, timeout: std::time::Duration) -> Option<LoadedTile> {
        self.results.recv_timeout(timeout).ok()
    }

    pub fn stats(&self) -> &LoaderStats {
        &self.stats
    }

    /// Requests waiting in the channel (not on the dispatcher's stack).
    pub fn queued(&self) -> usize {
        self.requests.as_ref().map_or(0, |tx| tx.len())
    }

    pub fn queue_capacity(&self) -> usize {
        self.queue_capacity
    }
}

impl Drop for LoaderPool {
    fn drop(&mut self) {
        // Closing the request channel ends the dispatcher, which closes the work channel, which ends the workers.
        // A worker may be blocked sending into the full result channel, so keep draining it until every thread ends.
        self.requests = None;
        for t in self.threads.drain(..) {
            while !t.is_finished() {
                while self.results.try_recv().is_ok() {}
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let _ = t.join();
        }
    }
}

/// Where answers go: the result channel, and the waker called after each.
struct Answers {
    results: Sender<LoadedTile>,
    waker: Waker,
}

impl Answers {
    /// `false` once the pool is gone.
    fn send(&self, key: TileKey, generation: u64, result: Result<Arc<Tile>, TileError>) -> bool {
        let sent = self.results.send(LoadedTile { key, generation, result }).is_ok();
        (self.waker)();
        sent
    }
}

fn dispatch(
    requests: Receiver<TileRequest>,
    work: Sender<TileRequest>,
    answers: &Answers,
    generation: &AtomicU64,
    stats: &LoaderStats,
    max_stack: usize,
) {
    let mut stack: Vec<TileRequest> = Vec::new();
    loop {
        let current = generation.load(Ordering::Relaxed);
        let (stale, kept): (Vec<TileRequest>, Vec<TileRequest>) =
            std::mem::take(&mut stack).into_iter().partition(|r| r.generation < current);
        stack = kept;
        stats.dropped_stale.fetch_add(stale.len() as u64, Ordering::Relaxed);
        let excess = stack.len().saturating_sub(max_stack);
        stats.dropped_overflow.fetch_add(excess as u64, Ordering::Relaxed);
        // The oldest requests beyond the bound go: the newest view is served first anyway.
        for dropped in stale.iter().chain(stack.drain(..excess).collect::<Vec<_>>().iter()) {
            if !answers.send(dropped.key, dropped.generation, Err(TileError::Dropped)) {
                return;
            }
        }
        let Some(top) = stack.last().cloned() else {
            match requests.recv() {
                Ok(r) => stack.push(r),
                Err(_) => return,
            }
            continue;
        };
        select! {
            recv(requests) -> msg => match msg {
                Ok(r) => stack.push(r),
                Err(_) => return,
            },
            send(work, top) -> sent => {
                if sent.is_err() {
                    return;
                }
                stack.pop();
            }
        }
    }
}

fn work(
    work: Receiver<TileRequest>,
    answers: &Answers,
    generation: &AtomicU64,
    stats: &LoaderStats,
    reader: TileReader,
) {
    let mut files: HashMap<String, RasterFile> = HashMap::new();
    for req in work {
        if req.generation < generation.load(Ordering::Relaxed) {
            stats.dropped_stale.fetch_add(1, Ordering::Relaxed);
            if !answers.send(req.key, req.generation, Err(TileError::Dropped)) {
                return;
            }
            continue;
        }
        let result = match catch_panic("tile loader", || reader(&mut files, &req)) {
            Ok(read) => read.map(Arc::new).map_err(TileError::Failed),
            Err(panicked) => {
                // The handles may be mid-read: start afresh, as a new worker would.
                files.clear();
                stats.panics.fetch_add(1, Ordering::Relaxed);
                Err(TileError::Failed(format!("{}: {panicked}", req.source.path)))
            }
        };
        stats.loaded.fetch_add(1, Ordering::Relaxed);
        if !answers.send(req.key, req.generation, result) {
            return;
        }
    }
}

/// Reads one tile from the file (opening it on first use in this thread) or from the built pyramid.
pub fn load_tile(files: &mut HashMap<String, RasterFile>, req: &TileRequest) -> Result<Tile, String> {
    let src = &req.source;
    let level =
        src.levels.get(req.key.level as usize).ok_or_else(|| format!("{}: no level {}", src.path, req.key.level))?;
    let (x, y, w, h) = tile_window(level, req.key.col, req.key.row);
    if w == 0 || h == 0 {
        return Err(format!("{}: tile {:?} is outside the raster", src.path, req.key));
    }
    let pixels = match level.source {
        LevelSource::File(index) if src.imagery => {
            let file = open_in(files, &src.path)?;
            file.read_rgba(index, (x, y), (w, h)).map_err(|e| e.to_string())?
        }
        LevelSource::File(index) => {
            let pixels = read_file_window(files, &src.path, index, (x, y), (w, h))?;
            match &src.paired {
                Some(other) => {
                    let second = match other.onto {
                        None => read_file_window(files, &other.path, index, (x, y), (w, h))?,
                        Some(_) => {
                            let resampled =
                                other.at_level(level.cols, level.rows).open_path().map_err(|e| e.to_string())?;
                            read_file_window(files, &resampled, 0, (x, y), (w, h))?
                        }
                    };
                    pair_pixels(&src.path, pixels, second)?
                }
                None => pixels,
            }
        }
        LevelSource::Built(index) => {
            let built = src
                .build
                .as_ref()
                .and_then(|b| b.result())
                .ok_or_else(|| format!("{}: pyramid not built yet", src.path))?;
            let pyramid = built.as_ref().map_err(|e| e.clone())?;
            pyramid
                .read_window(index, (x, y), (w, h))
                .ok_or_else(|| format!("{}: tile outside the built level", src.path))?
        }
    };
    Ok(Tile { width: w as u32, height: h as u32, pixels })
}

/// Reads a window of a level of `path`, opening the file on first use in this thread.
fn read_file_window(
    files: &mut HashMap<String, RasterFile>,
    path: &str,
    level: usize,
    origin: (usize, usize),
    size: (usize, usize),
) -> Result<Pixels, String> {
    open_in(files, path)?.read_window(level, origin, size).map_err(|e| e.to_string())
}

/// The file at `path`, opened on first use in this thread.
fn open_in<'a>(files: &'a mut HashMap<String, RasterFile>, path: &str) -> Result<&'a RasterFile, String> {
    if !files.contains_key(path) {
        let file = RasterFile::open(path).map_err(|e| e.to_string())?;
        files.insert(path.to_string(), file);
    }
    files.get(path).ok_or_else(|| format!("{path}: not open"))
}

/// The texels of a paired layer: `first << 8 | second` per pixel.
fn pair_pixels(path: &str, old: Pixels, new: Pixels) -> Result<Pixels, String> {
    match (old, new) {
        (Pixels::U8(a), Pixels::U8(b)) if a.len() == b.len() => {
            Ok(Pixels::U16(a.iter().zip(&b).map(|(&a, &b)| (a as u16) << 8 | b as u16).collect()))
        }
        _ => Err(format!("{path}: a paired view needs two 8-bit layers read on one grid")),
    }
}
