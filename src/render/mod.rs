//! wgpu only: GPU tile textures under a memory budget, the pipeline, the egui paint callback, and offscreen rendering
//! of a draw list. It knows nothing of files or products: the view fills a [`DrawList`] and this draws it.

mod callback;
mod draw_list;
mod offscreen;
mod overlay;
mod tile_renderer;

pub use callback::{register_renderer, MapCallback};
pub use draw_list::{DrawLayer, DrawList, DrawTile, Lut, TexelFormat, TexelSource};
pub use offscreen::{Offscreen, RenderError};
pub use overlay::{DrawOverlay, OverlayGeometry, OverlayLevel, OverlayRenderer, OVERLAY_WGSL, RESTART};
pub use tile_renderer::TileRenderer;

/// The WGSL source of the tile pipeline.
pub const TILES_WGSL: &str = include_str!("../../shaders/tiles.wgsl");
