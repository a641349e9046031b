use super::levels::Level;

/// Side of a tile in level pixels: it matches the COG block size of the CLMS products.
pub const TILE_PX: usize = 512;

/// One tile of one level of one layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileKey {
    pub layer: u32,
    pub level: u8,
    pub col: u32,
    pub row: u32,
}

impl TileKey {
    /// A unique 64-bit id, for GPU texture maps: 16 bits of layer, 8 of level, 20 each of column and row.
    pub fn id(&self) -> u64 {
        ((self.layer as u64 & 0xFFFF) << 48)
            | ((self.level as u64) << 40)
            | ((self.col as u64 & 0xF_FFFF) << 20)
            | (self.row as u64 & 0xF_FFFF)
    }

    /// The layer (its low 16 bits) of a texture id made by [`TileKey::id`].
    pub fn layer_of_id(id: u64) -> u32 {
        (id >> 48) as u32
    }
}

/// The pixel window (x, y, width, height) of tile (col, row) in its level; edge tiles are smaller.
pub fn tile_window(level: &Level, col: u32, row: u32) -> (usize, usize, usize, usize) {
    let (x, y) = (col as usize * TILE_PX, row as usize * TILE_PX);
    (x, y, TILE_PX.min(level.cols.saturating_sub(x)), TILE_PX.min(level.rows.saturating_sub(y)))
}

/// Map extent (xmin, ymin, xmax, ymax) of a level-pixel window, for a raster whose top-left corner is `origin`.
pub fn tile_map_extent(level: &Level, origin: (f64, f64), window: (usize, usize, usize, usize)) -> [f64; 4] {
    let (px, py) = level.pixel_size;
    let xmin = origin.0 + window.0 as f64 * px;
    let ymax = origin.1 - window.1 as f64 * py;
    [xmin, ymax - window.3 as f64 * py, xmin + window.2 as f64 * px, ymax]
}

/// Tiles (col, row) of `level` that overlap the map extent `view` (xmin, ymin, xmax, ymax), row by row.
pub fn tiles_covering(level: &Level, origin: (f64, f64), view: [f64; 4]) -> Vec<(u32, u32)> {
    let (px, py) = level.pixel_size;
    let tile_w = TILE_PX as f64 * px;
    let tile_h = TILE_PX as f64 * py;
    let n_cols = level.cols.div_ceil(TILE_PX) as i64;
    let n_rows = level.rows.div_ceil(TILE_PX) as i64;
    let c0 = (((view[0] - origin.0) / tile_w).floor() as i64).max(0);
    let c1 = (((view[2] - origin.0) / tile_w).ceil() as i64).min(n_cols);
    let r0 = (((origin.1 - view[3]) / tile_h).floor() as i64).max(0);
    let r1 = (((origin.1 - view[1]) / tile_h).ceil() as i64).min(n_rows);
    let mut out = Vec::new();
    for r in r0..r1 {
        for c in c0..c1 {
            out.push((c as u32, r as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::levels::LevelSource;
    use super::*;

    fn base() -> Level {
        Level { cols: 10000, rows: 10000, pixel_size: (10.0, 10.0), source: LevelSource::File(0) }
    }

    #[test]
    fn tile_windows_at_the_edges_are_clipped() {
        let l = base();
        assert_eq!(tile_window(&l, 0, 0), (0, 0, 512, 512));
        // 10000 = 19 * 512 + 272
        assert_eq!(tile_window(&l, 19, 19), (9728, 9728, 272, 272));
        assert_eq!(tiles_covering(&l, (0.0, 100_000.0), [0.0, 0.0, 100_000.0, 100_000.0]).len(), 400);
    }

    #[test]
    fn tiles_covering_a_view() {
        let l = base();
        let origin = (4_400_000.0, 3_700_000.0);
        // A 1920x1080 view at 1:1 (10 m), centred on the tile: 19.2 km x 10.8 km.
        let (cx, cy) = (4_450_000.0, 3_650_000.0);
        let view = [cx - 9600.0, cy - 5400.0, cx + 9600.0, cy + 5400.0];
        let tiles = tiles_covering(&l, origin, view);
        // Columns 4040..5960 px -> tiles 7..=11; rows 4460..5540 px -> tiles 8..=10.
        assert_eq!(tiles.first(), Some(&(7, 8)));
        assert_eq!(tiles.last(), Some(&(11, 10)));
        assert_eq!(tiles.len(), 15);
        // Outside the raster: nothing.
        assert!(tiles_covering(&l, origin, [0.0, 0.0, 10.0, 10.0]).is_empty());
        let e = tile_map_extent(&l, origin, tile_window(&l, 7, 8));
        assert_eq!(
            e,
            [
                4_400_000.0 + 7.0 * 5120.0,
                3_700_000.0 - 9.0 * 5120.0,
                4_400_000.0 + 8.0 * 5120.0,
                3_700_000.0 - 8.0 * 5120.0
            ]
        );
    }

    #[test]
    fn key_ids_are_unique() {
        let a = TileKey { layer: 1, level: 2, col: 3, row: 4 };
        let b = TileKey { layer: 1, level: 2, col: 4, row: 3 };
        assert_ne!(a.id(), b.id());
    }
}
