//! A synthetic CLCplus Backbone tile set, shaped like the product (value coding, naming, colour tables, attribute
//! table, overviews) but made from noise: a coast with sea (outside area) and its coastal buffer, lakes, a town,
//! fields, forests and some high ground. Deterministic, so the committed demo can be rebuilt byte for byte, and sized
//! freely, so the tests and benchmarks use it too.

use std::path::{Path, PathBuf};

use crate::product::legend::{built_in, BuiltIn};
use crate::raster::{write_cog, CogSpec, Pixels, RasterError, RatRow};

/// Size and place of a generated tile set.
#[derive(Debug, Clone, Copy)]
pub struct TilesetSpec {
    pub size: usize,
    /// Upper-left corner in EPSG:3035.
    pub origin: (f64, f64),
    pub pixel_m: f64,
    pub seed: u32,
    /// Also a RAS layer of this earlier year, with the town smaller, some forest not yet cleared and some fields
    /// under the other use: two years to compare.
    pub earlier_year: Option<u32>,
}

impl Default for TilesetSpec {
    /// The bundled demo: 2000 x 2000 px of 10 m inside tile E44N36.
    fn default() -> Self {
        TilesetSpec { size: 2000, origin: (4_470_000.0, 3_640_000.0), pixel_m: 10.0, seed: 2023, earlier_year: None }
    }
}

/// One generated layer, ready to write.
pub struct DemoLayer {
    pub file_name: String,
    pub pixels: Pixels,
    pub color_table: Option<Vec<[u8; 4]>>,
    pub attribute_table: Option<Vec<RatRow>>,
    pub nodata: Option<f64>,
}

/// Codes of the RAS layer (PRODUCTS.md 1.1).
const SEALED: u8 = 1;
const NEEDLE: u8 = 2;
const DECIDUOUS: u8 = 3;
const EVERGREEN: u8 = 4;
const LOW_WOODY: u8 = 5;
const PERMANENT_HERB: u8 = 6;
const PERIODIC_HERB: u8 = 7;
const LICHENS: u8 = 8;
const SPARSE: u8 = 9;
const WATER: u8 = 10;
const SNOW: u8 = 11;
const COASTAL_BUFFER: u8 = 253;
const OUTSIDE: u8 = 254;

fn hash(x: i64, y: i64, seed: u32) -> f64 {
    let mut h = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^= seed as u64;
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Smooth value noise in 0..1 at (x, y) in cells.
fn value_noise(x: f64, y: f64, seed: u32) -> f64 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let s = |t: f64| t * t * (3.0 - 2.0 * t);
    let (ix, iy) = (x0 as i64, y0 as i64);
    let a = hash(ix, iy, seed);
    let b = hash(ix + 1, iy, seed);
    let c = hash(ix, iy + 1, seed);
    let d = hash(ix + 1, iy + 1, seed);
    let (u, v) = (s(fx), s(fy));
    a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v
}

/// Fractal noise over `octaves`, in 0..1, at map position (x, y) metres with features of about `scale` metres.
fn fbm(x: f64, y: f64, scale: f64, octaves: u32, seed: u32) -> f64 {
    let (mut sum, mut amp, mut norm, mut f) = (0.0, 1.0, 0.0, 1.0 / scale);
    for o in 0..octaves {
        sum += amp * value_noise(x * f, y * f, seed.wrapping_add(o * 101));
        norm += amp;
        amp *= 0.5;
        f *= 2.0;
    }
    sum / norm
}

/// Generates the four layers of a tile set (five with an earlier year).
pub fn generate_tileset(spec: &TilesetSpec) -> Vec<DemoLayer> {
    let n = spec.size;
    let mut ras = vec![0u8; n * n];
    let mut earlier = if spec.earlier_year.is_some() { vec![0u8; n * n] } else { Vec::new() };
    let mut conf = vec![0u8; n * n];
    let mut obs = vec![0u16; n * n];
    let mut post = vec![0u8; n * n];
    let seed = spec.seed;
    // The demo's features are laid out in metres so every size shows the same landscape at another extent.
    let extent = n as f64 * spec.pixel_m;
    for row in 0..n {
        for col in 0..n {
            let (x, y) = (col as f64 * spec.pixel_m, row as f64 * spec.pixel_m);
            // Land rises away from the sea in the south-west corner.
            let coast = (x + (extent - y)) / (2.0 * extent);
            let elevation = 0.55 * fbm(x, y, 4000.0, 5, seed) + 0.65 * coast;
            let moisture = fbm(x, y, 2500.0, 4, seed + 7);
            let town = {
                let (dx, dy) = (x - 0.62 * extent, y - 0.38 * extent);
                let r = (dx * dx + dy * dy).sqrt() / (0.12 * extent);
                (1.0 - r).max(0.0) + 0.35 * fbm(x, y, 300.0, 3, seed + 3)
            };
            let class = if elevation < 0.33 {
                OUTSIDE
            } else if elevation < 0.355 {
                COASTAL_BUFFER
            } else if town > 0.75 {
                SEALED
            } else if moisture > 0.74 && elevation < 0.6 {
                WATER
            } else if elevation > 0.98 {
                SNOW
            } else if elevation > 0.95 {
                LICHENS
            } else if elevation > 0.9 {
                SPARSE
            } else if moisture > 0.6 {
                if elevation > 0.65 {
                    NEEDLE
                } else if hash(col as i64 / 97, row as i64 / 83, seed) > 0.9 {
                    EVERGREEN
                } else {
                    DECIDUOUS
                }
            } else if moisture > 0.52 {
                LOW_WOODY
            } else {
                // Fields: blocks of about 400 x 250 m, arable or grassland.
                let field = hash((x / 400.0) as i64, (y / 250.0) as i64, seed + 11);
                if field > 0.45 {
                    PERIODIC_HERB
                } else {
                    PERMANENT_HERB
                }
            };
            let i = row * n + col;
            ras[i] = class;
            if let Some(e) = earlier.get_mut(i) {
                *e = match class {
                    SEALED if town < 0.8 => PERIODIC_HERB,
                    LOW_WOODY if hash(col as i64 / 60, row as i64 / 60, seed + 13) > 0.8 => NEEDLE,
                    PERIODIC_HERB | PERMANENT_HERB if hash((x / 400.0) as i64, (y / 250.0) as i64, seed + 17) > 0.9 => {
                        PERIODIC_HERB + PERMANENT_HERB - class
                    }
                    _ => class,
                };
            }
            let outside = class == OUTSIDE;
            let edge = (moisture - 0.6).abs().min((elevation - 0.9).abs()).min((town - 0.75).abs());
            conf[i] = if outside {
                254
            } else {
                (45.0 + 55.0 * (edge * 6.0).min(1.0) - 10.0 * hash(col as i64, row as i64, seed)).clamp(0.0, 100.0)
                    as u8
            };
            obs[i] = if outside { 65535 } else { (30.0 + 170.0 * fbm(x, y, 6000.0, 3, seed + 5)) as u16 };
            post[i] = if outside { 254 } else { (hash(col as i64, row as i64, seed + 9) > 0.985) as u8 };
        }
    }
    let name_of_year = |layer: &str, year: u32| {
        let e = (spec.origin.0 / 100_000.0).floor() as i64;
        let nn = ((spec.origin.1 - 1.0) / 100_000.0).floor() as i64;
        format!("CLMS_CLCPLUS_{layer}_S{year}_R10m_E{e:02}N{nn:02}_03035_V01_R00.tif")
    };
    let name = |layer: &str| name_of_year(layer, 2023);
    let table = |which| {
        let legend = built_in(which);
        let mut t = vec![[0u8, 0, 0, 0]; 256];
        for (code, c) in t.iter_mut().enumerate() {
            *c = legend.colour_of(code as u32);
        }
        t
    };
    let ras_legend = built_in(BuiltIn::ClcPlusRas);
    let rat: Vec<RatRow> = ras_legend
        .entries
        .iter()
        .map(|e| RatRow {
            value: e.code as i64,
            label: Some(e.label.clone()),
            rgb: Some([e.rgba[0], e.rgba[1], e.rgba[2]]),
        })
        .collect();
    // The official table gives 254 the colour 230,230,230 and opaque, as the QC tool expects of real tiles.
    let mut ras_table = table(BuiltIn::ClcPlusRas);
    ras_table[254] = [230, 230, 230, 255];
    let mut layers = Vec::new();
    if let Some(year) = spec.earlier_year {
        layers.push(DemoLayer {
            file_name: name_of_year("RAS", year),
            pixels: Pixels::U8(earlier),
            color_table: Some(ras_table.clone()),
            attribute_table: Some(rat.clone()),
            nodata: Some(255.0),
        });
    }
    layers.extend([
        DemoLayer {
            file_name: name("RAS"),
            pixels: Pixels::U8(ras),
            color_table: Some(ras_table),
            attribute_table: Some(rat),
            nodata: Some(255.0),
        },
        DemoLayer {
            file_name: name("RASCL"),
            pixels: Pixels::U8(conf),
            color_table: Some(table(BuiltIn::ClcPlusRascl)),
            attribute_table: None,
            nodata: None,
        },
        DemoLayer {
            file_name: name("RASDL"),
            pixels: Pixels::U16(obs),
            color_table: None,
            attribute_table: None,
            nodata: None,
        },
        DemoLayer {
            file_name: name("RASPL"),
            pixels: Pixels::U8(post),
            color_table: Some(table(BuiltIn::ClcPlusRaspl)),
            attribute_table: None,
            nodata: None,
        },
    ]);
    layers
}

/// Generates and writes a tile set into `dir` as LZW COGs with nearest-neighbour overviews; returns the paths.
pub fn write_tileset(dir: &Path, spec: &TilesetSpec) -> Result<Vec<PathBuf>, RasterError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| RasterError::Write { path: dir.display().to_string(), reason: e.to_string() })?;
    let mut paths = Vec::new();
    for layer in generate_tileset(spec) {
        let path = dir.join(&layer.file_name);
        write_cog(
            &path,
            &CogSpec {
                size: (spec.size, spec.size),
                pixels: &layer.pixels,
                geo_transform: [spec.origin.0, spec.pixel_m, 0.0, spec.origin.1, 0.0, -spec.pixel_m],
                epsg: Some(3035),
                nodata: layer.nodata,
                color_table: layer.color_table.as_deref(),
                attribute_table: layer.attribute_table.as_deref(),
                overview_resampling: Some("NEAREST"),
                block_size: 512,
                metadata: &[(super::SYNTHETIC_KEY, "YES")],
            },
        )?;
        paths.push(path);
    }
    Ok(paths)
}
