//! Figures: a map image drawn offscreen, with a legend of the classes in view, scale bar, north arrow, extent, date
//! and attribution around it, written as PNG with the attribution in its text chunks. Used by `render` on the
//! command line and by the window's export; drawing around the map is plain CPU work on an RGBA buffer.

mod accuracy;
mod canvas;
mod make;
mod map_image;
mod png;
mod scale_bar;
mod sheet;

pub use accuracy::accuracy_figure;
pub use make::{civil_from_days, make, Figure, FigureRequest};
pub use map_image::Arrangement;
pub use png::write_png;
pub use scale_bar::nice_length;
pub use sheet::MIN_SIZE;
