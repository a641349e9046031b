//! From what a user opens (files, folders, VRTs, URLs) to the layers it becomes: the tiles of one product layer and
//! year on one grid are ONE layer (a mosaic), whether they come as a folder or as several files; every other file is
//! a layer of its own. Only names are read here (folders are listed), so planning is cheap for 897 tiles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::naming::{parse_file_name, Layer, ParsedName};

/// What tiles must share to be one mosaic: product, layer, year, CRS and resolution (as their names say).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct MosaicKey {
    family: u8,
    layer: LayerOrder,
    year: Option<u16>,
    epsg: Option<u32>,
    resolution_m: Option<u32>,
    coding: Option<u8>,
}

/// A product layer, ordered as a tile set is stacked: RAS first, then its auxiliary layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct LayerOrder(u8);

impl LayerOrder {
    fn of(layer: Layer) -> LayerOrder {
        LayerOrder(LAYERS.iter().position(|l| *l == layer).unwrap_or(LAYERS.len()) as u8)
    }
}

const LAYERS: [Layer; 8] =
    [Layer::Ras, Layer::Rascl, Layer::Rasdl, Layer::Raspl, Layer::Imd, Layer::Cty, Layer::Ctycl, Layer::Clc];

impl MosaicKey {
    fn of(p: &ParsedName) -> MosaicKey {
        MosaicKey {
            family: p.family as u8,
            layer: LayerOrder::of(p.layer),
            year: p.year,
            epsg: p.epsg,
            resolution_m: p.resolution_m,
            coding: p.clc_coding.map(|c| c as u8),
        }
    }
}

/// One layer to open: one file (or URL), or the tiles of a mosaic.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedLayer {
    /// The files, sorted; more than one for a mosaic.
    pub paths: Vec<String>,
    /// What the tiles' names say, for a layer whose name parses.
    pub product: Option<ParsedName>,
}

impl PlannedLayer {
    pub fn is_mosaic(&self) -> bool {
        self.paths.len() > 1
    }

    /// "RAS 2023 (9 tiles)", "RASCL 2023", or the file name: how a choice is named in messages.
    pub fn describe(&self) -> String {
        let name = match &self.product {
            Some(p) => {
                let mut parts = vec![p.layer.canonical().to_string()];
                parts.extend(p.year.map(|y| y.to_string()));
                parts.join(" ")
            }
            None => self.paths.first().map(|p| file_name(p)).unwrap_or_default(),
        };
        match self.paths.len() {
            1 => name,
            n => format!("{name} ({n} tiles)"),
        }
    }

    /// Whether `choice` (`--layer`) picks this layer.
    pub fn matches(&self, choice: &LayerChoice) -> bool {
        self.product.as_ref().is_some_and(|p| p.layer == choice.layer && choice.year.is_none_or(|y| p.year == Some(y)))
    }
}

/// `--layer RAS` or `--layer RAS:2023`: one product layer (and year) out of a folder that holds several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerChoice {
    pub layer: Layer,
    pub year: Option<u16>,
}

impl std::str::FromStr for LayerChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<LayerChoice, String> {
        let (name, year) = match s.split_once(':') {
            Some((n, y)) => (n, Some(y)),
            None => (s, None),
        };
        let layer =
            LAYERS.iter().find(|l| l.canonical().eq_ignore_ascii_case(name.trim())).copied().ok_or_else(|| {
                let names: Vec<&str> = LAYERS.iter().map(|l| l.canonical()).collect();
                format!("'{s}': the layer is one of {}, optionally with :YEAR (RAS:2023)", names.join(", "))
            })?;
        let year = match year {
            None => None,
            Some(y) => Some(y.trim().parse::<u16>().map_err(|_| format!("'{s}': the year after ':' is a number"))?),
        };
        Ok(LayerChoice { layer, year })
    }
}

/// In which order a folder's layers are listed: the order layers are stacked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderOrder {
    /// RAS first, then its auxiliary layers, then by year: for a list whose first layer is drawn on top (the
    /// command line).
    TopFirst,
    /// The reverse: for a window that puts each layer it opens on top of the others.
    TopLast,
}

/// The layers `paths` make, in the order given (a folder's layers in `order`), and a message for each path that
/// gives none (an unreadable folder, a folder without rasters).
pub fn plan_layers(paths: &[PathBuf], order: FolderOrder) -> (Vec<PlannedLayer>, Vec<String>) {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match rasters_in(path) {
                Ok(found) if found.is_empty() => errors.push(crate::text::folder_without_rasters(&display(path))),
                Ok(found) if order == FolderOrder::TopLast => files.extend(found.into_iter().rev()),
                Ok(found) => files.extend(found),
                Err(e) => errors.push(crate::text::cannot_list_folder(&display(path), &e.to_string())),
            }
        } else {
            files.push(path.to_string_lossy().into_owned());
        }
    }
    (group(files), errors)
}

/// Files grouped into layers: tiles (names with an EEA tile id) of one [`MosaicKey`] become one mosaic, and so do
/// files of no known name that share a grid, data type, nodata value and colour table and do not overlap (tiles
/// someone cut and named themselves); each layer is placed where its first file was. Every other file stays a layer
/// of its own, and a file named twice is opened once. Reads the headers of files of no known name.
fn group(files: Vec<String>) -> Vec<PlannedLayer> {
    let mut out: Vec<PlannedLayer> = Vec::new();
    let mut mosaic_at: BTreeMap<MosaicKey, usize> = BTreeMap::new();
    // Mosaics of files of no known name: the layer's index in `out` and its tiles' footprints.
    let mut unnamed: Vec<(usize, Vec<Footprint>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for file in files {
        if !seen.insert(file.clone()) {
            continue;
        }
        let parsed = parse_file_name(&file_name(&file));
        let local = !crate::raster::is_url(&file);
        if let Some(p) = parsed.as_ref().filter(|p| p.tile.is_some() && local) {
            let key = MosaicKey::of(p);
            match mosaic_at.get(&key) {
                Some(&i) => out[i].paths.push(file),
                None => {
                    mosaic_at.insert(key, out.len());
                    let product = ParsedName { tile: None, area: None, ..p.clone() };
                    out.push(PlannedLayer { paths: vec![file], product: Some(product) });
                }
            }
            continue;
        }
        let footprint = match (&parsed, local) {
            (None, true) => Footprint::read(&file),
            _ => None,
        };
        if let Some(f) = footprint {
            if let Some((i, tiles)) = unnamed.iter_mut().find(|(_, tiles)| f.joins(tiles)) {
                out[*i].paths.push(file);
                tiles.push(f);
                continue;
            }
            unnamed.push((out.len(), vec![f]));
        }
        out.push(PlannedLayer { paths: vec![file], product: parsed });
    }
    for layer in out.iter_mut().filter(|l| l.paths.len() > 1) {
        layer.paths.sort();
    }
    // A single tile stays the file it is, with its own name and tile id.
    for layer in out.iter_mut().filter(|l| l.paths.len() == 1) {
        layer.product = parse_file_name(&file_name(&layer.paths[0]));
    }
    out
}

/// What a raster of no known name must share with others to be a tile of their mosaic, and where it lies.
struct Footprint {
    /// CRS, data type, bands, nodata and colour table, in one comparable value.
    kind: u64,
    pixel: (f64, f64),
    extent: [f64; 4],
}

impl Footprint {
    fn read(path: &str) -> Option<Footprint> {
        use std::hash::{Hash, Hasher};
        let meta = crate::raster::RasterFile::open(path).ok()?.meta().ok()?;
        let gt = meta.geo_transform?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (meta.epsg, &meta.crs_wkt, meta.dtype.name(), meta.band_count, meta.nodata.map(f64::to_bits)).hash(&mut h);
        meta.color_table.hash(&mut h);
        Some(Footprint { kind: h.finish(), pixel: (gt[1], gt[5]), extent: meta.extent() })
    }

    /// Whether this raster can join the mosaic of `tiles`: the same kind and pixel size, pixels on the same grid
    /// lines, and no overlap with any of them.
    fn joins(&self, tiles: &[Footprint]) -> bool {
        let Some(first) = tiles.first() else { return false };
        let same_grid = self.kind == first.kind
            && self.pixel == first.pixel
            && on_grid(self.extent[0] - first.extent[0], self.pixel.0)
            && on_grid(self.extent[3] - first.extent[3], self.pixel.1);
        same_grid && tiles.iter().all(|t| !overlaps(self.extent, t.extent))
    }
}

fn on_grid(offset: f64, pixel: f64) -> bool {
    let steps = offset / pixel;
    (steps - steps.round()).abs() < 1e-6
}

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The rasters of a folder (`.tif`, `.tiff`, `.vrt`, any case), sorted, RAS before its auxiliary layers.
fn rasters_in(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut found: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_raster_name(p) && p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let order = |path: &String| {
        let p = parse_file_name(&file_name(path));
        (p.as_ref().map(|p| LayerOrder::of(p.layer)), p.and_then(|p| p.year), path.clone())
    };
    found.sort_by_cached_key(order);
    Ok(found)
}

/// Whether a path's extension is one of a raster the viewer opens.
fn is_raster_name(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "tif" | "tiff" | "vrt"))
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tiles_of_one_layer_and_year_are_one_mosaic() {
        let files = names(&[
            "d/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif",
            "d/CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif",
            "d/CLMS_CLCPLUS_RAS_S2023_R10m_E45N36_03035_V01_R00.tif",
            "d/CLMS_CLCPLUS_RAS_S2021_R10m_E44N36_03035_V01_R00.tif",
            "d/CLMS_CLCPLUS_RAS_S2021_R10m_E45N36_03035_V01_R00.tif",
            "d/other.tif",
            "d/CLMS_CLCPLUS_RAS_S2023_R10m_E44N37_03035_V01_R00.tif",
        ]);
        let layers = group(files);
        let described: Vec<String> = layers.iter().map(|l| l.describe()).collect();
        assert_eq!(described, ["RAS 2023 (3 tiles)", "RASCL 2023", "RAS 2021 (2 tiles)", "other.tif"]);
        assert!(layers[0].is_mosaic());
        assert_eq!(layers[0].product.as_ref().and_then(|p| p.tile.clone()), None, "a mosaic is no one tile");
        assert_eq!(layers[1].product.as_ref().and_then(|p| p.tile.clone()).as_deref(), Some("E44N36"));
        assert_eq!(layers[0].paths[0], "d/CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif", "sorted");
    }

    #[test]
    fn layer_choices_parse() {
        assert_eq!("RAS".parse::<LayerChoice>(), Ok(LayerChoice { layer: Layer::Ras, year: None }));
        assert_eq!("rascl:2021".parse::<LayerChoice>(), Ok(LayerChoice { layer: Layer::Rascl, year: Some(2021) }));
        assert!("XYZ".parse::<LayerChoice>().unwrap_err().contains("RAS, RASCL"));
        assert!("RAS:20x".parse::<LayerChoice>().is_err());
        let ras = PlannedLayer {
            paths: vec!["a".into()],
            product: parse_file_name("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif"),
        };
        assert!(ras.matches(&"RAS".parse().expect("choice")));
        assert!(ras.matches(&"RAS:2023".parse().expect("choice")));
        assert!(!ras.matches(&"RAS:2021".parse().expect("choice")));
        assert!(!ras.matches(&"RASCL".parse().expect("choice")));
    }
}
