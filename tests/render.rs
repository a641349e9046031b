//! `render` through the offscreen GPU pipeline, compared pixel by pixel with the fixture's values through its palette.

mod common;

use common::{expected_rgba, gpu_or_skip, read_png, render, run, write_ras_fixture};

#[test]
fn render_at_one_to_one_equals_the_values_through_the_palette() {
    if !gpu_or_skip("render_at_one_to_one") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (1100usize, 700usize);
    let (ras, values) = write_ras_fixture(dir.path(), w, h);
    let out = dir.path().join("one.png");
    // The default centre is the extent's centre, so output pixel (i, j) is data pixel (i, j).
    let (iw, ih, rgba) = render(&[
        "render",
        &ras.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--size",
        "1100x700",
        "--resolution",
        "10",
    ]);
    assert_eq!((iw, ih), (w as u32, h as u32));
    let mut wrong = 0;
    for j in 0..h {
        for i in 0..w {
            let got = &rgba[(j * w + i) * 4..(j * w + i) * 4 + 4];
            if got != expected_rgba(values[j * w + i]) {
                wrong += 1;
                assert!(
                    wrong < 10,
                    "pixel ({i}, {j}): got {got:?}, value {} -> {:?}",
                    values[j * w + i],
                    expected_rgba(values[j * w + i])
                );
            }
        }
    }
    assert_eq!(wrong, 0);
}

#[test]
fn render_zoomed_samples_the_data_pixel_under_each_output_pixel_centre() {
    if !gpu_or_skip("render_zoomed") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (1100usize, 700usize);
    let (ras, values) = write_ras_fixture(dir.path(), w, h);
    let out = dir.path().join("zoom.png");
    // 2.5 m per output pixel, centred on a point that is not a pixel corner.
    let (cx, cy, res) = (4_403_337.0, 3_696_021.0, 2.5);
    let (ow, oh) = (320usize, 200usize);
    let (_, _, rgba) = render(&[
        "render",
        &ras.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--size",
        "320x200",
        "--center",
        "4403337,3696021",
        "--resolution",
        "2.5",
    ]);
    for j in 0..oh {
        for i in 0..ow {
            let x = cx + (i as f64 + 0.5 - ow as f64 / 2.0) * res;
            let y = cy - (j as f64 + 0.5 - oh as f64 / 2.0) * res;
            let col = ((x - 4_400_000.0) / 10.0).floor() as usize;
            let row = ((3_700_000.0 - y) / 10.0).floor() as usize;
            let got = &rgba[(j * ow + i) * 4..(j * ow + i) * 4 + 4];
            assert_eq!(got, expected_rgba(values[row * w + col]), "output pixel ({i}, {j}) -> data ({col}, {row})");
        }
    }
}

#[test]
fn render_fit_draws_only_palette_colours_and_marks_attribution() {
    if !gpu_or_skip("render_fit") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = write_ras_fixture(dir.path(), 1100, 700);
    let out = dir.path().join("fit.png");
    let (w, h, rgba) =
        render(&["render", &ras.to_string_lossy(), "--out", &out.to_string_lossy(), "--size", "640x480"]);
    assert_eq!((w, h), (640, 480));
    let palette: Vec<[u8; 4]> = (0..=255u8).map(expected_rgba).collect();
    let mut opaque = 0;
    for px in rgba.chunks(4) {
        if px[3] == 0 {
            continue;
        }
        opaque += 1;
        assert!(palette.iter().any(|c| c == px), "{px:?} is a palette colour: classes never blend");
    }
    assert!(opaque > 640 * 300, "the fixture fills the width");
    let text = std::fs::read(&out).expect("png");
    let needle = b"Copernicus Land Monitoring Service";
    assert!(text.windows(needle.len()).any(|w| w == needle), "attribution in a PNG text chunk");
}

#[test]
fn render_with_no_usable_input_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&["render", "/nonexistent/file.tif", "--out", &dir.path().join("x.png").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.tif"));
    let out = run(&["render", "a.tif", "--out", "x.png", "--size", "0x10"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_layer_without_georeferencing_is_refused_not_misaligned() {
    if !gpu_or_skip("a_layer_without_georeferencing") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = write_ras_fixture(dir.path(), 300, 200);
    // Layers in another CRS are reprojected (tests/compare.rs); one without georeferencing has no place on the map.
    let plain = dir.path().join("plain.tif");
    common::write_byte_layer_on(&plain, (300, 200), &[10; 60_000], [0.0, 1.0, 0.0, 0.0, 0.0, 1.0], None, false);
    let out = dir.path().join("mixed.png");
    let o = run(&["render", &ras.to_string_lossy(), &plain.to_string_lossy(), "--out", &out.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2), "an unusable input makes the exit code 2");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains(&*plain.to_string_lossy()) && stderr.contains("no georeferencing"), "{stderr}");
    // The usable layer is still drawn.
    let (_, _, rgba) = read_png(&out);
    assert!(rgba.chunks(4).any(|p| p == [255, 0, 0, 255]), "RAS classes drawn");
}

#[test]
fn a_zoomed_out_render_equals_gdals_read_of_the_overview_the_planner_chose() {
    if !gpu_or_skip("render_overview") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (3000usize, 2000usize);
    let (ras, _) = write_ras_fixture(dir.path(), w, h);
    // 50 m per output pixel: the coarsest level at least that fine is the second overview (750 x 500 px of 40 m).
    let (cx, cy, res) = (4_413_333.0, 3_690_017.0, 50.0);
    let (ow, oh) = (300usize, 200usize);
    let out = dir.path().join("overview.png");
    let (_, _, rgba) = render(&[
        "render",
        &ras.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--size",
        "300x200",
        "--center",
        "4413333,3690017",
        "--resolution",
        "50",
    ]);
    // The oracle: GDAL's own read of that overview.
    let ds = gdal::Dataset::open(&ras).expect("open");
    let overview = ds.rasterband(1).expect("band").overview(1).expect("second overview");
    let (ov_w, ov_h) = overview.size();
    assert_eq!((ov_w, ov_h), (750, 500));
    let values = overview.read_as::<u8>((0, 0), (ov_w, ov_h), (ov_w, ov_h), None).expect("read").into_shape_and_vec().1;
    let px = 10.0 * w as f64 / ov_w as f64;
    let mut wrong = 0;
    for j in 0..oh {
        for i in 0..ow {
            let x = cx + (i as f64 + 0.5 - ow as f64 / 2.0) * res;
            let y = cy - (j as f64 + 0.5 - oh as f64 / 2.0) * res;
            let (col, row) = (((x - 4_400_000.0) / px).floor(), ((3_700_000.0 - y) / px).floor());
            let want = if col < 0.0 || row < 0.0 || col >= ov_w as f64 || row >= ov_h as f64 {
                [0, 0, 0, 0]
            } else {
                expected_rgba(values[row as usize * ov_w + col as usize])
            };
            wrong += (rgba[(j * ow + i) * 4..(j * ow + i) * 4 + 4] != want) as usize;
        }
    }
    assert_eq!(wrong, 0, "output pixels that are not the overview pixel under their centre");
}
