//! `pixel`: the base-level value of every layer at points, as `gdallocationinfo -valonly` reads them.
//!
//! Each layer is read on its own thread with its own GDAL handle, its points visited in block order so that each
//! block is decoded once however the points are spread; the output keeps the input order.

use std::io::BufRead;

use serde_json::json;

use super::args::PixelArgs;
use super::stack::planned_layers;
use crate::product::{format_value, identify_planned, LayerInfo};
use crate::raster::{Crs, RasterFile, Transformer};

/// How the input points are given.
enum InputCrs {
    /// In the first file's CRS.
    Native,
    /// Column and row of the first file (fractions floored).
    Pixel,
    Epsg(u32),
}

/// One input file: what it is, and the transform from the first file's CRS when its own differs.
struct Layer {
    info: LayerInfo,
    from_first: Option<Transformer>,
}

/// A value read at a point: `Ok(None)` outside the raster.
type Read = Result<Option<f64>, String>;

/// Per point, the pixel (column, row) of one layer under it (`None` where the point has no place in its CRS).
type Pixels = Vec<Option<(i64, i64)>>;

pub fn run(args: &PixelArgs) -> bool {
    let mut ok = true;
    let input = match args.crs.as_deref().map(parse_crs) {
        None => InputCrs::Native,
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            eprintln!("pixel: {e}");
            return false;
        }
    };
    let (planned, errors) = planned_layers(&args.paths, args.layer);
    for e in &errors {
        eprintln!("{e}");
        ok = false;
    }
    // A column per layer: the file as given, or the mosaic's name.
    let mut names: Vec<String> = Vec::new();
    let mut layers: Vec<Option<Layer>> = Vec::new();
    for layer in &planned {
        match identify_planned(layer) {
            Ok(info) => {
                names.push(if layer.is_mosaic() { info.name.clone() } else { layer.paths[0].clone() });
                layers.push(Some(Layer { info, from_first: None }));
            }
            Err(e) => {
                eprintln!("{e}");
                ok = false;
                names.push(layer.paths.first().cloned().unwrap_or_default());
                layers.push(None);
            }
        }
    }
    let Some(first) = layers.iter().flatten().next().map(|l| l.info.clone()) else { return false };
    let first_crs = first.meta.crs_wkt.clone().map(Crs::Wkt);
    for layer in layers.iter_mut().flatten() {
        if let (Some(a), Some(reason)) = (&first_crs, first.crs_mismatch(&layer.info)) {
            match layer.info.meta.crs_wkt.clone().map(|b| Transformer::new(a, &Crs::Wkt(b))) {
                Some(Ok(t)) => layer.from_first = Some(t),
                _ => {
                    eprintln!("{reason}");
                    ok = false;
                }
            }
        }
    }
    let to_first = match (&input, &first_crs) {
        (InputCrs::Epsg(code), Some(crs)) => match Transformer::new(&Crs::Epsg(*code), crs) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("pixel: EPSG:{code}: {e}");
                return false;
            }
        },
        (InputCrs::Epsg(code), None) => {
            eprintln!("{}: has no CRS, so points in EPSG:{code} cannot be placed on it", first.path);
            return false;
        }
        _ => None,
    };
    let points: Vec<(String, String)> = match args.at {
        Some((x, y)) => vec![(x.to_string(), y.to_string())],
        None => read_points(&mut ok),
    };
    let gt = first.meta.geo_transform_or_pixels();
    let mut outside = 0usize;
    let mut csv = String::new();
    if !args.json {
        csv.push_str("x,y");
        for name in &names {
            csv.push(',');
            csv.push_str(name);
        }
        csv.push('\n');
    }
    // Each point in the first file's CRS, then its pixel in every layer (transforms are not Send: done here).
    let maps: Vec<Option<(f64, f64)>> = points
        .iter()
        .map(|(xs, ys)| {
            let (Ok(x), Ok(y)) = (xs.parse::<f64>(), ys.parse::<f64>()) else { return None };
            match &input {
                InputCrs::Native => Some((x, y)),
                InputCrs::Pixel => Some((gt[0] + (x.floor() + 0.5) * gt[1], gt[3] + (y.floor() + 0.5) * gt[5])),
                InputCrs::Epsg(_) => to_first.as_ref().and_then(|t| t.transform(x, y)),
            }
        })
        .collect();
    let pixels: Vec<Option<Pixels>> = layers
        .iter()
        .map(|l| l.as_ref().map(|l| maps.iter().map(|m| m.and_then(|m| pixel_of(l, m))).collect()))
        .collect();
    let reads: Vec<Option<Vec<Read>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = layers
            .iter()
            .zip(&pixels)
            .map(|(l, px)| {
                let job = l
                    .as_ref()
                    .zip(px.as_ref())
                    .map(|(l, px)| (l.info.values_path().to_string(), l.info.meta.block_size, px));
                job.map(|(path, block, px)| scope.spawn(move || read_in_block_order(&path, block, px)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.map(|h| h.join().unwrap_or_else(|_| vec![Err("reader thread failed".into())])))
            .collect()
    });
    let mut json_points = Vec::new();
    for (p, (xs, ys)) in points.iter().enumerate() {
        let mut values = Vec::new();
        let mut any_outside = false;
        for layer_reads in &reads {
            let v = match layer_reads.as_ref().and_then(|r| r.get(p)) {
                Some(Ok(v)) => *v,
                Some(Err(e)) => {
                    eprintln!("{e}");
                    ok = false;
                    None
                }
                None => None,
            };
            if v.is_none() && layer_reads.is_some() {
                any_outside = true;
            }
            values.push(v);
        }
        outside += any_outside as usize;
        if args.json {
            let layers_json: Vec<_> = layers
                .iter()
                .zip(&names)
                .zip(&values)
                .map(|((l, path), v)| {
                    json!({
                        "path": path,
                        "value": v.map(json_number),
                        "meaning": l.as_ref().zip(*v).map(|(l, v)| l.info.describe_value(v)),
                    })
                })
                .collect();
            let (x, y) = (xs.parse::<f64>().unwrap_or(f64::NAN), ys.parse::<f64>().unwrap_or(f64::NAN));
            json_points.push(json!({"x": x, "y": y, "layers": layers_json}));
        } else {
            csv.push_str(&format!("{xs},{ys}"));
            for v in &values {
                csv.push(',');
                if let Some(v) = v {
                    csv.push_str(&format_value(*v));
                }
            }
            csv.push('\n');
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json_points).unwrap_or_default());
    } else {
        print!("{csv}");
    }
    if outside > 0 {
        eprintln!("{outside} of {} points fall outside at least one raster (empty values)", points.len());
    }
    ok
}

fn parse_crs(s: &str) -> Result<InputCrs, String> {
    if s.eq_ignore_ascii_case("pixel") {
        return Ok(InputCrs::Pixel);
    }
    let code = s.strip_prefix("EPSG:").or_else(|| s.strip_prefix("epsg:")).and_then(|c| c.parse().ok());
    code.map(InputCrs::Epsg).ok_or_else(|| format!("--crs '{s}': use EPSG:NNNN or pixel"))
}

/// Points from standard input, one "X Y" (or "X,Y") a line; blank lines and lines starting with # are skipped.
fn read_points(ok: &mut bool) -> Vec<(String, String)> {
    let mut points = Vec::new();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let Ok(line) = line else { break };
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = t.split([' ', '\t', ',']).filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [x, y, ..] if x.parse::<f64>().is_ok() && y.parse::<f64>().is_ok() => {
                points.push((x.to_string(), y.to_string()))
            }
            _ => {
                eprintln!("standard input line {}: '{t}' is not two numbers X Y", n + 1);
                *ok = false;
            }
        }
    }
    points
}

/// The base-level pixel (column, row) of `layer` at map point `m` (in the first file's CRS).
fn pixel_of(layer: &Layer, m: (f64, f64)) -> Option<(i64, i64)> {
    let (x, y) = match &layer.from_first {
        Some(t) => t.transform(m.0, m.1)?,
        None => m,
    };
    let gt = layer.info.meta.geo_transform_or_pixels();
    let (col, row) = (((x - gt[0]) / gt[1]).floor(), ((y - gt[3]) / gt[5]).floor());
    (col.is_finite() && row.is_finite()).then_some((col as i64, row as i64))
}

/// Reads `path` at `pixels`, visiting them block by block; results in the order of `pixels`.
fn read_in_block_order(path: &str, block: (usize, usize), pixels: &[Option<(i64, i64)>]) -> Vec<Read> {
    let file = match RasterFile::open(path) {
        Ok(f) => f,
        Err(e) => return vec![Err(e.to_string()); pixels.len()],
    };
    let (bw, bh) = (block.0.max(1) as i64, block.1.max(1) as i64);
    let mut order: Vec<usize> = (0..pixels.len()).collect();
    order.sort_by_key(|&i| pixels[i].map(|(c, r)| (r.div_euclid(bh), c.div_euclid(bw), r, c)));
    let mut out: Vec<Read> = vec![Ok(None); pixels.len()];
    for i in order {
        if let Some((c, r)) = pixels[i] {
            out[i] = file.read_pixel(c, r).map_err(|e| e.to_string());
        }
    }
    out
}

/// Integers as JSON integers, other values as they are.
fn json_number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}
