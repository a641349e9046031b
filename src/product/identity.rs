//! Where a layer's product identity comes from when its own name says nothing: the names of the files a VRT or a
//! mosaic reads, or a colour table that equals an official CLMS palette. The UI and `info` say which.

use serde::Serialize;

use super::legend::{built_in, BuiltIn};
use super::naming::{parse_file_name, ClcCoding, Family, Layer, ParsedName};

/// How the viewer knows what a layer is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Identity {
    /// Its file name follows a CLMS naming convention.
    FileName,
    /// It is a mosaic or VRT whose `files` source files are named as one CLMS product layer and year.
    SourceNames { files: usize },
    /// Its embedded colour table equals the official palette of `palette`.
    Palette { palette: String },
    /// Nothing says: a raster of no known product.
    Unknown,
}

impl Identity {
    /// What the UI and `info` say, such as "from the names of its 9 source files".
    pub fn describe(&self) -> String {
        match self {
            Identity::FileName => "from its file name".into(),
            Identity::SourceNames { files: 1 } => "from the name of its source file".into(),
            Identity::SourceNames { files } => format!("from the names of its {files} source files"),
            Identity::Palette { palette } => {
                format!("from its colour table, which equals the official {palette} palette (year unknown)")
            }
            Identity::Unknown => "not a known CLMS product".into(),
        }
    }
}

/// The product that all of `files` (a VRT's sources) are named as: one family, layer and year on one grid. The tile
/// is kept when there is one source file (a VRT over one tile), else the mosaic is of no one tile.
pub fn product_of_sources(files: &[String]) -> Option<ParsedName> {
    let mut parsed = files.iter().map(|f| parse_file_name(f));
    let first = parsed.next()??;
    let mut tile = first.tile.clone();
    let mut area = first.area.clone();
    for p in parsed {
        let p = p?;
        let same = p.family == first.family
            && p.layer == first.layer
            && p.year == first.year
            && p.epsg == first.epsg
            && p.resolution_m == first.resolution_m
            && p.clc_coding == first.clc_coding;
        if !same {
            return None;
        }
        if p.tile != tile {
            tile = None;
        }
        if p.area != area {
            area = None;
        }
    }
    Some(ParsedName { tile, area, ..first })
}

/// Palettes distinctive enough to recognise a product by (at least [`MIN_CLASSES`] land-cover or value codes): the
/// palette's built-in legend, and the product it stands for.
const PALETTES: [(BuiltIn, Family, Layer, &str); 5] = [
    (BuiltIn::ClcPlusRas, Family::ClcPlus, Layer::Ras, "CLCplus Backbone RAS"),
    (BuiltIn::ClcGridCode, Family::Corine, Layer::Clc, "CORINE Land Cover"),
    (BuiltIn::Imd, Family::Imd, Layer::Imd, "Imperviousness Density"),
    (BuiltIn::Ctycl, Family::CropTypes, Layer::Ctycl, "Crop Types confidence"),
    (BuiltIn::Cty, Family::CropTypes, Layer::Cty, "Crop Types"),
];

/// Fewer codes than this could match a palette by chance.
const MIN_CLASSES: usize = 8;

/// The product whose official palette `table` (RGBA by value) holds at every land-cover code of that palette, and
/// its name; `None` when no palette matches, or more than one does.
pub fn product_of_palette(table: &[[u8; 4]]) -> Option<(ParsedName, &'static str)> {
    let mut found = PALETTES.iter().filter(|(which, ..)| {
        let legend = built_in(*which);
        let classes: Vec<_> = legend.class_entries().collect();
        classes.len() >= MIN_CLASSES
            && classes.iter().all(|e| table.get(e.code as usize).is_some_and(|c| c[..3] == e.rgba[..3]))
    });
    let (which, family, layer, name) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let clc_coding = (*which == BuiltIn::ClcGridCode).then_some(ClcCoding::GridCode);
    let product = ParsedName {
        family: *family,
        layer: *layer,
        year: None,
        tile: None,
        area: None,
        epsg: None,
        resolution_m: None,
        clc_coding,
    };
    Some((product, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_of_one_layer_and_year_name_the_mosaic() {
        let tiles: Vec<String> = ["E44N36", "E45N36"]
            .iter()
            .map(|t| format!("/data/CLMS_CLCPLUS_RAS_S2023_R10m_{t}_03035_V01_R00.tif"))
            .collect();
        let p = product_of_sources(&tiles).expect("a product");
        assert_eq!((p.layer, p.year, p.tile), (Layer::Ras, Some(2023), None));
        let one = product_of_sources(&tiles[..1]).expect("a product");
        assert_eq!(one.tile.as_deref(), Some("E44N36"));
        let mut mixed = tiles.clone();
        mixed.push("/data/CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif".into());
        assert_eq!(product_of_sources(&mixed), None, "two layers are no one product");
        mixed.pop();
        mixed.push("/data/mosaic_part.tif".into());
        assert_eq!(product_of_sources(&mixed), None, "an unknown source");
        assert_eq!(product_of_sources(&[]), None);
    }

    #[test]
    fn the_official_ras_palette_is_recognised_and_a_changed_one_is_not() {
        // Colours from ../shared/reference/palettes.json (clcplus_ras), the oracle, not from our legend.
        let official: [(usize, [u8; 3]); 11] = [
            (1, [255, 0, 0]),
            (2, [34, 139, 34]),
            (3, [128, 255, 0]),
            (4, [0, 255, 8]),
            (5, [128, 64, 0]),
            (6, [204, 242, 77]),
            (7, [255, 255, 128]),
            (8, [255, 128, 255]),
            (9, [191, 191, 191]),
            (10, [0, 128, 255]),
            (11, [0, 255, 255]),
        ];
        let mut table = vec![[0u8, 0, 0, 255]; 256];
        for (code, rgb) in official {
            table[code] = [rgb[0], rgb[1], rgb[2], 255];
        }
        let (p, name) = product_of_palette(&table).expect("recognised");
        assert_eq!((p.family, p.layer, p.year), (Family::ClcPlus, Layer::Ras, None));
        assert_eq!(name, "CLCplus Backbone RAS");
        table[7] = [255, 255, 127, 255];
        assert_eq!(product_of_palette(&table), None);
        assert_eq!(product_of_palette(&[]), None);
    }
}
