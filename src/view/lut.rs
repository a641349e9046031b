//! Lookup tables: the colour and visibility of every value, as the shader reads them (DESIGN.md "Lookup tables").

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::product::{Legend, ValueKind};
use crate::raster::DataType;
use crate::render::Lut;

/// Slots of a 16-bit continuous ramp: values min..=max spread over 0..=RAMP_SLOTS.
const RAMP_SLOTS: u32 = 250;
/// Slot of codes no entry names, in 16-bit tables.
const UNKNOWN_SLOT: usize = 255;

/// Which values a layer shows, and how.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassFilter {
    /// Codes drawn transparent.
    pub hidden: BTreeSet<u32>,
    /// One code drawn as it is, every other dimmed.
    pub highlight: Option<u32>,
    /// Continuous layers: only values in min..=max are drawn (technical codes are not affected).
    pub range: Option<(u32, u32)>,
}

/// How much of its opacity a value keeps while another is highlighted.
pub(super) const DIMMED: f32 = 0.2;

impl ClassFilter {
    /// The colour `legend` gives `code` after this filter.
    pub fn apply(&self, legend: &Legend, code: u32) -> [u8; 4] {
        let out_of_range = self.range.is_some_and(|(lo, hi)| !(lo..=hi).contains(&code) && !legend.is_technical(code));
        if out_of_range {
            return [0, 0, 0, 0];
        }
        self.apply_to(code, legend.colour_of(code))
    }

    /// `colour`, the colour of `code`, after the hidden codes and the highlight (the range is a legend's matter).
    /// Paired layers filter their own codes (a transition, a flag) through it.
    pub fn apply_to(&self, code: u32, mut colour: [u8; 4]) -> [u8; 4] {
        if self.hidden.contains(&code) {
            return [0, 0, 0, 0];
        }
        if self.highlight.is_some_and(|h| h != code) {
            colour[3] = (colour[3] as f32 * DIMMED).round() as u8;
        }
        colour
    }
}

/// The table for a layer of `dtype` with `legend`, after `filter`.
///
/// 8-bit layers index the 256 colours directly. 16-bit layers first map code -> slot: categorical layers give each
/// legend entry its own slot; continuous layers spread min..=max over the ramp slots (clamped at both ends, so RASDL's
/// "> 200" shows the last colour) and give technical codes slots of their own.
pub fn build_lut(legend: &Legend, filter: &ClassFilter, dtype: DataType, version: u64) -> Lut {
    let colour = |code: u32| filter.apply(legend, code);
    let mut colours = [[0u8; 4]; 256];
    if legend.kind == ValueKind::Imagery {
        return Lut { version, colours, remap: None, imagery: true };
    }
    if dtype == DataType::Byte {
        for (code, c) in colours.iter_mut().enumerate() {
            *c = colour(code as u32);
        }
        return Lut { version, colours, remap: None, imagery: false };
    }
    let mut remap = vec![UNKNOWN_SLOT as u8; 65536];
    colours[UNKNOWN_SLOT] = legend.colour_of(u32::MAX);
    match &legend.kind {
        ValueKind::Categorical => {
            for (slot, e) in legend.entries.iter().take(UNKNOWN_SLOT).enumerate() {
                if let Some(r) = remap.get_mut(e.code as usize) {
                    *r = slot as u8;
                    colours[slot] = colour(e.code);
                }
            }
        }
        ValueKind::Continuous { min, max, .. } => {
            let (min, max) = (*min as u32, (*max as u32).max(*min as u32 + 1));
            let span = max - min;
            let slots = span.min(RAMP_SLOTS);
            for slot in 0..=slots {
                colours[slot as usize] = colour(min + (slot as f64 * span as f64 / slots as f64).round() as u32);
            }
            for (code, r) in remap.iter_mut().enumerate() {
                let v = (code as u32).clamp(min, max);
                *r = ((v - min) as f64 * slots as f64 / span as f64).round() as u8;
            }
            let technical = legend.entries.iter().filter(|e| e.technical).take(UNKNOWN_SLOT - RAMP_SLOTS as usize - 1);
            for (i, e) in technical.enumerate() {
                let slot = RAMP_SLOTS as usize + 1 + i;
                if let Some(r) = remap.get_mut(e.code as usize) {
                    *r = slot as u8;
                    colours[slot] = colour(e.code);
                }
            }
        }
        ValueKind::Imagery => {}
    }
    Lut { version, colours, remap: Some(Arc::new(remap)), imagery: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};

    #[test]
    fn byte_layers_index_directly_and_hide_classes() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let lut = build_lut(&ras, &ClassFilter::default(), DataType::Byte, 1);
        assert!(lut.remap.is_none());
        assert_eq!(lut.colour_of(1), [255, 0, 0, 255]);
        assert_eq!(lut.colour_of(254)[3], 0);
        let hide_sealed = ClassFilter { hidden: BTreeSet::from([1]), ..Default::default() };
        let lut = build_lut(&ras, &hide_sealed, DataType::Byte, 2);
        assert_eq!(lut.colour_of(1)[3], 0);
        assert_eq!(lut.colour_of(2), [34, 139, 34, 255]);
        let highlight_water = ClassFilter { highlight: Some(10), ..Default::default() };
        let lut = build_lut(&ras, &highlight_water, DataType::Byte, 3);
        assert_eq!(lut.colour_of(10), [0, 128, 255, 255]);
        assert_eq!(lut.colour_of(1), [255, 0, 0, 51], "others dimmed");
    }

    #[test]
    fn rasdl_clamps_into_the_ramp_and_keeps_outside_transparent() {
        let rasdl = built_in(BuiltIn::ClcPlusRasdl);
        let lut = build_lut(&rasdl, &ClassFilter::default(), DataType::UInt16, 1);
        assert_eq!(lut.colour_of(0), [255, 34, 0, 255]);
        assert_eq!(lut.colour_of(100), [255, 255, 0, 255]);
        assert_eq!(lut.colour_of(200), [0, 97, 0, 255]);
        assert_eq!(lut.colour_of(4000), [0, 97, 0, 255], "more than 200 observations: the last colour");
        assert_eq!(lut.colour_of(65535)[3], 0);
        let below_100 = ClassFilter { range: Some((0, 99)), ..Default::default() };
        let lut = build_lut(&rasdl, &below_100, DataType::UInt16, 2);
        assert_eq!(lut.colour_of(50), [255, 153, 0, 255]);
        assert_eq!(lut.colour_of(150)[3], 0, "outside the range");
    }

    #[test]
    fn u16_categorical_layers_remap_codes_to_slots() {
        let cty = built_in(BuiltIn::Cty);
        let lut = build_lut(&cty, &ClassFilter::default(), DataType::UInt16, 1);
        assert_eq!(lut.colour_of(1110), [238, 110, 50, 255]);
        assert_eq!(lut.colour_of(3200), [171, 171, 171, 255]);
        assert_eq!(lut.colour_of(65535)[3], 0);
        assert_eq!(lut.colour_of(1111), crate::product::legend::UNKNOWN_RGBA);
    }
}
