//! `pixel`: the base-level value of every layer at points, as `gdallocationinfo -valonly` reads them.

use std::io::BufRead;

use serde_json::json;

use super::args::PixelArgs;
use crate::product::{identify, LayerInfo};
use crate::raster::{Crs, RasterFile, Transformer};

/// How the input points are given.
enum InputCrs {
    /// In the first file's CRS.
    Native,
    /// Column and row of the first file (fractions floored).
    Pixel,
    Epsg(u32),
}

/// One input file: what it is, an open handle, and the transform from the first file's CRS when its own differs.
struct Layer {
    info: LayerInfo,
    file: RasterFile,
    from_first: Option<Transformer>,
}

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
    let mut layers: Vec<Option<Layer>> = Vec::new();
    for path in &args.paths {
        match identify(path)
            .map_err(|e| e.to_string())
            .and_then(|info| RasterFile::open(&info.path).map(|file| (info, file)).map_err(|e| e.to_string()))
        {
            Ok((info, file)) => layers.push(Some(Layer { info, file, from_first: None })),
            Err(e) => {
                eprintln!("{e}");
                ok = false;
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
        for p in &args.paths {
            csv.push(',');
            csv.push_str(&p.to_string_lossy());
        }
        csv.push('\n');
    }
    let mut json_points = Vec::new();
    for (xs, ys) in &points {
        let (Ok(x), Ok(y)) = (xs.parse::<f64>(), ys.parse::<f64>()) else { continue };
        let map = match &input {
            InputCrs::Native => Some((x, y)),
            InputCrs::Pixel => Some((gt[0] + (x.floor() + 0.5) * gt[1], gt[3] + (y.floor() + 0.5) * gt[5])),
            InputCrs::Epsg(_) => to_first.as_ref().and_then(|t| t.transform(x, y)),
        };
        let mut values = Vec::new();
        let mut any_outside = false;
        for layer in &layers {
            let v = match (layer, map) {
                (Some(l), Some(m)) => read_value(l, m).unwrap_or_else(|e| {
                    eprintln!("{e}");
                    ok = false;
                    None
                }),
                _ => None,
            };
            if v.is_none() && layer.is_some() {
                any_outside = true;
            }
            values.push(v);
        }
        outside += any_outside as usize;
        if args.json {
            let layers_json: Vec<_> = layers
                .iter()
                .zip(&args.paths)
                .zip(&values)
                .map(|((l, path), v)| {
                    json!({
                        "path": path.to_string_lossy(),
                        "value": v.map(json_number),
                        "meaning": l.as_ref().zip(*v).map(|(l, v)| l.info.describe_value(v)),
                    })
                })
                .collect();
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

/// The base-level value of `layer` at map point `m` (in the first file's CRS).
fn read_value(layer: &Layer, m: (f64, f64)) -> Result<Option<f64>, String> {
    let (x, y) = match &layer.from_first {
        Some(t) => match t.transform(m.0, m.1) {
            Some(p) => p,
            None => return Ok(None),
        },
        None => m,
    };
    let gt = layer.info.meta.geo_transform_or_pixels();
    let col = ((x - gt[0]) / gt[1]).floor();
    let row = ((y - gt[3]) / gt[5]).floor();
    if !(col.is_finite() && row.is_finite()) {
        return Ok(None);
    }
    layer.file.read_pixel(col as i64, row as i64).map_err(|e| e.to_string())
}

/// Integers as JSON integers, other values as they are.
fn json_number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}
