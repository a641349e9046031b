//! The map: input (drag, wheel, pinch, keys), the frame plan, tile requests, the GPU paint callback and the scale bar.

use std::sync::Arc;

use eframe::egui::{self, Key, Pos2, Rect, Sense, Stroke, Vec2};
use eframe::egui_wgpu;

use super::ViewerApp;
use crate::figure::nice_length;
use crate::render::{MapCallback, TileRenderer};
use crate::text;
use crate::ui::compare::{stack_name, CompareMode};
use crate::ui::theme;
use crate::view::{plan_frame_where, Camera, Resident};

/// Pixels an arrow key pans.
const KEY_PAN_PX: f64 = 120.0;
/// Zoom factor of one +/- key press.
const KEY_ZOOM: f64 = 1.5;

impl ViewerApp {
    pub(super) fn map_panel(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().frame(egui::Frame::NONE.fill(theme::MAP_BACKGROUND)).show(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
            self.state.map_rect = Some(rect);
            let ppp = ui.ctx().pixels_per_point() as f64;
            if self.state.stack.is_empty() {
                self.state.camera = None;
                self.state.hover = None;
                self.state.compare.mode = CompareMode::Off;
                empty_hint(ui, rect);
                return;
            }
            if let Some(message) = self.state.compare.handle_keys(ui.ctx(), &self.state.stack) {
                self.state.warn(message);
            }
            // One frame for every pane: what one pane uses is never evicted for another.
            self.tiles.next_frame();
            let panes = self.state.compare.pane_rects(rect);
            if self.state.camera.is_none() || self.state.fit_pending {
                self.fit(px_size(panes[0], ppp));
                self.state.fit_pending = false;
            }
            let mut hover = None;
            let mut clicked = false;
            for (index, &pane) in panes.iter().enumerate() {
                let (h, c) = self.pane(ui, index, pane, ppp);
                hover = hover.or(h);
                clicked |= c;
            }
            self.state.hover = hover;
            if panes.len() > 1 {
                pane_separators(ui, rect, &panes);
                self.echo_cursor(ui, &panes, ppp);
            }
            if self.state.compare.mode == CompareMode::Swipe {
                self.swipe_divider(ui, rect);
            }
            // Ctrl+click (Cmd on a Mac) is the "learn" click: the class card of what is under the cursor, no pin.
            // The modifiers of the release event itself: Ctrl may be let go within the same frame.
            let learn = released_with(ui, |m| m.command);
            if clicked && learn && self.open_class_card_at_cursor() {
                clicked = false;
            }
            // A click on a zone selects it (Shift: adds it, or takes it out) instead of pinning a point.
            let shift = released_with(ui, |m| m.shift);
            if clicked && !learn && self.state.hover.is_some_and(|p| self.select_zone_at(p, shift)) {
                clicked = false;
            }
            if let Some(camera) = self.state.camera {
                self.schedule_analysis(camera, px_size(panes[0], ppp), clicked);
            }
        });
    }

    /// One map pane: its input, its frame plan and tile requests, and its paint callbacks. Returns the map point
    /// under the cursor (when over this pane) and whether the pane was clicked.
    fn pane(&mut self, ui: &mut egui::Ui, index: usize, rect: Rect, ppp: f64) -> (Option<[f64; 2]>, bool) {
        let size = px_size(rect, ppp);
        let response = ui.interact(rect, ui.scope_id().with(("map pane", index)), Sense::click_and_drag());
        let Some(before) = self.state.compare.camera_of(index, self.state.camera) else { return (None, false) };
        let mut camera = before;
        // A box selection or a zone being drawn takes the pointer: the map neither pans nor pins a point.
        let gesture = self.zone_gestures(ui, &response, rect, ppp, &before);
        // Keys act once a frame, through the first pane (linked panes follow it).
        if !gesture && response.dragged() {
            let d = response.drag_delta();
            camera.pan_pixels([d.x as f64 * ppp, d.y as f64 * ppp]);
        }
        self.handle_input(ui, &response, rect, ppp, &mut camera, index == 0);
        if camera != before {
            self.set_pane_camera(index, camera);
            self.generation += 1;
            self.tiles.set_generation(self.generation);
        }
        let hover_px = response.hover_pos().map(|p| to_px(p, rect, ppp));
        let painter = ui.painter().with_clip_rect(rect);
        let mode = self.state.compare.mode;
        let showing_b = mode == CompareMode::Blink && self.blink_shows_b(ui.ctx());
        // Side 0 is stack A (or the pane's own stack), side 1 stack B drawn over it.
        let mut building = Vec::new();
        if !showing_b {
            building = self.draw_side(&painter, (index, 0), rect, size, &camera, None);
        }
        match mode {
            CompareMode::Swipe => {
                let clip = painter.with_clip_rect(self.state.compare.swipe_b_rect(rect));
                self.draw_side(&clip, (index, 1), rect, size, &camera, None);
            }
            CompareMode::SpyGlass => {
                if let Some(p) = hover_px {
                    let circle = [p[0] as f32, p[1] as f32, self.state.compare.radius * ppp as f32];
                    self.draw_side(&painter, (index, 1), rect, size, &camera, Some(circle));
                    if let Some(pos) = response.hover_pos() {
                        let stroke = Stroke::new(1.5, theme::ON_MAP);
                        painter.circle_stroke(pos, self.state.compare.radius, stroke);
                    }
                }
            }
            CompareMode::Blink if showing_b => {
                self.draw_side(&painter, (index, 1), rect, size, &camera, None);
            }
            _ => {}
        }
        for (i, (id, progress)) in building.iter().enumerate() {
            let coarse = self.state.stack.layers.iter().find(|l| l.id == *id).and_then(|l| l.source.build.as_ref());
            let text = match coarse.and_then(|b| b.coarse_sizes()) {
                Some(_) => text::building_coarse_levels(progress * 100.0),
                None => text::building_pyramid(progress * 100.0),
            };
            let pos = rect.left_top() + Vec2::new(12.0, 12.0 + 20.0 * i as f32);
            painter.text(pos, egui::Align2::LEFT_TOP, text, egui::FontId::proportional(14.0), theme::ON_MAP);
        }
        self.draw_zone_overlays(&painter, index, rect, size, &camera);
        self.draw_zone_labels(&painter, rect, &camera, ppp);
        self.draw_sample_outline(&painter, rect, &camera, ppp);
        // Values of the top layer, so only on the single map, where that layer is the one seen.
        if self.presenting() && mode == CompareMode::Off {
            self.draw_pixel_labels(&painter, rect, &camera, ppp);
        }
        self.draw_quiz_mark(&painter, rect, &camera, ppp);
        self.pane_label(&painter, index, rect, showing_b);
        draw_scale_bar(&painter, rect, camera.res / ppp);
        (hover_px.map(|p| camera.screen_to_map(size, p)), response.clicked() && !gesture)
    }

    /// Plans and paints the layers of one side of a pane (`(pane, side)`, side 0: stack A or the pane's own, 1:
    /// stack B) into `painter`'s clip rectangle; returns the layers still building their pyramid.
    fn draw_side(
        &mut self,
        painter: &egui::Painter,
        (pane, side): (usize, usize),
        rect: Rect,
        size: [f64; 2],
        camera: &Camera,
        clip_circle: Option<[f32; 3]>,
    ) -> Vec<(u32, f32)> {
        let compare = &self.state.compare;
        // Tiles the GPU still holds are drawn even when the CPU cache has let them go.
        let renderer = self.render_state.as_ref().map(|rs| rs.renderer.read());
        let tile_renderer = renderer.as_ref().and_then(|r| r.callback_resources.get::<TileRenderer>());
        let on_gpu = |id: u64| tile_renderer.is_some_and(|t| t.has_tile(id));
        let mut resident = Resident { cache: &mut self.tiles.cache, on_gpu: &on_gpu };
        let mut plan = plan_frame_where(camera, size, &mut self.state.stack, &mut resident, self.generation, |l| {
            compare.draws(pane, side, l)
        });
        drop(renderer);
        // Stand-ins last: the loader serves the newest request first.
        self.tiles.request(plan.wanted.into_iter().chain(plan.stand_ins), self.generation);
        if self.state.gpu {
            plan.list.clip_circle = clip_circle;
            // One GPU view per pane and side: each keeps its own lookup tables and instance buffer.
            let view_id = (pane * 2 + side) as u64;
            let callback = MapCallback { view_id, list: Arc::new(plan.list) };
            painter.add(egui_wgpu::Callback::new_paint_callback(rect, callback));
        }
        plan.building
    }

    fn set_pane_camera(&mut self, index: usize, camera: Camera) {
        if self.state.compare.linked || index == 0 {
            self.state.camera = Some(camera);
        } else if let Some(c) = self.state.compare.cameras.get_mut(index) {
            *c = Some(camera);
        }
    }

    /// Which stack blink shows now.
    fn blink_shows_b(&self, ctx: &egui::Context) -> bool {
        let period = self.state.compare.blink_ms.max(100);
        let ms = (ctx.input(|i| i.time) * 1000.0) as u64;
        ctx.request_repaint_after(std::time::Duration::from_millis(period - ms % period));
        (ms / period) % 2 == 1
    }

    /// "A", "B", ... in the pane's corner while comparing.
    fn pane_label(&self, painter: &egui::Painter, index: usize, rect: Rect, showing_b: bool) {
        let text = match self.state.compare.mode {
            CompareMode::Off => return,
            CompareMode::SideBySide => stack_name(index).to_string(),
            CompareMode::Blink => text::pane_blink(stack_name(usize::from(showing_b))),
            CompareMode::Swipe => text::PANE_SWIPE.into(),
            CompareMode::SpyGlass => text::PANE_SPY_GLASS.into(),
        };
        let pos = rect.right_top() + Vec2::new(-10.0, 10.0);
        let galley = painter.layout_no_wrap(text, egui::FontId::proportional(16.0), theme::ON_MAP);
        let r = egui::Align2::RIGHT_TOP.anchor_size(pos, galley.size()).expand(4.0);
        painter.rect_filled(r, 3.0, theme::ON_MAP_BACKDROP);
        painter.galley(r.min + Vec2::splat(4.0), galley, theme::ON_MAP);
    }

    /// A crosshair at the cursor's map point in every pane.
    fn echo_cursor(&self, ui: &egui::Ui, panes: &[Rect], ppp: f64) {
        let Some(point) = self.state.hover else { return };
        for (index, &rect) in panes.iter().enumerate() {
            let Some(camera) = self.state.compare.camera_of(index, self.state.camera) else { continue };
            let pos = map_to_point(&camera, rect, ppp, point);
            if !rect.contains(pos) {
                continue;
            }
            let painter = ui.painter().with_clip_rect(rect);
            for (colour, width) in [(theme::ON_MAP_HALO, 3.0), (theme::ON_MAP, 1.0)] {
                let stroke = Stroke::new(width, colour);
                painter.line_segment([pos - Vec2::new(12.0, 0.0), pos + Vec2::new(12.0, 0.0)], stroke);
                painter.line_segment([pos - Vec2::new(0.0, 12.0), pos + Vec2::new(0.0, 12.0)], stroke);
            }
        }
    }

    /// The swipe divider: a line with a round handle, dragged with the mouse.
    fn swipe_divider(&mut self, ui: &mut egui::Ui, map: Rect) {
        let horizontal = self.state.compare.horizontal;
        let at = self.state.compare.swipe_b_rect(map).min;
        let (line, knob, grip) = if horizontal {
            let line = [egui::pos2(map.min.x, at.y), egui::pos2(map.max.x, at.y)];
            (line, egui::pos2(map.center().x, at.y), Vec2::new(map.width(), 12.0))
        } else {
            let line = [egui::pos2(at.x, map.min.y), egui::pos2(at.x, map.max.y)];
            (line, egui::pos2(at.x, map.center().y), Vec2::new(12.0, map.height()))
        };
        let grip = Rect::from_center_size(knob, grip);
        let response = ui.interact(grip, ui.scope_id().with("swipe divider"), Sense::drag());
        if response.dragged() {
            let d = response.drag_delta();
            let step = if horizontal { d.y / map.height() } else { d.x / map.width() };
            self.state.compare.split = (self.state.compare.split + step).clamp(0.0, 1.0);
        }
        let cursor = if horizontal { egui::CursorIcon::ResizeVertical } else { egui::CursorIcon::ResizeHorizontal };
        response.on_hover_cursor(cursor);
        let painter = ui.painter().with_clip_rect(map);
        painter.line_segment(line, Stroke::new(3.0, theme::ON_MAP_BACKDROP));
        painter.line_segment(line, Stroke::new(1.0, theme::ON_MAP));
        painter.circle(knob, 9.0, theme::ON_MAP, Stroke::new(1.5, theme::ON_MAP_HALO));
    }

    /// Zoom with the wheel or a pinch about the pointer; with `keys`, the arrow keys pan, + and - zoom, 0 fits, 1
    /// shows data pixels 1:1 and Z starts or stops drawing a zone.
    fn handle_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        rect: Rect,
        ppp: f64,
        camera: &mut Camera,
        keys: bool,
    ) {
        let size = px_size(rect, ppp);
        let min_res = self.state.stack.finest_res().unwrap_or(1.0) * crate::view::MIN_RES_FACTOR;
        if response.hovered() {
            let (scroll, zoom, pointer) =
                ui.ctx().input(|i| (i.smooth_scroll_delta.y, i.zoom_delta(), i.pointer.hover_pos()));
            if let Some(p) = pointer {
                let anchor = to_px(p, rect, ppp);
                let factor = (scroll as f64 * 0.0025).exp() * zoom as f64;
                if factor != 1.0 {
                    camera.zoom_about(size, anchor, factor, min_res);
                }
            }
        }
        if !keys || ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let centre = [size[0] / 2.0, size[1] / 2.0];
        ui.ctx().input(|i| {
            let pan = KEY_PAN_PX;
            for (key, d) in [
                (Key::ArrowLeft, [pan, 0.0]),
                (Key::ArrowRight, [-pan, 0.0]),
                (Key::ArrowUp, [0.0, pan]),
                (Key::ArrowDown, [0.0, -pan]),
            ] {
                if i.key_pressed(key) {
                    camera.pan_pixels(d);
                }
            }
            if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
                camera.zoom_about(size, centre, KEY_ZOOM, min_res);
            }
            if i.key_pressed(Key::Minus) {
                camera.zoom_about(size, centre, 1.0 / KEY_ZOOM, min_res);
            }
        });
        // Z starts or stops drawing a zone.
        if ui.ctx().input(|i| i.key_pressed(Key::Z) && i.modifiers.is_none()) && !self.state.stack.is_empty() {
            let drawing = &mut self.state.zones.drawing;
            *drawing = if drawing.is_some() { None } else { Some(Vec::new()) };
        }
        let (fit, one_to_one) = ui.ctx().input(|i| (i.key_pressed(Key::Num0), i.key_pressed(Key::Num1)));
        if fit {
            if let Some(extent) = self.state.stack.extent() {
                *camera = Camera::fit(extent, size);
            }
        }
        if one_to_one {
            if let Some(res) = self.state.stack.finest_res() {
                camera.res = res;
            }
        }
    }
}

/// A rectangle's size in physical pixels, rounded as egui rounds the paint callback's viewport.
pub(super) fn px_size(rect: Rect, ppp: f64) -> [f64; 2] {
    [
        ((rect.max.x as f64 * ppp).round() - (rect.min.x as f64 * ppp).round()).max(1.0),
        ((rect.max.y as f64 * ppp).round() - (rect.min.y as f64 * ppp).round()).max(1.0),
    ]
}

/// A point in points -> physical pixels from the map viewport's top-left corner (rounded as egui rounds it).
fn to_px(p: Pos2, rect: Rect, ppp: f64) -> [f64; 2] {
    [p.x as f64 * ppp - (rect.min.x as f64 * ppp).round(), p.y as f64 * ppp - (rect.min.y as f64 * ppp).round()]
}

/// The inverse of [`to_px`]: physical pixels from the viewport's top-left corner -> a point.
fn from_px(p: [f64; 2], rect: Rect, ppp: f64) -> Pos2 {
    egui::pos2(
        (((rect.min.x as f64 * ppp).round() + p[0]) / ppp) as f32,
        (((rect.min.y as f64 * ppp).round() + p[1]) / ppp) as f32,
    )
}

/// Where map point `m` lies on the screen, in points, for a pane drawn in `rect` with `camera`: for what is drawn
/// over the map (the echoed cursor, the quiz's ring, pixel values).
pub(super) fn map_to_point(camera: &Camera, rect: Rect, ppp: f64, m: [f64; 2]) -> Pos2 {
    from_px(camera.map_to_screen(px_size(rect, ppp), m), rect, ppp)
}

/// Lines between side-by-side panes (drawn on each pane's left and top edges inside the map).
fn pane_separators(ui: &egui::Ui, map: Rect, panes: &[Rect]) {
    let stroke = Stroke::new(2.0, theme::PANE_SEPARATOR);
    for pane in panes {
        if pane.min.x > map.min.x {
            ui.painter().vline(pane.min.x, pane.y_range(), stroke);
        }
        if pane.min.y > map.min.y {
            ui.painter().hline(pane.x_range(), pane.min.y, stroke);
        }
    }
}

fn empty_hint(ui: &egui::Ui, rect: Rect) {
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text::EMPTY_MAP_HINT,
        egui::FontId::proportional(18.0),
        theme::HINT,
    );
}

/// A scale bar in the bottom-left corner; `res_per_point` is map units per egui point.
fn draw_scale_bar(painter: &egui::Painter, rect: Rect, res_per_point: f64) {
    let Some((length, label)) = nice_length(150.0 * res_per_point) else { return };
    let width = (length / res_per_point) as f32;
    let start = rect.left_bottom() + Vec2::new(16.0, -18.0);
    let end = start + Vec2::new(width, 0.0);
    let back = Rect::from_min_max(start + Vec2::new(-6.0, -22.0), end + Vec2::new(6.0, 8.0));
    painter.rect_filled(back, 3.0, theme::ON_MAP_BACKDROP);
    let stroke = Stroke::new(2.0, theme::ON_MAP);
    painter.line_segment([start, end], stroke);
    painter.line_segment([start, start + Vec2::new(0.0, -6.0)], stroke);
    painter.line_segment([end, end + Vec2::new(0.0, -6.0)], stroke);
    painter.text(
        start + Vec2::new(width / 2.0, -8.0),
        egui::Align2::CENTER_BOTTOM,
        label,
        egui::FontId::proportional(13.0),
        theme::ON_MAP,
    );
}

/// Whether a modifier `held` is down, or was with the release of the mouse button this frame (the key may be let go
/// within the same frame).
fn released_with(ui: &egui::Ui, held: impl Fn(&egui::Modifiers) -> bool) -> bool {
    ui.input(|i| {
        held(&i.modifiers)
            || i.events
                .iter()
                .any(|e| matches!(e, egui::Event::PointerButton { pressed: false, modifiers, .. } if held(modifiers)))
    })
}
