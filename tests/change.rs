//! `change OLD NEW`: the from-to matrix against a direct count of both rasters read with the gdal crate.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{ras_pattern_changed, run, write_byte_layer, write_byte_layer_on, write_ras, write_ras_fixture};

/// (old, new) -> count over a window, read with gdal directly.
fn direct_pairs(old: &Path, new: &Path, x: usize, y: usize, w: usize, h: usize) -> BTreeMap<(u8, u8), u64> {
    let read = |p: &Path| {
        let ds = gdal::Dataset::open(p).expect("open");
        let band = ds.rasterband(1).expect("band");
        band.read_as::<u8>((x as isize, y as isize), (w, h), (w, h), None).expect("read").data().to_vec()
    };
    let (a, b) = (read(old), read(new));
    let mut out = BTreeMap::new();
    for (&f, &t) in a.iter().zip(&b) {
        *out.entry((f, t)).or_insert(0) += 1;
    }
    out
}

fn csv_rows(stdout: &[u8]) -> BTreeMap<(u8, u8), (u64, String)> {
    let text = String::from_utf8_lossy(stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("From,To,Count,Area_km2"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 4, "{l}");
            ((f[0].parse().unwrap(), f[1].parse().unwrap()), (f[2].parse().unwrap(), f[3].to_string()))
        })
        .collect()
}

#[test]
fn change_matrix_equals_a_direct_count() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (700, 530);
    let (old, _) = write_ras_fixture(dir.path(), w, h);
    let new = write_ras(dir.path(), 2026, w, h, &ras_pattern_changed(w, h));
    let out = run(&["change", old.to_str().unwrap(), new.to_str().unwrap(), "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let direct = direct_pairs(&old, &new, 0, 0, w, h);
    assert!(direct.keys().any(|(f, t)| f != t) && direct.contains_key(&(1, 255)), "the fixture changes");
    assert_eq!(rows.keys().collect::<Vec<_>>(), direct.keys().collect::<Vec<_>>(), "one row per pair present");
    for (pair, (count, area)) in &rows {
        assert_eq!(*count, direct[pair], "{pair:?}");
        assert_eq!(*area, format!("{:.4}", direct[pair] as f64 * 100.0 / 1e6), "{pair:?}: 10 m pixels");
    }

    // A box: the pixels whose centres fall inside, as `stats --bbox`.
    let (x0, y0) = (4_400_000.0 + 1234.0, 3_700_000.0 - 3456.0);
    let bbox = format!("{},{},{},{}", x0, y0 - 1000.0, x0 + 2000.0, y0);
    let out = run(&["change", old.to_str().unwrap(), new.to_str().unwrap(), "--bbox", &bbox, "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Columns 123 (centre 1235) to 323 (centre 3235 > 3234: out), rows 346 (centre 3465) to 445.
    let direct = direct_pairs(&old, &new, 123, 346, 200, 100);
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.iter().map(|(k, v)| (*k, v.0)).collect::<BTreeMap<_, _>>(), direct);

    let out = run(&["change", old.to_str().unwrap(), new.to_str().unwrap(), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let changed: u64 = direct_pairs(&old, &new, 0, 0, w, h).iter().filter(|(k, _)| k.0 != k.1).map(|(_, c)| c).sum();
    assert_eq!(doc["changed_pixels"], changed);
    assert_eq!(doc["total_pixels"], (w * h) as u64);
}

/// Pairs of a 10 m layer and a 100 m one on the same origin, by block: what nearest-neighbour resampling of the
/// coarse layer onto the fine grid gives.
fn block_pairs(fine: &[u8], coarse: &[u8], (w, h): (usize, usize), cw: usize) -> BTreeMap<(u8, u8), u64> {
    let mut out = BTreeMap::new();
    for r in 0..h {
        for c in 0..w {
            *out.entry((fine[r * w + c], coarse[(r / 10) * cw + c / 10])).or_insert(0) += 1;
        }
    }
    out
}

fn coarse_pattern(cw: usize, ch: usize) -> Vec<u8> {
    (0..cw * ch).map(|i| if i % 17 == 5 { 255 } else { ((i % cw) * 3 + (i / cw) * 5) as u8 % 11 + 1 }).collect()
}

#[test]
fn a_coarser_layer_is_resampled_onto_the_finer_grid() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (300, 200);
    let (fine, fine_values) = write_ras_fixture(dir.path(), w, h);
    let coarse = dir.path().join("CLMS_CLCPLUS_RAS_S2018_R100m_E44N36_03035_V01_R00.tif");
    let coarse_values = coarse_pattern(30, 20);
    write_byte_layer(&coarse, (30, 20), &coarse_values, 100.0, true);
    let expected = block_pairs(&fine_values, &coarse_values, (w, h), 30);

    let out = run(&["change", fine.to_str().unwrap(), coarse.to_str().unwrap(), "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("resampled on the fly (nearest neighbour)") && note.contains("100 m"), "{note}");
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.iter().map(|(k, v)| (*k, v.0)).collect::<BTreeMap<_, _>>(), expected);
    let (pair, (count, area)) = rows.iter().next().expect("a row");
    assert_eq!(*area, format!("{:.4}", *count as f64 * 100.0 / 1e6), "{pair:?}: counted on the 10 m grid");

    // The older layer coarser: still counted on the finer grid, old as rows.
    let out = run(&["change", coarse.to_str().unwrap(), fine.to_str().unwrap(), "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let swapped: BTreeMap<(u8, u8), u64> = expected.iter().map(|(&(f, c), &n)| ((c, f), n)).collect();
    assert_eq!(csv_rows(&out.stdout).iter().map(|(k, v)| (*k, v.0)).collect::<BTreeMap<_, _>>(), swapped);
}

#[test]
fn a_layer_in_another_crs_is_resampled_as_gdalwarp_does() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (300, 200);
    let (old, _) = write_ras_fixture(dir.path(), w, h);
    let new_3035 = write_ras(dir.path(), 2026, w, h, &ras_pattern_changed(w, h));
    // The oracle: gdalwarp itself puts the UTM layer back onto the old layer's grid.
    let (utm, back) = common::utm_copy(dir.path(), &new_3035, (w, h));

    let out = run(&["change", old.to_str().unwrap(), utm.to_str().unwrap(), "--csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("EPSG:32632"));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.iter().map(|(k, v)| (*k, v.0)).collect::<BTreeMap<_, _>>(), direct_pairs(&old, &back, 0, 0, w, h));
}

#[test]
fn grids_that_cannot_be_aligned_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = write_ras_fixture(dir.path(), 300, 200);
    let far = dir.path().join("far").join("CLMS_CLCPLUS_RAS_S2026_R10m_E44N36_03035_V01_R00.tif");
    std::fs::create_dir(far.parent().unwrap()).unwrap();
    write_byte_layer_on(
        &far,
        (300, 200),
        &ras_pattern_changed(300, 200),
        [5_400_000.0, 10.0, 0.0, 2_700_000.0, 0.0, -10.0],
        Some(3035),
        false,
    );
    let out = run(&["change", old.to_str().unwrap(), far.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("do not overlap") && err.contains("far"), "{err}");
    assert!(out.stdout.is_empty());

    let plain = dir.path().join("plain.tif");
    write_byte_layer_on(
        &plain,
        (301, 200),
        &ras_pattern_changed(301, 200),
        [0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        None,
        false,
    );
    let out = run(&["change", old.to_str().unwrap(), plain.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("plain.tif") && err.contains("without georeferencing"), "{err}");

    let missing = dir.path().join("missing.tif");
    let out = run(&["change", old.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.tif"));
}
