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
    harness.run_steps(2);
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
    assert!(harness.state().messages().any(|m| m.contains("Figure copied to the clipboard")));

    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let in_view = [2u8, 5, 7, 8, 10];
    for code in 1..=11u8 {
        let colour = common::expected_rgba(code);
        let listed = common::has_square(&rgba, (1920, 1080), 1920 * 3 / 4, colour, 12);
        assert_eq!(listed, in_view.contains(&code), "class {code} in the figure's legend");
    }
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
