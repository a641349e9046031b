//! `zonal` (issue 18) against oracles no one here wrote: exactextract (per class, frac x count) for the coverage
//! rule and GDAL's rasterizer for the centre rule (`tests/oracles/zonal.py`), on generated irregular zones with
//! holes, several parts, parts outside the raster, a zone wholly outside, an invalid one and non-ASCII names; also
//! in EPSG:4326 over the EPSG:3035 raster, and over a mosaic of two tiles. GDAL's own tools (ogr2ogr,
//! gdalbuildvrt) prepare the oracles' inputs.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::big_fixtures::{mosaic_tile_name, mosaic_tile_value, star_ring, zones_geojson, PolygonRings, XorShift};
use common::{run, write_byte_layer_on, write_ras_fixture, zonal_oracle_or_skip, FIXTURE_ORIGIN};

/// Pixels per zone and value: {zone: {value: pixels}}.
type Table = BTreeMap<String, BTreeMap<u32, f64>>;

/// The fixture's extent is x 4 400 000 - 4 406 000, y 3 696 000 - 3 700 000 (600 x 400 px of 10 m).
fn at(dx: f64, dy: f64) -> (f64, f64) {
    (FIXTURE_ORIGIN.0 + dx, FIXTURE_ORIGIN.1 - dy)
}

/// Writes the zones as GeoJSON in EPSG:3035: name -> polygons (rings, the first the exterior).
fn write_zones(path: &Path) {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let (aero_outer, aero_hole) =
        (star_ring(&mut rng, at(1500.0, 2000.0), 900.0, 40), star_ring(&mut rng, at(1500.0, 2000.0), 250.0, 12));
    let (zurich_a, zurich_b) =
        (star_ring(&mut rng, at(3000.0, 1200.0), 500.0, 25), star_ring(&mut rng, at(4500.0, 3000.0), 600.0, 30));
    let edge = star_ring(&mut rng, at(100.0, 2500.0), 700.0, 33);
    let outside = star_ring(&mut rng, at(20_000.0, 10_000.0), 500.0, 10);
    // A bow tie: invalid, repaired into two triangles.
    let corner = |dx: f64, dy: f64| {
        let (x, y) = at(dx, dy);
        [x, y]
    };
    let bowtie = vec![
        corner(2000.0, 3500.0),
        corner(3003.0, 2700.0),
        corner(3003.0, 3500.0),
        corner(2000.0, 2700.0),
        corner(2000.0, 3500.0),
    ];
    let mut zones: Vec<(String, Vec<PolygonRings>)> = vec![
        ("Ærø".into(), vec![vec![aero_outer, aero_hole]]),
        ("Zürich-Ost".into(), vec![vec![zurich_a], vec![zurich_b]]),
        ("edge".into(), vec![vec![edge]]),
        ("outside".into(), vec![vec![outside]]),
        ("bowtie".into(), vec![vec![bowtie]]),
    ];
    for i in 1..=8 {
        let centre = at(6000.0 * rng.next(), 4000.0 * rng.next());
        let r = 150.0 + 450.0 * rng.next();
        let n = 8 + (rng.next() * 40.0) as usize;
        zones.push((format!("z{i}"), vec![vec![star_ring(&mut rng, centre, r, n)]]));
    }
    std::fs::write(path, zones_geojson(&zones)).unwrap();
}

/// `ogr2ogr` with `args`, from `src` to a new GeoJSON `dst`.
fn ogr2ogr(src: &Path, dst: &Path, args: &[&str]) {
    let out = Command::new("ogr2ogr").args(["-f", "GeoJSON"]).args(args).arg(dst).arg(src).output().expect("ogr2ogr");
    assert!(out.status.success(), "ogr2ogr: {}", String::from_utf8_lossy(&out.stderr));
}

/// The oracle's table: `rule` by tests/oracles/zonal.py on `raster` and `zones` (in the raster's CRS, valid).
fn oracle(python: &Path, rule: &str, raster: &Path, zones: &Path) -> Table {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/zonal.py");
    let out = Command::new(python).arg(script).args([rule]).arg(raster).arg(zones).arg("name").output().unwrap();
    assert!(out.status.success(), "oracle: {}", String::from_utf8_lossy(&out.stderr));
    let doc: BTreeMap<String, BTreeMap<String, f64>> = serde_json::from_slice(&out.stdout).expect("oracle JSON");
    doc.into_iter()
        .map(|(zone, values)| {
            let values = values.into_iter().map(|(v, p)| (v.parse().unwrap(), p)).filter(|(_, p)| *p > 0.0).collect();
            (zone, values)
        })
        .filter(|(_, values): &(String, BTreeMap<u32, f64>)| !values.is_empty())
        .collect()
}

/// Our `zonal --json` on `raster` and `zones`, with extra `args`: the table and the whole document.
fn ours(raster: &Path, zones: &Path, args: &[&str]) -> (Table, Value) {
    let mut all = vec!["zonal", raster.to_str().unwrap(), "--zones", zones.to_str().unwrap(), "--field", "name"];
    all.extend(args);
    all.push("--json");
    let out = run(&all);
    assert!(out.status.success(), "zonal: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut table = Table::new();
    for row in doc["rows"].as_array().expect("rows") {
        let zone = row["zone"].as_str().unwrap().to_string();
        let value = row["value"].as_u64().unwrap() as u32;
        table.entry(zone).or_default().insert(value, row["pixels"].as_f64().unwrap());
    }
    (table, doc)
}

/// Every zone and value of both tables, with the largest difference in pixels.
fn assert_close(ours: &Table, oracle: &Table, tolerance: f64) {
    assert_eq!(ours.keys().collect::<Vec<_>>(), oracle.keys().collect::<Vec<_>>(), "the same zones have rows");
    let mut worst = 0.0f64;
    for (zone, expected) in oracle {
        let got = &ours[zone];
        for value in expected.keys().chain(got.keys()) {
            let (e, g) = (expected.get(value).copied().unwrap_or(0.0), got.get(value).copied().unwrap_or(0.0));
            assert!((e - g).abs() <= tolerance, "zone {zone}, value {value}: oracle {e}, ours {g}");
            worst = worst.max((e - g).abs());
        }
    }
    eprintln!("{} zones, largest difference {worst:e} px", oracle.len());
}

struct Setup {
    _dir: tempfile::TempDir,
    raster: PathBuf,
    zones: PathBuf,
    /// The zones as GDAL repairs them (`ogr2ogr -makevalid`): what the oracles read.
    valid: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let (raster, _) = write_ras_fixture(dir.path(), 600, 400);
    let zones = dir.path().join("zones.geojson");
    write_zones(&zones);
    let valid = dir.path().join("valid.geojson");
    ogr2ogr(&zones, &valid, &["-makevalid"]);
    Setup { _dir: dir, raster, zones, valid }
}

#[test]
fn the_coverage_rule_equals_exactextract_on_irregular_zones() {
    let Some(python) = zonal_oracle_or_skip("coverage rule") else { return };
    let s = setup();
    let (table, doc) = ours(&s.raster, &s.zones, &[]);
    assert_close(&table, &oracle(&python, "coverage", &s.raster, &s.valid), 1e-5);
    assert_eq!(doc["rule"], "coverage");
    assert!(table.contains_key("Ærø") && table.contains_key("Zürich-Ost"), "non-ASCII names kept");
    assert!(!table.contains_key("outside"), "a zone outside the raster has no rows");
    let notes = doc["notes"].to_string();
    assert!(notes.contains("zone outside: lies outside"), "{notes}");
    assert!(notes.contains("zone bowtie: invalid geometry, repaired"), "{notes}");
    // Shares of land cover add up to 100 % per zone; technical codes (253, 254) have none.
    for row in doc["rows"].as_array().unwrap() {
        let technical = row["technical"].as_bool().unwrap();
        assert_eq!(technical, row["area_perc"].is_null(), "{row}");
    }
    for zone in table.keys() {
        let sum: f64 = doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["zone"] == zone.as_str())
            .filter_map(|r| r["area_perc"].as_f64())
            .sum();
        assert!((sum - 100.0).abs() < 1e-9, "zone {zone}: shares add up to {sum}");
    }
}

#[test]
fn the_centre_rule_equals_gdals_rasterizer() {
    let Some(python) = zonal_oracle_or_skip("centre rule") else { return };
    let s = setup();
    let (table, doc) = ours(&s.raster, &s.zones, &["--rule", "centre"]);
    assert_close(&table, &oracle(&python, "centre", &s.raster, &s.valid), 0.0);
    assert_eq!(doc["rule"], "centre");
    assert!(doc["rows"][0]["pixels"].is_u64(), "whole pixels under the centre rule");
}

#[test]
fn zones_in_wgs84_are_reprojected_onto_the_laea_raster() {
    let Some(python) = zonal_oracle_or_skip("zones in EPSG:4326") else { return };
    let s = setup();
    let dir = s.zones.parent().unwrap();
    let wgs84 = dir.join("wgs84.geojson");
    ogr2ogr(&s.valid, &wgs84, &["-t_srs", "EPSG:4326", "-lco", "COORDINATE_PRECISION=15"]);
    let back = dir.join("back.geojson");
    ogr2ogr(&wgs84, &back, &["-t_srs", "EPSG:3035", "-lco", "COORDINATE_PRECISION=15"]);
    let (table, _) = ours(&s.raster, &wgs84, &[]);
    // GDAL's reprojection and ours differ in the last digits of a coordinate, far below a pixel's area.
    assert_close(&table, &oracle(&python, "coverage", &s.raster, &back), 1e-4);
}

#[test]
fn a_mosaic_of_two_tiles_is_counted_as_gdalbuildvrt_makes_it() {
    let Some(python) = zonal_oracle_or_skip("mosaic") else { return };
    let s = setup();
    let tiles = tempfile::tempdir().unwrap();
    for tx in 0..2 {
        let values: Vec<u8> = (0..300 * 400).map(|i| mosaic_tile_value(tx, 0, i % 300, i / 300)).collect();
        let gt = [FIXTURE_ORIGIN.0 + tx as f64 * 3000.0, 10.0, 0.0, FIXTURE_ORIGIN.1, 0.0, -10.0];
        write_byte_layer_on(
            &tiles.path().join(mosaic_tile_name(tx, 0, "RAS")),
            (300, 400),
            &values,
            gt,
            Some(3035),
            true,
        );
    }
    let vrt = s.zones.parent().unwrap().join("gdal.vrt");
    let status = Command::new("gdalbuildvrt")
        .env("GDAL_PAM_ENABLED", "NO")
        .arg("-q")
        .arg(&vrt)
        .args(std::fs::read_dir(tiles.path()).unwrap().map(|e| e.unwrap().path()))
        .status()
        .expect("gdalbuildvrt");
    assert!(status.success());
    let (table, _) = ours(tiles.path(), &s.zones, &[]);
    assert_close(&table, &oracle(&python, "coverage", &vrt, &s.valid), 1e-5);
}

#[test]
fn out_writes_a_geopackage_that_gdal_reads_back_and_never_overwrites() {
    if !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let s = setup();
    let gpkg = s.zones.parent().unwrap().join("result.gpkg");
    let (_, doc) = ours(&s.raster, &s.zones, &["--out", gpkg.to_str().unwrap()]);
    let csv = Command::new("ogr2ogr").args(["-f", "CSV", "/vsistdout/"]).arg(&gpkg).output().expect("ogr2ogr");
    assert!(csv.status.success(), "{}", String::from_utf8_lossy(&csv.stderr));
    let text = String::from_utf8(csv.stdout).expect("UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(&header[..2], ["zone", "rule"]);
    let records: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(records.len(), 13, "every zone is a feature");
    let mut checked = 0;
    for row in doc["rows"].as_array().unwrap() {
        let record = records.iter().find(|r| r[0] == row["zone"].as_str().unwrap()).expect("zone written");
        assert_eq!(record[1], "coverage");
        let column = header.iter().position(|h| *h == format!("km2_{}", row["value"])).expect("column");
        let written: f64 = record[column].parse().expect("a number");
        assert!((written - row["area_km2"].as_f64().unwrap()).abs() < 1e-9);
        checked += 1;
    }
    assert!(checked > 50);
    let info = Command::new("ogrinfo").args(["-so", "-al"]).arg(&gpkg).output().expect("ogrinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Multi Polygon") && info.contains("LAEA Europe"), "{info}");

    // A second run leaves the file as it was.
    let before = std::fs::read(&gpkg).unwrap();
    let again = run(&[
        "zonal",
        s.raster.to_str().unwrap(),
        "--zones",
        s.zones.to_str().unwrap(),
        "--out",
        gpkg.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    assert_eq!(std::fs::read(&gpkg).unwrap(), before);
}

#[test]
fn bad_zones_give_exit_2_naming_the_file_and_the_reason() {
    let s = setup();
    let raster = s.raster.to_str().unwrap();
    // A raster is not a zones file.
    let out = run(&["zonal", raster, "--zones", raster]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(raster) && err.contains("not a vector dataset"), "{err}");
    // Nor is a missing one.
    let out = run(&["zonal", raster, "--zones", "/nowhere/zones.gpkg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nowhere/zones.gpkg"));
    // A field the layer lacks is named with the fields it has.
    let out = run(&["zonal", raster, "--zones", s.zones.to_str().unwrap(), "--field", "NAME_2"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("NAME_2") && err.contains("its fields: name"), "{err}");
}

#[test]
fn shapefile_and_flatgeobuf_zones_give_the_geojson_table() {
    if !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let s = setup();
    let (geojson, _) = ours(&s.raster, &s.valid, &[]);
    for (driver, name) in [("ESRI Shapefile", "zones.shp"), ("FlatGeobuf", "zones.fgb")] {
        let path = s.zones.parent().unwrap().join(name);
        let out = Command::new("ogr2ogr").args(["-f", driver]).arg(&path).arg(&s.valid).output().expect("ogr2ogr");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let (table, _) = ours(&s.raster, &path, &[]);
        assert_close(&table, &geojson, 1e-6);
    }
}
