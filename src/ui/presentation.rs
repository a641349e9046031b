//! Presentation mode (F11), for a classroom: full screen, a larger UI, the map with a big legend of only the classes
//! in view, number keys that highlight a class, and each pixel's value written on it once pixels are large.

/// How much larger the UI is while presenting.
pub const PRESENTATION_ZOOM: f32 = 1.5;
/// Pixel values are written on the map once a data pixel is at least this many points wide.
pub(in crate::ui) const LABEL_MIN_POINTS: f64 = 40.0;

#[derive(Default)]
pub struct Presentation {
    pub on: bool,
    /// The UI zoom before presenting, restored after.
    pub(in crate::ui) zoom_before: f32,
}
