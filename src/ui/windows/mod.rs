//! Dialogs and cards over the map. Those that keep state of their own (the class card, Open URL, figure export)
//! are types with a `show`; the bookmarks window draws from the state. None names the app: what they start is a
//! [`Command`](super::command::Command).

pub mod bookmarks;
pub mod class_card;
pub mod figure_export;
pub mod open_url;
