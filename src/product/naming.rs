//! File-name parsing for every CLMS naming convention the viewer knows (PRODUCTS.md section 3).
//!
//! Names are matched case-insensitively on their tokens rather than with one regular expression per product, so that
//! small variations (padded or unpadded EPSG codes, `V01_R00` or `V01-R00`, extra suffixes) still parse.

use serde::Serialize;

/// Product family, as the CLMS catalogue groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    #[serde(rename = "CLCplus Backbone")]
    ClcPlus,
    #[serde(rename = "Imperviousness Density")]
    Imd,
    #[serde(rename = "Crop Types")]
    CropTypes,
    #[serde(rename = "CORINE Land Cover")]
    Corine,
}

/// Canonical layer names (DESIGN.md "info --json").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Layer {
    #[serde(rename = "RAS")]
    Ras,
    #[serde(rename = "RASCL")]
    Rascl,
    #[serde(rename = "RASDL")]
    Rasdl,
    #[serde(rename = "RASPL")]
    Raspl,
    #[serde(rename = "IMD")]
    Imd,
    #[serde(rename = "CTY")]
    Cty,
    #[serde(rename = "CTYCL")]
    Ctycl,
    #[serde(rename = "CLC")]
    Clc,
}

impl Layer {
    pub fn canonical(self) -> &'static str {
        match self {
            Layer::Ras => "RAS",
            Layer::Rascl => "RASCL",
            Layer::Rasdl => "RASDL",
            Layer::Raspl => "RASPL",
            Layer::Imd => "IMD",
            Layer::Cty => "CTY",
            Layer::Ctycl => "CTYCL",
            Layer::Clc => "CLC",
        }
    }
}

impl Family {
    pub fn display(self) -> &'static str {
        match self {
            Family::ClcPlus => "CLCplus Backbone",
            Family::Imd => "Imperviousness Density",
            Family::CropTypes => "Crop Types",
            Family::Corine => "CORINE Land Cover",
        }
    }
}

/// How a CORINE raster codes its classes (PRODUCTS.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ClcCoding {
    /// Grid codes 1-44 (+ 48, 49, 50, 255): the V2020_20u1 and 250 m releases.
    GridCode,
    /// The CLC codes themselves, 111-523 (+ 999, 990, 995): the V2018_20 release.
    ThreeDigit,
}

/// What a file name says about its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedName {
    pub family: Family,
    pub layer: Layer,
    pub year: Option<u16>,
    /// EEA 100 km tile id such as `E44N36`.
    pub tile: Option<String>,
    /// Area token when the file is not one grid tile: `EU`, a country code, or a French overseas area (`GF`, ...).
    pub area: Option<String>,
    pub epsg: Option<u32>,
    pub resolution_m: Option<u32>,
    pub clc_coding: Option<ClcCoding>,
}

/// Parses a file name (or a path: only its last component counts). Returns `None` for names of no known product.
pub fn parse_file_name(name: &str) -> Option<ParsedName> {
    let stem = file_stem(name).to_ascii_lowercase();
    let tokens: Vec<&str> = stem.split('_').filter(|t| !t.is_empty()).collect();
    match tokens.first().copied() {
        Some("clms") => parse_clms(&tokens),
        Some("imd") => parse_imd_2018(&tokens),
        Some(first) if first.starts_with('u') || first.starts_with("clc") || first.starts_with("g250") => {
            parse_corine(&tokens)
        }
        _ => None,
    }
}

/// The last path component without raster extensions.
fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    for ext in [".tif", ".tiff", ".vrt"] {
        if lower.ends_with(ext) {
            return &base[..base.len() - ext.len()];
        }
    }
    base
}

/// `CLMS_<theme>[_<variable>]_<year>_<resolution>_<area>_<epsg>_<version>`: CLCplus (all generations), IMD 2021/2024
/// and Crop Types.
fn parse_clms(tokens: &[&str]) -> Option<ParsedName> {
    let year_at = tokens.iter().skip(1).position(|t| year_token(t).is_some())? + 1;
    let year = year_token(tokens[year_at]);
    let words: Vec<&str> = tokens[1..year_at].iter().flat_map(|t| t.split('-')).collect();
    let (family, layer) = match words.as_slice() {
        ["clcplus", variable] => (Family::ClcPlus, clcplus_layer(variable)?),
        ["hrlnvlcc" | "nvlcc", "imd"] => (Family::Imd, Layer::Imd),
        ["hrlvlcc" | "vlcc", "cty"] => (Family::CropTypes, Layer::Cty),
        ["hrlvlcc" | "vlcc", "ctycl"] => (Family::CropTypes, Layer::Ctycl),
        _ => return None,
    };
    let rest = &tokens[year_at + 1..];
    let resolution_m = rest.first().and_then(|t| resolution_token(t));
    let (tile, area) = rest.get(1).map(|t| area_token(t)).unwrap_or((None, None));
    let epsg = rest.get(2).and_then(|t| epsg_token(t));
    Some(ParsedName { family, layer, year, tile, area, epsg, resolution_m, clc_coding: None })
}

fn clcplus_layer(variable: &str) -> Option<Layer> {
    Some(match variable {
        // RASTER (2018/2021 mosaics), RAS (2023 tiles), LCU (the target naming convention's land-cover variable).
        "ras" | "raster" | "lcu" => Layer::Ras,
        "rascl" | "conf" => Layer::Rascl,
        "rasdl" | "dsl" => Layer::Rasdl,
        "raspl" | "post" => Layer::Raspl,
        _ => return None,
    })
}

/// `IMD_2018_010m_eu_03035_V2_0`, `IMD_2018_010m_E38N23_03035_v020`.
fn parse_imd_2018(tokens: &[&str]) -> Option<ParsedName> {
    let year = tokens.get(1).and_then(|t| year_token(t))?;
    let resolution_m = tokens.get(2).and_then(|t| resolution_token(t));
    let (tile, area) = tokens.get(3).map(|t| area_token(t)).unwrap_or((None, None));
    let epsg = tokens.get(4).and_then(|t| epsg_token(t));
    Some(ParsedName {
        family: Family::Imd,
        layer: Layer::Imd,
        year: Some(year),
        tile,
        area,
        epsg,
        resolution_m,
        clc_coding: None,
    })
}

/// `U2018_CLC2018_V2020_20u1`, `CLC2018_CLC2012_V2018_20`, `clc2018_clc2018_V2018.20`, `g250_clc90_V18_5`,
/// `g250_06_V18_5`. Change layers (`U2018_CHA1218_...`) are not class layers and are not recognised.
fn parse_corine(tokens: &[&str]) -> Option<ParsedName> {
    let (first, second) = (tokens.first()?, tokens.get(1)?);
    let (year, resolution_m) = if first.starts_with("g250") {
        let digits = second.strip_prefix("clc").unwrap_or(second);
        (two_or_four_digit_year(digits)?, 250)
    } else {
        let campaign_ok = first.strip_prefix('u').or_else(|| first.strip_prefix("clc"));
        campaign_ok.filter(|d| d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()))?;
        (two_or_four_digit_year(second.strip_prefix("clc")?)?, 100)
    };
    let release = tokens.get(2).copied().unwrap_or("");
    let clc_coding = if release.starts_with("v2018") { ClcCoding::ThreeDigit } else { ClcCoding::GridCode };
    let area = tokens.iter().skip(3).find(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()));
    Some(ParsedName {
        family: Family::Corine,
        layer: Layer::Clc,
        year: Some(year),
        tile: None,
        area: area.map(|a| a.to_ascii_uppercase()),
        epsg: None,
        resolution_m: Some(resolution_m),
        clc_coding: Some(clc_coding),
    })
}

fn two_or_four_digit_year(digits: &str) -> Option<u16> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u16 = digits.parse().ok()?;
    let year = match digits.len() {
        4 => n,
        2 if n >= 85 => 1900 + n,
        2 => 2000 + n,
        _ => return None,
    };
    YEARS.contains(&year).then_some(year)
}

/// Years a CLMS product can be of: CORINE's first inventory was made in the late 1980s (fuzzing found `g250_50`
/// read as 1950 before this bound).
const YEARS: std::ops::RangeInclusive<u16> = 1985..=2100;

/// `2021`, `s2023`.
fn year_token(token: &str) -> Option<u16> {
    let digits = token.strip_prefix('s').unwrap_or(token);
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| YEARS.contains(y))
}

/// `r10m`, `010m`, `r100m`.
fn resolution_token(token: &str) -> Option<u32> {
    let t = token.strip_prefix('r').unwrap_or(token);
    t.strip_suffix('m')?.parse().ok()
}

/// Area token: an EEA tile id (`e44n36`), or an area code (`eu`, `fr`, `gf`, a 5-digit unit id).
fn area_token(token: &str) -> (Option<String>, Option<String>) {
    if is_tile_id(token) {
        (Some(token.to_ascii_uppercase()), None)
    } else {
        (None, Some(token.to_ascii_uppercase()))
    }
}

/// `E44N36`-shaped (2 or 3 digits each), any case.
pub fn is_tile_id(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    let Some(rest) = t.strip_prefix('e') else { return false };
    let Some((east, north)) = rest.split_once('n') else { return false };
    let digits = |s: &str| (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    digits(east) && digits(north)
}

/// `03035`, `3035`, `32622`.
fn epsg_token(token: &str) -> Option<u32> {
    ((4..=5).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())).then(|| token.parse().ok())?
}
