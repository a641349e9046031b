//! The class table of a count: value, count, class name, area and share, as the products' attribute tables have it.

use serde::Serialize;

use super::counts::Counts;
use crate::product::{Legend, ValueKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassRow {
    pub value: u32,
    pub count: u64,
    pub class_name: String,
    pub area_km2: f64,
    /// Share of the mapped area in percent; `None` for technical codes, which are not land cover.
    pub area_perc: Option<f64>,
    pub technical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassTable {
    pub rows: Vec<ClassRow>,
    pub pixel_area_m2: f64,
    /// Pixels of non-technical values: the base of `area_perc`.
    pub mapped_pixels: u64,
    pub total_pixels: u64,
}

impl ClassTable {
    /// One row per value present, in value order.
    pub fn new(counts: &Counts, legend: &Legend, pixel_area_m2: f64) -> ClassTable {
        let technical = |v: u32| legend.is_technical(v) || legend.nodata == Some(v);
        let mapped_pixels: u64 = counts.present().filter(|(v, _)| !technical(*v)).map(|(_, c)| c).sum();
        let rows = counts
            .present()
            .map(|(value, count)| {
                let tech = technical(value);
                ClassRow {
                    value,
                    count,
                    class_name: class_name(legend, value),
                    area_km2: count as f64 * pixel_area_m2 / 1e6,
                    area_perc: (!tech && mapped_pixels > 0).then(|| count as f64 * 100.0 / mapped_pixels as f64),
                    technical: tech,
                }
            })
            .collect();
        ClassTable { rows, pixel_area_m2, mapped_pixels, total_pixels: counts.total() }
    }

    /// CSV with the product attribute-table columns `Value,Count,Class_name,Area_km2,Area_perc`.
    pub fn to_csv(&self) -> String {
        let d = area_decimals(self.pixel_area_m2);
        let mut out = String::from("Value,Count,Class_name,Area_km2,Area_perc\n");
        for r in &self.rows {
            let perc = r.area_perc.map(|p| format!("{p:.4}")).unwrap_or_default();
            out.push_str(&format!("{},{},{},{:.d$},{perc}\n", r.value, r.count, csv_field(&r.class_name), r.area_km2));
        }
        out
    }

    /// The table as JSON: pixel area, mapped and total pixels, and the rows.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "pixel_area_m2": self.pixel_area_m2,
            "mapped_pixels": self.mapped_pixels,
            "total_pixels": self.total_pixels,
            "rows": self.rows,
        })
    }

    /// An aligned table for people.
    pub fn to_text(&self) -> String {
        let d = area_decimals(self.pixel_area_m2);
        let name_w = self.rows.iter().map(|r| r.class_name.chars().count()).max().unwrap_or(10).max(10);
        let mut out =
            format!("{:>6}  {:>12}  {:<name_w$}  {:>14}  {:>9}\n", "Value", "Count", "Class", "Area km2", "Share %");
        for r in &self.rows {
            let perc = r.area_perc.map(|p| format!("{p:.4}")).unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "{:>6}  {:>12}  {:<name_w$}  {:>14.d$}  {:>9}\n",
                r.value, r.count, r.class_name, r.area_km2, perc
            ));
        }
        let mapped_km2 = self.mapped_pixels as f64 * self.pixel_area_m2 / 1e6;
        out.push_str(&format!(
            "mapped area {mapped_km2:.d$} km2 ({} pixels of {})\n",
            self.mapped_pixels, self.total_pixels
        ));
        out
    }
}

/// Decimals that print areas in km2 exactly for the usual pixel sizes (4 for 10 m and 100 m pixels).
pub(super) fn area_decimals(pixel_area_m2: f64) -> usize {
    if (pixel_area_m2 / 100.0).fract() == 0.0 {
        4
    } else {
        6
    }
}

pub(super) fn class_name(legend: &Legend, value: u32) -> String {
    if let Some(e) = legend.entry(value) {
        return e.label.clone();
    }
    if legend.nodata == Some(value) {
        return "No data (band nodata value)".into();
    }
    match &legend.kind {
        ValueKind::Continuous { unit, .. } if !unit.is_empty() => format!("{value} {unit}"),
        ValueKind::Continuous { .. } => value.to_string(),
        ValueKind::Categorical | ValueKind::Imagery => "unknown code".into(),
    }
}

/// Quotes a CSV field when it holds a comma, a quote or a line break.
pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};

    #[test]
    fn shares_leave_technical_codes_out() {
        let mut counts = Counts(vec![0; 256]);
        counts.0[1] = 300;
        counts.0[10] = 100;
        counts.0[254] = 600;
        let t = ClassTable::new(&counts, &built_in(BuiltIn::ClcPlusRas), 100.0);
        assert_eq!(t.mapped_pixels, 400);
        assert_eq!(t.rows[0].area_perc, Some(75.0));
        assert_eq!(t.rows[1].area_perc, Some(25.0));
        assert_eq!(t.rows[2].area_perc, None);
        assert_eq!(
            t.to_csv(),
            "Value,Count,Class_name,Area_km2,Area_perc\n1,300,Sealed,0.0300,75.0000\n10,100,Water,0.0100,25.0000\n\
             254,600,Outside area,0.0600,\n"
        );
        assert_eq!(csv_field("a, b"), "\"a, b\"");
    }
}
