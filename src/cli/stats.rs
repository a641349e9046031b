use super::args::StatsArgs;
use super::stack::open_one;
use crate::product::LayerInfo;
use crate::pyramid::{levels_for, Level};
use crate::stats::{all_cores, bbox_window, count_window, strip_rows, ClassTable, CountProgress, PixelWindow};

pub fn run(args: &StatsArgs) -> bool {
    match table(args) {
        Ok((table, window)) => {
            if args.json {
                let mut doc = table.to_json();
                if let Some(obj) = doc.as_object_mut() {
                    obj.insert("path".into(), args.path.to_string_lossy().into());
                    obj.insert("level".into(), args.level.into());
                    obj.insert("exact".into(), (args.level == 0).into());
                    obj.insert("window".into(), serde_json::json!(window));
                }
                println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            } else if args.csv {
                print!("{}", table.to_csv());
            } else {
                if args.level > 0 {
                    println!("approximate: counted on overview {} (pixels of {} m2)", args.level, table.pixel_area_m2);
                }
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

fn table(args: &StatsArgs) -> Result<(ClassTable, PixelWindow), String> {
    let info = open_one(&args.path, args.layer)?;
    if info.legend.kind == crate::product::ValueKind::Imagery {
        return Err(format!("{}: colour imagery holds no classes or values to count", info.file_path()));
    }
    let levels = levels_for(&info.meta, true);
    let level = levels.get(args.level).ok_or_else(|| {
        format!("{}: no level {} (it has the base and {} overviews)", info.path, args.level, levels.len() - 1)
    })?;
    let window = window_of(&info, level, args.bbox)?;
    let counts = count_window(
        &info.path,
        args.level,
        window,
        all_cores(),
        strip_rows(info.meta.block_size.1),
        &CountProgress::default(),
    )
    .map_err(|e| e.to_string())?
    .ok_or_else(|| format!("{}: counting was cancelled", info.path))?;
    let pixel_area = level.pixel_size.0 * level.pixel_size.1;
    Ok((ClassTable::new(&counts, &info.legend, pixel_area), window))
}

/// The pixels of `level` whose centres fall inside `bbox`, or the whole level.
pub(super) fn window_of(info: &LayerInfo, level: &Level, bbox: Option<[f64; 4]>) -> Result<PixelWindow, String> {
    let gt = info.meta.geo_transform_or_pixels();
    match bbox {
        Some(bbox) => bbox_window(bbox, (gt[0], gt[3]), level.pixel_size, (level.cols, level.rows))
            .ok_or_else(|| format!("{}: no pixel centre inside the bounding box", info.path)),
        None => Ok(PixelWindow { x: 0, y: 0, w: level.cols, h: level.rows }),
    }
}
