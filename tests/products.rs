//! What `identify` makes of the demo tile set (attribute table, synthetic marker) and of rasters of no known product;
//! and a 16-bit RASDL layer drawn through the code -> slot remap on the GPU.

mod common;

use clcplus_viewer::product::{identify, LegendSource, ValueKind};
use clcplus_viewer::raster::{write_cog, CogSpec, Pixels};

fn write(path: &std::path::Path, size: (usize, usize), pixels: Pixels, nodata: Option<f64>) {
    write_cog(
        path,
        &CogSpec {
            size,
            pixels: &pixels,
            geo_transform: [4_400_000.0, 10.0, 0.0, 3_700_000.0, 0.0, -10.0],
            epsg: Some(3035),
            nodata,
            color_table: None,
            attribute_table: None,
            overview_resampling: Some("NEAREST"),
            block_size: 256,
            metadata: &[],
        },
    )
    .expect("fixture written");
}

#[test]
fn demo_tile_set_reads_its_attribute_table_and_says_it_is_synthetic() {
    let files = clcplus_viewer::demo::find_demo_files().expect("demo files in assets/demo");
    assert_eq!(files.len(), 4);
    let ras = files.iter().find(|p| p.to_string_lossy().contains("_RAS_")).expect("RAS");
    let info = identify(ras).expect("opens");
    assert!(info.meta.synthetic);
    assert_eq!(info.legend.source, LegendSource::ColorTableAndAttributeTable);
    assert_eq!(info.legend.entry(6).map(|e| e.label.as_str()), Some("Permanent herbaceous"));
    assert_eq!(info.tileset.len(), 4, "RAS, RASCL, RASDL and RASPL of one tile and year");
    let rasdl = files.iter().find(|p| p.to_string_lossy().contains("_RASDL_")).expect("RASDL");
    let info = identify(rasdl).expect("opens");
    assert_eq!(info.meta.dtype, clcplus_viewer::raster::DataType::UInt16);
    assert!(matches!(info.legend.kind, ValueKind::Continuous { .. }));
    assert!(info.legend.is_technical(65535));
}

#[test]
fn unknown_rasters_open_as_classes_or_as_a_stretched_ramp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let classes = dir.path().join("my_classes.tif");
    write(&classes, (300, 200), Pixels::U8((0..60_000).map(|i| (i % 5) as u8 * 10).collect()), None);
    let info = identify(&classes).expect("opens");
    assert!(info.product.is_none());
    assert_eq!(info.legend.kind, ValueKind::Categorical);
    assert_eq!(info.legend.source, LegendSource::Generated);
    let codes: Vec<u32> = info.legend.entries.iter().map(|e| e.code).collect();
    assert_eq!(codes, vec![0, 10, 20, 30, 40]);

    let heights = dir.path().join("heights.tif");
    write(&heights, (300, 200), Pixels::U16((0..60_000).map(|i| 100 + (i % 3000) as u16).collect()), Some(0.0));
    let info = identify(&heights).expect("opens");
    match &info.legend.kind {
        ValueKind::Continuous { min, max, .. } => assert!(*min >= 100.0 && *max <= 3099.0 && max > min),
        other => panic!("expected a ramp, got {other:?}"),
    }
    assert!(info.legend.is_technical(0), "the nodata value is technical");
}

#[test]
fn a_16_bit_rasdl_layer_is_drawn_through_its_ramp() {
    if !common::gpu_or_skip("a_16_bit_rasdl_layer") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("CLMS_CLCPLUS_RASDL_S2023_R10m_E44N36_03035_V01_R00.tif");
    let (w, h) = (520usize, 300usize);
    let values: Vec<u16> = (0..w * h)
        .map(|i| match (i % w) / 40 {
            0 => 0,
            1 => 100,
            2 => 200,
            3 => 4000,
            4 => 65535,
            k => (k * 15) as u16,
        })
        .collect();
    write(&path, (w, h), Pixels::U16(values.clone()), None);
    let out = dir.path().join("rasdl.png");
    let o = common::run(&[
        "render",
        &path.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
        "--size",
        "520x300",
        "--resolution",
        "10",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (_, _, rgba) = common::read_png(&out);
    let at =
        |i: usize, j: usize| -> [u8; 4] { rgba[(j * w + i) * 4..(j * w + i) * 4 + 4].try_into().expect("4 bytes") };
    // The published stops (PRODUCTS.md 1.3): 0 obs. #FF2200, 100 #FFFF00, 200 and more #006100; outside transparent.
    assert_eq!(at(20, 10), [255, 34, 0, 255]);
    assert_eq!(at(60, 10), [255, 255, 0, 255]);
    assert_eq!(at(100, 10), [0, 97, 0, 255]);
    assert_eq!(at(140, 10), [0, 97, 0, 255], "more than 200 observations: the last colour");
    assert_eq!(at(180, 10)[3], 0, "65535 outside area is transparent");
    // Every other pixel equals the CPU lookup table.
    let info = identify(&path).expect("opens");
    let lut = clcplus_viewer::view::build_lut(&info.legend, &Default::default(), info.meta.dtype, 1);
    let remap = lut.remap.as_ref().expect("16-bit layers remap codes");
    for j in (0..h).step_by(13) {
        for i in 0..w {
            let v = values[j * w + i] as usize;
            let c = lut.colours[remap[v] as usize];
            let expected = if c[3] == 0 { [0, 0, 0, 0] } else { c };
            assert_eq!(at(i, j), expected, "pixel ({i}, {j}) value {v}");
        }
    }
}

#[test]
fn corine_values_read_with_their_clc_code_and_three_levels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("U2018_CLC2018_V2020_20u1.tif");
    write(&path, (100, 100), Pixels::U8((0..10_000).map(|i| if i % 2 == 0 { 23 } else { 44 }).collect()), Some(255.0));
    let info = identify(&path).expect("opens");
    assert_eq!(info.product.as_ref().map(|p| p.layer), Some(clcplus_viewer::product::Layer::Clc));
    assert_eq!(info.describe_value(23.0), "Broad-leaved forest (CLC 311: Forest and semi natural areas > Forests)");
    assert_eq!(info.legend.colour_of(44), [230, 242, 255, 255], "sea and ocean");
    assert_eq!(info.describe_value(7.5), "unknown code");
    // At the coarser levels a group names only the levels above it.
    let level2 = clcplus_viewer::product::clc_levels::at_level(&info, 2).expect("level 2");
    assert_eq!(level2.describe_value(31.0), "Forests (CLC 31: Forest and semi natural areas)");
    let level1 = clcplus_viewer::product::clc_levels::at_level(&info, 1).expect("level 1");
    assert_eq!(level1.describe_value(3.0), "Forest and semi natural areas (CLC 3)");
    assert_eq!(info.describe_value(48.0), "NODATA (CLC 999: NODATA > NODATA)");
}

#[test]
fn built_in_legends_take_the_colours_of_the_reference_palettes() {
    use clcplus_viewer::product::legend::{built_in, BuiltIn};
    // The oracle: the project's reference palettes (tests/data/palettes.json), each entry with its source.
    for (name, which) in [
        ("clcplus_ras", BuiltIn::ClcPlusRas),
        ("clcplus_rascl", BuiltIn::ClcPlusRascl),
        ("clcplus_rasdl", BuiltIn::ClcPlusRasdl),
        ("clcplus_raspl", BuiltIn::ClcPlusRaspl),
        ("imd", BuiltIn::Imd),
        ("cty", BuiltIn::Cty),
        ("ctycl", BuiltIn::Ctycl),
        ("clc", BuiltIn::ClcGridCode),
    ] {
        let legend = built_in(which);
        for (code, rgb) in common::big_fixtures::reference_palette(name) {
            let entry = legend.entry(code).unwrap_or_else(|| panic!("{name}: code {code} has an entry"));
            assert_eq!(entry.rgba[..3], rgb, "{name}: colour of code {code}");
        }
    }
}
