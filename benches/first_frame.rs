//! Process start to a full-extent 1920x1080 `render` of a generated 10000 x 10000 px tile set (RAS, RASCL, RASDL,
//! RASPL; LZW COGs with overviews), and peak memory, against GDAL making the same picture of RAS through its colour
//! table (`gdal_translate -outsize 1080 1080 -expand rgba`: the 1080 x 1080 px our render gives the square tile).
//!
//! Run with `cargo bench --bench first_frame`. The tile set is generated once into `target/bench-data/`.
//! Both commands run alternately in the same run, five times each; the median is reported. Needs GNU time
//! (`/usr/bin/time`) for peak memory.

mod common;

use common::{measure, tileset, RUNS};

fn main() {
    if !common::is_bench_run() {
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
