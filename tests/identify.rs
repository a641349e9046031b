//! `identify` and `info` on the real sample and on fixtures, through the binary as a user runs it.

mod common;

use std::path::Path;

use clcplus_viewer::product::{identify, Family, Layer, LegendSource, OverviewState};
use serde_json::Value;

const IMD_10M: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_010m_eu_03035_v0_1.tif");
const IMD_100M: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_100m_eu_03035_v1_0.tif");

#[test]
fn real_imd_sample_is_recognised_with_its_own_colour_table() {
    let info = identify(IMD_10M).expect("the sample opens");
    let p = info.product.as_ref().expect("a known product");
    assert_eq!((p.family, p.layer, p.year), (Family::Imd, Layer::Imd, Some(2018)));
    assert_eq!(p.area.as_deref(), Some("EU"));
    assert_eq!(info.meta.epsg, Some(3035));
    assert_eq!(info.meta.size, (5000, 4000));
    assert_eq!(info.meta.nodata, Some(255.0));
    assert_eq!(info.legend.source, LegendSource::ColorTable);
    // The file's table wins: 10 % is 239,194,156 in the embedded table (gdalinfo prints it).
    assert_eq!(info.legend.colour_of(10), [239, 194, 156, 255]);
    assert_eq!(info.legend.colour_of(255)[3], 0, "nodata is transparent");
    assert!(info.legend.is_technical(254) && info.legend.is_technical(255));
    // No overviews on a 5000 px raster: the viewer builds its own.
    assert_eq!(info.overviews, OverviewState::Missing);
    let small = identify(IMD_100M).expect("the 100 m sample opens");
    assert_eq!(small.overviews, OverviewState::NotNeeded);
}

fn info_json(path: &str) -> Value {
    let out = common::run(&["info", path, "--json"]);
    assert!(out.status.success(), "info failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn info_json_has_the_agreed_fields() {
    let v = info_json(IMD_10M);
    assert_eq!(v["product"]["family"], "Imperviousness Density");
    assert_eq!(v["product"]["layer"], "IMD");
    assert_eq!(v["product"]["year"], 2018);
    assert_eq!(v["product"]["tile"], Value::Null);
    assert_eq!(v["crs"]["epsg"], 3035);
    assert_eq!(v["size"], serde_json::json!([5000, 4000]));
    assert_eq!(v["pixel_size"], serde_json::json!([10.0, -10.0]));
    assert_eq!(v["extent"], serde_json::json!([4_700_000.0, 1_420_000.0, 4_750_000.0, 1_460_000.0]));
    assert_eq!(v["levels"], serde_json::json!([{"level": 0, "cols": 5000, "rows": 4000}]));
    assert_eq!(v["dtype"], "Byte");
    assert_eq!(v["nodata"], 255.0);
    assert_eq!(v["legend"]["source"], "embedded colour table");
    let entries = v["legend"]["entries"].as_array().expect("entries");
    let e50 = entries.iter().find(|e| e["code"] == 50).expect("code 50");
    assert_eq!(e50["rgb"], serde_json::json!([175, 74, 51]));
    assert!(e50["label"].as_str().is_some_and(|l| !l.is_empty()));
    assert!(v["tileset"].as_array().is_some_and(|t| t.len() == 1));
}

#[test]
fn info_of_a_tile_fixture_lists_levels_legend_and_tileset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 1100, 700);
    // A sibling of the same tile and year, and one of another year that is not part of the set.
    let sibling = dir.path().join("CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif");
    std::fs::copy(&ras, &sibling).expect("copy");
    let other_year = dir.path().join("CLMS_CLCPLUS_RAS_S2021_R10m_E44N36_03035_V01_R00.tif");
    std::fs::copy(&ras, &other_year).expect("copy");
    let v = info_json(&ras.to_string_lossy());
    assert_eq!(v["product"]["layer"], "RAS");
    assert_eq!(v["product"]["tile"], "E44N36");
    assert_eq!(v["product"]["year"], 2023);
    assert_eq!(
        v["levels"],
        serde_json::json!([
            {"level": 0, "cols": 1100, "rows": 700},
            {"level": 1, "cols": 550, "rows": 350},
            {"level": 2, "cols": 275, "rows": 175},
            {"level": 3, "cols": 137, "rows": 87},
        ])
    );
    assert_eq!(v["overviews"]["state"], "usable");
    assert_eq!(v["legend"]["source"], "embedded colour table");
    let entries = v["legend"]["entries"].as_array().expect("entries");
    let sealed = entries.iter().find(|e| e["code"] == 1).expect("code 1");
    assert_eq!(sealed["label"], "Sealed");
    assert_eq!(sealed["rgb"], serde_json::json!([255, 0, 0]));
    let buffer = entries.iter().find(|e| e["code"] == 253).expect("code 253");
    assert_eq!(buffer["technical"], true);
    let tileset: Vec<String> =
        v["tileset"].as_array().expect("tileset").iter().map(|s| s.as_str().unwrap_or("").to_string()).collect();
    assert_eq!(tileset.len(), 2, "{tileset:?}");
    assert!(tileset.iter().all(|p| Path::new(p).exists()));
}

#[test]
fn averaged_overviews_of_a_class_map_are_detected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    // Stripes of water (10) and outside area (254): averaging invents 132, which is no code of the legend.
    let (w, h) = (1024, 1024);
    let values: Vec<u8> = (0..w * h).map(|i| if (i % w) % 2 == 0 { 10 } else { 254 }).collect();
    clcplus_viewer::raster::write_cog(
        &path,
        &clcplus_viewer::raster::CogSpec {
            size: (w, h),
            pixels: &clcplus_viewer::raster::Pixels::U8(values),
            geo_transform: [4_400_000.0, 10.0, 0.0, 3_700_000.0, 0.0, -10.0],
            epsg: Some(3035),
            nodata: None,
            color_table: None,
            attribute_table: None,
            overview_resampling: Some("AVERAGE"),
            block_size: 256,
            metadata: &[],
        },
    )
    .expect("fixture");
    let info = identify(&path).expect("opens");
    match info.overviews {
        OverviewState::Interpolated { foreign_values } => assert!(!foreign_values.is_empty()),
        other => panic!("expected interpolated overviews, got {other:?}"),
    }
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.tif");
    std::fs::write(&empty, b"").expect("write");
    let text = dir.path().join("notes.tif");
    std::fs::write(&text, b"this is not a raster").expect("write");
    for path in [empty.clone(), text.clone(), dir.path().join("missing.tif")] {
        let out = common::run(&["info", &path.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&*path.to_string_lossy()), "message names the file: {stderr}");
    }
    let out = common::run(&["info", &empty.to_string_lossy()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
}

#[test]
fn the_vat_dbf_beside_a_file_names_its_classes() {
    // The real IMD 2018 100 m sample ships its class names in `.tif.vat.dbf` (tests/data, copied with it).
    let info = identify(IMD_100M).expect("the sample opens");
    assert_eq!(info.legend.source, LegendSource::ColorTableAndAttributeTable);
    let label = |code: u32| info.legend.entry(code).map(|e| e.label.clone());
    assert_eq!(label(50).as_deref(), Some("50% Imperviousness Value"), "the table's own words");
    assert_eq!(label(254).as_deref(), Some("Unclassifiable (no satellite image, clouds, shadows, or snow)"));
    assert!(info.legend.is_technical(254), "still technical");
}

#[test]
fn a_clr_file_colours_a_raster_without_a_colour_table() {
    let dir = tempfile::tempdir().expect("temp");
    // A RAS-named tile without a colour table, and a .clr beside it (as the 2018/2021 deliveries ship them).
    let values: Vec<u8> = (0..32 * 32).map(|i| (i % 11) as u8 + 1).collect();
    let tif = dir.path().join("CLMS_CLCPLUS_RASTER_2018_010m_eu_03035_V1_1.tif");
    common::write_byte_layer(&tif, (32, 32), &values, 10.0, false);
    std::fs::write(dir.path().join("CLMS_CLCPLUS_RASTER_2018_010m_eu_03035_V1_1.clr"), "1 10 20 30\n7 200 100 50\n")
        .expect("clr");
    let info = identify(&tif).expect("opens");
    assert_eq!(info.legend.source, LegendSource::ColourFile);
    assert_eq!(info.legend.colour_of(1), [10, 20, 30, 255]);
    assert_eq!(info.legend.colour_of(7), [200, 100, 50, 255]);
    let v = info_json(tif.to_str().expect("utf-8"));
    assert_eq!(v["legend"]["source"], "colour file (.clr) beside it");
}

#[test]
fn a_renamed_file_is_recognised_by_its_official_palette() {
    let dir = tempfile::tempdir().expect("temp");
    let values: Vec<u8> = (0..32 * 32).map(|i| [1u8, 5, 10, 254][i % 4]).collect();
    let tif = dir.path().join("my_clip.tif");
    // The fixture's colour table: the official RAS colours (tests/common, from the reference palette).
    common::write_byte_layer(&tif, (32, 32), &values, 10.0, true);
    let v = info_json(tif.to_str().expect("utf-8"));
    assert_eq!(v["product"]["layer"], "RAS");
    assert_eq!(v["product"]["year"], Value::Null, "a palette tells no year");
    assert_eq!(v["identity"]["source"], "palette");
    assert!(v["identity"]["text"].as_str().is_some_and(|t| t.contains("official CLCplus Backbone RAS palette")));
    let entries = v["legend"]["entries"].as_array().expect("entries");
    let e254 = entries.iter().find(|e| e["code"] == 254).expect("254");
    assert_eq!(e254["technical"], true, "technical codes stay out of shares");
    let out = common::run(&["stats", tif.to_str().expect("utf-8"), "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    let row = |v: u64| doc["rows"].as_array().and_then(|r| r.iter().find(|r| r["value"] == v).cloned());
    assert_eq!(row(254).map(|r| r["area_perc"].clone()), Some(Value::Null));
    assert_eq!(row(1).and_then(|r| r["class_name"].as_str().map(String::from)).as_deref(), Some("Sealed"));
}

#[test]
fn external_ovr_overviews_are_the_layers_levels() {
    // The 2018/2021 Europe-wide deliveries keep their overviews in an `.ovr` beside the file.
    let dir = tempfile::tempdir().expect("temp");
    let tif = dir.path().join("CLMS_CLCPLUS_RASTER_2018_010m_eu_03035_V1_1.tif");
    let values: Vec<u8> = (0..2048 * 1024).map(|i| (i % 11) as u8 + 1).collect();
    clcplus_viewer::raster::write_cog(
        &tif,
        &clcplus_viewer::raster::CogSpec {
            size: (2048, 1024),
            pixels: &clcplus_viewer::raster::Pixels::U8(values),
            geo_transform: [4_400_000.0, 10.0, 0.0, 3_700_000.0, 0.0, -10.0],
            epsg: Some(3035),
            nodata: Some(255.0),
            color_table: None,
            attribute_table: None,
            overview_resampling: None,
            block_size: 256,
            metadata: &[],
        },
    )
    .expect("written");
    if !common::oracle_or_skip("gdaladdo") {
        return;
    }
    let status = std::process::Command::new("gdaladdo")
        .env("GDAL_PAM_ENABLED", "NO")
        .args(["-q", "-ro", "-r", "nearest"])
        .arg(&tif)
        .args(["2", "4"])
        .status()
        .expect("gdaladdo runs");
    assert!(status.success());
    assert!(tif.with_extension("tif.ovr").exists(), "an external .ovr");
    let info = identify(&tif).expect("opens");
    assert_eq!(info.meta.overviews, vec![(1024, 512), (512, 256)]);
    assert_eq!(info.overviews, OverviewState::Usable, "nearest overviews hold classes only");
}
