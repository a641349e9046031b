//! Figures from the command line: `render --legend --title`. The legend lists exactly the classes in view in their
//! class colours, and the attribution with the product DOI is in the PNG's text chunks.

mod common;

use std::collections::BTreeSet;

use common::*;

/// The text chunks of a PNG, keyword -> text (tEXt and iTXt).
fn text_chunks(path: &std::path::Path) -> Vec<(String, String)> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("png")));
    let reader = decoder.read_info().expect("png header");
    let info = reader.info();
    let mut chunks: Vec<(String, String)> =
        info.uncompressed_latin1_text.iter().map(|c| (c.keyword.clone(), c.text.clone())).collect();
    for c in &info.utf8_text {
        chunks.push((c.keyword.clone(), c.get_text().expect("iTXt text")));
    }
    chunks
}

#[test]
fn a_figure_lists_the_classes_in_view_in_their_colours_and_carries_the_attribution() {
    if !gpu_or_skip("figure") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (400, 300);
    let values = banded(w, h);
    let ras = write_ras(dir.path(), 2021, w, h, &values);
    let out = dir.path().join("figure.png");
    let title = "Bands, 2021 – a test";
    let (ras_path, out_path) = (ras.to_string_lossy(), out.to_string_lossy());
    let (fw, fh, rgba) =
        render(&["render", &ras_path, "--legend", "--title", title, "--size", "1200x800", "--out", &out_path]);
    assert_eq!((fw, fh), (1200, 800));

    // The oracle: the fixture's own values (the whole file is in view), land-cover codes only.
    let in_view: BTreeSet<u8> = values.iter().copied().filter(|&v| (1..=11).contains(&v)).collect();
    assert_eq!(in_view, BTreeSet::from([2, 5, 7, 8, 10]));
    assert_eq!(legend_classes(&rgba, (fw, fh), 10), in_view, "the legend lists the classes in view");
    // The map shows the classes too, left of the legend.
    assert!(rgba.chunks(4).any(|p| p == expected_rgba(7)));

    let chunks = text_chunks(&out);
    let get = |k: &str| chunks.iter().find(|(key, _)| key == k).map(|(_, t)| t.clone());
    let source = get("Source").expect("Source chunk");
    assert!(source.starts_with("Generated using European Union's Copernicus Land Monitoring Service information"));
    assert!(source.contains("10.2909/71fc9d1b-479f-4da1-aa66-662a2fff2cf7"), "{source}");
    assert_eq!(get("Title").as_deref(), Some(title));
    let date = get("Creation Time").expect("date");
    assert_eq!(date.len(), 10, "{date}");
}

#[test]
fn a_figure_too_small_for_its_legend_is_refused_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = write_ras_fixture(dir.path(), 50, 40);
    let out = dir.path().join("small.png");
    let output =
        run(&["render", &ras.to_string_lossy(), "--legend", "--size", "300x200", "--out", &out.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("480x320"), "{stderr}");
    assert!(!out.exists(), "no file written");
}

const W: usize = 400;
const H: usize = 300;

/// The legend swatches of a 1200 x 800 comparison figure: A is [`banded`] (2021), B is `b` (2023), drawn with the
/// comparison arguments `mode`.
fn compare_figure_classes(b: &[u8], mode: &[&str]) -> BTreeSet<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write_ras(dir.path(), 2021, W, H, &banded(W, H));
    let b = write_ras(dir.path(), 2023, W, H, b);
    let out = dir.path().join("compare.png");
    let (a, b, out) = (a.to_string_lossy(), b.to_string_lossy(), out.to_string_lossy());
    let args = [&["render", &a, "--compare", &b][..], mode, &["--legend", "--size", "1200x800", "--out", &out]];
    let (fw, fh, rgba) = render(&args.concat());
    legend_classes(&rgba, (fw, fh), 10)
}

#[test]
fn a_side_by_side_figure_lists_the_classes_of_both_stacks() {
    if !gpu_or_skip("figure_side_by_side") {
        return;
    }
    let b: Vec<u8> = (0..W * H).map(|i| if i % W < W / 2 { 1 } else { 3 }).collect();
    let classes = compare_figure_classes(&b, &["--mode", "side-by-side"]);
    assert_eq!(classes, BTreeSet::from([1, 2, 3, 5, 7, 8, 10]), "A's and B's classes");
}

#[test]
fn a_swipe_figure_lists_each_stack_for_its_side_of_the_divider() {
    if !gpu_or_skip("figure_swipe") {
        return;
    }
    // A: bands 2 | 5 (with one pixel of 8) | 7 | 10; B: all 3. Split at the middle: A shows 2, 5 and 8 only.
    let classes = compare_figure_classes(&vec![3u8; W * H], &["--mode", "swipe", "--split", "0.5"]);
    assert_eq!(classes, BTreeSet::from([2, 3, 5, 8]), "each stack's side");
}
