//! `accuracy design` (a stratified random sample to label) and `accuracy report` (a map's accuracy and class areas
//! from the labelled sample, Olofsson et al. 2014).

use super::args::{AccuracyAction, AccuracyArgs, AccuracyDesignArgs, AccuracyReportArgs, AllocationRule};
use super::stack::open_one;
use super::stats::window_of;
use crate::figure::{accuracy_figure, write_png};
use crate::product::{LayerInfo, ValueKind};
use crate::pyramid::levels_for;
use crate::raster::RasterFile;
use crate::stats::{
    all_cores, allocate, assess, count_window, counts_in_zones, stratified_sample, strip_rows, AccuracyReport,
    Allocation, CountProgress, Estimate, PixelWindow, Rng, ZoneShape,
};
use crate::vector::{read_samples, read_zones, write_samples_gpkg};

pub fn run(args: &AccuracyArgs) -> bool {
    let report_args = match &args.action {
        AccuracyAction::Design(design_args) => return run_design(design_args),
        AccuracyAction::Report(report_args) => report_args,
    };
    let result = report(report_args).and_then(|(report, notes, info)| {
        if let Some(out) = &report_args.figure {
            let name = |c: u32| info.legend.entry(c).map_or_else(|| c.to_string(), |e| e.label.clone());
            let title = format!("Accuracy of {}", info.name);
            let figure = accuracy_figure(&report, &title, name, |c| info.legend.colour_of(c))?;
            write_png(out, &figure)?;
        }
        Ok(((report, notes, info), report_args))
    });
    match result {
        Ok(((report, notes, info), args)) => {
            for note in &notes {
                eprintln!("note: {note}");
            }
            let name = |c: u32| info.legend.entry(c).map_or_else(|| c.to_string(), |e| e.label.clone());
            if args.json {
                let mut doc = serde_json::to_value(&report).unwrap_or_default();
                if let Some(obj) = doc.as_object_mut() {
                    obj.insert("map".into(), args.map.to_string_lossy().into());
                    obj.insert("samples".into(), args.samples.to_string_lossy().into());
                    obj.insert("notes".into(), notes.into());
                }
                println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            } else if args.csv {
                print!("{}", report.to_csv(name));
            } else {
                print!("{}", to_text(&report, name));
            }
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

fn run_design(args: &AccuracyDesignArgs) -> bool {
    match design(args) {
        Ok(lines) => {
            print!("{lines}");
            true
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    }
}

/// Draws and writes the sample; returns what it wrote, a line per class.
fn design(args: &AccuracyDesignArgs) -> Result<String, String> {
    if args.out.exists() {
        return Err(format!("{}: the file exists; it is not overwritten (choose a new name)", args.out.display()));
    }
    let info = open_one(&args.map, args.layer)?;
    if info.legend.kind != ValueKind::Categorical {
        return Err(format!("{}: not a class map (samples are drawn by class)", info.file_path()));
    }
    let path = info.file_path().to_string();
    let gt = info.meta.geo_transform.ok_or_else(|| format!("{path}: has no georeferencing"))?;
    let wkt = info.meta.crs_wkt.clone().filter(|w| !w.is_empty()).ok_or_else(|| format!("{path}: has no CRS"))?;
    let levels = levels_for(&info.meta, true);
    let window = window_of(&info, &levels[0], args.bbox)?;
    // The study area: the zones' polygons in the map's pixels.
    let zones: Vec<ZoneShape> = match &args.zones {
        Some(file) => {
            let zones = read_zones(file, None, &wkt).map_err(|e| e.to_string())?;
            zones.zones.iter().map(|z| ZoneShape::from_map(&z.polygons, &gt)).filter(|z| !z.rings.is_empty()).collect()
        }
        None => Vec::new(),
    };
    if let (Some(file), true) = (&args.zones, zones.is_empty()) {
        return Err(format!("{}: no polygon to sample in", file.display()));
    }
    let counts: Vec<(u32, u64)> = if zones.is_empty() {
        count_window(&info.path, 0, window, all_cores(), strip_rows(info.meta.block_size.1), &CountProgress::default())
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{path}: counting was cancelled"))?
            .present()
            .collect()
    } else {
        counts_in_zones(&info.path, window, &zones).map_err(|e| e.to_string())?
    };
    // Land-cover classes only: technical codes and nodata are never strata.
    let technical = |v: u32| info.legend.is_technical(v) || info.legend.nodata == Some(v);
    let strata: Vec<(u32, u64)> = counts.into_iter().filter(|(v, _)| !technical(*v)).collect();
    if strata.is_empty() {
        return Err(format!("{path}: no land-cover class in the area to sample"));
    }
    let allocation = match (args.per_class, args.total, args.allocation) {
        (Some(n), _, _) => Allocation::PerClass(n),
        (None, Some(total), Some(AllocationRule::Equal)) => Allocation::Equal { total, min: args.min_per_class },
        (None, Some(total), _) => Allocation::Proportional { total, min: args.min_per_class },
        (None, None, _) => return Err("give --per-class N, or --total N with --allocation".into()),
    };
    let allocated = allocate(&strata, allocation);
    let wanted: Vec<(u32, u64, u64)> =
        allocated.iter().zip(&strata).map(|(&(class, n), &(_, pixels))| (class, n, pixels)).collect();
    let picked =
        stratified_sample(&info.path, window, &zones, &wanted, &mut Rng::new(args.seed)).map_err(|e| e.to_string())?;
    let points: Vec<(u64, f64, f64, u32)> = picked
        .iter()
        .enumerate()
        .map(|(i, &(class, (col, row)))| {
            (i as u64 + 1, gt[0] + (col as f64 + 0.5) * gt[1], gt[3] + (row as f64 + 0.5) * gt[5], class)
        })
        .collect();
    write_samples_gpkg(&args.out, &wkt, &points).map_err(|e| e.to_string())?;
    let mut lines = format!("{} samples written to {} (seed {})\n", points.len(), args.out.display(), args.seed);
    for (class, n) in &allocated {
        let name = info.legend.entry(*class).map_or_else(|| class.to_string(), |e| e.label.clone());
        lines.push_str(&format!("{class:>6}  {name:<40} {n:>6}\n"));
    }
    Ok(lines)
}

/// The report, the notes on samples left out, and the map layer.
fn report(args: &AccuracyReportArgs) -> Result<(AccuracyReport, Vec<String>, LayerInfo), String> {
    let info = open_one(&args.map, args.layer)?;
    if info.legend.kind != ValueKind::Categorical {
        return Err(format!("{}: not a class map (accuracy is assessed on classes)", info.file_path()));
    }
    let path = info.file_path().to_string();
    let gt = info.meta.geo_transform.ok_or_else(|| format!("{path}: has no georeferencing"))?;
    let wkt = info.meta.crs_wkt.clone().filter(|w| !w.is_empty()).ok_or_else(|| format!("{path}: has no CRS"))?;
    let samples = read_samples(&args.samples, &args.ref_field, &wkt).map_err(|e| e.to_string())?;
    let mut notes = samples.notes.clone();
    let file = RasterFile::open(&info.path).map_err(|e| e.to_string())?;
    let technical = |v: u32| info.legend.is_technical(v) || info.legend.nodata == Some(v);
    // Each sample's stratum is the map's class at its point, read from the base level.
    let (mut outside, mut no_class, mut unlabelled, mut bad_reference) = (Vec::new(), Vec::new(), 0, Vec::new());
    let mut pairs = Vec::new();
    for s in &samples.samples {
        let (col, row) = (((s.x - gt[0]) / gt[1]).floor() as i64, ((s.y - gt[3]) / gt[5]).floor() as i64);
        let value = file.read_pixel(col, row).map_err(|e| e.to_string())?;
        let Some(value) = value else {
            outside.push(s.fid);
            continue;
        };
        let map = value as u32;
        if technical(map) {
            no_class.push(s.fid);
            continue;
        }
        match s.reference {
            None => unlabelled += 1,
            Some(r) if technical(r) => bad_reference.push(s.fid),
            Some(r) => pairs.push((map, r)),
        }
    }
    let list = |fids: &[u64]| fids.iter().take(10).map(|f| f.to_string()).collect::<Vec<_>>().join(", ");
    if !outside.is_empty() {
        notes.push(format!("{} sample(s) outside the map left out (ids {})", outside.len(), list(&outside)));
    }
    if !no_class.is_empty() {
        notes.push(format!(
            "{} sample(s) on nodata or a technical code left out (ids {})",
            no_class.len(),
            list(&no_class)
        ));
    }
    if !bad_reference.is_empty() {
        notes.push(format!(
            "{} sample(s) labelled with nodata or a technical code left out (ids {})",
            bad_reference.len(),
            list(&bad_reference)
        ));
    }
    if unlabelled > 0 {
        notes.push(format!("{unlabelled} sample(s) not labelled yet left out"));
    }
    if pairs.is_empty() {
        return Err(format!("{}: no labelled sample on a class of {path}", samples.path));
    }
    // The strata's weights: mapped areas from an exact count of the whole map.
    let (cols, rows) = info.meta.size;
    let window = PixelWindow { x: 0, y: 0, w: cols, h: rows };
    let counts =
        count_window(&info.path, 0, window, all_cores(), strip_rows(info.meta.block_size.1), &CountProgress::default())
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{path}: counting was cancelled"))?;
    let pixel_km2 = (gt[1] * gt[5]).abs() / 1e6;
    let mapped: Vec<(u32, f64)> =
        counts.present().filter(|(v, _)| !technical(*v)).map(|(v, n)| (v, n as f64 * pixel_km2)).collect();
    Ok((assess(&pairs, &mapped), notes, info))
}

fn fmt(e: &Estimate, decimals: usize) -> (String, String) {
    (e.estimate_text(decimals), e.ci95_text(decimals))
}

/// The error matrix and the estimates, aligned for people.
fn to_text(r: &AccuracyReport, name: impl Fn(u32) -> String) -> String {
    let (oa, oa_ci) = fmt(&r.overall_accuracy, 4);
    let mut out = format!("{} labelled samples; overall accuracy {oa} +- {oa_ci} (95 % interval, 1.96 SE)\n\n", r.n);
    let counts: Vec<Vec<String>> =
        r.error_matrix.iter().map(|row| row.iter().map(|n| n.to_string()).collect()).collect();
    let areas: Vec<Vec<String>> =
        r.area_matrix.iter().map(|row| row.iter().map(|p| format!("{p:.4}")).collect()).collect();
    for (heading, cells) in [
        ("Error matrix (samples; rows map, columns reference)", counts),
        ("Error matrix (estimated proportions of area; rows map, columns reference)", areas),
    ] {
        out.push_str(heading);
        out.push('\n');
        out.push_str(&format!("{:>8}", ""));
        for c in &r.classes {
            out.push_str(&format!("{c:>8}"));
        }
        out.push('\n');
        for (c, row) in r.classes.iter().zip(cells) {
            out.push_str(&format!("{c:>8}"));
            for cell in row {
                out.push_str(&format!("{cell:>8}"));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{:>6}  {:<28} {:>5} {:>12} {:>18} {:>18} {:>26}\n",
        "Class", "Name", "n", "Mapped km2", "User's", "Producer's", "Area km2"
    ));
    for c in &r.per_class {
        let pm = |e: &Estimate, d: usize| {
            let (v, ci) = fmt(e, d);
            if v.is_empty() {
                "not estimable".to_string()
            } else if ci.is_empty() {
                format!("{v} (no interval)")
            } else {
                format!("{v} +- {ci}")
            }
        };
        let class_name: String = name(c.class).chars().take(28).collect();
        out.push_str(&format!(
            "{:>6}  {class_name:<28} {:>5} {:>12.4} {:>18} {:>18} {:>26}\n",
            c.class,
            c.n,
            c.mapped_km2,
            pm(&c.users_accuracy, 4),
            pm(&c.producers_accuracy, 4),
            pm(&c.area_km2, 4)
        ));
    }
    out
}
