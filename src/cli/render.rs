use std::io::BufWriter;

use super::args::RenderArgs;
use super::stack::{draw_list_with_all_tiles, load_stack};
use crate::render::Offscreen;
use crate::view::Camera;

/// GPU texture budget of the offscreen renderer.
const GPU_BUDGET: usize = 512 << 20;

pub fn run(args: &RenderArgs) -> bool {
    let loaded = load_stack(&args.paths);
    for e in &loaded.errors {
        eprintln!("{e}");
    }
    let mut stack = loaded.stack;
    let Some(extent) = stack.extent() else {
        eprintln!("render: none of the inputs could be used");
        return false;
    };
    let size = [args.size.0 as f64, args.size.1 as f64];
    let mut camera = Camera::fit(extent, size);
    if let Some((x, y)) = args.center {
        camera.center = [x, y];
    }
    if let Some(res) = args.resolution {
        if !(res.is_finite() && res > 0.0) {
            eprintln!("render: --resolution must be a positive number of map units per pixel");
            return false;
        }
        camera.res = res;
    }
    let list = match draw_list_with_all_tiles(&camera, size, &mut stack) {
        Ok(list) => list,
        Err(e) => {
            eprintln!("render: {e}");
            return false;
        }
    };
    let rgba = match Offscreen::new(GPU_BUDGET).and_then(|mut gpu| gpu.render(&list)) {
        Ok(rgba) => rgba,
        Err(e) => {
            eprintln!("render: {e}");
            return false;
        }
    };
    if let Err(e) = write_png(&args.out, args.size, &rgba) {
        eprintln!("{}: cannot write the PNG: {e}", args.out.display());
        return false;
    }
    loaded.errors.is_empty()
}

/// Writes RGBA8 pixels as a PNG, with the attribution the CLMS terms require as a text chunk.
pub fn write_png(path: &std::path::Path, size: (u32, u32), rgba: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::create(path)?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), size.0, size.1);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.add_text_chunk("Source".into(), ATTRIBUTION.into())?;
    encoder.add_text_chunk("Software".into(), format!("clcplus-viewer {}", env!("CARGO_PKG_VERSION")))?;
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(())
}

/// The CLMS attribution (DESIGN.md "Facts that shape the code").
pub const ATTRIBUTION: &str = "Generated using European Union's Copernicus Land Monitoring Service information";
