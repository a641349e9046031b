//! Full-size fixtures shared by the tests and the benchmarks (`benches/common` includes this file): written once
//! with the gdal crate (through the library's writer) into a folder under `target/` and reused by later runs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use clcplus_viewer::raster::{write_cog, write_placements_vrt, CogSpec, Pixels, RasterFile};

/// A fixture folder `name` under `base` written once by `make` and reused by later tests and runs (a marker file says
/// it is complete). Tests run in parallel processes: one writes, the others wait for its marker.
pub fn cached(base: &Path, name: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let dir = base.join(name);
    let done = dir.join(".complete");
    let lock = dir.with_extension("lock");
    std::fs::create_dir_all(&dir).expect("fixture folder");
    loop {
        if done.exists() {
            return dir;
        }
        if std::fs::create_dir(&lock).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    make(&dir);
    std::fs::write(&done, b"").expect("marker");
    let _ = std::fs::remove_dir(&lock);
    dir
}

/// The official RAS colour table, from the reference palettes (`tests/data/palettes.json`, a copy of the project's
/// `reference/palettes.json`, sources named per entry), never from the code under test: 254 opaque grey and 255
/// black as in real tiles, codes of no class dark grey.
pub fn ras_table() -> Vec<[u8; 4]> {
    let mut t = vec![[64u8, 64, 64, 255]; 256];
    for (code, rgb) in reference_palette("clcplus_ras") {
        if let Some(slot) = t.get_mut(code as usize) {
            *slot = [rgb[0], rgb[1], rgb[2], 255];
        }
    }
    t
}

/// The (code, RGB) entries of palette `name` in `tests/data/palettes.json`.
pub fn reference_palette(name: &str) -> Vec<(u32, [u8; 3])> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/palettes.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("palettes.json")).expect("palettes JSON");
    json[name]
        .as_array()
        .expect("a palette")
        .iter()
        .map(|e| {
            let rgb = e["rgb"].as_array().expect("rgb");
            let c = |i: usize| rgb[i].as_u64().expect("channel") as u8;
            (e["code"].as_u64().expect("code") as u32, [c(0), c(1), c(2)])
        })
        .collect()
}

/// A RAS-like pattern: every code 1..=11, 253, 254 and some 255 (nodata), in 7 x 5 px blocks with a one-pixel
/// diagonal so that pixel-exact placement is checked.
pub fn ras_pattern(w: usize, h: usize) -> Vec<u8> {
    const CODES: [u8; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 253, 254, 255];
    (0..h)
        .flat_map(|r| (0..w).map(move |c| if c == r { 1 } else { CODES[(c / 7 + r / 5 * 3) % CODES.len()] }))
        .collect()
}

/// Writes a RAS tile: COG, LZW, 256 px blocks, nearest overviews, the RAS colour table, nodata 255, EPSG:3035.
pub fn write_ras_tile(path: &Path, size: (usize, usize), values: Vec<u8>, geo_transform: [f64; 6]) {
    let table = ras_table();
    let spec = CogSpec {
        size,
        pixels: &Pixels::U8(values),
        geo_transform,
        epsg: Some(3035),
        nodata: Some(255.0),
        color_table: Some(table.as_slice()),
        attribute_table: None,
        overview_resampling: Some("NEAREST"),
        block_size: 256,
        metadata: &[],
    };
    write_cog(path, &spec).expect("fixture written");
}

/// Tiles per side of [`mosaic_3x3`] and pixels per tile side (a real CLCplus tile).
pub const MOSAIC_TILES: usize = 3;
pub const MOSAIC_TILE_PX: usize = 10_000;
/// The mosaic's upper-left corner: tile E44N38's (the tiles are E44-E46, N36-N38).
pub const MOSAIC_WEST: f64 = 4_400_000.0;
pub const MOSAIC_NORTH: f64 = 3_900_000.0;

/// The value of the pixel at column `c`, row `r` of tile (`tx`, `ty`) (`ty` 0 the northern row) of [`mosaic_3x3`]:
/// RAS codes in blocks whose size and phase differ from tile to tile, so that a tile drawn or counted in another's
/// place shows.
pub fn mosaic_tile_value(tx: usize, ty: usize, c: usize, r: usize) -> u8 {
    const CODES: [u8; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 253, 254, 255];
    let t = ty * MOSAIC_TILES + tx;
    if c == r {
        return (t % 11) as u8 + 1;
    }
    let (bw, bh) = (5 + t, 3 + 2 * t);
    CODES[(c / bw + (r / bh) * (t + 2) + t * 5) % CODES.len()]
}

/// The file name of tile (`tx`, `ty`) of [`mosaic_3x3`] for product layer `layer`.
pub fn mosaic_tile_name(tx: usize, ty: usize, layer: &str) -> String {
    format!("CLMS_CLCPLUS_{layer}_S2023_R10m_E{}N{}_03035_V01_R00.tif", 44 + tx, 38 - ty)
}

/// A 3 x 3 mosaic of 10000 px RAS tiles, every tile different, in a folder under `base`.
pub fn mosaic_3x3(base: &Path) -> PathBuf {
    cached(base, "mosaic-3x3-v1", |dir| {
        for ty in 0..MOSAIC_TILES {
            for tx in 0..MOSAIC_TILES {
                let n = MOSAIC_TILE_PX;
                let values: Vec<u8> = (0..n * n).map(|i| mosaic_tile_value(tx, ty, i % n, i / n)).collect();
                let x0 = MOSAIC_WEST + (tx * n) as f64 * 10.0;
                let y0 = MOSAIC_NORTH - (ty * n) as f64 * 10.0;
                write_ras_tile(
                    &dir.join(mosaic_tile_name(tx, ty, "RAS")),
                    (n, n),
                    values,
                    [x0, 10.0, 0.0, y0, 0.0, -10.0],
                );
            }
        }
    })
}

/// Tiles per side of [`europe_vrt`], and pixels per tile side.
pub const EUROPE_TILES: usize = 30;
pub const EUROPE_TILE_PX: usize = 10_000;
/// The upper-left corner of [`europe_vrt`] (EPSG:3035).
pub const EUROPE_ORIGIN: (f64, f64) = (1_000_000.0, 6_100_000.0);

/// A Europe-sized mosaic: a VRT of 30 x 30 placements of one 10000 x 10000 px RAS COG (300000 x 300000 px, 9e10
/// pixels), each through a symbolic link of its own named as a real tile, in gdalbuildvrt's source form (so GDAL
/// exposes the tile's overviews). Every tile holds [`ras_pattern`]. Written once in a folder under `base`.
pub fn europe_vrt(base: &Path) -> PathBuf {
    let dir = cached(base, "europe-30x30-v2", |dir| {
        let source = dir.join("source.tif");
        let n = EUROPE_TILE_PX;
        write_ras_tile(&source, (n, n), ras_pattern(n, n), [0.0, 10.0, 0.0, 0.0, 0.0, -10.0]);
        let like = RasterFile::open(&source).expect("source").meta().expect("meta");
        let tiles_dir = dir.join("tiles");
        std::fs::create_dir_all(&tiles_dir).expect("tiles folder");
        let mut tiles = Vec::new();
        for row in 0..EUROPE_TILES {
            for col in 0..EUROPE_TILES {
                let (e, n_) = (10 + col, 60 - row);
                let link = tiles_dir.join(format!("CLMS_CLCPLUS_RAS_S2023_R10m_E{e:02}N{n_:02}_03035_V01_R00.tif"));
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(&source, &link).expect("link");
                tiles.push((link.display().to_string(), col * n, row * n));
            }
        }
        let side = EUROPE_TILES * n;
        let gt = [EUROPE_ORIGIN.0, 10.0, 0.0, EUROPE_ORIGIN.1, 0.0, -10.0];
        write_placements_vrt(&dir.join("europe.vrt"), &like, (side, side), gt, &tiles).expect("VRT written");
    });
    dir.join("europe.vrt")
}

/// A small deterministic generator (xorshift): irregular zones that are the same in every run.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number in [0, 1).
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// An irregular star-shaped ring around (cx, cy): `n` points at radii between half and 1.3 times `r`, closed (the
/// first point repeated), as GeoJSON wants it.
pub fn star_ring(rng: &mut XorShift, (cx, cy): (f64, f64), r: f64, n: usize) -> Vec<[f64; 2]> {
    let mut ring: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let angle = (i as f64 + 0.8 * rng.next()) / n as f64 * std::f64::consts::TAU;
            let radius = r * (0.5 + 0.8 * rng.next());
            [cx + radius * angle.cos(), cy + radius * angle.sin()]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// The rings of one polygon, the first its exterior, as GeoJSON has them.
pub type PolygonRings = Vec<Vec<[f64; 2]>>;

/// A GeoJSON FeatureCollection in EPSG:3035 of multipolygon zones, each with a `name`.
pub fn zones_geojson(zones: &[(String, Vec<PolygonRings>)]) -> String {
    let features: Vec<serde_json::Value> = zones
        .iter()
        .map(|(name, polygons)| {
            serde_json::json!({
                "type": "Feature",
                "properties": {"name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            })
        })
        .collect();
    serde_json::json!({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3035"}},
        "features": features,
    })
    .to_string()
}
