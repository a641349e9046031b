//! Frame time of the window while panning, one map against two linked side-by-side panes, on two full 10000 x 10000
//! px RAS tiles (2021 and 2023 of the generated tile set), in the same run. The whole app frame is timed: egui, the
//! frame plans of every pane, tile requests, and painting through wgpu (lavapipe here: CPU side; a real GPU where
//! one is present). Tiles load in the background meanwhile, as they do for a user.
//!
//! Run with `cargo bench --bench compare_frames`.

mod common;

use std::time::{Duration, Instant};

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::Camera;
use common::{is_bench_run, tileset_two_years};
use eframe::egui;
use egui_kittest::Harness;

const FRAMES: usize = 120;

fn main() {
    if !is_bench_run() {
        return;
    }
    let config = std::env::temp_dir().join("clcplus-bench-config");
    // SAFETY of the process environment: set before any thread of the app starts.
    unsafe { std::env::set_var(clcplus_viewer::ui::settings::CONFIG_DIR_ENV, &config) };
    let files: Vec<_> = tileset_two_years().into_iter().filter(|p| p.to_string_lossy().contains("_RAS_S")).collect();
    println!("frame time while panning, {} x {} window, two RAS tiles of 10000 x 10000 px", 1400, 800);
    let report = |name: &str, t: &[f64]| {
        println!("   {name:<40} median {:.1} ms   p95 {:.1} ms", t[t.len() / 2] * 1e3, t[t.len() * 95 / 100] * 1e3)
    };
    for (what, paint) in [("CPU side (app update and frame plans)", false), ("whole frame painted and read back", true)]
    {
        println!(" {what}");
        let single = pan_frames(&files, false, paint);
        let double = pan_frames(&files, true, paint);
        report("one map", &single);
        report("two linked panes", &double);
        println!(
            "   ratio two panes / one map                {:.2}",
            double[double.len() / 2] / single[single.len() / 2]
        );
    }
}

/// Seconds of each of `FRAMES` frames while the camera pans 25 px a frame at 10 m per pixel; `paint`: the frame is
/// also painted by wgpu and read back (kittest's render), else only the app's update runs.
fn pan_frames(files: &[std::path::PathBuf], side_by_side: bool, paint: bool) -> Vec<f64> {
    let paths = files.to_vec();
    let mut harness: Harness<'static, ViewerApp> = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_eframe(move |cc| ViewerApp::new(cc, paths));
    let deadline = Instant::now() + Duration::from_secs(120);
    while !(harness.state().layers().layers.len() == 2 && harness.state().is_idle()) {
        harness.step();
        assert!(Instant::now() < deadline, "the tiles did not open");
    }
    if side_by_side {
        harness.key_press(egui::Key::D);
        harness.run_steps(2);
    }
    let mut camera = Camera { center: [4_420_000.0, 3_650_000.0], res: 10.0 };
    let mut times = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        camera.center[0] += 250.0;
        harness.state_mut().set_camera(camera);
        let t = Instant::now();
        harness.step();
        if paint {
            harness.render().expect("frame painted");
        }
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    times
}
