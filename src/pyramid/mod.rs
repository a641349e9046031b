//! From a camera's resolution to tiles: level choice among the base and the COG overviews, 512 px tile keys, the CPU
//! tile cache, the loader pool that reads tiles on its own threads, and the pyramid the viewer builds itself when a
//! file has no usable overviews.

mod build;
mod cache;
mod coarse;
mod levels;
mod loader;
mod tiles;

pub use build::{BuiltPyramid, PyramidBuild};
pub use cache::TileCache;
pub use coarse::{cache_dir, coarse_sizes, coarse_sizes_for, CACHE_DIR_ENV, COARSE_ABOVE_PX};
pub use levels::{choose_level, level_sizes_to_build, levels_for, levels_of, Level, LevelSource};
pub use loader::{
    load_tile, LayerSource, LoadedTile, LoaderPool, LoaderStats, Tile, TileError, TileReader, TileRequest, Waker,
};
pub use tiles::{tile_map_extent, tile_window, tiles_covering, TileKey, TILE_PX};
