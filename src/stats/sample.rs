//! One random pixel of every value in a window, for the quiz: a single pass over the base level in strips, keeping
//! for each value one pixel chosen uniformly among all of that value (reservoir sampling), so memory stays at one
//! strip whatever the window.

use std::collections::BTreeMap;

use super::window::PixelWindow;
use crate::raster::{RasterError, RasterFile};

/// Rows read at a time.
const STRIP_ROWS: usize = 256;

/// A small, fast pseudo-random generator (xorshift64*): enough to pick quiz questions, not for anything secret.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// Seeded from the clock.
    pub fn from_time() -> Rng {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos());
        Rng::new(nanos as u64 ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// One value's pick: a pixel (column, row of the base level) and how many pixels of the window hold the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub pixel: (usize, usize),
    pub count: u64,
}

/// For each integer value in `window` of the base level, one of its pixels, each pixel of the value equally likely.
pub fn sample_pixel_per_value(
    path: &str,
    window: PixelWindow,
    rng: &mut Rng,
) -> Result<BTreeMap<u32, Sample>, RasterError> {
    let file = RasterFile::open(path)?;
    let mut picked: BTreeMap<u32, Sample> = BTreeMap::new();
    let mut y = window.y;
    while y < window.y + window.h {
        let h = STRIP_ROWS.min(window.y + window.h - y);
        let pixels = file.read_window(0, (window.x, y), (window.w, h))?;
        for i in 0..pixels.len() {
            let Some(v) = pixels.value(i).filter(|v| *v >= 0.0 && v.fract() == 0.0) else { continue };
            let at = (window.x + i % window.w, y + i / window.w);
            let entry = picked.entry(v as u32).or_insert(Sample { pixel: at, count: 0 });
            entry.count += 1;
            // The n-th pixel of a value replaces the kept one with probability 1/n.
            if rng.below(entry.count) == 0 {
                entry.pixel = at;
            }
        }
        y += h;
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_covers_its_range_evenly() {
        let mut rng = Rng::new(7);
        let mut seen = [0u32; 4];
        for _ in 0..4000 {
            seen[rng.below(4) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| (850..1150).contains(&n)), "{seen:?}");
    }
}
