//! A stratified random sample of a class map for accuracy assessment: how many points each class (stratum) gets, and
//! which pixels, each pixel of a class equally likely. The strata are counted exactly first; the sample is then
//! drawn as ranks among each class's pixels and found in one pass over the base level in strips, so memory stays at
//! one strip whatever the map.

use std::collections::{BTreeMap, BTreeSet};

use super::sample::Rng;
use super::window::PixelWindow;
use super::zonal::{centre_mask, ZoneShape};
use crate::raster::{Pixels, RasterError, RasterFile};

/// Rows read at a time.
const STRIP_ROWS: usize = 256;

/// How the sample is shared among the strata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allocation {
    /// The same number in every class (all of a class's pixels where it has fewer).
    PerClass(u64),
    /// `total` shared in proportion to the classes' areas, at least `min` each.
    Proportional { total: u64, min: u64 },
    /// `total` shared equally, at least `min` each.
    Equal { total: u64, min: u64 },
}

/// The points each stratum gets: `strata` are (class, pixels); never more than a class has. Shares are rounded by
/// largest remainders, so that they add up to the total before the minimum lifts small classes.
pub fn allocate(strata: &[(u32, u64)], allocation: Allocation) -> Vec<(u32, u64)> {
    let cap = |n: u64, pixels: u64| n.min(pixels);
    let shares = |total: u64, weights: &[f64], min: u64| -> Vec<u64> {
        let sum: f64 = weights.iter().sum();
        if sum <= 0.0 {
            return vec![min; weights.len()];
        }
        let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
        let mut n: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
        let mut order: Vec<usize> = (0..n.len()).collect();
        order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
        let left = total.saturating_sub(n.iter().sum());
        for &i in order.iter().take(left as usize) {
            n[i] += 1;
        }
        n.into_iter().map(|v| v.max(min)).collect()
    };
    let n: Vec<u64> = match allocation {
        Allocation::PerClass(n) => vec![n; strata.len()],
        Allocation::Proportional { total, min } => {
            shares(total, &strata.iter().map(|s| s.1 as f64).collect::<Vec<_>>(), min)
        }
        Allocation::Equal { total, min } => shares(total, &vec![1.0; strata.len()], min),
    };
    strata.iter().zip(n).map(|(&(class, pixels), n)| (class, cap(n, pixels))).collect()
}

/// A sample's class and pixel (column, row of the base level).
pub type SamplePixel = (u32, (usize, usize));

/// `n` distinct numbers in 0..`of`, each set equally likely (Floyd's algorithm), in order.
fn distinct_ranks(n: u64, of: u64, rng: &mut Rng) -> Vec<u64> {
    let mut chosen = BTreeSet::new();
    for j in of.saturating_sub(n)..of {
        let t = rng.below(j + 1);
        if !chosen.insert(t) {
            chosen.insert(j);
        }
    }
    chosen.into_iter().collect()
}

/// For each stratum (class, points, pixels of the class in `window`), that many distinct pixels (column, row of the
/// base level) of the class in `window` (and inside `zones`, when there are any), each equally likely; in map order
/// (row by row).
pub fn stratified_sample(
    path: &str,
    window: PixelWindow,
    zones: &[ZoneShape],
    strata: &[(u32, u64, u64)],
    rng: &mut Rng,
) -> Result<Vec<SamplePixel>, RasterError> {
    // Per class: the ranks (among its pixels, in map order) to take, and how many of its pixels have passed.
    let mut wanted: BTreeMap<u32, (Vec<u64>, usize, u64)> =
        strata.iter().map(|&(class, n, pixels)| (class, (distinct_ranks(n, pixels, rng), 0, 0))).collect();
    let mut picked = Vec::new();
    each_pixel(path, window, zones, |value, pixel| {
        let Some((ranks, next, seen)) = wanted.get_mut(&value) else { return };
        if ranks.get(*next) == Some(seen) {
            picked.push((value, pixel));
            *next += 1;
        }
        *seen += 1;
    })?;
    Ok(picked)
}

/// How many pixels of each value lie in `window` with their centres inside any of `zones` (base-level pixel
/// coordinates): the strata of a design restricted to zones.
pub fn counts_in_zones(path: &str, window: PixelWindow, zones: &[ZoneShape]) -> Result<Vec<(u32, u64)>, RasterError> {
    let mut counts: BTreeMap<u32, u64> = BTreeMap::new();
    each_pixel(path, window, zones, |value, _| *counts.entry(value).or_default() += 1)?;
    Ok(counts.into_iter().collect())
}

/// Calls `visit(value, (column, row))` for every pixel of `window` in map order (row by row), read in strips; with
/// `zones`, only for pixels whose centres lie inside one.
fn each_pixel(
    path: &str,
    window: PixelWindow,
    zones: &[ZoneShape],
    mut visit: impl FnMut(u32, (usize, usize)),
) -> Result<(), RasterError> {
    let file = RasterFile::open(path)?;
    let local: Vec<ZoneShape> = zones.iter().map(|z| z.shifted(window.x as f64, window.y as f64)).collect();
    let mut mask = Vec::new();
    let mut y = window.y;
    while y < window.y + window.h {
        let h = STRIP_ROWS.min(window.y + window.h - y);
        let values = file.read_window(0, (window.x, y), (window.w, h))?;
        if !local.is_empty() {
            centre_mask(&local, window.w, y - window.y..y - window.y + h, &mut mask);
        }
        for i in 0..window.w * h {
            if !local.is_empty() && !mask[i] {
                continue;
            }
            let value = match &values {
                Pixels::U8(v) => v[i] as u32,
                Pixels::U16(v) => v[i] as u32,
                Pixels::F32(_) | Pixels::Rgba(_) => continue,
            };
            visit(value, (window.x + i % window.w, y + i / window.w));
        }
        y += h;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_shares_add_up_and_respect_the_minimum_and_the_class_sizes() {
        let strata = [(1, 600), (2, 300), (3, 100), (4, 3)];
        assert_eq!(
            allocate(&strata, Allocation::Proportional { total: 100, min: 0 }),
            [(1, 60), (2, 30), (3, 10), (4, 0)]
        );
        assert_eq!(
            allocate(&strata, Allocation::Proportional { total: 100, min: 5 }),
            [(1, 60), (2, 30), (3, 10), (4, 3)]
        );
        assert_eq!(allocate(&strata, Allocation::Equal { total: 10, min: 0 }), [(1, 3), (2, 3), (3, 2), (4, 2)]);
        assert_eq!(allocate(&strata, Allocation::PerClass(50)), [(1, 50), (2, 50), (3, 50), (4, 3)]);
    }

    #[test]
    fn floyd_gives_distinct_ranks_in_range_and_all_of_them_when_asked() {
        let mut rng = Rng::new(3);
        let r = distinct_ranks(20, 50, &mut rng);
        assert_eq!(r.len(), 20);
        assert!(r.windows(2).all(|w| w[0] < w[1]) && r.iter().all(|&v| v < 50));
        assert_eq!(distinct_ranks(5, 5, &mut rng), [0, 1, 2, 3, 4]);
    }
}
