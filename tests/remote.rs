//! Remote COGs: `http(s)://` paths are read through GDAL's `/vsicurl/` range requests, against a server the test
//! starts on 127.0.0.1 (tests/common/http_server.rs). The same commands give the same answers as on the local file;
//! a missing file, a server without range support and a server that never answers each end with exit code 2 and a
//! reason, in bounded time.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::http_server::{Behaviour, FileServer};
use common::{viewer, write_ras_fixture};
use eframe::egui;
use egui_kittest::kittest::Queryable;

fn cli(args: &[&str]) -> Output {
    let mut cmd = viewer();
    // Short limits, so the unanswered server is given up on quickly.
    cmd.args(args).env("GDAL_HTTP_TIMEOUT", "3").env("GDAL_HTTP_MAX_RETRY", "0");
    common::run_within(cmd, Duration::from_secs(120))
}

fn ok(args: &[&str]) -> String {
    let out = cli(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command ends with exit code 2 and a message naming `url` and saying `reason`.
fn refused(args: &[&str], url: &str, reason: &str) {
    let out = cli(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(url), "the message names {url}: {err}");
    assert!(err.contains(reason), "the message says '{reason}': {err}");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_remote_cog_gives_the_same_info_stats_pixels_and_picture_as_the_local_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_ras_fixture(dir.path(), 3000, 2000);
    let name = path.file_name().unwrap().to_str().unwrap();
    let server = FileServer::start(dir.path(), Behaviour::Ranges);
    let url = server.url(name);

    let info: serde_json::Value = serde_json::from_str(&ok(&["info", &url, "--json"])).unwrap();
    assert_eq!(info["path"], url.as_str());
    assert_eq!(info["product"]["layer"], "RAS");
    assert_eq!(info["size"], serde_json::json!([3000, 2000]));
    assert!(info["levels"].as_array().unwrap().len() > 1, "the COG's overviews are used");

    assert_eq!(ok(&["stats", &url, "--csv"]), ok(&["stats", s(&path), "--csv"]));
    let points = "4401234 3699876\n4420001 3685003\n4429999 3680001\n";
    let pixel = |p: &str| {
        let mut cmd = viewer();
        cmd.args(["pixel", p, "--json"]).stdin(std::process::Stdio::piped());
        let mut child = cmd.stdout(std::process::Stdio::piped()).spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), points.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().replace(&url, "PATH").replace(s(&path), "PATH")
    };
    assert_eq!(pixel(&url), pixel(s(&path)));

    // A zoomed-out picture reads an overview: only part of the file crosses the network.
    let before = server.bytes_served();
    let (remote_png, local_png) = (dir.path().join("remote.png"), dir.path().join("local.png"));
    ok(&["render", &url, "--out", s(&remote_png), "--size", "300x200"]);
    let render_bytes = server.bytes_served() - before;
    ok(&["render", s(&path), "--out", s(&local_png), "--size", "300x200"]);
    assert_eq!(common::read_png(&remote_png), common::read_png(&local_png));
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(render_bytes < size / 2, "render fetched {render_bytes} of {size} bytes: ranges, not the whole file");
    assert!(server.requests().iter().any(|r| r.starts_with("GET") && r.contains("bytes=")), "range requests");
}

#[test]
fn a_missing_remote_file_is_reported_as_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let server = FileServer::start(dir.path(), Behaviour::Ranges);
    let url = server.url("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    refused(&["info", &url], &url, "HTTP 404 (not found");
}

#[test]
fn a_server_without_range_support_is_named_as_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    // Larger than GDAL's first request (16 KiB), which a whole-file answer would otherwise satisfy.
    let (path, _) = write_ras_fixture(dir.path(), 3000, 2000);
    let server = FileServer::start(dir.path(), Behaviour::NoRanges);
    let url = server.url(path.file_name().unwrap().to_str().unwrap());
    refused(&["stats", &url], &url, "does not support HTTP range requests");
}

#[test]
fn a_server_that_never_answers_times_out_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let server = FileServer::start(dir.path(), Behaviour::Silent);
    let url = server.url("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    let started = Instant::now();
    refused(&["info", &url], &url, "no answer in time");
    assert!(started.elapsed() < Duration::from_secs(30), "GDAL_HTTP_TIMEOUT=3 bounds the wait");
}

/// Opens File > Open URL with Ctrl+L, types `url` and presses Enter.
fn open_url_from_the_dialog(harness: &mut egui_kittest::Harness<'_, clcplus_viewer::ui::ViewerApp>, url: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run_steps(2);
    harness.get_by_label("Open URL");
    // Replaces what the field kept from last time.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.event(egui::Event::Text(url.to_string()));
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
}

#[test]
fn open_url_in_the_window_adds_the_remote_layer_with_its_overviews_and_counts() {
    let _config = common::isolated_config();
    let (local_dir, remote_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (local, _) = write_ras_fixture(local_dir.path(), 1200, 800);
    let values = common::ras_pattern_changed(1200, 800);
    let remote = common::write_ras(remote_dir.path(), 2021, 1200, 800, &values);
    let server = FileServer::start(remote_dir.path(), Behaviour::Ranges);
    let url = server.url(remote.file_name().unwrap().to_str().unwrap());
    let mut harness = common::app_harness(vec![local], false);
    common::settle(&mut harness, 1);

    // Not an address: the dialog says so and stays open; Escape closes it.
    open_url_from_the_dialog(&mut harness, "CLMS_CLCPLUS_RAS.tif");
    harness.get_by_label("An address starting with http:// or https:// is needed.");
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("An address starting with http:// or https:// is needed.").is_none());

    open_url_from_the_dialog(&mut harness, &url);
    common::settle(&mut harness, 2);
    let app = harness.state();
    let layer = app.layers().layers.iter().find(|l| l.info.path == url).expect("the remote layer is open");
    assert!(layer.source.levels.len() > 1, "the COG's overviews serve zoomed-out views");
    let (level, table) = app.view_stats(layer.id).expect("the view of the remote layer is counted");
    let counted: u64 = table.rows.iter().map(|r| r.count).sum();
    assert!(counted > 0, "{counted} px counted at level {level}");
    assert!(server.requests().iter().any(|r| r.contains("bytes=")), "read with range requests");
    assert!(app.messages().any(|m| m.contains("over the network")), "the window says it is reading remotely");
    // The inspector reads the remote layer's base level under the cursor: the value of the served file there.
    let remote_id = layer.id;
    let map = app.map_rect().expect("map");
    harness.hover_at(map.center());
    common::step_until(&mut harness, "the inspector", |app| {
        app.inspected().is_some_and(|r| r.values.iter().any(|v| v.layer_id == remote_id && v.value.is_ok()))
    });
    let inspected = harness.state().inspected().cloned().unwrap();
    let value = inspected.values.iter().find(|v| v.layer_id == remote_id).unwrap();
    let (col, row) = value.pixel;
    assert_eq!(value.value, Ok(Some(values[row as usize * 1200 + col as usize] as f64)), "pixel ({col}, {row})");

    // A missing file: a message naming the URL and the reason; the window goes on.
    let missing = server.url("CLMS_CLCPLUS_RAS_S2020_R10m_E44N36_03035_V01_R00.tif");
    open_url_from_the_dialog(&mut harness, &missing);
    common::step_until(&mut harness, "the failure", |app| app.messages().any(|m| m.contains("HTTP 404")));
    let app = harness.state();
    let message = app.messages().find(|m| m.contains("HTTP 404")).unwrap();
    assert!(message.contains(&missing), "{message}");
    assert_eq!(app.layers().layers.len(), 2);
}
