//! Joint counts of two layers on the same grid: how many pixels hold value `a` in the first and `b` in the second.
//! The basis of "confidence by class" (RAS x RASCL) and of change matrices (RAS of two years).

use std::collections::BTreeMap;

use super::progress::CountProgress;
use super::strips::in_parallel_strips;
use super::window::PixelWindow;
use crate::product::qa_rules::{
    impervious_comparable, impervious_flag, is_low_confidence, ImperviousFlag, ImperviousThresholds,
};
use crate::product::Legend;
use crate::raster::{Aligned, Pixels, RasterError, RasterFile};

/// (value in the first layer, value in the second) -> pixels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairCounts(pub BTreeMap<(u32, u32), u64>);

impl PairCounts {
    /// Adds the pixels of two windows of equal size.
    pub fn add_pixels(&mut self, a: &Pixels, b: &Pixels) {
        let n = a.len().min(b.len());
        if let (Pixels::U8(a), Pixels::U8(b)) = (a, b) {
            // Dense for byte rasters: no map lookup per pixel.
            let mut dense = vec![0u64; 65536];
            for i in 0..n {
                dense[(a[i] as usize) << 8 | b[i] as usize] += 1;
            }
            for (k, &c) in dense.iter().enumerate().filter(|(_, &c)| c > 0) {
                *self.0.entry(((k >> 8) as u32, (k & 255) as u32)).or_insert(0) += c;
            }
            return;
        }
        for i in 0..n {
            if let (Some(x), Some(y)) = (a.value(i), b.value(i)) {
                *self.0.entry((x as u32, y as u32)).or_insert(0) += 1;
            }
        }
    }

    fn merge(&mut self, other: PairCounts) {
        for (k, c) in other.0 {
            *self.0.entry(k).or_insert(0) += c;
        }
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// Joint counts of `window` of the base levels of `a` and `b`, which must share their grid (the caller aligns them:
/// one may be resampled onto the other's), read in strips by `threads` threads. `Ok(None)` when cancelled.
pub fn count_pairs(
    a: &Aligned,
    b: &Aligned,
    window: PixelWindow,
    threads: usize,
    strip_rows: usize,
    progress: &CountProgress,
) -> Result<Option<PairCounts>, RasterError> {
    let counted = in_parallel_strips(
        window,
        threads,
        strip_rows,
        progress,
        || Ok((RasterFile::open(a.open_path()?)?, RasterFile::open(b.open_path()?)?)),
        |(fa, fb), y, h, acc: &mut Option<PairCounts>| {
            let a = fa.read_window(0, (window.x, y), (window.w, h))?;
            let b = fb.read_window(0, (window.x, y), (window.w, h))?;
            acc.get_or_insert_with(PairCounts::default).add_pixels(&a, &b);
            Ok(())
        },
        |total, part| total.merge(part),
    )?;
    Ok(counted.map(Option::unwrap_or_default))
}

/// How confident the classifier was for one class: from the joint counts of a class layer and its confidence layer.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassConfidence {
    pub class: u32,
    /// Pixels of the class with a confidence value (technical confidence codes left out).
    pub pixels: u64,
    pub mean: f64,
    /// Pixels with a confidence below `threshold`, and their share of `pixels` in percent.
    pub below_threshold: u64,
    pub below_threshold_perc: f64,
    /// Pixels per confidence value 0..=100.
    pub distribution: Vec<u64>,
}

/// Pixels compared in an imperviousness view, and those flagged (see [`impervious_flag`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImperviousCounts {
    /// Pixels with a class and an imperviousness value (technical codes of either left out).
    pub compared: u64,
    pub sealed_low: u64,
    pub impervious_not_sealed: u64,
}

impl ImperviousCounts {
    /// From the joint counts of a class layer (first) and Imperviousness Density (second).
    pub fn new(pairs: &PairCounts, classes: &Legend, t: ImperviousThresholds) -> ImperviousCounts {
        let mut out = ImperviousCounts::default();
        for (&(class, imd), &n) in &pairs.0 {
            if !impervious_comparable(classes, class, imd) {
                continue;
            }
            out.compared += n;
            match impervious_flag(classes, t, class, imd) {
                Some(ImperviousFlag::SealedLow) => out.sealed_low += n,
                Some(ImperviousFlag::ImperviousNotSealed) => out.impervious_not_sealed += n,
                None => {}
            }
        }
        out
    }
}

/// Per class present in `pairs` (first value), the distribution of the second value over 0..=100, for the classes
/// `is_class` accepts.
pub fn confidence_by_class(pairs: &PairCounts, is_class: impl Fn(u32) -> bool, threshold: u32) -> Vec<ClassConfidence> {
    let mut by_class: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
    for (&(class, conf), &n) in &pairs.0 {
        if is_class(class) && conf <= 100 {
            by_class.entry(class).or_insert_with(|| vec![0; 101])[conf as usize] += n;
        }
    }
    by_class
        .into_iter()
        .map(|(class, distribution)| {
            let pixels: u64 = distribution.iter().sum();
            let weighted: u64 = distribution.iter().enumerate().map(|(v, n)| v as u64 * n).sum();
            let below: u64 =
                (0..=100).filter(|&v| is_low_confidence(v, threshold)).map(|v| distribution[v as usize]).sum();
            ClassConfidence {
                class,
                pixels,
                mean: weighted as f64 / pixels.max(1) as f64,
                below_threshold: below,
                below_threshold_perc: below as f64 * 100.0 / pixels.max(1) as f64,
                distribution,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_of_bytes_and_words() {
        let mut p = PairCounts::default();
        p.add_pixels(&Pixels::U8(vec![1, 1, 2, 254]), &Pixels::U8(vec![90, 90, 40, 254]));
        assert_eq!(p.0, BTreeMap::from([((1, 90), 2), ((2, 40), 1), ((254, 254), 1)]));
        let mut q = PairCounts::default();
        q.add_pixels(&Pixels::U8(vec![1, 2]), &Pixels::U16(vec![150, 65535]));
        assert_eq!(q.0, BTreeMap::from([((1, 150), 1), ((2, 65535), 1)]));
        assert_eq!(q.total(), 2);
    }

    #[test]
    fn confidence_per_class() {
        let mut p = PairCounts::default();
        p.add_pixels(&Pixels::U8(vec![1, 1, 1, 1, 2, 254]), &Pixels::U8(vec![20, 40, 60, 80, 90, 254]));
        let c = confidence_by_class(&p, |v| v <= 11, 50);
        assert_eq!(c.len(), 2, "outside area is no class");
        assert_eq!((c[0].class, c[0].pixels, c[0].mean, c[0].below_threshold_perc), (1, 4, 50.0, 50.0));
        assert_eq!((c[1].class, c[1].mean, c[1].below_threshold_perc), (2, 90.0, 0.0));
        assert_eq!(c[0].distribution[40], 1);
        assert_eq!(c[0].below_threshold, 2);
    }

    #[test]
    fn imperviousness_disagreements_counted() {
        let ras = crate::product::legend::built_in(crate::product::legend::BuiltIn::ClcPlusRas);
        let mut p = PairCounts::default();
        // sealed 10 % (flag), sealed 90 %, grassland 80 % (flag), grassland 5 %, sealed unclassifiable, outside.
        p.add_pixels(&Pixels::U8(vec![1, 1, 6, 6, 1, 255]), &Pixels::U8(vec![10, 90, 80, 5, 254, 255]));
        let c = ImperviousCounts::new(&p, &ras, ImperviousThresholds::default());
        assert_eq!(c, ImperviousCounts { compared: 4, sealed_low: 1, impervious_not_sealed: 1 });
    }
}
