//! Pair codes and their lookup tables: change and quality views read two layers into one texel `a << 8 | b`, and
//! colour each of the 65536 pairs through one table. Shared by [`super::change`] and [`super::qa`], so neither
//! depends on the other.

use crate::render::Lut;

/// The code of a transition in a change tile and in the change view's filter.
pub fn pair_code(from: u32, to: u32) -> u32 {
    (from & 0xff) << 8 | (to & 0xff)
}

/// (from, to) of a pair code.
pub fn pair_of(code: u32) -> (u32, u32) {
    ((code >> 8) & 0xff, code & 0xff)
}

/// What an unchanged pixel of a class coloured `c` looks like: a light grey that keeps a hint of the class's
/// brightness, so the landscape stays readable behind the changes.
pub(super) fn greyed(c: [u8; 4]) -> [u8; 4] {
    if c[3] == 0 {
        return c;
    }
    let luma = 0.299 * c[0] as f32 + 0.587 * c[1] as f32 + 0.114 * c[2] as f32;
    let g = (150.0 + luma * 0.25).round() as u8;
    [g, g, g, 255]
}

/// A table over all 65536 pair codes from a colour per code, colours deduplicated into the 256 slots (slot 0
/// transparent; should more than 255 distinct colours arise, the rest draw transparent).
pub(super) fn build_pair_lut(version: u64, colour: impl Fn(u32) -> [u8; 4]) -> Lut {
    let mut colours = [[0u8; 4]; 256];
    let mut slots: std::collections::HashMap<[u8; 4], u8> = std::collections::HashMap::from([([0, 0, 0, 0], 0)]);
    let mut remap = vec![0u8; 65536];
    for (code, slot) in remap.iter_mut().enumerate() {
        let c = colour(code as u32);
        if c[3] == 0 {
            continue;
        }
        let next = slots.len();
        *slot = match slots.get(&c) {
            Some(&s) => s,
            None if next < 256 => {
                slots.insert(c, next as u8);
                colours[next] = c;
                next as u8
            }
            None => 0,
        };
    }
    Lut { version, colours, remap: Some(std::sync::Arc::new(remap)), imagery: false }
}
