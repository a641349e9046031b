//! Style files: the colours (and labels) of a layer, read from and written to the formats CLMS and QGIS use:
//! ArcGIS `.clr` colour maps (`value R G B` a line), QGIS `.qml` (paletted and single-band pseudocolor renderers) and
//! SLD (`ColorMapEntry` elements). A malformed file is rejected with a message and changes nothing.

use std::path::Path;

use thiserror::Error;

use super::legend::{Legend, LegendEntry, ValueKind};

#[derive(Debug, Error, PartialEq)]
pub enum StyleError {
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
    #[error("{path}: cannot read: {reason}")]
    Read { path: String, reason: String },
}

/// One styled value.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleEntry {
    pub code: u32,
    pub rgba: [u8; 4],
    pub label: Option<String>,
}

/// The colours of a style, sorted by code. `interpolated`: a ramp between the entries (QGIS "INTERPOLATED" and SLD
/// "ramp"); otherwise each entry colours its own code only.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub entries: Vec<StyleEntry>,
    pub interpolated: bool,
}

impl Style {
    /// Reads a `.clr`, `.txt` (same format), `.qml` or `.sld` file, chosen by its extension.
    pub fn read(path: &Path) -> Result<Style, StyleError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| StyleError::Read { path: name.clone(), reason: e.to_string() })?;
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Style::parse(&text, ext, &name)
    }

    /// Parses the text of a style file of extension `ext` (`clr`, `txt`, `qml`, `sld` or `xml`, any case); `name`
    /// is what messages call the file. Entries come back sorted by code, one per code (the first wins).
    pub fn parse(text: &str, ext: &str, name: &str) -> Result<Style, StyleError> {
        let parsed = match ext.to_ascii_lowercase().as_str() {
            "clr" | "txt" => parse_clr(text),
            "qml" => parse_qml(text),
            "sld" | "xml" => parse_sld(text),
            _ => Err("not a style file (.clr, .qml or .sld)".to_string()),
        };
        let mut style = parsed.map_err(|reason| StyleError::Invalid { path: name.to_string(), reason })?;
        if style.entries.is_empty() {
            return Err(StyleError::Invalid {
                path: name.to_string(),
                reason: "the file holds no colour entry".into(),
            });
        }
        style.entries.sort_by_key(|e| e.code);
        style.entries.dedup_by_key(|e| e.code);
        Ok(style)
    }

    /// The style of a legend: one entry per legend entry, with the colours the layer is drawn in.
    pub fn from_legend(legend: &Legend) -> Style {
        let entries = legend
            .entries
            .iter()
            .map(|e| StyleEntry { code: e.code, rgba: legend.colour_of(e.code), label: Some(e.label.clone()) })
            .collect();
        Style { entries, interpolated: matches!(legend.kind, ValueKind::Continuous { .. }) }
    }

    /// The legend restyled: the style's colours (and labels, where it has them) replace those of the legend and of
    /// the file's colour table; codes the style does not name keep their colour.
    pub fn apply_to(&self, legend: &Legend) -> Legend {
        let mut out = legend.clone();
        if let Some(table) = out.table.take() {
            // The file's table no longer wins, but codes the style leaves out keep the colour it gave them.
            for e in out.entries.iter_mut() {
                if let Some(c) = table.get(e.code as usize) {
                    e.rgba = *c;
                }
            }
        }
        for s in &self.entries {
            match out.entries.binary_search_by_key(&s.code, |e| e.code) {
                Ok(i) => {
                    out.entries[i].rgba = s.rgba;
                    if let Some(l) = &s.label {
                        out.entries[i].label = l.clone();
                    }
                }
                Err(i) => out.entries.insert(
                    i,
                    LegendEntry {
                        code: s.code,
                        label: s.label.clone().unwrap_or_else(|| s.code.to_string()),
                        rgba: s.rgba,
                        technical: legend.nodata == Some(s.code),
                        description: None,
                        source_section: None,
                        clc: None,
                    },
                ),
            }
        }
        out
    }

    /// ArcGIS colour map: `value R G B` a line (labels and alpha do not exist in this format).
    pub fn to_clr(&self) -> String {
        self.entries.iter().map(|e| format!("{} {} {} {}\n", e.code, e.rgba[0], e.rgba[1], e.rgba[2])).collect()
    }

    /// A QGIS layer style: a paletted renderer, or a pseudocolor ramp for interpolated styles.
    pub fn to_qml(&self) -> String {
        let items: String = self
            .entries
            .iter()
            .map(|e| {
                let tag = if self.interpolated { "item" } else { "paletteEntry" };
                format!(
                    "        <{tag} value=\"{}\" color=\"{}\" alpha=\"{}\" label=\"{}\"/>\n",
                    e.code,
                    hex(e.rgba),
                    e.rgba[3],
                    xml_escape(e.label.as_deref().unwrap_or(""))
                )
            })
            .collect();
        let renderer = if self.interpolated {
            let (min, max) = (self.entries.first().map_or(0, |e| e.code), self.entries.last().map_or(0, |e| e.code));
            format!(
                "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"1\" classificationMin=\"{min}\" \
                 classificationMax=\"{max}\">\n      <rastershader>\n        <colorrampshader colorRampType=\"INTERPOLATED\" \
                 classificationMode=\"1\" clip=\"0\">\n{items}        </colorrampshader>\n      </rastershader>\n    </rasterrenderer>\n"
            )
        } else {
            format!(
                "    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"1\">\n      <colorPalette>\n{items}      \
                 </colorPalette>\n    </rasterrenderer>\n"
            )
        };
        format!(
            "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.28\" \
             styleCategories=\"Symbology\">\n  <pipe>\n{renderer}  </pipe>\n</qgis>\n"
        )
    }
}

fn hex(c: [u8; 4]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Escapes an attribute value. Tabs and line breaks are written as character references: XML readers turn them
/// into spaces otherwise (fuzzing found a label with `&#10;` that came back changed after a round trip).
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        // Other control characters cannot appear in XML 1.0 at all, not even as references.
        .replace(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'), "")
}

/// A label as the legend shows it: control characters (a NUL or a line break in a `.clr` line, say) become spaces,
/// and an empty label is none. Fuzzing found a `.clr` label with a NUL that our own `.qml` could not hold.
fn clean_label(label: &str) -> Option<String> {
    let cleaned: String = label.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    Some(cleaned.trim().to_string()).filter(|l| !l.is_empty())
}

fn parse_code(s: &str) -> Result<u32, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("'{s}' is not a value"))?;
    if v.fract() != 0.0 || !(0.0..=65535.0).contains(&v) {
        return Err(format!("value {v} is not a whole number from 0 to 65535"));
    }
    Ok(v as u32)
}

/// `#RRGGBB` (the form QGIS and SLD write).
fn parse_hex(s: &str) -> Result<[u8; 4], String> {
    let h = s.trim().trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok());
    match (h.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => Ok([r, g, b, 255]),
        _ => Err(format!("'{s}' is not a colour (#RRGGBB)")),
    }
}

/// `value R G B [A] [label]` a line; blank lines and `#` comments skipped.
fn parse_clr(text: &str) -> Result<Style, String> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = t.split_whitespace().collect();
        if parts.len() < 4 {
            return Err(format!("line {}: '{t}' is not 'value R G B'", n + 1));
        }
        let code = parse_code(parts[0]).map_err(|e| format!("line {}: {e}", n + 1))?;
        let channel = |s: &str| s.parse::<u8>().map_err(|_| format!("line {}: '{s}' is not 0-255", n + 1));
        let (r, g, b) = (channel(parts[1])?, channel(parts[2])?, channel(parts[3])?);
        let (a, label_from) = match parts.get(4).map(|s| s.parse::<u8>()) {
            Some(Ok(a)) => (a, 5),
            _ => (255, 4),
        };
        let label = (parts.len() > label_from).then(|| parts[label_from..].join(" ")).and_then(|l| clean_label(&l));
        entries.push(StyleEntry { code, rgba: [r, g, b, a], label });
    }
    Ok(Style { entries, interpolated: false })
}

/// Parses XML that may start with a DOCTYPE, as every QGIS style does (`<!DOCTYPE qgis PUBLIC ...>`).
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, String> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| format!("not valid XML: {e}"))
}

/// QGIS `.qml`: `paletteEntry` elements of a paletted renderer, or `item` elements of a color ramp shader.
fn parse_qml(text: &str) -> Result<Style, String> {
    let doc = parse_xml(text)?;
    let renderer = doc
        .descendants()
        .find(|n| n.has_tag_name("rasterrenderer"))
        .ok_or("no raster renderer in this QGIS style (a vector style?)")?;
    let kind = renderer.attribute("type").unwrap_or("");
    let (tag, interpolated) = match kind {
        "paletted" => ("paletteEntry", false),
        "singlebandpseudocolor" => {
            let ramp = renderer.descendants().find(|n| n.has_tag_name("colorrampshader"));
            ("item", ramp.and_then(|r| r.attribute("colorRampType")).unwrap_or("INTERPOLATED") == "INTERPOLATED")
        }
        other => return Err(format!("renderer '{other}' is not supported (paletted or singlebandpseudocolor)")),
    };
    let mut entries = Vec::new();
    for n in renderer.descendants().filter(|n| n.has_tag_name(tag)) {
        let code = parse_code(n.attribute("value").ok_or("an entry has no value")?)?;
        let mut rgba = parse_hex(n.attribute("color").ok_or("an entry has no color")?)?;
        if let Some(a) = n.attribute("alpha") {
            rgba[3] = a.trim().parse().map_err(|_| format!("alpha '{a}' is not 0-255"))?;
        }
        entries.push(StyleEntry { code, rgba, label: n.attribute("label").and_then(clean_label) });
    }
    Ok(Style { entries, interpolated })
}

/// SLD: `ColorMapEntry` elements (any namespace prefix), `opacity` 0-1; a `ColorMap type="ramp"` interpolates.
fn parse_sld(text: &str) -> Result<Style, String> {
    let doc = parse_xml(text)?;
    let map = doc.descendants().find(|n| n.tag_name().name() == "ColorMap").ok_or("no ColorMap in this SLD")?;
    let interpolated = map.attribute("type").is_none_or(|t| t == "ramp");
    let mut entries = Vec::new();
    for n in map.descendants().filter(|n| n.tag_name().name() == "ColorMapEntry") {
        let code = parse_code(n.attribute("quantity").ok_or("an entry has no quantity")?)?;
        let mut rgba = parse_hex(n.attribute("color").ok_or("an entry has no color")?)?;
        if let Some(o) = n.attribute("opacity") {
            let o: f64 = o.trim().parse().map_err(|_| format!("opacity '{o}' is not a number"))?;
            rgba[3] = (o.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
        entries.push(StyleEntry { code, rgba, label: n.attribute("label").and_then(clean_label) });
    }
    Ok(Style { entries, interpolated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_formats() {
        let clr = parse_clr("# comment\n0 240 240 240\n1 255 0 0 128 Sealed land\n").expect("clr");
        assert_eq!(clr.entries[1], StyleEntry { code: 1, rgba: [255, 0, 0, 128], label: Some("Sealed land".into()) });
        let qml = parse_qml(
            "<qgis><pipe><rasterrenderer type=\"paletted\"><colorPalette>\
             <paletteEntry value=\"10\" color=\"#0080ff\" alpha=\"255\" label=\"Water\"/></colorPalette></rasterrenderer></pipe></qgis>",
        )
        .expect("qml");
        assert_eq!(qml.entries, vec![StyleEntry { code: 10, rgba: [0, 128, 255, 255], label: Some("Water".into()) }]);
        let sld = parse_sld(
            "<sld:StyledLayerDescriptor xmlns:sld=\"http://www.opengis.net/sld\"><sld:ColorMap type=\"values\">\
             <sld:ColorMapEntry color=\"#FF0000\" quantity=\"1\" label=\"Sealed\" opacity=\"0\"/></sld:ColorMap></sld:StyledLayerDescriptor>",
        )
        .expect("sld");
        assert_eq!(sld.entries, vec![StyleEntry { code: 1, rgba: [255, 0, 0, 0], label: Some("Sealed".into()) }]);
        assert!(!sld.interpolated);
    }

    #[test]
    fn malformed_files_are_rejected_with_a_reason() {
        assert!(parse_clr("1 255 0").unwrap_err().contains("line 1"));
        assert!(parse_clr("1 300 0 0").unwrap_err().contains("0-255"));
        assert!(parse_clr("-1 3 0 0").is_err());
        assert!(parse_qml("<qgis>").unwrap_err().contains("XML"));
        assert!(parse_qml("<qgis><renderer-v2/></qgis>").unwrap_err().contains("no raster renderer"));
        assert!(parse_qml("<qgis><rasterrenderer type=\"multibandcolor\"/></qgis>")
            .unwrap_err()
            .contains("not supported"));
        assert!(parse_sld("<a/>").unwrap_err().contains("ColorMap"));
        assert!(parse_sld("<ColorMap><ColorMapEntry color=\"#12\" quantity=\"1\"/></ColorMap>")
            .unwrap_err()
            .contains("colour"));
    }
}
