//! CORINE at level 2 or 1: the 44 level-3 classes merged into their 15 level-2 or 5 level-1 groups. The map, the
//! legend, the counts and the histograms all follow, because the layer is read through a lookup VRT whose values
//! are the group codes (1 to 5 at level 1, 11 to 52 at level 2: the CLC code's first digits). The nomenclature has
//! no colours for levels 1 and 2, so a group takes the colour of its first level-3 class (1.1.1 for 1.1, ...).

use std::collections::BTreeMap;

use super::codes::check_overviews;
use super::{Generalised, LayerInfo, Legend, LegendEntry, ProductError};
use crate::raster::{remapped_path, RasterFile};

/// The group of a 3-digit CLC code at `level` (1, 2, or 3 for the code itself).
pub fn group_of(clc_code: u32, level: u8) -> u32 {
    match level {
        1 => clc_code / 100,
        2 => clc_code / 10,
        _ => clc_code,
    }
}

/// A CLC code of any level written as the nomenclature writes it: 1, 1.2, 1.2.4.
pub fn dotted(code: u32) -> String {
    code.to_string().chars().map(String::from).collect::<Vec<_>>().join(".")
}

/// The legend of a CORINE layer at `level` (1 or 2) and the lookup table from its values to the group codes
/// (technical codes keep theirs). `None` for a legend without CORINE classes.
pub fn level_legend(legend: &Legend, level: u8) -> Option<(Legend, Vec<u32>)> {
    if !(1..=2).contains(&level) {
        return None;
    }
    let classes: Vec<&LegendEntry> = legend.entries.iter().filter(|e| !e.technical && e.clc.is_some()).collect();
    if classes.is_empty() {
        return None;
    }
    let max_code = legend.entries.iter().map(|e| e.code).max()?;
    let mut lut: Vec<u32> = (0..=max_code).collect();
    let mut groups: BTreeMap<u32, Vec<&LegendEntry>> = BTreeMap::new();
    for e in &classes {
        let clc = e.clc.as_ref()?;
        let group = group_of(clc.clc_code, level);
        lut[e.code as usize] = group;
        groups.entry(group).or_default().push(e);
    }
    let mut entries: Vec<LegendEntry> = groups
        .into_iter()
        .filter_map(|(group, members)| {
            let first = members.iter().min_by_key(|m| m.clc.as_ref().map_or(u32::MAX, |c| c.clc_code))?;
            let clc = first.clc.clone()?;
            let label = if level == 1 { clc.level1.clone() } else { clc.level2.clone() };
            let names: Vec<String> = members
                .iter()
                .filter_map(|m| m.clc.as_ref().map(|c| format!("{} {}", dotted(c.clc_code), m.label)))
                .collect();
            Some(LegendEntry {
                code: group,
                label,
                rgba: first.rgba,
                technical: false,
                description: Some(format!(
                    "Level {level} group of the CORINE nomenclature, merging {}: {}.",
                    if names.len() == 1 { "one class".to_string() } else { format!("{} classes", names.len()) },
                    names.join("; ")
                )),
                source_section: Some(format!("nomenclature level {level}, {}", dotted(group))),
                clc: Some(super::legend::ClcLevels {
                    clc_code: group,
                    level1: clc.level1,
                    level2: if level == 2 { clc.level2 } else { String::new() },
                    level3: String::new(),
                }),
            })
        })
        .collect();
    // Technical codes stay as they are; a group code equal to one would make the table ambiguous.
    for t in legend.entries.iter().filter(|e| e.technical || e.clc.is_none()) {
        if entries.iter().any(|e| e.code == t.code) {
            return None;
        }
        entries.push(t.clone());
    }
    entries.sort_by_key(|e| e.code);
    let about = legend.about.clone().map(|mut a| {
        a.text = format!(
            "{} Shown at level {level}: classes merged into their groups, each group in the colour of its first \
             level-3 class (the nomenclature gives no colours for levels 1 and 2).",
            a.text
        );
        a
    });
    let merged = Legend { entries, table: None, about, ..legend.clone() };
    Some((merged, lut))
}

/// `info` shown at CORINE `level` (3: the layer as opened). Opens the lookup VRT: never call it on the UI thread.
pub fn at_level(info: &LayerInfo, level: u8) -> Result<LayerInfo, ProductError> {
    let full = info.generalised.as_ref().map_or(info, |g| g.full.as_ref());
    if level == 3 {
        return Ok(full.clone());
    }
    let refuse = |reason: String| ProductError::Unsupported { path: full.file_path().to_string(), reason };
    let (legend, lut) = level_legend(&full.legend, level)
        .ok_or_else(|| refuse(format!("level {level} needs a CORINE Land Cover layer")))?;
    let vrt = remapped_path(&full.meta, &lut)?;
    let file = RasterFile::open(&vrt)?;
    let meta = file.meta()?;
    let overviews = check_overviews(&file, &meta, &legend)?;
    Ok(LayerInfo {
        path: meta.path.clone(),
        meta,
        legend,
        overviews,
        generalised: Some(Generalised { level, full: Box::new(full.clone()) }),
        ..full.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};

    #[test]
    fn levels_merge_the_44_classes_into_15_and_5_groups() {
        for which in [BuiltIn::ClcGridCode, BuiltIn::ClcThreeDigit] {
            let clc = built_in(which);
            let (l2, lut2) = level_legend(&clc, 2).expect("level 2");
            let (l1, _) = level_legend(&clc, 1).expect("level 1");
            assert_eq!(l2.class_entries().count(), 15);
            assert_eq!(l1.class_entries().count(), 5);
            let airports = clc.entries.iter().find(|e| e.clc.as_ref().is_some_and(|c| c.clc_code == 124));
            let airports = airports.expect("1.2.4");
            assert_eq!(lut2[airports.code as usize], 12);
            let group = l2.entry(12).expect("1.2");
            assert_eq!(group.label, "Industrial, commercial and transport units");
            let first = clc.entries.iter().find(|e| e.clc.as_ref().is_some_and(|c| c.clc_code == 121));
            assert_eq!(Some(group.rgba), first.map(|e| e.rgba), "the colour of 1.2.1");
            assert!(group.description.as_deref().is_some_and(|d| d.contains("1.2.4 Airports")));
            assert_eq!(l1.entry(1).map(|e| e.label.as_str()), Some("Artificial surfaces"));
            // Technical codes keep their code.
            for t in clc.entries.iter().filter(|e| e.technical) {
                assert_eq!(lut2[t.code as usize], t.code);
                assert!(l1.is_technical(t.code));
            }
        }
        assert!(level_legend(&built_in(BuiltIn::ClcPlusRas), 2).is_none());
        assert_eq!(dotted(124), "1.2.4");
        assert_eq!(dotted(12), "1.2");
    }
}
