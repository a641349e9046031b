//! Rules of the quality views, shared by the map (which colours by them) and the counts (which count by them): when
//! a confidence is low, and when a class layer and Imperviousness Density disagree about sealing.

use super::Legend;

/// The CLCplus Backbone code of "Sealed" (seed 001, section 6.1.2: class code 1).
pub const SEALED: u32 = 1;
/// Imperviousness codes 0..=100 are percentages; above are technical codes (254 unclassifiable, 255 outside area).
const IMD_MAX: u32 = 100;

/// What a pair of (class, imperviousness) says about agreement between the two layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImperviousFlag {
    /// Mapped "Sealed" but imperviousness below the lower threshold.
    SealedLow,
    /// Imperviousness at or above the upper threshold but not mapped "Sealed".
    ImperviousNotSealed,
}

/// Thresholds of the imperviousness view, in percent. The Backbone maps a pixel as sealed when sealed surfaces cover
/// more than half of it (seed 001, decision tree step 3), so the defaults leave a margin of 20 points either side of
/// 50 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImperviousThresholds {
    pub sealed_below: u32,
    pub impervious_from: u32,
}

impl Default for ImperviousThresholds {
    fn default() -> Self {
        ImperviousThresholds { sealed_below: 30, impervious_from: 70 }
    }
}

/// Whether a pixel can be compared at all: a class of the legend (no technical code) and an imperviousness
/// percentage.
pub fn impervious_comparable(classes: &Legend, class: u32, imd: u32) -> bool {
    imd <= IMD_MAX && classes.entry(class).is_some_and(|e| !e.technical)
}

/// The flag of one pixel, `None` where the layers agree or the pixel is not comparable.
pub fn impervious_flag(classes: &Legend, t: ImperviousThresholds, class: u32, imd: u32) -> Option<ImperviousFlag> {
    if !impervious_comparable(classes, class, imd) {
        return None;
    }
    if class == SEALED && imd < t.sealed_below {
        Some(ImperviousFlag::SealedLow)
    } else if class != SEALED && imd >= t.impervious_from {
        Some(ImperviousFlag::ImperviousNotSealed)
    } else {
        None
    }
}

/// Whether a confidence value is below the threshold (technical confidence codes, above 100, never are).
pub fn is_low_confidence(confidence: u32, threshold: u32) -> bool {
    confidence <= 100 && confidence < threshold
}
