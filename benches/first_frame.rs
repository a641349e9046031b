//! Process start to a full-extent 1920x1080 `render` of a generated 10000 x 10000 px tile set (RAS, RASCL, RASDL,
//! RASPL; LZW COGs with overviews), and peak memory, against GDAL making the same picture of RAS through its colour
//! table (`gdal_translate -outsize 1080 1080 -expand rgba`: the 1080 x 1080 px our render gives the square tile).
//!
//! Where QGIS is installed (Debian's `qgis` and `python3-qgis`), `benches/qgis_render.py` draws RAS the same way
//! through QGIS's Python API, headless, as a second baseline.
//!
//! Run with `cargo bench --bench first_frame`. The tile set is generated once into `target/bench-data/`.
//! The commands run alternately in the same run, five times each; the median is reported. Needs GNU time
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

    // QGIS where installed (Debian's qgis and python3-qgis), drawing RAS headless through its Python API.
    let qgis_script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/qgis_render.py");
    let qgis: Vec<String> = vec![
        qgis_script.into(),
        ras.to_string_lossy().into_owned(),
        out.join("qgis.png").to_string_lossy().into_owned(),
        "1080".into(),
    ];
    // Debian's python3-qgis is for the system interpreter, which a pyenv or venv `python3` on PATH is not.
    let python = "/usr/bin/python3";
    let has_qgis =
        std::process::Command::new(python).args(["-c", "import qgis.core"]).output().is_ok_and(|o| o.status.success());
    let mut rows: Vec<(&str, Vec<(f64, u64)>)> = vec![
        ("clcplus-viewer render, 4 layers", vec![]),
        ("clcplus-viewer render, RAS", vec![]),
        ("gdal_translate, RAS", vec![]),
    ];
    if has_qgis {
        rows.push(("QGIS (python3-qgis), RAS", vec![]));
    } else {
        println!("QGIS not installed (Debian: qgis python3-qgis): no QGIS row");
    }
    for _ in 0..RUNS {
        rows[0].1.push(measure(viewer, &ours_all));
        rows[1].1.push(measure(viewer, &ours_ras));
        rows[2].1.push(measure("gdal_translate", &gdal));
        if has_qgis {
            rows[3].1.push(measure(python, &qgis));
        }
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
    if let Some(qgis) = medians.get(3) {
        println!(
            "ratio ours (RAS) / QGIS (RAS):      time {:.2}, memory {:.2}",
            medians[1].0 / qgis.0,
            medians[1].1 / qgis.1
        );
        println!(
            "ratio ours (4 layers) / QGIS (RAS): time {:.2}, memory {:.2}",
            medians[0].0 / qgis.0,
            medians[0].1 / qgis.1
        );
    }
}
