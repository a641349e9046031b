//! Teaching in the real window (egui_kittest): the class card opens from the legend and with Ctrl+click on the map,
//! and shows the class's description and its exact share of the view.

mod common;

use clcplus_viewer::ui::ViewerApp;
use common::{isolated_config, settle, step_until, write_ras_fixture};
use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

fn app_on_fixture(dir: &std::path::Path) -> (Harness<'static, ViewerApp>, Vec<u8>) {
    let (ras, values) = write_ras_fixture(dir, 600, 400);
    let mut harness = common::app_harness(vec![ras], false);
    settle(&mut harness, 1);
    (harness, values)
}

#[test]
fn the_class_card_opens_from_the_legend_with_description_and_share_in_view() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, values) = app_on_fixture(dir.path());
    let layer = harness.state().layers().layers[0].id;
    step_until(&mut harness, "the view's counts", |app| app.view_stats(layer).is_some_and(|(level, _)| level == 0));
    assert!(harness.state().class_card().is_none());

    // The code of a class in the legend is its card's button.
    let legend_code = harness.get_all_by_label("3").find(|n| format!("{n:?}").contains("Button"));
    legend_code.expect("a card button per class").click();
    // The click's command runs at the end of its frame; the card's window is sized in the next and shown after.
    harness.run_steps(3);
    let card = harness.state().class_card().expect("a card opened");
    assert_eq!((card.layer_id, card.code), (layer, 3));
    harness.get_by_label("Class card: Woody broadleaved deciduous trees");
    harness.get_by_label_contains("lose all their leaves for part of the year");
    harness.get_by_label_contains("section 6.1.2, class 2.2.1");

    // The share is the view's exact count (tests/panels.rs checks those against GDAL), over land-cover codes only.
    let (_, table) = harness.state().view_stats(layer).expect("counts");
    let row = table.rows.iter().find(|r| r.value == 3).expect("class 3 in view");
    let share = row.count as f64 / table.mapped_pixels as f64 * 100.0;
    assert!(row.count as usize <= values.iter().filter(|&&v| v == 3).count());
    let in_view = harness.get_by_label_contains("In view:");
    assert!(format!("{in_view:?}").contains(&format!("In view: {share:.2} % of the mapped area")), "{in_view:?}");

    // Closing it.
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    assert!(harness.state().class_card().is_none());
}

#[test]
fn ctrl_click_on_the_map_opens_the_card_of_the_class_under_the_cursor() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, values) = app_on_fixture(dir.path());
    let rect = harness.state().map_rect().expect("map");
    let pos = rect.center();
    harness.hover_at(pos);
    step_until(&mut harness, "the inspector", |app| app.inspected().is_some_and(|r| !r.values.is_empty()));
    let inspected = harness.state().inspected().cloned().expect("values");
    let (col, row) = inspected.values[0].pixel;
    let expected = values[row as usize * 600 + col as usize];
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::COMMAND,
        });
    }
    harness.run_steps(2);
    let card = harness.state().class_card().expect("Ctrl+click opened a card");
    assert_eq!(card.code as u8, expected, "the class of pixel ({col}, {row})");
    assert!(harness.state().pinned().is_empty(), "a learn click pins nothing");
}

#[test]
fn export_figure_copies_the_view_with_a_legend_of_the_classes_in_view() {
    if !common::gpu_or_skip("export_figure") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (400, 300);
    let values = common::banded(w, h);
    let ras = common::write_ras(dir.path(), 2023, w, h, &values);
    let mut harness = common::app_harness(vec![ras], false);
    settle(&mut harness, 1);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run_steps(2);
    harness.get_by_label("Export figure");
    harness.get_by_label("Copy to clipboard").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let image = loop {
        harness.step();
        let copied = harness.output().platform_output.commands.iter().find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.clone()),
            _ => None,
        });
        if let Some(image) = copied {
            break image;
        }
        let messages: Vec<&str> = harness.state().messages().collect();
        assert!(std::time::Instant::now() < deadline, "no figure copied; messages: {messages:?}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert_eq!(image.size, [1920, 1080], "the default figure size");
    harness.run_steps(2);
    let copied = harness.state().messages_with_level().find(|(_, m)| m.contains("Figure copied to the clipboard"));
    assert_eq!(copied.map(|(level, _)| level), Some(clcplus_viewer::ui::Level::Info), "a note, not a warning");

    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let listed = common::legend_classes(&rgba, (1920, 1080), 12);
    assert_eq!(listed, std::collections::BTreeSet::from([2, 5, 7, 8, 10]), "the figure's legend");
}

#[test]
fn presentation_mode_goes_on_and_off_with_f11_and_number_keys_highlight_classes_in_view() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _) = app_on_fixture(dir.path());
    let layer = harness.state().layers().layers[0].id;
    harness.get_by_label("Layers");
    let zoom = harness.ctx.zoom_factor();

    harness.key_press(egui::Key::F11);
    step_until(&mut harness, "the view's counts", |app| app.view_stats(layer).is_some_and(|(level, _)| level == 0));
    assert!(harness.state().presenting());
    assert!((harness.ctx.zoom_factor() - zoom * 1.5).abs() < 1e-6, "a larger UI");
    assert!(harness.query_by_label("Layers").is_none(), "the layers panel is hidden");
    harness.get_by_label("Classes in view");
    // A classroom looks at the map: it keeps at least 70 % of the screen, the legend a narrow column.
    let screen = harness.ctx.content_rect().width();
    let map = harness.state().map_rect().expect("map");
    assert!(map.width() >= 0.7 * screen, "the map is {} of {screen} points wide", map.width());
    let heading = harness.get_by_label("Classes in view").rect();
    assert!(
        heading.left() >= map.right() && heading.right() <= screen,
        "the legend {heading:?} is beside the map {map:?}"
    );

    // The big legend lists the land-cover classes in view in code order; key 2 highlights the second.
    let (_, table) = harness.state().view_stats(layer).expect("counts");
    let in_view: Vec<u32> = table.rows.iter().filter(|r| !r.technical && r.count > 0).map(|r| r.value).collect();
    assert!(in_view.len() >= 3, "{in_view:?}");
    let label = &table.rows.iter().find(|r| r.value == in_view[1]).expect("row").class_name;
    harness.get_by_label_contains(label);
    harness.key_press(egui::Key::Num2);
    harness.run_steps(2);
    let highlight = |h: &Harness<'_, ViewerApp>| h.state().layers().layers[0].filter().highlight;
    assert_eq!(highlight(&harness), Some(in_view[1]));
    harness.key_press(egui::Key::Num3);
    harness.run_steps(2);
    assert_eq!(highlight(&harness), Some(in_view[2]));
    harness.key_press(egui::Key::Num3);
    harness.run_steps(2);
    assert_eq!(highlight(&harness), None, "the same key again clears");

    harness.key_press(egui::Key::F11);
    harness.run_steps(3);
    assert!(!harness.state().presenting());
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-6, "the UI size restored");
    harness.get_by_label("Layers");
}

#[test]
fn a_quiz_round_marks_a_pixel_hides_the_legend_and_scores_right_and_wrong_answers() {
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, values) = app_on_fixture(dir.path());
    let layer = harness.state().layers().layers[0].id;
    harness.key_press(egui::Key::F11);
    harness.run_steps(2);
    harness.get_by_label("Quiz").click();
    let question = |h: &Harness<'_, ViewerApp>| h.state().quiz().and_then(|q| q.question.clone());
    step_until(&mut harness, "a question", |app| app.quiz().is_some_and(|q| q.question.is_some()));
    assert!(harness.query_by_label("Classes in view").is_none(), "the legend is hidden during the quiz");
    let label = |h: &Harness<'_, ViewerApp>, code: u32| {
        h.state().layers().layers[0].info.legend.entry(code).expect("a class").label.clone()
    };

    // The marked pixel holds the class the quiz expects (the oracle: the fixture's own values); four different
    // classes are offered, the right one among them.
    let q = question(&harness).expect("question");
    assert_eq!(q.answer as u8, values[q.pixel.1 * 600 + q.pixel.0], "pixel {:?}", q.pixel);
    assert_eq!(q.choices.len(), 4);
    assert!(q.choices.contains(&q.answer));
    let mut unique = q.choices.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 4);

    // Right: by clicking the answer.
    let right = q.choices.iter().position(|&c| c == q.answer).expect("answer offered");
    harness.get_by_label(&format!("{}  {}", right + 1, label(&harness, q.answer))).click();
    harness.run_steps(2);
    harness.get_by_label("Right!");
    harness.get_by_label("Score: 1 of 1");
    let card = harness.state().class_card().expect("the answer's card");
    assert_eq!((card.layer_id, card.code), (layer, q.answer));

    // Wrong: the next question answered with its number key.
    harness.get_by_label("Next question (N)").click();
    step_until(&mut harness, "the next question", |app| {
        app.quiz().and_then(|q| q.question.as_ref()).is_some_and(|q| q.picked.is_none())
    });
    let q = question(&harness).expect("question");
    let wrong = q.choices.iter().position(|&c| c != q.answer).expect("a wrong choice");
    harness.key_press([egui::Key::Num1, egui::Key::Num2, egui::Key::Num3, egui::Key::Num4][wrong]);
    harness.run_steps(2);
    harness.get_by_label(&format!("Not quite: it is {}.", label(&harness, q.answer)));
    harness.get_by_label("Score: 1 of 2");

    harness.get_by_label("End quiz").click();
    harness.run_steps(2);
    assert!(harness.state().quiz().is_none());
    assert!(harness.state().messages().any(|m| m == "Quiz over: 1 of 2 right."));
    harness.get_by_label("Classes in view");
}

#[test]
fn a_corine_layer_switches_between_levels_and_map_legend_and_counts_follow() {
    use clcplus_viewer::product::legend::{built_in, BuiltIn};
    use clcplus_viewer::view::Camera;
    if !common::gpu_or_skip("corine_levels") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (300usize, 200usize);
    // Grid codes 1 to 44 in blocks of 10 x 10 pixels of 100 m.
    let values: Vec<u8> = (0..w * h).map(|i| ((i % w / 10 + i / w / 10 * 7) % 44) as u8 + 1).collect();
    let clc = dir.path().join("U2018_CLC2018_V2020_20u1.tif");
    common::write_byte_layer(&clc, (w, h), &values, 100.0, false);
    let mut harness = common::app_harness(vec![clc], true);
    settle(&mut harness, 1);
    let legend = built_in(BuiltIn::ClcGridCode);
    let clc_code = |grid: u8| legend.entry(grid as u32).and_then(|e| e.clc.as_ref()).expect("a class").clc_code;

    // Counts of the whole file, so that the panel's width (it follows the legend) does not change what is counted.
    harness.get_by_label("the whole file").click();
    // Away from the radio button, whose tooltip would cover the level buttons below it.
    harness.hover_at(egui::pos2(5.0, 790.0));
    // Counted, so that no progress row moves the buttons between finding and clicking them.
    step_until(&mut harness, "the file's counts", |app| {
        app.is_idle() && app.file_stats(app.layers().layers[0].id).is_some()
    });
    harness.get_by_label("level 2").click();
    step_until(&mut harness, "level 2", |app| {
        let layer = &app.layers().layers[0];
        layer.info.generalised.as_ref().is_some_and(|g| g.level == 2)
            && app.is_idle()
            && app.file_stats(layer.id).is_some()
    });
    harness.get_by_label("Industrial, commercial and transport units");
    assert!(harness.query_by_label("Airports").is_none(), "level-3 rows are gone");

    // Counts: each group's is the sum of its classes' (the oracle: the fixture itself).
    let layer_id = harness.state().layers().layers[0].id;
    let table = harness.state().file_stats(layer_id).expect("counts");
    let mut expected = std::collections::BTreeMap::new();
    for &v in &values {
        *expected.entry(clc_code(v) / 10).or_insert(0u64) += 1;
    }
    let got: std::collections::BTreeMap<u32, u64> =
        table.rows.iter().filter(|r| r.count > 0).map(|r| (r.value, r.count)).collect();
    assert_eq!(got, expected);

    // The map: every class in the colour of its group's first class (1.2.4 Airports in 1.2.1's colour).
    let group_colour = |group: u32| {
        let first = legend.class_entries().filter(|e| e.clc.as_ref().is_some_and(|c| c.clc_code / 10 == group));
        first.min_by_key(|e| e.clc.as_ref().map_or(0, |c| c.clc_code)).expect("a first class").rgba
    };
    let (res, center) = (50.0, [4_415_001.25, 3_690_001.25]);
    harness.state_mut().set_camera(Camera { center, res });
    settle(&mut harness, 1);
    let image = harness.render().expect("rendered");
    let rect = harness.state().map_rect().expect("map drawn");
    let (left, top) = (rect.min.x.round() as f64, rect.min.y.round() as f64);
    let size = [rect.max.x.round() as f64 - left, rect.max.y.round() as f64 - top];
    let camera = harness.state().camera().expect("camera");
    let mut checked = std::collections::BTreeSet::new();
    for sy in (top as u32 + 4..(top + size[1]) as u32 - 60).step_by(9) {
        for sx in (left as u32 + 4..(left + size[0]) as u32 - 4).step_by(7) {
            let m = camera.screen_to_map(size, [sx as f64 - left + 0.5, sy as f64 - top + 0.5]);
            let (col, row) = (((m[0] - 4_400_000.0) / 100.0).floor(), ((3_700_000.0 - m[1]) / 100.0).floor());
            if col < 0.0 || row < 0.0 || col >= w as f64 || row >= h as f64 {
                continue;
            }
            let v = values[row as usize * w + col as usize];
            let group = clc_code(v) / 10;
            assert_eq!(image.get_pixel(sx, sy).0, group_colour(group), "screen ({sx}, {sy}), grid code {v}");
            checked.insert(v);
        }
    }
    assert!(checked.len() > 20, "checked {} classes", checked.len());

    // Back to level 3: the 44 classes again.
    harness.get_by_label("level 3").click();
    step_until(&mut harness, "level 3", |app| {
        let layer = &app.layers().layers[0];
        layer.info.generalised.is_none() && app.is_idle()
    });
    harness.get_by_label("Airports");
}
