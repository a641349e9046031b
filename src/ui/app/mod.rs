//! The eframe app: the one type that owns the state, the loaders and the workers. It collects worker results in
//! `logic`, lays out the panels, the map and the windows in `ui`, and runs the commands they gave. Its other files
//! carry out what the commands and the map ask for.

mod analysis;
mod bookmarks;
mod commands;
mod dialogs;
mod labelling;
mod map_view;
mod pair_views;
mod presentation;
mod quiz;
mod session;
pub mod window;
mod zone_gestures;
mod zones;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::product::LayerInfo;
use crate::pyramid::{coarse_sizes_for, LoaderPool, PyramidBuild};
use crate::raster::{Transformer, WGS84_EPSG};
use crate::text;
use crate::ui::analysis::Analysis;
use crate::ui::command::{Command, Commands};
use crate::ui::map::tile_feed::{repaint_waker, TileFeed};
use crate::ui::messages::Level;
use crate::ui::opener::{Opened, Opener};
use crate::ui::panels;
use crate::ui::settings::Settings;
use crate::ui::state::AppState;
use crate::ui::windows::class_card::ClassCard;
use crate::ui::windows::figure_export::FigureExport;
use crate::ui::windows::open_url::OpenUrl;
use crate::ui::zones::is_vector_file;
use crate::view::{Camera, LayerStack};

/// A snapshot of [`ViewerApp::resource_use`].
#[derive(Debug, Clone, Copy)]
pub struct ResourceUse {
    /// Tile requests waiting in the loader's channel, and its capacity.
    pub queued_requests: usize,
    pub queue_capacity: usize,
    /// Tiles asked for and not back yet.
    pub in_flight: usize,
    /// Decoded tiles in RAM, and the budget they keep to (exceeded by at most the tiles of the frame on screen).
    pub cache_bytes: usize,
    pub cache_budget: usize,
    pub cache_tiles: usize,
}

/// The whole window's state.
pub struct ViewerApp {
    /// What the user sees.
    pub(super) state: AppState,
    /// Tile loading: loader pool, CPU cache, requests in flight, failures.
    pub(super) tiles: TileFeed,
    /// The window's GPU, when it has one: the renderer's textures are looked up (and freed) through it.
    pub(super) render_state: Option<eframe::egui_wgpu::RenderState>,
    /// Layers whose pyramid build failed and was reported.
    build_failures: HashSet<u32>,
    pub(super) generation: u64,
    pub(super) opener: Opener,
    /// The layout as last saved: a change (a panel resized or hidden, the window moved) is saved once done.
    saved_layout: super::settings::Layout,
    /// The class card shown, if any.
    pub(super) class_card: Option<ClassCard>,
    pub(super) figure: FigureExport,
    pub(super) open_url: OpenUrl,
    /// A session being opened, until all its layers have answered.
    pub(super) pending_session: Option<super::session::PendingSession>,
    /// What the panels asked for in this frame; run once they are all drawn.
    pub(super) commands: Commands,
    /// Vector files being read and the selected zones' count.
    pub(super) zone_jobs: zones::ZoneJobs,
    /// Sample labels being written.
    pub(super) label_writes: labelling::LabelWrites,
}

impl ViewerApp {
    /// Creates the app and starts opening `paths` (none: the bundled demo tile set).
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> ViewerApp {
        let (settings, settings_error) = Settings::load();
        let render_state = cc.wgpu_render_state.clone();
        if let Some(rs) = &render_state {
            crate::render::register_renderer(rs, settings.gpu_budget_mib << 20);
        }
        let gpu = render_state.is_some();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
        let mut app = ViewerApp {
            tiles: TileFeed::new(
                settings.cpu_cache_mib << 20,
                LoaderPool::with_waker(workers, 256, repaint_waker(cc.egui_ctx.clone())),
            ),
            render_state,
            build_failures: HashSet::new(),
            generation: 0,
            opener: Opener::new(cc.egui_ctx.clone()),
            saved_layout: settings.layout.clone(),
            state: AppState::new(settings, Analysis::new(cc.egui_ctx.clone()), gpu),
            class_card: None,
            figure: FigureExport::default(),
            open_url: OpenUrl::default(),
            pending_session: None,
            commands: Commands::default(),
            zone_jobs: zones::ZoneJobs::default(),
            label_writes: labelling::LabelWrites::default(),
        };
        if let Some(e) = settings_error {
            app.state.warn(e);
        }
        if !gpu {
            app.state.error(text::NO_GPU.into());
        }
        let paths = if paths.is_empty() {
            match crate::demo::find_demo_files() {
                Some(files) => {
                    if let Some(dir) = files.first().and_then(|f| f.parent()) {
                        eprintln!("clcplus-viewer: opening the synthetic demo tile set from {}", dir.display());
                    }
                    files
                }
                None => {
                    app.state.warn(text::DEMO_NOT_FOUND_AT_START.into());
                    Vec::new()
                }
            }
        } else {
            paths
        };
        if !paths.is_empty() {
            app.open(paths, false);
        }
        app
    }

    /// Opens files or folders in the background (a `.json` file is a session: it replaces the view). `remember`:
    /// add them to the recent files.
    pub fn open(&mut self, paths: Vec<PathBuf>, remember: bool) {
        let (sessions, paths): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")));
        if let Some(session) = sessions.last() {
            self.open_session(session);
        }
        // Vector files are zones, read once a raster gives the map its CRS.
        let (vectors, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| is_vector_file(p));
        self.state.zones.waiting.extend(vectors);
        if paths.is_empty() {
            return;
        }
        if remember {
            for p in &paths {
                self.state.settings.add_recent(&p.to_string_lossy());
            }
            if let Err(e) = self.state.settings.save() {
                self.state.warn(text::recent_not_saved(&e));
            }
        }
        if self.state.stack.is_empty() {
            self.state.fit_pending = true;
        }
        let n = paths.len();
        match self.opener.open(paths) {
            Ok(()) => self.state.opening += n,
            Err(e) => self.state.error(e),
        }
    }

    /// Notes the window's place and size, and saves the layout (panels and window) for the next start once the
    /// user has let go of what they were dragging.
    fn remember_layout(&mut self, ctx: &egui::Context) {
        let (outer, inner, fullscreen, dragging) = ctx.input(|i| {
            (i.viewport().outer_rect, i.viewport().inner_rect, i.viewport().fullscreen, i.pointer.any_down())
        });
        if let (Some(outer), Some(inner), Some(false)) = (outer, inner, fullscreen) {
            self.state.settings.layout.window = Some([outer.min.x, outer.min.y, inner.width(), inner.height()]);
        }
        if !dragging && self.state.settings.layout != self.saved_layout {
            self.saved_layout = self.state.settings.layout.clone();
            if let Err(e) = self.state.settings.save() {
                self.state.warn(text::settings_not_saved(&e));
            }
        }
    }

    /// What the tile machinery holds now: what the stress test checks against the budgets.
    pub fn resource_use(&self) -> ResourceUse {
        let (queued_requests, queue_capacity) = self.tiles.queue();
        ResourceUse {
            queued_requests,
            queue_capacity,
            in_flight: self.tiles.in_flight(),
            cache_bytes: self.tiles.cache.bytes(),
            cache_budget: self.tiles.cache.budget(),
            cache_tiles: self.tiles.cache.len(),
        }
    }

    /// Files (or URLs) being opened on the opener thread.
    pub fn opening(&self) -> usize {
        self.state.opening
    }

    /// The layers, top first (for tests and panels).
    pub fn layers(&self) -> &LayerStack {
        &self.state.stack
    }

    /// A layer, to change how it is drawn (as its panel controls do).
    pub fn layer_mut(&mut self, id: u32) -> Option<&mut crate::view::MapLayer> {
        self.state.stack.get_mut(id)
    }

    /// Where the map was drawn in the last frame, in points.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        self.state.map_rect
    }

    pub fn camera(&self) -> Option<Camera> {
        self.state.camera
    }

    pub fn set_camera(&mut self, camera: Camera) {
        self.state.camera = Some(camera);
    }

    /// The camera of map pane `index` (0 while not comparing side by side).
    pub fn pane_camera(&self, index: usize) -> Option<Camera> {
        self.state.compare.camera_of(index, self.state.camera)
    }

    /// Where the panes were drawn in the last frame, in points.
    pub fn pane_rects(&self) -> Vec<egui::Rect> {
        self.state.map_rect.map(|r| self.state.compare.pane_rects(r)).unwrap_or_default()
    }

    /// Links or unlinks the cameras of side-by-side panes (the Compare bar's "linked").
    pub fn set_linked(&mut self, linked: bool) {
        // Unlinked panes start where the linked ones were.
        self.state.compare.cameras = vec![if linked { None } else { self.state.camera }; super::compare::MAX_PANES];
        self.state.compare.linked = linked;
    }

    /// The swipe divider's position, a fraction of the map's width (or height).
    pub fn swipe_split(&self) -> f32 {
        self.state.compare.split
    }

    /// Messages shown in the message bar, oldest first.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.state.messages.iter().map(|m| m.text.as_str())
    }

    /// Messages shown in the message bar with their levels, oldest first.
    pub fn messages_with_level(&self) -> impl Iterator<Item = (Level, &str)> {
        self.state.messages.iter().map(|m| (m.level, m.text.as_str()))
    }

    /// True when nothing is being opened or loaded: what a test waits for before looking at the screen.
    pub fn is_idle(&self) -> bool {
        self.state.opening == 0
            && self.tiles.in_flight() == 0
            && !self.any_pyramid_building()
            && !self.state.analysis.busy()
            && !self.figure.busy()
            && !self.state.quiz.as_ref().is_some_and(|q| q.picking())
            && self.state.zones.loading == 0
            && !self.state.zones.stats.busy
            && self
                .state
                .labelling
                .as_ref()
                .is_none_or(|l| l.writing == 0 && l.pending.is_empty() && l.mapped.is_some())
    }

    /// The view's class table of a layer and the level it was counted on (0: exact), once counted.
    pub fn view_stats(&self, layer_id: u32) -> Option<(usize, &crate::stats::ClassTable)> {
        self.state.analysis.view.stats.get(&layer_id).map(|s| (s.level, &s.table))
    }

    /// Joint counts in the current scope (view or whole file): of a class layer with its confidence layer, or of a
    /// paired layer (change, confidence or imperviousness view).
    pub fn pair_counts(&self, layer_id: u32) -> Option<&crate::stats::PairCounts> {
        self.state.analysis.current().cross.get(&layer_id)
    }

    /// The whole file's exact class table of a layer, once counted (File scope).
    pub fn file_stats(&self, layer_id: u32) -> Option<&crate::stats::ClassTable> {
        self.state.analysis.file.stats.get(&layer_id).map(|s| &s.table)
    }

    /// The zone layers: (name, number of zones, selected zones) each, bottom first.
    pub fn zone_layers(&self) -> Vec<(String, usize, Vec<u32>)> {
        self.state.zones.layers.iter().map(|l| (l.name.clone(), l.features.len(), (*l.selected).clone())).collect()
    }

    /// How zone layer `i` is drawn: visible, filled, and the field that labels it.
    pub fn zone_layer_look(&self, i: usize) -> Option<(bool, bool, Option<String>)> {
        let l = self.state.zones.layers.get(i)?;
        Some((l.visible, l.fill, l.label_field.and_then(|f| l.fields.get(f).cloned())))
    }

    /// While labelling: the sample shown and every sample's reference class so far.
    pub fn labelling(&self) -> Option<(usize, Vec<Option<u32>>)> {
        let l = self.state.labelling.as_ref()?;
        Some((l.current, l.samples.iter().map(|s| s.reference).collect()))
    }

    /// The class table of the selected zones, once counted.
    pub fn zone_table(&self) -> Option<&crate::stats::ZonalTable> {
        self.state.zones.stats.table.as_ref()
    }

    /// The class table a layer's legend shows now: of the view, the whole file or the selected zones.
    pub fn legend_table(&self, layer_id: u32) -> Option<&crate::stats::ClassTable> {
        self.state.analysis.current().stats.get(&layer_id).map(|s| &s.table)
    }

    /// With two or more years of the top class layer's product open: the selected zones' table of each year.
    pub fn zone_tables_by_year(&self) -> &[(u16, crate::stats::ZonalTable)] {
        &self.state.zones.stats.by_year
    }

    /// The values under the cursor, once read.
    pub fn inspected(&self) -> Option<&crate::stats::InspectResult> {
        self.state.analysis.inspected.as_ref()
    }

    /// Restyles a layer from a `.clr`, `.qml` or `.sld` file. A file that cannot be used changes nothing and gives a
    /// message naming it; returns whether the style was applied.
    pub fn import_style(&mut self, layer_id: u32, path: &std::path::Path) -> bool {
        let style = match crate::product::style::Style::read(path) {
            Ok(s) => s,
            Err(e) => {
                self.state.error(text::style_not_applied(&e.to_string()));
                return false;
            }
        };
        let Some(layer) = self.state.stack.get_mut(layer_id) else { return false };
        layer.restyle(style);
        true
    }

    /// Points pinned by clicking the map.
    pub fn pinned(&self) -> &[crate::stats::InspectResult] {
        &self.state.analysis.pinned
    }

    fn any_pyramid_building(&self) -> bool {
        self.state.stack.layers.iter().any(|l| l.source.build.as_ref().is_some_and(|b| b.result().is_none()))
    }

    /// Takes what the worker threads finished since the last frame.
    fn receive(&mut self) {
        while let Some(opened) = self.opener.try_recv() {
            // Every answer but an expansion ends the opening of one file.
            if !matches!(opened, Opened::Expanded { .. }) {
                self.state.opening = self.state.opening.saturating_sub(1);
            }
            match opened {
                Opened::Expanded { requested, results } => {
                    self.state.opening = (self.state.opening + results).saturating_sub(requested)
                }
                Opened::Layer(info, slot) => self.add_layer(*info, slot),
                Opened::Relevelled(id, info) => self.replace_layer(id, *info),
                Opened::Failed(e, slot) => {
                    self.state.error(e);
                    self.session_slot_failed(slot);
                }
            }
        }
        for message in self.tiles.receive() {
            self.state.error(message);
        }
        let failed_builds: Vec<(u32, String)> = self
            .state
            .stack
            .layers
            .iter()
            .filter(|l| !self.build_failures.contains(&l.id))
            .filter_map(|l| match l.source.build.as_ref().and_then(|b| b.result()) {
                Some(Err(e)) => Some((l.id, e.clone())),
                _ => None,
            })
            .collect();
        for (id, e) in failed_builds {
            self.build_failures.insert(id);
            self.state.warn(text::base_level_only(&e));
        }
        self.receive_analysis();
        let errors: Vec<String> = self.state.analysis.errors.drain(..).collect();
        for e in errors {
            self.state.error(e);
        }
        self.state.messages.expire();
    }

    /// Puts an opened layer on top (`slot`: the session layer it was opened for).
    fn add_layer(&mut self, info: LayerInfo, slot: Option<usize>) {
        if let Some(bottom) = self.state.stack.bottom() {
            if let Some(reason) = bottom.info.crs_mismatch(&info) {
                // Reprojected once already: the map's CRS changed meanwhile, or GDAL wrote it differently.
                if info.reprojected.is_some() {
                    self.state.error(text::not_shown(&reason));
                    self.session_slot_failed(slot);
                    return;
                }
                let map = (*bottom.info).clone();
                self.state.info(text::reprojecting(&reason));
                match self.opener.reproject(info, map, slot) {
                    Ok(()) => self.state.opening += 1,
                    Err(e) => {
                        self.state.error(e);
                        self.session_slot_failed(slot);
                    }
                }
                return;
            }
        }
        let build = self.pyramid_if_needed(&info);
        let id = self.state.stack.push_top(Arc::new(info), build);
        self.update_wgs84_transform();
        self.session_slot_opened(slot, id);
    }

    /// A pyramid built in memory for a layer without usable overviews (and a message saying so), or coarse levels
    /// above the coarsest overview of a huge layer (from the cache when built before).
    fn pyramid_if_needed(&mut self, info: &LayerInfo) -> Option<Arc<PyramidBuild>> {
        if info.overviews.needs_own_pyramid() {
            self.state.info(text::no_overviews(&info.name));
            return Some(PyramidBuild::start(info.path.clone()));
        }
        let sizes = coarse_sizes_for(&info.meta);
        (!sizes.is_empty()).then(|| PyramidBuild::start_coarse(info.path.clone(), sizes))
    }

    /// Shows layer `id` at another CORINE level (`info`): the new layer takes its place, pane and class card.
    fn replace_layer(&mut self, id: u32, info: LayerInfo) {
        if !self.state.stack.layers.iter().any(|l| l.id == id) {
            return;
        }
        self.forget_layer(id);
        let build = self.pyramid_if_needed(&info);
        let Some(new_id) = self.state.stack.replace(id, Arc::new(info), build) else { return };
        if let Some(stack) = self.state.compare.stack_of.remove(&id) {
            self.state.compare.stack_of.insert(new_id, stack);
        }
        // Codes change meaning between levels: a card or a quiz of the old codes would be wrong.
        self.class_card = None;
        if self.state.quiz.as_ref().is_some_and(|q| q.layer_id == id) {
            self.end_quiz();
        }
    }

    pub(super) fn remove_layer(&mut self, id: u32) {
        self.forget_layer(id);
        self.state.stack.remove(id);
        self.update_wgs84_transform();
    }

    /// Drops what belongs to a layer about to leave the stack: its pyramid build, counts, tiles and errors.
    fn forget_layer(&mut self, id: u32) {
        if let Some(build) = self.state.stack.get_mut(id).and_then(|l| l.source.build.clone()) {
            build.cancel();
        }
        self.state.analysis.forget_layer(id);
        self.tiles.forget_layer(id);
        if let Some(rs) = &self.render_state {
            if let Some(renderer) = rs.renderer.write().callback_resources.get_mut::<crate::render::TileRenderer>() {
                renderer.release_layer(id, |texture| crate::pyramid::TileKey::layer_of_id(texture) == id & 0xFFFF);
            }
        }
    }

    /// Shows a CORINE layer at `level` (3, 2 or 1); the lookup VRT is made on the opener thread.
    pub fn set_clc_level(&mut self, id: u32, level: u8) {
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == id) else { return };
        let current = layer.info.generalised.as_ref().map_or(3, |g| g.level);
        if current == level {
            return;
        }
        let info = (*layer.info).clone();
        match self.opener.level(id, info, level) {
            Ok(()) => self.state.opening += 1,
            Err(e) => self.state.error(e),
        }
    }

    fn update_wgs84_transform(&mut self) {
        let Some(wkt) = self.state.stack.bottom().and_then(|l| l.info.meta.crs_wkt.clone()) else {
            self.state.to_wgs84 = None;
            return;
        };
        if self.state.to_wgs84.as_ref().is_some_and(|(w, _)| *w == wkt) {
            return;
        }
        self.state.to_wgs84 = Transformer::from_wkt_to_epsg(&wkt, WGS84_EPSG).ok().map(|t| (wkt, t));
    }

    /// The map extent pane A shows, in map units.
    pub(super) fn visible_extent(&self, ctx: &egui::Context) -> Option<[f64; 4]> {
        let camera = self.state.camera?;
        let pane = *self.pane_rects().first()?;
        Some(camera.visible_extent(map_view::px_size(pane, ctx.pixels_per_point() as f64)))
    }

    /// Fits the camera to all layers in a viewport of `size` physical pixels.
    pub(super) fn fit(&mut self, size: [f64; 2]) {
        if let Some(extent) = self.state.stack.extent() {
            self.state.camera = Some(Camera::fit(extent, size));
        }
    }
}

impl eframe::App for ViewerApp {
    /// Keeps the panels' sizes and the window's place for the next start.
    fn on_exit(&mut self) {
        if let Err(e) = self.state.settings.save() {
            eprintln!("clcplus-viewer: {}", text::settings_not_saved(&e));
        }
    }

    /// Takes what the worker threads finished since the last frame (called before `ui`, and while the window is
    /// hidden).
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.receive();
        self.receive_quiz(ctx);
        self.receive_figure(ctx);
        self.receive_zones(ctx);
        self.receive_labels(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.remember_layout(ui.ctx());
        let dropped = commands::dropped_files(ui.ctx());
        if !dropped.is_empty() {
            self.commands.push(Command::Open { paths: dropped, remember: true });
        }
        panels::quiz::quiz_keys(ui.ctx(), &self.state, &mut self.commands);
        panels::presentation::presentation_keys(ui.ctx(), &mut self.state, &mut self.commands);
        self.tour_keys(ui.ctx());
        self.labelling_keys(ui.ctx());
        self.fly(ui.ctx());
        // The quiz panel takes the legend's place: the legend would give the answers away.
        if self.presenting() {
            panels::presentation::presentation_bar(ui, &mut self.state, &mut self.commands);
        } else {
            panels::menu::menu_bar(ui, &mut self.state, &mut self.commands);
            panels::compare_bar::compare_bar(ui, &mut self.state, &mut self.commands);
            panels::status::status_bar(ui, &self.state, self.tiles.in_flight());
            panels::layers::layers_panel(ui, &mut self.state, &mut self.commands);
        }
        match (self.state.quiz.is_some(), self.presenting()) {
            (true, _) => panels::quiz::quiz_panel(ui, &self.state, &mut self.commands),
            (false, true) => panels::presentation::presentation_legend(ui, &mut self.state),
            (false, false) => panels::analysis::analysis_panel(ui, &mut self.state, &mut self.commands),
        }
        self.map_panel(ui);
        if let Some(card) = self.class_card {
            if !card.show(ui, &self.state) {
                self.class_card = None;
            }
        }
        self.figure.show(ui, &mut self.state.settings, &mut self.commands);
        self.open_url.show(ui, &mut self.commands);
        crate::ui::windows::bookmarks::show(ui, &mut self.state, &mut self.commands);
        self.run_commands(ui.ctx());
        // Tiles wake the window as they arrive; the rest is looked at now and then while busy. Once the view is
        // complete and counted, only a tile's retry or a message's end asks for another frame.
        if !self.is_idle() {
            ui.ctx().request_repaint_after(Duration::from_millis(30));
        }
        if let Some(at) = self.tiles.next_retry() {
            ui.ctx().request_repaint_after(at.saturating_duration_since(Instant::now()));
        }
        if let Some(left) = self.state.messages.next_expiry() {
            ui.ctx().request_repaint_after(left + Duration::from_millis(50));
        }
    }
}
