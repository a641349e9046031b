//! `change OLD NEW`: the from-to matrix against a direct count of both rasters read with the gdal crate.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{ras_pattern_changed, run, write_ras, write_ras_fixture};

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

#[test]
fn grids_that_differ_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = write_ras_fixture(dir.path(), 300, 200);
    let new = write_ras(dir.path(), 2026, 301, 200, &ras_pattern_changed(301, 200));
    let out = run(&["change", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("300 x 200") && err.contains("301 x 200") && err.contains("grids differ"), "{err}");
    assert!(out.stdout.is_empty());

    let missing = dir.path().join("missing.tif");
    let out = run(&["change", old.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.tif"));
}
