//! The real app driven by egui_kittest: without a GPU (panels, input, drag and drop) and with wgpu (the paint
//! callback draws exact palette colours at integer zoom).

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::Camera;
use common::{isolated_config, settle};
use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

/// A file dropped on the window, as the windowing integration hands it to egui.
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn opens_a_file_and_lists_it_without_a_gpu() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 600, 400);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .build_eframe(|cc| ViewerApp::new(cc, vec![ras.clone()]));
    settle(&mut harness, 1);
    let name = ras.file_name().expect("name").to_string_lossy().into_owned();
    harness.get_by_label(&name);
    harness.get_by_label("RAS 2023 E44N36");
    harness.get_by_label("CLCplus Backbone RAS 2023");
    assert!(harness.query_by_label("Synthetic demo data, not a CLMS product").is_none(), "a real-looking fixture");
    // Keys: 0 fits, + zooms in about the centre, 1 is 1:1, 0 fits again.
    harness.key_press(egui::Key::Num0);
    harness.run_steps(2);
    let fitted = harness.state().camera().expect("camera");
    harness.key_press(egui::Key::Plus);
    harness.run_steps(2);
    let zoomed = harness.state().camera().expect("camera");
    assert!((zoomed.res - fitted.res / 1.5).abs() < 1e-9, "{zoomed:?} vs {fitted:?}");
    harness.key_press(egui::Key::Num1);
    harness.run_steps(2);
    assert_eq!(harness.state().camera().expect("camera").res, 10.0, "1 = one data pixel per screen pixel");
    harness.key_press(egui::Key::Num0);
    harness.run_steps(2);
    assert_eq!(harness.state().camera().expect("camera"), fitted);
}

#[test]
fn dropped_files_open_and_bad_files_give_a_message() {
    let config = isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 300, 200);
    let bad = dir.path().join("broken.tif");
    std::fs::write(&bad, b"not a tiff").expect("write");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .build_eframe(|cc| ViewerApp::new(cc, vec![ras.clone()]));
    settle(&mut harness, 1);
    harness.input_mut().dropped_files.push(std::sync::Arc::new(DroppedPath(bad.clone())));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !harness.state().messages().any(|m| m.contains("broken.tif")) {
        harness.step();
        assert!(Instant::now() < deadline, "no message for the broken file");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(harness.state().layers().layers.len(), 1, "the app keeps running with its layer");
    // Dropped files go to the recent files, saved in the (isolated) config folder.
    let saved = std::fs::read_to_string(config.path().join("settings.json")).expect("settings saved");
    assert!(saved.contains("broken.tif"));
}

#[test]
fn the_map_shows_exact_palette_colours_on_the_gpu() {
    if !common::gpu_or_skip("the_map_shows_exact_palette_colours") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (600usize, 400usize);
    let (ras, values) = common::write_ras_fixture(dir.path(), w, h);
    let mut harness = common::app_harness(vec![PathBuf::from(&ras)], true);
    settle(&mut harness, 1);
    // Integer zoom, each data pixel 2 x 2 screen pixels. The centre lies 1.25 m past a pixel corner, so screen pixel
    // centres fall a quarter or three quarters into data pixels, never on an edge, whatever the viewport's size.
    let res = 5.0;
    let center = [4_401_501.25, 3_698_801.25];
    harness.state_mut().set_camera(Camera { center, res });
    settle(&mut harness, 1);
    let image = harness.render().expect("rendered");
    let camera = harness.state().camera().expect("camera");
    assert_eq!(camera, Camera { center, res });
    // The map viewport in pixels, rounded as egui rounds a paint callback's viewport (pixels_per_point is 1).
    let rect = harness.state().map_rect().expect("map drawn");
    let (left, top) = (rect.min.x.round() as f64, rect.min.y.round() as f64);
    let size = [rect.max.x.round() as f64 - left, rect.max.y.round() as f64 - top];
    let mut checked = 0;
    for sy in (top as u32 + 4..(top + size[1]) as u32 - 60).step_by(7) {
        for sx in (left as u32 + 4..(left + size[0]) as u32 - 4).step_by(5) {
            let local = [sx as f64 - left + 0.5, sy as f64 - top + 0.5];
            let m = camera.screen_to_map(size, local);
            let (col, row) = (((m[0] - 4_400_000.0) / 10.0).floor(), ((3_700_000.0 - m[1]) / 10.0).floor());
            if col < 0.0 || row < 0.0 || col >= w as f64 || row >= h as f64 {
                continue;
            }
            let value = values[row as usize * w + col as usize];
            if value == 255 {
                continue; // nodata: transparent over the panel background
            }
            let expected = common::expected_rgba(value);
            let got = image.get_pixel(sx, sy).0;
            assert_eq!(got, expected, "screen ({sx}, {sy}) -> data ({col}, {row}) value {value}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "checked {checked} pixels");
}

#[test]
fn no_file_opens_the_demo_labelled_synthetic() {
    let _config = isolated_config();
    let mut harness =
        Harness::builder().with_size(egui::vec2(1400.0, 800.0)).build_eframe(|cc| ViewerApp::new(cc, Vec::new()));
    settle(&mut harness, 4);
    assert_eq!(harness.state().layers().layers.len(), 4, "RAS, RASCL, RASDL and RASPL");
    assert_eq!(harness.query_all_by_label("Synthetic demo data, not a CLMS product").count(), 4);
    harness.get_by_label("RAS 2023 E44N36");
}

#[test]
fn the_map_gets_the_room_and_the_panels_fold_away_and_are_remembered() {
    let config = isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 600, 400);
    let open = |paths: Vec<std::path::PathBuf>| {
        Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_pixels_per_point(1.0)
            .build_eframe(move |cc| ViewerApp::new(cc, paths))
    };
    let mut harness = open(vec![ras.clone()]);
    settle(&mut harness, 1);
    let map = |h: &Harness<'_, ViewerApp>| h.state().map_rect().expect("map").width();
    // Both side panels narrow by default: about a fifth of the width each, the map more than half.
    assert!(map(&harness) >= 0.55 * 1280.0, "the map is {} points wide", map(&harness));
    // F9 and F10 fold the layers and the analysis panel away; the map takes the whole width.
    harness.key_press(egui::Key::F9);
    harness.key_press(egui::Key::F10);
    harness.run_steps(3);
    assert!(harness.query_by_label("Layers").is_none(), "the layers panel is folded");
    assert!(map(&harness) >= 1270.0, "the map is {} points wide", map(&harness));
    // The layout is saved as it changes, and the next start shows it so.
    let saved = std::fs::read_to_string(config.path().join("settings.json")).expect("settings saved");
    let layout: serde_json::Value = serde_json::from_str(&saved).expect("JSON");
    assert_eq!(
        (layout["layout"]["layers_open"].clone(), layout["layout"]["analysis_open"].clone()),
        (false.into(), false.into())
    );
    drop(harness);
    let mut again = open(vec![ras]);
    settle(&mut again, 1);
    assert!(again.query_by_label("Layers").is_none(), "still folded at the next start");
    again.key_press(egui::Key::F9);
    again.run_steps(3);
    again.get_by_label("Layers");
}
