//! Quality views of a class layer read together with a second layer on its grid (each texel `class << 8 | value`,
//! paired by the loader like a change view):
//!
//! - with its confidence layer (RAS with RASCL): classes below a chosen confidence are dimmed;
//! - with Imperviousness Density: sealed pixels with low imperviousness, and clearly impervious pixels not mapped as
//!   sealed, are flagged in colours of their own over the greyed classes.
//!
//! The counts behind the panels come from the same pairs ([`crate::stats::PairCounts`]) and the functions here, so
//! the map and the numbers apply one rule.

use super::lut::ClassFilter;
use super::pair_lut::{build_pair_lut, greyed, pair_of};
use crate::product::qa_rules::{impervious_flag, is_low_confidence, ImperviousFlag, ImperviousThresholds};
use crate::product::Legend;
use crate::render::Lut;

/// Flag colours of the imperviousness view: magenta and cyan, far from every class colour of the Backbone.
pub const SEALED_LOW_RGBA: [u8; 4] = [230, 0, 230, 255];
pub const IMPERVIOUS_NOT_SEALED_RGBA: [u8; 4] = [0, 215, 255, 255];

/// A dimmed class colour: faded towards grey, still recognisable.
fn faded(c: [u8; 4]) -> [u8; 4] {
    let mix = |v: u8| (v as f32 * 0.3 + 185.0 * 0.7).round() as u8;
    [mix(c[0]), mix(c[1]), mix(c[2]), c[3]]
}

/// The table of a confidence view: each class in its colour, dimmed where its confidence is below `threshold`. The
/// class filter (hidden classes, a highlighted class) applies to the class code, as on the class layer itself.
pub fn build_confidence_lut(classes: &Legend, threshold: u32, filter: &ClassFilter, version: u64) -> Lut {
    build_pair_lut(version, |code| {
        let (class, confidence) = pair_of(code);
        let c = filter.apply(classes, class);
        if is_low_confidence(confidence, threshold) {
            faded(c)
        } else {
            c
        }
    })
}

/// The table of an imperviousness view: flagged pixels in their flag colour, the others greyed. Hiding code 1 or 2
/// of the filter hides that flag; highlighting one dims the other.
pub fn build_impervious_lut(classes: &Legend, t: ImperviousThresholds, filter: &ClassFilter, version: u64) -> Lut {
    build_pair_lut(version, |code| {
        let (class, imd) = pair_of(code);
        let flag_code = match impervious_flag(classes, t, class, imd) {
            Some(ImperviousFlag::SealedLow) => 1,
            Some(ImperviousFlag::ImperviousNotSealed) => 2,
            None => return greyed(classes.colour_of(class)),
        };
        filter.apply_to(flag_code, if flag_code == 1 { SEALED_LOW_RGBA } else { IMPERVIOUS_NOT_SEALED_RGBA })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};
    use crate::product::qa_rules::SEALED;
    use crate::view::pair_code;

    #[test]
    fn classes_below_the_confidence_threshold_are_dimmed() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let lut = build_confidence_lut(&ras, 60, &ClassFilter::default(), 1);
        assert_eq!(lut.colour_of(pair_code(2, 60)), ras.colour_of(2), "at the threshold: as it is");
        assert_eq!(lut.colour_of(pair_code(2, 59)), faded(ras.colour_of(2)));
        assert_ne!(faded(ras.colour_of(2)), ras.colour_of(2));
        assert_eq!(lut.colour_of(pair_code(2, 255)), ras.colour_of(2), "no confidence value: not dimmed");
        assert_eq!(lut.colour_of(pair_code(255, 10))[3], 0, "outside area stays transparent");
        let hidden = ClassFilter { hidden: [2].into(), ..Default::default() };
        assert_eq!(build_confidence_lut(&ras, 60, &hidden, 2).colour_of(pair_code(2, 90))[3], 0);
    }

    #[test]
    fn sealed_and_imperviousness_disagreements_are_flagged() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let t = ImperviousThresholds::default();
        assert_eq!(impervious_flag(&ras, t, SEALED, 29), Some(ImperviousFlag::SealedLow));
        assert_eq!(impervious_flag(&ras, t, SEALED, 30), None);
        assert_eq!(impervious_flag(&ras, t, 6, 70), Some(ImperviousFlag::ImperviousNotSealed));
        assert_eq!(impervious_flag(&ras, t, 6, 69), None);
        assert_eq!(impervious_flag(&ras, t, 6, 254), None, "unclassifiable imperviousness");
        assert_eq!(impervious_flag(&ras, t, 255, 90), None, "outside the class layer");
        let lut = build_impervious_lut(&ras, t, &ClassFilter::default(), 1);
        assert_eq!(lut.colour_of(pair_code(SEALED, 5)), SEALED_LOW_RGBA);
        assert_eq!(lut.colour_of(pair_code(6, 95)), IMPERVIOUS_NOT_SEALED_RGBA);
        let agree = lut.colour_of(pair_code(SEALED, 95));
        assert!(agree[0] == agree[1] && agree[1] == agree[2], "agreement greyed: {agree:?}");
        let only_sealed_low = ClassFilter { hidden: [2].into(), ..Default::default() };
        let lut = build_impervious_lut(&ras, t, &only_sealed_low, 2);
        assert_eq!(lut.colour_of(pair_code(6, 95))[3], 0);
    }
}
