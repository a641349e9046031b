//! Counts, class areas, change matrices, zonal tables (coverage fractions of polygons) and their tables: pure functions over pixels, the exact count of a window read in parallel
//! strips from the base level (or an overview, when asked), the stats worker that runs counts off the UI thread, and
//! the inspector's reader of base-level values at a point.

mod accuracy;
mod change;
mod counts;
mod design;
mod inspector;
mod pairs;
mod progress;
mod sample;
mod strips;
mod table;
mod window;
mod worker;
mod zonal;
mod zonal_count;
mod zonal_table;

pub use accuracy::{assess, sample_size, AccuracyReport, ClassAccuracy, Estimate, Z95};
pub use change::{ChangeRow, ChangeTable};
pub use counts::{count_into, count_window, Counts};
pub use design::{allocate, counts_in_zones, stratified_sample, Allocation};
pub use inspector::{InspectRequest, InspectResult, InspectTarget, InspectValue, InspectorReader};
pub use pairs::{confidence_by_class, count_pairs, ClassConfidence, ImperviousCounts, PairCounts};
pub use progress::CountProgress;
pub use sample::{sample_pixel_per_value, Rng, Sample};
pub use strips::{all_cores, strip_rows};
pub use table::{ClassRow, ClassTable};
pub use window::{bbox_window, PixelWindow};
pub use worker::{count_request, Counter, StatsOutput, StatsRequest, StatsResult, StatsWorker};
pub use zonal::{centre_mask, cover_rows, tally, Ring, Rule, ZoneShape};
pub use zonal_count::count_zones;
pub use zonal_table::{ZonalRow, ZonalTable};
