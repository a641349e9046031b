//! `render --compare`: swipe, side by side and change, at 1:1, against the fixtures' values through the palette.

mod common;

use std::path::{Path, PathBuf};

use common::{
    expected_rgba, gpu_or_skip, ras_pattern_changed, read_png, run, write_byte_layer, write_byte_layer_on, write_ras,
    write_ras_fixture,
};

const W: usize = 600;
const H: usize = 400;

/// Two years of RAS on one grid: (old path, old values, new path, new values).
fn two_years(dir: &Path) -> (PathBuf, Vec<u8>, PathBuf, Vec<u8>) {
    let (old, old_values) = write_ras_fixture(dir, W, H);
    let new_values = ras_pattern_changed(W, H);
    let new = write_ras(dir, 2026, W, H, &new_values);
    (old, old_values, new, new_values)
}

/// Renders `old --compare new` at 1:1 (10 m per output pixel, centred: output pixel (i, j) is data pixel (i, j)).
fn render(dir: &Path, old: &Path, new: &Path, extra: &[&str]) -> Vec<u8> {
    let out = dir.join("compare.png");
    let (o, n, png) = (old.to_string_lossy(), new.to_string_lossy(), out.to_string_lossy());
    let size = format!("{W}x{H}");
    let mut args = vec!["render", &o, "--compare", &n, "--out", &png, "--size", &size, "--resolution", "10"];
    args.extend_from_slice(extra);
    let result = run(&args);
    assert!(result.status.success(), "render failed: {}", String::from_utf8_lossy(&result.stderr));
    let (w, h, rgba) = read_png(&out);
    assert_eq!((w as usize, h as usize), (W, H));
    rgba
}

fn at(rgba: &[u8], i: usize, j: usize) -> [u8; 4] {
    let k = (j * W + i) * 4;
    [rgba[k], rgba[k + 1], rgba[k + 2], rgba[k + 3]]
}

#[test]
fn swipe_shows_the_old_year_before_the_split_and_the_new_after_it() {
    if !gpu_or_skip("swipe") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a, new, b) = two_years(dir.path());
    let rgba = render(dir.path(), &old, &new, &["--mode", "swipe", "--split", "0.35"]);
    let split = (W as f64 * 0.35).round() as usize;
    for j in 0..H {
        for i in 0..W {
            let value = if i < split { a[j * W + i] } else { b[j * W + i] };
            assert_eq!(at(&rgba, i, j), expected_rgba(value), "pixel ({i}, {j}), split at column {split}");
        }
    }
    let rgba = render(dir.path(), &old, &new, &["--mode", "swipe", "--split", "0.6", "--horizontal"]);
    let split = (H as f64 * 0.6).round() as usize;
    for j in 0..H {
        for i in 0..W {
            let value = if j < split { a[j * W + i] } else { b[j * W + i] };
            assert_eq!(at(&rgba, i, j), expected_rgba(value), "pixel ({i}, {j}), split at row {split}");
        }
    }
}

#[test]
fn swipe_reprojects_a_layer_in_another_crs_as_gdalwarp_does() {
    if !gpu_or_skip("swipe_reprojects") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a, new, _) = two_years(dir.path());
    // The oracle: gdalwarp itself puts the UTM layer back onto the old layer's grid.
    let (utm, back) = common::utm_copy(dir.path(), &new, (W, H));
    let b = common::read_bytes(&back);

    let out = dir.path().join("compare.png");
    let (o, u, png) = (old.to_string_lossy(), utm.to_string_lossy(), out.to_string_lossy());
    let size = format!("{W}x{H}");
    let args = ["render", &o, "--compare", &u, "--out", &png, "--size", &size, "--resolution", "10", "--split", "0.5"];
    let result = run(&args);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "render failed: {stderr}");
    assert!(stderr.contains("Reprojected on the fly from EPSG:32632 to EPSG:3035"), "{stderr}");
    let (_, _, rgba) = read_png(&out);
    let split = W / 2;
    for j in 0..H {
        for i in 0..W {
            let value = if i < split { a[j * W + i] } else { b[j * W + i] };
            assert_eq!(at(&rgba, i, j), expected_rgba(value), "pixel ({i}, {j}), split at column {split}");
        }
    }
    // The UTM layer really is another picture of the same place: most of its pixels match the old year's.
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    assert!(same > W * H / 2, "{same} of {} pixels agree", W * H);
}

#[test]
fn side_by_side_shows_the_same_place_in_both_halves() {
    if !gpu_or_skip("side_by_side") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a, new, b) = two_years(dir.path());
    let rgba = render(dir.path(), &old, &new, &["--mode", "side-by-side"]);
    // Each half is W/2 wide and centred on the data's centre: half column i shows data column W/4 + i.
    let half = W / 2;
    for j in 0..H {
        for i in 0..half {
            let col = W / 4 + i;
            assert_eq!(at(&rgba, i, j), expected_rgba(a[j * W + col]), "left ({i}, {j})");
            assert_eq!(at(&rgba, half + i, j), expected_rgba(b[j * W + col]), "right ({i}, {j})");
        }
    }
}

#[test]
fn change_colours_changed_pixels_by_their_new_class_over_grey() {
    if !gpu_or_skip("change_view") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a, new, b) = two_years(dir.path());
    for (colour_by, changed_value) in [("to", &b), ("from", &a)] {
        let rgba = render(dir.path(), &old, &new, &["--mode", "change", "--colour-by", colour_by]);
        let (mut changed, mut unchanged) = (0, 0);
        for j in 0..H {
            for i in 0..W {
                let k = j * W + i;
                let got = at(&rgba, i, j);
                if a[k] != b[k] {
                    changed += 1;
                    assert_eq!(got, expected_rgba(changed_value[k]), "changed ({i}, {j}) {} -> {}", a[k], b[k]);
                } else if a[k] == 255 {
                    assert_eq!(got[3], 0, "nodata in both years ({i}, {j})");
                } else {
                    unchanged += 1;
                    assert!(got[0] == got[1] && got[1] == got[2] && got[3] == 255, "grey at ({i}, {j}): {got:?}");
                }
            }
        }
        assert!(changed > 10_000 && unchanged > 10_000, "{changed} changed, {unchanged} unchanged");
    }
}

#[test]
fn change_against_a_coarser_layer_resamples_it_onto_the_finer_grid() {
    if !gpu_or_skip("change_resampled") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a) = write_ras_fixture(dir.path(), W, H);
    let (cw, ch) = (W / 10, H / 10);
    let coarse: Vec<u8> = (0..cw * ch).map(|i| ((i % cw) * 3 + (i / cw) * 5) as u8 % 11 + 1).collect();
    let new = dir.path().join("CLMS_CLCPLUS_RAS_S2026_R100m_E44N36_03035_V01_R00.tif");
    write_byte_layer(&new, (cw, ch), &coarse, 100.0, true);
    let rgba = render(dir.path(), &old, &new, &["--mode", "change"]);
    let (mut changed, mut unchanged) = (0, 0);
    for j in 0..H {
        for i in 0..W {
            let (from, to) = (a[j * W + i], coarse[(j / 10) * cw + i / 10]);
            let got = at(&rgba, i, j);
            if from == to {
                unchanged += 1;
                assert!(got[0] == got[1] && got[1] == got[2], "grey at ({i}, {j}): {got:?}");
            } else if from != 255 {
                changed += 1;
                assert_eq!(got, expected_rgba(to), "({i}, {j}) {from} -> {to}, the 100 m pixel's class");
            }
        }
    }
    assert!(changed > 10_000 && unchanged > 1_000, "{changed} changed, {unchanged} unchanged");
}

#[test]
fn compare_refuses_a_change_between_layers_that_do_not_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = write_ras_fixture(dir.path(), W, H);
    let new = dir.path().join("far").join("CLMS_CLCPLUS_RAS_S2026_R10m_E44N36_03035_V01_R00.tif");
    std::fs::create_dir(new.parent().unwrap()).unwrap();
    write_byte_layer_on(
        &new,
        (W, H),
        &ras_pattern_changed(W, H),
        [5_400_000.0, 10.0, 0.0, 2_700_000.0, 0.0, -10.0],
        Some(3035),
        false,
    );
    let out = dir.path().join("x.png");
    let result = run(&[
        "render",
        &old.to_string_lossy(),
        "--compare",
        &new.to_string_lossy(),
        "--mode",
        "change",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(err.contains("do not overlap"), "{err}");
    assert!(!out.exists(), "no image of misaligned pixels");
}
