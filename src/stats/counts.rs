use super::progress::CountProgress;
use super::strips::in_parallel_strips;
use super::window::PixelWindow;
use crate::raster::{Pixels, RasterError, RasterFile};

/// How many pixels hold each value: index = value (256 entries for byte rasters, 65536 for 16-bit ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<u64>);

impl Counts {
    pub fn for_pixels(p: &Pixels) -> Counts {
        Counts(vec![0; if matches!(p, Pixels::U8(_)) { 256 } else { 65536 }])
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// (value, count) of the values present.
    pub fn present(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.0.iter().enumerate().filter(|(_, &c)| c > 0).map(|(v, &c)| (v as u32, c))
    }

    fn add(&mut self, other: &Counts) {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a += b;
        }
    }
}

/// Adds the values of `p` to `counts` (sized by [`Counts::for_pixels`]).
pub fn count_into(p: &Pixels, counts: &mut Counts) {
    match p {
        Pixels::U8(v) => {
            // Four partial tables break the dependency chain on repeated values (class maps have long runs).
            let mut part = [[0u64; 256]; 4];
            let mut chunks = v.chunks_exact(4);
            for c in &mut chunks {
                part[0][c[0] as usize] += 1;
                part[1][c[1] as usize] += 1;
                part[2][c[2] as usize] += 1;
                part[3][c[3] as usize] += 1;
            }
            for &x in chunks.remainder() {
                part[0][x as usize] += 1;
            }
            for (i, slot) in counts.0.iter_mut().take(256).enumerate() {
                *slot += part[0][i] + part[1][i] + part[2][i] + part[3][i];
            }
        }
        Pixels::U16(v) => {
            if counts.0.len() < 65536 {
                counts.0.resize(65536, 0);
            }
            for &x in v {
                counts.0[x as usize] += 1;
            }
        }
        // Not codes: floating-point samples are counted through a VRT that gives them codes, colours not at all.
        Pixels::F32(_) | Pixels::Rgba(_) => {}
    }
}

/// Exact counts of `window` of `level` (0 = base), read in strips of `strip_rows` rows by `threads` threads, each
/// with its own GDAL handle. Returns `Ok(None)` when cancelled.
pub fn count_window(
    path: &str,
    level: usize,
    window: PixelWindow,
    threads: usize,
    strip_rows: usize,
    progress: &CountProgress,
) -> Result<Option<Counts>, RasterError> {
    let counted = in_parallel_strips(
        window,
        threads,
        strip_rows,
        progress,
        || RasterFile::open(path),
        |file, y, h, acc: &mut Option<Counts>| {
            let pixels = file.read_window(level, (window.x, y), (window.w, h))?;
            count_into(&pixels, acc.get_or_insert_with(|| Counts::for_pixels(&pixels)));
            Ok(())
        },
        |total, part| total.add(&part),
    )?;
    Ok(counted.map(|c| c.unwrap_or(Counts(vec![0; 256]))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_bytes_and_words() {
        let p = Pixels::U8(vec![1, 1, 2, 255, 1, 0, 2]);
        let mut c = Counts::for_pixels(&p);
        count_into(&p, &mut c);
        assert_eq!(c.present().collect::<Vec<_>>(), vec![(0, 1), (1, 3), (2, 2), (255, 1)]);
        let p = Pixels::U16(vec![65535, 1110, 1110]);
        let mut c = Counts::for_pixels(&p);
        count_into(&p, &mut c);
        assert_eq!(c.present().collect::<Vec<_>>(), vec![(1110, 2), (65535, 1)]);
        assert_eq!(c.total(), 3);
    }
}
