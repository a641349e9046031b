//! The from-to matrix of two class layers on one grid (RAS of two years, two CORINE years): which value each pixel
//! held in the old layer and which in the new one, with counts and areas.

use serde::Serialize;

use super::pairs::PairCounts;
use super::table::{area_decimals, class_name};
use crate::product::Legend;

/// One transition present in the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    pub from: u32,
    pub to: u32,
    pub from_name: String,
    pub to_name: String,
    pub count: u64,
    pub area_km2: f64,
}

impl ChangeRow {
    pub fn changed(&self) -> bool {
        self.from != self.to
    }
}

/// Every (from, to) pair present, technical codes included as their own codes, in (from, to) order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeTable {
    pub rows: Vec<ChangeRow>,
    pub pixel_area_m2: f64,
    pub total_pixels: u64,
    /// Pixels whose value differs between the layers.
    pub changed_pixels: u64,
}

impl ChangeTable {
    /// `pairs` holds (old value, new value) counts; the legends name the values of each layer.
    pub fn new(pairs: &PairCounts, old: &Legend, new: &Legend, pixel_area_m2: f64) -> ChangeTable {
        let rows: Vec<ChangeRow> = pairs
            .0
            .iter()
            .map(|(&(from, to), &count)| ChangeRow {
                from,
                to,
                from_name: class_name(old, from),
                to_name: class_name(new, to),
                count,
                area_km2: count as f64 * pixel_area_m2 / 1e6,
            })
            .collect();
        let changed_pixels = rows.iter().filter(|r| r.changed()).map(|r| r.count).sum();
        ChangeTable { rows, pixel_area_m2, total_pixels: pairs.total(), changed_pixels }
    }

    /// CSV with the columns `From,To,Count,Area_km2`, one row per pair present.
    pub fn to_csv(&self) -> String {
        let d = area_decimals(self.pixel_area_m2);
        let mut out = String::from("From,To,Count,Area_km2\n");
        for r in &self.rows {
            out.push_str(&format!("{},{},{},{:.d$}\n", r.from, r.to, r.count, r.area_km2));
        }
        out
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "pixel_area_m2": self.pixel_area_m2,
            "total_pixels": self.total_pixels,
            "changed_pixels": self.changed_pixels,
            "rows": self.rows,
        })
    }

    /// For people: the changes, largest first, then the unchanged values, then a summary line.
    pub fn to_text(&self) -> String {
        let d = area_decimals(self.pixel_area_m2);
        let mut changed: Vec<&ChangeRow> = self.rows.iter().filter(|r| r.changed()).collect();
        changed.sort_by(|a, b| b.count.cmp(&a.count).then((a.from, a.to).cmp(&(b.from, b.to))));
        let unchanged = self.rows.iter().filter(|r| !r.changed());
        // Continuous layers' names already start with the value ("90 % confidence").
        let label = |code: u32, name: &str| {
            let code = code.to_string();
            if name.starts_with(&code) {
                name.to_string()
            } else {
                format!("{code} {name}")
            }
        };
        let w = self.rows.iter().map(|r| label(r.from, &r.from_name).chars().count()).max().unwrap_or(4).max(4);
        let mut out = format!("{:<w$}  {:<w$}  {:>12}  {:>14}\n", "From", "To", "Count", "Area km2");
        for r in changed.into_iter().chain(unchanged) {
            out.push_str(&format!(
                "{:<w$}  {:<w$}  {:>12}  {:>14.d$}\n",
                label(r.from, &r.from_name),
                label(r.to, &r.to_name),
                r.count,
                r.area_km2
            ));
        }
        let perc = self.changed_pixels as f64 * 100.0 / self.total_pixels.max(1) as f64;
        out.push_str(&format!(
            "changed {} of {} pixels ({perc:.4} %), {:.d$} km2\n",
            self.changed_pixels,
            self.total_pixels,
            self.changed_pixels as f64 * self.pixel_area_m2 / 1e6
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};
    use crate::raster::Pixels;

    #[test]
    fn rows_areas_and_csv() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let mut p = PairCounts::default();
        p.add_pixels(&Pixels::U8(vec![1, 1, 2, 2, 255]), &Pixels::U8(vec![1, 2, 2, 2, 255]));
        let t = ChangeTable::new(&p, &ras, &ras, 100.0);
        assert_eq!(t.changed_pixels, 1);
        assert_eq!(t.total_pixels, 5);
        assert_eq!(t.to_csv(), "From,To,Count,Area_km2\n1,1,1,0.0001\n1,2,1,0.0001\n2,2,2,0.0002\n255,255,1,0.0001\n");
        assert_eq!(t.rows[1].from_name, "Sealed");
        let text = t.to_text();
        assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("1 Sealed")), "{text}");
        assert!(text.contains("changed 1 of 5 pixels (20.0000 %)"), "{text}");
    }
}
