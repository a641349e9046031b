//! Vector overlays for the map: the GPU geometry of a zones layer (rings as line strips, polygons triangulated with
//! earcut), the transform that places it in a view, and which feature lies under a point.

use crate::render::{DrawOverlay, OverlayGeometry, OverlayLevel, RESTART};

use super::camera::Camera;

/// Zone outlines, premultiplied RGBA: near black, so they read on every land-cover colour; the translucent fill; the
/// selection's yellow outline and fill. The window and the figures draw zones in these.
pub const ZONE_LINE: [f32; 4] = [0.1, 0.1, 0.1, 0.9];
pub const ZONE_FILL: [f32; 4] = [0.12, 0.12, 0.12, 0.12];
pub const ZONE_SELECTED_LINE: [f32; 4] = [1.0, 0.85, 0.0, 1.0];
pub const ZONE_SELECTED_FILL: [f32; 4] = [0.25, 0.21, 0.0, 0.25];

/// What the GPU draws of a zone layer's `geometry` (id `overlay_id`) in a view of `size` pixels through `camera`:
/// outlines, fills when `fill`, and the `selected` zones highlighted.
pub fn zone_overlay(
    overlay_id: u64,
    geometry: &std::sync::Arc<OverlayGeometry>,
    camera: &Camera,
    size: [f64; 2],
    fill: bool,
    selected: std::sync::Arc<Vec<u32>>,
) -> DrawOverlay {
    DrawOverlay {
        overlay_id,
        geometry: geometry.clone(),
        level: geometry.level_for(camera.res),
        transform: overlay_transform(camera, size, geometry.origin),
        pixel: [(2.0 / size[0].max(1.0)) as f32, (2.0 / size[1].max(1.0)) as f32],
        line: ZONE_LINE,
        fill: if fill { ZONE_FILL } else { [0.0; 4] },
        selected_line: ZONE_SELECTED_LINE,
        selected_fill: ZONE_SELECTED_FILL,
        selected,
    }
}

/// One polygon: its rings in map coordinates, the first the exterior, the others holes.
pub type PolygonRings = Vec<Vec<(f64, f64)>>;

/// Most levels of detail of an overlay.
const MAX_LEVELS: usize = 6;

/// The GPU geometry of `features` (each a list of polygons), relative to the centre of their bounding box, at
/// levels of detail from the full geometry to simplifications fit for a view of the whole extent. Rings that earcut
/// cannot triangulate keep their outline and lose their fill.
pub fn build_geometry(features: &[Vec<PolygonRings>]) -> OverlayGeometry {
    let bounds = bounds_of(features.iter().flatten().flatten().flatten());
    let origin = bounds.map_or([0.0, 0.0], |b| [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]);
    let extent = bounds.map_or(0.0, |b| (b[2] - b[0]).max(b[3] - b[1]));
    let mut levels = vec![build_level(features, origin, 0.0)];
    // Each level leaves out points within 4 times the last one's distance, from 1/4096 of the extent (half a pixel
    // of a 2048 px view of all of it) on; a level that saves little is skipped.
    let mut tolerance = extent / 4096.0;
    while levels.len() < MAX_LEVELS && tolerance > 0.0 && tolerance < extent {
        let level = build_level(features, origin, tolerance);
        let previous = levels.last().map_or(0, |l| l.vertices.len());
        if (level.vertices.len() as f64) < 0.7 * previous as f64 {
            levels.push(level);
        }
        tolerance *= 4.0;
    }
    OverlayGeometry { origin, levels }
}

/// One level: rings with points closer than `tolerance` to the last one kept left out, rings left with fewer than
/// three points dropped (a polygon with its exterior).
fn build_level(features: &[Vec<PolygonRings>], origin: [f64; 2], tolerance: f64) -> OverlayLevel {
    let mut g = OverlayLevel { tolerance, ..Default::default() };
    let mut earcut = earcut::Earcut::new();
    let mut flat: Vec<[f64; 2]> = Vec::new();
    let mut holes: Vec<u32> = Vec::new();
    let mut triangles: Vec<u32> = Vec::new();
    let mut kept: Vec<(f64, f64)> = Vec::new();
    for polygons in features {
        let (line_start, fill_start) = (g.line_indices.len() as u32, g.fill_indices.len() as u32);
        for rings in polygons {
            let base = g.vertices.len() as u32;
            flat.clear();
            holes.clear();
            for (i, ring) in rings.iter().enumerate() {
                simplify(ring, tolerance, &mut kept);
                if kept.len() < 3 {
                    if i == 0 {
                        break;
                    }
                    continue;
                }
                if i > 0 {
                    holes.push(flat.len() as u32);
                }
                let start = g.vertices.len() as u32;
                for &(x, y) in &kept {
                    flat.push([x - origin[0], y - origin[1]]);
                    g.vertices.push([(x - origin[0]) as f32, (y - origin[1]) as f32]);
                }
                g.line_indices.extend(start..g.vertices.len() as u32);
                g.line_indices.extend([start, RESTART]);
            }
            if flat.len() >= 3 {
                earcut.earcut(flat.iter().copied(), &holes, &mut triangles);
                g.fill_indices.extend(triangles.iter().map(|t| base + t));
            }
        }
        g.line_ranges.push(line_start..g.line_indices.len() as u32);
        g.fill_ranges.push(fill_start..g.fill_indices.len() as u32);
    }
    g
}

/// The points of `ring` at least `tolerance` from the last one kept, into `out`; a closing point that repeats the
/// first (as GeoJSON and OGR have it) is left out, since the strip and earcut close the ring themselves.
fn simplify(ring: &[(f64, f64)], tolerance: f64, out: &mut Vec<(f64, f64)>) {
    out.clear();
    let points = match ring.split_last() {
        Some((last, rest)) if rest.first() == Some(last) => rest,
        _ => ring,
    };
    let squared = tolerance * tolerance;
    for &p in points {
        match out.last() {
            Some(&q) if (p.0 - q.0).powi(2) + (p.1 - q.1).powi(2) < squared => {}
            _ => out.push(p),
        }
    }
}

/// The transform from coordinates relative to `origin` to clip space, for `camera` on a viewport of `size` pixels:
/// [sx, sy, tx, ty] (the offsets are worked out in `f64`, so that far from the origin nothing jitters).
pub fn overlay_transform(camera: &Camera, size: [f64; 2], origin: [f64; 2]) -> [f32; 4] {
    let (w, h) = (camera.res * size[0].max(1.0), camera.res * size[1].max(1.0));
    [
        (2.0 / w) as f32,
        (2.0 / h) as f32,
        (2.0 * (origin[0] - camera.center[0]) / w) as f32,
        (2.0 * (origin[1] - camera.center[1]) / h) as f32,
    ]
}

/// (xmin, ymin, xmax, ymax) of the points, if there are any.
pub fn bounds_of<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> Option<[f64; 4]> {
    points.fold(None, |b, &(x, y)| {
        Some(match b {
            None => [x, y, x, y],
            Some([x0, y0, x1, y1]) => [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
        })
    })
}

/// Whether `p` lies inside the polygon (even-odd over its rings, so holes are outside).
pub fn polygon_contains(rings: &PolygonRings, p: (f64, f64)) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                inside = !inside;
            }
        }
    }
    inside
}

/// Whether the polygon and the box (xmin, ymin, xmax, ymax) share a point: a vertex in the box, a corner of the box
/// in the polygon, or an edge crossing a side of the box.
pub fn polygon_touches_box(rings: &PolygonRings, b: [f64; 4]) -> bool {
    let inside = |&(x, y): &(f64, f64)| b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3];
    if rings.iter().flatten().any(inside) {
        return true;
    }
    let corners = [(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])];
    if corners.iter().any(|&c| polygon_contains(rings, c)) {
        return true;
    }
    let sides =
        [(corners[0], corners[1]), (corners[1], corners[2]), (corners[2], corners[3]), (corners[3], corners[0])];
    rings.iter().any(|ring| {
        let n = ring.len();
        (0..n).any(|i| sides.iter().any(|&(c, d)| segments_cross(ring[i], ring[(i + 1) % n], c, d)))
    })
}

/// Whether segments a-b and c-d cross (touching counts).
fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    (d1 * d2 <= 0.0) && (d3 * d4 <= 0.0) && !(d1 == 0.0 && d2 == 0.0 && d3 == 0.0 && d4 == 0.0)
}

/// The last of `features` (the one drawn on top) with a polygon holding `p`, using their `bounds` to skip most.
pub fn feature_at(features: &[Vec<PolygonRings>], bounds: &[Option<[f64; 4]>], p: (f64, f64)) -> Option<usize> {
    (0..features.len()).rev().find(|&i| {
        let inside_box =
            bounds.get(i).copied().flatten().is_some_and(|b| b[0] <= p.0 && p.0 <= b[2] && b[1] <= p.1 && p.1 <= b[3]);
        inside_box && features[i].iter().any(|rings| polygon_contains(rings, p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, s: f64) -> Vec<(f64, f64)> {
        vec![(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)]
    }

    #[test]
    fn a_square_with_a_hole_becomes_one_strip_per_ring_and_eight_triangles() {
        let feature = vec![vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)]];
        let geometry = build_geometry(&[feature]);
        assert_eq!(geometry.origin, [5.0, 5.0]);
        let g = &geometry.levels[0];
        assert_eq!(g.vertices.len(), 8, "the repeated first point is dropped");
        assert_eq!(g.line_indices, [0, 1, 2, 3, 0, RESTART, 4, 5, 6, 7, 4, RESTART]);
        assert_eq!(g.fill_indices.len(), 8 * 3);
        // The triangles cover the square less the hole.
        let area: f64 = g
            .fill_indices
            .chunks(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| g.vertices[i as usize]);
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() as f64 / 2.0
            })
            .sum();
        assert!((area - 96.0).abs() < 1e-6, "{area}");
        assert_eq!((g.line_ranges.len(), g.fill_ranges.len()), (1, 1));
    }

    #[test]
    fn coarser_levels_keep_fewer_points_and_drop_what_is_smaller_than_their_tolerance() {
        // A ring of 400 points around a 1000 m circle, and a 2 m square far off.
        let circle: Vec<(f64, f64)> = (0..=400)
            .map(|i| {
                let a = (i % 400) as f64 / 400.0 * std::f64::consts::TAU;
                (1000.0 * a.cos(), 1000.0 * a.sin())
            })
            .collect();
        let features = vec![vec![vec![circle]], vec![vec![square(5000.0, 5000.0, 2.0)]]];
        let g = build_geometry(&features);
        assert!(g.levels.len() >= 3, "{} levels", g.levels.len());
        assert_eq!(g.levels[0].vertices.len(), 404);
        for pair in g.levels.windows(2) {
            assert!(pair[1].vertices.len() < pair[0].vertices.len());
            assert!(pair[1].tolerance > pair[0].tolerance);
        }
        let coarsest = g.levels.last().unwrap();
        assert!(coarsest.line_ranges[1].is_empty(), "the tiny square is gone");
        assert!(!coarsest.line_ranges[0].is_empty(), "the circle stays");
        // A view at 1 m per pixel draws the full geometry; a small view of the whole extent a coarse level.
        assert_eq!(g.level_for(1.0), 0);
        assert!(g.level_for(60.0) > 0, "a 100 px view of the whole extent");
    }

    #[test]
    fn the_transform_puts_the_camera_centre_at_the_middle_of_clip_space() {
        let camera = Camera { center: [4_400_000.0, 3_700_000.0], res: 10.0 };
        let origin = [4_399_000.0, 3_701_000.0];
        let t = overlay_transform(&camera, [200.0, 100.0], origin);
        let clip = |x: f64, y: f64| {
            let (rx, ry) = ((x - origin[0]) as f32, (y - origin[1]) as f32);
            (rx * t[0] + t[2], ry * t[1] + t[3])
        };
        assert_eq!(clip(4_400_000.0, 3_700_000.0), (0.0, 0.0));
        // 1000 m right is 100 px, half of the 200 px width: the right edge; 500 m up is the top.
        assert_eq!(clip(4_401_000.0, 3_700_500.0), (1.0, 1.0));
    }

    #[test]
    fn a_box_touches_a_polygon_by_a_vertex_a_corner_or_a_crossing_edge() {
        let rings = vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)];
        assert!(polygon_touches_box(&rings, [9.0, 9.0, 20.0, 20.0]), "a vertex in the box");
        assert!(polygon_touches_box(&rings, [1.0, 1.0, 2.0, 2.0]), "the box inside the polygon");
        assert!(polygon_touches_box(&rings, [-5.0, 2.0, 15.0, 3.0]), "edges crossing");
        assert!(!polygon_touches_box(&rings, [4.5, 4.5, 5.5, 5.5]), "inside the hole");
        assert!(!polygon_touches_box(&rings, [20.0, 20.0, 30.0, 30.0]), "apart");
    }

    #[test]
    fn the_feature_on_top_under_a_point_is_found_and_holes_are_outside() {
        let a = vec![vec![square(0.0, 0.0, 10.0), square(4.0, 4.0, 2.0)]];
        let b = vec![vec![square(8.0, 8.0, 10.0)]];
        let features = vec![a, b];
        let bounds: Vec<_> = features.iter().map(|f| bounds_of(f.iter().flatten().flatten())).collect();
        assert_eq!(feature_at(&features, &bounds, (1.0, 1.0)), Some(0));
        assert_eq!(feature_at(&features, &bounds, (5.0, 5.0)), None, "in the hole");
        assert_eq!(feature_at(&features, &bounds, (9.0, 9.0)), Some(1), "the later feature is on top");
        assert_eq!(feature_at(&features, &bounds, (30.0, 30.0)), None);
    }
}
