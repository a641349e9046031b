use super::args::ChangeArgs;
use super::stats::{strip_rows, threads, window_of};
use crate::product::identify;
use crate::pyramid::levels_for;
use crate::stats::{count_pairs, ChangeTable, CountProgress, PixelWindow};

pub fn run(args: &ChangeArgs) -> bool {
    match table(args) {
        Ok((table, window)) => {
            if args.json {
                let mut doc = table.to_json();
                if let Some(obj) = doc.as_object_mut() {
                    obj.insert("old".into(), args.old.to_string_lossy().into());
                    obj.insert("new".into(), args.new.to_string_lossy().into());
                    obj.insert("window".into(), serde_json::json!(window));
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

/// The exact from-to table of the base levels, refused when the two grids differ.
fn table(args: &ChangeArgs) -> Result<(ChangeTable, PixelWindow), String> {
    let old = identify(&args.old).map_err(|e| e.to_string())?;
    let new = identify(&args.new).map_err(|e| e.to_string())?;
    if let Some(reason) = old.grid_mismatch(&new) {
        return Err(format!("change: {reason}; pixels cannot be paired one to one (resample one onto the other's grid first, for example with gdalwarp -r near)"));
    }
    let levels = levels_for(&old.meta, true);
    let base = &levels[0];
    let window = window_of(&old, base, args.bbox)?;
    let pairs = count_pairs(&old.path, &new.path, window, threads(), strip_rows(&old), &CountProgress::default())
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: counting was cancelled", old.path))?;
    let pixel_area = base.pixel_size.0 * base.pixel_size.1;
    Ok((ChangeTable::new(&pairs, &old.legend, &new.legend, pixel_area), window))
}
