use serde_json::{json, Value};

use super::args::InfoArgs;
use super::stack::open_one;
use crate::product::{LayerInfo, ValueKind};
use crate::pyramid::{coarse_sizes_for, levels_for, PyramidBuild};

pub fn run(args: &InfoArgs) -> bool {
    match open_one(&args.path, args.layer) {
        Ok(info) => {
            if args.json {
                let mut doc = to_json(&info);
                if info.mosaic.is_some() {
                    // The mosaic's VRT lives in memory: the path the user gave names it.
                    doc["path"] = json!(args.path.to_string_lossy());
                }
                if let Some(r) = &info.recoded {
                    doc["path"] = json!(r.source_path);
                    doc["dtype"] = json!(r.source_dtype.name());
                    doc["nodata"] = json!(r.source_nodata);
                    doc["read_as"] = json!(r.how);
                }
                match serde_json::to_string_pretty(&doc) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("{}: {e}", args.path.display());
                        return false;
                    }
                }
            } else {
                print_text(&info, &args.path.to_string_lossy());
            }
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

/// The `info --json` document (DESIGN.md "info --json").
pub fn to_json(info: &LayerInfo) -> Value {
    let m = &info.meta;
    let gt = m.geo_transform_or_pixels();
    let levels: Vec<Value> = levels_for(m, true)
        .iter()
        .enumerate()
        .map(|(i, l)| json!({"level": i, "cols": l.cols, "rows": l.rows}))
        .collect();
    let entries: Vec<Value> = info
        .legend
        .entries
        .iter()
        .map(|e| {
            let mut v = json!({
                "code": e.code,
                "label": e.label,
                "rgb": [e.rgba[0], e.rgba[1], e.rgba[2]],
                "alpha": e.rgba[3],
                "technical": e.technical,
                "description": e.description,
                "source_section": e.source_section,
            });
            if let (Some(clc), Some(obj)) = (&e.clc, v.as_object_mut()) {
                obj.insert("clc_code".into(), json!(clc.clc_code));
                obj.insert("level1".into(), json!(clc.level1));
                obj.insert("level2".into(), json!(clc.level2));
                obj.insert("level3".into(), json!(clc.level3));
            }
            v
        })
        .collect();
    json!({
        "path": info.path,
        "product": info.product.as_ref().map(|p| json!({
            "family": p.family.display(),
            "layer": p.layer.canonical(),
            "year": p.year,
            "tile": p.tile,
            "area": p.area,
            "epsg_in_name": p.epsg,
        })),
        "identity": identity_json(info),
        "mosaic": info.mosaic.as_ref().map(|m| json!({"tiles": m.tiles, "count": m.tiles.len()})),
        "synthetic_demo": m.synthetic,
        "driver": m.driver,
        "crs": {"epsg": m.epsg, "georeferenced": m.geo_transform.is_some()},
        "size": [m.size.0, m.size.1],
        "pixel_size": [gt[1], gt[5]],
        "extent": m.extent(),
        "levels": levels,
        "overviews": info.overviews,
        "block_size": [m.block_size.0, m.block_size.1],
        "dtype": m.dtype.name(),
        "nodata": m.nodata,
        "legend": {
            "source": info.legend.source.describe(),
            "kind": info.legend.kind,
            "about": info.legend.about,
            "entries": entries,
        },
        "tileset": info.tileset,
        "coarse_levels": coarse_levels_json(info),
    })
}

/// The levels the viewer builds above the coarsest overview of a huge layer, and whether the cache holds them.
fn coarse_levels_json(info: &LayerInfo) -> Value {
    let coarse = coarse_sizes_for(&info.meta);
    if coarse.is_empty() {
        return Value::Null;
    }
    let levels: Vec<Value> = coarse.iter().map(|(w, h)| json!({"cols": w, "rows": h})).collect();
    json!({"levels": levels, "cached": PyramidBuild::cached_coarse(&info.path, coarse).is_some()})
}

/// `{"source": "file_name" | "source_names" | "palette" | "unknown", ..., "text": "from ..."}`.
fn identity_json(info: &LayerInfo) -> Value {
    let mut v = serde_json::to_value(&info.identity).unwrap_or_else(|_| json!({}));
    if let Some(obj) = v.as_object_mut() {
        obj.insert("text".into(), json!(info.identity.describe()));
    }
    v
}

fn print_text(info: &LayerInfo, given: &str) {
    let m = &info.meta;
    let gt = m.geo_transform_or_pixels();
    match &info.mosaic {
        Some(_) => println!("{given}: {}", info.name),
        None => println!("{}", info.file_path()),
    }
    match &info.product {
        Some(p) => {
            let place = p.tile.clone().or_else(|| p.area.clone());
            let place = match &info.mosaic {
                Some(mosaic) => format!("mosaic of {} tiles", mosaic.tiles.len()),
                None => place.unwrap_or_else(|| "-".into()),
            };
            let year = p.year.map_or("-".to_string(), |y| y.to_string());
            println!("  product     {} {} {year}, {place}", p.family.display(), p.layer.canonical());
        }
        None => println!("  product     not a known CLMS product"),
    }
    println!("  identity    {}", info.identity.describe());
    if m.synthetic {
        println!("  note        synthetic demo data, not a real CLMS product");
    }
    let crs = m.epsg.map_or_else(
        || if m.geo_transform.is_some() { "unknown CRS".into() } else { "none (pixel coordinates)".into() },
        |e| format!("EPSG:{e}"),
    );
    println!("  crs         {crs}");
    let bands = match m.band_count {
        1 => "1 band".to_string(),
        3 if info.legend.kind == ValueKind::Imagery => "3 bands (red, green, blue)".to_string(),
        4 if info.legend.kind == ValueKind::Imagery => "4 bands (red, green, blue, alpha)".to_string(),
        n => format!("{n} bands, of which band 1 is read and shown"),
    };
    let dtype = info.recoded.as_ref().map_or(m.dtype, |r| r.source_dtype);
    println!("  size        {} x {} px, {bands}, {}", m.size.0, m.size.1, dtype.name());
    if let Some(r) = &info.recoded {
        println!("  read as     {} (through a VRT in memory; values read from the file)", r.how);
    }
    println!("  pixel size  {} x {}", gt[1], gt[5].abs());
    let e = m.extent();
    println!("  extent      {} {} {} {}", e[0], e[1], e[2], e[3]);
    let levels = levels_for(m, true);
    let sizes: Vec<String> = levels.iter().map(|l| format!("{}x{}", l.cols, l.rows)).collect();
    println!("  levels      {}", sizes.join(", "));
    let coarse = coarse_sizes_for(m);
    if !coarse.is_empty() {
        let sizes: Vec<String> = coarse.iter().map(|(w, h)| format!("{w}x{h}")).collect();
        let state = match PyramidBuild::cached_coarse(&info.path, coarse) {
            Some(_) => "built, in the cache folder",
            None => "not built yet: the window builds them, render when it must",
        };
        println!("  coarse      {} ({state})", sizes.join(", "));
    }
    if info.overviews.needs_own_pyramid() {
        println!("  overviews   {:?}: the viewer builds its own pyramid in memory", info.overviews);
    }
    println!("  nodata      {}", m.nodata.map_or("none".to_string(), |v| v.to_string()));
    let kind = match &info.legend.kind {
        ValueKind::Categorical => "classes".to_string(),
        ValueKind::Continuous { unit, .. } if info.legend.scale.is_some() => {
            let (lo, hi) = info.legend.scale.unwrap_or_default();
            format!("continuous {lo}..{hi} {unit}, drawn and counted in 254 steps").replace("  ", " ")
        }
        ValueKind::Continuous { min, max, unit } => format!("continuous {min}..{max} {unit}"),
        ValueKind::Imagery => "imagery, drawn in its own colours".to_string(),
    };
    println!("  legend      {kind}, from the {}", info.legend.source.describe());
    let continuous = !info.is_categorical();
    let shown: Vec<_> = info.legend.entries.iter().filter(|e| !continuous || e.technical || e.code % 10 == 0).collect();
    for e in shown {
        let tech = if e.technical { "  (technical)" } else { "" };
        println!("    {:>5}  #{:02X}{:02X}{:02X}  {}{tech}", e.code, e.rgba[0], e.rgba[1], e.rgba[2], e.label);
    }
    if let Some(mosaic) = &info.mosaic {
        println!("  tiles");
        for t in &mosaic.tiles {
            println!("    {t}");
        }
    }
    if info.tileset.len() > 1 {
        println!("  tile set");
        for p in &info.tileset {
            println!("    {p}");
        }
    }
}
