//! Counts, class areas and their tables: pure functions over pixels, and the exact count of a window read in
//! parallel strips from the base level (or an overview, when asked).

mod counts;
mod table;
mod window;

pub use counts::{count_into, count_window, CountProgress, Counts};
pub use table::{ClassRow, ClassTable};
pub use window::{bbox_window, PixelWindow};
