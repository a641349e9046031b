//! `identify`: what a file is, from its name and its own metadata.

use std::path::Path;

use super::codes::{check_overviews, entry, finish_codes, Named};
use super::identity::{product_of_palette, product_of_sources, Identity};
use super::layer_info::{extent_in, LayerInfo, Mosaic, ProductError, Reprojected};
use super::layer_plan::PlannedLayer;
use super::naming::{parse_file_name, ParsedName};
use crate::raster::{mosaic_path, resampled_path, DataType, Grid, RasterFile, RasterMeta};
use crate::text;

/// Opens `path`, reads its metadata and decides what it is: from its name, else from the names of the files it
/// reads (a VRT), else from its colour table. Reads the file: never call it on the UI thread.
pub fn identify(path: impl AsRef<Path>) -> Result<LayerInfo, ProductError> {
    let path = path.as_ref();
    let (file, meta) = open_supported(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| meta.path.clone());
    let sources = file.source_files();
    let (product, identity) = match parse_file_name(&name) {
        Some(p) => (Some(p), Identity::FileName),
        None => match product_of_sources(&sources) {
            Some(p) => (Some(p), Identity::SourceNames { files: sources.len() }),
            None => identity_from_palette(&meta),
        },
    };
    let tileset = match identity {
        Identity::FileName => find_tileset(path, product.as_ref()),
        _ => vec![meta.path.clone()],
    };
    finish(file, meta, Named { name, product, identity, tileset, sources })
}

/// The tiles of one product layer and year as one layer: a mosaic VRT in memory (see [`crate::raster::mosaic_path`]),
/// named and identified by its tiles' names. Opens every tile's header once: never call it on the UI thread.
pub fn identify_mosaic(tiles: &[String]) -> Result<LayerInfo, ProductError> {
    let vrt = mosaic_path(tiles)?;
    let (file, meta) = open_supported(Path::new(&vrt))?;
    let (product, identity) = match product_of_sources(tiles) {
        Some(p) => (Some(p), Identity::SourceNames { files: tiles.len() }),
        None => identity_from_palette(&meta),
    };
    let name = text::mosaic_name(product.as_ref().map(|p| (p.layer.canonical(), p.year)), tiles.len());
    let named = Named { name, product, identity, tileset: vec![vrt], sources: tiles.to_vec() };
    let mut info = finish(file, meta, named)?;
    info.mosaic = Some(Mosaic { tiles: tiles.to_vec() });
    Ok(info)
}

/// Opens a planned layer: its one file, or the mosaic of its tiles.
pub fn identify_planned(layer: &PlannedLayer) -> Result<LayerInfo, ProductError> {
    match layer.paths.as_slice() {
        [one] => identify(one),
        tiles => identify_mosaic(tiles),
    }
}

/// The file opened, with its metadata.
fn open_supported(path: &Path) -> Result<(RasterFile, RasterMeta), ProductError> {
    let file = RasterFile::open(path)?;
    let meta = file.meta()?;
    Ok((file, meta))
}

/// The product a colour table stands for, when it equals an official palette.
fn identity_from_palette(meta: &RasterMeta) -> (Option<ParsedName>, Identity) {
    match meta.color_table.as_deref().and_then(product_of_palette) {
        Some((p, palette)) => (Some(p), Identity::Palette { palette: palette.to_string() }),
        None => (None, Identity::Unknown),
    }
}

/// Legend and overview check of an opened, named layer: bytes and 16-bit codes as they are, colour imagery and
/// other sample types through the codes of [`super::samples`].
fn finish(file: RasterFile, meta: RasterMeta, named: Named) -> Result<LayerInfo, ProductError> {
    match meta.dtype {
        DataType::Byte | DataType::UInt16 if meta.band_count >= 3 => super::samples::imagery(file, meta, named),
        DataType::Byte | DataType::UInt16 => finish_codes(file, meta, named, None),
        DataType::Int16 | DataType::Int32 | DataType::UInt32 | DataType::Float32 | DataType::Float64 => {
            super::samples::recoded(file, meta, named)
        }
        DataType::Other => Err(ProductError::Unsupported {
            path: meta.path.clone(),
            reason: "its sample type (complex numbers or 64-bit integers) is not supported".into(),
        }),
    }
}

/// The layer `info` reprojected on the fly (nearest neighbour, so codes stay codes) into the CRS of `map`, on `map`'s
/// pixel grid extended over the file's footprint: its pixels fall exactly on the map's, so it can be drawn, swiped,
/// inspected and compared with the map's layers. Name, product and legend stay those of the file. Reads the file:
/// never call it on the UI thread.
pub fn reproject(info: &LayerInfo, map: &LayerInfo) -> Result<LayerInfo, ProductError> {
    let refuse = |reason: String| ProductError::Unsupported { path: info.file_path().to_string(), reason };
    let Some(map_grid) = map.grid() else {
        return Err(refuse(format!("{} has no georeferencing, so no other CRS can be drawn over it", map.name)));
    };
    let (Some(wkt), Some(_)) = (info.meta.crs_wkt.as_deref(), info.meta.geo_transform) else {
        return Err(refuse(format!("it has no georeferencing, so it cannot be placed on the map of {}", map.name)));
    };
    let footprint = extent_in(info.meta.extent(), wkt, &map_grid.crs_wkt)
        .ok_or_else(|| refuse(format!("its CRS cannot be transformed into that of {}", map.name)))?;
    let grid = snapped_grid(&map_grid, footprint)
        .ok_or_else(|| refuse(format!("its footprint in the CRS of {} is empty or too large to draw", map.name)))?;
    let vrt = resampled_path(info.file_path(), &grid)?;
    let file = RasterFile::open(&vrt)?;
    let meta = file.meta()?;
    let mut legend = info.legend.clone();
    // Pixels the file does not cover read as the VRT's nodata value: technical and transparent like the file's own.
    if legend.nodata.is_none() {
        if let Some(code) = meta.nodata.filter(|v| v.fract() == 0.0 && *v >= 0.0).map(|v| v as u32) {
            legend.nodata = Some(code);
            if let Err(i) = legend.entries.binary_search_by_key(&code, |e| e.code) {
                legend.entries.insert(i, entry(code, "Outside the reprojected file".into(), [0, 0, 0, 0], true));
            }
        }
    }
    let overviews = check_overviews(&file, &meta, &legend)?;
    Ok(LayerInfo {
        path: meta.path.clone(),
        name: info.name.clone(),
        product: info.product.clone(),
        identity: info.identity.clone(),
        meta,
        legend,
        overviews,
        tileset: info.tileset.clone(),
        mosaic: info.mosaic.clone(),
        recoded: info.recoded.clone(),
        reprojected: Some(Reprojected {
            source_path: info.file_path().to_string(),
            source_epsg: info.reprojected.as_ref().map_or(info.meta.epsg, |r| r.source_epsg),
        }),
        generalised: None,
    })
}

/// Largest side, in pixels, of a reprojected layer: four 100 km tiles at 10 m. A footprint beyond it is a CRS
/// that does not fit the map's (a world layer over a tile), not something to draw pixel by pixel.
const MAX_REPROJECTED_SIDE: f64 = 40_000.0;

/// `grid`'s pixel lines around `extent`: the same origin lines and pixel size, so pixels coincide with the grid's.
fn snapped_grid(grid: &Grid, extent: [f64; 4]) -> Option<Grid> {
    let gt = grid.geo_transform;
    let (px, py) = (gt[1], gt[5]);
    if px <= 0.0 || py >= 0.0 || gt[2] != 0.0 || gt[4] != 0.0 {
        return None;
    }
    let [xmin, ymin, xmax, ymax] = extent;
    let (c0, c1) = (((xmin - gt[0]) / px).floor(), ((xmax - gt[0]) / px).ceil());
    let (r0, r1) = (((ymax - gt[3]) / py).floor(), ((ymin - gt[3]) / py).ceil());
    let (cols, rows) = (c1 - c0, r1 - r0);
    if !(cols >= 1.0 && rows >= 1.0 && cols <= MAX_REPROJECTED_SIDE && rows <= MAX_REPROJECTED_SIDE) {
        return None;
    }
    Some(Grid {
        crs_wkt: grid.crs_wkt.clone(),
        geo_transform: [gt[0] + c0 * px, px, 0.0, gt[3] + r0 * py, 0.0, py],
        size: (cols as usize, rows as usize),
    })
}

/// Files beside `path` of the same product family, year, tile or area, EPSG code and resolution: the tile set one cursor
/// position reads all of. Sorted; holds `path` itself. Only the names are read.
fn find_tileset(path: &Path, product: Option<&ParsedName>) -> Vec<String> {
    let own = path.to_string_lossy().into_owned();
    let Some(p) = product else { return vec![own] };
    let dir = path.parent().unwrap_or(Path::new(""));
    let listing = std::fs::read_dir(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
    let Ok(entries) = listing else { return vec![own] };
    let mut out: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            let raster = lower.ends_with(".tif") || lower.ends_with(".tiff") || lower.ends_with(".vrt");
            raster
                && parse_file_name(name).is_some_and(|q| {
                    q.family == p.family
                        && q.year == p.year
                        && q.tile == p.tile
                        && q.area == p.area
                        && q.epsg == p.epsg
                        && q.resolution_m == p.resolution_m
                })
        })
        .map(|name| dir.join(name).to_string_lossy().into_owned())
        .collect();
    out.push(own);
    out.sort();
    out.dedup();
    out
}
