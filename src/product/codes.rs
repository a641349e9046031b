//! Layers of codes (bytes and 16 bits, and other types once recoded): their legend, worked out from the product,
//! the colour table, the attribute table or a `.clr` file beside them, and whether their overviews can be drawn.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::identity::Identity;
use super::layer_info::{LayerInfo, OverviewState, ProductError};
use super::legend::{built_in, BuiltIn, Legend, LegendEntry, LegendSource, ValueKind};
use super::naming::{ClcCoding, Layer, ParsedName};
use crate::raster::{DataType, Pixels, RasterFile, RasterMeta};

/// Largest side of a raster that is drawn without a pyramid.
const NO_PYRAMID_NEEDED_PX: usize = 1024;
/// At most this many distinct integer values make an unknown raster categorical.
const MAX_GENERATED_CLASSES: usize = 32;

/// What is known of a layer before its legend and overviews are worked out.
pub(super) struct Named {
    pub name: String,
    pub product: Option<ParsedName>,
    pub identity: Identity,
    pub tileset: Vec<String>,
    /// The files a VRT reads (empty for a plain file): their overviews are the VRT's.
    pub sources: Vec<String>,
}

/// Legend (`legend`, else worked out from the product and the file) and overview check of a layer of codes.
pub(super) fn finish_codes(
    file: RasterFile,
    mut meta: RasterMeta,
    named: Named,
    legend: Option<Legend>,
) -> Result<LayerInfo, ProductError> {
    let colour_file = match meta.color_table {
        None => colour_file_beside(&meta.path),
        Some(_) => None,
    };
    if let Some(table) = &colour_file {
        meta.color_table = Some(table.clone());
    }
    // Only a raster of no known product needs its values looked at (to generate a legend).
    let sample = match (&named.product, &legend) {
        (None, None) => Some(file.read_decimated(256)?.0),
        _ => None,
    };
    let mut legend = legend.unwrap_or_else(|| build_legend(named.product.as_ref(), &meta, sample.as_ref()));
    if colour_file.is_some() {
        legend.source = legend.source.from_colour_file();
    }
    let overviews = match named.sources.first() {
        // A VRT's overviews are its sources' (GDAL exposes theirs): one source tells, without reading all.
        Some(first) if named.sources.len() > 1 => {
            let source = RasterFile::open(first)?;
            let source_meta = source.meta()?;
            check_overviews(&source, &source_meta, &legend)?
        }
        _ => check_overviews(&file, &meta, &legend)?,
    };
    Ok(LayerInfo {
        path: meta.path.clone(),
        name: named.name,
        product: named.product,
        identity: named.identity,
        meta,
        legend,
        overviews,
        tileset: named.tileset,
        mosaic: None,
        recoded: None,
        reprojected: None,
        generalised: None,
    })
}

/// The colours of an ArcGIS `.clr` file beside a raster without a colour table (`name.clr` or `name.tif.clr`), as
/// the 2018 and 2021 Europe-wide CLMS deliveries ship them; as RGBA by value.
fn colour_file_beside(path: &str) -> Option<Vec<[u8; 4]>> {
    let path = Path::new(path);
    let candidates = [path.with_extension("clr"), PathBuf::from(format!("{}.clr", path.display()))];
    let style = candidates.iter().filter(|c| c.is_file()).find_map(|c| super::style::Style::read(c).ok())?;
    let size = style.entries.iter().map(|e| e.code as usize + 1).max()?;
    let mut table = vec![[0u8; 4]; size.min(65536)];
    for e in &style.entries {
        if let Some(slot) = table.get_mut(e.code as usize) {
            *slot = e.rgba;
        }
    }
    Some(table)
}

fn built_in_for(product: &ParsedName, dtype: DataType) -> BuiltIn {
    match product.layer {
        Layer::Ras => BuiltIn::ClcPlusRas,
        Layer::Rascl => BuiltIn::ClcPlusRascl,
        Layer::Rasdl => BuiltIn::ClcPlusRasdl,
        Layer::Raspl => BuiltIn::ClcPlusRaspl,
        Layer::Imd => BuiltIn::Imd,
        Layer::Cty => BuiltIn::Cty,
        Layer::Ctycl => BuiltIn::Ctycl,
        // 3-digit codes do not fit in a byte, so a byte raster holds grid codes whatever its name says.
        Layer::Clc if dtype == DataType::Byte => BuiltIn::ClcGridCode,
        Layer::Clc => match product.clc_coding {
            Some(ClcCoding::GridCode) => BuiltIn::ClcGridCode,
            Some(ClcCoding::ThreeDigit) | None => BuiltIn::ClcThreeDigit,
        },
    }
}

/// The legend: built-in for known products, generated from the values otherwise; then the file's colour table and
/// attribute table win for the codes they cover, and the band's nodata value is technical and transparent.
fn build_legend(product: Option<&ParsedName>, meta: &RasterMeta, sample: Option<&Pixels>) -> Legend {
    let nodata = meta.nodata.filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= u32::MAX as f64).map(|v| v as u32);
    let values = sample.map(|s| distinct_values(s, nodata)).unwrap_or_default();
    let mut legend = match product {
        Some(p) => built_in(built_in_for(p, meta.dtype)),
        None => generated_legend(meta, &values),
    };
    legend.nodata = nodata;
    let has_table = meta.color_table.is_some();
    if let Some(table) = &meta.color_table {
        for e in legend.entries.iter_mut() {
            if let Some(c) = table.get(e.code as usize) {
                e.rgba = *c;
            }
        }
        legend.table = Some(table.clone());
    }
    let mut has_rat = false;
    if let Some(rows) = &meta.attribute_table {
        for row in rows {
            // A row for a value the band cannot hold describes no pixel (fuzzing found such a table giving a byte
            // layer a legend entry 65536).
            let Some(code) = u32::try_from(row.value).ok().filter(|&c| c <= meta.dtype.max_code()) else { continue };
            let Some(label) = row.label.clone() else { continue };
            has_rat = true;
            match legend.entries.binary_search_by_key(&code, |e| e.code) {
                Ok(i) => legend.entries[i].label = label,
                Err(i) => {
                    let rgba = legend.colour_of(code);
                    let rgba = row.rgb.map(|c| [c[0], c[1], c[2], 255]).filter(|_| !has_table).unwrap_or(rgba);
                    legend.entries.insert(i, entry(code, label, rgba, false));
                }
            }
        }
    }
    if let Some(code) = nodata {
        match legend.entries.binary_search_by_key(&code, |e| e.code) {
            Ok(i) => {
                legend.entries[i].technical = true;
                legend.entries[i].rgba[3] = 0;
            }
            Err(i) => legend.entries.insert(i, entry(code, "No data (band nodata value)".into(), [0, 0, 0, 0], true)),
        }
    }
    legend.source = match (product.is_some() || has_rat, has_table, has_rat) {
        (_, true, true) => LegendSource::ColorTableAndAttributeTable,
        (_, true, false) => LegendSource::ColorTable,
        (_, false, true) => LegendSource::AttributeTable,
        (true, false, false) => LegendSource::BuiltIn,
        (false, false, false) => LegendSource::Generated,
    };
    legend
}

pub(super) fn entry(code: u32, label: String, rgba: [u8; 4], technical: bool) -> LegendEntry {
    LegendEntry { code, label, rgba, technical, description: None, source_section: None, clc: None }
}

fn distinct_values(sample: &Pixels, nodata: Option<u32>) -> BTreeSet<u32> {
    let mut set = BTreeSet::new();
    match sample {
        Pixels::U8(v) => {
            let mut seen = [false; 256];
            v.iter().for_each(|&x| seen[x as usize] = true);
            set.extend((0..256u32).filter(|&i| seen[i as usize]));
        }
        Pixels::U16(v) => set.extend(v.iter().map(|&x| x as u32)),
        Pixels::F32(_) | Pixels::Rgba(_) => {}
    }
    if let Some(n) = nodata {
        set.remove(&n);
    }
    set
}

/// Qualitative colours for classes of unknown rasters without a colour table (our own choice).
const CLASS_COLOURS: [[u8; 3]; 12] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [127, 127, 127],
    [188, 189, 34],
    [23, 190, 207],
    [174, 199, 232],
    [255, 187, 120],
];

/// A dark-blue to yellow ramp for continuous rasters of unknown products (our own choice of stops).
pub(super) const RAMP: [[u8; 3]; 5] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

fn generated_legend(meta: &RasterMeta, values: &BTreeSet<u32>) -> Legend {
    let categorical = meta.color_table.is_some() || values.len() <= MAX_GENERATED_CLASSES;
    if categorical {
        let entries = values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let c = CLASS_COLOURS[i % CLASS_COLOURS.len()];
                entry(v, format!("Value {v}"), [c[0], c[1], c[2], 255], false)
            })
            .collect();
        return Legend {
            source: LegendSource::Generated,
            kind: ValueKind::Categorical,
            entries,
            table: None,
            nodata: None,
            about: None,
            scale: None,
        };
    }
    let (min, max) = match (values.first(), values.last()) {
        (Some(&a), Some(&b)) if b > a => (a, b),
        (Some(&a), _) => (a, a + 1),
        _ => (0, 1),
    };
    let entries = RAMP
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let code = min + ((max - min) as f64 * i as f64 / (RAMP.len() - 1) as f64).round() as u32;
            entry(code, format!("{code}"), [c[0], c[1], c[2], 255], false)
        })
        .collect::<Vec<_>>();
    let mut entries = entries;
    entries.dedup_by_key(|e| e.code);
    Legend {
        source: LegendSource::Generated,
        kind: ValueKind::Continuous { min: min as f64, max: max as f64, unit: String::new() },
        entries,
        table: None,
        nodata: None,
        about: None,
        scale: None,
    }
}

/// The largest side of the window of the smallest overview that [`check_overviews`] reads.
const MAX_OVERVIEW_CHECK_PX: usize = 1024;

/// Decides whether the file's overviews can be drawn: a class map whose smallest overview holds codes of no legend
/// entry was built by averaging (values between codes) and would show wrong classes.
pub(super) fn check_overviews(
    file: &RasterFile,
    meta: &RasterMeta,
    legend: &Legend,
) -> Result<OverviewState, ProductError> {
    let Some(&(w, h)) = meta.overviews.last() else {
        let big = meta.size.0.max(meta.size.1) > NO_PYRAMID_NEEDED_PX;
        return Ok(if big { OverviewState::Missing } else { OverviewState::NotNeeded });
    };
    if !matches!(legend.kind, ValueKind::Categorical) || legend.source == LegendSource::Generated {
        return Ok(OverviewState::Usable);
    }
    // A centred window of at most MAX_OVERVIEW_CHECK_PX a side: enough to see averaged values, and bounded for a
    // continent-sized raster whose smallest overview is still large.
    let (cw, ch) = (w.min(MAX_OVERVIEW_CHECK_PX), h.min(MAX_OVERVIEW_CHECK_PX));
    let smallest = file.read_window(meta.overviews.len(), ((w - cw) / 2, (h - ch) / 2), (cw, ch))?;
    let foreign: Vec<u32> =
        distinct_values(&smallest, legend.nodata).into_iter().filter(|&v| legend.entry(v).is_none()).collect();
    Ok(if foreign.is_empty() { OverviewState::Usable } else { OverviewState::Interpolated { foreign_values: foreign } })
}
