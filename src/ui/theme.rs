//! The window's colours and sizes by what they are for, in one place: panels ask for "the map's background" or "a
//! warning", not for numbers. Warnings and errors follow egui's own visuals, so they match the rest of the UI.

use eframe::egui::{Color32, Ui};

use super::messages::Level;

/// Behind the map where no layer is drawn.
pub const MAP_BACKGROUND: Color32 = Color32::from_gray(40);
/// Text and lines drawn over the map (labels, scale bar, divider), and the dark halo or backdrop behind them.
pub const ON_MAP: Color32 = Color32::WHITE;
pub const ON_MAP_HALO: Color32 = Color32::BLACK;
pub const ON_MAP_BACKDROP: Color32 = Color32::from_black_alpha(150);
/// The line between panes side by side.
pub const PANE_SEPARATOR: Color32 = Color32::from_gray(20);
/// The hint on an empty map.
pub const HINT: Color32 = Color32::from_gray(200);
/// The outline of a colour swatch.
pub const SWATCH_BORDER: Color32 = Color32::from_gray(90);
/// "Synthetic demo data": a note that must not be missed.
pub const SYNTHETIC: Color32 = Color32::from_rgb(255, 170, 60);
/// A quiz: the right answer, a wrong one, and the ring that marks the pixel asked about.
pub const RIGHT: Color32 = Color32::from_rgb(60, 200, 90);
pub const WRONG: Color32 = Color32::from_rgb(230, 80, 70);
pub const QUIZ_RING: Color32 = Color32::from_rgb(220, 30, 30);
/// A zone being drawn or a selection box being dragged, in the selection's yellow.
pub const ZONE_DRAWING: Color32 = Color32::from_rgb(255, 217, 0);

/// Pixel values written on the map: dark on light classes, light on dark ones.
pub fn ink_on(light: bool) -> Color32 {
    if light {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Messages and notes that need attention (egui's warning colour).
pub fn warning(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// What went wrong (egui's error colour).
pub fn error(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// The colour of a message of `level`: notes in the text colour, warnings and errors in egui's.
pub fn of_level(ui: &Ui, level: Level) -> Color32 {
    match level {
        Level::Info => ui.visuals().text_color(),
        Level::Warning => warning(ui),
        Level::Error => error(ui),
    }
}
