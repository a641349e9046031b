//! Labelling accuracy samples in the real window (egui_kittest): samples drawn by `accuracy design` open with their
//! map, number keys label them one after the other (each written to the GeoPackage at once), Right skips one, and
//! after the window is closed half-way a new one resumes at the first sample without a label; GDAL reads the labels
//! back from the file.

mod common;

use std::process::Command;

use eframe::egui;
use egui_kittest::kittest::Queryable;

use common::{isolated_config, run, step_until, write_ras_fixture};

/// (id, ref_class, labelled_at) of every sample, as GDAL's ogr2ogr reads the file.
fn labels(gpkg: &std::path::Path) -> Vec<(u64, Option<u32>, String)> {
    let out = Command::new("ogr2ogr").args(["-f", "CSV", "/vsistdout/"]).arg(gpkg).output().expect("ogr2ogr");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,map_class,ref_class,comment,labelled_at"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(|v| v.trim_matches('"')).collect();
            (f[0].parse().unwrap(), f[2].parse().ok(), f[4].to_string())
        })
        .collect()
}

/// A RAS fixture and `samples.gpkg` beside it, drawn by `accuracy design` (two samples a class).
fn designed_samples(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (ras, _) = write_ras_fixture(dir, 300, 200);
    let gpkg = dir.join("samples.gpkg");
    let design =
        run(&["accuracy", "design", ras.to_str().unwrap(), "--out", gpkg.to_str().unwrap(), "--per-class", "2"]);
    assert!(design.status.success(), "{}", String::from_utf8_lossy(&design.stderr));
    (ras, gpkg)
}

#[test]
fn samples_are_labelled_with_keys_written_at_once_and_resumed_after_closing() {
    if !common::gpu_or_skip("labelling") || !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, gpkg) = designed_samples(dir.path());
    let n = labels(&gpkg).len();
    assert_eq!(n, 22, "two samples of each of the 11 classes");

    let mut harness = common::app_harness(vec![ras.clone(), gpkg.clone()], true);
    step_until(&mut harness, "the samples", |app| app.labelling().is_some() && app.is_idle());
    assert_eq!(harness.state().labelling().unwrap().0, 0, "it starts at the first sample");
    harness.get_by_label(&format!("Labelling samples.gpkg: 0 of {n}"));
    // The view is on the sample.
    let centre = harness.state().camera().unwrap().center;

    // 3, then 5: the first two samples; Right skips the third; 2 labels the fourth.
    for key in [egui::Key::Num3, egui::Key::Num5, egui::Key::ArrowRight, egui::Key::Num2] {
        harness.key_press(key);
        harness.run_steps(2);
    }
    step_until(&mut harness, "the labels written", |app| app.is_idle());
    let (current, refs) = harness.state().labelling().unwrap();
    assert_eq!(&refs[..4], &[Some(3), Some(5), None, Some(2)]);
    assert_eq!(current, 4, "on to the next sample without a label (the skipped one comes round again)");
    assert_ne!(harness.state().camera().unwrap().center, centre, "the view followed the samples");
    // The report of the labels so far is in the panel.
    harness.get_by_label("Accuracy of the 3 labelled samples");
    harness.get_by_label_contains("Overall accuracy");
    let written = labels(&gpkg);
    let got: Vec<Option<u32>> = written.iter().take(4).map(|l| l.1).collect();
    assert_eq!(got, [Some(3), Some(5), None, Some(2)]);
    assert!(written[0].2.ends_with('Z') && written[2].2.is_empty(), "{written:?}");

    // Closed half-way, reopened: it resumes at the first sample without a label.
    drop(harness);
    let mut reopened = common::app_harness(vec![ras, gpkg.clone()], true);
    step_until(&mut reopened, "the samples again", |app| app.labelling().is_some() && app.is_idle());
    let (current, refs) = reopened.state().labelling().unwrap();
    assert_eq!(current, 2);
    assert_eq!(refs.iter().filter(|r| r.is_some()).count(), 3);
    reopened.key_press(egui::Key::Num7);
    reopened.run_steps(2);
    step_until(&mut reopened, "the label written", |app| app.is_idle());
    assert_eq!(labels(&gpkg)[2].1, Some(7));
}

#[test]
fn a_label_that_cannot_be_written_is_kept_and_written_with_the_next_one() {
    if !common::gpu_or_skip("labelling a locked file") || !common::oracle_or_skip("ogr2ogr") {
        return;
    }
    let _config = isolated_config();
    let dir = tempfile::tempdir().unwrap();
    let (ras, gpkg) = designed_samples(dir.path());
    let mut harness = common::app_harness(vec![ras, gpkg.clone()], true);
    step_until(&mut harness, "the samples", |app| app.labelling().is_some() && app.is_idle());

    // Another program holds the GeoPackage (an SQLite database) locked while the first label is given.
    let script = "import sqlite3, sys, time\n\
        c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
        c.execute('BEGIN EXCLUSIVE')\n\
        print('locked', flush=True)\n\
        sys.stdin.readline()\n";
    let mut locker = Command::new("python3")
        .args(["-c", script])
        .arg(&gpkg)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(locker.stdout.take().unwrap()), &mut line).unwrap();
    assert_eq!(line.trim(), "locked");
    harness.key_press(egui::Key::Num4);
    harness.run_steps(2);
    step_until(&mut harness, "the write to fail", |app| app.is_idle());
    assert!(harness.state().messages().any(|m| m.contains("samples.gpkg") && m.contains("kept in the window")));
    assert_eq!(harness.state().labelling().unwrap().1[0], Some(4), "the label is kept");
    harness.get_by_label_contains("not written yet");

    // Unlocked, the next label writes both.
    drop(locker.stdin.take());
    locker.wait().unwrap();
    harness.key_press(egui::Key::Num6);
    harness.run_steps(2);
    step_until(&mut harness, "the labels written", |app| app.is_idle());
    let written: Vec<Option<u32>> = labels(&gpkg).iter().take(2).map(|l| l.1).collect();
    assert_eq!(written, [Some(4), Some(6)]);
    assert!(harness.query_by_label_contains("not written yet").is_none());
}
