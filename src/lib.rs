//! clcplus-viewer: a desktop viewer for Copernicus CLCplus Backbone tiles and related CLMS land-cover rasters.
//!
//! The folders are the architecture (DESIGN.md "Shape"): `product` says what a file is, `raster` is the only place
//! that talks to GDAL, `pyramid` turns a camera into tiles and loads them, `view` plans a frame, `render` draws it
//! with wgpu, `ui` is the window and `cli` the subcommands.

pub mod cli;
pub mod demo;
pub mod figure;
pub mod guard;
pub mod product;
pub mod pyramid;
pub mod raster;
pub mod render;
pub mod stats;
pub mod text;
pub mod ui;
pub mod vector;
pub mod view;
