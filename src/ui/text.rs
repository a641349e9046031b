//! Every text the window shows, in one place, so that a translation can be added later: a second module with the
//! same items, chosen at start. Fixed texts are constants; texts with values in them are functions. Grouped by where
//! they appear. (Class names and descriptions are data: `assets/legends.json` and `assets/class_knowledge.json`.
//! Messages of the library's errors, which also reach the command line, stay with those errors.)

// Window
pub const APP_TITLE: &str = "CLCplus Viewer";

// File menu
pub const MENU_FILE: &str = "File";
pub const OPEN: &str = "Open…";
pub const OPEN_FOLDER: &str = "Open folder…";
pub const OPEN_RECENT: &str = "Open recent";
pub const NO_RECENT: &str = "(none yet)";
pub const OPEN_DEMO: &str = "Open the demo tile set";
pub const DEMO_NOT_FOUND: &str = "The bundled demo tile set was not found.";
pub const DEMO_NOT_FOUND_AT_START: &str = "The bundled demo tile set was not found; open a file with File > Open.";
pub const EXPORT_FIGURE: &str = "Export figure…";
pub const QUIT: &str = "Quit";
pub const RASTER_FILTER: &str = "Rasters (GeoTIFF, VRT)";

// View and Compare menus
pub const MENU_COMPARE: &str = "Compare";
pub const MENU_VIEW: &str = "View";
pub const KEYS_FIT: &str = "0  fit all layers";
pub const KEYS_ONE_TO_ONE: &str = "1  one data pixel per screen pixel";
pub const KEYS_PAN_ZOOM: &str = "arrows  pan,  + / -  zoom";
pub const KEYS_POINTER: &str = "drag to pan, wheel or pinch to zoom";
pub const KEYS_COMPARE: &str = "D side by side,  W swipe,  G spy glass,  B blink,  Esc leave";
pub const KEYS_SWIPE: &str = "in swipe: arrows move the divider,  H turns it";
pub const PRESENTATION_MODE: &str = "Presentation mode";
pub const QUIZ_MENU: &str = "Quiz: which class is this pixel?";
pub const PRESENT: &str = "Present";
pub const PRESENT_TIP: &str = "Presentation mode (F11): full screen, big legend";

// Layers panel
pub const LAYERS: &str = "Layers";
pub const NO_LAYER: &str = "No layer open.";
pub const LAYER_VISIBLE_TIP: &str = "Show or hide this layer";
pub const UNKNOWN_PRODUCT: &str = "Raster (not a known CLMS product)";
pub const SYNTHETIC: &str = "Synthetic demo data, not a CLMS product";
pub const OPACITY: &str = "opacity";
pub const UP: &str = "Up";
pub const UP_TIP: &str = "Move up";
pub const DOWN: &str = "Down";
pub const DOWN_TIP: &str = "Move down";
pub const CLOSE: &str = "Close";
pub const CLOSE_TIP: &str = "Close this layer";

// Status bar and map
pub const MOVE_CURSOR: &str = "Move the cursor over the map for coordinates";
pub const MAP_CRS: &str = "map";
pub const EMPTY_MAP_HINT: &str = "Drop raster files or a folder here, or use File > Open (Ctrl+O)";
pub const NO_GPU: &str = "No GPU renderer is available: the map cannot be drawn (panels still work).";
pub const NO_COUNT: &str = "No mapped pixel to count.";
pub const PANE_SWIPE: &str = "A | B";
pub const PANE_SPY_GLASS: &str = "A, B in the glass";

pub fn cursor_position(crs: &str, x: f64, y: f64) -> String {
    format!("{crs}  x {x:.1}  y {y:.1}")
}
pub fn lat_lon(lat: f64, lon: f64) -> String {
    format!("lat {lat:.5}°  lon {lon:.5}°")
}
pub fn tile(id: &str) -> String {
    format!("tile {id}")
}
pub fn scale(res: f64, data_pixels: f64) -> String {
    format!("{res:.2} m per screen pixel ({data_pixels:.3} data pixels)")
}
pub fn building_pyramid_of(name: &str) -> String {
    format!("Building the overview pyramid of {name} in memory")
}
pub fn building_pyramid(percent: f32) -> String {
    format!("Building overview pyramid… {percent:.0} %")
}
pub fn loading_tiles(n: usize) -> String {
    format!("loading {n} tiles")
}
pub fn pane_blink(stack: char) -> String {
    format!("{stack} (blink)")
}
pub fn no_overviews(name: &str) -> String {
    format!("{name}: no usable overviews; building a pyramid in memory (nothing is written)")
}
pub fn recent_not_saved(reason: &str) -> String {
    format!("Recent files not saved: {reason}")
}
pub fn settings_not_saved(reason: &str) -> String {
    format!("Settings not saved: {reason}")
}
pub fn style_not_applied(reason: &str) -> String {
    format!("Style not applied: {reason}")
}

// Inspector
pub const INSPECTOR: &str = "Inspector";
pub const INSPECTOR_HINT: &str = "Hover over the map to read the values of every layer; click to pin a point.";
pub const OUTSIDE_RASTER: &str = "outside the raster";
pub const EXPORT_CSV: &str = "Export CSV…";
pub const EXPORT_JSON: &str = "Export JSON…";
pub const CLEAR: &str = "Clear";

pub fn stack_heading(stack: char) -> String {
    format!("Stack {stack}")
}
pub fn inspected_pixel(col: i64, row: i64) -> String {
    format!("pixel column {col}, row {row} (base level of the first layer)")
}
pub fn pinned_points(n: usize) -> String {
    format!("{n} pinned point(s)")
}
pub fn point_in_crs(crs: &str, x: f64, y: f64) -> String {
    format!("{crs}: x {x:.1}, y {y:.1}")
}
pub fn point_wgs84(lat: f64, lon: f64) -> String {
    format!("WGS84: lat {lat:.6}°, lon {lon:.6}°")
}
pub fn eea_tile(id: &str) -> String {
    format!("EEA tile {id}")
}

// Counting scope
pub const COUNTS_OF: &str = "Counts of";
pub const SCOPE_VIEW: &str = "the view";
pub const SCOPE_VIEW_TIP: &str = "Recounted when the map rests: first from the overview drawn, then exact";
pub const SCOPE_FILE: &str = "the whole file";
pub const SCOPE_FILE_TIP: &str = "Every pixel of the full-resolution level: exact";
pub const AREAS_IN: &str = "Areas in";
pub const HISTOGRAM_AREAS: &str = "Histograms of areas";
pub const HISTOGRAM_AREAS_TIP: &str = "Otherwise of shares of the mapped area";
pub const ONLY_PRESENT: &str = "Only classes present";
pub const COUNTING_FILE: &str = "counting the whole file";
pub const CANCEL: &str = "Cancel";
pub const COUNT_AGAIN: &str = "Count the whole file again";
pub const VIEW_EXACT: &str = "counts of the view: exact (base level)";
pub const VIEW_COUNTING: &str = "counting the view…";
pub const FILE_EXACT: &str = "counts of the whole file: exact (base level)";
pub const FILE_CANCELLED: &str = "whole-file count cancelled";
pub const FILE_COUNTING: &str = "counting the whole file…";
pub const COUNTED_TIP: &str = "Counted on the stats worker thread";

pub fn view_approximate(level: usize) -> String {
    format!("counts of the view: approximate, level {level}")
}
pub fn mapped_area(area: f64, decimals: usize, unit: &str) -> String {
    format!("mapped area: {area:.decimals$} {unit} (technical codes excluded)")
}

// Legend
pub const IMPORT_STYLE: &str = "Import style…";
pub const IMPORT_STYLE_TIP: &str = ".clr, QGIS .qml or .sld";
pub const EXPORT_QML: &str = "Export .qml…";
pub const EXPORT_QML_TIP: &str = "Opens the same in QGIS";
pub const EXPORT_CLR: &str = "Export .clr…";
pub const STYLES_FILTER: &str = "Styles";
pub const CORINE: &str = "CORINE";
pub const CORINE_LEVELS: [(u8, &str); 3] = [(3, "44 classes"), (2, "15 groups"), (1, "5 groups")];
pub const ALL: &str = "All";
pub const NONE: &str = "None";
pub const CLEAR_HIGHLIGHT: &str = "Clear highlight";
pub const TECHNICAL_CODES: &str = "Technical codes (not land cover, never in a share)";
pub const CLASS_VISIBLE_TIP: &str = "Show or hide this class";
pub const CLASS_CARD_TIP: &str = "Class card: what this class is";
pub const RANGE_FROM: &str = "from";
pub const RANGE_TO: &str = "to";

pub fn legend_heading(layer: &str) -> String {
    format!("Legend: {layer}")
}
pub fn legend_source(source: &str) -> String {
    format!("from the {source}")
}
pub fn corine_level(level: u8) -> String {
    format!("level {level}")
}
pub fn class_tip(label: &str) -> String {
    format!("{label}\nClick: highlight; double-click: show only this class")
}
pub fn range_filter(unit: &str) -> String {
    format!("Show only values in a range ({unit})")
}
pub fn view_mean(mean: f64, unit: &str) -> String {
    format!("mean of the view: {mean:.2} {unit}")
}
