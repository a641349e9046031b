//! The loader pool under a burst of camera moves: stale requests are dropped, queues stay bounded, the newest view is
//! served.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use clcplus_viewer::product::identify;
use clcplus_viewer::pyramid::{levels_for, LayerSource, LoaderPool, TileError, TileKey, TileRequest};

/// What the loader needs to read the tiles of the file at `path`, with the file's own overviews.
fn source_of(path: &std::path::Path) -> Arc<LayerSource> {
    let info = identify(path).expect("opens");
    let levels = levels_for(&info.meta, true);
    Arc::new(LayerSource { path: info.path.clone(), levels, build: None, paired: None, imagery: false })
}

#[test]
fn burst_of_camera_moves_keeps_only_the_newest_generation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, values) = common::write_ras_fixture(dir.path(), 2048, 2048);
    let source = source_of(&path);
    let pool = LoaderPool::new(2, 32);
    let mut sent = 0;
    let mut refused = 0;
    // 200 camera moves, each asking for the 16 base tiles; only the last generation matters.
    for generation in 1..=200u64 {
        pool.set_generation(generation);
        for col in 0..4 {
            for row in 0..4 {
                let req = TileRequest {
                    key: TileKey { layer: 1, level: 0, col, row },
                    source: Arc::clone(&source),
                    generation,
                };
                if pool.request(req) {
                    sent += 1;
                } else {
                    refused += 1;
                }
                assert!(pool.queued() <= pool.queue_capacity(), "the request channel is bounded");
            }
        }
    }
    // Like the window, ask each frame again for the newest view's tiles that have not arrived (a full queue
    // refuses requests rather than blocking the UI).
    let mut arrived = std::collections::BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while arrived.len() < 16 {
        assert!(Instant::now() < deadline, "the newest view was not served");
        for col in 0..4 {
            for row in 0..4 {
                let key = TileKey { layer: 1, level: 0, col, row };
                if !arrived.contains(&key)
                    && pool.request(TileRequest { key, source: Arc::clone(&source), generation: 200 })
                {
                    sent += 1;
                }
            }
        }
        while let Some(t) = pool.recv_timeout(Duration::from_millis(200)) {
            assert!(t.generation <= 200);
            if t.generation < 200 || t.result == Err(TileError::Dropped) {
                continue;
            }
            let tile = t.result.expect("tile reads");
            // The tile holds the file's values.
            let clcplus_viewer::raster::Pixels::U8(px) = &tile.pixels else { panic!("u8 tile") };
            let (x0, y0) = (t.key.col as usize * 512, t.key.row as usize * 512);
            assert_eq!(px[0], values[y0 * 2048 + x0]);
            assert_eq!(px[511 * 512 + 511], values[(y0 + 511) * 2048 + x0 + 511]);
            arrived.insert(t.key);
        }
    }
    let newest = arrived.len();
    // Requests still in flight are either read or dropped soon; wait until the counters add up.
    let count = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    let settled = Instant::now() + Duration::from_secs(10);
    while Instant::now() < settled {
        while pool.try_recv().is_some() {}
        let s = pool.stats();
        if count(&s.loaded) + count(&s.dropped_stale) + count(&s.dropped_overflow) == sent as u64 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let stats = pool.stats();
    eprintln!(
        "sent {sent}, refused {refused}, loaded {}, dropped stale {}",
        count(&stats.loaded),
        count(&stats.dropped_stale)
    );
    assert_eq!(newest, 16, "every tile of the newest view is served");
    assert_eq!(
        count(&stats.loaded) + count(&stats.dropped_stale) + count(&stats.dropped_overflow),
        sent as u64,
        "every accepted request is either read or dropped"
    );
    assert!(count(&stats.dropped_stale) > 0);
}

#[test]
fn requests_of_an_older_generation_are_never_read_and_answered_as_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = common::write_ras_fixture(dir.path(), 1024, 1024);
    let source = source_of(&path);
    let pool = LoaderPool::new(2, 256);
    pool.set_generation(10);
    let request = |generation, col, row| TileRequest {
        key: TileKey { layer: 1, level: 0, col, row },
        source: Arc::clone(&source),
        generation,
    };
    for i in 0..100u32 {
        assert!(pool.request(request(9, i % 2, i / 50)));
    }
    for (col, row) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        assert!(pool.request(request(10, col, row)));
    }
    // Every request is answered: the stale ones as dropped, never read; the current ones with their tile.
    let (mut fresh, mut dropped) = (0, 0);
    while let Some(t) = pool.recv_timeout(Duration::from_secs(20)) {
        match t.result {
            Err(TileError::Dropped) => {
                assert_eq!(t.generation, 9, "only stale requests are dropped here");
                dropped += 1;
            }
            Ok(_) => {
                assert_eq!(t.generation, 10, "a stale request was read");
                fresh += 1;
            }
            Err(TileError::Failed(e)) => panic!("{e}"),
        }
        if fresh + dropped == 104 {
            break;
        }
    }
    assert_eq!((fresh, dropped), (4, 100));
    let deadline = Instant::now() + Duration::from_secs(5);
    while pool.stats().dropped_stale.load(std::sync::atomic::Ordering::Relaxed) < 100 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(pool.stats().dropped_stale.load(std::sync::atomic::Ordering::Relaxed), 100);
    assert_eq!(pool.stats().loaded.load(std::sync::atomic::Ordering::Relaxed), 4);
}

/// A reader with a bug: it panics on tile column 1 and reads every other tile for real.
fn reader_that_panics_on_column_1(
    files: &mut std::collections::HashMap<String, clcplus_viewer::raster::RasterFile>,
    req: &TileRequest,
) -> Result<clcplus_viewer::pyramid::Tile, String> {
    if req.key.col == 1 {
        panic!("a bug in the reader");
    }
    clcplus_viewer::pyramid::load_tile(files, req)
}

#[test]
fn a_panic_while_reading_a_tile_is_reported_and_the_worker_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = common::write_ras_fixture(dir.path(), 1024, 512);
    let source = source_of(&path);
    // One worker, so the tiles after the panic are read by the thread that panicked.
    let pool = LoaderPool::with_reader(1, 8, reader_that_panics_on_column_1, Arc::new(|| {}));
    let request = |col| TileRequest {
        key: TileKey { layer: 1, level: 0, col, row: 0 },
        source: Arc::clone(&source),
        generation: 0,
    };
    let mut results = std::collections::HashMap::new();
    for col in [1, 0, 1, 0] {
        assert!(pool.request(request(col)));
        let t = pool.recv_timeout(Duration::from_secs(20)).expect("an answer comes back, panic or not");
        results.entry(col).or_insert_with(Vec::new).push(t.result);
    }
    for r in &results[&1] {
        let Err(TileError::Failed(message)) = r else { panic!("the panicking tile is an error") };
        assert!(message.contains(&source.path) && message.contains("a bug in the reader"), "{message}");
        assert!(message.contains("restarted"), "{message}");
    }
    for r in &results[&0] {
        assert_eq!(r.as_ref().expect("the other tile reads").width, 512);
    }
    assert_eq!(pool.stats().panics.load(std::sync::atomic::Ordering::Relaxed), 2);
}

/// A slow reader: every tile takes 20 ms, so that requests pile up on the dispatcher's stack.
fn slow_reader(
    files: &mut std::collections::HashMap<String, clcplus_viewer::raster::RasterFile>,
    req: &TileRequest,
) -> Result<clcplus_viewer::pyramid::Tile, String> {
    std::thread::sleep(Duration::from_millis(20));
    clcplus_viewer::pyramid::load_tile(files, req)
}

#[test]
fn requests_beyond_the_bound_are_answered_as_dropped_and_served_when_asked_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = common::write_ras_fixture(dir.path(), 4096, 4096);
    let source = source_of(&path);
    // A channel of 4 and a stack of 16: 64 requests at once cannot all wait.
    let woken = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = Arc::clone(&woken);
    let waker = Arc::new(move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    let pool = LoaderPool::with_reader(1, 4, slow_reader, waker);
    let keys: Vec<TileKey> = (0..64u32).map(|i| TileKey { layer: 1, level: 0, col: i % 8, row: i / 8 }).collect();
    let request = |key| TileRequest { key, source: Arc::clone(&source), generation: 0 };
    // Like the window: whatever is not in flight and not loaded is asked for, again and again, until all arrive.
    let mut in_flight = std::collections::HashSet::new();
    let mut loaded = std::collections::HashSet::new();
    let (mut answers, mut dropped) = (0u64, 0u64);
    let deadline = Instant::now() + Duration::from_secs(60);
    while loaded.len() < keys.len() {
        assert!(Instant::now() < deadline, "{} of {} tiles loaded", loaded.len(), keys.len());
        for &key in &keys {
            if in_flight.contains(&key) || loaded.contains(&key) {
                continue;
            }
            // A full channel refuses; the dispatcher empties it onto its stack within a moment.
            for _ in 0..20 {
                if pool.request(request(key)) {
                    in_flight.insert(key);
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        while let Some(t) = pool.recv_timeout(Duration::from_millis(50)) {
            answers += 1;
            assert!(in_flight.remove(&t.key), "one answer per request");
            match t.result {
                Ok(_) => {
                    loaded.insert(t.key);
                }
                Err(TileError::Dropped) => dropped += 1,
                Err(TileError::Failed(e)) => panic!("{e}"),
            }
        }
    }
    let count = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    assert!(dropped > 0, "the bound was reached");
    assert_eq!(dropped, count(&pool.stats().dropped_overflow), "every dropped request was reported");
    // The waker runs right after each answer is sent: give the last one a moment.
    let settle = Instant::now() + Duration::from_secs(5);
    while count(&woken) < answers && Instant::now() < settle {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(count(&woken), answers, "the waker ran once per answer");
    eprintln!("64 tiles: {answers} answers, {dropped} dropped and asked again");
}
