//! The window under a long session: 1000 random pans and zooms, as keys and pinch gestures, over a full-size
//! 10000 x 10000 px tile set (RAS and RASCL), with small budgets so that both caches must evict. After every move the
//! loader's queue, the CPU tile cache and (on the frames drawn) the GPU texture budget stay within their limits;
//! the process's peak memory stays under the sum of the budgets; and once the window is gone no statistics or
//! loader thread is left, whatever counts were cancelled mid-way.

mod common;

use std::time::{Duration, Instant};

use clcplus_viewer::render::TileRenderer;
use clcplus_viewer::stats::Rng;
use clcplus_viewer::ui::ViewerApp;
use common::write_byte_layer;
use eframe::egui;
use egui_kittest::wgpu::{create_render_state, default_wgpu_setup, WgpuTestRenderer};
use egui_kittest::Harness;

const SIZE: usize = 10_000;
const MOVES: usize = 1000;
const CPU_CACHE_MIB: usize = 48;
const GPU_BUDGET_MIB: usize = 24;
/// GDAL's block cache (`GDAL_CACHEMAX` in raster/config.rs).
const GDAL_CACHE_MIB: usize = 256;

/// Resident and peak resident memory of this process, in MiB (Linux).
fn memory_mib() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<usize>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A 10000 x 10000 px RAS tile and its RASCL confidence layer, LZW COGs with overviews.
fn full_size_tile_set(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let ras_values = common::ras_pattern(SIZE, SIZE);
    let ras = common::write_ras(dir, 2023, SIZE, SIZE, &ras_values);
    drop(ras_values);
    let confidence: Vec<u8> = (0..SIZE * SIZE).map(|i| ((i % SIZE / 37 + i / SIZE / 53) % 101) as u8).collect();
    let rascl = dir.join("CLMS_CLCPLUS_RASCL_S2023_R10m_E44N36_03035_V01_R00.tif");
    write_byte_layer(&rascl, (SIZE, SIZE), &confidence, 10.0, false);
    vec![ras, rascl]
}

/// One random move, as a user makes it: arrow keys, + or -, a pinch about a point of the map, or a jump (fit, 1:1).
fn random_move(harness: &mut Harness<'_, ViewerApp>, rng: &mut Rng, map: egui::Rect) {
    let keys = [egui::Key::ArrowLeft, egui::Key::ArrowRight, egui::Key::ArrowUp, egui::Key::ArrowDown];
    match rng.below(10) {
        0..=3 => {
            for _ in 0..=rng.below(3) {
                harness.key_press(keys[rng.below(4) as usize]);
            }
        }
        4 => harness.key_press(egui::Key::Plus),
        5 => harness.key_press(egui::Key::Minus),
        6..=8 => {
            let at = map.min + egui::vec2(rng.below(map.width() as u64) as f32, rng.below(map.height() as u64) as f32);
            harness.hover_at(at);
            let factor = [0.25, 0.5, 0.8, 1.25, 2.0, 4.0][rng.below(6) as usize];
            harness.event(egui::Event::Zoom(factor));
        }
        _ => harness.key_press(if rng.below(2) == 0 { egui::Key::Num0 } else { egui::Key::Num1 }),
    }
}

#[test]
fn a_thousand_random_moves_keep_every_queue_and_cache_within_its_budget() {
    if !common::gpu_or_skip("stress") {
        return;
    }
    let config = common::isolated_config();
    let settings = format!("{{\"cpu_cache_mib\": {CPU_CACHE_MIB}, \"gpu_budget_mib\": {GPU_BUDGET_MIB}}}");
    std::fs::write(config.path().join("settings.json"), settings).unwrap();
    let data = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let paths = full_size_tile_set(data.path());
    let generated = started.elapsed();

    // The app draws through a render state this test keeps a handle on, to read the GPU renderer's budget.
    let render_state = create_render_state(default_wgpu_setup(), eframe::egui_wgpu::RendererOptions::PREDICTABLE);
    let gpu = render_state.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_pixels_per_point(1.0)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_eframe(move |cc| ViewerApp::new(cc, paths));
    common::settle(&mut harness, 2);
    let map = harness.state().map_rect().expect("the map is drawn");

    // Peak memory from here on: the tile set's generation is behind us.
    std::fs::write("/proc/self/clear_refs", "5").expect("peak RSS reset");
    let (rss_before, _) = memory_mib();
    let mut rng = Rng::new(20261122);
    let mut peak_cache = 0;
    let mut peak_gpu = 0;
    let mut renders = 0;
    let budget_screenful = 2 * 24 * 512 * 512; // two layers, the tiles of one 1400 x 800 view and their fallbacks
    for i in 0..MOVES {
        random_move(&mut harness, &mut rng, map);
        harness.step();
        let now = harness.state().resource_use();
        assert!(now.queued_requests <= now.queue_capacity, "move {i}: loader queue {now:?}");
        assert!(now.cache_bytes <= now.cache_budget + budget_screenful, "move {i}: CPU cache over budget: {now:?}");
        peak_cache = peak_cache.max(now.cache_bytes);
        if i % 25 == 24 {
            harness.render().expect("the frame draws");
            renders += 1;
            let renderer = gpu.renderer.read();
            let tiles = renderer.callback_resources.get::<TileRenderer>().expect("the app's tile renderer");
            assert_eq!(tiles.budget(), GPU_BUDGET_MIB << 20, "the budget of the settings");
            assert!(tiles.gpu_bytes() <= tiles.budget() + budget_screenful, "move {i}: GPU textures over budget");
            peak_gpu = peak_gpu.max(tiles.gpu_bytes());
        }
    }
    // The last view is served in full: the machinery is not wedged after the storm.
    common::settle(&mut harness, 2);
    let (rss_after, rss_peak) = memory_mib();
    let now = harness.state().resource_use();
    eprintln!(
        "tile set generated in {generated:?}; {MOVES} moves and {renders} frames drawn in {:?}; peak CPU cache {} MiB \
         (budget {CPU_CACHE_MIB}), peak GPU textures {} MiB (budget {GPU_BUDGET_MIB}); RSS {rss_before} -> \
         {rss_after} MiB, peak {rss_peak} MiB; at rest {now:?}",
        started.elapsed() - generated,
        peak_cache >> 20,
        peak_gpu >> 20
    );
    assert!(peak_cache > (CPU_CACHE_MIB << 20) / 2, "the moves filled the CPU cache enough to test its budget");
    assert!(peak_gpu > (GPU_BUDGET_MIB << 20) / 2, "the frames filled the GPU budget enough to test it");
    let bound = rss_before + CPU_CACHE_MIB + GPU_BUDGET_MIB + GDAL_CACHE_MIB + 256;
    assert!(rss_peak <= bound, "peak RSS {rss_peak} MiB over {bound} MiB (start {rss_before} MiB plus the budgets)");
    assert_eq!(now.in_flight, 0);

    drop(harness);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left: Vec<String> =
            common::thread_names().into_iter().filter(|n| n == "stats" || n.starts_with("tile-")).collect();
        if left.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "threads left after the window closed: {left:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
