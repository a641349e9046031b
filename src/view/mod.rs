//! The camera (map <-> screen), the layer stack (order, opacity, class filters), vector overlays and the draw list of
//! a frame. Shared
//! by the window and the offscreen renderer, so the command line and the tests draw exactly what the window draws.
//! No egui, no GDAL.

mod camera;
mod change;
mod frame;
mod layers;
mod lut;
mod overlay;
mod pair_lut;
mod qa;
mod session;

pub use camera::{Camera, MIN_RES_FACTOR};
pub use change::{build_change_lut, change_colour, ColourBy};
pub use frame::{level_drawn, plan_frame, plan_frame_where, FramePlan, Resident};
pub use layers::{LayerStack, MapLayer, PairKind, PairView};
pub use lut::{build_lut, ClassFilter};
pub use overlay::{
    bounds_of, build_geometry, feature_at, overlay_transform, polygon_contains, polygon_touches_box, zone_overlay,
    PolygonRings, ZONE_FILL, ZONE_LINE, ZONE_SELECTED_FILL, ZONE_SELECTED_LINE,
};
pub use pair_lut::{pair_code, pair_of};
pub use qa::{build_confidence_lut, build_impervious_lut, IMPERVIOUS_NOT_SEALED_RGBA, SEALED_LOW_RGBA};
pub use session::{relative_to, Bookmark, CompareState, PinnedPoint, Session, SessionLayer, SessionZones, StyledCode};
