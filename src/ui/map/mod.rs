//! What the map view draws from: the tile feed between the loaders and the GPU.

pub mod tile_feed;
