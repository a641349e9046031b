//! Product recognition from file names, one row per naming convention of PRODUCTS.md section 3.

use clcplus_viewer::product::{parse_file_name, ClcCoding, Family, Layer};

struct Row {
    name: &'static str,
    family: Family,
    layer: Layer,
    year: Option<u16>,
    tile: Option<&'static str>,
    area: Option<&'static str>,
    epsg: Option<u32>,
}

const fn row(
    name: &'static str,
    family: Family,
    layer: Layer,
    year: u16,
    tile: Option<&'static str>,
    area: Option<&'static str>,
    epsg: Option<u32>,
) -> Row {
    Row { name, family, layer, year: Some(year), tile, area, epsg }
}

use Family::{ClcPlus, Corine, CropTypes};
use Layer::{Clc, Cty, Ctycl, Ras, Rascl, Rasdl, Raspl};

const ROWS: &[Row] = &[
    // CLCplus 2018 and 2021 mosaics and their auxiliary layers.
    row("CLMS_CLCplus_RASTER_2018_010m_eu_03035_V1_1.tif", ClcPlus, Ras, 2018, None, Some("EU"), Some(3035)),
    row(
        "CLMS_CLCplus_RASTER_2018_010m_eu_03035_V1_1/Data/CLMS_CLCplus_RASTER_2018_010m_eu_03035_V1_1.tif",
        ClcPlus,
        Ras,
        2018,
        None,
        Some("EU"),
        Some(3035),
    ),
    row("CLMS_CLCplus_RASTER_2021_010m_eu_03035_V1_1.tif", ClcPlus, Ras, 2021, None, Some("EU"), Some(3035)),
    row("CLMS_CLCplus_CONF_2021_010m_eu_03035_V1_1.tif", ClcPlus, Rascl, 2021, None, Some("EU"), Some(3035)),
    row("clms_clcplus_dsl_2021_010m_12345_03035_v1_1.tif", ClcPlus, Rasdl, 2021, None, Some("12345"), Some(3035)),
    row("CLMS_CLCplus_POST_2021_010m_eu_03035_V1_1.TIF", ClcPlus, Raspl, 2021, None, Some("EU"), Some(3035)),
    // CLCplus 2023 tiles.
    row("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif", ClcPlus, Ras, 2023, Some("E44N36"), None, Some(3035)),
    row(
        "CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif",
        ClcPlus,
        Rascl,
        2023,
        Some("E44N36"),
        None,
        Some(3035),
    ),
    row(
        "CLMS_CLCPLUS_RASDL_S2023_R10m_E09N27_03035_V01_R00.tif",
        ClcPlus,
        Rasdl,
        2023,
        Some("E09N27"),
        None,
        Some(3035),
    ),
    row(
        "clms_clcplus_raspl_s2023_r10m_e73n54_03035_v01_r00.tif",
        ClcPlus,
        Raspl,
        2023,
        Some("E73N54"),
        None,
        Some(3035),
    ),
    row(
        "CLMS_CLCPLUS_RAS_S2023_R10m_E100N120_03035_V01_R00.tif",
        ClcPlus,
        Ras,
        2023,
        Some("E100N120"),
        None,
        Some(3035),
    ),
    // French overseas areas, in UTM.
    row("CLMS_CLCPLUS_RAS_S2023_R10m_GF_32622_V01_R00.tif", ClcPlus, Ras, 2023, None, Some("GF"), Some(32622)),
    row("CLMS_CLCPLUS_RASCL_S2023_R10m_GP_32620_V01_R00.tif", ClcPlus, Rascl, 2023, None, Some("GP"), Some(32620)),
    row("CLMS_CLCPLUS_RAS_S2023_R10m_MQ_32620_V01_R00.tif", ClcPlus, Ras, 2023, None, Some("MQ"), Some(32620)),
    row("clms_clcplus_rasdl_s2023_r10m_re_32740_v01_r00.tif", ClcPlus, Rasdl, 2023, None, Some("RE"), Some(32740)),
    row("CLMS_CLCPLUS_RASPL_S2023_R10m_YT_32738_V01_R00.tif", ClcPlus, Raspl, 2023, None, Some("YT"), Some(32738)),
    // The target naming convention: hyphenated variable, unpadded EPSG, V01-R00.
    row("CLMS_CLCPLUS-LCU_S2023_R10m_E48N37_3035_V01-R00.tif", ClcPlus, Ras, 2023, Some("E48N37"), None, Some(3035)),
    row(
        "CLMS_CLCPLUS-RASCL_S2023_R10m_E48N37_3035_V01-R00.tif",
        ClcPlus,
        Rascl,
        2023,
        Some("E48N37"),
        None,
        Some(3035),
    ),
    // Imperviousness Density.
    row("IMD_2018_010m_eu_03035_V2_0.tif", Family::Imd, Layer::Imd, 2018, None, Some("EU"), Some(3035)),
    row("IMD_2018_100m_eu_03035_v1_0.tif", Family::Imd, Layer::Imd, 2018, None, Some("EU"), Some(3035)),
    row(
        "IMD_2018_010m_fr_03035_v020/DATA/IMD_2018_010m_E38N23_03035_v020.tif",
        Family::Imd,
        Layer::Imd,
        2018,
        Some("E38N23"),
        None,
        Some(3035),
    ),
    row(
        "CLMS_HRLNVLCC_IMD_S2021_R10m_E09N27_03035_V01_R01.tif",
        Family::Imd,
        Layer::Imd,
        2021,
        Some("E09N27"),
        None,
        Some(3035),
    ),
    row(
        "CLMS_HRLNVLCC_IMD_S2021_R100m_E09N27_03035_V01_R01.tif",
        Family::Imd,
        Layer::Imd,
        2021,
        Some("E09N27"),
        None,
        Some(3035),
    ),
    row(
        "CLMS_NVLCC_IMD_S2024_R10m_E41N27_03035_V01_R01.tif",
        Family::Imd,
        Layer::Imd,
        2024,
        Some("E41N27"),
        None,
        Some(3035),
    ),
    // Crop Types and their confidence layer.
    row("CLMS_HRLVLCC_CTY_S2021_R10m_E48N41_03035_V01_R00.tif", CropTypes, Cty, 2021, Some("E48N41"), None, Some(3035)),
    row(
        "CLMS_HRLVLCC_CTYCL_S2024_R10m_E40N30_03035_V01_R00.tif",
        CropTypes,
        Ctycl,
        2024,
        Some("E40N30"),
        None,
        Some(3035),
    ),
    row("clms_hrlvlcc_cty_s2017_r10m_e40n30_03035_v01_r00.tif", CropTypes, Cty, 2017, Some("E40N30"), None, Some(3035)),
];

#[test]
fn every_clms_naming_convention_is_recognised() {
    for r in ROWS {
        let p = parse_file_name(r.name).unwrap_or_else(|| panic!("{} not recognised", r.name));
        assert_eq!(p.family, r.family, "{}", r.name);
        assert_eq!(p.layer, r.layer, "{}", r.name);
        assert_eq!(p.year, r.year, "{}", r.name);
        assert_eq!(p.tile.as_deref(), r.tile, "{}", r.name);
        assert_eq!(p.area.as_deref(), r.area, "{}", r.name);
        assert_eq!(p.epsg, r.epsg, "{}", r.name);
    }
}

#[test]
fn corine_rasters_and_their_coding() {
    let cases: &[(&str, u16, u32, ClcCoding, Option<&str>)] = &[
        ("U2018_CLC2018_V2020_20u1.tif", 2018, 100, ClcCoding::GridCode, None),
        ("u2018_clc2018_v2020_20u1_raster100m/DATA/U2018_CLC2018_V2020_20u1.tif", 2018, 100, ClcCoding::GridCode, None),
        ("U2018_CLC2018_V2020_20u1_FR_GLP.tif", 2018, 100, ClcCoding::GridCode, Some("GLP")),
        ("CLC2018_CLC2012_V2018_20.tif", 2012, 100, ClcCoding::ThreeDigit, None),
        ("clc2018_clc2018_V2018.20.tif", 2018, 100, ClcCoding::ThreeDigit, None),
        ("g250_clc90_V18_5.tif", 1990, 250, ClcCoding::GridCode, None),
        ("g250_06_V18_5.tif", 2006, 250, ClcCoding::GridCode, None),
    ];
    for &(name, year, res, coding, area) in cases {
        let p = parse_file_name(name).unwrap_or_else(|| panic!("{name} not recognised"));
        assert_eq!((p.family, p.layer), (Corine, Clc), "{name}");
        assert_eq!(p.year, Some(year), "{name}");
        assert_eq!(p.resolution_m, Some(res), "{name}");
        assert_eq!(p.clc_coding, Some(coding), "{name}");
        assert_eq!(p.area.as_deref(), area, "{name}");
    }
}

#[test]
fn other_names_are_not_mistaken_for_products() {
    for name in [
        "U2018_CHA1218_V2020_20u1.tif",
        "CLMS_HRLNVLCC_IMDC_C2018-2021_R20m_E09N27_03035_V01_R01.tif",
        "landcover.tif",
        "CLMS_CLCPLUS_XYZ_S2023_R10m_E44N36_03035_V01_R00.tif",
        "imd.tif",
        "",
    ] {
        assert_eq!(parse_file_name(name), None, "{name}");
    }
}
