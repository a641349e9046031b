//! Style files: the real IMD `.clr`, round trips through `.qml` and `.clr`, and malformed files rejected without
//! changing anything.

mod common;

use std::path::Path;

use clcplus_viewer::product::identify;
use clcplus_viewer::product::legend::{built_in, BuiltIn};
use clcplus_viewer::product::style::{Style, StyleError};

const IMD_CLR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_010m_eu_03035_v0_1.clr");
const IMD_TIF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_010m_eu_03035_v0_1.tif");

#[test]
fn the_real_imd_clr_matches_the_embedded_colour_table() {
    let style = Style::read(Path::new(IMD_CLR)).expect("the CLMS .clr reads");
    assert_eq!(style.entries.len(), 256);
    let info = identify(IMD_TIF).expect("opens");
    let table = info.meta.color_table.expect("embedded table");
    for e in &style.entries {
        let t = table[e.code as usize];
        assert_eq!(&e.rgba[..3], &t[..3], "code {}", e.code);
    }
}

#[test]
fn qml_and_clr_round_trips_keep_colours_and_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (legend, name) in [(built_in(BuiltIn::ClcPlusRas), "ras"), (built_in(BuiltIn::ClcPlusRascl), "rascl")] {
        let style = Style::from_legend(&legend);
        let qml = dir.path().join(format!("{name}.qml"));
        std::fs::write(&qml, style.to_qml()).expect("write");
        let back = Style::read(&qml).expect("our .qml reads back");
        assert_eq!(back, style, "{name}.qml");
        let clr = dir.path().join(format!("{name}.clr"));
        std::fs::write(&clr, style.to_clr()).expect("write");
        let back = Style::read(&clr).expect("our .clr reads back");
        let rgb = |s: &Style| s.entries.iter().map(|e| (e.code, [e.rgba[0], e.rgba[1], e.rgba[2]])).collect::<Vec<_>>();
        assert_eq!(rgb(&back), rgb(&style), "{name}.clr keeps codes and colours");
    }
}

#[test]
fn applying_a_style_restyles_the_legend_and_overrides_the_file_table() {
    let info = identify(IMD_TIF).expect("opens");
    let dir = tempfile::tempdir().expect("temp dir");
    let clr = dir.path().join("mine.clr");
    std::fs::write(&clr, "50 0 0 255 half sealed\n").expect("write");
    let restyled = Style::read(&clr).expect("reads").apply_to(&info.legend);
    assert_eq!(restyled.colour_of(50), [0, 0, 255, 255]);
    assert_eq!(restyled.entry(50).map(|e| e.label.as_str()), Some("half sealed"));
    assert_eq!(restyled.colour_of(10), [239, 194, 156, 255], "other codes keep the file's colours");
    assert_eq!(restyled.colour_of(255)[3], 0, "nodata stays transparent");
}

#[test]
fn malformed_style_files_are_rejected_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        ("broken.qml", "<qgis><pipe><rasterrenderer type=\"paletted\">"),
        ("vector.qml", "<qgis><renderer-v2 type=\"singleSymbol\"/></qgis>"),
        ("empty.clr", "# nothing\n"),
        ("short.clr", "1 2 3\n"),
        ("bad.sld", "<StyledLayerDescriptor><ColorMap><ColorMapEntry quantity=\"1\" color=\"red\"/></ColorMap></StyledLayerDescriptor>"),
        ("style.png", "not a style"),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        match Style::read(&path) {
            Err(StyleError::Invalid { path: p, reason }) => {
                assert!(p.ends_with(name), "{p}");
                assert!(!reason.is_empty());
            }
            other => panic!("{name}: expected a rejection, got {other:?}"),
        }
    }
    assert!(matches!(Style::read(&dir.path().join("missing.qml")), Err(StyleError::Read { .. })));
}

#[test]
fn importing_a_style_in_the_app_changes_the_colour_table_and_a_bad_one_changes_nothing() {
    let _config = common::isolated_config();
    let dir = tempfile::tempdir().expect("temp dir");
    let clr = dir.path().join("blue-sealed.clr");
    std::fs::write(&clr, "1 0 0 255 Built-up\n").expect("write");
    let bad = dir.path().join("bad.qml");
    std::fs::write(&bad, "<qgis>").expect("write");
    let files = clcplus_viewer::demo::find_demo_files().expect("demo");
    let ras: Vec<_> = files.into_iter().filter(|p| p.to_string_lossy().contains("_RAS_")).collect();
    let mut harness = common::app_harness(ras, false);
    common::step_until(&mut harness, "the layer", |app| !app.layers().layers.is_empty());
    let id = harness.state().layers().layers[0].id;
    assert!(!harness.state_mut().import_style(id, &bad));
    assert!(harness.state().messages().any(|m| m.contains("bad.qml") && m.contains("Style not applied")));
    let layer = &harness.state().layers().layers[0];
    assert_eq!(layer.info.legend.colour_of(1), [255, 0, 0, 255], "unchanged");
    assert!(harness.state_mut().import_style(id, &clr));
    let layer = harness.state().layers().layers.iter().find(|l| l.id == id).expect("layer");
    assert_eq!(layer.info.legend.entry(1).map(|e| e.label.as_str()), Some("Built-up"));
    assert_eq!(layer.info.legend.colour_of(1), [0, 0, 255, 255]);
    assert_eq!(layer.info.legend.colour_of(2), [34, 139, 34, 255], "other classes keep theirs");
}
