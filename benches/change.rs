//! The from-to matrix of two full 10000 x 10000 px RAS tiles (2021 and 2023 of the generated tile set), in the same
//! run:
//! - `clcplus-viewer change OLD NEW --csv` as a process, as a user runs it;
//! - the library's `count_pairs` in process (what the stats worker runs for the window);
//! - the baseline: a straightforward read-and-count with GDAL (the gdal crate reads both whole bands, one loop counts
//!   the pairs into a 256 x 256 table).
//!
//! And the same matrix against a 100 m copy of the older tile (1000 x 1000 px), which `change` resamples on the fly
//! onto the 10 m grid, against the baseline of resampling first with `gdalwarp -r near` and then reading and counting
//! as above.
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
    let baseline = median(|| read_and_count(&old, &new));
    println!("   clcplus-viewer change --csv       {process:.3} s");
    println!("   count_pairs in process            {library:.3} s");
    println!("   GDAL read both + count (baseline) {baseline:.3} s");
    println!("   ratio process / baseline          {:.2}", process / baseline);
    println!("   ratio in process / baseline       {:.2}", library / baseline);

    // A 100 m layer: resampled on the fly by `change`, by gdalwarp first in the baseline.
    let coarse = std::path::Path::new(&old).with_file_name("coarse-100m").join("RAS_S2021_100m.tif");
    if !coarse.exists() {
        std::fs::create_dir_all(coarse.parent().expect("folder")).expect("folder");
        let made = std::process::Command::new("gdal_translate")
            .args(["-q", "-r", "nearest", "-outsize", "1000", "1000", &old, &coarse.to_string_lossy()])
            .status()
            .expect("gdal_translate");
        assert!(made.success());
    }
    let coarse = coarse.to_string_lossy().into_owned();
    let warped = std::env::temp_dir().join("clcplus-bench-warped-10m.tif");
    let warped = warped.to_string_lossy().into_owned();
    println!("from-to matrix of a 10000 x 10000 px RAS tile against a 100 m layer (median of {RUNS})");
    let resampled = median(|| time_process(viewer, &["change", &coarse, &new, "--csv"], None));
    let warp_then_count = median(|| {
        let t = Instant::now();
        let warp = std::process::Command::new("gdalwarp")
            .args(["-q", "-overwrite", "-r", "near", "-tr", "10", "10", &coarse, &warped])
            .status()
            .expect("gdalwarp");
        assert!(warp.success());
        read_and_count(&warped, &new);
        t.elapsed().as_secs_f64()
    });
    let _ = std::fs::remove_file(&warped);
    println!("   clcplus-viewer change (resampled on the fly)   {resampled:.3} s");
    println!("   gdalwarp -r near + read both + count (baseline) {warp_then_count:.3} s");
    println!("   ratio                                           {:.2}", resampled / warp_then_count);
}

/// The baseline count: both whole bands read with GDAL, one loop counting the pairs into a 256 x 256 table.
fn read_and_count(old: &str, new: &str) -> f64 {
    let t = Instant::now();
    let read = |p: &str| {
        let ds = gdal::Dataset::open(p).expect("open");
        let band = ds.rasterband(1).expect("band");
        band.read_as::<u8>((0, 0), (10_000, 10_000), (10_000, 10_000), None).expect("read")
    };
    let (a, b) = (read(old), read(new));
    let mut counts = vec![0u64; 65536];
    for (x, y) in a.data().iter().zip(b.data()) {
        counts[(*x as usize) << 8 | *y as usize] += 1;
    }
    std::hint::black_box(counts);
    t.elapsed().as_secs_f64()
}
