//! Vector overlays on the GPU (lavapipe where there is no GPU): a zone with a hole drawn offscreen through the same
//! renderer as the window: its fill inside, nothing in the hole, its outline on its edges, the selection's colours
//! over a selected zone.

mod common;

use std::sync::Arc;

use clcplus_viewer::render::{DrawList, DrawOverlay, Offscreen};
use clcplus_viewer::view::{build_geometry, overlay_transform, Camera};

fn square(x: f64, y: f64, s: f64) -> Vec<(f64, f64)> {
    vec![(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)]
}

const LINE: [f32; 4] = [1.0, 1.0, 1.0, 1.0];
/// Half-transparent red, premultiplied.
const FILL: [f32; 4] = [0.5, 0.0, 0.0, 0.5];
const SELECTED_LINE: [f32; 4] = [1.0, 1.0, 0.0, 1.0];
const SELECTED_FILL: [f32; 4] = [0.0, 0.0, 0.5, 0.5];

fn rgba(c: [f32; 4]) -> [u8; 4] {
    c.map(|v| (v * 255.0).round() as u8)
}

#[test]
fn a_zone_with_a_hole_is_filled_outlined_and_highlighted_when_selected() {
    if !common::gpu_or_skip("overlay") {
        return;
    }
    let mut gpu = Offscreen::new(1 << 20).expect("adapter");
    // Two zones in a 64 x 64 px view of 1 map unit per pixel centred on (32, 32): a 40 x 40 square at (8, 8) with a
    // 10 x 10 hole at (23, 23), and a 6 x 6 square at (52, 52).
    let features =
        vec![vec![vec![square(8.0, 8.0, 40.0), square(23.0, 23.0, 10.0)]], vec![vec![square(52.0, 52.0, 6.0)]]];
    let geometry = Arc::new(build_geometry(&features));
    let camera = Camera { center: [32.0, 32.0], res: 1.0 };
    let draw = |selected: Vec<u32>| DrawList {
        viewport: [64.0, 64.0],
        overlays: vec![DrawOverlay {
            overlay_id: 1,
            geometry: geometry.clone(),
            level: 0,
            transform: overlay_transform(&camera, [64.0, 64.0], geometry.origin),
            pixel: [2.0 / 64.0, 2.0 / 64.0],
            line: LINE,
            fill: FILL,
            selected_line: SELECTED_LINE,
            selected_fill: SELECTED_FILL,
            selected: Arc::new(selected),
        }],
        ..Default::default()
    };
    let image = gpu.render(&draw(Vec::new())).expect("rendered");
    // Map y goes up, image rows down: map point (x, y) is pixel (x, 63 - y) for points inside pixels.
    let at = |image: &[u8], x: usize, y: usize| -> [u8; 4] {
        let i = ((63 - y) * 64 + x) * 4;
        [image[i], image[i + 1], image[i + 2], image[i + 3]]
    };
    assert_eq!(at(&image, 15, 15), rgba(FILL), "inside the zone");
    assert_eq!(at(&image, 28, 28), [0, 0, 0, 0], "in the hole");
    assert_eq!(at(&image, 2, 2), [0, 0, 0, 0], "outside");
    // The outline runs along x = 8 from y = 8 to 48: the column of pixels it crosses is drawn in the line colour.
    let outline = (10..46).filter(|&y| at(&image, 8, y) == rgba(LINE) || at(&image, 7, y) == rgba(LINE)).count();
    assert!(outline >= 30, "the left edge is outlined ({outline} px)");
    assert_eq!(at(&image, 55, 55), rgba(FILL), "the second zone");

    let image = gpu.render(&draw(vec![1])).expect("rendered");
    assert_eq!(at(&image, 15, 15), rgba(FILL), "the first zone is not selected");
    // The selected zone's own fill is drawn over the common one.
    let over = [0.5 * 0.5, 0.0, 0.5, 0.5 + 0.5 * 0.5].map(|v: f32| (v * 255.0).round() as u8);
    let got = at(&image, 55, 55);
    assert!(got.iter().zip(over).all(|(g, e)| g.abs_diff(e) <= 1), "selected fill {got:?}, expected {over:?}");
}

#[test]
fn render_outlines_zones_over_the_map() {
    if !common::gpu_or_skip("render --zones") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ras, _) = common::write_ras_fixture(dir.path(), 600, 400);
    // A rectangle whose left side runs down the middle of pixel column 100, rows 100.5 to 200.5 (10 m pixels).
    let (x0, y0) = common::FIXTURE_ORIGIN;
    let ring = vec![
        [x0 + 1005.0, y0 - 1005.0],
        [x0 + 3005.0, y0 - 1005.0],
        [x0 + 3005.0, y0 - 2005.0],
        [x0 + 1005.0, y0 - 2005.0],
        [x0 + 1005.0, y0 - 1005.0],
    ];
    let zones = dir.path().join("zones.geojson");
    std::fs::write(&zones, common::big_fixtures::zones_geojson(&[("a".into(), vec![vec![ring]])])).unwrap();
    let dark_in_column = |png: &std::path::Path, col: usize| {
        let (w, _, rgba) = common::read_png(png);
        // Opaque and dark: nodata pixels are transparent black, not dark ink.
        (110..190)
            .map(|r| &rgba[(r * w as usize + col) * 4..][..4])
            .filter(|p| p[3] > 200 && p[..3].iter().all(|&c| c < 70))
            .count()
    };
    let (plain, outlined) = (dir.path().join("plain.png"), dir.path().join("zones.png"));
    let ras = ras.to_str().unwrap();
    common::render(&["render", ras, "--size", "600x400", "--out", plain.to_str().unwrap()]);
    common::render(&[
        "render",
        ras,
        "--size",
        "600x400",
        "--zones",
        zones.to_str().unwrap(),
        "--out",
        outlined.to_str().unwrap(),
    ]);
    assert_eq!(dark_in_column(&plain, 100), 0, "no class of the fixture is drawn this dark");
    assert!(dark_in_column(&outlined, 100) >= 75, "the zone's left side is outlined");
    assert_eq!(dark_in_column(&outlined, 50), 0, "nothing outside it");
}
