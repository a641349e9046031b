//! Comparison in the real window (egui_kittest on wgpu): the swipe divider at integer zoom shows A's exact colours
//! on one side and B's on the other, the keyboard moves it, and side-by-side cameras stay linked.

mod common;

use clcplus_viewer::ui::ViewerApp;
use clcplus_viewer::view::Camera;
use common::{
    app_harness, expected_rgba, gpu_or_skip, isolated_config, ras_pattern_changed, settle, write_ras, write_ras_fixture,
};
use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

const W: usize = 900;
const H: usize = 700;
const ORIGIN: (f64, f64) = (4_400_000.0, 3_700_000.0);

/// Two years on one grid, opened in the app; returns the harness and the values of stack A (the lower layer) and
/// stack B (the top layer, which comparing puts in B).
fn two_years(dir: &std::path::Path) -> (Harness<'static, ViewerApp>, Vec<u8>, Vec<u8>) {
    let (old, old_values) = write_ras_fixture(dir, W, H);
    let new_values = ras_pattern_changed(W, H);
    let new = write_ras(dir, 2026, W, H, &new_values);
    let mut harness = app_harness(vec![old.clone(), new], true);
    settle(&mut harness, 2);
    let top_is_old = harness.state().layers().layers[0].info.path == old.to_string_lossy();
    let (a, b) = if top_is_old { (new_values, old_values) } else { (old_values, new_values) };
    (harness, a, b)
}

/// A camera at 10 m per screen pixel whose pixel centres are data pixel centres, for a pane of `size` pixels.
fn one_to_one(size: [f64; 2]) -> Camera {
    let cx = ORIGIN.0 + 2000.0 + 5.0 * size[0];
    let cy = ORIGIN.1 - 1500.0 - 5.0 * size[1];
    Camera { center: [cx, cy], res: 10.0 }
}

/// The data value under screen pixel (x, y) of a pane at `rect` drawn with `camera`, or None outside the data.
fn value_under(values: &[u8], camera: &Camera, rect: egui::Rect, x: usize, y: usize) -> Option<u8> {
    // The paint callback's viewport has its corners rounded to whole pixels.
    let (x0, y0) = (rect.min.x.round() as f64, rect.min.y.round() as f64);
    let size = [rect.max.x.round() as f64 - x0, rect.max.y.round() as f64 - y0];
    let p = camera.screen_to_map(size, [x as f64 - x0 + 0.5, y as f64 - y0 + 0.5]);
    let (col, row) = (((p[0] - ORIGIN.0) / 10.0).floor(), ((ORIGIN.1 - p[1]) / 10.0).floor());
    (col >= 0.0 && row >= 0.0 && (col as usize) < W && (row as usize) < H)
        .then(|| values[row as usize * W + col as usize])
}

/// Checks the screen left of `boundary - margin` against A and right of `boundary + margin` against B, in the middle
/// band of the map (clear of the scale bar, the label and the divider's knob).
fn check_sides(harness: &mut Harness<'_, ViewerApp>, a: &[u8], b: &[u8], boundary: f32) -> (usize, usize) {
    let rect = harness.state().map_rect().expect("map");
    let camera = harness.state().camera().expect("camera");
    let image = harness.render().expect("render");
    let (mut left, mut right) = (0, 0);
    for y in (rect.min.y as usize + 60..rect.max.y as usize - 60).step_by(3) {
        if (y as f32 - rect.center().y).abs() < 20.0 {
            continue;
        }
        for x in (rect.min.x as usize + 2..rect.max.x as usize - 2).step_by(2) {
            let side_a = (x as f32) < boundary - 4.0;
            if !side_a && (x as f32) < boundary + 4.0 {
                continue;
            }
            let values = if side_a { a } else { b };
            let Some(v) = value_under(values, &camera, rect, x, y) else { continue };
            let got = image.get_pixel(x as u32, y as u32).0;
            let want = expected_rgba(v);
            if want[3] == 0 {
                continue;
            }
            assert_eq!(got, want, "screen ({x}, {y}) on side {}", if side_a { "A" } else { "B" });
            if side_a {
                left += 1
            } else {
                right += 1
            }
        }
    }
    (left, right)
}

/// Enters swipe with W, sets a one-to-one camera and checks both sides against `a` and `b`. Returns the map's
/// rectangle, its size in pixels and the divider's column.
fn swipe_at_one_to_one(harness: &mut Harness<'_, ViewerApp>, a: &[u8], b: &[u8]) -> (egui::Rect, [f64; 2], f32) {
    harness.key_press(egui::Key::W);
    harness.run_steps(2);
    // The compare bar took its place above the map: the map's rectangle is final now.
    let rect = harness.state().map_rect().expect("map");
    let size = [(rect.max.x.round() - rect.min.x.round()) as f64, (rect.max.y.round() - rect.min.y.round()) as f64];
    harness.state_mut().set_camera(one_to_one(size));
    settle(harness, 2);
    let boundary = (rect.min.x + rect.width() * harness.state().swipe_split()).round();
    let (left, right) = check_sides(harness, a, b, boundary);
    assert!(left > 10_000 && right > 10_000, "{left} pixels checked left, {right} right");
    (rect, size, boundary)
}

#[test]
fn swipe_shows_a_left_and_b_right_and_the_arrows_move_the_divider() {
    let _config = isolated_config();
    if !gpu_or_skip("swipe_ui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, a, b) = two_years(dir.path());
    let (rect, size, boundary) = swipe_at_one_to_one(&mut harness, &a, &b);

    for _ in 0..5 {
        harness.key_press(egui::Key::ArrowRight);
    }
    settle(&mut harness, 2);
    let split = harness.state().swipe_split();
    assert!((split - 0.6).abs() < 1e-4, "five steps of 2 %: {split}");
    let moved = (rect.min.x + rect.width() * split).round();
    assert!(moved - boundary >= (rect.width() * 0.1).floor() - 1.0, "a tenth of the map width");
    check_sides(&mut harness, &a, &b, moved);
    // The arrows moved the divider, not the map.
    assert_eq!(harness.state().camera(), Some(one_to_one(size)));
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().pane_rects().len(), 1);
}

#[test]
fn a_layer_in_another_crs_is_reprojected_and_swiped_pixel_exact() {
    let _config = isolated_config();
    if !gpu_or_skip("swipe_reprojected_ui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (old, a) = write_ras_fixture(dir.path(), W, H);
    let new = write_ras(dir.path(), 2026, W, H, &ras_pattern_changed(W, H));
    // The oracle: gdalwarp itself puts the UTM layer onto the old layer's grid.
    let (utm, back) = common::utm_copy(dir.path(), &new, (W, H));
    let b = common::read_bytes(&back);

    let mut harness = app_harness(vec![old], true);
    settle(&mut harness, 1);
    harness.state_mut().open(vec![utm.clone()], false);
    settle(&mut harness, 2);
    let top = &harness.state().layers().layers[0].info;
    assert_eq!(top.file_path(), utm.to_string_lossy());
    let note = top.reprojection_note().expect("the UTM layer is reprojected");
    assert!(note.contains("from EPSG:32632 to EPSG:3035"), "{note}");
    harness.get_by_label_contains("Reprojected on the fly from EPSG:32632");

    swipe_at_one_to_one(&mut harness, &a, &b);
}

#[test]
fn side_by_side_cameras_stay_linked_until_unlinked() {
    let _config = isolated_config();
    if !gpu_or_skip("linked_panes") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _, _) = two_years(dir.path());
    harness.key_press(egui::Key::D);
    harness.run_steps(2);
    let panes = harness.state().pane_rects();
    assert_eq!(panes.len(), 2);
    let same = |h: &Harness<'_, ViewerApp>| (h.state().pane_camera(0), h.state().pane_camera(1));

    let before = harness.state().pane_camera(0).expect("camera");
    drag(&mut harness, panes[1].center(), panes[1].center() + egui::vec2(-120.0, 45.0));
    let (c0, c1) = same(&harness);
    assert_ne!(c0, Some(before), "dragging pane B moved pane A too");
    assert_eq!(c0, c1);

    harness.hover_at(panes[0].center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run_steps(3);
    let (c0, c1) = same(&harness);
    assert!(c0.expect("camera").res < before.res, "the wheel zoomed in");
    assert_eq!(c0, c1, "zooming pane A zoomed pane B");

    // An arrow key pans once, not once per pane (after the smooth wheel zoom has come to rest).
    harness.run_steps(120);
    let before = harness.state().pane_camera(0).expect("camera");
    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(1);
    let after = harness.state().pane_camera(0).expect("camera");
    assert!(((after.center[0] - before.center[0]).abs() - 120.0 * before.res).abs() < 1e-6, "{before:?} {after:?}");
    assert_eq!(harness.state().pane_camera(1), Some(after));

    // Unlinked through the Compare bar's checkbox, as a user does: each pane then moves alone, from where it was.
    harness.get_by_label("linked").click();
    harness.run_steps(2);
    let b_before = harness.state().pane_camera(1);
    drag(&mut harness, panes[0].center(), panes[0].center() + egui::vec2(-60.0, 0.0));
    assert_eq!(harness.state().pane_camera(1), b_before, "unlinked: pane B stays while pane A moves");
    let a_before = harness.state().pane_camera(0);
    drag(&mut harness, panes[1].center(), panes[1].center() + egui::vec2(60.0, 0.0));
    let (c0, c1) = same(&harness);
    assert_eq!(c0, a_before, "unlinked: pane A stays");
    assert_ne!(c1, a_before, "unlinked: pane B moved");

    // The inspector groups the values at the cursor by pane: stack A, then stack B.
    harness.hover_at(panes[1].center());
    common::step_until(&mut harness, "inspector values", |app| app.inspected().is_some_and(|r| r.values.len() == 2));
    let (a, b) = (harness.get_by_label("Stack A").rect(), harness.get_by_label("Stack B").rect());
    assert!(a.min.y < b.min.y, "stack A is listed first");
}

fn drag(harness: &mut Harness<'_, ViewerApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.drag_at(from);
    harness.run_steps(1);
    harness.hover_at(from + (to - from) * 0.5);
    harness.hover_at(to);
    harness.drop_at(to);
    harness.run_steps(2);
}

#[test]
fn the_change_view_from_the_menu_counts_the_from_to_matrix_exactly() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, a, b) = two_years(dir.path());
    harness.get_by_label("Compare").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Change view: RAS 2023").click();
    harness.run_steps(2);
    assert_eq!(harness.state().layers().layers.len(), 3);
    let change = harness.state().layers().layers[0].id;
    assert!(harness.state().layers().layers[0].title().starts_with("Change RAS 2023"), "the older year first");
    common::step_until(&mut harness, "the view's from-to counts", |app| app.pair_counts(change).is_some());
    harness.get_by_label_contains("changed:");
    // The whole file: every pixel of both years, against a count of the arrays the fixtures were written from.
    harness.get_by_label("the whole file").click();
    harness.run_steps(2);
    common::step_until(&mut harness, "the file's from-to counts", |app| app.pair_counts(change).is_some());
    let (old, new) = if harness.state().layers().layers[2].info.path.contains("S2023") { (&a, &b) } else { (&b, &a) };
    let mut direct = std::collections::BTreeMap::new();
    for (&f, &t) in old.iter().zip(new.iter()) {
        *direct.entry((f as u32, t as u32)).or_insert(0u64) += 1;
    }
    assert_eq!(harness.state().pair_counts(change).expect("pairs").0, direct);
    harness.get_by_label_contains("from-to pixels of the whole file: exact");
}
