//! Legends: what each raster value means and how it is coloured.
//!
//! Built-in legends come from `assets/legends.json` (generated from the reference palettes, sources named in the
//! file); a file's own colour table and attribute table refine them (DESIGN.md "Colours": the file wins).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::knowledge::{self, LayerAbout};

/// One value of a legend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendEntry {
    pub code: u32,
    pub label: String,
    pub rgba: [u8; 4],
    /// Not land cover (outside area, no data, coastal buffer, ...): listed apart and never part of a share.
    pub technical: bool,
    /// What the code means, in our words (`assets/class_knowledge.json`).
    pub description: Option<String>,
    /// Where in the legend's source document (`Legend::about`) the description comes from.
    pub source_section: Option<String>,
    /// CORINE only: the 3-digit CLC code and the labels of the three levels.
    pub clc: Option<ClcLevels>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClcLevels {
    pub clc_code: u32,
    pub level1: String,
    pub level2: String,
    pub level3: String,
}

impl ClcLevels {
    /// The nomenclature from level 1 down to this code, as (code at that level, label): three for a level-3 class
    /// (124: 1, 12, 124), fewer for a level-2 or level-1 group (see `clc_levels`), none for a technical code.
    pub fn path(&self) -> Vec<(u32, &str)> {
        let code = self.clc_code;
        match code {
            1..=5 => vec![(code, &self.level1)],
            11..=59 => vec![(code / 10, &self.level1), (code, &self.level2)],
            111..=599 => vec![(code / 100, &self.level1), (code / 10, &self.level2), (code, &self.level3)],
            _ => Vec::new(),
        }
    }
}

/// Where the legend's colours and labels came from (shown in the legend panel and in `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LegendSource {
    #[serde(rename = "built-in")]
    BuiltIn,
    #[serde(rename = "embedded colour table")]
    ColorTable,
    #[serde(rename = "attribute table")]
    AttributeTable,
    #[serde(rename = "embedded colour table and attribute table")]
    ColorTableAndAttributeTable,
    #[serde(rename = "generated from the values")]
    Generated,
    #[serde(rename = "colour file (.clr)")]
    ColourFile,
    #[serde(rename = "colour file (.clr) and attribute table")]
    ColourFileAndAttributeTable,
}

impl LegendSource {
    pub fn describe(self) -> &'static str {
        match self {
            LegendSource::BuiltIn => "built-in",
            LegendSource::ColorTable => "embedded colour table",
            LegendSource::AttributeTable => "attribute table",
            LegendSource::ColorTableAndAttributeTable => "embedded colour table and attribute table",
            LegendSource::Generated => "values found in the file",
            LegendSource::ColourFile => "colour file (.clr) beside it",
            LegendSource::ColourFileAndAttributeTable => "colour file (.clr) and attribute table beside it",
        }
    }

    /// The same source, with the colours read from a `.clr` file beside the raster rather than from the raster.
    pub fn from_colour_file(self) -> LegendSource {
        match self {
            LegendSource::ColorTable => LegendSource::ColourFile,
            LegendSource::ColorTableAndAttributeTable => LegendSource::ColourFileAndAttributeTable,
            other => other,
        }
    }
}

/// Classes (each code its own colour) or a measured quantity (a colour ramp between stops).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ValueKind {
    Categorical,
    Continuous {
        min: f64,
        max: f64,
        unit: String,
    },
    /// Colour imagery (RGB or RGBA bands): drawn in its own colours; no classes, no ramp.
    Imagery,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Legend {
    pub source: LegendSource,
    pub kind: ValueKind,
    /// Sorted by code. For continuous layers: the ramp stops (or every value when the table lists them all) and the
    /// technical codes.
    pub entries: Vec<LegendEntry>,
    /// The file's own colour table (index = value): it wins for every code it covers.
    #[serde(skip)]
    pub table: Option<Vec<[u8; 4]>>,
    /// The band's nodata value: always transparent.
    pub nodata: Option<u32>,
    /// What the layer shows and which document its descriptions come from (built-in legends).
    pub about: Option<LayerAbout>,
    /// A continuous layer of another sample type than bytes, read in 254 steps: codes 1..=254 stand for
    /// `lo..=hi` (see [`Legend::value_of`]).
    pub scale: Option<(f64, f64)>,
}

/// Colour of codes that no legend entry names.
pub const UNKNOWN_RGBA: [u8; 4] = [64, 64, 64, 255];

impl Legend {
    pub fn entry(&self, code: u32) -> Option<&LegendEntry> {
        self.entries.binary_search_by_key(&code, |e| e.code).ok().map(|i| &self.entries[i])
    }

    pub fn is_technical(&self, code: u32) -> bool {
        self.entry(code).is_some_and(|e| e.technical)
    }

    /// The colour a value is drawn in: its entry's, or for continuous layers the ramp interpolated between stops and
    /// clamped at its ends; [`UNKNOWN_RGBA`] for codes of no entry.
    pub fn colour_of(&self, code: u32) -> [u8; 4] {
        if self.nodata == Some(code) {
            return [0, 0, 0, 0];
        }
        if let Some(c) = self.table.as_ref().and_then(|t| t.get(code as usize)) {
            return *c;
        }
        if let Some(e) = self.entry(code) {
            return e.rgba;
        }
        match &self.kind {
            ValueKind::Categorical | ValueKind::Imagery => UNKNOWN_RGBA,
            ValueKind::Continuous { .. } => self.ramp_colour(code as f64).unwrap_or(UNKNOWN_RGBA),
        }
    }

    fn ramp_colour(&self, value: f64) -> Option<[u8; 4]> {
        let stops: Vec<&LegendEntry> = self.entries.iter().filter(|e| !e.technical).collect();
        let first = stops.first()?;
        let last = stops.last()?;
        if value <= first.code as f64 {
            return Some(first.rgba);
        }
        if value >= last.code as f64 {
            return Some(last.rgba);
        }
        let upper = stops.iter().position(|e| e.code as f64 >= value)?;
        let (a, b) = (stops[upper - 1], stops[upper]);
        let t = (value - a.code as f64) / (b.code as f64 - a.code as f64);
        let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
        Some([mix(a.rgba[0], b.rgba[0]), mix(a.rgba[1], b.rgba[1]), mix(a.rgba[2], b.rgba[2]), 255])
    }

    /// The value a code stands for: itself, or for a scaled layer the value at its step of the range.
    pub fn value_of(&self, code: u32) -> f64 {
        match self.scale {
            Some((lo, hi)) => lo + (code as f64 - 1.0) * (hi - lo) / 253.0,
            None => code as f64,
        }
    }

    /// Codes that are land cover (or a measured value), in code order.
    pub fn class_entries(&self) -> impl Iterator<Item = &LegendEntry> {
        self.entries.iter().filter(|e| !e.technical)
    }
}

/// Built-in legends, by the name used in `assets/legends.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltIn {
    ClcPlusRas,
    ClcPlusRascl,
    ClcPlusRasdl,
    ClcPlusRaspl,
    Imd,
    Cty,
    Ctycl,
    ClcGridCode,
    ClcThreeDigit,
}

impl BuiltIn {
    /// Every built-in legend, for checks that must cover them all.
    pub const ALL: [BuiltIn; 9] = [
        BuiltIn::ClcPlusRas,
        BuiltIn::ClcPlusRascl,
        BuiltIn::ClcPlusRasdl,
        BuiltIn::ClcPlusRaspl,
        BuiltIn::Imd,
        BuiltIn::Cty,
        BuiltIn::Ctycl,
        BuiltIn::ClcGridCode,
        BuiltIn::ClcThreeDigit,
    ];
}

#[derive(Deserialize)]
struct AssetLegend {
    entries: Vec<AssetEntry>,
}

#[derive(Deserialize)]
struct AssetEntry {
    code: u32,
    label: String,
    rgb: [u8; 3],
    #[serde(default)]
    technical: bool,
    #[serde(default)]
    transparent: bool,
    clc_code: Option<u32>,
    level1: Option<String>,
    level2: Option<String>,
}

static LEGENDS_JSON: &str = include_str!("../../assets/legends.json");

fn assets() -> &'static BTreeMap<String, AssetLegend> {
    static PARSED: OnceLock<BTreeMap<String, AssetLegend>> = OnceLock::new();
    // The asset is part of the binary and checked by a unit test, so failing to parse it is a build defect.
    PARSED.get_or_init(|| serde_json::from_str(LEGENDS_JSON).expect("assets/legends.json is valid"))
}

fn entry_from_asset(e: &AssetEntry) -> LegendEntry {
    let alpha = if e.transparent { 0 } else { 255 };
    LegendEntry {
        code: e.code,
        label: e.label.clone(),
        rgba: [e.rgb[0], e.rgb[1], e.rgb[2], alpha],
        technical: e.technical,
        description: None,
        source_section: None,
        clc: match (e.clc_code, &e.level1, &e.level2) {
            (Some(clc_code), Some(level1), Some(level2)) => {
                Some(ClcLevels { clc_code, level1: level1.clone(), level2: level2.clone(), level3: e.label.clone() })
            }
            _ => None,
        },
    }
}

/// A built-in legend with its value kind.
pub fn built_in(which: BuiltIn) -> Legend {
    let (name, kind) = match which {
        BuiltIn::ClcPlusRas => ("clcplus_ras", ValueKind::Categorical),
        BuiltIn::ClcPlusRascl => ("clcplus_rascl", continuous(0.0, 100.0, "% confidence")),
        BuiltIn::ClcPlusRasdl => ("clcplus_rasdl", continuous(0.0, 200.0, "observations")),
        BuiltIn::ClcPlusRaspl => ("clcplus_raspl", ValueKind::Categorical),
        BuiltIn::Imd => ("imd", continuous(0.0, 100.0, "% imperviousness")),
        BuiltIn::Cty => ("cty", ValueKind::Categorical),
        BuiltIn::Ctycl => ("ctycl", continuous(0.0, 100.0, "% probability")),
        BuiltIn::ClcGridCode | BuiltIn::ClcThreeDigit => ("clc", ValueKind::Categorical),
    };
    let mut entries: Vec<LegendEntry> =
        assets().get(name).map(|l| l.entries.iter().map(entry_from_asset).collect()).unwrap_or_default();
    if which == BuiltIn::ClcThreeDigit {
        entries = three_digit_clc(entries);
    }
    entries.sort_by_key(|e| e.code);
    let known = knowledge::layer(name);
    for e in entries.iter_mut() {
        // CORINE's knowledge is keyed by the CLC code, which both codings share.
        let key = e.clc.as_ref().map_or(e.code, |c| c.clc_code);
        if let Some((description, section)) = known.and_then(|k| k.describe(key)) {
            e.description = Some(description);
            e.source_section = Some(section);
        }
    }
    let about = known.map(|k| k.about());
    Legend { source: LegendSource::BuiltIn, kind, entries, table: None, nodata: None, about, scale: None }
}

fn continuous(min: f64, max: f64, unit: &str) -> ValueKind {
    ValueKind::Continuous { min, max, unit: unit.to_string() }
}

/// The V2018_20 coding: the CLC code is the value; 999 no data, 990 unclassified land, 995 unclassified water.
fn three_digit_clc(grid: Vec<LegendEntry>) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    for mut e in grid {
        let Some(clc) = e.clc.as_ref() else { continue };
        let code = match e.code {
            48 => 999,
            49 => 990,
            50 => 995,
            255 => continue, // 255 is a second "unclassified" (990) in the grid coding only.
            _ => clc.clc_code,
        };
        e.code = code;
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_legend_parses_and_is_sorted() {
        for which in BuiltIn::ALL {
            let legend = built_in(which);
            assert!(legend.entries.len() >= 4, "{which:?}");
            assert!(legend.entries.windows(2).all(|w| w[0].code < w[1].code), "{which:?} sorted and unique");
        }
    }

    #[test]
    fn ras_palette_and_technical_codes() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        assert_eq!(ras.colour_of(1), [255, 0, 0, 255]);
        assert_eq!(ras.colour_of(10), [0, 128, 255, 255]);
        assert_eq!(ras.colour_of(253), [191, 223, 255, 255]);
        assert_eq!(ras.colour_of(254)[3], 0);
        assert_eq!(ras.colour_of(255)[3], 0);
        assert!(ras.is_technical(253) && ras.is_technical(254) && ras.is_technical(255));
        assert!(!ras.is_technical(11));
        assert_eq!(ras.colour_of(42), UNKNOWN_RGBA);
        assert_eq!(ras.class_entries().count(), 11);
    }

    #[test]
    fn rascl_ramp_interpolates_between_stops() {
        let rascl = built_in(BuiltIn::ClcPlusRascl);
        assert_eq!(rascl.colour_of(0), [194, 82, 60, 255]);
        assert_eq!(rascl.colour_of(100), [12, 47, 122, 255]);
        // Half-way between 0 % (194,82,60) and 20 % (237,161,19).
        assert_eq!(rascl.colour_of(10), [216, 122, 40, 255]);
        assert_eq!(rascl.colour_of(254)[3], 0);
    }

    #[test]
    fn clc_three_digit_coding() {
        let clc = built_in(BuiltIn::ClcThreeDigit);
        assert_eq!(clc.entry(111).map(|e| e.label.as_str()), Some("Continuous urban fabric"));
        assert_eq!(clc.entry(523).map(|e| e.rgba), Some([230, 242, 255, 255]));
        assert!(clc.is_technical(999));
        assert_eq!(clc.class_entries().count(), 44);
    }
}
