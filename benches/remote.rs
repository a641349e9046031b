//! A remote COG: process start to a full-extent 1920x1080 `render` of the generated 10000 x 10000 px RAS tile read
//! over HTTP from a Range-capable server on 127.0.0.1 (the tests' server), against GDAL making the same picture
//! through `/vsicurl/` (`gdal_translate -outsize 1080 1080 -expand rgba`). Both read the COG's header and the
//! overview that fits; the bytes each fetched are counted by the server. Then `stats --level 3` over HTTP, against
//! the same on the local file.
//!
//! Run with `cargo bench --bench remote`. The loopback server has no latency: the figures measure the work of
//! reading through HTTP range requests, not a real network.

mod common;

#[path = "../tests/common/http_server.rs"]
mod http_server;

use common::{measure, tileset, RUNS};
use http_server::{Behaviour, FileServer};

fn main() {
    if !common::is_bench_run() {
        return;
    }
    let data = tileset();
    let ras = data.iter().find(|p| p.to_string_lossy().contains("_RAS_")).expect("RAS layer");
    let folder = ras.parent().expect("folder");
    let server = FileServer::start(folder, Behaviour::Ranges);
    let url = server.url(&ras.file_name().expect("name").to_string_lossy());
    let out = std::env::temp_dir().join("clcplus-bench");
    std::fs::create_dir_all(&out).expect("temp folder");
    let viewer = env!("CARGO_BIN_EXE_clcplus-viewer");
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<String>>();
    let ours_png = out.join("remote_ours.png").to_string_lossy().into_owned();
    let gdal_png = out.join("remote_gdal.png").to_string_lossy().into_owned();
    let ours = s(&["render", &url, "--out", &ours_png, "--size", "1920x1080"]);
    let vsicurl = format!("/vsicurl/{url}");
    let gdal = s(&["-q", "-of", "PNG", "-outsize", "1080", "1080", "-expand", "rgba", &vsicurl, &gdal_png]);
    let local = ras.to_string_lossy().into_owned();
    let stats_remote = s(&["stats", &url, "--level", "3", "--csv"]);
    let stats_local = s(&["stats", &local, "--level", "3", "--csv"]);

    let mut rows: Vec<(&str, Vec<f64>, Vec<u64>)> = vec![
        ("clcplus-viewer render URL", vec![], vec![]),
        ("gdal_translate /vsicurl/URL", vec![], vec![]),
        ("clcplus-viewer stats URL --level 3", vec![], vec![]),
        ("clcplus-viewer stats FILE --level 3", vec![], vec![]),
    ];
    for _ in 0..RUNS {
        for (i, (program, args)) in
            [(viewer, &ours), ("gdal_translate", &gdal), (viewer, &stats_remote), (viewer, &stats_local)]
                .into_iter()
                .enumerate()
        {
            let before = server.bytes_served();
            let (secs, _) = measure(program, args);
            rows[i].1.push(secs);
            rows[i].2.push(server.bytes_served() - before);
        }
    }
    println!(
        "remote COG ({} MiB) on a local HTTP server, median of {RUNS} runs",
        std::fs::metadata(ras).map_or(0, |m| m.len() >> 20)
    );
    println!("{:<38} {:>10} {:>16}", "command", "seconds", "KiB fetched");
    let mut medians = Vec::new();
    for (name, secs, bytes) in &mut rows {
        secs.sort_by(f64::total_cmp);
        bytes.sort();
        println!("{name:<38} {:>10.3} {:>16}", secs[RUNS / 2], bytes[RUNS / 2] >> 10);
        medians.push(secs[RUNS / 2]);
    }
    println!("ratio ours / GDAL (render over HTTP): {:.2}", medians[0] / medians[1]);
    println!("ratio over HTTP / local (stats of overview 3): {:.2}", medians[2] / medians[3]);
}
