//! Zones (issue 18), against exactextract in the same run, both as processes from start to exit:
//! 1. `zonal TILE --zones 300 irregular zones --csv` on one 10000 x 10000 px RAS tile against the PyPI package
//!    exactextract (`exact_extract(raster, zones, ["unique", "frac", "count"])`, the same coverage-weighted table);
//! 2. the same for 1500 zones over the 3 x 3 mosaic of 10000 px tiles (ours on the folder, exactextract on a
//!    `gdalbuildvrt` of its tiles).
//!
//! Both print time and peak memory (median of the runs) and the ratio ours / exactextract.
//! 3. frame time of the window (the real app through egui_kittest, 1400 x 800; lavapipe where there is no GPU) while
//!    panning over that tile at full extent with 100 000 small zones drawn over it, against the same frames without
//!    them, and the time to read and triangulate the zones.
//!
//! Run with `cargo bench --bench zonal` (after `bash packaging/install-deps.sh --tests`, which puts exactextract in
//! `target/oracle-venv`). The data is generated once into `target/bench-data/`.

mod common;

use std::path::{Path, PathBuf};

use common::big_fixtures::{
    mosaic_3x3, mosaic_tile_name, star_ring, zones_geojson, XorShift, MOSAIC_NORTH, MOSAIC_TILE_PX, MOSAIC_WEST,
};
use common::{bench_data, is_bench_run, median_run, strings};

/// Runs per figure (the median is reported): exactextract takes seconds per run.
const RUNS: usize = 3;

/// `cols` x `rows` irregular star-shaped zones on a jittered grid over the square of `side` metres at (x0, y0)
/// (upper-left), each about as wide as its grid cell, some overlapping their neighbours as real zones never do
/// (which costs both tools the same).
fn zones(path: &Path, (x0, y0): (f64, f64), side: f64, cols: usize, rows: usize) {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (cw, ch) = (side / cols as f64, side / rows as f64);
    let mut all = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let centre = (x0 + (c as f64 + 0.3 + 0.4 * rng.next()) * cw, y0 - (r as f64 + 0.3 + 0.4 * rng.next()) * ch);
            let n = 20 + (rng.next() * 60.0) as usize;
            all.push((format!("zone {}", r * cols + c), vec![vec![star_ring(&mut rng, centre, 0.45 * cw.min(ch), n)]]));
        }
    }
    std::fs::write(path, zones_geojson(&all)).expect("zones written");
}

/// The Python that has exactextract.
fn exactextract_python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/oracle-venv/bin/python");
    assert!(python.exists(), "exactextract is missing: run bash packaging/install-deps.sh --tests");
    python
}

/// One figure: ours and exactextract on `raster` (ours) / `oracle_raster` (exactextract) with `zones`.
fn compare(what: &str, ours_raster: &Path, oracle_raster: &Path, zones: &Path) {
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");
    let ours_args = strings(&["zonal", &ours_raster.to_string_lossy(), "--zones", &zones.to_string_lossy(), "--csv"]);
    let (ours, ours_kib) = median_run(viewer, &ours_args, RUNS);
    let script = format!(
        "from exactextract import exact_extract\nexact_extract({:?}, {:?}, ['unique', 'frac', 'count'])",
        oracle_raster.to_string_lossy(),
        zones.to_string_lossy()
    );
    let python = exactextract_python();
    let (theirs, theirs_kib) = median_run(&python.to_string_lossy(), &strings(&["-c", &script]), RUNS);
    println!("{what} (median of {RUNS})");
    println!("   clcplus-viewer zonal --csv                 {ours:.3} s, peak {:.0} MiB", ours_kib as f64 / 1024.0);
    println!("   exactextract (Python package)              {theirs:.3} s, peak {:.0} MiB", theirs_kib as f64 / 1024.0);
    println!(
        "   ratio ours / exactextract                  {:.2} time, {:.2} memory",
        ours / theirs,
        ours_kib as f64 / theirs_kib as f64
    );
}

fn main() {
    if !is_bench_run() {
        return;
    }
    let base = bench_data();
    let tiles = mosaic_3x3(&base);
    let out = std::env::temp_dir().join("clcplus-bench-zonal");
    std::fs::create_dir_all(&out).expect("temp folder");

    let side = MOSAIC_TILE_PX as f64 * 10.0;
    let tile = tiles.join(mosaic_tile_name(0, 0, "RAS"));
    // ZONAL_BENCH_FRAMES_ONLY=1 measures part 3 alone.
    if std::env::var_os("ZONAL_BENCH_FRAMES_ONLY").is_none() {
        counts(&tiles, &tile, &out, side);
    }

    // As a GeoPackage, as such layers come: GDAL reads one of 100 000 zones several times faster than GeoJSON.
    let many = out.join("zones-100000.gpkg");
    if !many.exists() {
        let geojson = out.join("zones-100000.geojson");
        zones(&geojson, (MOSAIC_WEST, MOSAIC_NORTH), side, 317, 316);
        let status = std::process::Command::new("ogr2ogr")
            .args(["-f", "GPKG"])
            .arg(&many)
            .arg(&geojson)
            .status()
            .expect("ogr2ogr");
        assert!(status.success());
        let _ = std::fs::remove_file(&geojson);
    }
    frames(&tile, &many);
}

/// Parts 1 and 2: ours and exactextract on the tile and on the mosaic.
fn counts(tiles: &Path, tile: &Path, out: &Path, side: f64) {
    let tile_zones = out.join("zones-300.geojson");
    zones(&tile_zones, (MOSAIC_WEST, MOSAIC_NORTH), side, 20, 15);
    compare("1. one 10000 x 10000 px tile, 300 irregular zones", tile, tile, &tile_zones);

    let vrt = out.join("mosaic.vrt");
    let mut tifs: Vec<String> = std::fs::read_dir(tiles)
        .expect("tiles")
        .filter_map(|e| e.ok().map(|e| e.path().to_string_lossy().into_owned()))
        .filter(|p| p.ends_with(".tif"))
        .collect();
    tifs.sort();
    let status =
        std::process::Command::new("gdalbuildvrt").arg("-q").arg(&vrt).args(&tifs).status().expect("gdalbuildvrt");
    assert!(status.success());
    let mosaic_zones = out.join("zones-1500.geojson");
    zones(&mosaic_zones, (MOSAIC_WEST, MOSAIC_NORTH), 3.0 * side, 50, 30);
    compare("2. the 3 x 3 mosaic of 10000 px tiles, 1500 irregular zones", tiles, &vrt, &mosaic_zones);
}

/// Frames timed while panning.
const FRAMES: usize = 60;

/// Part 3: the window on `tile`, with and without the zones of `zones`.
fn frames(tile: &Path, zones: &Path) {
    use clcplus_viewer::ui::ViewerApp;
    use clcplus_viewer::view::Camera;
    use eframe::egui;
    use egui_kittest::Harness;
    use std::time::{Duration, Instant};

    let config = tempfile::tempdir().expect("temp");
    // SAFETY of the process environment: no other thread of the app runs yet.
    unsafe { std::env::set_var(clcplus_viewer::ui::settings::CONFIG_DIR_ENV, config.path()) };
    println!(
        "3. frame time while panning over the tile at full extent, 1400 x 800 window (median and p95 of {FRAMES})"
    );
    let mut results = Vec::new();
    for with_zones in [false, true] {
        let mut paths = vec![tile.to_path_buf()];
        if with_zones {
            paths.push(zones.to_path_buf());
        }
        let started = Instant::now();
        let mut harness: Harness<'static, ViewerApp> = Harness::builder()
            .with_size(egui::vec2(1400.0, 800.0))
            .with_pixels_per_point(1.0)
            .wgpu()
            .build_eframe(move |cc| ViewerApp::new(cc, paths));
        let deadline = Instant::now() + Duration::from_secs(300);
        let wanted = usize::from(with_zones);
        while !(harness.state().zone_layers().len() == wanted && harness.state().is_idle()) {
            harness.step();
            assert!(Instant::now() < deadline, "the window did not settle");
            std::thread::sleep(Duration::from_millis(2));
        }
        let opened = started.elapsed().as_secs_f64();
        let mut camera = harness.state().camera().expect("camera");
        // The app's own work a frame (egui, frame plans, overlay transforms and levels), then the whole frame
        // painted by wgpu and read back.
        let mut app_times = Vec::with_capacity(FRAMES);
        let mut times = Vec::with_capacity(FRAMES);
        for i in 0..2 * FRAMES {
            camera = Camera { center: [camera.center[0] + 25.0 * camera.res, camera.center[1]], ..camera };
            harness.state_mut().set_camera(camera);
            let t = Instant::now();
            harness.step();
            if i < FRAMES {
                app_times.push(t.elapsed().as_secs_f64());
            } else {
                harness.render().expect("frame painted");
                times.push(t.elapsed().as_secs_f64());
            }
        }
        let ms = |mut t: Vec<f64>| {
            t.sort_by(f64::total_cmp);
            (t[FRAMES / 2] * 1e3, t[FRAMES * 95 / 100] * 1e3)
        };
        let ((app_median, app_p95), (median, p95)) = (ms(app_times), ms(times));
        let what = if with_zones { "with 100 000 zones" } else { "the tile alone" };
        println!("   {what:<22} opened and settled in {opened:.2} s");
        println!("      app work a frame          median {app_median:.1} ms, p95 {app_p95:.1} ms");
        println!("      painted and read back     median {median:.1} ms, p95 {p95:.1} ms");
        results.push(median);
    }
    println!("   ratio painted with zones / without         {:.2}", results[1] / results[0]);
}
