//! Statistics against GDAL, in the same run, on the generated 10000 x 10000 px tile set:
//! 1. the exact class histogram of the whole RAS tile: `clcplus-viewer stats --json` against `gdalinfo -hist`
//!    (both as processes, on a copy with GDAL_PAM_ENABLED=NO so GDAL neither reads nor writes a cached histogram);
//! 2. the counts of a 1920x1080 view at 10 m pixels after a camera move: approximate (overview 1, 960x540) and exact
//!    (base level), in process as the stats worker runs them, against one thread reading the same window with the
//!    gdal crate and counting it;
//! 3. 1000 points read by `clcplus-viewer pixel` from four layers against `gdallocationinfo -valonly`, once per
//!    layer.
//!
//! Run with `cargo bench --bench stats`.

mod common;

use std::time::Instant;

use clcplus_viewer::stats::{count_window, CountProgress, PixelWindow};
use common::{is_bench_run, median, tileset, time_process};

use common::RUNS;

fn main() {
    if !is_bench_run() {
        return;
    }
    let files = tileset();
    let ras = files.iter().find(|p| p.to_string_lossy().contains("_RAS_")).expect("RAS").clone();
    let tmp = std::env::temp_dir().join("clcplus-bench-stats");
    std::fs::create_dir_all(&tmp).expect("temp folder");
    let ras_copy = tmp.join(ras.file_name().expect("name"));
    std::fs::copy(&ras, &ras_copy).expect("copy");
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");

    println!("1. exact class histogram of a 10000 x 10000 px tile (median of {RUNS})");
    let ours = median(|| time_process(viewer, &["stats", &ras_copy.to_string_lossy(), "--json"], None));
    let gdal = median(|| time_process("gdalinfo", &["-hist", &ras_copy.to_string_lossy()], None));
    println!("   clcplus-viewer stats   {ours:.3} s");
    println!("   gdalinfo -hist         {gdal:.3} s");
    println!("   ratio ours / GDAL      {:.2}", ours / gdal);

    println!("2. counts of a 1920x1080 view at 10 m after a camera move (median of {RUNS})");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let path = ras.to_string_lossy().into_owned();
    let mut moves = 0usize;
    let mut next_window = |level: usize| {
        // A different place each run, so GDAL's block cache does not hold the window already.
        moves += 1;
        let (x, y) = ((moves * 1733) % 7000, (moves * 2917) % 8000);
        match level {
            0 => PixelWindow { x, y, w: 1920, h: 1080 },
            _ => PixelWindow { x: x / 2, y: y / 2, w: 960, h: 540 },
        }
    };
    let approx = median(|| {
        let w = next_window(1);
        let t = Instant::now();
        count_window(&path, 1, w, threads, 512, &CountProgress::default()).expect("count").expect("not cancelled");
        t.elapsed().as_secs_f64()
    });
    let exact = median(|| {
        let w = next_window(0);
        let t = Instant::now();
        count_window(&path, 0, w, threads, 512, &CountProgress::default()).expect("count").expect("not cancelled");
        t.elapsed().as_secs_f64()
    });
    let baseline = median(|| {
        let w = next_window(0);
        let t = Instant::now();
        let ds = gdal::Dataset::open(&path).expect("open");
        let band = ds.rasterband(1).expect("band");
        let buf = band.read_as::<u8>((w.x as isize, w.y as isize), (w.w, w.h), (w.w, w.h), None).expect("read");
        let mut counts = [0u64; 256];
        for v in buf.data() {
            counts[*v as usize] += 1;
        }
        std::hint::black_box(counts);
        t.elapsed().as_secs_f64()
    });
    println!("   approximate (overview 1)       {:.1} ms", approx * 1000.0);
    println!("   exact (base level)             {:.1} ms", exact * 1000.0);
    println!("   gdal crate read + count, base  {:.1} ms", baseline * 1000.0);
    println!("   ratio exact / baseline         {:.2}", exact / baseline);

    println!("3. 1000 points from four layers (median of {RUNS})");
    let points: String = (0..1000u64)
        .map(|i| {
            let x = 4_400_000.0 + ((i * 7919) % 100_000) as f64 + 0.5;
            let y = 3_600_000.0 + ((i * 104_729) % 100_000) as f64 + 0.5;
            format!("{x} {y}\n")
        })
        .collect();
    let mut args: Vec<String> = vec!["pixel".into()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let ours = median(|| time_process(viewer, &args, Some(&points)));
    let gdal = median(|| {
        files
            .iter()
            .map(|f| time_process("gdallocationinfo", &["-valonly", "-geoloc", &f.to_string_lossy()], Some(&points)))
            .sum()
    });
    println!("   clcplus-viewer pixel            {ours:.3} s");
    println!("   gdallocationinfo, 4 runs        {gdal:.3} s");
    println!("   ratio ours / GDAL               {:.2}", ours / gdal);
}
