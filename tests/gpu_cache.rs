//! The GPU texture cache shared by the window's views (on lavapipe where there is no GPU): tiles used in the current
//! frame stay whichever view prepares next, textures are drawn when only the GPU still holds them, and a closed
//! layer's textures are freed.

mod common;

use std::sync::Arc;

use clcplus_viewer::render::{DrawLayer, DrawList, DrawTile, Lut, Offscreen, TexelFormat, TexelSource};

/// A 16 x 16 tile of one value.
struct Solid(u8);

impl TexelSource for Solid {
    fn size(&self) -> (u32, u32) {
        (16, 16)
    }
    fn format(&self) -> TexelFormat {
        TexelFormat::R8
    }
    fn bytes(&self) -> &[u8] {
        static VALUES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
        &VALUES.get_or_init(|| (0..=255u8).map(|v| vec![v; 256]).collect())[self.0 as usize]
    }
}

/// Value 1 red, 2 green, everything else transparent.
fn lut() -> Arc<Lut> {
    let mut colours = [[0u8; 4]; 256];
    colours[1] = [255, 0, 0, 255];
    colours[2] = [0, 255, 0, 255];
    Arc::new(Lut { version: 1, colours, remap: None, imagery: false })
}

/// A 16 x 16 viewport filled by tile `id`; `value` uploads its texels, `None` relies on the GPU's copy.
fn list(frame: u64, layer: u32, id: u64, value: Option<u8>) -> DrawList {
    let texels = value.map(|v| Arc::new(Solid(v)) as Arc<dyn TexelSource>);
    let tile = DrawTile { texture_id: id, texels, dest: [0.0, 0.0, 16.0, 16.0], texel_rect: [0.0, 0.0, 16.0, 16.0] };
    DrawList {
        viewport: [16.0, 16.0],
        layers: vec![DrawLayer { layer_id: layer, lut: lut(), opacity: 1.0, tiles: vec![tile] }],
        clip_circle: None,
        frame,
        overlays: Vec::new(),
    }
}

const TILE_BYTES: usize = 256;

#[test]
fn tiles_of_one_frame_stay_whichever_view_prepares_next() {
    if !common::gpu_or_skip("gpu cache") {
        return;
    }
    // Room for one tile: two views each preparing one tile in the same frame go over the budget.
    let mut gpu = Offscreen::new(TILE_BYTES).expect("device");
    gpu.prepare(0, &list(1, 1, 10, Some(1)));
    gpu.prepare(1, &list(1, 2, 20, Some(2)));
    assert!(gpu.renderer().has_tile(10), "view 0's tile of this frame was evicted by view 1");
    assert!(gpu.renderer().has_tile(20));
    // Next frame only view 1 draws: view 0's tile is the least recently used and goes.
    gpu.prepare(1, &list(2, 2, 20, Some(2)));
    gpu.prepare(1, &list(2, 3, 30, Some(1)));
    assert!(!gpu.renderer().has_tile(10));
    assert!(gpu.renderer().has_tile(20) && gpu.renderer().has_tile(30));
}

#[test]
fn a_tile_only_the_gpu_holds_is_drawn_and_a_closed_layer_is_freed() {
    if !common::gpu_or_skip("gpu cache") {
        return;
    }
    let mut gpu = Offscreen::new(64 << 20).expect("device");
    let first = gpu.render(&list(0, 7, 70, Some(2))).expect("render");
    assert_eq!(&first[..4], &[0, 255, 0, 255]);
    // The CPU copy is gone: the list names the texture only, and it is drawn from the GPU.
    let again = gpu.render(&list(0, 7, 70, None)).expect("render");
    assert_eq!(again, first);
    // A texture the GPU does not hold, without texels, draws nothing (and does not fail).
    let missing = gpu.render(&list(0, 8, 80, None)).expect("render");
    assert!(missing.chunks(4).all(|p| p[3] == 0));
    assert_eq!(gpu.renderer().gpu_bytes(), TILE_BYTES);
    gpu.renderer().release_layer(7, |id| id == 70);
    assert_eq!(gpu.renderer().gpu_bytes(), 0, "the closed layer's texture is freed");
    assert!(!gpu.renderer().has_tile(70));
}

#[test]
fn closing_a_layer_in_the_window_frees_its_gpu_textures() {
    use clcplus_viewer::pyramid::TileKey;
    use clcplus_viewer::render::TileRenderer;
    use clcplus_viewer::ui::ViewerApp;
    use egui_kittest::kittest::Queryable;
    use egui_kittest::wgpu::{create_render_state, default_wgpu_setup, WgpuTestRenderer};

    if !common::gpu_or_skip("gpu cache") {
        return;
    }
    let _config = common::isolated_config();
    let dir = tempfile::tempdir().expect("temp");
    let (ras, _) = common::write_ras_fixture(dir.path(), 1500, 1500);
    let other = dir.path().join("second.tif");
    common::write_byte_layer(&other, (1500, 1500), &common::banded(1500, 1500), 10.0, true);
    // The app draws through a render state this test keeps a handle on, to look at the GPU renderer.
    let render_state = create_render_state(default_wgpu_setup(), eframe::egui_wgpu::RendererOptions::PREDICTABLE);
    let gpu = render_state.clone();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 800.0))
        .with_pixels_per_point(1.0)
        .renderer(WgpuTestRenderer::from_render_state(render_state))
        .build_eframe(move |cc| ViewerApp::new(cc, vec![other, ras]));
    common::settle(&mut harness, 2);
    harness.render().expect("the frame draws");
    let top = harness.state().layers().layers[0].id;
    let held = |layer: u32| {
        let renderer = gpu.renderer.read();
        let tiles = renderer.callback_resources.get::<TileRenderer>().expect("the app's renderer");
        let keys = (0..4u8).flat_map(|level| {
            (0..3u32).flat_map(move |col| (0..3u32).map(move |row| TileKey { layer, level, col, row }))
        });
        keys.filter(|k| tiles.has_tile(k.id())).count()
    };
    assert!(held(top) > 0, "the top layer's tiles are on the GPU");
    harness.get_all_by_label("Close").next().expect("a Close button of the top layer").click();
    harness.run_steps(2);
    harness.render().expect("the frame draws");
    assert_eq!(harness.state().layers().layers.len(), 1);
    assert_eq!(held(top), 0, "the closed layer's textures are freed");
    assert!(held(harness.state().layers().layers[0].id) > 0, "the other layer's stay");
}
