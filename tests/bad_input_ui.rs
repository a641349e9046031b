//! Odd situations in the window: a file deleted or replaced while it is open, and a folder of 1000 files. Each ends
//! with a message naming the file and the reason, and the window goes on working.

mod common;

use std::path::Path;

use common::{isolated_config, settle, step_until, write_byte_layer_on, write_ras_fixture};
use eframe::egui;
use egui_kittest::kittest::Queryable;

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_file_deleted_while_open_is_reported_when_it_is_read_again() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = write_ras_fixture(dir.path(), 1500, 1100);
    let mut harness = common::app_harness(vec![ras.clone()], false);
    settle(&mut harness, 1);

    std::fs::remove_file(&ras).unwrap();
    // Whole-file counts open the file afresh.
    harness.get_by_label("the whole file").click();
    let name = name_of(&ras);
    step_until(&mut harness, "the message", |app| app.messages().any(|m| m.contains(&name)));
    let (level, message) = harness.state().messages_with_level().find(|(_, m)| m.contains(&name)).unwrap();
    assert!(message.contains("deleted, moved or renamed"), "{message}");
    assert_eq!(level, clcplus_viewer::ui::Level::Error, "a failure reads as an error, in the error colour");
    // The window goes on: the layer stays, the map still pans.
    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(3);
    assert_eq!(harness.state().layers().layers.len(), 1);
}

#[test]
fn a_file_replaced_while_open_gives_messages_not_a_crash() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = write_ras_fixture(dir.path(), 3000, 2000);
    let mut harness = common::app_harness(vec![ras.clone()], false);
    settle(&mut harness, 1);

    // Overwritten in place by something that is not a raster: the open handles now read a short text file.
    std::fs::write(&ras, "not a GeoTIFF any more\n").unwrap();
    harness.key_press(egui::Key::Num1);
    harness.get_by_label("the whole file").click();
    let name = name_of(&ras);
    step_until(&mut harness, "the recount's message", |app| {
        app.messages().any(|m| m.contains(&name) && m.contains("not a raster file GDAL can read")) && app.is_idle()
    });
    harness.run_steps(20);
    let messages: Vec<String> = harness.state().messages().map(String::from).collect();
    assert!(messages.len() <= 3, "one line per distinct failure, not one per frame: {messages:?}");
    assert!(
        messages.iter().any(|m| m.contains(&name) && m.contains("not a raster file GDAL can read")),
        "the recount says the file is no raster now: {messages:?}"
    );
    assert!(messages.iter().all(|m| !m.contains("internal error")), "no worker panicked: {messages:?}");
    harness.key_press(egui::Key::Num0);
    harness.run_steps(3);
    assert_eq!(harness.state().layers().layers.len(), 1);
}

#[test]
fn a_folder_of_1000_files_opens_its_40_adjacent_tiles_as_one_mosaic_layer() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    // 40 small tiles side by side, named by no convention, among 960 other files (sidecars, notes, files without an
    // extension).
    let values = common::ras_pattern(64, 64);
    for i in 0..40 {
        let path = dir.path().join(format!("tile_{i:02}.tif"));
        let gt = [4_400_000.0 + i as f64 * 640.0, 10.0, 0.0, 3_700_000.0, 0.0, -10.0];
        write_byte_layer_on(&path, (64, 64), &values, gt, Some(3035), true);
    }
    for i in 0..960 {
        let name = match i % 3 {
            0 => format!("notes_{i}.txt"),
            1 => format!("tile_{i}.tif.aux.xml"),
            _ => format!("readme_{i}"),
        };
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1000);

    // The folder is listed, its rasters grouped and identified on the opener thread; the window draws frames
    // meanwhile.
    let mut harness = common::app_harness(vec![dir.path().to_path_buf()], false);
    settle(&mut harness, 1);
    let app = harness.state();
    assert_eq!(app.layers().layers.len(), 1, "one layer, not 40");
    let layer = &app.layers().layers[0];
    assert_eq!(layer.info.mosaic.as_ref().map(|m| m.tiles.len()), Some(40));
    assert_eq!(layer.info.meta.size, (40 * 64, 64));
    // Named by no convention, but coloured in the official RAS palette: recognised by it, and the window says so.
    assert_eq!(layer.info.product.as_ref().map(|p| p.layer.canonical()), Some("RAS"));
    assert!(matches!(layer.info.identity, clcplus_viewer::product::Identity::Palette { .. }));
    assert_eq!(layer.title(), "RAS mosaic (40 tiles)");
    // No message but the one of a window without a GPU (this test runs without one).
    assert!(app.messages().all(|m| m.contains("GPU")), "{:?}", app.messages().collect::<Vec<_>>());
    assert_eq!(app.opening(), 0, "the status bar no longer says files are opening");
}
