//! Zones in the real window (egui_kittest, lavapipe): a GeoPackage in EPSG:4326 opened with a RAS tile in
//! EPSG:3035 is drawn over it; a click on a zone selects it and its class table is counted exactly, equal to
//! exactextract's for that zone; Shift+click adds a second zone; the selection is drawn in its own colour. A
//! Shift+drag box selects the zones it touches, and a rectangle drawn with Z becomes a zone of its own, counted
//! exactly.

mod common;

use std::path::Path;
use std::process::Command;

use eframe::egui;
use egui_kittest::kittest::Queryable;

use common::big_fixtures::{star_ring, zones_geojson, XorShift};
use common::{isolated_config, step_until, write_ras_fixture, zonal_oracle_or_skip, FIXTURE_ORIGIN};

/// Three zones over the 600 x 400 px fixture (x 4 400 000 - 4 406 000, y 3 696 000 - 3 700 000), written as a
/// GeoPackage in EPSG:4326 by ogr2ogr; returns it, the same zones in EPSG:3035 as GeoJSON (for the oracle), and
/// their centres.
fn write_zones(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, Vec<(f64, f64)>) {
    let mut rng = XorShift(7);
    let centres = [(1200.0, 1500.0), (3000.0, 2000.0), (4800.0, 1300.0)]
        .map(|(dx, dy)| (FIXTURE_ORIGIN.0 + dx, FIXTURE_ORIGIN.1 - dy));
    let names = ["Kőszeg", "Ærøskøbing", "Zürich"];
    let zones: Vec<_> = names
        .iter()
        .zip(centres)
        .map(|(name, c)| (name.to_string(), vec![vec![star_ring(&mut rng, c, 700.0, 24)]]))
        .collect();
    let geojson = dir.join("zones.geojson");
    std::fs::write(&geojson, zones_geojson(&zones)).unwrap();
    let gpkg = dir.join("zones.gpkg");
    let out = Command::new("ogr2ogr")
        .args(["-f", "GPKG", "-t_srs", "EPSG:4326"])
        .arg(&gpkg)
        .arg(&geojson)
        .output()
        .expect("ogr2ogr");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (gpkg, geojson, centres.to_vec())
}

/// Where map point `p` is on the screen.
fn on_screen(harness: &egui_kittest::Harness<'_, clcplus_viewer::ui::ViewerApp>, p: (f64, f64)) -> egui::Pos2 {
    let rect = harness.state().map_rect().expect("map");
    let camera = harness.state().camera().expect("camera");
    let x = (p.0 - camera.center[0]) / camera.res + rect.width() as f64 / 2.0;
    let y = (camera.center[1] - p.1) / camera.res + rect.height() as f64 / 2.0;
    rect.min + egui::vec2(x as f32, y as f32)
}

/// The map point at screen position `pos`.
fn on_map(harness: &egui_kittest::Harness<'_, clcplus_viewer::ui::ViewerApp>, pos: egui::Pos2) -> (f64, f64) {
    let rect = harness.state().map_rect().expect("map");
    let camera = harness.state().camera().expect("camera");
    let (x, y) = ((pos.x - rect.min.x) as f64, (pos.y - rect.min.y) as f64);
    (
        camera.center[0] + (x - rect.width() as f64 / 2.0) * camera.res,
        camera.center[1] - (y - rect.height() as f64 / 2.0) * camera.res,
    )
}

/// Drags the mouse from `a` to `b` over a few frames.
fn drag(harness: &mut egui_kittest::Harness<'_, clcplus_viewer::ui::ViewerApp>, a: egui::Pos2, b: egui::Pos2) {
    harness.hover_at(a);
    harness.run_steps(1);
    harness.drag_at(a);
    harness.run_steps(1);
    for t in [0.25, 0.5, 0.75, 1.0] {
        harness.hover_at(a + (b - a) * t);
        harness.run_steps(1);
    }
    harness.drop_at(b);
    harness.run_steps(2);
}

/// The oracle's pixels per value of zone `name` of `zones` over `raster`.
fn exactextract(python: &Path, raster: &Path, zones: &Path, name: &str) -> serde_json::Map<String, serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/zonal.py");
    let out = Command::new(python).arg(script).arg("coverage").arg(raster).arg(zones).arg("name").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let oracle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    oracle[name].as_object().expect("the oracle's zone").clone()
}

/// Every row of `table` equals the oracle's pixels of its value, and every value of the oracle has a row.
fn assert_table(
    table: &clcplus_viewer::stats::ZonalTable,
    expected: &serde_json::Map<String, serde_json::Value>,
    zone: &str,
) {
    let nonzero = expected.values().filter(|v| v.as_f64().unwrap() > 0.0).count();
    assert_eq!(table.rows.len(), nonzero, "{:?}", table.rows);
    for row in &table.rows {
        assert_eq!(row.zone, zone);
        let want = expected[&row.value.to_string()].as_f64().unwrap();
        assert!((row.pixels - want).abs() < 1e-3, "value {}: ours {}, exactextract {want}", row.value, row.pixels);
    }
}

fn click(harness: &mut egui_kittest::Harness<'_, clcplus_viewer::ui::ViewerApp>, pos: egui::Pos2, shift: bool) {
    harness.hover_at(pos);
    harness.run_steps(1);
    let modifiers = if shift { egui::Modifiers::SHIFT } else { egui::Modifiers::NONE };
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers });
    }
    harness.run_steps(2);
}

#[test]
fn a_clicked_zone_gets_its_exact_class_table_and_shift_click_adds_another() {
    if !common::gpu_or_skip("zones in the window") {
        return;
    }
    let Some(python) = zonal_oracle_or_skip("zones in the window") else { return };
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = write_ras_fixture(dir.path(), 600, 400);
    let (gpkg, geojson, centres) = write_zones(dir.path());
    let mut harness = common::app_harness(vec![ras.clone(), gpkg], true);
    step_until(&mut harness, "the zones", |app| app.zone_layers().len() == 1 && app.is_idle());
    let (name, count, selected) = harness.state().zone_layers()[0].clone();
    assert_eq!((name.as_str(), count, selected.len()), ("zones.gpkg", 3, 0));
    harness.get_by_label("zones.gpkg");

    // A click on the second zone selects it and counts its classes.
    let pos = on_screen(&harness, centres[1]);
    click(&mut harness, pos, false);
    step_until(&mut harness, "the zone's table", |app| app.zone_table().is_some() && app.is_idle());
    assert_eq!(harness.state().zone_layers()[0].2, [1]);
    assert!(harness.state().pinned().is_empty(), "a click on a zone pins nothing");
    harness.get_by_label("Zone of zones.gpkg");
    harness.get_by_label("Ærøskøbing");

    // The table equals exactextract's for that zone (the oracle reads the EPSG:3035 original; ours was
    // reprojected from EPSG:4326 and back, which moves points by far less than a millimetre).
    let table = harness.state().zone_table().expect("table").clone();
    assert_table(&table, &exactextract(&python, &ras, &geojson, "Ærøskøbing"), "Ærøskøbing");
    // The shown rows: each class of the zone with its area.
    let first = &table.rows[0];
    harness.get_by_label(&format!("{} {}", first.value, first.class_name));
    harness.get_by_label(&format!("{:.4}", first.area_km2.unwrap()));

    // Counts of "the selected zones": the layer's legend shows the zone's areas and shares.
    harness.get_by_label("the selected zones").click();
    harness.run_steps(2);
    let layer = harness.state().layers().layers[0].id;
    let legend = harness.state().legend_table(layer).expect("the legend's table").clone();
    let mapped: f64 = table.rows.iter().filter(|r| !r.technical).map(|r| r.pixels).sum();
    for row in &table.rows {
        let shown = legend.rows.iter().find(|r| r.value == row.value).expect("the class in the legend");
        assert!((shown.area_km2 - row.area_km2.unwrap()).abs() < 1e-12, "{shown:?} {row:?}");
        if !row.technical {
            assert!((shown.area_perc.unwrap() - row.pixels * 100.0 / mapped).abs() < 1e-9);
        }
    }

    // Shift+click adds the third zone; the table then has rows of both.
    let pos = on_screen(&harness, centres[2]);
    click(&mut harness, pos, true);
    step_until(&mut harness, "two zones' table", |app| {
        app.zone_table().is_some_and(|t| t.rows.iter().any(|r| r.zone == "Zürich")) && app.is_idle()
    });
    assert_eq!(harness.state().zone_layers()[0].2, [1, 2]);
    let zones: std::collections::BTreeSet<String> =
        harness.state().zone_table().unwrap().rows.iter().map(|r| r.zone.clone()).collect();
    assert_eq!(zones.into_iter().collect::<Vec<_>>(), ["Zürich", "Ærøskøbing"]);

    // On screen, the selected zones' outline is drawn in the selection colour (yellow) near their centres' rows.
    let image = harness.render().expect("rendered");
    let yellow = image.pixels().filter(|p| p[0] > 230 && p[1] > 190 && p[1] < 230 && p[2] < 40).count();
    assert!(yellow > 100, "the selection is outlined ({yellow} px)");
}

#[test]
fn a_shift_drag_box_selects_the_zones_it_touches_and_a_drawn_rectangle_is_counted_exactly() {
    if !common::gpu_or_skip("zone box and drawing") {
        return;
    }
    let Some(python) = zonal_oracle_or_skip("zone box and drawing") else { return };
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = write_ras_fixture(dir.path(), 600, 400);
    let (gpkg, _, centres) = write_zones(dir.path());
    let mut harness = common::app_harness(vec![ras.clone(), gpkg], true);
    step_until(&mut harness, "the zones", |app| app.zone_layers().len() == 1 && app.is_idle());

    // A box from the first zone's centre to the second's touches those two, not the third.
    let (a, b) = (on_screen(&harness, centres[0]), on_screen(&harness, centres[1]));
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    drag(&mut harness, a, b);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(1);
    assert_eq!(harness.state().zone_layers()[0].2, [0, 1]);
    let camera = harness.state().camera();
    step_until(&mut harness, "the two zones' table", |app| app.zone_table().is_some() && app.is_idle());
    assert_eq!(harness.state().camera(), camera, "the box did not pan the map");

    // Z, then a drag: a rectangle zone of its own, selected alone and counted.
    harness.key_press(egui::Key::Z);
    harness.run_steps(1);
    let rect = harness.state().map_rect().unwrap();
    let (a, b) = (rect.center() + egui::vec2(-117.3, -61.7), rect.center() + egui::vec2(93.1, 48.9));
    drag(&mut harness, a, b);
    step_until(&mut harness, "the drawn zone's table", |app| {
        app.zone_table().is_some_and(|t| t.rows.iter().all(|r| r.zone == "Drawn zone 1")) && app.is_idle()
    });
    let layers = harness.state().zone_layers();
    assert_eq!(layers.len(), 2);
    assert_eq!((layers[0].2.len(), layers[1].0.as_str(), layers[1].2.as_slice()), (0, "Drawn zones", &[0u32][..]));
    let (p, q) = (on_map(&harness, a), on_map(&harness, b));
    let ring = vec![[p.0, p.1], [q.0, p.1], [q.0, q.1], [p.0, q.1], [p.0, p.1]];
    let drawn = dir.path().join("drawn.geojson");
    std::fs::write(&drawn, zones_geojson(&[("Drawn zone 1".to_string(), vec![vec![ring]])])).unwrap();
    let table = harness.state().zone_table().expect("table").clone();
    assert_table(&table, &exactextract(&python, &ras, &drawn, "Drawn zone 1"), "Drawn zone 1");
}

#[test]
fn with_two_years_open_a_zone_gets_its_class_areas_by_year() {
    if !common::gpu_or_skip("zones by year") {
        return;
    }
    let Some(python) = zonal_oracle_or_skip("zones by year") else { return };
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras_2023, _) = write_ras_fixture(dir.path(), 600, 400);
    let ras_2021 = common::write_ras(dir.path(), 2021, 600, 400, &common::ras_pattern_changed(600, 400));
    let (gpkg, geojson, centres) = write_zones(dir.path());
    let mut harness = common::app_harness(vec![ras_2023.clone(), ras_2021.clone(), gpkg], true);
    step_until(&mut harness, "the zones", |app| {
        app.zone_layers().len() == 1 && app.layers().layers.len() == 2 && app.is_idle()
    });
    let pos = on_screen(&harness, centres[0]);
    click(&mut harness, pos, false);
    step_until(&mut harness, "the tables by year", |app| app.zone_tables_by_year().len() == 2 && app.is_idle());
    harness.get_by_label("Class areas by year (km2, the selected zones together)");
    let by_year = harness.state().zone_tables_by_year().to_vec();
    assert_eq!(by_year.iter().map(|(y, _)| *y).collect::<Vec<_>>(), [2021, 2023]);
    for ((_, table), raster) in by_year.iter().zip([&ras_2021, &ras_2023]) {
        assert_table(table, &exactextract(&python, raster, &geojson, "Kőszeg"), "Kőszeg");
    }
    assert_ne!(by_year[0].1.rows, by_year[1].1.rows, "the years differ");
}

#[test]
fn a_session_keeps_the_zone_layers_and_how_they_are_drawn() {
    if !common::gpu_or_skip("zones in a session") || !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = write_ras_fixture(dir.path(), 600, 400);
    let (gpkg, _, _) = write_zones(dir.path());
    let mut harness = common::app_harness(vec![ras, gpkg], true);
    step_until(&mut harness, "the zones", |app| app.zone_layers().len() == 1 && app.is_idle());
    assert_eq!(harness.state().zone_layer_look(0), Some((true, true, None)));
    // Fills off and labels from the name field, in the Layers panel.
    harness.get_by_label("Fill").click();
    harness.get_by_value("No labels").click();
    harness.run_steps(2);
    harness.get_by_label("name").click();
    harness.run_steps(2);
    assert_eq!(harness.state().zone_layer_look(0), Some((true, false, Some("name".into()))));
    // And a zone drawn on the map.
    harness.key_press(egui::Key::Z);
    harness.run_steps(1);
    let rect = harness.state().map_rect().unwrap();
    drag(&mut harness, rect.center() - egui::vec2(50.0, 30.0), rect.center() + egui::vec2(40.0, 20.0));
    step_until(&mut harness, "the drawn zone", |app| app.zone_layers().len() == 2 && app.is_idle());
    let session = dir.path().join("lesson.json");
    harness.state_mut().save_session(&session).expect("saved");
    let text = std::fs::read_to_string(&session).unwrap();
    assert!(text.contains("\"zones\"") && text.contains("\"path\": \"zones.gpkg\""), "{text}");

    let mut reopened = common::app_harness(vec![session], true);
    step_until(&mut reopened, "the session's zones", |app| app.zone_layers().len() == 2 && app.is_idle());
    let layers = reopened.state().zone_layers();
    let file = layers.iter().position(|l| l.0 == "zones.gpkg").expect("the file's zones");
    assert_eq!(reopened.state().zone_layer_look(file), Some((true, false, Some("name".into()))));
    assert_eq!(layers[file].1, 3);
    assert!(layers.iter().any(|l| l.0 == "Drawn zones" && l.1 == 1), "{layers:?}");
}
