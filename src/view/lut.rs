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

/// The table for a layer of `dtype` with `legend`, codes in `hidden` drawn transparent.
///
/// 8-bit layers index the 256 colours directly. 16-bit layers first map code -> slot: categorical layers give each
/// legend entry its own slot; continuous layers spread min..=max over the ramp slots (clamped at both ends, so RASDL's
/// "> 200" shows the last colour) and give technical codes slots of their own.
pub fn build_lut(legend: &Legend, hidden: &BTreeSet<u32>, dtype: DataType, version: u64) -> Lut {
    let colour = |code: u32| if hidden.contains(&code) { [0, 0, 0, 0] } else { legend.colour_of(code) };
    let mut colours = [[0u8; 4]; 256];
    if dtype == DataType::Byte {
        for (code, c) in colours.iter_mut().enumerate() {
            *c = colour(code as u32);
        }
        return Lut { version, colours, remap: None };
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
    }
    Lut { version, colours, remap: Some(Arc::new(remap)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::legend::{built_in, BuiltIn};

    fn lookup(lut: &Lut, code: u32) -> [u8; 4] {
        let slot = lut.remap.as_ref().map_or(code as usize, |r| r[code as usize] as usize);
        lut.colours[slot]
    }

    #[test]
    fn byte_layers_index_directly_and_hide_classes() {
        let ras = built_in(BuiltIn::ClcPlusRas);
        let lut = build_lut(&ras, &BTreeSet::new(), DataType::Byte, 1);
        assert!(lut.remap.is_none());
        assert_eq!(lookup(&lut, 1), [255, 0, 0, 255]);
        assert_eq!(lookup(&lut, 254)[3], 0);
        let lut = build_lut(&ras, &BTreeSet::from([1]), DataType::Byte, 2);
        assert_eq!(lookup(&lut, 1)[3], 0);
        assert_eq!(lookup(&lut, 2), [34, 139, 34, 255]);
    }

    #[test]
    fn rasdl_clamps_into_the_ramp_and_keeps_outside_transparent() {
        let rasdl = built_in(BuiltIn::ClcPlusRasdl);
        let lut = build_lut(&rasdl, &BTreeSet::new(), DataType::UInt16, 1);
        assert_eq!(lookup(&lut, 0), [255, 34, 0, 255]);
        assert_eq!(lookup(&lut, 100), [255, 255, 0, 255]);
        assert_eq!(lookup(&lut, 200), [0, 97, 0, 255]);
        assert_eq!(lookup(&lut, 4000), [0, 97, 0, 255], "more than 200 observations: the last colour");
        assert_eq!(lookup(&lut, 65535)[3], 0);
    }

    #[test]
    fn u16_categorical_layers_remap_codes_to_slots() {
        let cty = built_in(BuiltIn::Cty);
        let lut = build_lut(&cty, &BTreeSet::new(), DataType::UInt16, 1);
        assert_eq!(lookup(&lut, 1110), [238, 110, 50, 255]);
        assert_eq!(lookup(&lut, 3200), [171, 171, 171, 255]);
        assert_eq!(lookup(&lut, 65535)[3], 0);
        assert_eq!(lookup(&lut, 1111), crate::product::legend::UNKNOWN_RGBA);
    }
}
