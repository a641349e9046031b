//! `accuracy report` (issue 19) against a published worked example: Olofsson et al. (2014, Remote Sensing of
//! Environment 148: 42-57, section 5 and table 8), rebuilt as a map of 10 000 000 pixels of 30 m (200 000, 150 000,
//! 3 200 000 and 6 450 000 per class) and 640 labelled samples with the paper's error matrix, written as a
//! GeoPackage by ogr2ogr. The expected figures are the paper's (its two misprinted producer's intervals as its
//! formulas give them); a sample outside the map and an unlabelled one are reported and left out.

mod common;

use std::process::Command;

use serde_json::Value;

use common::{run, write_byte_layer_on};

const WIDTH: usize = 2500;
/// Rows of each class, top to bottom: 200 000, 150 000, 3 200 000 and 6 450 000 pixels.
const ROWS: [usize; 4] = [80, 60, 1280, 2580];
const ORIGIN: (f64, f64) = (4_000_000.0, 3_000_000.0);
const MATRIX: [[usize; 4]; 4] = [[66, 0, 5, 4], [0, 55, 8, 12], [1, 0, 153, 11], [2, 1, 9, 313]];

#[test]
fn the_worked_example_of_olofsson_et_al_2014_is_reproduced_from_a_map_and_a_geopackage() {
    if !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let height: usize = ROWS.iter().sum();
    let mut values = Vec::with_capacity(WIDTH * height);
    for (class, rows) in ROWS.iter().enumerate() {
        values.extend(std::iter::repeat_n(class as u8 + 1, rows * WIDTH));
    }
    let map = dir.path().join("change_map.tif");
    let gt = [ORIGIN.0, 30.0, 0.0, ORIGIN.1, 0.0, -30.0];
    write_byte_layer_on(&map, (WIDTH, height), &values, gt, Some(3035), false);

    // The samples of each cell of the matrix at distinct pixel centres of their map class.
    let mut features = Vec::new();
    let mut first_row = 0;
    for (i, row) in MATRIX.iter().enumerate() {
        let mut k = 0;
        for (j, &n) in row.iter().enumerate() {
            for _ in 0..n {
                let (col, r) = ((k * 37) % WIDTH, first_row + (k * 53) % ROWS[i]);
                let (x, y) = (ORIGIN.0 + (col as f64 + 0.5) * 30.0, ORIGIN.1 - (r as f64 + 0.5) * 30.0);
                features.push(point(features.len(), x, y, Some(j + 1)));
                k += 1;
            }
        }
        first_row += ROWS[i];
    }
    // One sample far outside the map, one not labelled yet.
    features.push(point(features.len(), ORIGIN.0 - 5000.0, ORIGIN.1 + 5000.0, Some(1)));
    features.push(point(features.len(), ORIGIN.0 + 45.0, ORIGIN.1 - 45.0, None));
    let geojson = dir.path().join("samples.geojson");
    let doc = serde_json::json!({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3035"}},
        "features": features,
    });
    std::fs::write(&geojson, doc.to_string()).unwrap();
    let gpkg = dir.path().join("samples.gpkg");
    let out =
        Command::new("ogr2ogr").args(["-f", "GPKG", "-nln", "samples"]).arg(&gpkg).arg(&geojson).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = run(&["accuracy", "report", map.to_str().unwrap(), gpkg.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["n"], 640);
    assert_eq!(r["classes"], serde_json::json!([1, 2, 3, 4]));
    assert_eq!(r["error_matrix"], serde_json::json!(MATRIX));
    // The paper's table 8 in proportions of area.
    let areas = [
        [0.0176, 0.0, 0.0013, 0.0011],
        [0.0, 0.0110, 0.0016, 0.0024],
        [0.0019, 0.0, 0.2967, 0.0213],
        [0.0040, 0.0020, 0.0179, 0.6212],
    ];
    for (row, expected) in r["area_matrix"].as_array().unwrap().iter().zip(areas) {
        for (got, want) in row.as_array().unwrap().iter().zip(expected) {
            assert!((got.as_f64().unwrap() - want).abs() < 5e-5, "{row} vs {expected:?}");
        }
    }
    let notes = r["notes"].to_string();
    assert!(notes.contains("1 sample(s) outside the map") && notes.contains("1 sample(s) not labelled yet"), "{notes}");

    let close = |e: &Value, estimate: f64, ci: f64, tol: f64| {
        let (got, got_ci) = (e["estimate"].as_f64().unwrap(), e["ci95"].as_f64().unwrap());
        assert!((got - estimate).abs() <= tol && (got_ci - ci).abs() <= tol, "{e} vs {estimate} +- {ci}");
    };
    close(&r["overall_accuracy"], 0.9465, 0.0185, 5e-5);
    let users = [(0.8800, 0.0740), (0.7333, 0.1008), (0.9273, 0.0397), (0.9631, 0.0205)];
    let producers = [(0.7487, 0.2133), (0.8472, 0.2544), (0.9345, 0.0343), (0.9616, 0.0184)];
    let areas_ha = [(21_157.8, 6_157.6), (11_686.2, 3_755.8), (285_769.9, 15_509.8), (581_386.2, 16_281.7)];
    let mapped_km2 = [180.0, 135.0, 2880.0, 5805.0];
    for (k, c) in r["per_class"].as_array().unwrap().iter().enumerate() {
        assert_eq!(c["n"], MATRIX[k].iter().sum::<usize>());
        assert!((c["mapped_km2"].as_f64().unwrap() - mapped_km2[k]).abs() < 1e-9, "{c}");
        close(&c["users_accuracy"], users[k].0, users[k].1, 5e-5);
        close(&c["producers_accuracy"], producers[k].0, producers[k].1, 5e-5);
        // Hectares in the paper, km2 here.
        close(&c["area_km2"], areas_ha[k].0 / 100.0, areas_ha[k].1 / 100.0, 5e-4);
    }

    // The figure: the heat map's diagonal shaded, the cell beside it white; the attribution in the PNG.
    let png = dir.path().join("accuracy.png");
    let out =
        run(&["accuracy", "report", map.to_str().unwrap(), gpkg.to_str().unwrap(), "--figure", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (w, h, rgba) = common::read_png(&png);
    assert_eq!((w, h), (1200, 720));
    let at = |x: usize, y: usize| &rgba[(y * w as usize + x) * 4..(y * w as usize + x) * 4 + 3];
    // Cells of 115 px from (60, 130): a point near the top-left corner of cells (0, 0) and (0, 1).
    let (diagonal, beside) = (at(70, 140), at(70 + 115, 140));
    assert!(diagonal[2] as i32 - diagonal[0] as i32 > 80, "the 66 of 75 samples shaded: {diagonal:?}");
    assert_eq!(beside, [255, 255, 255], "no sample: white");
    let file = std::fs::read(&png).unwrap();
    let attribution = b"Generated using European Union's Copernicus Land Monitoring Service information";
    assert!(file.windows(attribution.len()).any(|w| w == attribution), "the PNG carries the attribution");

    let csv = run(&["accuracy", "report", map.to_str().unwrap(), gpkg.to_str().unwrap(), "--csv"]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("Class,Class_name,n,Mapped_km2,Users_accuracy,Users_ci95,"), "{text}");
    assert_eq!(text.lines().count(), 5);
}

#[test]
fn samples_that_are_not_a_vector_file_or_lack_the_field_give_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = common::write_ras_fixture(dir.path(), 60, 40);
    let ras = ras.to_str().unwrap();
    let out = run(&["accuracy", "report", ras, ras]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a vector dataset"));
    let geojson = dir.path().join("s.geojson");
    std::fs::write(&geojson, r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"label":1},"geometry":{"type":"Point","coordinates":[4400015,3699985]}}]}"#).unwrap();
    let out = run(&["accuracy", "report", ras, geojson.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no field \"ref_class\"") && err.contains("label"), "{err}");
}

/// A GeoJSON point feature with an id and, if labelled, its reference class.
fn point(id: usize, x: f64, y: f64, reference: Option<usize>) -> Value {
    serde_json::json!({
        "type": "Feature",
        "properties": {"id": id, "ref_class": reference},
        "geometry": {"type": "Point", "coordinates": [x, y]},
    })
}

/// The samples of a GeoPackage as (id, x, y, map_class), read by GDAL's ogr2ogr.
fn samples_of(gpkg: &std::path::Path) -> Vec<(u64, f64, f64, u32)> {
    let out = Command::new("ogr2ogr")
        .args(["-f", "CSV", "/vsistdout/", "-lco", "GEOMETRY=AS_XY"])
        .arg(gpkg)
        .output()
        .expect("ogr2ogr");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("X,Y,id,map_class,ref_class,comment,labelled_at"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(|v| v.trim_matches('"')).collect();
            (f[2].parse().unwrap(), f[0].parse().unwrap(), f[1].parse().unwrap(), f[3].parse().unwrap())
        })
        .collect()
}

#[test]
fn a_stratified_design_puts_each_point_on_a_pixel_centre_of_its_class_and_the_seed_repeats_it() {
    if !common::oracle_or_skip("gdallocationinfo") || !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ras, values) = common::write_ras_fixture(dir.path(), 300, 200);
    let ras = ras.to_str().unwrap();
    let design = |name: &str, args: &[&str]| {
        let out = dir.path().join(name);
        let mut all = vec!["accuracy", "design", ras, "--out", out.to_str().unwrap()];
        all.extend(args);
        let run = run(&all);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        samples_of(&out)
    };
    let a = design("a.gpkg", &["--per-class", "15", "--seed", "7"]);
    // Every land-cover class of the fixture (1-11) gets 15 points or all its pixels; technical codes and nodata none.
    for class in 1..=11u32 {
        let pixels = values.iter().filter(|&&v| v as u32 == class).count();
        let n = a.iter().filter(|s| s.3 == class).count();
        assert_eq!(n, pixels.min(15), "class {class}");
    }
    assert!(a.iter().all(|s| s.3 <= 11));
    // Each point is at a pixel centre of the fixture grid, and GDAL reads its class there.
    let input: String = a.iter().map(|s| format!("{} {}\n", s.1, s.2)).collect();
    for s in &a {
        let (col, row) = ((s.1 - common::FIXTURE_ORIGIN.0) / 10.0, (common::FIXTURE_ORIGIN.1 - s.2) / 10.0);
        assert_eq!((col.fract(), row.fract()), (0.5, 0.5), "{s:?}");
    }
    let mut oracle = Command::new("gdallocationinfo")
        .args(["-valonly", "-geoloc", ras])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gdallocationinfo");
    use std::io::Write;
    oracle.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let read = String::from_utf8(oracle.wait_with_output().unwrap().stdout).unwrap();
    let classes: Vec<u32> = read.lines().map(|l| l.trim().parse().unwrap()).collect();
    assert_eq!(classes, a.iter().map(|s| s.3).collect::<Vec<_>>());

    // The same seed draws the same sample; another seed another.
    assert_eq!(design("b.gpkg", &["--per-class", "15", "--seed", "7"]), a);
    assert_ne!(design("c.gpkg", &["--per-class", "15", "--seed", "8"]), a);

    // Proportional allocation of 120 points, at least 4 a class.
    let p = design("p.gpkg", &["--total", "120", "--allocation", "proportional", "--min-per-class", "4"]);
    let land: usize = values.iter().filter(|&&v| (1..=11).contains(&v)).count();
    for class in 1..=11u32 {
        let pixels = values.iter().filter(|&&v| v as u32 == class).count();
        let n = p.iter().filter(|s| s.3 == class).count();
        let share = 120.0 * pixels as f64 / land as f64;
        assert!(n >= 4.min(pixels) && (n as f64 - share.max(4.0)).abs() <= 1.0, "class {class}: {n} for {share}");
    }
}

#[test]
fn a_design_in_zones_samples_only_pixels_whose_centres_are_inside() {
    if !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ras, values) = common::write_ras_fixture(dir.path(), 300, 200);
    // Columns 50-149 and rows 40-119 of the fixture grid, as a polygon in EPSG:3035.
    let (x0, y0) = common::FIXTURE_ORIGIN;
    let rect = [
        [x0 + 500.0, y0 - 400.0],
        [x0 + 1500.0, y0 - 400.0],
        [x0 + 1500.0, y0 - 1200.0],
        [x0 + 500.0, y0 - 1200.0],
        [x0 + 500.0, y0 - 400.0],
    ];
    let zones = dir.path().join("area.geojson");
    std::fs::write(&zones, common::big_fixtures::zones_geojson(&[("area".into(), vec![vec![rect.to_vec()]])])).unwrap();
    let out = dir.path().join("in.gpkg");
    let run_out = run(&[
        "accuracy",
        "design",
        ras.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--per-class",
        "10",
        "--zones",
        zones.to_str().unwrap(),
    ]);
    assert!(run_out.status.success(), "{}", String::from_utf8_lossy(&run_out.stderr));
    let samples = samples_of(&out);
    for s in &samples {
        let (col, row) = ((s.1 - x0) / 10.0 - 0.5, (y0 - s.2) / 10.0 - 0.5);
        assert!((50.0..150.0).contains(&col) && (40.0..120.0).contains(&row), "{s:?} outside the zone");
    }
    for class in 1..=11u32 {
        let inside = (40..120)
            .flat_map(|r| (50..150).map(move |c| (c, r)))
            .filter(|&(c, r)| values[r * 300 + c] as u32 == class)
            .count();
        let n = samples.iter().filter(|s| s.3 == class).count();
        assert_eq!(n, inside.min(10), "class {class}");
    }
}

#[test]
fn a_design_and_a_report_work_on_a_mosaic_of_tiles() {
    if !common::oracle_or_skip("gdallocationinfo") || !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    use common::big_fixtures::{mosaic_tile_name, mosaic_tile_value};
    let dir = tempfile::tempdir().unwrap();
    let tiles = dir.path().join("tiles");
    std::fs::create_dir(&tiles).unwrap();
    for tx in 0..2 {
        let values: Vec<u8> = (0..200 * 100).map(|i| mosaic_tile_value(tx, 0, i % 200, i / 200)).collect();
        let gt = [common::FIXTURE_ORIGIN.0 + tx as f64 * 2000.0, 10.0, 0.0, common::FIXTURE_ORIGIN.1, 0.0, -10.0];
        write_byte_layer_on(&tiles.join(mosaic_tile_name(tx, 0, "RAS")), (200, 100), &values, gt, Some(3035), true);
    }
    let out = dir.path().join("mosaic.gpkg");
    let design =
        run(&["accuracy", "design", tiles.to_str().unwrap(), "--out", out.to_str().unwrap(), "--per-class", "6"]);
    assert!(design.status.success(), "{}", String::from_utf8_lossy(&design.stderr));
    let samples = samples_of(&out);
    assert!(samples.iter().any(|s| s.1 > common::FIXTURE_ORIGIN.0 + 2000.0), "samples on the second tile too");
    // GDAL reads each point's class on the tile it falls in.
    for s in &samples {
        let tile = tiles.join(mosaic_tile_name(((s.1 - common::FIXTURE_ORIGIN.0) / 2000.0) as usize, 0, "RAS"));
        let read = Command::new("gdallocationinfo")
            .args(["-valonly", "-geoloc"])
            .arg(&tile)
            .args([s.1.to_string(), s.2.to_string()])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&read.stdout).trim(), s.3.to_string(), "{s:?}");
    }
    // Unlabelled samples only: the report says so and exits 2.
    let report = run(&["accuracy", "report", tiles.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(report.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&report.stderr).contains("no labelled sample"));
}
