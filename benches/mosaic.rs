//! Regions, not tiles (issue 16), against GDAL in the same run:
//! 1. a Europe-sized mosaic (a VRT of 30 x 30 placements of one 10000 px COG, 300000 x 300000 px): process start to
//!    a full-extent `render --size 1920x1080` (the square map is 1080 x 1080 px of it) against
//!    `gdal_translate -outsize 1080 1080 -expand rgba` to PNG, with peak memory; ours once without and once with the
//!    coarse levels the window caches;
//! 2. the same mosaic in the window (the real app in process through egui_kittest, 1400 x 800, lavapipe where there
//!    is no GPU): opening to a complete, counted view at full extent, a jump to a 1:1 view elsewhere, CPU seconds
//!    of the whole process in the 10 s after the view completes, and peak memory;
//! 3. exact counts of the 3 x 3 mosaic of 10000 px tiles (9e8 pixels): `stats FOLDER` against `gdalinfo -hist` on a
//!    `gdalbuildvrt` of its tiles (on a copy: gdalinfo writes the histogram into the VRT), time and peak memory.
//!
//! Run with `cargo bench --bench mosaic`. The data is generated once into `target/bench-data/`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use clcplus_viewer::pyramid::{coarse_sizes_for, PyramidBuild, CACHE_DIR_ENV};
use clcplus_viewer::raster::RasterFile;
use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::Camera;
use common::big_fixtures::{europe_vrt, mosaic_3x3, EUROPE_ORIGIN, EUROPE_TILE_PX};
use common::{bench_data, is_bench_run, measure, median_run, strings, RUNS};

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// CPU seconds (user and system) this process has used.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
    ticks / 100.0
}

/// Peak resident memory of this process, MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib = status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok());
    kib.unwrap_or(0) as f64 / 1024.0
}

fn main() {
    if !is_bench_run() {
        return;
    }
    let base = bench_data();
    let vrt = europe_vrt(&base);
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");
    let out = std::env::temp_dir().join("clcplus-bench-mosaic");
    std::fs::create_dir_all(&out).expect("temp folder");
    let cache = out.join("cache");
    let _ = std::fs::remove_dir_all(&cache);

    println!("1. Europe-sized mosaic (300000 x 300000 px), process start to a full-extent render (median of {RUNS})");
    let render = |name: &str| {
        strings(&["render", &vrt.to_string_lossy(), "--out", &out.join(name).to_string_lossy(), "--size", "1920x1080"])
    };
    // SAFETY of the process environment: set before any thread of this benchmark starts.
    unsafe { std::env::set_var(CACHE_DIR_ENV, &cache) };
    let (cold, cold_kib) = median_run(viewer, &render("ours-cold.png"), RUNS);
    let gdal_args = ["-q", "-of", "PNG", "-outsize", "1080", "1080", "-expand", "rgba"]
        .iter()
        .map(|s| s.to_string())
        .chain([vrt.to_string_lossy().into_owned(), out.join("gdal.png").to_string_lossy().into_owned()])
        .collect::<Vec<_>>();
    let (gdal, gdal_kib) = median_run("gdal_translate", &gdal_args, RUNS);
    let meta = RasterFile::open(&vrt).expect("vrt").meta().expect("meta");
    let built = Instant::now();
    let build = PyramidBuild::start_coarse(vrt.to_string_lossy().into_owned(), coarse_sizes_for(&meta));
    while build.result().is_none() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let build_secs = built.elapsed().as_secs_f64();
    let (warm, warm_kib) = median_run(viewer, &render("ours-warm.png"), RUNS);
    println!("   clcplus-viewer render, no cached levels   {cold:.3} s, peak {:.0} MiB", mib(cold_kib));
    println!("   clcplus-viewer render, cached levels      {warm:.3} s, peak {:.0} MiB", mib(warm_kib));
    println!("   gdal_translate -outsize 1080 1080         {gdal:.3} s, peak {:.0} MiB", mib(gdal_kib));
    println!("   ratio ours / GDAL                         {:.2} (cached levels {:.2})", cold / gdal, warm / gdal);
    println!("   coarse levels built once in               {build_secs:.3} s");

    println!("2. the same mosaic in the window (kittest, 1400 x 800; coarse levels built on opening)");
    let _ = std::fs::remove_dir_all(&cache);
    window_figures(&vrt);

    println!("3. exact counts of the 3 x 3 mosaic of 10000 px tiles (median of {RUNS})");
    let tiles = mosaic_3x3(&base);
    let oracle_vrt = out.join("mosaic.vrt");
    let mut tifs: Vec<String> = std::fs::read_dir(&tiles)
        .expect("tiles")
        .filter_map(|e| e.ok().map(|e| e.path().to_string_lossy().into_owned()))
        .filter(|p| p.ends_with(".tif"))
        .collect();
    tifs.sort();
    let status = std::process::Command::new("gdalbuildvrt")
        .arg("-q")
        .arg(&oracle_vrt)
        .args(&tifs)
        .status()
        .expect("gdalbuildvrt runs");
    assert!(status.success());
    let (ours, ours_kib) = median_run(viewer, &strings(&["stats", &tiles.to_string_lossy(), "--csv"]), RUNS);
    // gdalinfo -hist keeps the histogram it computed inside the VRT and reads it back next time: each run gets a
    // fresh copy.
    let pristine = std::fs::read(&oracle_vrt).expect("VRT");
    let mut gdal_runs: Vec<(f64, u64)> = (0..RUNS)
        .map(|_| {
            std::fs::write(&oracle_vrt, &pristine).expect("fresh VRT");
            measure("gdalinfo", &strings(&["-hist", &oracle_vrt.to_string_lossy()]))
        })
        .collect();
    gdal_runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (gdal, gdal_kib) = gdal_runs[RUNS / 2];
    println!("   clcplus-viewer stats FOLDER   {ours:.3} s, peak {:.0} MiB", mib(ours_kib));
    println!("   gdalinfo -hist on its VRT     {gdal:.3} s, peak {:.0} MiB", mib(gdal_kib));
    println!(
        "   ratio ours / GDAL             time {:.2}, memory {:.2}",
        ours / gdal,
        ours_kib as f64 / gdal_kib as f64
    );
}

/// Opens `vrt` in the real app and reports the figures of part 2.
fn window_figures(vrt: &Path) {
    use egui_kittest::Harness;
    let config = tempfile::tempdir().expect("temp");
    // SAFETY of the process environment: no other thread reads it now.
    unsafe { std::env::set_var(clcplus_viewer::ui::settings::CONFIG_DIR_ENV, config.path()) };
    let paths = vec![vrt.to_path_buf()];
    let started = Instant::now();
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 800.0))
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_eframe(move |cc| ViewerApp::new(cc, paths));
    let rest = |harness: &mut Harness<'_, ViewerApp>| loop {
        harness.step();
        if harness.state().layers().layers.len() == 1 && harness.state().is_idle() {
            harness.run_steps(2);
            if harness.state().is_idle() && !harness.ctx.has_requested_repaint() {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    rest(&mut harness);
    let opened = started.elapsed().as_secs_f64();
    let (col, row) = (17 * EUROPE_TILE_PX + 4321, 23 * EUROPE_TILE_PX + 1234);
    let centre = [EUROPE_ORIGIN.0 + col as f64 * 10.0, EUROPE_ORIGIN.1 - row as f64 * 10.0];
    harness.state_mut().set_camera(Camera { center: centre, res: 10.0 });
    let jumped = Instant::now();
    rest(&mut harness);
    let jump = jumped.elapsed().as_secs_f64();
    let cpu_before = cpu_seconds();
    std::thread::sleep(Duration::from_secs(10));
    let idle_cpu = cpu_seconds() - cpu_before;
    println!("   opening to a complete, counted view at full extent   {opened:.3} s");
    println!("   jump to a 1:1 view elsewhere, complete               {jump:.3} s");
    println!("   CPU seconds in the 10 s after the view completes     {idle_cpu:.3} s");
    println!("   peak memory of the process                           {:.0} MiB", peak_rss_mib());
    println!("   repaint requested at rest                            {}", harness.ctx.has_requested_repaint());
}
