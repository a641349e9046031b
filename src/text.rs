//! Every text the window and the figures show, in one place, so that a translation can be added later: a second
//! module with the same items, chosen at start. Fixed texts are constants; texts with values in them are functions.
//! Grouped by where they appear. Class names and descriptions are data (`assets/legends.json`,
//! `assets/class_knowledge.json`). Left where they are: the command line's output, whose CSV and JSON are read by
//! scripts, and the library's error messages, which the window shows as they come.

// Window
pub const APP_TITLE: &str = "CLCplus Viewer";

// File menu
pub const MENU_FILE: &str = "File";
pub const OPEN: &str = "Open…";
pub const OPEN_FOLDER: &str = "Open folder…";
pub const OPEN_URL: &str = "Open URL…";
pub const OPEN_URL_TITLE: &str = "Open URL";
pub const OPEN_URL_EXPLAINED: &str =
    "A cloud-optimized GeoTIFF on a web server. Only the parts in view are downloaded; the server must support range requests.";
pub const OPEN_URL_HINT: &str = "https://…/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif";
pub const OPEN_URL_BUTTON: &str = "Open";
pub const URL_NEEDS_SCHEME: &str = "An address starting with http:// or https:// is needed.";
pub const OPEN_RECENT: &str = "Open recent";
pub const NO_RECENT: &str = "(none yet)";
pub const OPEN_DEMO: &str = "Open the demo tile set";
pub const DEMO_NOT_FOUND: &str = "The bundled demo tile set was not found.";
pub const DEMO_NOT_FOUND_AT_START: &str = "The bundled demo tile set was not found; open a file with File > Open.";
pub const EXPORT_FIGURE: &str = "Export figure…";
pub const QUIT: &str = "Quit";
pub const RASTER_FILTER: &str = "Rasters (GeoTIFF, VRT)";
pub const VECTOR_FILTER: &str = "Zones and samples (GeoPackage, GeoJSON, Shapefile, FlatGeobuf)";

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
pub const CHANGE_VIEW: &str = "change view";
pub const CONFIDENCE_VIEW: &str = "confidence view";
pub const IMPERVIOUSNESS_VIEW: &str = "imperviousness view";

pub fn change_title(from: &str, to: &str) -> String {
    format!("Change {from} -> {to}")
}
pub fn confidence_title(classes: &str, confidence: &str) -> String {
    format!("{classes} by confidence ({confidence})")
}
pub fn imperviousness_title(classes: &str, imd: &str) -> String {
    format!("{classes} vs {imd}")
}
pub fn resolution_m(metres: u32) -> String {
    format!("{metres} m")
}

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
pub fn building_coarse_levels_of(name: &str) -> String {
    format!(
        "Building coarse levels of {name} once (nearest neighbour, kept in the cache folder for the next start); \
         its coarsest overview is drawn meanwhile"
    )
}
pub fn building_coarse_levels(percent: f32) -> String {
    format!("Building coarse levels… {percent:.0} %")
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
pub fn scope_view_tip(cap: usize) -> String {
    format!(
        "Recounted when the map rests: exact for views of up to {} million full-resolution pixels, else from an \
         overview (approximate) until you press Count exactly",
        cap / 1_000_000
    )
}
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

pub const COUNT_EXACTLY: &str = "Count exactly";
pub const BOOKMARKS: &str = "Bookmarks";
pub const BOOKMARKS_MENU: &str = "Bookmarks… (add the view: Ctrl+B)";
pub const NO_BOOKMARKS: &str = "No bookmark yet: go to a view and add it.";
pub const ADD_BOOKMARK: &str = "Add this view";
pub const GO: &str = "Go";
pub const DELETE: &str = "Delete";
pub const TOUR_KEYS: &str = "In presentation mode (F11), PageDown and PageUp step through the bookmarks.";
pub const NOTHING_TO_BOOKMARK: &str = "Open a layer first: there is no view to bookmark";
pub fn bookmark_name(n: usize) -> String {
    format!("View {n}")
}
pub const OPEN_SESSION: &str = "Open session…";
pub const SAVE_SESSION: &str = "Save session…";
pub const SESSION_FILTER: &str = "Session (JSON)";
pub fn session_layers_missing(n: usize) -> String {
    format!("{n} layer(s) of the session could not be opened (see the messages above); the rest is shown")
}
pub fn area_and_pixels(area: &str, pixels: u64) -> String {
    format!("{area} ({pixels} pixels)")
}
pub const LAYERS_PANEL: &str = "Layers panel (F9)";
pub const ANALYSIS_PANEL: &str = "Inspector and legends panel (F10)";
/// The values of an image's bands under the cursor: "bands 12, 34, 56".
pub fn band_values(values: &[String]) -> String {
    format!("bands {}", values.join(", "))
}
pub const IMAGERY_LEGEND: &str = "Imagery, drawn in its own colours (no classes to count)";
pub const COUNTING_VIEW: &str = "counting the view";
pub fn count_exactly_tip(cap: usize) -> String {
    format!(
        "This view holds more than {} million full-resolution pixels, so it is counted live on an overview \
         (approximate; the bound is the setting exact_view_mpx). Count every full-resolution pixel of the view (can \
         take a while; Cancel stops it).",
        cap / 1_000_000
    )
}
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
    match unit {
        "" => "Show only values in a range".into(),
        unit => format!("Show only values in a range ({unit})"),
    }
}
pub fn view_mean(mean: f64, unit: &str) -> String {
    format!("mean of the view: {mean:.2} {unit}")
}

// Compare bar and menu
pub const MODE_OFF: &str = "Single map";
pub const MODE_SIDE_BY_SIDE: &str = "Side by side (D)";
pub const MODE_SWIPE: &str = "Swipe (W)";
pub const MODE_SPY_GLASS: &str = "Spy glass (G)";
pub const MODE_BLINK: &str = "Blink (B)";
pub const COMPARE_NEEDS_TWO: &str = "Comparing needs two layers or more: open another file first.";
pub const COMPARE_KEYS: &str = "Esc leaves; in swipe the arrows move the divider, H turns it.";
pub const PANES: &str = "panes";
pub const LINKED: &str = "linked";
pub const LINKED_TIP: &str = "Pan and zoom all panes together";
pub const DIVIDER: &str = "divider";
pub const HORIZONTAL: &str = "horizontal (H)";
pub const RADIUS: &str = "radius";
pub const MILLISECONDS: &str = "ms";
pub const STACK_WHERE: &str = "Stack of each layer: in the Layers panel.";
pub const LEAVE_COMPARE: &str = "Leave (Esc)";
pub const STACK: &str = "stack";
pub const PAIR_VIEWS_HINT: &str = "Change, confidence and imperviousness views: open two years of a class layer, RAS \
                                   with its RASCL, or RAS with Imperviousness Density.";
pub const CHANGED_IN_COLOUR_OF: &str = "changed pixels in the colour of";
pub const FROM_CLASS: &str = "from class";
pub const TO_CLASS: &str = "to class";
pub const DIM_BELOW: &str = "dim below confidence %";
pub const SEALED_BELOW: &str = "sealed, imperviousness below %";
pub const NOT_SEALED_FROM: &str = "not sealed, imperviousness from %";

pub fn show_in_stack(stack: char) -> String {
    format!("Show this layer in stack {stack}")
}
pub fn change_view(a: &str, b: &str) -> String {
    format!("Change view: {a} -> {b}")
}
pub fn confidence_view(a: &str, b: &str) -> String {
    format!("Confidence view: {a} by {b}")
}
pub fn imperviousness_view(a: &str, b: &str) -> String {
    format!("Imperviousness view: {a} vs {b}")
}

// Quality views (change matrix, confidence, imperviousness)
pub const CLASS: &str = "Class";
pub const MEAN: &str = "Mean";
pub const SHARE: &str = "Share";
pub const PIXELS: &str = "Pixels";
pub const COUNTING: &str = "counting…";
pub const CONFIDENCE_AXIS: &str = "confidence %";
pub const FLAG_VISIBLE_TIP: &str = "Show or hide this flag";
pub const OTHER_PIXELS: &str = "Other pixels: the class colour greyed. Click a flag to highlight it.";
pub const QA_VIEW_EXACT: &str = "pixels of the view: exact (base level)";
pub const QA_FILE_EXACT: &str = "pixels of the whole file: exact (base level)";
pub const CHANGE_VIEW_EXACT: &str = "from-to pixels of the view: exact (base level)";
pub const CHANGE_FILE_EXACT: &str = "from-to pixels of the whole file: exact (base level)";
pub const MATRIX_HINT: &str = "Rows: from (old year); columns: to (new year). Click a cell to highlight it on the map.";
pub const FROM_TO: &str = "from \\ to";
pub const CHANGE_CSV_TIP: &str = "From,To,Count,Area_km2";

pub fn below_percent(threshold: u32) -> String {
    format!("Below {threshold} %")
}
pub fn below_summary(threshold: u32, low: u64, all: u64, share: f64, area: f64, decimals: usize, unit: &str) -> String {
    format!("below {threshold} %: {low} of {all} pixels ({share:.2} %), {area:.decimals$} {unit}; dimmed on the map")
}
pub fn confidence_by_class(a: &str, b: &str) -> String {
    format!("Confidence by class: {a} x {b}")
}
pub fn compared_pixels(n: u64) -> String {
    format!("{n} pixels with a class and an imperviousness value")
}
pub fn sealed_low(below: u32) -> String {
    format!("Sealed, imperviousness below {below} %")
}
pub fn impervious_not_sealed(from: u32) -> String {
    format!("Imperviousness from {from} %, not sealed")
}
pub fn changed_summary(area: f64, decimals: usize, unit: &str, share: f64, total: u64) -> String {
    format!("changed: {area:.decimals$} {unit} ({share:.2} % of {total} pixels)")
}
pub fn highlighted_transition(from: u32, to: u32) -> String {
    format!("highlighted: {from} -> {to}")
}

// Default names of saved files
pub const FILE_POINTS: &str = "points";
pub const FILE_STYLE: &str = "style";
pub const FILE_STATISTICS: &str = "statistics";
pub const FILE_CHANGE: &str = "change";

// Class card
pub const NO_DESCRIPTION: &str = "No description: this code is not in a built-in legend.";
pub const TECHNICAL_CARD: &str = "A technical code: not land cover, never part of a share.";
pub const IN_VIEW_ABSENT: &str = "In view: not present.";
pub const IN_VIEW_COUNTING: &str = "In view: still counting…";

pub fn class_card(label: &str) -> String {
    format!("Class card: {label}")
}
pub fn in_view_share(percent: f64, km2: f64, exact: bool) -> String {
    let how = if exact { "exact" } else { "approximate" };
    format!("In view: {percent:.2} % of the mapped area, {km2:.4} km2 ({how})")
}
pub fn card_layer(title: &str) -> String {
    format!("Layer: {title}")
}
pub fn card_source(source: &str, section: &str) -> String {
    format!("Source: {source}; {section}")
}
pub fn card_code(code: u32) -> String {
    format!("code {code}")
}
pub fn clc_hierarchy(levels: &[String]) -> String {
    format!("CLC {}", levels.join(" > "))
}

// Presentation mode
pub const LEAVE_PRESENTATION: &str = "Leave presentation (F11)";
pub const QUIZ: &str = "Quiz";
pub const CLASSES_IN_VIEW: &str = "Classes in view";
pub const COUNTING_CAPITAL: &str = "Counting…";
pub const PRESENTATION_KEYS: &str = "1 to 9 highlight a class, 0 clears; Ctrl+click a pixel for its class card";
pub const BELOW_A_TENTH: &str = "< 0.1 %";

// Quiz
pub const QUIZ_NEEDS_CLASSES: &str = "The quiz needs a class layer: open a CLCplus, CORINE or Crop Types file.";
pub const QUIZ_NOT_IN_VIEW: &str = "The layer is not in view: move the map to it for the quiz.";
pub const QUIZ_NO_CLASS_IN_VIEW: &str = "Quiz: no land-cover pixel in view.";
pub const PICKING: &str = "Picking a pixel…";
pub const QUIZ_QUESTION: &str = "Which class is the pixel in the red circle?";
pub const RIGHT: &str = "Right!";
pub const NEXT_QUESTION: &str = "Next question (N)";
pub const END_QUIZ: &str = "End quiz";

pub fn quiz_over(right: u32, asked: u32) -> String {
    format!("Quiz over: {right} of {asked} right.")
}
pub fn quiz_error(reason: &str) -> String {
    format!("Quiz: {reason}")
}
pub fn score(right: u32, asked: u32) -> String {
    format!("Score: {right} of {asked}")
}
pub fn not_quite(label: &str) -> String {
    format!("Not quite: it is {label}.")
}

// Figure export
pub const EXPORT_FIGURE_TITLE: &str = "Export figure";
pub const FIGURE_BUSY: &str = "A figure is being made; wait for it to finish.";
pub const FIGURE_NOTHING: &str = "Nothing to export: open a layer first.";
pub const FIGURE_TITLE: &str = "Title";
pub const FIGURE_NO_TITLE: &str = "(none)";
pub const FIGURE_SIZE: &str = "Size (pixels)";
pub const FIGURE_SIZE_BY: &str = "x";
pub const FIGURE_PRESETS: &str = "Presets";
pub const FIGURE_ABOUT: &str = "The view as shown, with a legend of the classes in view, scale bar, north arrow, \
                                extent, date and the Copernicus attribution.";
pub const SAVE_PNG: &str = "Save PNG…";
pub const PNG_FILTER: &str = "PNG image";
pub const FIGURE_FILE: &str = "figure.png";
pub const COPY_TO_CLIPBOARD: &str = "Copy to clipboard";
pub const MAKING_FIGURE: &str = "Making the figure…";

pub fn figure_saved(path: &str) -> String {
    format!("Figure saved to {path}")
}
pub fn figure_copied(w: u32, h: u32) -> String {
    format!("Figure copied to the clipboard ({w} x {h} pixels)")
}
pub fn figure_failed(reason: &str) -> String {
    format!("Figure not made: {reason}")
}
pub fn size_preset(w: u32, h: u32) -> String {
    format!("{w} x {h}")
}

// Messages of the window
pub const OPENER_BUSY: &str = "still opening earlier files; try again in a moment";
pub const OPENER_STOPPED: &str = "the file opener stopped";
pub const NO_CONFIG_FOLDER: &str = "no config folder on this system";
pub const PERCENT_OF_CLASS: &str = "% of the class";
pub const PERCENT_OF_MAPPED: &str = "% of mapped area";
pub const HISTOGRAM_AREA: &str = "area";
pub const HISTOGRAM_SHARE: &str = "share";
pub const RESAMPLED: &str = " (resampled)";
pub const UNIT_KM2: &str = "km2";
pub const UNIT_HA: &str = "ha";

pub fn base_level_only(reason: &str) -> String {
    format!("{reason}; only the full-resolution level can be shown")
}
pub fn not_shown(reason: &str) -> String {
    format!("{reason}; it is not shown")
}
pub fn reprojecting(reason: &str) -> String {
    format!("{reason}: it is reprojected on the fly (nearest neighbour)")
}
pub fn cannot_write(path: &str, reason: &str) -> String {
    format!("{path}: cannot write: {reason}")
}
pub fn cannot_list_folder(path: &str, reason: &str) -> String {
    format!("{path}: cannot list the folder: {reason}")
}
pub fn opening_url(url: &str) -> String {
    format!("Opening {url} over the network…")
}
pub fn opening_files(n: usize) -> String {
    format!("opening {n} file(s)…")
}
pub fn tiles_failed(first_error: &str) -> String {
    format!("{first_error} (tiles of this layer that cannot be read stay empty; no further message about them)")
}
pub fn worker_panicked(worker: &str, detail: &str) -> String {
    format!("internal error in the {worker} ({detail}); it was restarted and goes on with the next request. Please report this.")
}
/// How a layer's product is known, when not from its own file name: "Identified from the names of its 9 source
/// files".
pub fn identified(how: &str) -> String {
    format!("Identified {how}")
}
/// The collapsed list of a mosaic's tiles.
pub fn mosaic_tiles(n: usize) -> String {
    format!("{n} tiles")
}
/// The name of a mosaic layer: "RAS 2023 mosaic (9 tiles)", or "Mosaic (9 tiles)" for tiles of no known product.
pub fn mosaic_name(layer_and_year: Option<(&str, Option<u16>)>, tiles: usize) -> String {
    match layer_and_year {
        Some((layer, Some(year))) => format!("{layer} {year} mosaic ({tiles} tiles)"),
        Some((layer, None)) => format!("{layer} mosaic ({tiles} tiles)"),
        None => format!("Mosaic ({tiles} tiles)"),
    }
}
/// `--layer` picks nothing among the layers of the given paths.
pub fn no_such_layer(paths: &str, choice: &str, available: &[String]) -> String {
    match available {
        [] => format!("{paths}: no layer {choice} (no raster found)"),
        _ => format!("{paths}: no layer {choice}; there are: {}", available.join(", ")),
    }
}
/// A path holds several layers where one is needed.
pub fn several_layers(path: &str, choices: &[String], example: Option<&str>) -> String {
    let hint = example.map_or(String::new(), |e| format!(", for example --layer {e}"));
    format!("{path}: holds {} layers ({}); pick one with --layer{hint}", choices.len(), choices.join(", "))
}
pub fn folder_without_rasters(path: &str) -> String {
    format!("{path}: the folder holds no .tif, .tiff or .vrt file")
}
pub fn settings_ignored(path: &str, reason: &str) -> String {
    format!("{path}: ignored, not valid settings: {reason}")
}
pub fn pixel_count(n: u64) -> String {
    format!("{n} pixels")
}
pub fn unknown_values(n: usize) -> String {
    format!("{n} value(s) of no legend entry in view")
}
pub fn transition_tip(from: &str, to: &str, pixels: u64, km2: f64) -> String {
    format!("{from} -> {to}\n{pixels} pixels, {km2:.4} km2")
}

// Figures (drawn into the PNG; the PNG's text chunk keywords are standard names and stay as they are)
pub const NORTH: &str = "N";
pub const FIGURE_NO_GEOREFERENCING: &str = "Pixel coordinates (no georeferencing)";
pub const FIGURE_FILE_CRS: &str = "Map CRS of the file";
pub const FIGURE_NO_CRS: &str = "No CRS";
pub const FIGURE_NOT_IN_VIEW: &str = "Not in view";
pub const FIGURE_NO_VALUES: &str = "No values in view";

pub fn scale_bar_km(km: f64) -> String {
    format!("{km} km")
}
pub fn scale_bar_m(m: f64) -> String {
    format!("{m} m")
}
pub fn figure_more(n: usize) -> String {
    format!("and {n} more")
}
pub fn figure_extent(crs: &str, [x0, y0, x1, y1]: [f64; 4]) -> String {
    format!("{crs}   X {x0:.0} to {x1:.0}   Y {y0:.0} to {y1:.0}")
}
pub fn figure_pair_note(kind: &str) -> String {
    format!("A {kind}; see the app's legend")
}
pub fn figure_unknown_code(code: u32) -> String {
    format!("{code} unknown code")
}
pub fn figure_stack_heading(stack: char, layer: &str) -> String {
    format!("{stack}: {layer}")
}

/// A vector file read as zones.
pub fn zones_opened(name: &str, count: usize) -> String {
    format!("{name}: {count} zones")
}

/// A vector file without features.
pub fn zones_empty(path: &str) -> String {
    format!("{path}: holds no features")
}

pub const ZONES: &str = "Zones";
pub const SORT_TIP: &str = "Sort by this column";
pub const DRAW_ZONE: &str = "Draw zone";
pub const SCOPE_ZONES: &str = "the selected zones";
pub const SCOPE_ZONES_TIP: &str =
    "The selected zones together, exact from the base level of the top class layer (and its other years)";
pub const ZONES_NOT_COUNTED: &str = "not counted for zones: only the top class layer and its other years are";
pub const YEAR: &str = "Year";
pub const ZONE_YEARS: &str = "Class areas by year (km2, the selected zones together)";
pub const DRAW_ZONE_TIP: &str = "Draw a zone on the map and count its classes (Z)";
pub const DRAWING_ZONE: &str =
    "Click to add corners, double-click or Enter to close the zone, Esc to stop; drag for a rectangle.";
pub const ZONE: &str = "Zone";
pub const AREA_KM2: &str = "Area km2";
pub const ZONE_FILL: &str = "Fill";
pub const NO_LABELS: &str = "No labels";
pub const SELECT_ALL_ZONES: &str = "Select all";
pub const ZONES_WAIT_FOR_RASTER: &str = "Zones are placed once a raster layer is open (the map takes its CRS).";
pub const ZONAL_RULE: &str = "Rule";
pub const RULE_COVERAGE: &str = "coverage";
pub const RULE_COVERAGE_TIP: &str = "Each pixel counts with the share of its area inside the zone (as exactextract)";
pub const RULE_CENTRE: &str = "centre";
pub const RULE_CENTRE_TIP: &str = "Pixels count whole when their centre lies inside the zone (as gdal_rasterize)";

/// Vector files being read.
pub fn reading_zones(n: usize) -> String {
    format!("Reading {n} zone file(s)…")
}

/// How many zones a layer has.
pub fn zone_count(n: usize) -> String {
    format!("{n} zones; click one to select it, Shift+click to add, Shift+drag for a box")
}

/// The name of the n-th zone drawn on the map.
pub fn drawn_zone(n: usize) -> String {
    format!("Drawn zone {n}")
}

/// The heading of the selected zones' section.
pub fn selected_zones(n: usize, layer: &str) -> String {
    if n == 1 {
        format!("Zone of {layer}")
    } else {
        format!("{n} zones of {layer}")
    }
}

/// What the zones' table counted.
pub fn zonal_counted_on(raster: &str, rule: &str) -> String {
    format!("{raster}, base level, {rule} rule")
}

/// The status line of a legend counted for the selected zones.
pub fn zones_exact(rule: &str) -> String {
    format!("counts of the selected zones: exact (base level), {rule} rule")
}

/// A samples file opened for labelling.
pub fn labelling_opened(name: &str, n: usize, labelled: usize) -> String {
    format!("{name}: {n} samples, {labelled} labelled; 1-9 and 0 give the class, Right/Left next/previous, Down next unlabelled")
}

/// A label that could not be written to the samples file.
pub fn label_not_written(reason: &str) -> String {
    format!("{reason}; the label is kept in the window and written with the next one")
}

pub const COMMENT: &str = "Comment";
pub const PREVIOUS_SAMPLE: &str = "Previous (Left)";
pub const NEXT_SAMPLE: &str = "Next (Right)";
pub const NEXT_UNLABELLED: &str = "Next unlabelled (Down)";
pub const SAMPLE_BLOCK: &str = "3 x 3 block";
pub const SAMPLE_ZOOM: &str = "zoom";
pub const STOP_LABELLING: &str = "Stop labelling";

/// The labelling panel's heading.
pub fn labelling_heading(name: &str, labelled: usize, n: usize) -> String {
    format!("Labelling {name}: {labelled} of {n}")
}

/// Which sample is shown.
pub fn sample_heading(i: usize, n: usize, fid: u64) -> String {
    format!("Sample {i} of {n} (id {fid})")
}

/// The map's class at the sample.
pub fn sample_map_class(class: &str) -> String {
    format!("Map: {class}")
}

/// Labels on their way to the file.
pub fn labels_writing(n: usize) -> String {
    format!("writing {n} label(s)…")
}

/// Labels that could not be written yet.
pub fn labels_unsaved(n: usize) -> String {
    format!("{n} label(s) not written yet: they are kept and written with the next label")
}

pub const NOT_ESTIMABLE: &str = "not estimable";
pub const INTERVALS_NOTE: &str = "± is the 95 % interval: 1.96 standard errors (Olofsson et al. 2014)";
pub const USERS_ACCURACY: &str = "User's";
pub const PRODUCERS_ACCURACY: &str = "Producer's";
pub const ERROR_MATRIX: &str = "Error matrix: samples, rows the map, columns the reference";
pub const AREA_MATRIX: &str = "Error matrix: estimated proportions of area, rows the map, columns the reference";

/// The accuracy report's heading.
pub fn accuracy_heading(n: u64) -> String {
    format!("Accuracy of the {n} labelled samples")
}

/// The overall accuracy line.
pub fn overall_accuracy(value: &str) -> String {
    format!("Overall accuracy {value}")
}

pub const SAMPLE_SIZE: &str = "Sample size for an accuracy assessment";
pub const TARGET_SE: &str = "standard error of overall accuracy";
pub const MIN_PER_CLASS: &str = "at least, a class";
pub const AREA_SHARE: &str = "Area share";
pub const EXPECTED_USERS: &str = "Expected user's";
pub const SAMPLES: &str = "Samples";
pub const COPY_DESIGN_COMMAND: &str = "Copy the design command";

/// Where the helper's class areas come from.
pub fn sample_size_areas(scope: &str) -> String {
    format!("Class areas of {scope}; n from Olofsson et al. (2014), eq. 13, shared in proportion to area")
}

/// The helper's answer.
pub fn sample_size_result(n: u64, with_minimum: u64) -> String {
    format!("n = {n} ({with_minimum} with the minimum per class)")
}

pub const EXPORT_FIGURE_BUTTON: &str = "Export figure…";

/// The title of an accuracy figure.
pub fn accuracy_figure_title(layer: &str) -> String {
    format!("Accuracy of {layer}")
}

pub const FIGURE_INTERVALS: &str =
    "Intervals: 95 %, 1.96 standard errors; estimators of Olofsson et al. (2014), strata weighted by mapped area.";
pub const FIGURE_ERROR_MATRIX: &str = "Error matrix: rows map, columns reference (samples)";
pub const FIGURE_ACCURACY_BARS: &str = "User's (dark) and producer's (light) accuracy, 0 to 1";

/// The overall accuracy on an accuracy figure: estimate and interval, or not estimable.
pub fn figure_overall(estimate: Option<(f64, f64)>, n: u64) -> String {
    match estimate {
        Some((v, ci)) => format!("Overall accuracy {v:.4} ± {ci:.4}, n = {n}"),
        None => format!("Overall accuracy not estimable, n = {n}"),
    }
}
