use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  clcplus-viewer                                   open the bundled synthetic demo tile set
  clcplus-viewer CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif
  clcplus-viewer tiles/                            open every raster of a folder
  clcplus-viewer info RAS.tif --json               what the file is: product, grid, levels, legend
  clcplus-viewer render RAS.tif --out ras.png --size 1920x1080
  clcplus-viewer render RAS.tif --out zoom.png --center 4450000,3650000 --resolution 10

Exit codes: 0 success, 2 when an input could not be used or an argument is wrong.
Data: Copernicus Land Monitoring Service, https://land.copernicus.eu/";

/// Desktop viewer for Copernicus CLCplus Backbone tiles and related CLMS land-cover rasters.
#[derive(Parser, Debug)]
#[command(name = "clcplus-viewer", version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Raster files or folders to open in the window (none: the bundled synthetic demo tile set).
    pub paths: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// What a file is: product, layer, year, tile, CRS, size, levels, data type, nodata, legend, tile set.
    Info(InfoArgs),
    /// Draw layers into a PNG through the same GPU pipeline as the window, offscreen.
    Render(RenderArgs),
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// The raster file.
    pub path: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Raster files; the first is drawn on top and sets the CRS.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The PNG to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Image size in pixels, WxH.
    #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Map point at the centre of the image, X,Y in the first file's CRS (default: the centre of all layers).
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub center: Option<(f64, f64)>,
    /// Map units per image pixel (default: fit all layers in the image).
    #[arg(long)]
    pub resolution: Option<f64>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("'{s}' is not WxH, for example 1920x1080"))?;
    let parse = |v: &str| v.trim().parse::<u32>().ok().filter(|&n| n > 0 && n <= 16384);
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("'{s}': width and height must be whole numbers from 1 to 16384")),
    }
}

fn parse_point(s: &str) -> Result<(f64, f64), String> {
    let (x, y) = s.split_once(',').ok_or_else(|| format!("'{s}' is not X,Y"))?;
    match (x.trim().parse::<f64>(), y.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) if x.is_finite() && y.is_finite() => Ok((x, y)),
        _ => Err(format!("'{s}': X and Y must be numbers")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_points_parse() {
        assert_eq!(parse_size("1920x1080"), Ok((1920, 1080)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("big").is_err());
        assert_eq!(parse_point("4450000,-3.5"), Ok((4_450_000.0, -3.5)));
        assert!(parse_point("1;2").is_err());
    }
}
