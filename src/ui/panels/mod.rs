//! The panels around the map: free functions that draw from the [`AppState`](super::state::AppState) and push
//! [`Command`](super::command::Command)s for anything beyond a value they may set themselves. They keep no state of
//! their own and never name the app.

pub mod analysis;
pub mod change;
pub mod compare_bar;
pub mod confidence;
pub mod histogram;
pub mod labelling;
pub mod layers;
pub mod menu;
pub mod presentation;
pub mod qa;
pub mod quiz;
pub mod sample_size;
pub mod status;
pub mod swatch;
pub mod zones;
