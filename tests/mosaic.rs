//! Many tiles as one layer (issue 16): a 3 x 3 mosaic of 10000 px RAS tiles, every tile different, written once
//! and cached under `target/`. Checked against oracles no one here wrote: `gdalinfo -hist` and `gdallocationinfo` on
//! a `gdalbuildvrt` of the same tiles, and the pixel values the fixture was written with.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::{expected_rgba, render, run, write_byte_layer_on};

use common::big_fixtures::{
    mosaic_tile_name as tile_name, mosaic_tile_value as tile_value, MOSAIC_NORTH as NORTH, MOSAIC_TILES as TILES,
    MOSAIC_TILE_PX as TILE_PX, MOSAIC_WEST as WEST,
};

/// The cached 3 x 3 mosaic folder (written on first use).
fn mosaic_dir() -> PathBuf {
    common::big_fixtures::mosaic_3x3(Path::new(env!("CARGO_TARGET_TMPDIR")))
}

/// The value at map point (x, y) of the mosaic, from the fixture's own formula.
fn value_at(x: f64, y: f64) -> Option<u8> {
    let (col, row) = (((x - WEST) / 10.0).floor(), ((NORTH - y) / 10.0).floor());
    let side = (TILES * TILE_PX) as f64;
    if col < 0.0 || row < 0.0 || col >= side || row >= side {
        return None;
    }
    let (col, row) = (col as usize, row as usize);
    Some(tile_value(col / TILE_PX, row / TILE_PX, col % TILE_PX, row % TILE_PX))
}

/// GDAL's own mosaic of the tiles: `gdalbuildvrt` in a temporary folder (the oracle's input, never ours).
fn gdal_vrt(dir: &Path, out: &Path) {
    let tiles: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("listing")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tif"))
        .collect();
    let status = Command::new("gdalbuildvrt")
        .env("GDAL_PAM_ENABLED", "NO")
        .arg("-q")
        .arg(out)
        .args(&tiles)
        .status()
        .expect("gdalbuildvrt runs");
    assert!(status.success());
}

#[test]
fn stats_of_the_folder_equal_gdalinfo_hist_on_a_gdalbuildvrt_of_its_tiles() {
    if !common::oracle_or_skip("gdalinfo") {
        return;
    }
    let dir = mosaic_dir();
    let tmp = tempfile::tempdir().expect("temp");
    let vrt = tmp.path().join("oracle.vrt");
    gdal_vrt(&dir, &vrt);
    // gdalinfo -hist writes the histogram into a VRT: it works on its own copy in the temp folder.
    let out = Command::new("gdalinfo")
        .args(["-hist", "-json"])
        .arg(&vrt)
        .env("GDAL_PAM_ENABLED", "NO")
        .output()
        .expect("gdalinfo runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("gdalinfo JSON");
    let hist = &v["bands"][0]["histogram"];
    assert_eq!(hist["count"], 256);
    let oracle: BTreeMap<u32, u64> = hist["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_u64().filter(|&c| c > 0).map(|c| (i as u32, c)))
        .collect();

    let out = run(&["stats", dir.to_str().expect("utf-8"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    let rows = doc["rows"].as_array().expect("rows");
    // gdalinfo leaves the nodata value (255) out.
    let ours: BTreeMap<u32, u64> = rows
        .iter()
        .map(|r| (r["value"].as_u64().expect("value") as u32, r["count"].as_u64().expect("count")))
        .filter(|(v, c)| *v != 255 && *c > 0)
        .collect();
    assert_eq!(ours, oracle);
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap_or(0)).sum();
    assert_eq!(total, (TILES * TILE_PX * TILE_PX * TILES) as u64, "every pixel of the nine tiles, once");
    // Technical codes (253 coastal buffer, 254 outside, 255 no data) keep their counts but never enter a share.
    let share: f64 = rows.iter().filter_map(|r| r["area_perc"].as_f64()).sum();
    assert!((share - 100.0).abs() < 0.01, "shares of the land-cover classes sum to 100: {share}");
    for r in rows.iter().filter(|r| r["value"].as_u64().is_some_and(|v| v >= 253)) {
        assert!(r["area_perc"].is_null(), "a technical code has no share: {r}");
        assert_eq!(r["technical"], true, "{r}");
    }
}

#[test]
fn a_render_at_one_to_one_across_the_corner_of_four_tiles_is_pixel_exact() {
    if !common::gpu_or_skip("mosaic corner render") {
        return;
    }
    let dir = mosaic_dir();
    let tmp = tempfile::tempdir().expect("temp");
    let out = tmp.path().join("corner.png");
    // The corner of tiles E44N38, E45N38, E44N37 and E45N37.
    let (cx, cy) = (WEST + TILE_PX as f64 * 10.0, NORTH - TILE_PX as f64 * 10.0);
    let (w, h) = (96u32, 64u32);
    let (rw, rh, rgba) = render(&[
        "render",
        dir.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--size",
        &format!("{w}x{h}"),
        "--center",
        &format!("{cx},{cy}"),
        "--resolution",
        "10",
    ]);
    assert_eq!((rw, rh), (w, h));
    let mut wrong = Vec::new();
    for j in 0..h {
        for i in 0..w {
            let x = cx + (i as f64 + 0.5 - w as f64 / 2.0) * 10.0;
            let y = cy - (j as f64 + 0.5 - h as f64 / 2.0) * 10.0;
            let want = expected_rgba(value_at(x, y).expect("inside the mosaic"));
            let k = ((j * w + i) * 4) as usize;
            if rgba[k..k + 4] != want {
                wrong.push((i, j));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {} pixels differ, first {:?}", wrong.len(), w * h, &wrong[..wrong.len().min(5)]);
}

#[test]
fn pixel_at_random_points_equals_gdallocationinfo_on_the_vrt() {
    if !common::oracle_or_skip("gdallocationinfo") {
        return;
    }
    let dir = mosaic_dir();
    let tmp = tempfile::tempdir().expect("temp");
    let vrt = tmp.path().join("oracle.vrt");
    gdal_vrt(&dir, &vrt);
    // A simple linear congruential sequence: reproducible points all over the mosaic, tile borders included.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let side = (TILES * TILE_PX) as f64 * 10.0;
    let points: Vec<(f64, f64)> = (0..300)
        .map(|_| {
            (WEST + 5.0 + (next() * side / 10.0).floor() * 10.0, NORTH - 5.0 - (next() * side / 10.0).floor() * 10.0)
        })
        .collect();
    let input: String = points.iter().map(|(x, y)| format!("{x} {y}\n")).collect();

    let mut oracle = Command::new("gdallocationinfo")
        .args(["-valonly", "-geoloc"])
        .arg(&vrt)
        .env("GDAL_PAM_ENABLED", "NO")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gdallocationinfo runs");
    use std::io::Write;
    oracle.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("points written");
    let oracle = oracle.wait_with_output().expect("gdallocationinfo output");
    let expected: Vec<String> = String::from_utf8_lossy(&oracle.stdout).lines().map(|l| l.trim().to_string()).collect();
    assert_eq!(expected.len(), points.len());

    let mut ours = common::viewer()
        .args(["pixel", dir.to_str().expect("utf-8")])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("viewer runs");
    ours.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("points written");
    let ours = ours.wait_with_output().expect("viewer output");
    assert!(ours.status.success());
    let lines: Vec<String> = String::from_utf8_lossy(&ours.stdout).lines().skip(1).map(String::from).collect();
    assert_eq!(lines.len(), points.len());
    for ((line, want), (x, y)) in lines.iter().zip(&expected).zip(&points) {
        let value = line.rsplit(',').next().expect("a value column");
        assert_eq!(value, want, "at {x} {y}");
        assert_eq!(value, value_at(*x, *y).expect("inside").to_string(), "the fixture's own value at {x} {y}");
    }
}

#[test]
fn a_vrt_with_an_uninformative_name_keeps_its_product() {
    if !common::oracle_or_skip("gdalbuildvrt") {
        return;
    }
    let dir = mosaic_dir();
    let tmp = tempfile::tempdir().expect("temp");
    let vrt = tmp.path().join("study_area.vrt");
    gdal_vrt(&dir, &vrt);
    let out = run(&["info", vrt.to_str().expect("utf-8"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info: Value = serde_json::from_slice(&out.stdout).expect("info JSON");
    assert_eq!(info["product"]["layer"], "RAS");
    assert_eq!(info["product"]["year"], 2023);
    assert_eq!(info["identity"]["source"], "source_names");
    assert_eq!(info["identity"]["files"], 9);
    let entries = info["legend"]["entries"].as_array().expect("entries");
    let label = |code: u64| entries.iter().find(|e| e["code"] == code).map(|e| e["label"].clone());
    assert_eq!(label(1), Some("Sealed".into()), "class names of the product, not 'Value 1'");
    for code in [253, 254, 255] {
        let e = entries.iter().find(|e| e["code"] == code).expect("technical entry");
        assert_eq!(e["technical"], true, "{code} is technical");
    }
    let levels = info["levels"].as_array().expect("levels");
    assert!(levels.len() >= 4, "GDAL exposes the tiles' overviews as the VRT's: {levels:?}");
}

#[test]
fn a_folder_of_two_product_layers_needs_layer_and_names_the_choices() {
    let tmp = tempfile::tempdir().expect("temp");
    let values: Vec<u8> = (0..64 * 64).map(|i| (i % 11) as u8 + 1).collect();
    for (tx, layer) in [(0, "RAS"), (1, "RAS"), (0, "RASCL")] {
        let gt = [WEST + tx as f64 * 640.0, 10.0, 0.0, NORTH, 0.0, -10.0];
        write_byte_layer_on(&tmp.path().join(tile_name(tx, 0, layer)), (64, 64), &values, gt, Some(3035), true);
    }
    let folder = tmp.path().to_str().expect("utf-8");
    let out = run(&["stats", folder, "--csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("RAS 2023 (2 tiles)") && err.contains("RASCL 2023") && err.contains("--layer"), "{err}");
    let out = run(&["stats", folder, "--csv", "--layer", "RAS:2023"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let total: u64 = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1)?.parse::<u64>().ok())
        .sum();
    assert_eq!(total, 2 * 64 * 64, "both RAS tiles, and the RASCL tile not");
    let out = run(&["stats", folder, "--layer", "IMD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no layer IMD"));
    // info of the mosaic lists its tiles.
    let out = run(&["info", folder, "--layer", "RAS"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("RAS 2023 mosaic (2 tiles)") && text.contains(&tile_name(1, 0, "RAS")), "{text}");
}

#[test]
fn the_mosaic_in_the_window_is_one_layer_counted_approximately_and_comes_to_rest() {
    if !common::gpu_or_skip("mosaic window") {
        return;
    }
    let _config = common::isolated_config();
    let dir = mosaic_dir();
    let mut harness = common::app_harness(vec![dir], true);
    common::settle(&mut harness, 1);
    let app = harness.state();
    assert_eq!(app.layers().layers.len(), 1, "nine tiles, one layer");
    let layer = &app.layers().layers[0];
    assert_eq!(layer.title(), "RAS 2023 mosaic (9 tiles)");
    // 9e8 pixels in view: counted live on an overview, and said to be approximate.
    let (level, table) = app.view_stats(layer.id).expect("the view is counted");
    assert!(level > 0, "a view this large is counted on an overview");
    assert!(table.rows.iter().any(|r| r.value == 1 && r.count > 0));
    // At rest: nothing pending, and no frame asks for another.
    common::rest(&mut harness);
    let use_now = harness.state().resource_use();
    assert_eq!((use_now.in_flight, use_now.queued_requests), (0, 0), "nothing pending once the view is complete");
}
