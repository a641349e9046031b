//! The window: the app type and its native window (app/), what the user sees (state), the commands the panels (panels/) and windows (windows/) give, and the workers that feed them.

mod analysis;
mod app;
mod bookmarks;
mod command;
mod compare;
mod job;
mod labelling;
mod map;
mod messages;
mod opener;
mod pair_views;
mod panels;
mod presentation;
mod quiz;
mod session;
pub mod settings;
mod state;
mod theme;
mod windows;
mod zones;

pub use app::window::{run, window_icon, APP_ID};
pub use app::{ResourceUse, ViewerApp};
pub use messages::Level;
pub use panels::analysis::pinned_csv;
