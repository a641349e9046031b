use super::args::ChangeArgs;
use super::stack::open_one;
use super::stats::window_of;
use crate::product::LayerInfo;
use crate::pyramid::levels_for;
use crate::raster::Aligned;
use crate::stats::{all_cores, count_pairs, strip_rows, ChangeTable, CountProgress, PixelWindow};

pub fn run(args: &ChangeArgs) -> bool {
    match table(args) {
        Ok((table, window, note)) => {
            if let Some(note) = &note {
                eprintln!("note: {note}");
            }
            if args.json {
                let mut doc = table.to_json();
                if let Some(obj) = doc.as_object_mut() {
                    obj.insert("old".into(), args.old.to_string_lossy().into());
                    obj.insert("new".into(), args.new.to_string_lossy().into());
                    obj.insert("window".into(), serde_json::json!(window));
                    obj.insert("resampled".into(), serde_json::json!(note));
                }
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

/// The exact from-to table of the base levels. When the grids differ, the coarser layer is resampled on the fly
/// (nearest) onto the finer one's grid, which the table is then counted on; the note says so.
fn table(args: &ChangeArgs) -> Result<(ChangeTable, PixelWindow, Option<String>), String> {
    let old = open_one(&args.old, args.layer)?;
    let new = open_one(&args.new, args.layer)?;
    // The finer grid is the one counted on (the older layer's when both are alike).
    let new_is_finer = pixel_area(&new) < pixel_area(&old) * 0.999;
    let (target, other) = if new_is_finer { (&new, &old) } else { (&old, &new) };
    let aligned = target.align(other).map_err(|reason| format!("change: {reason}"))?;
    let note = aligned.onto.is_some().then(|| target.resampling_note(other));
    let (a, b) = if new_is_finer {
        (aligned, Aligned::as_is(new.path.as_str()))
    } else {
        (Aligned::as_is(old.path.as_str()), aligned)
    };
    let levels = levels_for(&target.meta, true);
    let base = &levels[0];
    let window = window_of(target, base, args.bbox)?;
    let pairs =
        count_pairs(&a, &b, window, all_cores(), strip_rows(target.meta.block_size.1), &CountProgress::default())
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{}: counting was cancelled", target.path))?;
    let pixel_area = base.pixel_size.0 * base.pixel_size.1;
    Ok((ChangeTable::new(&pairs, &old.legend, &new.legend, pixel_area), window, note))
}

/// The area of one base pixel, in map units squared.
fn pixel_area(info: &LayerInfo) -> f64 {
    let gt = info.meta.geo_transform_or_pixels();
    (gt[1] * gt[5]).abs()
}
