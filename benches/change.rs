//! The from-to matrix of two full 10000 x 10000 px RAS tiles (2021 and 2023 of the generated tile set), in the same
//! run:
//! - `clcplus-viewer change OLD NEW --csv` as a process, as a user runs it;
//! - the library's `count_pairs` in process (what the stats worker runs for the window);
//! - the baseline: a straightforward read-and-count with GDAL (the gdal crate reads both whole bands, one loop counts
//!   the pairs into a 256 x 256 table).
//!
//! Run with `cargo bench --bench change`.

mod common;

use std::time::Instant;

use clcplus_viewer::raster::Aligned;
use clcplus_viewer::stats::{count_pairs, CountProgress, PixelWindow};
use common::{is_bench_run, median, tileset_two_years, time_process, RUNS};

fn main() {
    if !is_bench_run() {
        return;
    }
    let files = tileset_two_years();
    let find = |year: &str| {
        files
            .iter()
            .find(|p| p.to_string_lossy().contains(&format!("_RAS_S{year}_")))
            .expect("RAS of the year")
            .to_string_lossy()
            .into_owned()
    };
    let (old, new) = (find("2021"), find("2023"));
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let whole = PixelWindow { x: 0, y: 0, w: 10_000, h: 10_000 };

    println!("from-to matrix of two 10000 x 10000 px RAS tiles (median of {RUNS}, {threads} threads)");
    let process = median(|| time_process(viewer, &["change", &old, &new, "--csv"], None));
    let library = median(|| {
        let t = Instant::now();
        let pairs = count_pairs(
            &Aligned::as_is(old.as_str()),
            &Aligned::as_is(new.as_str()),
            whole,
            threads,
            512,
            &CountProgress::default(),
        )
        .expect("count");
        std::hint::black_box(pairs.expect("not cancelled"));
        t.elapsed().as_secs_f64()
    });
    let baseline = median(|| {
        let t = Instant::now();
        let read = |p: &str| {
            let ds = gdal::Dataset::open(p).expect("open");
            let band = ds.rasterband(1).expect("band");
            band.read_as::<u8>((0, 0), (10_000, 10_000), (10_000, 10_000), None).expect("read")
        };
        let (a, b) = (read(&old), read(&new));
        let mut counts = vec![0u64; 65536];
        for (x, y) in a.data().iter().zip(b.data()) {
            counts[(*x as usize) << 8 | *y as usize] += 1;
        }
        std::hint::black_box(counts);
        t.elapsed().as_secs_f64()
    });
    println!("   clcplus-viewer change --csv       {process:.3} s");
    println!("   count_pairs in process            {library:.3} s");
    println!("   GDAL read both + count (baseline) {baseline:.3} s");
    println!("   ratio process / baseline          {:.2}", process / baseline);
    println!("   ratio in process / baseline       {:.2}", library / baseline);
}
