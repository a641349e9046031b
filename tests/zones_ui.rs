//! Zones in the real window (egui_kittest, lavapipe): a GeoPackage in EPSG:4326 opened with a RAS tile in
//! EPSG:3035 is drawn over it; a click on a zone selects it and its class table is counted exactly, equal to
//! exactextract's for that zone; Shift+click adds a second zone; the selection is drawn in its own colour.

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
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/zonal.py");
    let out = Command::new(&python).arg(script).arg("coverage").arg(&ras).arg(&geojson).arg("name").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let oracle: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = oracle["Ærøskøbing"].as_object().expect("the oracle's zone");
    let table = harness.state().zone_table().expect("table").clone();
    let nonzero = expected.values().filter(|v| v.as_f64().unwrap() > 0.0).count();
    assert_eq!(table.rows.len(), nonzero, "{:?}", table.rows);
    for row in &table.rows {
        assert_eq!(row.zone, "Ærøskøbing");
        let want = expected[&row.value.to_string()].as_f64().unwrap();
        assert!((row.pixels - want).abs() < 1e-3, "value {}: ours {}, exactextract {want}", row.value, row.pixels);
    }
    // The shown rows: each class of the zone with its area.
    let first = &table.rows[0];
    harness.get_by_label(&format!("{} {}", first.value, first.class_name));
    harness.get_by_label(&format!("{:.4}", first.area_km2.unwrap()));

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
