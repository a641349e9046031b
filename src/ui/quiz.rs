//! Quiz mode: the app marks a pixel in the view and asks which class it is, four choices, the legend hidden. Every
//! class in view is equally likely to be asked, so rare classes come up too; the pixel is drawn at random among
//! that class's pixels in view (base level, read on a thread of its own). The answer opens the class card; the
//! score is kept for the round.

use std::collections::BTreeMap;

use super::job::Job;
use crate::stats::{Rng, Sample};

/// How many classes a question offers.
pub const CHOICES: usize = 4;

/// A pixel of each class in view, sampled off the UI thread.
type Sampled = BTreeMap<u32, Sample>;

pub struct Quiz {
    pub layer_id: u32,
    /// Questions answered, and answered right, this round.
    pub asked: u32,
    pub right: u32,
    pub question: Option<Question>,
    /// A new question is wanted: its pixel is picked from the next frame's view, once the quiz panel has taken the
    /// legend's place and the map its final size.
    pub(in crate::ui) wanted: bool,
    pub(in crate::ui) pending: Option<Job<Sampled>>,
    pub(in crate::ui) rng: Rng,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The pixel (column, row of the base level) and its centre in map units.
    pub pixel: (usize, usize),
    pub point: [f64; 2],
    pub answer: u32,
    /// Class codes, in the order shown.
    pub choices: Vec<u32>,
    /// The code chosen, once answered.
    pub picked: Option<u32>,
}

impl Quiz {
    /// Whether a pixel is being picked for the next question.
    pub fn picking(&self) -> bool {
        self.wanted || self.pending.is_some()
    }
}

/// Fisher-Yates.
pub(in crate::ui) fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}
