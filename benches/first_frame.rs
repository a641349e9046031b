//! Process start to a full-extent 1920x1080 `render` of a generated 10000 x 10000 px tile set (RAS, RASCL, RASDL,
//! RASPL; LZW COGs with overviews), and peak memory, against GDAL making the same picture of RAS through its colour
//! table (`gdal_translate -outsize 1080 1080 -expand rgba`: the 1080 x 1080 px our render gives the square tile).
//!
//! Run with `cargo bench --bench first_frame`. The tile set is generated once into `target/bench-data/`.
//! Both commands run alternately in the same run, five times each; the median is reported. Needs GNU time
//! (`/usr/bin/time`) for peak memory.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use clcplus_viewer::demo::{write_tileset, TilesetSpec};

const RUNS: usize = 5;

fn main() {
    // `cargo bench` passes --bench; test runners listing tests (nextest --list) must not start a benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let data = tileset();
    let ras = data.iter().find(|p| p.to_string_lossy().contains("_RAS_")).expect("RAS layer");
    let out = std::env::temp_dir().join("clcplus-bench");
    std::fs::create_dir_all(&out).expect("temp folder");
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");
    let ours_all: Vec<String> = ["render".to_string()]
        .into_iter()
        .chain(data.iter().map(|p| p.to_string_lossy().into_owned()))
        .chain([
            "--out".into(),
            out.join("ours4.png").to_string_lossy().into_owned(),
            "--size".into(),
            "1920x1080".into(),
        ])
        .collect();
    let ours_ras: Vec<String> = vec![
        "render".into(),
        ras.to_string_lossy().into_owned(),
        "--out".into(),
        out.join("ours1.png").to_string_lossy().into_owned(),
        "--size".into(),
        "1920x1080".into(),
    ];
    let gdal: Vec<String> = ["-q", "-of", "PNG", "-outsize", "1080", "1080", "-expand", "rgba"]
        .iter()
        .map(|s| s.to_string())
        .chain([ras.to_string_lossy().into_owned(), out.join("gdal.png").to_string_lossy().into_owned()])
        .collect();

    let mut rows: Vec<(&str, Vec<(f64, u64)>)> = vec![
        ("clcplus-viewer render, 4 layers", vec![]),
        ("clcplus-viewer render, RAS", vec![]),
        ("gdal_translate, RAS", vec![]),
    ];
    for _ in 0..RUNS {
        rows[0].1.push(measure(viewer, &ours_all));
        rows[1].1.push(measure(viewer, &ours_ras));
        rows[2].1.push(measure("gdal_translate", &gdal));
    }
    println!("first frame of a 10000 x 10000 px tile set, median of {RUNS} runs");
    println!("{:<36} {:>10} {:>14}", "command", "seconds", "peak RSS MiB");
    let mut medians = Vec::new();
    for (name, runs) in &rows {
        let mut secs: Vec<f64> = runs.iter().map(|r| r.0).collect();
        let mut rss: Vec<u64> = runs.iter().map(|r| r.1).collect();
        secs.sort_by(f64::total_cmp);
        rss.sort();
        let (s, m) = (secs[RUNS / 2], rss[RUNS / 2] as f64 / 1024.0);
        println!("{name:<36} {s:>10.3} {m:>14.1}");
        medians.push((s, m));
    }
    println!(
        "ratio ours (4 layers) / GDAL (RAS): time {:.2}, memory {:.2}",
        medians[0].0 / medians[2].0,
        medians[0].1 / medians[2].1
    );
    println!(
        "ratio ours (RAS) / GDAL (RAS):      time {:.2}, memory {:.2}",
        medians[1].0 / medians[2].0,
        medians[1].1 / medians[2].1
    );
}

/// Wall-clock seconds and peak resident memory (KiB) of one run of `program args`.
///
/// The memory comes from GNU time (`/usr/bin/time -f %M`): a child forked from this process would inherit this
/// process's own high-water mark, which generating the tile set makes large.
fn measure(program: &str, args: &[String]) -> (f64, u64) {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(program)
        .args(args)
        .env("GDAL_PAM_ENABLED", "NO")
        .output()
        .expect("GNU time runs (Debian package `time`)");
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{program} failed: {stderr}");
    let kib = stderr.lines().last().and_then(|l| l.trim().parse().ok()).expect("peak RSS from GNU time");
    (secs, kib)
}

/// The 10000 x 10000 px tile set, generated on first use.
fn tileset() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/tileset-10000");
    let spec = TilesetSpec { size: 10_000, origin: (4_400_000.0, 3_700_000.0), ..TilesetSpec::default() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "tif")).collect()
        })
        .unwrap_or_default();
    if files.len() != 4 {
        eprintln!("generating the 10000 x 10000 px tile set in {} (once)", dir.display());
        files = write_tileset(&dir, &spec).expect("tile set written");
    }
    files.sort();
    files
}
