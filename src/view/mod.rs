//! The camera (map <-> screen), the layer stack (order, opacity, class filters) and the draw list of a frame. Shared
//! by the window and the offscreen renderer, so the command line and the tests draw exactly what the window draws.
//! No egui, no GDAL.

mod camera;
mod frame;
mod layers;
mod lut;

pub use camera::{Camera, MIN_RES_FACTOR};
pub use frame::{plan_frame, FramePlan};
pub use layers::{LayerStack, MapLayer};
pub use lut::{build_lut, ClassFilter};
