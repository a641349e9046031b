//! The class table of zones: one row per zone and value present, with the zone's pixels (coverage-weighted under
//! the coverage rule), area and share of the zone's mapped area; as CSV, JSON (DESIGN.md "zonal --json") or text.

use serde::Serialize;

use super::table::{area_decimals, class_name, csv_field};
use super::zonal::Rule;
use crate::product::Legend;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZonalRow {
    /// The zone's name: its field value, else its feature id.
    pub zone: String,
    pub value: u32,
    pub class_name: String,
    /// Pixels of the value in the zone: a coverage-weighted sum under the coverage rule, a count under the centre
    /// rule.
    pub pixels: f64,
    /// `None` where the raster's CRS is not in metres.
    pub area_km2: Option<f64>,
    /// Share of the zone's mapped area in percent; `None` for technical codes, which are not land cover.
    pub area_perc: Option<f64>,
    pub technical: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ZonalTable {
    pub rule: Rule,
    pub rows: Vec<ZonalRow>,
    /// Area of one pixel in m2; `None` where the CRS is not in metres.
    pub pixel_area_m2: Option<f64>,
}

impl ZonalTable {
    /// Rows for each zone in order, values in code order; a zone with no pixels (outside the raster) has none.
    /// `sums[i][value]` is zone `names[i]`'s pixels of that value.
    pub fn new(names: &[String], sums: &[Vec<f64>], legend: &Legend, pixel_area_m2: Option<f64>, rule: Rule) -> Self {
        let technical = |v: u32| legend.is_technical(v) || legend.nodata == Some(v);
        let mut rows = Vec::new();
        for (name, sums) in names.iter().zip(sums) {
            let present = || sums.iter().enumerate().filter(|(_, &p)| p > 0.0).map(|(v, &p)| (v as u32, p));
            let mapped: f64 = present().filter(|(v, _)| !technical(*v)).map(|(_, p)| p).sum();
            for (value, pixels) in present() {
                let tech = technical(value);
                rows.push(ZonalRow {
                    zone: name.clone(),
                    value,
                    class_name: class_name(legend, value),
                    pixels,
                    area_km2: pixel_area_m2.map(|a| pixels * a / 1e6),
                    area_perc: (!tech && mapped > 0.0).then(|| pixels * 100.0 / mapped),
                    technical: tech,
                });
            }
        }
        ZonalTable { rule, rows, pixel_area_m2 }
    }

    /// Pixels as written: whole under the centre rule, with six decimals under the coverage rule.
    fn pixels_text(&self, pixels: f64) -> String {
        match self.rule {
            Rule::Centre => format!("{pixels:.0}"),
            Rule::Coverage => format!("{pixels:.6}"),
        }
    }

    /// CSV with the columns `Zone,Value,Class_name,Pixels,Area_km2,Area_perc` (DESIGN.md Conventions).
    pub fn to_csv(&self) -> String {
        let d = self.pixel_area_m2.map_or(6, area_decimals);
        let mut out = String::from("Zone,Value,Class_name,Pixels,Area_km2,Area_perc\n");
        for r in &self.rows {
            let area = r.area_km2.map(|a| format!("{a:.d$}")).unwrap_or_default();
            let perc = r.area_perc.map(|p| format!("{p:.4}")).unwrap_or_default();
            out.push_str(&format!(
                "{},{},{},{},{area},{perc}\n",
                csv_field(&r.zone),
                r.value,
                csv_field(&r.class_name),
                self.pixels_text(r.pixels)
            ));
        }
        out
    }

    /// The rows as JSON values, pixels a whole number under the centre rule.
    pub fn rows_json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                let pixels = match self.rule {
                    Rule::Centre => serde_json::json!(r.pixels.round() as u64),
                    Rule::Coverage => serde_json::json!(r.pixels),
                };
                serde_json::json!({
                    "zone": r.zone,
                    "value": r.value,
                    "class_name": r.class_name,
                    "pixels": pixels,
                    "area_km2": r.area_km2,
                    "area_perc": r.area_perc,
                    "technical": r.technical,
                })
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    /// An aligned table for people.
    pub fn to_text(&self) -> String {
        let d = self.pixel_area_m2.map_or(6, area_decimals);
        let zone_w = self.rows.iter().map(|r| r.zone.chars().count()).max().unwrap_or(4).max(4);
        let name_w = self.rows.iter().map(|r| r.class_name.chars().count()).max().unwrap_or(10).max(10);
        let mut out = format!(
            "{:<zone_w$}  {:>6}  {:<name_w$}  {:>16}  {:>14}  {:>9}\n",
            "Zone", "Value", "Class", "Pixels", "Area km2", "Share %"
        );
        for r in &self.rows {
            let area = r.area_km2.map(|a| format!("{a:.d$}")).unwrap_or_else(|| "-".into());
            let perc = r.area_perc.map(|p| format!("{p:.4}")).unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "{:<zone_w$}  {:>6}  {:<name_w$}  {:>16}  {area:>14}  {perc:>9}\n",
                r.zone,
                r.value,
                r.class_name,
                self.pixels_text(r.pixels)
            ));
        }
        out
    }
}
