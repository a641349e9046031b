//! Sessions and tours (issue 17) in the real window (egui_kittest) and through `render --session`: what the user sees
//! is saved, opened again the same, drawn the same pixel for pixel; a missing file or a malformed session is reported
//! and the rest goes on; bookmarks step with PageDown and PageUp in presentation mode.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::{Camera, Session};
use common::{isolated_config, settle, step_until};
use eframe::egui;
use egui_kittest::Harness;

fn app(paths: Vec<PathBuf>) -> Harness<'static, ViewerApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_pixels_per_point(1.0)
        .build_eframe(move |cc| ViewerApp::new(cc, paths))
}

/// A RAS tile and a second layer of the same grid, in `dir/data`.
fn two_layers(dir: &Path) -> Vec<PathBuf> {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let (ras, _) = common::write_ras_fixture(&data, 700, 500);
    let other = data.join("landcover_other.tif");
    common::write_byte_layer(&other, (700, 500), &common::banded(700, 500), 10.0, true);
    vec![other, ras]
}

/// Steps until no session is being opened and the layers have settled.
fn open_settled(harness: &mut Harness<'_, ViewerApp>, layers: usize) {
    settle(harness, layers);
}

fn render_session(session: &Path, out: &Path) -> Vec<u8> {
    let args = [
        "render",
        "--session",
        session.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--size",
        "480x320",
    ];
    common::render(&args).2
}

#[test]
fn a_session_round_trips_through_the_window_and_render() {
    let config = isolated_config();
    let dir = config.path();
    let mut harness = app(two_layers(dir));
    open_settled(&mut harness, 2);
    // Shape the view: a camera, a hidden class and a highlight on RAS, the other layer half transparent.
    let camera = Camera { center: [4_402_345.0, 3_697_650.0], res: 4.0 };
    harness.state_mut().set_camera(camera);
    {
        let app = harness.state_mut();
        let ids: Vec<u32> = app.layers().layers.iter().map(|l| l.id).collect();
        app.layer_mut(ids[0]).expect("RAS on top").set_hidden(3, true);
        app.layer_mut(ids[0]).expect("RAS").set_highlight(Some(7));
        app.layer_mut(ids[1]).expect("other").opacity = 0.5;
    }
    harness.state_mut().add_bookmark();
    harness.run_steps(2);
    let first = dir.join("lesson.json");
    harness.state_mut().save_session(&first).expect("saved");
    let saved = Session::read(&first).expect("a session");
    assert_eq!(saved.layers.len(), 2);
    assert_eq!(saved.layers[0].paths, vec!["data/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif"], "relative");
    assert_eq!((saved.layers[0].hidden.clone(), saved.layers[0].highlight), (vec![3], Some(7)));
    assert_eq!(saved.layers[1].opacity, 0.5);
    assert_eq!(saved.camera, Some(camera));
    assert_eq!(saved.bookmarks.len(), 1);
    drop(harness);

    // Opened again (as `clcplus-viewer lesson.json` does), it is the same view, and saves the same session.
    let mut again = app(vec![first.clone()]);
    step_until(&mut again, "the session", |app| {
        app.layers().layers.len() == 2 && app.is_idle() && app.camera() == Some(camera)
    });
    let app = again.state();
    let ras = &app.layers().layers[0];
    assert!(ras.title().starts_with("RAS 2023"), "the order is kept: {}", ras.title());
    assert!(ras.filter().hidden.contains(&3) && ras.filter().highlight == Some(7));
    assert_eq!(app.layers().layers[1].opacity, 0.5);
    assert_eq!(app.bookmarks().len(), 1);
    let second = dir.join("again.json");
    again.state_mut().save_session(&second).expect("saved");
    assert_eq!(Session::read(&second).expect("session"), saved);

    // The same picture from both, through the command line.
    if common::gpu_or_skip("session render") {
        let a = render_session(&first, &dir.join("a.png"));
        let b = render_session(&second, &dir.join("b.png"));
        assert_eq!(a, b, "the same view pixel for pixel");
        assert!(a.chunks(4).any(|p| p[3] == 255), "something is drawn");
    }
}

#[test]
fn a_missing_file_is_named_and_the_rest_opens_and_a_malformed_session_changes_nothing() {
    let config = isolated_config();
    let dir = config.path();
    let mut harness = app(two_layers(dir));
    open_settled(&mut harness, 2);
    let path = dir.join("s.json");
    harness.state_mut().save_session(&path).expect("saved");
    drop(harness);
    // The second layer's file goes missing.
    std::fs::remove_file(dir.join("data").join("landcover_other.tif")).expect("removed");
    let mut harness = app(vec![path.clone()]);
    step_until(&mut harness, "the session", |app| app.layers().layers.len() == 1 && app.is_idle());
    harness.run_steps(3);
    let messages: Vec<String> = harness.state().messages().map(String::from).collect();
    assert!(messages.iter().any(|m| m.contains("landcover_other.tif")), "{messages:?}");
    // A malformed session: a message naming it, and the view as it was.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ \"format\": \"clcplus-viewer session\", \"layers\": [ oops").expect("written");
    harness.state_mut().open_session(&broken);
    harness.run_steps(3);
    assert_eq!(harness.state().layers().layers.len(), 1, "nothing changed");
    assert!(harness.state().messages().any(|m| m.contains("broken.json")));
}

#[test]
fn a_tour_steps_through_bookmarks_with_page_down_and_page_up() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = app(two_layers(dir.path()));
    open_settled(&mut harness, 2);
    let views = [
        Camera { center: [4_401_000.0, 3_699_000.0], res: 2.0 },
        Camera { center: [4_405_000.0, 3_696_000.0], res: 8.0 },
    ];
    for camera in views {
        harness.state_mut().set_camera(camera);
        harness.state_mut().add_bookmark();
    }
    harness.state_mut().set_camera(Camera { center: [4_403_500.0, 3_697_500.0], res: 12.0 });
    harness.key_press(egui::Key::F11);
    harness.run_steps(2);
    assert!(harness.state().presenting());
    let land = |harness: &mut Harness<'_, ViewerApp>, want: Camera| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while harness.state().camera() != Some(want) {
            assert!(Instant::now() < deadline, "the flight never landed: {:?}", harness.state().camera());
            harness.step();
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    harness.key_press(egui::Key::PageDown);
    land(&mut harness, views[0]);
    harness.key_press(egui::Key::PageDown);
    // On the way the camera is between the two views.
    harness.step();
    std::thread::sleep(Duration::from_millis(300));
    harness.step();
    let mid = harness.state().camera().expect("camera");
    assert!(mid.res > views[0].res && mid.res < views[1].res, "flying: {mid:?}");
    land(&mut harness, views[1]);
    harness.key_press(egui::Key::PageDown);
    harness.run_steps(2);
    harness.key_press(egui::Key::PageUp);
    land(&mut harness, views[0]);
}
