//! How far an exact count has come, and the request to stop it: written by the strips being read, read by the
//! progress bar and set by the Cancel button.

use std::sync::atomic::{AtomicBool, AtomicU64};

/// Rows read so far, and a flag to stop early; shared with a progress bar and a Cancel button.
#[derive(Default)]
pub struct CountProgress {
    pub rows_done: AtomicU64,
    pub cancel: AtomicBool,
}
