//! Fixtures written by the tests with the gdal crate (through the library's writer), and helpers.
#![allow(dead_code)]

pub mod big_fixtures;
pub mod http_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use std::time::{Duration, Instant};

use clcplus_viewer::raster::{write_cog, CogSpec, Pixels};
use clcplus_viewer::ui::settings::CONFIG_DIR_ENV;
use clcplus_viewer::ui::ViewerApp;
use egui_kittest::Harness;

/// The viewer's binary, as a user runs it.
pub fn viewer() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clcplus-viewer"));
    c.env("GDAL_PAM_ENABLED", "NO");
    c
}

pub fn run(args: &[&str]) -> Output {
    viewer().args(args).output().expect("the binary runs")
}

/// Names of this process's threads (Linux).
pub fn thread_names() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .expect("/proc/self/task")
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|n| n.trim().to_string())
        .collect()
}

/// Runs `cmd` with a limit far beyond what it should take: a hang fails the test instead of stalling CI.
pub fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} hangs (still running after {limit:?})");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// The official RAS colour table, 254 opaque grey as in real tiles.
pub fn ras_table() -> Vec<[u8; 4]> {
    big_fixtures::ras_table()
}

/// A RAS-like pattern: every code 1..=11, 253, 254 and some 255 (nodata), in 7 x 5 px blocks with a one-pixel
/// diagonal so that pixel-exact placement is checked.
pub fn ras_pattern(w: usize, h: usize) -> Vec<u8> {
    big_fixtures::ras_pattern(w, h)
}

/// Writes a CLCplus RAS fixture (COG, LZW, nearest overviews, colour table, nodata 255) of `w` x `h` px of 10 m with
/// its upper-left corner at (4 400 000, 3 700 000), named as a real 2023 tile.
pub fn write_ras_fixture(dir: &Path, w: usize, h: usize) -> (PathBuf, Vec<u8>) {
    let values = ras_pattern(w, h);
    (write_ras(dir, 2023, w, h, &values), values)
}

/// A later year of [`ras_pattern`]: about a fifth of the pixels moved to another class, some to or from nodata.
pub fn ras_pattern_changed(w: usize, h: usize) -> Vec<u8> {
    let mut values = ras_pattern(w, h);
    for (i, v) in values.iter_mut().enumerate() {
        let (c, r) = (i % w, i / w);
        if (c * 7 + r * 3) % 5 == 0 {
            *v = if (c + r) % 13 == 0 { 255 } else { ((c / 3 + r) % 11) as u8 + 1 };
        }
    }
    values
}

/// The fixture grid's top-left corner (EPSG:3035).
pub const FIXTURE_ORIGIN: (f64, f64) = (4_400_000.0, 3_700_000.0);

/// Writes `values` as a RAS tile of `year` on the fixture grid of [`write_ras_fixture`].
pub fn write_ras(dir: &Path, year: u32, w: usize, h: usize, values: &[u8]) -> PathBuf {
    let path = dir.join(format!("CLMS_CLCPLUS_RAS_S{year}_R10m_E44N36_03035_V01_R00.tif"));
    write_byte_layer(&path, (w, h), values, 10.0, true);
    path
}

/// Writes an 8-bit north-up layer at `pixel` metres from [`FIXTURE_ORIGIN`] (EPSG:3035, nodata 255, overviews by
/// nearest), with the RAS colour table when `ras_colours`.
pub fn write_byte_layer(path: &Path, size: (usize, usize), values: &[u8], pixel: f64, ras_colours: bool) {
    let gt = [FIXTURE_ORIGIN.0, pixel, 0.0, FIXTURE_ORIGIN.1, 0.0, -pixel];
    write_byte_layer_on(path, size, values, gt, Some(3035), ras_colours);
}

/// Writes an 8-bit layer with any geotransform and CRS (`None` and an identity geotransform: no georeferencing).
pub fn write_byte_layer_on(
    path: &Path,
    size: (usize, usize),
    values: &[u8],
    geo_transform: [f64; 6],
    epsg: Option<u32>,
    ras_colours: bool,
) {
    let table = ras_table();
    write_cog(
        path,
        &CogSpec {
            size,
            pixels: &Pixels::U8(values.to_vec()),
            geo_transform,
            epsg,
            nodata: Some(255.0),
            color_table: ras_colours.then_some(table.as_slice()),
            attribute_table: None,
            overview_resampling: Some("NEAREST"),
            block_size: 256,
            metadata: &[],
        },
    )
    .expect("fixture written");
}

/// The RGBA a RAS value is drawn in: the colour table, with the nodata value transparent.
pub fn expected_rgba(value: u8) -> [u8; 4] {
    static TABLE: std::sync::OnceLock<Vec<[u8; 4]>> = std::sync::OnceLock::new();
    if value == 255 {
        [0, 0, 0, 0]
    } else {
        TABLE.get_or_init(ras_table)[value as usize]
    }
}

/// The one rule for a test that needs something the machine may lack (a GPU adapter, GDAL's command-line tools):
/// on CI (`CI=true`, which `.ci/run` exports) a missing one fails the test; elsewhere the test is skipped with a
/// message.
fn available_or_skip(test: &str, what: &str, missing: Option<String>) -> bool {
    let Some(reason) = missing else { return true };
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {what} is missing on CI: {reason}");
    }
    eprintln!("{test}: skipped, {what} is missing: {reason}");
    false
}

/// Whether a GPU (or lavapipe) adapter exists (see [`available_or_skip`]).
pub fn gpu_or_skip(test: &str) -> bool {
    let missing = clcplus_viewer::render::Offscreen::new(1 << 20).err().map(|e| e.to_string());
    available_or_skip(test, "a GPU adapter", missing)
}

/// Whether GDAL's command-line tool `tool` (an oracle, from gdal-bin) runs (see [`available_or_skip`]).
pub fn oracle_or_skip(tool: &str) -> bool {
    let runs = Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    available_or_skip(tool, "GDAL's command-line tool (gdal-bin)", (!runs).then(|| format!("{tool} does not run")))
}

/// The Python with exactextract and GDAL's bindings that runs `tests/oracles/zonal.py` (`CLCPLUS_ORACLE_PYTHON`, else
/// the venv `packaging/install-deps.sh --tests` makes in `target/oracle-venv`), if it runs (see [`available_or_skip`]).
pub fn zonal_oracle_or_skip(test: &str) -> Option<PathBuf> {
    let python = std::env::var_os("CLCPLUS_ORACLE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/oracle-venv/bin/python"));
    let runs = Command::new(&python)
        .args(["-c", "import exactextract, numpy, osgeo"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = (!runs).then(|| format!("{} cannot import exactextract, numpy and osgeo", python.display()));
    available_or_skip(test, "the zonal oracles (bash packaging/install-deps.sh --tests)", missing).then_some(python)
}

/// Reads a PNG as RGBA8.
pub fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("png exists")));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Runs the viewer with `args` (a `render` with `--out`), checks that it succeeded and returns the PNG it wrote.
pub fn render(args: &[&str]) -> (u32, u32, Vec<u8>) {
    let out = run(args);
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    let path = args.iter().position(|a| *a == "--out").map(|i| args[i + 1]).expect("--out given");
    read_png(Path::new(path))
}

/// Points the settings and the cache at a fresh temporary folder: tests never touch the user's settings or cache.
pub fn isolated_config() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    // SAFETY of the process environment: nextest runs each test in its own process.
    unsafe {
        std::env::set_var(CONFIG_DIR_ENV, dir.path());
        std::env::set_var(clcplus_viewer::pyramid::CACHE_DIR_ENV, dir.path().join("cache"));
    }
    dir
}

/// Steps the app until `done` holds, failing after a minute.
pub fn step_until(harness: &mut Harness<'_, ViewerApp>, what: &str, done: impl Fn(&ViewerApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        harness.step();
        if done(harness.state()) {
            break;
        }
        let messages: Vec<&str> = harness.state().messages().collect();
        assert!(Instant::now() < deadline, "timed out waiting for {what}; messages: {messages:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(2);
}

/// Steps the app until it has `layers` layers and nothing is being opened, loaded or counted.
pub fn settle(harness: &mut Harness<'_, ViewerApp>, layers: usize) {
    step_until(harness, "the app to settle", |app| app.layers().layers.len() >= layers && app.is_idle());
}

/// Steps the app until it is idle and a frame asks for no other: the window has come to rest (panels that grow
/// with what they show may change the map's size, and so its counts, a few times first). Fails after ten rounds.
pub fn rest(harness: &mut Harness<'_, ViewerApp>) {
    for _ in 0..10 {
        step_until(harness, "the app to be idle", |app| app.is_idle());
        harness.run_steps(3);
        if harness.state().is_idle() && !harness.ctx.has_requested_repaint() {
            return;
        }
    }
    panic!("the window never comes to rest: {:?}", harness.ctx.repaint_causes());
}

/// The real app on `paths`, 1400 x 800 points at one pixel per point; `gpu`: with the wgpu renderer (its paint
/// callback draws the map), else UI only.
pub fn app_harness(paths: Vec<PathBuf>, gpu: bool) -> Harness<'static, ViewerApp> {
    let builder = Harness::builder().with_size(eframe::egui::vec2(1400.0, 800.0)).with_pixels_per_point(1.0);
    let builder = if gpu { builder.wgpu() } else { builder };
    builder.build_eframe(move |cc| ViewerApp::new(cc, paths))
}

/// Runs GDAL's own command-line warper: the oracle for reprojection, written by no one here.
pub fn gdalwarp(args: &[&str]) {
    let out = Command::new("gdalwarp").args(args).output().expect("gdalwarp runs");
    assert!(out.status.success(), "gdalwarp {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A copy of the fixture-grid layer `src` (`w` x `h` pixels) in UTM zone 32N (EPSG:32632) at 10 m, by gdalwarp
/// (nearest), in the folder `utm` under `dir` with the same file name: a layer in another CRS. Returns its path and
/// the oracle for reading it on the fixture grid: gdalwarp itself putting it back there (exact transformation,
/// `-et 0`, as the viewer does), written to `back.tif` under `dir`.
pub fn utm_copy(dir: &Path, src: &Path, (w, h): (usize, usize)) -> (PathBuf, PathBuf) {
    let utm_dir = dir.join("utm");
    std::fs::create_dir_all(&utm_dir).expect("utm folder");
    let utm = utm_dir.join(src.file_name().expect("file name"));
    gdalwarp(&[
        "-q",
        "-t_srs",
        "EPSG:32632",
        "-r",
        "near",
        "-et",
        "0",
        "-tr",
        "10",
        "10",
        path_str(src),
        path_str(&utm),
    ]);
    let back = dir.join("back.tif");
    let (x0, y1) = FIXTURE_ORIGIN;
    let te = [x0, y1 - h as f64 * 10.0, x0 + w as f64 * 10.0, y1].map(|v| v.to_string());
    let (ws, hs) = (w.to_string(), h.to_string());
    let mut args = vec!["-q", "-t_srs", "EPSG:3035", "-r", "near", "-et", "0", "-ts", &ws, &hs, "-te"];
    args.extend(te.iter().map(String::as_str));
    args.extend([path_str(&utm), path_str(&back)]);
    gdalwarp(&args);
    (utm, back)
}

/// The first band of a byte raster, read with the gdal crate.
pub fn read_bytes(path: &Path) -> Vec<u8> {
    let ds = gdal::Dataset::open(path).expect("open");
    let band = ds.rasterband(1).expect("band");
    let (w, h) = band.size();
    band.read_as::<u8>((0, 0), (w, h), (w, h), None).expect("read").into_shape_and_vec().1
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// Classes 2, 5, 7 and 10 in bands, one pixel of class 8, a row of 254 (outside area) and nodata: the legend must
/// list 2, 5, 7, 8 and 10 and nothing else.
pub fn banded(w: usize, h: usize) -> Vec<u8> {
    let mut v: Vec<u8> = (0..w * h).map(|i| [2, 5, 7, 10][(i % w) * 4 / w]).collect();
    v[(h / 2) * w + w / 3] = 8;
    v[..w].fill(254);
    v[w * (h - 1)..].fill(255);
    v
}

/// The RAS land-cover classes (1 to 11) that a figure's legend lists: those with a `side` x `side` swatch of exactly
/// their colour in the figure's right quarter, where the legend panel is (the map ends left of it).
pub fn legend_classes(rgba: &[u8], (w, h): (u32, u32), side: u32) -> std::collections::BTreeSet<u8> {
    (1..=11u8).filter(|&code| has_square(rgba, (w, h), w * 3 / 4, expected_rgba(code), side)).collect()
}

/// Whether a `side` x `side` square of exactly `colour` lies in the image at or right of column `from_x`.
fn has_square(rgba: &[u8], (w, h): (u32, u32), from_x: u32, colour: [u8; 4], side: u32) -> bool {
    let at = |x: u32, y: u32| {
        let i = ((y * w + x) * 4) as usize;
        [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
    };
    (0..h.saturating_sub(side)).any(|y| {
        (from_x..w.saturating_sub(side)).any(|x| (0..side).all(|dy| (0..side).all(|dx| at(x + dx, y + dy) == colour)))
    })
}

/// A big fixture under the tests' target folder (see [`big_fixtures::cached`]).
pub fn cached_fixture(name: &str, make: impl FnOnce(&Path)) -> PathBuf {
    big_fixtures::cached(Path::new(env!("CARGO_TARGET_TMPDIR")), name, make)
}

/// The Europe-sized VRT of [`big_fixtures::europe_vrt`], under the tests' target folder.
pub fn europe_vrt() -> PathBuf {
    big_fixtures::europe_vrt(Path::new(env!("CARGO_TARGET_TMPDIR")))
}
