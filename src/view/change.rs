//! The change view of two class layers on one grid: each tile texel holds the pair `old << 8 | new` (read by the
//! loader from both files), and the lookup table decides per pair: changed pixels in the class colour of the old or
//! the new year, unchanged pixels greyed. A transition is highlighted or hidden through the same [`ClassFilter`] as
//! a class, with the pair code as its code.

use super::lut::ClassFilter;
use super::pair_lut::{build_pair_lut, greyed, pair_of};
use crate::product::Legend;
use crate::render::Lut;

/// Which year's class colours a changed pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourBy {
    /// The class it changed from.
    From,
    /// The class it changed to.
    #[default]
    To,
}

/// The colour of the pair (`from`, `to`) before filtering.
pub fn change_colour(old: &Legend, new: &Legend, by: ColourBy, from: u32, to: u32) -> [u8; 4] {
    if from == to {
        return greyed(old.colour_of(from));
    }
    match by {
        ColourBy::From => old.colour_of(from),
        ColourBy::To => new.colour_of(to),
    }
}

/// The table of a change view: every pair code coloured, then filtered by its pair code.
pub fn build_change_lut(old: &Legend, new: &Legend, by: ColourBy, filter: &ClassFilter, version: u64) -> Lut {
    build_pair_lut(version, |code| {
        let (from, to) = pair_of(code);
        filter.apply_to(code, change_colour(old, new, by, from, to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};
    use crate::view::pair_code;

    #[test]
    fn changed_pixels_take_a_class_colour_and_unchanged_ones_grey() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let lut = build_change_lut(&ras, &ras, ColourBy::To, &ClassFilter::default(), 1);
        assert_eq!(lut.colour_of(pair_code(6, 1)), ras.colour_of(1), "to sealed");
        let grey = lut.colour_of(pair_code(1, 1));
        assert!(grey[0] == grey[1] && grey[1] == grey[2] && grey[3] == 255, "{grey:?}");
        assert_eq!(lut.colour_of(pair_code(255, 255))[3], 0, "nodata in both years stays transparent");
        let lut = build_change_lut(&ras, &ras, ColourBy::From, &ClassFilter::default(), 2);
        assert_eq!(lut.colour_of(pair_code(6, 1)), ras.colour_of(6), "from permanent herbaceous");
    }

    #[test]
    fn a_transition_is_highlighted_or_hidden_by_its_pair_code() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let code = pair_code(7, 1);
        let filter = ClassFilter { highlight: Some(code), ..Default::default() };
        let lut = build_change_lut(&ras, &ras, ColourBy::To, &filter, 1);
        assert_eq!(lut.colour_of(code), ras.colour_of(1));
        assert_eq!(lut.colour_of(pair_code(6, 1))[3], 51, "other transitions dimmed");
        let filter = ClassFilter { hidden: [code].into(), ..Default::default() };
        let lut = build_change_lut(&ras, &ras, ColourBy::To, &filter, 2);
        assert_eq!(lut.colour_of(code)[3], 0);
        assert_eq!(pair_of(code), (7, 1));
    }
}
