use crate::raster::RasterMeta;

/// Where a level's pixels come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelSource {
    /// A level of the file itself: 0 the base, k the k-th overview.
    File(usize),
    /// A level of the pyramid the viewer built (index into [`super::BuiltPyramid`]'s levels).
    Built(usize),
}

/// One level of a layer's pyramid, finest (the base) first.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub cols: usize,
    pub rows: usize,
    /// Map units per level pixel, (x, y), both positive. GDAL's rule for overviews: extent / size.
    pub pixel_size: (f64, f64),
    pub source: LevelSource,
}

/// The levels of a raster: the base, then the file's overviews, or the sizes the viewer builds itself.
pub fn levels_for(meta: &RasterMeta, use_file_overviews: bool) -> Vec<Level> {
    let level = |size, source| level_of(meta, size, source);
    let mut levels = vec![level(meta.size, LevelSource::File(0))];
    if use_file_overviews {
        levels.extend(meta.overviews.iter().enumerate().map(|(i, &s)| level(s, LevelSource::File(i + 1))));
    } else {
        levels.extend(
            level_sizes_to_build(meta.size, built_bytes_per_px(meta.dtype))
                .into_iter()
                .enumerate()
                .map(|(i, s)| level(s, LevelSource::Built(i))),
        );
    }
    levels
}

/// The levels a layer is drawn from: the file's own (or, when `build` is a pyramid below the base, the base and the
/// built levels), then the coarse levels `build` makes above them, if it makes any.
pub fn levels_of(meta: &RasterMeta, build: Option<&super::PyramidBuild>) -> Vec<Level> {
    let coarse = build.and_then(|b| b.coarse_sizes());
    let mut levels = levels_for(meta, build.is_none() || coarse.is_some());
    let built = coarse.unwrap_or_default().iter().enumerate();
    levels.extend(built.map(|(i, &size)| level_of(meta, size, LevelSource::Built(i))));
    levels
}

/// A level of `size` over the raster's extent. GDAL's rule for overviews: pixel size = extent / size.
fn level_of(meta: &RasterMeta, (cols, rows): (usize, usize), source: LevelSource) -> Level {
    let gt = meta.geo_transform_or_pixels();
    let extent = (meta.size.0 as f64 * gt[1].abs(), meta.size.1 as f64 * gt[5].abs());
    Level { cols, rows, pixel_size: (extent.0 / cols as f64, extent.1 / rows as f64), source }
}

/// Bytes a built level takes per pixel: the builder keeps bytes as u8 and every other type as u16.
pub(super) fn built_bytes_per_px(dtype: crate::raster::DataType) -> usize {
    if dtype == crate::raster::DataType::Byte {
        1
    } else {
        2
    }
}

/// The most RAM the levels the viewer builds for one file may take: a 10000 x 10000 tile needs 33 MB (u8), so only
/// files far larger than a CLMS tile (a huge, mostly empty declared size) reach it.
pub const BUILT_PYRAMID_BUDGET: usize = 512 << 20;

/// Sizes of the levels the viewer builds: halving (rounding up, as GDAL does) until one 512 px tile holds a level.
/// Only the coarsest levels that fit [`BUILT_PYRAMID_BUDGET`] together are kept; between the finest of them and the
/// base, the base is read.
pub fn level_sizes_to_build(base: (usize, usize), bytes_per_px: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut w, mut h) = base;
    while w.max(h) > super::TILE_PX {
        w = w.div_ceil(2);
        h = h.div_ceil(2);
        out.push((w, h));
    }
    let mut total = 0usize;
    let mut finest_kept = out.len();
    for (i, &(w, h)) in out.iter().enumerate().rev() {
        total = total.saturating_add(w.saturating_mul(h).saturating_mul(bytes_per_px));
        if total > BUILT_PYRAMID_BUDGET {
            break;
        }
        finest_kept = i;
    }
    out.split_off(finest_kept)
}

/// The level to draw at `map_units_per_px` (map units per physical screen pixel): the coarsest level that still has
/// at least one texel per screen pixel, so nothing is drawn coarser than the screen can show. Zoomed in past the base:
/// the base.
pub fn choose_level(levels: &[Level], map_units_per_px: f64) -> usize {
    // A relative tolerance so that "1:1" on an overview picks that overview despite rounding in its pixel size.
    let limit = map_units_per_px * (1.0 + 1e-9);
    levels.iter().rposition(|l| l.pixel_size.0 <= limit).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels() -> Vec<Level> {
        let sizes = [(10000, 10000), (5000, 5000), (2500, 2500), (1250, 1250), (625, 625), (313, 313)];
        sizes
            .iter()
            .enumerate()
            .map(|(i, &(c, r))| Level {
                cols: c,
                rows: r,
                pixel_size: (100_000.0 / c as f64, 100_000.0 / r as f64),
                source: LevelSource::File(i),
            })
            .collect()
    }

    #[test]
    fn level_choice_by_screen_resolution() {
        let l = levels();
        assert_eq!(choose_level(&l, 1.0), 0, "zoomed in past the base");
        assert_eq!(choose_level(&l, 10.0), 0, "1:1");
        assert_eq!(choose_level(&l, 19.99), 0);
        assert_eq!(choose_level(&l, 20.0), 1);
        assert_eq!(choose_level(&l, 45.0), 2);
        assert_eq!(choose_level(&l, 80.0), 3);
        // 100 km on 1080 px: 92.6 m per pixel -> the 1250 px overview (80 m).
        assert_eq!(choose_level(&l, 100_000.0 / 1080.0), 3);
        assert_eq!(choose_level(&l, 1e6), 5, "whole tile in a thumbnail");
    }

    #[test]
    fn built_level_sizes_round_up_like_gdal() {
        assert_eq!(level_sizes_to_build((5000, 4000), 1), vec![(2500, 2000), (1250, 1000), (625, 500), (313, 250)]);
        assert!(level_sizes_to_build((512, 300), 1).is_empty());
        // A full tile keeps every level; a huge declared size keeps only the coarse ones that fit the budget.
        assert_eq!(level_sizes_to_build((10000, 10000), 2).len(), 5);
        let huge = level_sizes_to_build((200_000, 200_000), 1);
        assert_eq!(huge.first(), Some(&(12500, 12500)), "25000^2 + the coarser levels would pass 512 MiB");
        let bytes: usize = huge.iter().map(|(w, h)| w * h).sum();
        assert!(bytes <= BUILT_PYRAMID_BUDGET);
    }
}
