//! Every raster a GIS user puts beside land cover (issue 16): RGB imagery in its own colours, Float32 and Int16
//! continuous data (a ramp, nodata and NaN transparent, values exact in `pixel`), and a Float32 class map counted as
//! classes. Fixtures are written with the gdal crate; expectations come from the values written.

mod common;

use std::path::Path;

use gdal::raster::{Buffer, GdalType};
use gdal::spatial_ref::SpatialRef;
use gdal::DriverManager;
use serde_json::Value;

const W: usize = 64;
const H: usize = 48;
const ORIGIN: (f64, f64) = (4_400_000.0, 3_700_000.0);

/// Writes `bands` (row-major, `W` x `H` each) as a GeoTIFF of type `T` on a 10 m grid at [`ORIGIN`] (EPSG:3035).
fn write<T: GdalType + Copy>(path: &Path, bands: &[Vec<T>], nodata: Option<f64>) {
    clcplus_viewer::raster::init_gdal();
    let driver = DriverManager::get_driver_by_name("GTiff").expect("GTiff");
    let mut ds = driver.create_with_band_type::<T, _>(path, W, H, bands.len()).expect("create");
    ds.set_geo_transform(&[ORIGIN.0, 10.0, 0.0, ORIGIN.1, 0.0, -10.0]).expect("geotransform");
    ds.set_spatial_ref(&SpatialRef::from_epsg(3035).expect("EPSG:3035")).expect("srs");
    for (i, values) in bands.iter().enumerate() {
        let mut band = ds.rasterband(i + 1).expect("band");
        band.set_no_data_value(nodata).expect("nodata");
        band.write((0, 0), (W, H), &mut Buffer::new((W, H), values.clone())).expect("write");
    }
}

/// A 1:1 render of the whole fixture (`W` x `H` output pixels, one a data pixel).
fn render_one_to_one(path: &Path, out: &Path) -> Vec<u8> {
    let center = format!("{},{}", ORIGIN.0 + W as f64 * 5.0, ORIGIN.1 - H as f64 * 5.0);
    let (w, h, rgba) = common::render(&[
        "render",
        path.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--size",
        &format!("{W}x{H}"),
        "--center",
        &center,
        "--resolution",
        "10",
    ]);
    assert_eq!((w as usize, h as usize), (W, H));
    rgba
}

fn info(path: &Path) -> Value {
    let out = common::run(&["info", path.to_str().expect("utf-8"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("info JSON")
}

fn pixel_at(path: &Path, col: usize, row: usize) -> String {
    let at = format!("{},{}", ORIGIN.0 + (col as f64 + 0.5) * 10.0, ORIGIN.1 - (row as f64 + 0.5) * 10.0);
    let out = common::run(&["pixel", path.to_str().expect("utf-8"), "--at", &at]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().nth(1).and_then(|l| l.rsplit(',').next()).unwrap_or("").to_string()
}

#[test]
fn rgb_imagery_is_drawn_at_one_to_one_in_its_own_colours() {
    if !common::gpu_or_skip("rgb imagery") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("orthophoto.tif");
    let band = |k: usize| (0..W * H).map(|i| ((i % W) * 4 + (i / W) * k) as u8).collect::<Vec<u8>>();
    let (r, g, b) = (band(1), band(3), band(5));
    write(&path, &[r.clone(), g.clone(), b.clone()], None);
    assert_eq!(info(&path)["legend"]["kind"]["type"], "imagery");
    let rgba = render_one_to_one(&path, &dir.path().join("rgb.png"));
    for i in 0..W * H {
        assert_eq!(rgba[i * 4..i * 4 + 4], [r[i], g[i], b[i], 255], "pixel {} {}", i % W, i / W);
    }
    let out = common::run(&["stats", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "imagery has no classes to count");
}

#[test]
fn sixteen_bit_rgb_is_stretched_to_bytes() {
    if !common::gpu_or_skip("rgb imagery") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("scene_u16.tif");
    // Values 1000..=4999 in every band: the 2 % cut maps the lowest 2 % to 0 and the highest to 255.
    let band: Vec<u16> = (0..W * H).map(|i| 1000 + (i * 4000 / (W * H)) as u16).collect();
    write(&path, &[band.clone(), band.clone(), band.clone()], None);
    let rgba = render_one_to_one(&path, &dir.path().join("u16.png"));
    assert_eq!(rgba[..4], [0, 0, 0, 255], "the darkest pixel");
    let last = (W * H - 1) * 4;
    assert_eq!(rgba[last..last + 4], [255, 255, 255, 255], "the brightest pixel");
    let mid = (W * H / 2) * 4;
    assert!((100..156).contains(&rgba[mid]), "the middle value is mid-grey: {}", rgba[mid]);
}

#[test]
fn float32_continuous_data_draws_a_ramp_counts_and_reads_exact_values() {
    if !common::gpu_or_skip("float32") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("temperature.tif");
    // -12.5 ..= 30.5 in steps of 0.25 along rows, a NaN column and a nodata row.
    let mut values: Vec<f32> = (0..W * H).map(|i| -12.5 + ((i % W) + (i / W) * 2) as f32 * 0.25).collect();
    for r in 0..H {
        values[r * W + 10] = f32::NAN;
    }
    for c in 0..W {
        values[20 * W + c] = -9999.0;
    }
    write(&path, &[values.clone()], Some(-9999.0));
    let v = info(&path);
    assert_eq!(v["legend"]["kind"]["type"], "continuous");
    let rgba = render_one_to_one(&path, &dir.path().join("float.png"));
    // NaN and nodata are transparent; the lowest value takes the ramp's first colour, the highest its last.
    assert_eq!(rgba[(5 * W + 10) * 4 + 3], 0, "NaN");
    assert_eq!(rgba[(20 * W + 3) * 4 + 3], 0, "nodata");
    assert_eq!(rgba[..4], [68, 1, 84, 255], "the lowest value");
    let last = (W * H - 1) * 4;
    assert_eq!(rgba[last..last + 4], [253, 231, 37, 255], "the highest value");
    // Counts: every valid pixel in a step of the range, NaN and nodata apart.
    let out = common::run(&["stats", path.to_str().expect("utf-8"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let valid = values.iter().filter(|v| v.is_finite() && **v != -9999.0).count() as u64;
    assert_eq!(doc["mapped_pixels"], valid);
    assert_eq!(doc["total_pixels"], (W * H) as u64);
    let rows = doc["rows"].as_array().expect("rows");
    let first = rows.iter().find(|r| r["technical"] == false).expect("a step");
    assert!(first["class_name"].as_str().is_some_and(|n| n.starts_with("-12.50 –")), "{first}");
    // The inspector's path: values exact, not steps.
    assert_eq!(pixel_at(&path, 7, 3), "-9.25");
    assert_eq!(pixel_at(&path, 9, 0), "-10.25");
    assert_eq!(pixel_at(&path, 10, 0), "NaN");
}

#[test]
fn int16_with_negative_values_opens_draws_and_counts() {
    if !common::gpu_or_skip("int16") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("elevation.tif");
    let values: Vec<i16> = (0..W * H).map(|i| -400 + ((i % W) * 7 + (i / W) * 3) as i16).collect();
    let mut with_nodata = values.clone();
    with_nodata[0] = -32768;
    write(&path, &[with_nodata], Some(-32768.0));
    assert_eq!(info(&path)["legend"]["kind"]["type"], "continuous");
    let rgba = render_one_to_one(&path, &dir.path().join("int16.png"));
    assert_eq!(rgba[3], 0, "nodata is transparent");
    assert_eq!(rgba[W * 4..W * 4 + 4], [68, 1, 84, 255], "the lowest value, -397");
    let out = common::run(&["stats", path.to_str().expect("utf-8"), "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["mapped_pixels"], (W * H - 1) as u64);
    assert_eq!(pixel_at(&path, 5, 2), (-400 + 5 * 7 + 2 * 3).to_string());
}

#[test]
fn a_float32_class_map_is_counted_as_classes() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("classes_float.tif");
    let values: Vec<f32> = (0..W * H).map(|i| if i % 13 == 0 { f32::NAN } else { [1.0, 2.0, 5.0][i % 3] }).collect();
    write(&path, std::slice::from_ref(&values), Some(f64::NAN));
    let v = info(&path);
    assert_eq!(v["legend"]["kind"]["type"], "categorical");
    let out = common::run(&["stats", path.to_str().expect("utf-8"), "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let count_of = |code: &str| {
        text.lines().find(|l| l.starts_with(&format!("{code},"))).and_then(|l| l.split(',').nth(1)?.parse::<u64>().ok())
    };
    for (code, value) in [("1", 1.0f32), ("2", 2.0), ("5", 5.0)] {
        let direct = values.iter().filter(|v| **v == value).count() as u64;
        assert_eq!(count_of(code), Some(direct), "class {code}: {text}");
    }
    let missing = values.iter().filter(|v| v.is_nan()).count() as u64;
    assert_eq!(count_of("65535"), Some(missing), "NaN counted apart as no data: {text}");
    assert!(text.lines().any(|l| l.starts_with("65535,") && l.ends_with(',')), "no share for no data: {text}");
}
