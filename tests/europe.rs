//! A Europe-sized mosaic in the window (issue 16): a VRT of 900 placements of one 10000 px COG, 300000 x 300000 px.
//! It opens as one layer identified by its sources' names, keeps few files open, gets coarse levels built once into
//! the cache folder (nothing beside the data), draws, jumps to a 1:1 view elsewhere pixel-exact, and comes to rest.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use clcplus_viewer::product::Identity;
use clcplus_viewer::view::Camera;
use common::big_fixtures::{ras_pattern, EUROPE_ORIGIN, EUROPE_TILE_PX};
use common::{europe_vrt, expected_rgba};

/// Open file descriptors of this process that are the mosaic's tile (every placement links to it).
fn open_tiles(source: &Path) -> usize {
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else { return 0 };
    fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok()).filter(|target| target == source).count()
}

#[test]
fn a_europe_sized_mosaic_opens_draws_with_few_open_files_and_comes_to_rest() {
    if !common::gpu_or_skip("europe") {
        return;
    }
    let config = common::isolated_config();
    let vrt = europe_vrt();
    let source = vrt.with_file_name("source.tif").canonicalize().expect("source");
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        names.sort();
        names
    };
    let data_before = (listing(vrt.parent().expect("dir")), listing(&vrt.with_file_name("tiles")));

    let mut harness = common::app_harness(vec![vrt.clone()], true);
    let started = Instant::now();
    let most_open = std::cell::Cell::new(0);
    common::step_until(&mut harness, "the layer and its coarse levels", |app| {
        most_open.set(most_open.get().max(open_tiles(&source)));
        app.layers().layers.len() == 1 && app.is_idle()
    });
    let most_open = most_open.get();
    let opened_in = started.elapsed();
    let app = harness.state();
    let layer = &app.layers().layers[0];
    assert_eq!(layer.info.meta.size, (300_000, 300_000));
    assert_eq!(layer.info.identity, Identity::SourceNames { files: 900 });
    assert_eq!(layer.title(), "RAS 2023");
    // Coarse levels above the tile's own overviews: the whole extent is drawn from a level of at most 4096 px.
    let build = layer.source.build.as_ref().expect("coarse levels");
    assert!(build.coarse_sizes().is_some_and(|s| !s.is_empty()));
    assert!(build.result().is_some_and(|r| r.is_ok()), "built");
    let (level, _) = app.view_stats(layer.id).expect("the view is counted");
    assert!(layer.source.levels[level].cols <= 4096, "counted on a level the size of the screen, not of the map");
    // GDAL's dataset pool keeps the open tiles few, whatever the view reads.
    assert!(most_open <= 64 + 8, "{most_open} tiles open at once");
    common::rest(&mut harness);

    // A jump to a 1:1 view far from the first tile: the pixels on screen are the tile's.
    let (col, row) = (17 * EUROPE_TILE_PX + 4321, 23 * EUROPE_TILE_PX + 1234);
    // A quarter pixel off the data grid, so that no screen pixel centre falls on an edge between data pixels.
    let centre = [EUROPE_ORIGIN.0 + (col as f64 + 0.25) * 10.0, EUROPE_ORIGIN.1 - (row as f64 + 0.25) * 10.0];
    harness.state_mut().set_camera(Camera { center: centre, res: 10.0 });
    let jumped = Instant::now();
    common::rest(&mut harness);
    let jump_in = jumped.elapsed();
    let image = harness.render().expect("the frame draws");
    let rect = harness.state().map_rect().expect("map");
    let camera = harness.state().camera().expect("camera");
    let size = [(rect.max.x.round() - rect.min.x.round()) as f64, (rect.max.y.round() - rect.min.y.round()) as f64];
    let values = ras_pattern(EUROPE_TILE_PX, EUROPE_TILE_PX);
    let mut checked = 0;
    for (dx, dy) in [(-40.0, -30.0), (0.0, 0.0), (25.5, 10.0), (60.0, 45.0)] {
        let px = [(size[0] / 2.0 + dx).floor(), (size[1] / 2.0 + dy).floor()];
        // The data pixel under the screen pixel's centre.
        let m = camera.screen_to_map(size, [px[0] + 0.5, px[1] + 0.5]);
        let (c, r) = (((m[0] - EUROPE_ORIGIN.0) / 10.0) as usize, ((EUROPE_ORIGIN.1 - m[1]) / 10.0) as usize);
        let value = values[(r % EUROPE_TILE_PX) * EUROPE_TILE_PX + c % EUROPE_TILE_PX];
        let screen =
            image.get_pixel((rect.min.x.round() + px[0] as f32) as u32, (rect.min.y.round() + px[1] as f32) as u32);
        let want = expected_rgba(value);
        if want[3] == 255 {
            assert_eq!(screen.0[..3], want[..3], "screen pixel {px:?} (data {c}, {r}, value {value})");
            checked += 1;
        }
    }
    assert!(checked >= 2, "enough opaque pixels checked");
    eprintln!("opened and drawn (coarse levels built) in {opened_in:?}; 1:1 jump complete in {jump_in:?}");

    // The coarse levels are in the cache folder, nothing was written beside the data, and the next start reuses
    // them.
    drop(harness);
    let cached = listing(&config.path().join("cache").join("coarse"));
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert_eq!((listing(vrt.parent().expect("dir")), listing(&vrt.with_file_name("tiles"))), data_before);
    let mut again = common::app_harness(vec![vrt], true);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        again.step();
        let app = again.state();
        if let Some(layer) = app.layers().layers.first() {
            let build = layer.source.build.as_ref().expect("coarse levels");
            if build.result().is_some() {
                assert!(build.result().is_some_and(|r| r.is_ok()));
                break;
            }
        }
        assert!(Instant::now() < deadline, "the cached levels were not loaded");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_continent_without_overviews_renders_through_levels_built_once() {
    if !common::gpu_or_skip("europe without overviews") {
        return;
    }
    let config = common::isolated_config();
    // The same mosaic as a hand-written VRT often is: without the overview list, so GDAL exposes no overviews.
    let with = std::fs::read_to_string(europe_vrt()).expect("VRT");
    let start = with.find("  <OverviewList").expect("the fixture lists overviews");
    let end = with[start..].find('\n').map(|e| start + e + 1).expect("line end");
    let vrt = config.path().join("continent.vrt");
    std::fs::write(&vrt, format!("{}{}", &with[..start], &with[end..])).expect("VRT written");
    let png = config.path().join("continent.png");
    let mut cmd = common::viewer();
    cmd.env(clcplus_viewer::pyramid::CACHE_DIR_ENV, config.path().join("cache"));
    cmd.args(["render", vrt.to_str().expect("utf-8"), "--out", png.to_str().expect("utf-8"), "--size", "600x400"]);
    let started = Instant::now();
    let out = common::run_within(cmd, Duration::from_secs(300));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("continent without overviews rendered in {:?}", started.elapsed());
    let (_, _, rgba) = common::read_png(&png);
    let palette: Vec<[u8; 4]> = (0..=255u8).map(expected_rgba).collect();
    let opaque: Vec<&[u8]> = rgba.chunks(4).filter(|p| p[3] == 255).collect();
    assert!(opaque.len() > 400 * 400 / 2, "the square map is drawn");
    assert!(opaque.iter().all(|p| palette.iter().any(|c| c[..] == **p)), "only palette colours");
    let cached = config.path().join("cache").join("coarse");
    assert_eq!(std::fs::read_dir(cached).expect("cache").count(), 1, "the levels are kept for the next run");
    // `info` lists them, built.
    let mut cmd = common::viewer();
    cmd.env(clcplus_viewer::pyramid::CACHE_DIR_ENV, config.path().join("cache"));
    let out = cmd.args(["info", vrt.to_str().expect("utf-8"), "--json"]).output().expect("info runs");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).expect("info JSON");
    assert_eq!(info["coarse_levels"]["cached"], true, "{}", info["coarse_levels"]);
    assert_eq!(info["coarse_levels"]["levels"][0], serde_json::json!({"cols": 2344, "rows": 2344}));
}
