//! Rasters that are not byte or 16-bit codes, as a GIS user puts them beside land cover: colour imagery (3-4 bands,
//! bytes in their own colours, 16 bits stretched), continuous data of any type (Float32, Float64, Int16, Int32: a
//! ramp over the value range, nodata and NaN transparent) and class maps stored as whole numbers of such a type
//! (classes, as from a byte file). Each is read through a VRT in memory that gives it the codes the viewer draws and
//! counts (`raster::recode`); values shown to people are read from the file itself.

use super::codes::{check_overviews, entry, finish_codes, Named, RAMP};
use super::layer_info::{LayerInfo, OverviewState, ProductError, Recoded};
use super::legend::{Legend, LegendSource, ValueKind};
use crate::raster::{
    rgb8_path, scaled_path, whole_numbers_path, DataType, RasterFile, RasterMeta, SCALED_CODES, SCALED_NODATA,
};

/// A raster of more distinct whole numbers than this (in a decimated look at it) is continuous, not classes.
const MAX_CLASSES: usize = 32;
/// Side of the decimated look at a file's values.
const SAMPLE_PX: usize = 512;
/// The share of values left out at each end of a 16-bit image's stretch (as QGIS's default cumulative cut).
const STRETCH_CUT: f64 = 0.02;

/// Colour imagery: bytes drawn as they are, 16-bit bands stretched to bytes through a VRT.
pub(super) fn imagery(file: RasterFile, meta: RasterMeta, named: Named) -> Result<LayerInfo, ProductError> {
    let legend = Legend {
        source: LegendSource::Generated,
        kind: ValueKind::Imagery,
        entries: Vec::new(),
        table: None,
        nodata: None,
        about: None,
        scale: None,
    };
    let (path, recoded) = match meta.dtype {
        DataType::Byte => (meta.path.clone(), None),
        _ => {
            let mut stretch = [(0.0, 0.0); 3];
            for (b, s) in stretch.iter_mut().enumerate() {
                let mut values: Vec<f64> = file
                    .read_decimated_values(b + 1, SAMPLE_PX)?
                    .into_iter()
                    .filter(|v| v.is_finite() && Some(*v) != meta.nodata)
                    .collect();
                values.sort_by(f64::total_cmp);
                *s = cut(&values);
            }
            let vrt = rgb8_path(&meta, stretch, meta.band_count >= 4)?;
            let how = format!("16-bit bands stretched to bytes (red, green, blue {stretch:?})");
            let recoded =
                Recoded { source_path: meta.path.clone(), source_dtype: meta.dtype, source_nodata: meta.nodata, how };
            (vrt, Some(recoded))
        }
    };
    let shown = RasterFile::open(&path)?.meta()?;
    // The viewer's own pyramid holds codes, not colours: imagery is drawn from its overviews or its base.
    let overviews = if shown.overviews.is_empty() { OverviewState::NotNeeded } else { OverviewState::Usable };
    Ok(LayerInfo {
        path: shown.path.clone(),
        name: named.name,
        product: named.product,
        identity: named.identity,
        meta: shown,
        legend,
        overviews,
        tileset: named.tileset,
        mosaic: None,
        recoded,
        reprojected: None,
        generalised: None,
    })
}

/// The values between the cumulative cuts of a sorted sample; (0, 1) for an empty one.
fn cut(sorted: &[f64]) -> (f64, f64) {
    if sorted.is_empty() {
        return (0.0, 1.0);
    }
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    (at(STRETCH_CUT), at(1.0 - STRETCH_CUT))
}

/// Continuous data or whole-number classes of a type other than bytes or 16 bits, read through a VRT of codes.
pub(super) fn recoded(file: RasterFile, meta: RasterMeta, named: Named) -> Result<LayerInfo, ProductError> {
    let values: Vec<f64> = file
        .read_decimated_values(1, SAMPLE_PX)?
        .into_iter()
        .filter(|v| v.is_finite() && Some(*v) != meta.nodata)
        .collect();
    let whole = values.iter().all(|v| v.fract() == 0.0 && (0.0..65535.0).contains(v));
    let mut distinct: Vec<f64> = values.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let source = Recoded {
        source_path: meta.path.clone(),
        source_dtype: meta.dtype,
        source_nodata: meta.nodata,
        how: String::new(),
    };
    let mut info = if whole && (distinct.len() <= MAX_CLASSES || named.product.is_some()) {
        let vrt = whole_numbers_path(&meta)?;
        let file = RasterFile::open(&vrt)?;
        let vrt_meta = file.meta()?;
        let mut info = finish_codes(file, vrt_meta, named, None)?;
        info.recoded = Some(Recoded { how: "whole-number classes, each value its own code".into(), ..source });
        info
    } else {
        let (lo, hi) = match (distinct.first(), distinct.last()) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (0.0, 1.0),
        };
        let vrt = scaled_path(&meta, lo, hi)?;
        let file = RasterFile::open(&vrt)?;
        let vrt_meta = file.meta()?;
        let legend = scaled_legend(lo, hi);
        let mut info = finish_codes(file, vrt_meta, named, Some(legend))?;
        let steps = SCALED_CODES.len();
        info.recoded = Some(Recoded { how: format!("{steps} steps of {lo}..{hi}"), ..source });
        info
    };
    if info.overviews.needs_own_pyramid() {
        // Checked on the codes: a continuous file's overviews (averaged or not) are drawn as they are.
        let file = RasterFile::open(&info.path)?;
        info.overviews = check_overviews(&file, &info.meta, &info.legend)?;
    }
    Ok(info)
}

/// The legend of a continuous layer read in 254 steps of `lo..=hi`: a step per code, coloured along the ramp and
/// labelled with the values it stands for; the nodata code apart.
fn scaled_legend(lo: f64, hi: f64) -> Legend {
    let (first, last) = (*SCALED_CODES.start() as u32, *SCALED_CODES.end() as u32);
    let mut legend = Legend {
        source: LegendSource::Generated,
        kind: ValueKind::Continuous { min: first as f64, max: last as f64, unit: String::new() },
        entries: Vec::new(),
        table: None,
        nodata: Some(SCALED_NODATA as u32),
        about: None,
        scale: Some((lo, hi)),
    };
    let step = (hi - lo) / (last - first) as f64;
    legend.entries.push(entry(SCALED_NODATA as u32, "No data".into(), [0, 0, 0, 0], true));
    for code in first..=last {
        let t = (code - first) as f64 / (last - first) as f64;
        let centre = legend.value_of(code);
        let (a, b) = ((centre - step / 2.0).max(lo), (centre + step / 2.0).min(hi));
        legend.entries.push(entry(code, format!("{} – {}", short(a), short(b)), ramp_at(t), false));
    }
    legend
}

/// The ramp's colour at `t` (0..=1), between its stops.
fn ramp_at(t: f64) -> [u8; 4] {
    let x = t.clamp(0.0, 1.0) * (RAMP.len() - 1) as f64;
    let i = (x.floor() as usize).min(RAMP.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (RAMP[i], RAMP[i + 1]);
    [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]), 255]
}

/// A value with four significant digits, as people read a step of a range.
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = (3 - v.abs().log10().floor() as i32).max(0) as usize;
    format!("{v:.digits$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scaled_legend_spans_the_range_in_254_steps() {
        let legend = scaled_legend(-10.0, 243.0);
        assert_eq!(legend.class_entries().count(), 254);
        assert_eq!(legend.value_of(1), -10.0);
        assert_eq!(legend.value_of(254), 243.0);
        assert!((legend.value_of(128) - 117.0).abs() < 1e-9);
        assert!(legend.is_technical(0));
        assert_eq!(legend.entry(1).map(|e| e.label.as_str()), Some("-10.00 – -9.500"));
        assert_eq!(legend.colour_of(1), [68, 1, 84, 255]);
        assert_eq!(legend.colour_of(254), [253, 231, 37, 255]);
    }

    #[test]
    fn the_stretch_leaves_out_two_percent_at_each_end() {
        let values: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(cut(&values), (2.0, 98.0));
        assert_eq!(cut(&[]), (0.0, 1.0));
    }
}
