//! The EEA reference grid of 100 km tiles in EPSG:3035 (PRODUCTS.md section 3.1): tile `E44N36` has its lower-left
//! corner at x = 4 400 000 m, y = 3 600 000 m.

pub const TILE_SIZE_M: f64 = 100_000.0;
pub const LAEA_EPSG: u32 = 3035;

/// The id of the 100 km tile holding point (x, y) of EPSG:3035; `None` in other CRSs or at negative coordinates.
pub fn tile_id_at(x: f64, y: f64, epsg: Option<u32>) -> Option<String> {
    if !(epsg == Some(LAEA_EPSG) && x >= 0.0 && y >= 0.0 && x.is_finite() && y.is_finite()) {
        return None;
    }
    let (e, n) = ((x / TILE_SIZE_M).floor() as u64, (y / TILE_SIZE_M).floor() as u64);
    Some(format!("E{e:02}N{n:02}"))
}

/// The extent (xmin, ymin, xmax, ymax) of a tile id such as `E44N36`.
pub fn tile_extent(id: &str) -> Option<[f64; 4]> {
    if !super::naming::is_tile_id(id) {
        return None;
    }
    let lower = id.to_ascii_lowercase();
    let (east, north) = lower.strip_prefix('e')?.split_once('n')?;
    let (x, y) = (east.parse::<f64>().ok()? * TILE_SIZE_M, north.parse::<f64>().ok()? * TILE_SIZE_M);
    Some([x, y, x + TILE_SIZE_M, y + TILE_SIZE_M])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copenhagen_is_in_e44n36() {
        // Copenhagen in EPSG:3035 (PRODUCTS.md 3.1): the 2023 PUM shows it on tile E44N36.
        assert_eq!(tile_id_at(4_482_617.0, 3_621_944.0, Some(3035)).as_deref(), Some("E44N36"));
        assert_eq!(tile_id_at(4_482_617.0, 3_621_944.0, Some(32632)), None);
        assert_eq!(tile_extent("E44N36"), Some([4_400_000.0, 3_600_000.0, 4_500_000.0, 3_700_000.0]));
        assert_eq!(tile_extent("X1"), None);
    }
}
