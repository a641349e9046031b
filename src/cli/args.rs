use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::product::LayerChoice;

/// One example of use: the command line and what it does. `--help` and the man page are written from these lists.
pub struct Example {
    pub command: &'static str,
    pub what: &'static str,
}

const fn ex(command: &'static str, what: &'static str) -> Example {
    Example { command, what }
}

/// Opening the window.
const WINDOW_EXAMPLES: &[Example] = &[
    ex("clcplus-viewer", "open the bundled synthetic demo tile set"),
    ex("clcplus-viewer CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif", "open a CLCplus Backbone tile"),
    ex("clcplus-viewer tiles/", "open a folder: the tiles of each product layer and year as one mosaic layer"),
    ex("clcplus-viewer lesson.json", "open a session saved with File > Save session"),
];
const INFO_EXAMPLES: &[Example] = &[
    ex("clcplus-viewer info RAS.tif", "what the file is: product, grid, levels, legend"),
    ex("clcplus-viewer info RAS.tif --json", "the same as JSON, with the class descriptions"),
    ex("clcplus-viewer info tiles/ --layer RAS:2023", "a folder's RAS 2023 tiles as one mosaic: tiles, extent, levels"),
    ex(
        "clcplus-viewer info https://example.org/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif",
        "a COG on a web server, read with HTTP range requests",
    ),
];
const RENDER_EXAMPLES: &[Example] = &[
    ex("clcplus-viewer render RAS.tif --out ras.png --size 1920x1080", "the whole file in a PNG"),
    ex(
        "clcplus-viewer render RAS.tif --out zoom.png --center 4450000,3650000 --resolution 10",
        "one data pixel per image pixel around a point",
    ),
    ex(
        "clcplus-viewer render RAS_S2021.tif --compare RAS_S2023.tif --mode swipe --split 0.3 --out swipe.png",
        "two years, swiped",
    ),
    ex(
        "clcplus-viewer render RAS.tif --legend --title \"Land cover 2023\" --out figure.png",
        "a figure for slides: legend, scale bar, north arrow, attribution",
    ),
    ex("clcplus-viewer render --session lesson.json --out lesson.png", "the view of a session saved in the window"),
];
const STATS_EXAMPLES: &[Example] = &[
    ex("clcplus-viewer stats RAS.tif --csv", "class counts, km2 and shares of the whole tile"),
    ex("clcplus-viewer stats RAS.tif --bbox 4450000,3600000,4460000,3610000", "the same for a box"),
    ex("clcplus-viewer stats tiles/ --layer RAS --csv", "exact counts of a mosaic of tiles, all of them at once"),
];
const PIXEL_EXAMPLES: &[Example] = &[
    ex("clcplus-viewer pixel RAS.tif RASCL.tif --at 4451234,3605678", "the values of two layers at a point"),
    ex(
        "echo '12.57 55.68' | clcplus-viewer pixel RAS.tif --crs EPSG:4326",
        "points read from standard input, as lon lat",
    ),
];
const CHANGE_EXAMPLES: &[Example] =
    &[ex("clcplus-viewer change RAS_S2021.tif RAS_S2023.tif --csv", "the from-to matrix of two years")];
const ACCURACY_EXAMPLES: &[Example] = &[
    ex(
        "clcplus-viewer accuracy design RAS.tif --out samples.gpkg --per-class 100 --seed 7",
        "a stratified random sample of 100 points a land-cover class, at pixel centres, to label",
    ),
    ex(
        "clcplus-viewer accuracy design RAS.tif --out samples.gpkg --total 1000 --allocation proportional --min-per-class 50",
        "1000 points shared by area, at least 50 a class",
    ),
    ex(
        "clcplus-viewer accuracy report RAS.tif samples.gpkg --json",
        "overall, user's and producer's accuracy and class areas with 95 % intervals from labelled samples",
    ),
];
const ZONAL_EXAMPLES: &[Example] = &[
    ex(
        "clcplus-viewer zonal RAS.tif --zones municipalities.gpkg --field name --csv",
        "class areas per municipality, each pixel counted with the share of it inside",
    ),
    ex(
        "clcplus-viewer zonal tiles/ --layer RAS:2023 --zones nuts3.geojson --rule centre --json",
        "over a mosaic, counting the pixels whose centres fall inside, as gdal_rasterize does",
    ),
    ex(
        "clcplus-viewer zonal RAS.tif --zones parcels.shp --out parcels_classes.gpkg",
        "the zones with their class areas as fields, for QGIS",
    ),
];

/// What `--help` and the man page say the program is, below its one-line description from Cargo.toml.
const LONG_ABOUT: &str = "Desktop viewer for Copernicus CLCplus Backbone and related CLMS land-cover rasters.\n\n\
Given no subcommand, it opens the files or folders in a window (none: the bundled synthetic demo tile set): \
CLCplus Backbone tiles and their RASCL, RASDL and RASPL layers, Imperviousness Density, Crop Types and CORINE Land \
Cover, drawn pixel-exact through a GPU texture pyramid, with a legend of exact class areas, a per-pixel inspector, \
histograms, comparisons of layers and years, and teaching tools. The subcommands do the same work without a window, \
for scripts.\n\n\
Every PATH may also be an http:// or https:// URL of a cloud-optimized GeoTIFF on a server that supports range \
requests: only the parts needed are downloaded (GDAL_HTTP_TIMEOUT, in seconds, bounds each request; 30 by \
default). Local files never make a network request: a local VRT naming a network source is refused.";

/// The exit codes, for `--help` and the man page.
pub const EXIT_STATUS: &str = "Exit codes: 0 success, 2 when an input could not be used or an argument is wrong.";
const DATA_SOURCE: &str = "Data: Copernicus Land Monitoring Service, https://land.copernicus.eu/";

/// Every example, the window's first: what `clcplus-viewer --help` lists.
pub fn all_examples() -> impl Iterator<Item = &'static Example> {
    [
        WINDOW_EXAMPLES,
        INFO_EXAMPLES,
        RENDER_EXAMPLES,
        STATS_EXAMPLES,
        PIXEL_EXAMPLES,
        CHANGE_EXAMPLES,
        ZONAL_EXAMPLES,
        ACCURACY_EXAMPLES,
    ]
    .into_iter()
    .flatten()
}

/// The examples of a subcommand, by its name.
pub fn examples_of(subcommand: &str) -> Option<&'static [Example]> {
    match subcommand {
        "info" => Some(INFO_EXAMPLES),
        "render" => Some(RENDER_EXAMPLES),
        "stats" => Some(STATS_EXAMPLES),
        "pixel" => Some(PIXEL_EXAMPLES),
        "change" => Some(CHANGE_EXAMPLES),
        "zonal" => Some(ZONAL_EXAMPLES),
        "accuracy" => Some(ACCURACY_EXAMPLES),
        _ => None,
    }
}

/// The text after `--help`'s options: the examples, each command with what it does under it, then the exit codes.
fn after_help<'a>(examples: impl IntoIterator<Item = &'a Example>) -> String {
    let mut text = String::from("Examples:\n");
    for e in examples {
        text.push_str(&format!("  {}\n      {}\n", e.command, e.what));
    }
    format!("{text}\n{EXIT_STATUS}\n{DATA_SOURCE}")
}

/// Desktop viewer for Copernicus CLCplus Backbone tiles and related CLMS land-cover rasters.
#[derive(Parser, Debug)]
#[command(name = "clcplus-viewer", version, about, long_about = LONG_ABOUT, after_help = after_help(all_examples()), args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Raster files or folders to open in the window (none: the bundled synthetic demo tile set).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// What a file is: product, layer, year, tile, CRS, size, levels, data type, nodata, legend, tile set.
    #[command(after_help = after_help(INFO_EXAMPLES))]
    Info(InfoArgs),
    /// Draw layers into a PNG through the same GPU pipeline as the window, offscreen.
    #[command(after_help = after_help(RENDER_EXAMPLES))]
    Render(RenderArgs),
    /// Class counts and areas, exact from the base level unless --level says otherwise.
    #[command(after_help = after_help(STATS_EXAMPLES))]
    Stats(StatsArgs),
    /// Values of every layer at points (--at, or one "X Y" a line on standard input).
    #[command(after_help = after_help(PIXEL_EXAMPLES))]
    Pixel(PixelArgs),
    /// From-to matrix of two class layers (two years of RAS or CORINE): exact, from the base level of the finer grid
    /// (a coarser layer or one in another CRS is resampled onto it, nearest neighbour, and a note says so).
    #[command(after_help = after_help(CHANGE_EXAMPLES))]
    Change(ChangeArgs),
    /// Class areas per zone of a polygon file (GeoPackage, GeoJSON, Shapefile, FlatGeobuf; any CRS): exact, from
    /// the base level, by the coverage rule (each pixel weighted by the share of it inside the zone, as
    /// exactextract) or the centre rule (pixels whose centres fall inside, as gdal_rasterize).
    #[command(after_help = after_help(ZONAL_EXAMPLES))]
    Zonal(ZonalArgs),
    /// Accuracy assessment of a class map from a stratified sample labelled against reference data: overall, user's
    /// and producer's accuracy and class areas with 95 % intervals, by the estimators of Olofsson et al. (2014).
    #[command(after_help = after_help(ACCURACY_EXAMPLES))]
    Accuracy(AccuracyArgs),
}

#[derive(Args, Debug)]
pub struct AccuracyArgs {
    #[command(subcommand)]
    pub action: AccuracyAction,
}

#[derive(Subcommand, Debug)]
pub enum AccuracyAction {
    /// A stratified random sample of the map's land-cover classes (never technical codes) for labelling: points at
    /// pixel centres in the map's CRS, the same for the same seed, written as a new GeoPackage (layer `samples`,
    /// fields id, map_class, ref_class, comment, labelled_at).
    #[command(after_help = after_help(ACCURACY_EXAMPLES))]
    Design(AccuracyDesignArgs),
    /// The report of labelled samples: error matrices of counts and of area proportions, overall, user's and
    /// producer's accuracy and class areas, each with its 95 % interval (1.96 standard errors); mapped areas from an
    /// exact count of MAP. Samples outside the map, on nodata or technical codes, or unlabelled are left out and
    /// counted in a note.
    #[command(after_help = after_help(ACCURACY_EXAMPLES))]
    Report(AccuracyReportArgs),
}

#[derive(Args, Debug)]
pub struct AccuracyDesignArgs {
    /// The class map: a file, a VRT, or a folder of tiles (one mosaic layer; see --layer).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub map: PathBuf,
    /// The new GeoPackage of samples (an existing file is not overwritten).
    #[arg(long, value_name = "SAMPLES.gpkg", value_hint = ValueHint::FilePath)]
    pub out: PathBuf,
    /// Points in every class (all of a class's pixels where it has fewer).
    #[arg(long, value_name = "N", required_unless_present = "total", conflicts_with = "total")]
    pub per_class: Option<u64>,
    /// Points in all, shared among the classes as --allocation says.
    #[arg(long, value_name = "N", requires = "allocation")]
    pub total: Option<u64>,
    /// How --total is shared: in proportion to the classes' areas, or equally.
    #[arg(long, value_enum, requires = "total")]
    pub allocation: Option<AllocationRule>,
    /// With --total: at least this many points in every class.
    #[arg(long, value_name = "M", default_value_t = 0)]
    pub min_per_class: u64,
    /// The random seed: the same seed draws the same sample.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Only the pixels whose centres fall inside XMIN,YMIN,XMAX,YMAX (in the map's CRS).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Only the pixels whose centres fall inside the polygons of this file (GeoPackage, GeoJSON, Shapefile or
    /// FlatGeobuf; any CRS): the study area.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub zones: Option<PathBuf>,
    /// Pick one product layer (and year) where MAP is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
}

/// The rule of `accuracy design --allocation`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocationRule {
    Proportional,
    Equal,
}

#[derive(Args, Debug)]
pub struct AccuracyReportArgs {
    /// The class map: a file, a VRT, or a folder of tiles (one mosaic layer; see --layer).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub map: PathBuf,
    /// The samples: points in a GeoPackage (layer `samples`, else the first), in any CRS.
    #[arg(value_hint = ValueHint::FilePath)]
    pub samples: PathBuf,
    /// The field holding each sample's reference class (empty or null: not labelled yet).
    #[arg(long, default_value = "ref_class", value_name = "NAME")]
    pub ref_field: String,
    /// Pick one product layer (and year) where MAP is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// CSV: one row per class with n, mapped area and the estimates with their intervals.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON (schema in the README).
    #[arg(long)]
    pub json: bool,
    /// Also draw the report as a PNG: the error matrix as a heat map, user's and producer's accuracy with their
    /// intervals, the overall accuracy and the CLMS attribution.
    #[arg(long, value_name = "FIGURE.png", value_hint = ValueHint::FilePath)]
    pub figure: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ZonalArgs {
    /// The class raster: a file, a VRT, or a folder of tiles (one mosaic layer; see --layer).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub raster: PathBuf,
    /// The zones: polygons in a GeoPackage, GeoJSON, Shapefile or FlatGeobuf file (its first layer), in any CRS.
    #[arg(long, value_hint = ValueHint::FilePath)]
    pub zones: PathBuf,
    /// The field that names each zone (default: the feature id).
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// Which pixels a zone holds: coverage (the share of each pixel inside it) or centre (pixels whose centres fall
    /// inside).
    #[arg(long, value_enum, default_value_t = ZonalRule::Coverage)]
    pub rule: ZonalRule,
    /// Pick one product layer (and year) where RASTER is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// CSV with the columns Zone,Value,Class_name,Pixels,Area_km2,Area_perc.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the zones with their class areas as fields into this GeoPackage (a new file; an existing one is
    /// not overwritten).
    #[arg(long, value_name = "RESULT.gpkg", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

/// The rule of `zonal --rule`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZonalRule {
    /// Each pixel weighted by the share of its area inside the zone (as exactextract).
    Coverage,
    /// Whole pixels whose centres fall inside the zone (as gdal_rasterize).
    #[value(alias = "center")]
    Centre,
}

#[derive(Args, Debug)]
pub struct ChangeArgs {
    /// The older layer (values in the From column): a file, a VRT or a folder of tiles.
    #[arg(value_hint = ValueHint::AnyPath)]
    pub old: PathBuf,
    /// The newer layer (values in the To column); on another grid than OLD, the coarser of the two is resampled.
    #[arg(value_hint = ValueHint::AnyPath)]
    pub new: PathBuf,
    /// Only the pixels whose centres fall inside XMIN,YMIN,XMAX,YMAX (in the CRS of the finer layer).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Pick one product layer (and year) where PATH is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// CSV with the columns From,To,Count,Area_km2, one row per pair present.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The raster: a file, a VRT, or a folder of tiles (one mosaic layer; see --layer).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub path: PathBuf,
    /// Only the pixels whose centres fall inside XMIN,YMIN,XMAX,YMAX (in the file's CRS).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Count an overview instead of the base: 0 is the base, N the N-th overview (faster, approximate).
    #[arg(long, default_value_t = 0)]
    pub level: usize,
    /// Pick one product layer (and year) where PATH is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// CSV with the columns Value,Count,Class_name,Area_km2,Area_perc.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PixelArgs {
    /// Rasters (files, VRTs, folders; tiles of one product layer and year are one mosaic layer); every layer is read
    /// at each point.
    #[arg(value_hint = ValueHint::AnyPath, required = true)]
    pub paths: Vec<PathBuf>,
    /// One point X,Y (otherwise points are read from standard input, one "X Y" a line).
    #[arg(long, value_parser = parse_point, allow_hyphen_values = true)]
    pub at: Option<(f64, f64)>,
    /// CRS of the points: EPSG:NNNN (EPSG:4326 takes lon lat), or "pixel" for column row of the first file
    /// (default: the first file's CRS).
    #[arg(long)]
    pub crs: Option<String>,
    /// Pick one product layer (and year) where PATH is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// JSON with labels and meanings instead of CSV.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// The raster: a file, a VRT, or a folder of tiles (one mosaic layer; see --layer).
    #[arg(value_hint = ValueHint::AnyPath)]
    pub path: PathBuf,
    /// Pick one product layer (and year) where PATH is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Rasters (files, VRTs, folders; tiles of one product layer and year are one mosaic layer); the first layer is
    /// drawn on top and sets the CRS (layers in another CRS are reprojected onto its grid).
    #[arg(value_hint = ValueHint::AnyPath, required_unless_present = "session")]
    pub paths: Vec<PathBuf>,
    /// Draw the view of a session saved by the window (its layers, how each is drawn, its camera and comparison)
    /// instead of PATH...; --size, --center and --resolution still apply.
    #[arg(long, value_hint = ValueHint::FilePath, conflicts_with = "paths")]
    pub session: Option<PathBuf>,
    /// Pick one product layer (and year) where PATH is a folder or mosaic holding several: RAS, RASCL, RASDL,
    /// RASPL, IMD, CTY, CTYCL or CLC, optionally with :YEAR (RAS:2023).
    #[arg(long, value_name = "LAYER[:YEAR]")]
    pub layer: Option<LayerChoice>,
    /// The PNG to write.
    #[arg(value_hint = ValueHint::FilePath, long)]
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
    #[arg(value_hint = ValueHint::FilePath, long = "compare", value_name = "PATH")]
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
    /// Outline the polygons of a vector file (GeoPackage, GeoJSON, Shapefile or FlatGeobuf; any CRS) over the map;
    /// may be given several times. With --session, added to the session's zone layers.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub zones: Vec<PathBuf>,
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
