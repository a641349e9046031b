//! The analysis panel driven through the real app with egui_kittest: the inspector, the legend's class filters and
//! the counts of the view.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::Camera;
use common::{isolated_config, settle, step_until};
use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

#[test]
fn hovering_the_map_shows_the_base_level_value_of_every_layer() {
    let _config = isolated_config();
    let files = clcplus_viewer::demo::find_demo_files().expect("demo");
    let mut harness =
        Harness::builder().with_size(egui::vec2(1400.0, 800.0)).build_eframe(|cc| ViewerApp::new(cc, files.clone()));
    settle(&mut harness, 4);
    let rect = harness.state().map_rect().expect("map");
    let pos = rect.center() + egui::vec2(13.0, -27.0);
    harness.hover_at(pos);
    step_until(&mut harness, "inspector values", |app| app.inspected().is_some_and(|r| r.values.len() == 4));
    let result = harness.state().inspected().cloned().expect("values");
    // The oracle: the gdal crate reading each file's base level at the same point.
    for v in &result.values {
        let layer = harness.state().layers().layers.iter().find(|l| l.id == v.layer_id).expect("layer");
        let ds = gdal::Dataset::open(&layer.info.path).expect("open");
        let gt = ds.geo_transform().expect("geotransform");
        let col = ((result.point[0] - gt[0]) / gt[1]).floor() as isize;
        let row = ((result.point[1] - gt[3]) / gt[5]).floor() as isize;
        let direct = ds.rasterband(1).expect("band").read_as::<f64>((col, row), (1, 1), (1, 1), None).expect("read");
        assert_eq!(v.value.clone().expect("read ok"), Some(direct.data()[0]), "{}", layer.info.name);
        // The inspector's line: code and class name for classes, the measured value as it reads otherwise.
        let meaning = layer.info.describe_value(direct.data()[0]);
        let text = if layer.info.is_categorical() { format!("{}  {meaning}", direct.data()[0]) } else { meaning };
        harness.get_by_label(&text);
    }
    // A click pins the point; the CSV has one row a point and one column a layer.
    harness.get_by_label("0 pinned point(s)");
    harness.hover_at(pos);
    harness.drag_at(pos);
    harness.drop_at(pos);
    step_until(&mut harness, "a pinned point", |app| !app.pinned().is_empty());
    let app = harness.state();
    let ids: Vec<u32> = app.layers().layers.iter().map(|l| l.id).collect();
    let names: Vec<String> = app.layers().layers.iter().map(|l| l.info.name.clone()).collect();
    let csv = clcplus_viewer::ui::pinned_csv(app.pinned(), &ids, &names);
    let mut lines = csv.lines();
    assert_eq!(lines.next().map(|h| h.split(',').count()), Some(6), "x, y and four layers");
    let row: Vec<&str> = lines.next().expect("a row").split(',').collect();
    assert_eq!(row.len(), 6);
    assert!(row[2..].iter().all(|v| v.parse::<f64>().is_ok()), "{row:?}");
}

#[test]
fn legend_filters_change_the_colours_on_screen() {
    if !common::gpu_or_skip("legend_filters_change_the_colours_on_screen") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 600, 400);
    let mut harness = common::app_harness(vec![PathBuf::from(&ras)], true);
    settle(&mut harness, 1);
    let count = |harness: &mut Harness<'_, ViewerApp>, rgba: [u8; 4]| -> usize {
        let rect = harness.state().map_rect().expect("map");
        let image = harness.render().expect("render");
        let mut n = 0;
        for y in rect.min.y as u32..rect.max.y as u32 {
            for x in rect.min.x as u32..rect.max.x as u32 {
                n += (image.get_pixel(x, y).0 == rgba) as usize;
            }
        }
        n
    };
    let sealed = [255, 0, 0, 255];
    let water = [0, 128, 255, 255];
    let (sealed_before, water_before) = (count(&mut harness, sealed), count(&mut harness, water));
    assert!(sealed_before > 100 && water_before > 100);
    harness.get_by_label("None").click();
    settle(&mut harness, 1);
    assert_eq!((count(&mut harness, sealed), count(&mut harness, water)), (0, 0), "every class hidden");
    harness.get_by_label("All").click();
    settle(&mut harness, 1);
    assert_eq!(count(&mut harness, sealed), sealed_before);
    // Highlight water: it keeps its colour, sealed is dimmed (no longer the opaque palette red).
    harness.get_by_label("Water").click();
    settle(&mut harness, 1);
    let layer = &harness.state().layers().layers[0];
    assert_eq!(layer.filter().highlight, Some(10));
    assert_eq!(count(&mut harness, water), water_before);
    assert_eq!(count(&mut harness, sealed), 0);
    harness.get_by_label("Clear highlight").click();
    settle(&mut harness, 1);
    assert_eq!(count(&mut harness, sealed), sealed_before);
}

#[test]
fn a_large_view_is_counted_on_an_overview_until_count_exactly_is_pressed() {
    let config = isolated_config();
    // A live bound of 1 million pixels: the 9-million-pixel tile is a large view.
    std::fs::write(config.path().join("settings.json"), r#"{"exact_view_mpx": 1}"#).expect("settings");
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, values) = common::write_ras_fixture(dir.path(), 3000, 3000);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_pixels_per_point(1.0)
        .build_eframe(|cc| ViewerApp::new(cc, vec![PathBuf::from(&ras)]));
    settle(&mut harness, 1);
    // The whole tile in view: counted on an overview within the bound, and said to be approximate.
    let id = harness.state().layers().layers[0].id;
    let (level, _) = harness.state().view_stats(id).expect("the view is counted");
    assert!(level > 0, "counted on an overview");
    harness.get_by_label(&format!("counts of the view: approximate, level {level}"));
    // The user asks for the exact count: every base-level pixel of the view.
    harness.get_by_label("Count exactly").click();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        harness.step();
        if harness.state().view_stats(id).is_some_and(|(level, _)| level == 0) && harness.state().is_idle() {
            break;
        }
        assert!(Instant::now() < deadline, "no exact counts");
        std::thread::sleep(Duration::from_millis(2));
    }
    harness.run_steps(2);
    harness.get_by_label("counts of the view: exact (base level)");
    // The exact counts are those of the pixels whose centres are in view.
    let app = harness.state();
    let camera: Camera = app.camera().expect("camera");
    let rect = app.map_rect().expect("map");
    // The viewport in physical pixels, rounded as the app (and egui) round it.
    let size = [(rect.max.x.round() - rect.min.x.round()) as f64, (rect.max.y.round() - rect.min.y.round()) as f64];
    let view = camera.visible_extent(size);
    let window = clcplus_viewer::stats::bbox_window(view, (4_400_000.0, 3_700_000.0), (10.0, 10.0), (3000, 3000))
        .expect("window");
    let mut sealed = 0u64;
    for r in window.y..window.y + window.h {
        for c in window.x..window.x + window.w {
            sealed += (values[r * 3000 + c] == 1) as u64;
        }
    }
    let (_, table) = app.view_stats(app.layers().layers[0].id).expect("stats");
    assert_eq!(table.rows.iter().find(|r| r.value == 1).map(|r| r.count), Some(sealed));
}

#[test]
fn whole_file_counts_are_exact_and_shown_with_a_histogram() {
    let config = isolated_config();
    // A wide analysis panel: the legend shows areas in a column of their own.
    std::fs::write(config.path().join("settings.json"), r#"{"layout": {"analysis_width": 520}}"#).expect("settings");
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, values) = common::write_ras_fixture(dir.path(), 1500, 1100);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(|cc| ViewerApp::new(cc, vec![PathBuf::from(&ras)]));
    settle(&mut harness, 1);
    // Zoom in, so the view holds only part of the file.
    harness.key_press(egui::Key::Num1);
    settle(&mut harness, 1);
    harness.get_by_label("the whole file").click();
    let id = harness.state().layers().layers[0].id;
    step_until(&mut harness, "whole-file counts", |app| app.file_stats(id).is_some() && app.is_idle());
    harness.get_by_label("counts of the whole file: exact (base level)");
    harness.get_by_label("Export CSV…");
    let table = harness.state().file_stats(id).expect("counted").clone();
    assert_eq!(table.total_pixels, 1500 * 1100);
    for row in &table.rows {
        let direct = values.iter().filter(|&&v| v as u32 == row.value).count() as u64;
        assert_eq!(row.count, direct, "value {}", row.value);
    }
    let (_, view) = harness.state().view_stats(id).expect("view counted");
    assert!(view.total_pixels < table.total_pixels, "the view is a part of the file");
    // Areas in km2, then in hectares: a 10 m pixel is 0.0001 km2 and 0.01 ha.
    let sealed = values.iter().filter(|&&v| v == 1).count();
    harness.get_by_label(&format!("{:.4} km2", sealed as f64 / 10_000.0));
    harness.get_by_label("ha").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("{:.2} ha", sealed as f64 / 100.0));
}

#[test]
fn confidence_by_class_pairs_ras_with_its_rascl() {
    let _config = isolated_config();
    let files = clcplus_viewer::demo::find_demo_files().expect("demo");
    let mut harness = common::app_harness(files, false);
    settle(&mut harness, 4);
    harness.get_by_label("Confidence by class: RAS 2023 E44N36 x RASCL 2023 E44N36");
    let app = harness.state();
    let ras = app.layers().layers.iter().find(|l| l.info.name.contains("_RAS_")).expect("RAS");
    let conf = app.layers().layers.iter().find(|l| l.info.name.contains("_RASCL_")).expect("RASCL");
    let pairs = app.pair_counts(ras.id).expect("joint counts of the view");
    // The oracle: both layers read with the gdal crate over the window of the view, paired pixel by pixel.
    let rect = app.map_rect().expect("map");
    let size = [(rect.max.x.round() - rect.min.x.round()) as f64, (rect.max.y.round() - rect.min.y.round()) as f64];
    let view = app.camera().expect("camera").visible_extent(size);
    let gt = ras.info.meta.geo_transform.expect("georeferenced");
    let w =
        clcplus_viewer::stats::bbox_window(view, (gt[0], gt[3]), (gt[1], -gt[5]), ras.info.meta.size).expect("window");
    let read = |path: &str| {
        let ds = gdal::Dataset::open(path).expect("open");
        let band = ds.rasterband(1).expect("band");
        band.read_as::<u8>((w.x as isize, w.y as isize), (w.w, w.h), (w.w, w.h), None)
            .expect("read")
            .into_shape_and_vec()
            .1
    };
    let (a, b) = (read(&ras.info.path), read(&conf.info.path));
    let mut direct = std::collections::BTreeMap::new();
    for (x, y) in a.iter().zip(&b) {
        *direct.entry((*x as u32, *y as u32)).or_insert(0u64) += 1;
    }
    assert_eq!(pairs.0, direct);
}
