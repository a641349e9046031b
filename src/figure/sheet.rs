//! The layout of a figure: title on top, the map with its scale bar and north arrow, the legend beside it, and a
//! footer with the extent, the date and the attribution. Sizes follow the image height, so a figure reads the same
//! at 1280 x 720 and at 3840 x 2160.

use super::canvas::{Canvas, Rect, Rgba, FRAME, INK, WHITE};
use super::scale_bar::nice_length;
use crate::text;

/// Smaller than this, the legend and the footer leave no room for the map.
pub const MIN_SIZE: (u32, u32) = (480, 320);

/// One layer's part of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendGroup {
    pub heading: String,
    pub items: Vec<LegendItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LegendItem {
    /// A swatch in the class colour, and the class's code and name.
    Class { colour: Rgba, label: String },
    /// A colour ramp from the lowest to the highest value in view.
    Ramp { colours: Vec<Rgba>, low: String, high: String },
    /// A line of text.
    Note(String),
}

/// What the furniture says about the map image.
#[derive(Debug, Clone)]
pub struct MapAbout {
    /// Map units per map-image pixel.
    pub res: f64,
    /// xmin, ymin, xmax, ymax of the map image.
    pub extent: [f64; 4],
    /// "EPSG:3035", or a phrase when the map has no CRS.
    pub crs: String,
    /// Whether map units are metres (a scale bar is drawn only then).
    pub metres: bool,
    /// Where true north points, in degrees clockwise from up; `None` leaves the arrow out.
    pub north_deg: Option<f64>,
    /// The date the figure was made, YYYY-MM-DD.
    pub date: String,
}

pub struct Sheet {
    canvas: Canvas,
    /// The body text size in pixels; every other size is a multiple of it.
    fs: f32,
    margin: f32,
    title: Option<(Rect, String)>,
    map: Rect,
    legend_area: Rect,
    footer: Rect,
    attribution: Vec<String>,
}

impl Sheet {
    /// Lays out a figure of `size` pixels. The attribution is wrapped onto as many footer lines as it needs; it is
    /// never cut.
    pub fn new(size: (u32, u32), title: Option<&str>, attribution: &str) -> Result<Sheet, String> {
        if size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1 {
            return Err(format!(
                "a figure needs at least {}x{} pixels for its legend and footer ({}x{} asked)",
                MIN_SIZE.0, MIN_SIZE.1, size.0, size.1
            ));
        }
        let canvas = Canvas::new(size.0, size.1).ok_or("the bundled font cannot be read")?;
        let (w, h) = (size.0 as f32, size.1 as f32);
        let fs = (h / 50.0).min(w / 60.0).clamp(10.0, 64.0);
        let margin = (fs * 0.75).round();
        let mut top = margin;
        let title = title.filter(|t| !t.trim().is_empty()).map(|t| {
            let rect = Rect { x: margin, y: top, w: w - 2.0 * margin, h: (fs * 1.8).round() };
            top = rect.bottom() + (margin * 0.5).round();
            let text = canvas.fit_text(fs * 1.35, t.trim(), rect.w);
            (rect, text)
        });
        let small = footer_size(fs);
        let attribution = wrap(&canvas, small, attribution, w - 2.0 * margin);
        let footer_h = ((attribution.len() + 1) as f32 * small * 1.35).ceil();
        let footer = Rect { x: margin, y: h - margin - footer_h, w: w - 2.0 * margin, h: footer_h };
        let legend_w = (w * 0.24).max(fs * 7.0).round();
        let map_w = w - 2.0 * margin - legend_w - margin;
        let map_h = footer.y - (margin * 0.5).round() - top;
        if map_w < 64.0 || map_h < 64.0 {
            return Err(format!("{}x{} leaves no room for the map beside the legend and footer", size.0, size.1));
        }
        let map = Rect { x: margin, y: top, w: map_w.round(), h: map_h.round() };
        let legend_area = Rect { x: map.right() + margin, y: top, w: legend_w, h: map.h };
        Ok(Sheet { canvas, fs, margin, title, map, legend_area, footer, attribution })
    }

    /// The size of the map image to draw, in pixels.
    pub fn map_size(&self) -> (u32, u32) {
        (self.map.w as u32, self.map.h as u32)
    }

    /// Draws everything around `map_rgba` (of [`Sheet::map_size`]) and returns the figure's RGBA pixels.
    pub fn finish(mut self, map_rgba: &[u8], about: &MapAbout, legend: &[LegendGroup]) -> Vec<u8> {
        let fs = self.fs;
        if let Some((rect, text)) = self.title.take() {
            self.canvas.text(rect.x, rect.y, fs * 1.35, INK, &text);
        }
        let (mw, mh) = self.map_size();
        self.canvas.blit(self.map.x as u32, self.map.y as u32, mw, mh, map_rgba);
        let m = self.map;
        self.canvas.outline(Rect { x: m.x - 1.0, y: m.y - 1.0, w: m.w + 2.0, h: m.h + 2.0 }, FRAME);
        if about.metres {
            self.scale_bar(about.res);
        }
        if let Some(deg) = about.north_deg {
            self.north_arrow(deg);
        }
        self.legend(self.legend_area, legend);
        self.footer(about);
        self.canvas.rgba
    }

    fn scale_bar(&mut self, res: f64) {
        let fs = self.fs;
        let Some((length, label)) = nice_length(self.map.w as f64 * 0.25 * res) else { return };
        let bar = (length / res) as f32;
        let small = fs * 0.75;
        let label_w = self.canvas.text_width(small, &label);
        let back = Rect {
            x: self.map.x + self.margin * 0.6,
            y: self.map.bottom() - self.margin * 0.6 - fs * 2.1,
            w: bar.max(label_w) + fs,
            h: fs * 2.1,
        };
        self.canvas.fill(back, [255, 255, 255, 215]);
        let x0 = back.x + fs * 0.5;
        let bar_y = back.bottom() - fs * 0.75;
        let half = Rect { x: x0, y: bar_y, w: bar / 2.0, h: fs * 0.32 };
        self.canvas.fill(Rect { x: half.x - 1.0, y: half.y - 1.0, w: bar + 2.0, h: half.h + 2.0 }, INK);
        self.canvas.fill(Rect { x: half.right(), w: bar / 2.0 - 1.0, y: half.y, h: half.h }, WHITE);
        self.canvas.text(x0 + (bar - label_w) / 2.0, back.y + fs * 0.2, small, INK, &label);
    }

    /// An arrow pointing to true north, `deg` clockwise from up, with an upright "N" beyond its tip.
    fn north_arrow(&mut self, deg: f64) {
        let fs = self.fs;
        let r = fs * 1.0;
        let back = Rect {
            x: self.map.right() - self.margin * 0.6 - fs * 2.6,
            y: self.map.y + self.margin * 0.6,
            w: fs * 2.6,
            h: fs * 3.8,
        };
        self.canvas.fill(back, [255, 255, 255, 215]);
        let c = (back.x + back.w / 2.0, back.y + back.h * 0.62);
        let (s, co) = (deg.to_radians().sin() as f32, deg.to_radians().cos() as f32);
        // Rotate (x, y) (y down, arrow drawn pointing up) clockwise by `deg` about the centre.
        let at = |x: f32, y: f32| (c.0 + x * co - y * s, c.1 + x * s + y * co);
        self.canvas.polygon(&[at(0.0, -r), at(0.55 * r, 0.75 * r), at(0.0, 0.35 * r), at(-0.55 * r, 0.75 * r)], INK);
        let n = fs * 0.85;
        let (nx, ny) = at(0.0, -r - n * 0.75);
        let nw = self.canvas.text_width(n, text::NORTH);
        self.canvas.text(nx - nw / 2.0, ny - n * 0.6, n, INK, text::NORTH);
    }

    /// The groups top to bottom, rows shrunk to fit; what still does not fit is counted in an "and N more" line.
    fn legend(&mut self, rect: Rect, groups: &[LegendGroup]) {
        let rows: usize = groups.iter().map(|g| 1 + g.items.iter().map(rows_of).sum::<usize>()).sum();
        let natural = self.fs * 1.3;
        let row = if rows == 0 { natural } else { (rect.h / rows as f32).clamp(self.fs * 0.75, natural) };
        let capacity = (rect.h / row).floor() as usize;
        // Rows left to draw; when not all fit, one is kept for the "and N more" line.
        let mut budget = if rows <= capacity { rows } else { capacity.saturating_sub(1) };
        let text = row * 0.64;
        let mut y = rect.y;
        let mut skipped = 0;
        for group in groups {
            if budget == 0 {
                skipped += group.items.len();
                continue;
            }
            let heading = self.canvas.fit_text(text * 1.05, &group.heading, rect.w);
            self.canvas.text(rect.x, y + row * 0.15, text * 1.05, INK, &heading);
            y += row;
            budget -= 1;
            for item in &group.items {
                let need = rows_of(item);
                if need > budget {
                    skipped += 1;
                    continue;
                }
                self.legend_item(rect, y, row, text, item);
                y += need as f32 * row;
                budget -= need;
            }
        }
        if skipped > 0 {
            let line = text::figure_more(skipped);
            self.canvas.text(rect.x, y + row * 0.12, text, INK, &line);
        }
    }

    fn legend_item(&mut self, rect: Rect, y: f32, row: f32, text: f32, item: &LegendItem) {
        let swatch = Rect { x: rect.x, y: (y + row * 0.15).round(), w: (row * 1.1).round(), h: (row * 0.7).round() };
        let label_x = swatch.right() + row * 0.4;
        match item {
            LegendItem::Class { colour, label } => {
                let outer = Rect { x: swatch.x - 1.0, y: swatch.y - 1.0, w: swatch.w + 2.0, h: swatch.h + 2.0 };
                self.canvas.fill(outer, FRAME);
                self.canvas.fill(swatch, WHITE);
                self.canvas.fill(swatch, *colour);
                let label = self.canvas.fit_text(text, label, rect.right() - label_x);
                self.canvas.text(label_x, y + row * 0.12, text, INK, &label);
            }
            LegendItem::Ramp { colours, low, high } => {
                let ramp = Rect { w: rect.w - 2.0, ..swatch };
                let n = colours.len().max(1) as f32;
                for (i, colour) in colours.iter().enumerate() {
                    let x0 = (ramp.x + ramp.w * i as f32 / n).round();
                    let x1 = (ramp.x + ramp.w * (i + 1) as f32 / n).round();
                    self.canvas.fill(Rect { x: x0, w: x1 - x0, ..ramp }, *colour);
                }
                self.canvas.text(ramp.x, y + row * 1.0, text, INK, low);
                let high_w = self.canvas.text_width(text, high);
                self.canvas.text(ramp.right() - high_w, y + row * 1.0, text, INK, high);
            }
            LegendItem::Note(note) => {
                let note = self.canvas.fit_text(text, note, rect.w);
                self.canvas.text(rect.x, y + row * 0.12, text, INK, &note);
            }
        }
    }

    fn footer(&mut self, about: &MapAbout) {
        let small = footer_size(self.fs);
        let line = small * 1.35;
        let extent = text::figure_extent(&about.crs, about.extent);
        let date_w = self.canvas.text_width(small, &about.date);
        let extent = self.canvas.fit_text(small, &extent, self.footer.w - date_w - self.fs);
        let f = self.footer;
        self.canvas.text(f.x, f.y, small, INK, &extent);
        self.canvas.text(f.right() - date_w, f.y, small, INK, &about.date);
        for (i, text) in self.attribution.clone().iter().enumerate() {
            self.canvas.text(f.x, f.y + line * (i + 1) as f32, small, INK, text);
        }
    }
}

fn footer_size(fs: f32) -> f32 {
    (fs * 0.7).max(9.0)
}

fn rows_of(item: &LegendItem) -> usize {
    match item {
        LegendItem::Ramp { .. } => 2,
        _ => 1,
    }
}

/// `text` broken at spaces into lines no wider than `width` (a word wider than that gets a line of its own).
fn wrap(canvas: &Canvas, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(last) if canvas.text_width(size, &format!("{last} {word}")) <= width => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_is_refused_and_attribution_is_wrapped_not_cut() {
        assert!(Sheet::new((300, 200), None, "x").is_err());
        let long = "Generated using European Union's Copernicus Land Monitoring Service information (doi:10.2909/71fc9d1b-479f-4da1-aa66-662a2fff2cf7, doi:10.2909/34ef6334-d432-4041-a3da-67e156d6501d)";
        let sheet = Sheet::new((640, 480), Some("Title"), long).expect("sheet");
        assert!(sheet.attribution.len() >= 2);
        assert_eq!(sheet.attribution.join(" "), long);
        let (w, h) = sheet.map_size();
        assert!(w < 640 && h < 480 && w > 300 && h > 200, "{w}x{h}");
    }
}
