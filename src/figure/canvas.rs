//! An RGBA8 image to draw a figure on: rectangles, polygons, images and text, blended over what is there.
//! Text uses the Ubuntu Light face egui itself ships, so the window and the command line need no system fonts.

use ab_glyph::{Font as _, FontRef, PxScale, ScaleFont as _};

pub type Rgba = [u8; 4];

pub const WHITE: Rgba = [255, 255, 255, 255];
pub const INK: Rgba = [32, 32, 32, 255];
pub const FRAME: Rgba = [150, 150, 150, 255];

/// An axis-aligned rectangle in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    font: FontRef<'static>,
}

impl Canvas {
    /// A white canvas; `None` when the bundled font cannot be read (it always can: it is compiled in).
    pub fn new(width: u32, height: u32) -> Option<Canvas> {
        let font = FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok()?;
        let rgba = WHITE.repeat(width as usize * height as usize);
        Some(Canvas { width, height, rgba, font })
    }

    /// Blends `colour` into the pixel at (x, y) with `coverage` (0 to 1); outside the canvas nothing happens.
    fn blend(&mut self, x: i64, y: i64, colour: Rgba, coverage: f32) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 {
            return;
        }
        let a = (colour[3] as f32 / 255.0) * coverage.clamp(0.0, 1.0);
        if a <= 0.0 {
            return;
        }
        let i = (y as usize * self.width as usize + x as usize) * 4;
        for (under, over) in self.rgba[i..i + 3].iter_mut().zip(colour) {
            *under = (*under as f32 + (over as f32 - *under as f32) * a).round() as u8;
        }
        self.rgba[i + 3] = 255;
    }

    /// Fills whole pixels: those whose centres fall inside `r`. Opaque colours land exactly, so a legend swatch
    /// has the class colour to the byte.
    pub fn fill(&mut self, r: Rect, colour: Rgba) {
        let (x0, x1) = ((r.x).round() as i64, (r.right()).round() as i64);
        let (y0, y1) = ((r.y).round() as i64, (r.bottom()).round() as i64);
        for y in y0..y1 {
            for x in x0..x1 {
                self.blend(x, y, colour, 1.0);
            }
        }
    }

    /// A one-pixel outline just inside `r`.
    pub fn outline(&mut self, r: Rect, colour: Rgba) {
        let t = 1.0;
        self.fill(Rect { h: t, ..r }, colour);
        self.fill(Rect { y: r.bottom() - t, h: t, ..r }, colour);
        self.fill(Rect { w: t, ..r }, colour);
        self.fill(Rect { x: r.right() - t, w: t, ..r }, colour);
    }

    /// Draws a `w` x `h` image with its top-left corner at (x, y), blended by its alpha: opaque pixels land exactly,
    /// transparent ones (outside the data, technical codes) leave the paper showing.
    pub fn blit(&mut self, x: u32, y: u32, w: u32, h: u32, rgba: &[u8]) {
        for row in 0..h as usize {
            for col in 0..w as usize {
                let i = (row * w as usize + col) * 4;
                let Some(p) = rgba.get(i..i + 4) else { return };
                self.blend(x as i64 + col as i64, y as i64 + row as i64, [p[0], p[1], p[2], 255], p[3] as f32 / 255.0);
            }
        }
    }

    /// Fills a polygon (even-odd rule) with edges smoothed by 4 x 4 samples a pixel.
    pub fn polygon(&mut self, points: &[(f32, f32)], colour: Rgba) {
        if points.len() < 3 {
            return;
        }
        let xs = points.iter().map(|p| p.0);
        let ys = points.iter().map(|p| p.1);
        let (x0, x1) = (xs.clone().fold(f32::MAX, f32::min).floor(), xs.fold(f32::MIN, f32::max).ceil());
        let (y0, y1) = (ys.clone().fold(f32::MAX, f32::min).floor(), ys.fold(f32::MIN, f32::max).ceil());
        for py in y0 as i64..y1 as i64 {
            for px in x0 as i64..x1 as i64 {
                let mut inside = 0;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let p = (px as f32 + (sx as f32 + 0.5) / 4.0, py as f32 + (sy as f32 + 0.5) / 4.0);
                        inside += contains(points, p) as u32;
                    }
                }
                self.blend(px, py, colour, inside as f32 / 16.0);
            }
        }
    }

    /// The width in pixels of `text` at `size` pixels.
    pub fn text_width(&self, size: f32, text: &str) -> f32 {
        let font = self.font.as_scaled(PxScale::from(size));
        let mut width = 0.0;
        let mut last = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(prev) = last {
                width += font.kern(prev, id);
            }
            width += font.h_advance(id);
            last = Some(id);
        }
        width
    }

    /// `text` cut to fit `max_width`, ending in "..." when cut.
    pub fn fit_text(&self, size: f32, text: &str, max_width: f32) -> String {
        if self.text_width(size, text) <= max_width {
            return text.to_string();
        }
        let mut cut: String = text.to_string();
        while !cut.is_empty() && self.text_width(size, &format!("{cut}...")) > max_width {
            cut.pop();
        }
        format!("{}...", cut.trim_end())
    }

    /// Draws `text` with the top of its line box at `y`; returns its width.
    pub fn text(&mut self, x: f32, y: f32, size: f32, colour: Rgba, text: &str) -> f32 {
        let scale = PxScale::from(size);
        let font = self.font.clone();
        let scaled = font.as_scaled(scale);
        let baseline = y + scaled.ascent();
        let mut pen = x;
        let mut last = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(prev) = last {
                pen += scaled.kern(prev, id);
            }
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(pen, baseline));
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    self.blend(bounds.min.x as i64 + gx as i64, bounds.min.y as i64 + gy as i64, colour, coverage);
                });
            }
            pen += scaled.h_advance(id);
            last = Some(id);
        }
        pen - x
    }
}

/// Whether `p` is inside the polygon, by the even-odd rule.
fn contains(points: &[(f32, f32)], p: (f32, f32)) -> bool {
    let mut inside = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let (a, b) = (points[i], points[j]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_are_exact_and_text_leaves_ink() {
        let mut c = Canvas::new(40, 20).expect("font");
        c.fill(Rect { x: 2.0, y: 2.0, w: 4.0, h: 3.0 }, [1, 2, 3, 255]);
        let at = |c: &Canvas, x: usize, y: usize| c.rgba[(y * 40 + x) * 4..(y * 40 + x) * 4 + 4].to_vec();
        assert_eq!(at(&c, 2, 2), [1, 2, 3, 255]);
        assert_eq!(at(&c, 5, 4), [1, 2, 3, 255]);
        assert_eq!(at(&c, 6, 4), [255, 255, 255, 255]);
        let before = c.rgba.clone();
        let w = c.text(20.0, 2.0, 14.0, INK, "Ab");
        assert!(w > 10.0 && w < 20.0, "{w}");
        assert_ne!(before, c.rgba);
        assert!(c.fit_text(14.0, "a long class name", 40.0).ends_with("..."));
        c.polygon(&[(30.0, 10.0), (38.0, 10.0), (34.0, 18.0)], [0, 0, 0, 255]);
        assert_eq!(at(&c, 34, 12), [0, 0, 0, 255]);
    }
}
