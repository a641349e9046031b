//! Confidence-aware QA in the real window (egui_kittest on wgpu): the confidence view and the imperviousness view
//! added from the Compare menu count exactly what a count of the fixture arrays gives, the map dims low-confidence
//! pixels and keeps the others in their class colour, and an imperviousness layer on a 100 m grid is resampled onto
//! the 10 m grid of RAS, which the window says.

mod common;

use std::collections::BTreeMap;

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::{Camera, PairKind};
use common::{
    app_harness, expected_rgba, gpu_or_skip, isolated_config, settle, step_until, write_byte_layer, write_ras_fixture,
    FIXTURE_ORIGIN,
};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

const W: usize = 900;
const H: usize = 700;

/// Confidence 0..=100 in a pattern, with some pixels of no value (255).
fn confidence_pattern() -> Vec<u8> {
    (0..W * H).map(|i| if i % 97 == 3 { 255 } else { ((i % W) * 7 + (i / W) * 11) as u8 % 101 }).collect()
}

/// Imperviousness on a 100 m grid: every percentage, some unclassifiable (254).
fn imperviousness_pattern(cw: usize, ch: usize) -> Vec<u8> {
    (0..cw * ch).map(|i| if i % 23 == 7 { 254 } else { ((i % cw) * 13 + (i / cw) * 29) as u8 % 101 }).collect()
}

fn count_pairs_of(a: impl Iterator<Item = u8>, b: impl Iterator<Item = u8>) -> BTreeMap<(u32, u32), u64> {
    let mut out = BTreeMap::new();
    for (x, y) in a.zip(b) {
        *out.entry((x as u32, y as u32)).or_insert(0) += 1;
    }
    out
}

/// Adds the paired view whose Compare menu entry starts with `entry`; returns its layer id.
fn add_from_menu(harness: &mut Harness<'static, ViewerApp>, entry: &str) -> u32 {
    harness.get_by_label("Compare").click();
    harness.run_steps(2);
    harness.get_by_label_contains(entry).click();
    harness.run_steps(2);
    harness.state().layers().layers[0].id
}

/// Switches the counts to the whole file and waits for the layer's joint counts.
fn whole_file_pairs(harness: &mut Harness<'static, ViewerApp>, id: u32) -> BTreeMap<(u32, u32), u64> {
    harness.get_by_label("the whole file").click();
    harness.run_steps(2);
    step_until(harness, "the file's joint counts", |app| app.pair_counts(id).is_some());
    harness.state().pair_counts(id).expect("pairs").0.clone()
}

#[test]
fn confidence_and_imperviousness_views_count_and_draw_by_their_thresholds() {
    let _config = isolated_config();
    if !gpu_or_skip("qa_views") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ras, classes) = write_ras_fixture(dir.path(), W, H);
    let confidence = confidence_pattern();
    let rascl = dir.path().join("CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif");
    write_byte_layer(&rascl, (W, H), &confidence, 10.0, false);
    let (cw, ch) = (W / 10, H / 10);
    let imperviousness = imperviousness_pattern(cw, ch);
    let imd = dir.path().join("IMD_2018_100m_E44N36_03035_v020.tif");
    write_byte_layer(&imd, (cw, ch), &imperviousness, 100.0, false);
    let mut harness = app_harness(vec![ras, rascl, imd], true);
    settle(&mut harness, 3);

    // Confidence view: counts per class below the threshold, exact over the whole file.
    let id = add_from_menu(&mut harness, "Confidence view: RAS 2023");
    assert!(matches!(harness.state().layers().layers[0].pair().map(|p| p.kind), Some(PairKind::Confidence { .. })));
    let pairs = whole_file_pairs(&mut harness, id);
    assert_eq!(pairs, count_pairs_of(classes.iter().copied(), confidence.iter().copied()));
    let is_class = |c: u8| (1..=11).contains(&c);
    let all = classes.iter().zip(&confidence).filter(|&(&c, &v)| is_class(c) && v <= 100).count();
    let low = classes.iter().zip(&confidence).filter(|&(&c, &v)| is_class(c) && v < 50).count();
    harness.get_by_label_contains(&format!("below 50 %: {low} of {all} pixels"));

    // At 10 m per screen pixel, confident pixels keep their class colour and uncertain ones are dimmed.
    let rect = harness.state().map_rect().expect("map");
    let size = [(rect.max.x.round() - rect.min.x.round()) as f64, (rect.max.y.round() - rect.min.y.round()) as f64];
    let camera = Camera {
        center: [FIXTURE_ORIGIN.0 + 1000.0 + 5.0 * size[0], FIXTURE_ORIGIN.1 - 500.0 - 5.0 * size[1]],
        res: 10.0,
    };
    harness.state_mut().set_camera(camera);
    settle(&mut harness, 4);
    let image = harness.render().expect("render");
    let (x0, y0) = (rect.min.x.round() as f64, rect.min.y.round() as f64);
    let (mut kept, mut dimmed) = (0, 0);
    for y in (rect.min.y as usize + 60..rect.max.y as usize - 60).step_by(7) {
        for x in (rect.min.x as usize + 4..rect.max.x as usize - 4).step_by(5) {
            let p = camera.screen_to_map(size, [x as f64 - x0 + 0.5, y as f64 - y0 + 0.5]);
            let (col, row) = (((p[0] - FIXTURE_ORIGIN.0) / 10.0).floor(), ((FIXTURE_ORIGIN.1 - p[1]) / 10.0).floor());
            if col < 0.0 || row < 0.0 || col as usize >= W || row as usize >= H {
                continue;
            }
            let k = row as usize * W + col as usize;
            if !is_class(classes[k]) {
                continue;
            }
            let got = image.get_pixel(x as u32, y as u32).0;
            if confidence[k] >= 50 {
                assert_eq!(got, expected_rgba(classes[k]), "confident pixel at screen ({x}, {y})");
                kept += 1;
            } else {
                assert_ne!(got, expected_rgba(classes[k]), "uncertain pixel at screen ({x}, {y}) dimmed");
                assert_eq!(got[3], 255);
                dimmed += 1;
            }
        }
    }
    assert!(kept > 1000 && dimmed > 1000, "{kept} kept, {dimmed} dimmed");

    // Imperviousness view: IMD's 100 m grid resampled onto RAS's 10 m grid, flagged pixels counted.
    let id = add_from_menu(&mut harness, "Imperviousness view: RAS 2023");
    assert!(
        harness.state().messages().any(|m| m.contains("resampled on the fly (nearest neighbour)")),
        "the window says IMD is resampled"
    );
    let resampled: Vec<u8> = (0..W * H).map(|i| imperviousness[(i / W / 10) * cw + (i % W) / 10]).collect();
    let pairs = whole_file_pairs(&mut harness, id);
    assert_eq!(pairs, count_pairs_of(classes.iter().copied(), resampled.iter().copied()));
    let comparable = |c: u8, v: u8| is_class(c) && v <= 100;
    let sealed_low = classes.iter().zip(&resampled).filter(|&(&c, &v)| comparable(c, v) && c == 1 && v < 30).count();
    let not_sealed = classes.iter().zip(&resampled).filter(|&(&c, &v)| comparable(c, v) && c != 1 && v >= 70).count();
    assert!(sealed_low > 100 && not_sealed > 100, "{sealed_low} / {not_sealed}: the fixture has both");
    harness.get_by_label(&format!("{sealed_low} px"));
    harness.get_by_label(&format!("{not_sealed} px"));
}
