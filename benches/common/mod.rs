//! Shared by the benchmarks: the generated full-size tile set and a process measurement.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use clcplus_viewer::demo::{write_tileset, TilesetSpec};

#[path = "../../tests/common/big_fixtures.rs"]
pub mod big_fixtures;

/// Where the benchmarks keep their generated data.
pub fn bench_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

/// Runs per figure; the median is reported.
pub const RUNS: usize = 5;

/// `cargo bench` passes --bench; test runners listing tests (nextest --list) must not start a benchmark.
pub fn is_bench_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Wall-clock seconds and peak resident memory (KiB) of one run of `program args`.
///
/// The memory comes from GNU time (`/usr/bin/time -f %M`): a child forked from this process would inherit this
/// process's own high-water mark, which generating the tile set makes large.
pub fn measure(program: &str, args: &[String]) -> (f64, u64) {
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

/// The median of `runs` measurements (seconds, KiB) of `program args`, by [`measure`].
pub fn median_run(program: &str, args: &[String], runs: usize) -> (f64, u64) {
    let mut all: Vec<(f64, u64)> = (0..runs.max(1)).map(|_| measure(program, args)).collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    all[all.len() / 2]
}

/// Owned copies of command-line arguments.
pub fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// The 10000 x 10000 px tile set, generated on first use.
pub fn tileset() -> Vec<PathBuf> {
    generated("tileset-10000", None)
}

/// The 10000 x 10000 px tile set with a RAS of 2021 besides 2023's (five files, RAS 2021 first), generated on first
/// use.
pub fn tileset_two_years() -> Vec<PathBuf> {
    generated("tileset-10000-two-years", Some(2021))
}

fn generated(folder: &str, earlier_year: Option<u32>) -> Vec<PathBuf> {
    let dir = bench_data().join(folder);
    let spec = TilesetSpec { size: 10_000, origin: (4_400_000.0, 3_700_000.0), earlier_year, ..TilesetSpec::default() };
    let expected = 4 + earlier_year.is_some() as usize;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "tif")).collect()
        })
        .unwrap_or_default();
    if files.len() != expected {
        eprintln!("generating the 10000 x 10000 px tile set in {} (once)", dir.display());
        files = write_tileset(&dir, &spec).expect("tile set written");
    }
    files.sort();
    files
}

/// The median of `RUNS` runs of `f` (seconds).
pub fn median(mut f: impl FnMut() -> f64) -> f64 {
    let mut v: Vec<f64> = (0..RUNS).map(|_| f()).collect();
    v.sort_by(f64::total_cmp);
    v[RUNS / 2]
}

/// Seconds from spawning `program` to its exit, feeding `stdin` when given.
pub fn time_process(program: &str, args: &[&str], stdin: Option<&str>) -> f64 {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("GDAL_PAM_ENABLED", "NO")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("command starts");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    let status = child.wait().expect("wait");
    assert!(status.success(), "{program} failed");
    start.elapsed().as_secs_f64()
}
