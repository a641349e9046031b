//! Class knowledge: every code of every built-in legend has a label, a colour and a description with its source;
//! the CORINE legend has the 44 level-3 classes of the official nomenclature, with the right grid codes and labels;
//! `info --json` carries it all.

mod common;

use std::collections::BTreeMap;

use clcplus_viewer::product::legend::{built_in, BuiltIn};

#[test]
fn every_code_of_every_built_in_legend_is_described_with_its_source() {
    for which in BuiltIn::ALL {
        let legend = built_in(which);
        let about = legend.about.as_ref().unwrap_or_else(|| panic!("{which:?}: no description of the layer"));
        assert!(about.text.len() > 40 && about.source.contains("reference/"), "{which:?}: {about:?}");
        for e in &legend.entries {
            assert!(!e.label.trim().is_empty(), "{which:?} {}: no label", e.code);
            let description = e.description.as_deref().unwrap_or_default();
            assert!(description.len() > 10, "{which:?} {}: no description", e.code);
            assert!(e.source_section.as_deref().is_some_and(|s| !s.is_empty()), "{which:?} {}: no section", e.code);
            // A colour: opaque, or transparent only for technical codes.
            assert!(e.rgba[3] == 255 || e.technical, "{which:?} {}: a class without a colour", e.code);
        }
    }
}

#[test]
fn the_backbone_classes_carry_the_thresholds_of_the_user_manual() {
    let ras = built_in(BuiltIn::ClcPlusRas);
    let text = |code: u32| ras.entry(code).and_then(|e| e.description.clone()).unwrap_or_default();
    assert_eq!(ras.class_entries().count(), 11);
    assert!(text(6).contains("30 %"), "permanent herbaceous: vegetation over 30 %");
    assert!(text(9).contains("70 %"), "non and sparsely vegetated: bare at least 70 %");
    assert!(text(10).contains("half of the observation period"));
    assert!(text(11).contains("90 %"));
    for code in 1..=11 {
        assert!(text(code).contains("EAGLE"), "class {code} names its EAGLE land-cover component");
    }
    assert!(ras.is_technical(253) && text(253).starts_with("Technical code"));
}

/// (CLC code, level-3 label) of the nomenclature's headings, with the source's two typos corrected.
fn official_level3() -> BTreeMap<u32, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/clc_nomenclature_headings.txt");
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(path).expect("headings").lines().filter(|l| !l.starts_with('#')) {
        let Some((code, label)) = line.split_once(' ') else { continue };
        let digits: Vec<&str> = code.trim_end_matches('.').split('.').collect();
        if digits.len() != 3 {
            continue;
        }
        let mut clc: u32 = digits.concat().parse().expect("a code");
        let mut label = label.to_string();
        if clc == 124 {
            label = "Airports".into();
        }
        if clc == 511 && out.contains_key(&511) {
            clc = 512;
        }
        assert!(out.insert(clc, label).is_none(), "{clc} twice");
    }
    out
}

#[test]
fn the_corine_legend_has_the_44_classes_of_the_nomenclature() {
    let official = official_level3();
    assert_eq!(official.len(), 44);
    let grid = built_in(BuiltIn::ClcGridCode);
    let classes: Vec<_> = grid.class_entries().collect();
    assert_eq!(classes.len(), 44);
    // Grid codes 1 to 44 number the CLC codes in order.
    for (e, (clc, label)) in classes.iter().zip(&official) {
        let levels = e.clc.as_ref().expect("CLC levels");
        assert_eq!(levels.clc_code, *clc, "grid code {}", e.code);
        assert_eq!(&e.label, label, "CLC {clc}");
        assert_eq!(&levels.level3, label);
        assert!(!levels.level1.is_empty() && !levels.level2.is_empty());
    }
    assert_eq!(classes.iter().map(|e| e.code).collect::<Vec<_>>(), (1..=44).collect::<Vec<_>>());
    // Classes of one level-2 group share its label.
    let mut groups: BTreeMap<u32, &str> = BTreeMap::new();
    for e in &classes {
        let levels = e.clc.as_ref().expect("levels");
        let group = groups.entry(levels.clc_code / 10).or_insert(&levels.level2);
        assert_eq!(*group, levels.level2, "CLC {}", levels.clc_code);
    }
    assert_eq!(groups.len(), 15);
    // The 3-digit coding has the same classes and descriptions under the CLC codes.
    let three = built_in(BuiltIn::ClcThreeDigit);
    for e in &classes {
        let code = e.clc.as_ref().expect("levels").clc_code;
        assert_eq!(three.entry(code).and_then(|t| t.description.clone()), e.description.clone());
    }
}

#[test]
fn info_json_lists_code_label_colour_description_and_corine_levels() {
    let dir = tempfile::tempdir().unwrap();
    let clc = dir.path().join("U2018_CLC2018_V2020_20u1.tif");
    common::write_byte_layer(&clc, (64, 64), &[23; 64 * 64], 100.0, false);
    let out = common::run(&["info", clc.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let legend = &json["legend"];
    assert!(legend["about"]["source"].as_str().is_some_and(|s| s.contains("004_6d7b683409ee020c")));
    let forest = legend["entries"].as_array().expect("entries").iter().find(|e| e["code"] == 23).expect("grid code 23");
    assert_eq!(forest["label"], "Broad-leaved forest");
    assert_eq!(forest["clc_code"], 311);
    assert_eq!(forest["level1"], "Forest and semi natural areas");
    assert_eq!(forest["level2"], "Forests");
    assert_eq!(forest["level3"], "Broad-leaved forest");
    assert_eq!(forest["rgb"], serde_json::json!([128, 255, 0]));
    assert!(forest["description"].as_str().is_some_and(|d| d.contains("75 %")));
    assert_eq!(forest["source_section"], "section 3.1.1");
}
