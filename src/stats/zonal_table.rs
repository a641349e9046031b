//! The class table of zones: one row per zone and value present, with the zone's pixels (coverage-weighted under
//! the coverage rule), area and share of the zone's mapped area; as CSV, JSON (DESIGN.md "zonal --json") or text.

use std::collections::BTreeMap;

use serde::Serialize;

use super::table::{area_decimals, class_name, csv_field, ClassRow, ClassTable};
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

    /// The zones together as one class table, as the legend and the histograms take it: areas and shares exact from
    /// the (coverage-weighted) pixels; the whole-pixel counts rounded from them.
    pub fn combined(&self) -> ClassTable {
        let mut sums: BTreeMap<u32, (f64, &ZonalRow)> = BTreeMap::new();
        for row in &self.rows {
            sums.entry(row.value).or_insert((0.0, row)).0 += row.pixels;
        }
        let mapped: f64 = sums.values().filter(|(_, r)| !r.technical).map(|(p, _)| p).sum();
        let area = self.pixel_area_m2.unwrap_or(0.0);
        let rows = sums
            .values()
            .map(|&(pixels, r)| ClassRow {
                value: r.value,
                count: pixels.round() as u64,
                class_name: r.class_name.clone(),
                area_km2: pixels * area / 1e6,
                area_perc: (!r.technical && mapped > 0.0).then(|| pixels * 100.0 / mapped),
                technical: r.technical,
            })
            .collect();
        let total: f64 = sums.values().map(|(p, _)| p).sum();
        ClassTable {
            rows,
            pixel_area_m2: area,
            mapped_pixels: mapped.round() as u64,
            total_pixels: total.round() as u64,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};

    #[test]
    fn the_combined_table_adds_the_zones_and_shares_only_land_cover() {
        let legend = built_in(BuiltIn::ClcPlusRas);
        // Zone a: 1.5 px of class 1, 2.5 of class 2; zone b: 0.5 of class 1 and 4 of code 254 (outside area).
        let a = vec![0.0, 1.5, 2.5];
        let mut b = vec![0.0; 255];
        b[1] = 0.5;
        b[254] = 4.0;
        let names = ["a".to_string(), "b".to_string()];
        let table = ZonalTable::new(&names, &[a, b], &legend, Some(100.0), Rule::Coverage);
        let combined = table.combined();
        let expected = [(1, 2.0, Some(2.0 / 4.5 * 100.0)), (2, 2.5, Some(2.5 / 4.5 * 100.0)), (254, 4.0, None)];
        assert_eq!(combined.rows.len(), expected.len());
        for (row, (value, pixels, perc)) in combined.rows.iter().zip(expected) {
            assert_eq!(row.value, value);
            assert!((row.area_km2 * 1e6 / 100.0 - pixels).abs() < 1e-12);
            assert_eq!(row.area_perc.is_some(), perc.is_some());
            assert!((row.area_perc.unwrap_or(0.0) - perc.unwrap_or(0.0)).abs() < 1e-12);
        }
        assert!(combined.rows[2].technical);
    }
}
