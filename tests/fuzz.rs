//! Fuzzing of everything that reads text a user hands us: the file-name parser, the `.clr`, `.qml` and `.sld`
//! style importers, and the attribute-table reader (the `.aux.xml` sidecar, read through `identify`). Each case
//! starts from a seed of `tests/fuzz_corpus/` and applies random mutations (proptest shrinks a failure to its
//! smallest form). Beyond "never panics", each target checks what must hold of what it accepts.
//!
//! CI runs a few hundred cases per target. A longer run: `FUZZ_CASES=20000 cargo test --release --test fuzz`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clcplus_viewer::product::legend::{built_in, BuiltIn};
use clcplus_viewer::product::style::Style;
use clcplus_viewer::product::{identify, parse_file_name};
use clcplus_viewer::raster::{write_cog, CogSpec, Pixels};
use clcplus_viewer::view::{build_lut, ClassFilter};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

fn corpus_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus").join(sub)
}

/// The seeds of one corpus folder: each file, by name.
fn seeds(sub: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir(sub))
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).expect("seed")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{sub}: no seed");
    files
}

/// What parsers trip over: markup, quotes, entities, numbers at and beyond their limits, non-ASCII letters.
const TOKENS: [&str; 24] = [
    "<",
    ">",
    "\"",
    "'",
    "&",
    "&amp;",
    "&#10;",
    "]]>",
    "<!DOCTYPE x [<!ENTITY e \"ee\">]>",
    "&e;",
    "-1",
    "65536",
    "1e309",
    "NaN",
    "0x10",
    "#",
    "#ZZZZZZ",
    "_",
    "__",
    ".",
    "é",
    "\u{1F600}",
    "\n",
    "\t",
];

/// One mutation: (kind, position, bytes).
type Mutation = (u8, usize, Vec<u8>);

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec((0u8..6, any::<usize>(), prop::collection::vec(any::<u8>(), 0..12)), 0..10)
}

/// Applies `mutations` to `seed`: overwrite, insert, delete, duplicate, insert a token, or truncate.
fn mutate(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for (kind, pos, bytes) in mutations {
        let at = if data.is_empty() { 0 } else { pos % (data.len() + 1) };
        let len = bytes.len();
        match kind {
            0 => {
                for (i, b) in bytes.iter().enumerate() {
                    if let Some(d) = data.get_mut(at + i) {
                        *d = *b;
                    }
                }
            }
            1 => {
                data.splice(at..at, bytes.iter().copied());
            }
            2 => {
                data.drain(at..(at + len * 8).min(data.len()));
            }
            3 => {
                let chunk: Vec<u8> = data[at..(at + len * 16).min(data.len())].to_vec();
                data.splice(at..at, chunk);
            }
            4 => {
                let token = TOKENS[pos % TOKENS.len()].as_bytes();
                let at = if data.is_empty() { 0 } else { (pos / TOKENS.len()) % (data.len() + 1) };
                data.splice(at..at, token.iter().copied());
            }
            _ => data.truncate(at),
        }
    }
    data
}

fn name_seeds() -> &'static Vec<String> {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let text = String::from_utf8(seeds("names").remove(0).1).expect("names.txt is UTF-8");
        text.lines().map(str::to_string).filter(|l| !l.is_empty()).collect()
    })
}

proptest! {
    #![proptest_config(config())]

    /// Any name parses or is refused without panicking; only the last path component counts.
    #[test]
    fn file_names(seed in any::<prop::sample::Index>(), m in mutations()) {
        let seeds = name_seeds();
        let seed = seed.get(seeds);
        let name = String::from_utf8_lossy(&mutate(seed.as_bytes(), &m)).into_owned();
        let parsed = parse_file_name(&name);
        if !name.contains('/') && !name.contains('\\') {
            prop_assert_eq!(parse_file_name(&format!("/data/tiles/{name}")), parsed.clone(), "{:?}", name);
        }
        if let Some(p) = parsed {
            let _ = (p.layer.canonical(), p.family.display(), format!("{p:?}"));
            if let Some(year) = p.year {
                prop_assert!((1985..=2100).contains(&year), "year {} from {:?}", year, name);
            }
        }
    }
}

/// The style seeds, with the extension each is parsed as.
fn style_seeds() -> &'static Vec<(String, Vec<u8>)> {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| seeds("styles"))
}

proptest! {
    #![proptest_config(config())]

    /// Any style text is accepted or refused without panicking. What is accepted holds at least one entry, sorted
    /// by code without repeats, survives a round trip through our own `.qml` writer, and restyles a legend.
    #[test]
    fn style_files(seed in any::<prop::sample::Index>(), m in mutations(), as_other_kind in any::<bool>()) {
        let (name, bytes) = seed.get(style_seeds());
        let ext = name.rsplit('.').next().unwrap_or("");
        // Now and then a file of one kind is read as another, as a misnamed file would be.
        let ext = if as_other_kind { ["clr", "qml", "sld"][m.len() % 3] } else { ext };
        let text = String::from_utf8_lossy(&mutate(bytes, &m)).into_owned();
        if let Ok(style) = Style::parse(&text, ext, name) {
            prop_assert!(!style.entries.is_empty());
            prop_assert!(style.entries.windows(2).all(|w| w[0].code < w[1].code), "sorted, one entry per code");
            let qml = style.to_qml();
            let back = Style::parse(&qml, "qml", "round trip");
            prop_assert_eq!(back.as_ref(), Ok(&style), "our .qml of it reads back the same:\n{}", qml);
            let restyled = style.apply_to(&built_in(BuiltIn::ClcPlusRas));
            for e in &style.entries {
                if e.code <= 255 {
                    prop_assert_eq!(&restyled.colour_of(e.code)[..3], &e.rgba[..3], "code {}", e.code);
                }
            }
        }
    }
}

/// A small RAS tile written once, whose `.aux.xml` each case replaces.
fn ras_fixture() -> &'static (tempfile::TempDir, PathBuf) {
    static FIXTURE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
        let values: Vec<u8> = (0..64 * 64).map(|i| [1u8, 2, 5, 10, 11, 254, 255][i % 7]).collect();
        let spec = CogSpec {
            size: (64, 64),
            pixels: &Pixels::U8(values),
            geo_transform: [4_400_000.0, 10.0, 0.0, 3_700_000.0, 0.0, -10.0],
            epsg: Some(3035),
            nodata: Some(255.0),
            color_table: None,
            attribute_table: None,
            overview_resampling: Some("NEAREST"),
            block_size: 256,
            metadata: &[],
        };
        write_cog(&path, &spec).expect("fixture written");
        (dir, path)
    })
}

proptest! {
    #![proptest_config(config())]

    /// Any `.aux.xml` beside a tile opens or is refused without panicking; an attribute table read from it gives
    /// the legend labels and never codes outside the band's range.
    #[test]
    fn attribute_tables(seed in any::<prop::sample::Index>(), m in mutations()) {
        let seeds = seeds("aux_xml");
        let (_, bytes) = seed.get(&seeds);
        let (_dir, tif) = ras_fixture();
        let sidecar = PathBuf::from(format!("{}.aux.xml", tif.display()));
        std::fs::write(&sidecar, mutate(bytes, &m)).expect("sidecar written");
        if let Ok(info) = identify(tif) {
            prop_assert!(info.legend.entries.iter().all(|e| e.code <= 255), "a byte band's legend holds byte codes");
            // The colour table the map is drawn with is made from the legend whatever the table said.
            let _ = build_lut(&info.legend, &ClassFilter::default(), info.meta.dtype, 1);
        }
    }
}
