//! Adding a change, confidence or imperviousness view of two open layers.

use super::ViewerApp;
use crate::view::{ColourBy, PairKind};
use std::sync::Arc;

impl ViewerApp {
    /// Adds the change view of layer `old` to layer `new` on top of the stack.
    pub fn add_change_view(&mut self, old: u32, new: u32) {
        self.add_pair_view(old, new, PairKind::Change { colour_by: ColourBy::default() });
    }

    /// Adds a view pairing layer `first` with layer `other` on top of the stack; says so when `other` is resampled,
    /// and why when the two cannot be paired.
    pub fn add_pair_view(&mut self, first: u32, other: u32, kind: PairKind) {
        let info = |id: u32| self.state.stack.layers.iter().find(|l| l.id == id).map(|l| Arc::clone(&l.info));
        let (Some(a), Some(b)) = (info(first), info(other)) else { return };
        match self.state.stack.push_pair(a, b, kind) {
            Ok(id) => {
                let note = self.state.stack.get_mut(id).and_then(|l| l.pair()).and_then(|p| p.note.clone());
                if let Some(note) = note {
                    self.state.info(note);
                }
            }
            Err(e) => self.state.error(e),
        }
    }
}
