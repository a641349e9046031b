//! Zonal class tables: how much of each class lies in a zone, by one of two rules.
//!
//! - **Coverage** (the default, as exactextract computes it): every pixel counts with the fraction of its area inside
//!   the zone. The fractions come from one walk along each ring: each edge adds, to the row it crosses, the signed
//!   area between itself and the row's right end; a running sum along the row then gives every pixel's exact
//!   covered area (the accumulation rasterizer of font-rs, here in `f64` and on edges clipped to the window).
//! - **Centre** (as GDAL's rasterizer, `gdal_rasterize` without `-at`): a pixel counts whole when its centre lies
//!   inside the zone, decided on each row's centre line with GDAL's own rounding of the crossings.
//!
//! Everything here works in pixel coordinates of a window: x to the right, y down, pixel (c, r) spanning
//! [c, c+1] x [r, r+1].

use std::ops::Range;

use crate::raster::Pixels;

/// Which pixels a zone holds, and how much of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rule {
    /// The fraction of each pixel's area inside the zone.
    #[default]
    Coverage,
    /// Whole pixels whose centres fall inside the zone.
    Centre,
}

impl Rule {
    /// The name used on the command line and in every output.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Coverage => "coverage",
            Rule::Centre => "centre",
        }
    }
}

/// One ring of a zone in window pixel coordinates: an exterior boundary or a hole, closed or not (the last point
/// joins the first either way).
#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    pub points: Vec<(f64, f64)>,
    pub hole: bool,
}

/// The rings of a valid (multi)polygon zone: parts do not overlap, holes lie inside their exterior.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZoneShape {
    pub rings: Vec<Ring>,
}

impl ZoneShape {
    /// A zone's polygons (each its rings in map coordinates, the first the exterior) in pixel coordinates of the
    /// base level of a north-up grid with geotransform `gt`.
    pub fn from_map(polygons: &[Vec<Vec<(f64, f64)>>], gt: &[f64; 6]) -> ZoneShape {
        let rings = polygons
            .iter()
            .flat_map(|rings| {
                rings.iter().enumerate().map(|(i, ring)| Ring {
                    points: ring.iter().map(|&(x, y)| ((x - gt[0]) / gt[1], (y - gt[3]) / gt[5])).collect(),
                    hole: i > 0,
                })
            })
            .collect();
        ZoneShape { rings }
    }

    /// The smallest box of whole pixels holding every ring, clipped to `cols` x `rows`: (x, y, w, h), or `None`
    /// when the zone lies outside or covers no area.
    pub fn pixel_bounds(&self, cols: usize, rows: usize) -> Option<(usize, usize, usize, usize)> {
        let points = self.rings.iter().filter(|r| !r.hole).flat_map(|r| &r.points);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let clip = |v: f64, max: usize| v.clamp(0.0, max as f64);
        let (cx0, cy0) = (clip(x0.floor(), cols) as usize, clip(y0.floor(), rows) as usize);
        let (cx1, cy1) = (clip(x1.ceil(), cols) as usize, clip(y1.ceil(), rows) as usize);
        (x0.is_finite() && cx1 > cx0 && cy1 > cy0).then(|| (cx0, cy0, cx1 - cx0, cy1 - cy0))
    }

    /// The same zone with every point moved by (-dx, -dy): in the pixel coordinates of a window at (dx, dy).
    pub fn shifted(&self, dx: f64, dy: f64) -> ZoneShape {
        let rings = self
            .rings
            .iter()
            .map(|r| Ring { points: r.points.iter().map(|&(x, y)| (x - dx, y - dy)).collect(), hole: r.hole })
            .collect();
        ZoneShape { rings }
    }
}

/// How much of each pixel of rows `rows` (of a window `cols` wide) the zone holds, row-major into `out` (resized to
/// `rows.len() * cols`): a fraction in [0, 1] under [`Rule::Coverage`], 0 or 1 under [`Rule::Centre`].
pub fn cover_rows(shape: &ZoneShape, rule: Rule, cols: usize, rows: Range<usize>, out: &mut Vec<f64>) {
    out.clear();
    out.resize(rows.len() * cols, 0.0);
    match rule {
        Rule::Coverage => coverage_rows(shape, cols, rows, out),
        Rule::Centre => centre_rows(shape, cols, rows, out),
    }
}

/// Twice the signed area of a ring (the shoelace sum); positive when it turns clockwise on screen (y down).
fn signed_area2(points: &[(f64, f64)]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum()
}

/// The edges of a ring, the closing edge included (a repeated first point gives a zero-length edge, which adds
/// nothing).
fn edges(points: &[(f64, f64)]) -> impl Iterator<Item = ((f64, f64), (f64, f64))> + '_ {
    let n = points.len();
    (0..n).map(move |i| (points[i], points[(i + 1) % n]))
}

fn coverage_rows(shape: &ZoneShape, cols: usize, rows: Range<usize>, out: &mut [f64]) {
    // Two spare cells a row: an edge at the window's right end adds to index `cols` (and `cols + 1`), past the
    // pixels, where its area belongs to no pixel of the window.
    let stride = cols + 2;
    let mut acc = vec![0.0f64; rows.len() * stride];
    let width = cols as f64;
    for ring in &shape.rings {
        if ring.points.len() < 3 {
            continue;
        }
        // An edge going down adds its area to the pixels on its right, so a ring clockwise on screen (positive
        // shoelace sum) encloses negative area: turn exteriors positive and holes negative whatever their order.
        let area = signed_area2(&ring.points);
        if area == 0.0 {
            continue;
        }
        let sign = if ring.hole { area.signum() } else { -area.signum() };
        for (a, b) in edges(&ring.points) {
            for (p, q) in split_at_window_sides(a, b, width) {
                let clamp = |(x, y): (f64, f64)| (x.clamp(0.0, width), y);
                accumulate(clamp(p), clamp(q), sign, &rows, stride, &mut acc);
            }
        }
    }
    for (r, row) in out.chunks_mut(cols.max(1)).enumerate() {
        let mut sum = 0.0;
        for (c, cell) in row.iter_mut().enumerate() {
            sum += acc[r * stride + c];
            // Rounding leaves crumbs of 1e-16 outside [0, 1].
            *cell = sum.clamp(0.0, 1.0);
        }
    }
}

/// The pieces of edge a-b left of x = 0, inside, and right of x = `width`. Once clamped to [0, width], a piece
/// left of the window runs along its left side and adds its whole area to every pixel of the row, as it should;
/// one right of the window adds nothing to its pixels.
fn split_at_window_sides(a: (f64, f64), b: (f64, f64), width: f64) -> impl Iterator<Item = ((f64, f64), (f64, f64))> {
    // Where along a-b (0 at a, 1 at b) it crosses the two sides, in order.
    let mut ts = [0.0, 1.0, 1.0, 1.0];
    let mut n = 1;
    for side in [0.0, width] {
        let t = (side - a.0) / (b.0 - a.0);
        if t > 0.0 && t < 1.0 {
            ts[n] = t;
            n += 1;
        }
    }
    ts[..n].sort_by(f64::total_cmp);
    let at = move |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        }
    };
    (0..n).map(move |i| (at(ts[i]), at(ts[i + 1])))
}

/// Adds the area to the right of segment p-q (x within [0, cols]) to the accumulation rows of `rows`.
fn accumulate(p: (f64, f64), q: (f64, f64), sign: f64, rows: &Range<usize>, stride: usize, acc: &mut [f64]) {
    if p.1 == q.1 {
        return;
    }
    let (dir, top, bottom) = if p.1 < q.1 { (sign, p, q) } else { (-sign, q, p) };
    let dxdy = (bottom.0 - top.0) / (bottom.1 - top.1);
    let first = (top.1.floor().max(rows.start as f64)) as usize;
    let last = (bottom.1.ceil().min(rows.end as f64)).max(0.0) as usize;
    for r in first..last {
        let y0 = (r as f64).max(top.1);
        let y1 = ((r + 1) as f64).min(bottom.1);
        if y1 <= y0 {
            continue;
        }
        let xa = top.0 + (y0 - top.1) * dxdy;
        let xb = top.0 + (y1 - top.1) * dxdy;
        let d = (y1 - y0) * dir;
        let row = &mut acc[(r - rows.start) * stride..(r - rows.start + 1) * stride];
        let (x0, x1) = if xa < xb { (xa, xb) } else { (xb, xa) };
        let x0_floor = x0.floor();
        let x0i = x0_floor as usize;
        let x1_ceil = x1.ceil();
        let x1i = x1_ceil as usize;
        if x1i <= x0i + 1 {
            // Within one pixel: the part right of the segment's mean x.
            let mean = 0.5 * (xa + xb) - x0_floor;
            row[x0i] += d * (1.0 - mean);
            row[x0i + 1] += d * mean;
        } else {
            // Across several pixels: a triangle in the first, trapezoids between, a triangle's complement in the
            // last.
            let s = 1.0 / (x1 - x0);
            let x0f = x0 - x0_floor;
            let a0 = 0.5 * s * (1.0 - x0f) * (1.0 - x0f);
            let x1f = x1 - x1_ceil + 1.0;
            let am = 0.5 * s * x1f * x1f;
            row[x0i] += d * a0;
            if x1i == x0i + 2 {
                row[x0i + 1] += d * (1.0 - a0 - am);
            } else {
                let a1 = s * (1.5 - x0f);
                row[x0i + 1] += d * (a1 - a0);
                for cell in &mut row[x0i + 2..x1i - 1] {
                    *cell += d * s;
                }
                let a2 = a1 + (x1i - x0i - 3) as f64 * s;
                row[x1i - 1] += d * (1.0 - a2 - am);
            }
            row[x1i] += d * am;
        }
    }
}

fn centre_rows(shape: &ZoneShape, cols: usize, rows: Range<usize>, out: &mut [f64]) {
    let mut crossings: Vec<i64> = Vec::new();
    for (i, r) in rows.enumerate() {
        // GDAL's rule (llrasterize.cpp): on the line through the row's pixel centres, an edge from (x1, y1) to
        // (x2, y2) with y1 < y2 crosses when y1 <= y < y2, at x rounded half up; pixels from one crossing up to
        // the next one less are inside (even-odd over every ring of the zone).
        let y = r as f64 + 0.5;
        crossings.clear();
        for ring in &shape.rings {
            for (a, b) in edges(&ring.points) {
                let ((x1, y1), (x2, y2)) = if a.1 < b.1 { (a, b) } else { (b, a) };
                if y < y2 && y >= y1 {
                    let x = (y - y1) * (x2 - x1) / (y2 - y1) + x1;
                    crossings.push((x + 0.5).floor() as i64);
                }
            }
        }
        crossings.sort_unstable();
        let row = &mut out[i * cols..(i + 1) * cols];
        for pair in crossings.chunks_exact(2) {
            let start = pair[0].clamp(0, cols as i64) as usize;
            let end = pair[1].clamp(0, cols as i64) as usize;
            for cell in &mut row[start..end.max(start)] {
                *cell = 1.0;
            }
        }
    }
}

/// Whether each pixel of rows `rows` (of a window `cols` wide) has its centre inside any of `shapes` (in the
/// window's pixel coordinates), row-major into `out`.
pub fn centre_mask(shapes: &[ZoneShape], cols: usize, rows: Range<usize>, out: &mut Vec<bool>) {
    out.clear();
    out.resize(rows.len() * cols, false);
    let mut cover = Vec::new();
    for shape in shapes {
        cover_rows(shape, Rule::Centre, cols, rows.clone(), &mut cover);
        for (inside, &c) in out.iter_mut().zip(&cover) {
            *inside |= c > 0.0;
        }
    }
}

/// Adds each pixel's share to the sum of its value: `sums[value] += cover`, nodata left out. `values` and `cover`
/// hold the same pixels in the same order; `sums` grows to the largest value met.
pub fn tally(values: &Pixels, cover: &[f64], nodata: Option<u32>, sums: &mut Vec<f64>) {
    fn add<T: Copy + Into<u32>>(values: &[T], cover: &[f64], nodata: Option<u32>, sums: &mut Vec<f64>) {
        for (&v, &c) in values.iter().zip(cover) {
            let v: u32 = v.into();
            if c == 0.0 || nodata == Some(v) {
                continue;
            }
            let v = v as usize;
            if v >= sums.len() {
                sums.resize(v + 1, 0.0);
            }
            sums[v] += c;
        }
    }
    match values {
        Pixels::U8(v) => add(v, cover, nodata, sums),
        Pixels::U16(v) => add(v, cover, nodata, sums),
        // Class and value rasters are read as integers (floating-point data through a recoding VRT); colours are
        // not counted.
        Pixels::F32(_) | Pixels::Rgba(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(rings: &[(&[(f64, f64)], bool)]) -> ZoneShape {
        ZoneShape { rings: rings.iter().map(|(p, hole)| Ring { points: p.to_vec(), hole: *hole }).collect() }
    }

    fn cover(s: &ZoneShape, rule: Rule, cols: usize, rows: usize) -> Vec<f64> {
        let mut out = Vec::new();
        cover_rows(s, rule, cols, 0..rows, &mut out);
        out
    }

    #[test]
    fn a_square_on_the_grid_covers_its_pixels_whole_in_either_order() {
        let cw: &[(f64, f64)] = &[(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0)];
        let ccw: Vec<(f64, f64)> = cw.iter().rev().copied().collect();
        for points in [cw.to_vec(), ccw] {
            let c = cover(&shape(&[(&points, false)]), Rule::Coverage, 4, 4);
            let expected = [0., 0., 0., 0., 0., 1., 1., 0., 0., 1., 1., 0., 0., 0., 0., 0.];
            assert_eq!(c, expected);
        }
    }

    #[test]
    fn a_triangle_covers_half_pixels_along_its_diagonal() {
        // The lower-left half of a 2 x 2 square: the two diagonal pixels half, the one below whole.
        let c = cover(&shape(&[(&[(0.0, 0.0), (2.0, 2.0), (0.0, 2.0)], false)]), Rule::Coverage, 2, 2);
        let expected = [0.5, 0.0, 1.0, 0.5];
        for (got, want) in c.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{c:?}");
        }
    }

    #[test]
    fn coverage_sums_to_the_polygon_area_with_holes_and_parts_outside_the_window() {
        // A 6 x 5 rectangle from (-1.3, -0.7) with a 1.5 x 1.2 hole, over a 4 x 3 window: the covered area is the
        // window's part of the rectangle less the hole (which lies inside the window).
        let outer: &[(f64, f64)] = &[(-1.3, -0.7), (4.7, -0.7), (4.7, 4.3), (-1.3, 4.3)];
        let hole: &[(f64, f64)] = &[(1.2, 0.4), (1.2, 1.6), (2.7, 1.6), (2.7, 0.4)];
        let c = cover(&shape(&[(outer, false), (hole, true)]), Rule::Coverage, 4, 3);
        let total: f64 = c.iter().sum();
        assert!((total - (12.0 - 1.5 * 1.2)).abs() < 1e-9, "{total}");
        assert!(c.iter().all(|&v| (0.0..=1.0).contains(&v)));
    }

    #[test]
    fn a_slanted_quadrilateral_covers_its_shoelace_area() {
        let quad: &[(f64, f64)] = &[(0.3, 0.2), (7.9, 1.1), (6.4, 5.7), (1.1, 4.4)];
        let area = signed_area2(quad).abs() / 2.0;
        let c = cover(&shape(&[(quad, false)]), Rule::Coverage, 8, 6);
        let total: f64 = c.iter().sum();
        assert!((total - area).abs() < 1e-9, "{total} vs {area}");
    }

    #[test]
    fn bands_of_rows_give_the_same_cover_as_the_whole() {
        let quad: &[(f64, f64)] = &[(0.3, 0.2), (7.9, 1.1), (6.4, 5.7), (1.1, 4.4)];
        let s = shape(&[(quad, false)]);
        for rule in [Rule::Coverage, Rule::Centre] {
            let whole = cover(&s, rule, 8, 6);
            let mut banded = Vec::new();
            for rows in [0..2, 2..5, 5..6] {
                let mut part = Vec::new();
                cover_rows(&s, rule, 8, rows, &mut part);
                banded.extend(part);
            }
            for (a, b) in whole.iter().zip(&banded) {
                assert!((a - b).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn the_centre_rule_takes_pixels_whose_centres_are_inside() {
        // A diamond around the centre of a 3 x 3 window: only the middle pixel's centre is inside.
        let diamond: &[(f64, f64)] = &[(1.5, 0.8), (2.2, 1.5), (1.5, 2.2), (0.8, 1.5)];
        let c = cover(&shape(&[(diamond, false)]), Rule::Centre, 3, 3);
        assert_eq!(c, [0., 0., 0., 0., 1., 0., 0., 0., 0.]);
        // With a hole over that centre, nothing.
        let hole: &[(f64, f64)] = &[(1.4, 1.4), (1.6, 1.4), (1.6, 1.6), (1.4, 1.6)];
        let c = cover(&shape(&[(diamond, false), (hole, true)]), Rule::Centre, 3, 3);
        assert!(c.iter().all(|&v| v == 0.0));
    }

    #[test]
    fn tally_weights_values_by_cover_and_leaves_nodata_out() {
        let values = Pixels::U8(vec![1, 2, 2, 255]);
        let mut sums = Vec::new();
        tally(&values, &[0.5, 1.0, 0.25, 1.0], Some(255), &mut sums);
        assert_eq!(sums, vec![0.0, 0.5, 1.25]);
    }

    #[test]
    fn bounds_clip_to_the_raster_and_vanish_outside() {
        let s = shape(&[(&[(-2.5, 1.2), (3.5, 1.2), (3.5, 9.0)], false)]);
        assert_eq!(s.pixel_bounds(10, 5), Some((0, 1, 4, 4)));
        let outside = shape(&[(&[(20.0, 1.0), (30.0, 1.0), (30.0, 4.0)], false)]);
        assert_eq!(outside.pixel_bounds(10, 5), None);
    }
}
