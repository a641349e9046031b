//! `zonal`: class areas per zone of a polygon file, exact from the base level.

use std::path::Path;

use super::args::{ZonalArgs, ZonalRule};
use super::stack::open_one;
use crate::product::{LayerInfo, ValueKind};
use crate::raster::units_are_metres;
use crate::stats::{all_cores, count_zones, CountProgress, Rule, ZonalTable, ZoneShape};
use crate::vector::{read_zones, write_zones_gpkg, ZoneRecord, Zones};

pub fn run(args: &ZonalArgs) -> bool {
    let result = zonal(args).and_then(|(table, zones, notes, wkt)| {
        if let Some(out) = &args.out {
            write_out(out, &table, &zones, &wkt)?;
        }
        Ok((table, zones, notes))
    });
    match result {
        Ok((table, zones, notes)) => {
            for note in &notes {
                eprintln!("note: {note}");
            }
            if args.json {
                let doc = serde_json::json!({
                    "raster": args.raster.to_string_lossy(),
                    "zones": zones.path,
                    "rule": table.rule.name(),
                    "rows": table.rows_json(),
                    "notes": notes,
                });
                println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            } else if args.csv {
                print!("{}", table.to_csv());
            } else {
                print!("{}", table.to_text());
            }
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

/// The zones' table, the zones as read, and the notes for the user (repairs, zones outside the raster).
fn zonal(args: &ZonalArgs) -> Result<(ZonalTable, Zones, Vec<String>, String), String> {
    let info = open_one(&args.raster, args.layer)?;
    if info.legend.kind == ValueKind::Imagery {
        return Err(format!("{}: colour imagery holds no classes or values to count", info.file_path()));
    }
    let (gt, wkt) = grid(&info)?;
    let zones = read_zones(&args.zones, args.field.as_deref(), &wkt).map_err(|e| e.to_string())?;
    if zones.zones.is_empty() {
        return Err(format!("{}: the layer {} holds no features", zones.path, zones.layer));
    }
    let shapes: Vec<ZoneShape> = zones.zones.iter().map(|z| ZoneShape::from_map(&z.polygons, &gt)).collect();
    let rule = match args.rule {
        ZonalRule::Coverage => Rule::Coverage,
        ZonalRule::Centre => Rule::Centre,
    };
    let sums = count_zones(&info.path, &shapes, rule, info.legend.nodata, all_cores(), &CountProgress::default())
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: counting was cancelled", info.path))?;
    let mut notes = zones.notes.clone();
    let (cols, rows) = info.meta.size;
    for ((zone, shape), sums) in zones.zones.iter().zip(&shapes).zip(&sums) {
        if zone.polygons.is_empty() || sums.iter().any(|&s| s > 0.0) {
            continue;
        }
        notes.push(match shape.pixel_bounds(cols, rows) {
            None => format!("zone {}: lies outside {}; no rows", zone.name, info.file_path()),
            Some(_) => format!("zone {}: covers only nodata pixels of {}; no rows", zone.name, info.file_path()),
        });
    }
    let pixel_area = units_are_metres(&wkt).then(|| (gt[1] * gt[5]).abs());
    if pixel_area.is_none() {
        notes.push(format!("{}: its CRS is not in metres; areas are left out", info.file_path()));
    }
    let names: Vec<String> = zones.zones.iter().map(|z| z.name.clone()).collect();
    let table = ZonalTable::new(&names, &sums, &info.legend, pixel_area, rule);
    Ok((table, zones, notes, wkt))
}

/// Writes the zones with their class areas as fields (`km2_V` and `perc_V` for each value V met) into a new
/// GeoPackage, in the raster's CRS.
fn write_out(out: &Path, table: &ZonalTable, zones: &Zones, wkt: &str) -> Result<(), String> {
    let mut values: Vec<(u32, bool)> = table.rows.iter().map(|r| (r.value, r.technical)).collect();
    values.sort_unstable();
    values.dedup();
    let mut columns = Vec::new();
    for &(v, technical) in &values {
        columns.push(format!("km2_{v}"));
        if !technical {
            columns.push(format!("perc_{v}"));
        }
    }
    let records: Vec<ZoneRecord> = zones
        .zones
        .iter()
        .map(|zone| {
            let rows: Vec<_> = table.rows.iter().filter(|r| r.zone == zone.name).collect();
            let of = |v: u32| rows.iter().find(|r| r.value == v);
            let mut numbers = Vec::new();
            for &(v, technical) in &values {
                numbers.push(of(v).and_then(|r| r.area_km2).or(Some(0.0)));
                if !technical {
                    numbers.push(of(v).and_then(|r| r.area_perc).or(Some(0.0)));
                }
            }
            if zone.polygons.is_empty() || rows.is_empty() {
                numbers.iter_mut().for_each(|n| *n = None);
            }
            ZoneRecord { name: &zone.name, polygons: &zone.polygons, values: numbers }
        })
        .collect();
    let texts = [("rule", table.rule.name())];
    write_zones_gpkg(out, "zonal", wkt, &texts, &columns, &records).map_err(|e| e.to_string())
}

/// The raster's geotransform and CRS, which zones need to be placed on it.
fn grid(info: &LayerInfo) -> Result<([f64; 6], String), String> {
    let path = info.file_path();
    let gt = info.meta.geo_transform.ok_or_else(|| format!("{path}: has no georeferencing; zones cannot be placed"))?;
    if gt[2] != 0.0 || gt[4] != 0.0 {
        return Err(format!("{path}: a rotated grid is not supported for zones"));
    }
    let wkt = info.meta.crs_wkt.clone().filter(|w| !w.is_empty());
    let wkt = wkt.ok_or_else(|| format!("{path}: has no CRS; zones cannot be placed"))?;
    Ok((gt, wkt))
}
