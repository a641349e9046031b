//! Making a figure from layer stacks: the map drawn offscreen, and around it the legend of the classes in view
//! (counted exactly on the base level), scale bar, north arrow, extent, date and attribution. The command line's
//! `render` and the window's export both come here.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use super::map_image::{draw_map, Arrangement};
use super::sheet::{LegendGroup, LegendItem, MapAbout, Sheet};
use crate::product::citation::{attribution_with, doi_of, Doi};
use crate::product::clc_levels::dotted;
use crate::product::{format_value, ValueKind};
use crate::raster::{north_angle, units_are_metres};
use crate::render::{Offscreen, OverlayGeometry};
use crate::stats::{all_cores, bbox_window, count_window, strip_rows, CountProgress};
use crate::text;
use crate::view::{Camera, LayerStack, MapLayer};

/// What to draw and how.
pub struct FigureRequest<'a> {
    /// One stack, or two arranged by `arrangement`; the first sets the CRS.
    pub panes: &'a mut [LayerStack],
    pub arrangement: Arrangement,
    /// The whole image, in pixels.
    pub size: (u32, u32),
    /// The map extent to fit (xmin, ymin, xmax, ymax); `None` fits all layers of the first pane.
    pub extent: Option<[f64; 4]>,
    /// Overrides of the fitted camera: the map point at the centre, and map units per pixel.
    pub center: Option<[f64; 2]>,
    pub res: Option<f64>,
    /// With a legend, scale bar, north arrow, extent, date and attribution around the map; else the map alone.
    pub furniture: bool,
    pub title: Option<String>,
    /// Zone layers outlined over the map, in its CRS.
    pub zones: Vec<Arc<OverlayGeometry>>,
}

/// An image ready to write: RGBA8 pixels and the PNG text chunks that go with it.
pub struct Figure {
    pub size: (u32, u32),
    pub rgba: Vec<u8>,
    /// (keyword, text): Title, Source (the attribution), Creation Time, Software.
    pub text: Vec<(String, String)>,
}

/// Draws the request with `gpu` and, when it asks for furniture, lays the figure out around the map. Reads the
/// tiles and the counts of the legend: never call it on the UI thread.
pub fn make(gpu: &mut Offscreen, req: FigureRequest) -> Result<Figure, String> {
    let extent = req.extent.or_else(|| req.panes.first().and_then(|p| p.extent()));
    let extent = extent.ok_or("none of the inputs could be used")?;
    let dois: Vec<Doi> =
        req.panes.iter().flat_map(|p| &p.layers).filter_map(|l| l.info.product.as_ref().and_then(doi_of)).collect();
    let attribution = attribution_with(&dois);
    let sheet = if req.furniture { Some(Sheet::new(req.size, req.title.as_deref(), &attribution)?) } else { None };
    let map_size = sheet.as_ref().map_or(req.size, |s| s.map_size());
    let pane = req.arrangement.pane_size(map_size);
    if pane.0 == 0 {
        return Err("side-by-side needs an image at least 2 pixels wide".into());
    }
    let mut camera = Camera::fit(extent, [pane.0 as f64, pane.1 as f64]);
    if let Some(c) = req.center {
        camera.center = c;
    }
    if let Some(res) = req.res {
        if !(res.is_finite() && res > 0.0) {
            return Err("the resolution must be a positive number of map units per pixel".into());
        }
        camera.res = res;
    }
    let map = draw_map(gpu, req.panes, &camera, req.arrangement, map_size, &req.zones)?;
    let date = today();
    let rgba = match sheet {
        None => map,
        Some(sheet) => {
            let mut map = map;
            draw_divider(&mut map, map_size, req.arrangement);
            let view = camera.visible_extent([pane.0 as f64, pane.1 as f64]);
            let legend = legend_in_view(req.panes, &pane_views(view, req.arrangement))?;
            let about = about_map(req.panes, &camera, view, &date);
            sheet.finish(&map, &about, &legend)
        }
    };
    let mut text = Vec::new();
    text.extend(req.title.filter(|t| !t.trim().is_empty()).map(|t| ("Title".to_string(), t)));
    text.push(("Source".into(), attribution));
    text.push(("Creation Time".into(), date));
    text.push(("Software".into(), format!("clcplus-viewer {}", env!("CARGO_PKG_VERSION"))));
    Ok(Figure { size: req.size, rgba, text })
}

/// A white line where the two stacks meet, so the reader of a figure sees which part shows which.
fn draw_divider(map: &mut [u8], (w, h): (u32, u32), arrangement: Arrangement) {
    let (at, horizontal) = match arrangement {
        Arrangement::Single => return,
        Arrangement::Swipe { split, horizontal } => {
            (((if horizontal { h } else { w }) as f64 * split).round() as u32, horizontal)
        }
        Arrangement::SideBySide => (w / 2, false),
    };
    let (w, h) = (w as usize, h as usize);
    for line in at.saturating_sub(1)..=at {
        let line = line as usize;
        let pixels: Vec<usize> = if horizontal {
            (0..w).filter(|_| line < h).map(|x| line * w + x).collect()
        } else {
            (0..h).filter(|_| line < w).map(|y| y * w + line).collect()
        };
        for i in pixels {
            map[i * 4..i * 4 + 4].copy_from_slice(&[255, 255, 255, 255]);
        }
    }
}

/// What the footer, scale bar and north arrow say about the map, from the first pane's bottom layer (the map CRS).
fn about_map(panes: &[LayerStack], camera: &Camera, view: [f64; 4], date: &str) -> MapAbout {
    let bottom = panes.first().and_then(|p| p.bottom());
    let wkt = bottom.and_then(|l| l.info.meta.crs_wkt.clone()).filter(|w| !w.is_empty());
    let georeferenced = bottom.is_some_and(|l| l.info.meta.geo_transform.is_some());
    let crs = match (bottom.and_then(|l| l.info.meta.epsg), &wkt) {
        _ if !georeferenced => text::FIGURE_NO_GEOREFERENCING.to_string(),
        (Some(epsg), _) => format!("EPSG:{epsg}"),
        (None, Some(_)) => text::FIGURE_FILE_CRS.to_string(),
        (None, None) => text::FIGURE_NO_CRS.to_string(),
    };
    let centre = [(view[0] + view[2]) / 2.0, (view[1] + view[3]) / 2.0];
    MapAbout {
        res: camera.res,
        extent: view,
        crs,
        metres: georeferenced && wkt.as_deref().is_some_and(units_are_metres),
        north_deg: wkt.as_deref().filter(|_| georeferenced).and_then(|w| north_angle(w, centre[0], centre[1])),
        date: date.to_string(),
    }
}

/// The part of `view` each stack shows: all of it, or its side of a swipe's divider.
fn pane_views(view: [f64; 4], arrangement: Arrangement) -> [[f64; 4]; 2] {
    let [x0, y0, x1, y1] = view;
    match arrangement {
        Arrangement::Swipe { split, horizontal: false } => {
            let x = x0 + (x1 - x0) * split;
            [[x0, y0, x, y1], [x, y0, x1, y1]]
        }
        // A above the divider, B below; map y grows upwards.
        Arrangement::Swipe { split, horizontal: true } => {
            let y = y1 - (y1 - y0) * split;
            [[x0, y, x1, y1], [x0, y0, x1, y]]
        }
        _ => [view, view],
    }
}

/// The legend of the visible layers of every pane, top first: for class layers the classes with pixels in the
/// pane's part of the view (land cover only, hidden classes left out), for continuous layers a ramp over the values
/// there. Counted on the base level, so a class of one pixel is listed.
fn legend_in_view(panes: &[LayerStack], views: &[[f64; 4]; 2]) -> Result<Vec<LegendGroup>, String> {
    let mut groups = Vec::new();
    for (i, pane) in panes.iter().enumerate() {
        let view = views[i.min(1)];
        for layer in pane.layers.iter().filter(|l| l.visible) {
            let mut heading = layer.title();
            if panes.len() > 1 {
                heading = text::figure_stack_heading((b'A' + i.min(25) as u8) as char, &heading);
            }
            groups.push(LegendGroup { heading, items: items_in_view(layer, view)? });
        }
    }
    Ok(groups)
}

fn items_in_view(layer: &MapLayer, view: [f64; 4]) -> Result<Vec<LegendItem>, String> {
    if let Some(pair) = layer.pair() {
        return Ok(vec![LegendItem::Note(text::figure_pair_note(pair.kind.name()))]);
    }
    let Some(base) = layer.source.levels.first() else { return Ok(Vec::new()) };
    let Some(window) = bbox_window(view, layer.origin(), base.pixel_size, (base.cols, base.rows)) else {
        return Ok(vec![LegendItem::Note(text::FIGURE_NOT_IN_VIEW.into())]);
    };
    let rows = strip_rows(layer.info.meta.block_size.1);
    let counts = count_window(&layer.info.path, 0, window, all_cores(), rows, &CountProgress::default())
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: counting was cancelled", layer.info.path))?;
    let legend = &layer.info.legend;
    let hidden = &layer.filter().hidden;
    let present = counts
        .present()
        .map(|(code, _)| code)
        .filter(|&c| legend.nodata != Some(c) && !legend.is_technical(c) && !hidden.contains(&c));
    Ok(match &legend.kind {
        ValueKind::Categorical => present
            .map(|code| {
                let label = match legend.entry(code) {
                    Some(e) => {
                        format!("{} {}", e.clc.as_ref().map_or(code.to_string(), |c| dotted(c.clc_code)), e.label)
                    }
                    None => text::figure_unknown_code(code),
                };
                LegendItem::Class { colour: legend.colour_of(code), label }
            })
            .collect(),
        ValueKind::Continuous { unit, .. } => {
            let codes: Vec<u32> = present.collect();
            match (codes.first(), codes.last()) {
                (Some(&low), Some(&high)) => {
                    let steps = 48;
                    let colours = (0..steps)
                        .map(|i| {
                            legend.colour_of(low + ((high - low) as f64 * i as f64 / (steps - 1) as f64).round() as u32)
                        })
                        .collect();
                    let with_unit = |v: u32| format!("{} {unit}", format_value(legend.value_of(v))).trim().to_string();
                    vec![LegendItem::Ramp { colours, low: with_unit(low), high: with_unit(high) }]
                }
                _ => vec![LegendItem::Note(text::FIGURE_NO_VALUES.into())],
            }
        }
        ValueKind::Imagery => Vec::new(),
    })
}

/// Today's date, YYYY-MM-DD (UTC); `SOURCE_DATE_EPOCH` (seconds) stands in for the clock when set, for reproducible
/// figures.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_778), (2026, 11, 21));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
