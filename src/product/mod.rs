//! What a file IS: file-name parsing for every CLMS convention, legends (built-in, from the embedded colour table,
//! from the attribute table), the EEA tile grid, and `identify`, which puts them together for one file.

pub mod citation;
pub mod clc_levels;
mod codes;
mod identify;
pub mod identity;
pub mod knowledge;
mod layer_info;
pub mod layer_plan;
pub mod legend;
pub mod naming;
pub mod qa_rules;
mod samples;
pub mod style;
pub mod tile_grid;

pub use identify::{identify, identify_mosaic, identify_planned, reproject};
pub use identity::Identity;
pub use layer_info::{format_value, Generalised, LayerInfo, Mosaic, OverviewState, ProductError, Recoded, Reprojected};
pub use layer_plan::{plan_layers, FolderOrder, LayerChoice, PlannedLayer};
pub use legend::{Legend, LegendEntry, LegendSource, ValueKind};
pub use naming::{parse_file_name, ClcCoding, Family, Layer, ParsedName};
