//! What a file IS: file-name parsing for every CLMS convention, legends (built-in, from the embedded colour table,
//! from the attribute table), the EEA tile grid, and `identify`, which puts them together for one file.

pub mod citation;
pub mod clc_levels;
mod identify;
pub mod knowledge;
pub mod legend;
pub mod naming;
pub mod qa_rules;
pub mod style;
pub mod tile_grid;

pub use identify::{
    format_value, identify, reproject, Generalised, LayerInfo, OverviewState, ProductError, Reprojected,
};
pub use legend::{Legend, LegendEntry, LegendSource, ValueKind};
pub use naming::{parse_file_name, ClcCoding, Family, Layer, ParsedName};
