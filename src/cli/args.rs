use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  clcplus-viewer                                   open the bundled synthetic demo tile set
  clcplus-viewer CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif
  clcplus-viewer tiles/                            open every raster of a folder
  clcplus-viewer info RAS.tif --json               what the file is: product, grid, levels, legend
  clcplus-viewer render RAS.tif --out ras.png --size 1920x1080
  clcplus-viewer render RAS.tif --out zoom.png --center 4450000,3650000 --resolution 10
  clcplus-viewer render RAS_S2021.tif --compare RAS_S2023.tif --mode swipe --split 0.3 --out swipe.png
  clcplus-viewer render RAS.tif --legend --title \"Land cover 2023\" --out figure.png   a figure for slides
  clcplus-viewer stats RAS.tif --csv                 class counts, km2 and shares of the whole tile
  clcplus-viewer stats RAS.tif --bbox 4450000,3600000,4460000,3610000
  clcplus-viewer pixel RAS.tif RASCL.tif --at 4451234,3605678
  echo '12.57 55.68' | clcplus-viewer pixel RAS.tif --crs EPSG:4326
  clcplus-viewer change RAS_S2021.tif RAS_S2023.tif --csv   from-to matrix of two years

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
    /// Class counts and areas, exact from the base level unless --level says otherwise.
    Stats(StatsArgs),
    /// Values of every layer at points (--at, or one "X Y" a line on standard input).
    Pixel(PixelArgs),
    /// From-to matrix of two class layers (two years of RAS or CORINE): exact, from the base level of the finer grid
    /// (a coarser layer or one in another CRS is resampled onto it, nearest neighbour, and a note says so).
    Change(ChangeArgs),
}

#[derive(Args, Debug)]
pub struct ChangeArgs {
    /// The older layer (values in the From column).
    pub old: PathBuf,
    /// The newer layer (values in the To column); on another grid than OLD, the coarser of the two is resampled.
    pub new: PathBuf,
    /// Only the pixels whose centres fall inside XMIN,YMIN,XMAX,YMAX (in the CRS of the finer layer).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// CSV with the columns From,To,Count,Area_km2, one row per pair present.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The raster file.
    pub path: PathBuf,
    /// Only the pixels whose centres fall inside XMIN,YMIN,XMAX,YMAX (in the file's CRS).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Count an overview instead of the base: 0 is the base, N the N-th overview (faster, approximate).
    #[arg(long, default_value_t = 0)]
    pub level: usize,
    /// CSV with the columns Value,Count,Class_name,Area_km2,Area_perc.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PixelArgs {
    /// Raster files; every one is read at each point.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// One point X,Y (otherwise points are read from standard input, one "X Y" a line).
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub at: Option<(f64, f64)>,
    /// CRS of the points: EPSG:NNNN (EPSG:4326 takes lon lat), or "pixel" for column row of the first file
    /// (default: the first file's CRS).
    #[arg(long)]
    pub crs: Option<String>,
    /// JSON with labels and meanings instead of CSV.
    #[arg(long)]
    pub json: bool,
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
    /// Raster files; the first is drawn on top and sets the CRS (files in another CRS are reprojected onto its grid).
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
    /// A second stack to compare with (repeat for more files; the first is on top), drawn in the CRS of PATH.
    #[arg(long = "compare", value_name = "PATH")]
    pub compare: Vec<PathBuf>,
    /// swipe: PATH left of (or above) the split, the --compare stack right of (or below) it, one camera for both;
    /// side-by-side: PATH in the left half, the --compare stack in the right, linked; change: the first PATH (old)
    /// against the first --compare file (new), changed pixels in colour over greyed unchanged ones.
    #[arg(long, value_enum, requires = "compare", default_value_t = CompareMode::Swipe)]
    pub mode: CompareMode,
    /// Where the swipe divider is, as a fraction of the image width (or height with --horizontal), 0 to 1.
    #[arg(long, default_value_t = 0.5, value_parser = parse_fraction)]
    pub split: f64,
    /// Swipe with a horizontal divider: PATH above it, the --compare stack below.
    #[arg(long)]
    pub horizontal: bool,
    /// Change mode: colour a changed pixel by the class it changed from or the class it changed to.
    #[arg(long, value_enum, default_value_t = ChangeColour::To)]
    pub colour_by: ChangeColour,
    /// Make a figure: the map with a legend of the classes in view, scale bar, north arrow, extent, date and the
    /// CLMS attribution with the product DOI where known (at least 480x320).
    #[arg(long)]
    pub legend: bool,
    /// A title above the map (makes a figure, as --legend does).
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareMode {
    Swipe,
    SideBySide,
    Change,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeColour {
    From,
    To,
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("'{s}' is not a fraction from 0 to 1")),
    }
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("'{s}' is not WxH, for example 1920x1080"))?;
    let parse = |v: &str| v.trim().parse::<u32>().ok().filter(|&n| n > 0 && n <= 16384);
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!("'{s}': width and height must be whole numbers from 1 to 16384")),
    }
}

fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("'{s}' is not XMIN,YMIN,XMAX,YMAX"))?;
    match v.as_slice() {
        &[a, b, c, d] if a <= c && b <= d && v.iter().all(|x| x.is_finite()) => Ok([a, b, c, d]),
        _ => Err(format!("'{s}': four numbers XMIN,YMIN,XMAX,YMAX with XMIN <= XMAX and YMIN <= YMAX")),
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
        assert_eq!(parse_bbox("1,2,3,4"), Ok([1.0, 2.0, 3.0, 4.0]));
        assert!(parse_bbox("3,2,1,4").is_err());
        assert!(parse_bbox("1,2,3").is_err());
    }
}
