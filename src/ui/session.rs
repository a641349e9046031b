//! Sessions in the window: File > Save session writes what the user sees (layers, how each is drawn, camera,
//! comparison, pinned points, bookmarks) to a JSON file; Open session replaces the view with one, opening its layers
//! on the opener thread and putting them in order once all have answered. A file that is missing gives a message
//! naming it and the rest opens; a malformed session gives a message and changes nothing.

use super::compare::CompareMode;
use crate::view::Session;

/// A session being opened: its layers answer one by one.
pub struct PendingSession {
    pub(in crate::ui) session: Session,
    /// Per session layer: the id of its layer once open, `Some(None)` when it could not be opened, `None` while
    /// waiting.
    pub(in crate::ui) slots: Vec<Option<Option<u32>>>,
}

pub(in crate::ui) fn mode_name(mode: CompareMode) -> &'static str {
    match mode {
        CompareMode::Off => "off",
        CompareMode::SideBySide => "side-by-side",
        CompareMode::Swipe => "swipe",
        CompareMode::SpyGlass => "spy-glass",
        CompareMode::Blink => "blink",
    }
}

pub(in crate::ui) fn mode_of(name: &str) -> Option<CompareMode> {
    [CompareMode::Off, CompareMode::SideBySide, CompareMode::Swipe, CompareMode::SpyGlass, CompareMode::Blink]
        .into_iter()
        .find(|&m| mode_name(m) == name)
}
