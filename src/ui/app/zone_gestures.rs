//! Zones on the map: selecting them with a click or a box, drawing a zone of one's own, painting the layers over a
//! pane with their labels, and closing a layer.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::{self, Rect, Vec2};
use eframe::egui_wgpu;

use super::ViewerApp;
use crate::render::{DrawList, MapCallback, OverlayRenderer};
use crate::text;
use crate::ui::theme;
use crate::ui::zones::{ZoneLayer, DRAWN_LAYER};
use crate::view::{bounds_of, build_geometry, feature_at, polygon_touches_box, Camera};

/// At most this many labels a pane: more would be unreadable and slow.
const MAX_LABELS: usize = 400;

impl ViewerApp {
    /// Selects the zone under map point `p` (with `add`: adds it to the selection, or takes it out again); `false`
    /// when no visible zone lies there, so the click does what it does elsewhere.
    pub(super) fn select_zone_at(&mut self, p: [f64; 2], add: bool) -> bool {
        let hit = self
            .state
            .zones
            .layers
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, l)| l.visible)
            .find_map(|(li, l)| feature_at(&l.features, &l.bounds, (p[0], p[1])).map(|f| (li, f as u32)));
        let Some((li, f)) = hit else { return false };
        for (i, layer) in self.state.zones.layers.iter_mut().enumerate() {
            if i != li {
                layer.selected = Arc::new(Vec::new());
                continue;
            }
            let mut selected = if add { (*layer.selected).clone() } else { Vec::new() };
            match selected.iter().position(|&s| s == f) {
                Some(at) if add => {
                    selected.remove(at);
                }
                Some(_) => {}
                None => selected.push(f),
            }
            layer.selected = Arc::new(selected);
        }
        true
    }

    /// The map's zone gestures in pane `rect` seen through `camera`: Shift+drag selects the zones a box touches;
    /// while a zone is drawn, clicks add corners, a double-click or Enter closes it, Esc stops, and a drag draws a
    /// rectangle. Returns whether the gesture took the pointer (the map then neither pans nor pins).
    pub(super) fn zone_gestures(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        rect: Rect,
        ppp: f64,
        camera: &Camera,
    ) -> bool {
        let size = [rect.width() as f64 * ppp, rect.height() as f64 * ppp];
        let to_map = |pos: egui::Pos2| {
            let px = [((pos.x - rect.min.x) as f64) * ppp, ((pos.y - rect.min.y) as f64) * ppp];
            camera.screen_to_map(size, px)
        };
        let to_screen = |m: [f64; 2]| {
            let px = camera.map_to_screen(size, m);
            rect.min + Vec2::new((px[0] / ppp) as f32, (px[1] / ppp) as f32)
        };
        let drawing = self.state.zones.drawing.is_some();
        let shift = ui.input(|i| i.modifiers.shift);
        let boxing = drawing || (shift && self.state.zones.layers.iter().any(|l| l.visible));
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        if response.drag_started() && boxing {
            // Where the button went down: egui calls it a drag only once the pointer has moved a little.
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            self.state.zones.drag_start = origin.map(to_map);
        }
        let painter = ui.painter().with_clip_rect(rect);
        let stroke = egui::Stroke::new(2.0, theme::ZONE_DRAWING);
        if let (Some(start), Some(now)) = (self.state.zones.drag_start, pointer) {
            let (a, b) = (start, to_map(now));
            let bounds = [a[0].min(b[0]), a[1].min(b[1]), a[0].max(b[0]), a[1].max(b[1])];
            painter.rect_stroke(Rect::from_two_pos(to_screen(a), now), 0.0, stroke, egui::StrokeKind::Middle);
            if response.drag_stopped() {
                self.state.zones.drag_start = None;
                if drawing {
                    let corners = [
                        [bounds[0], bounds[1]],
                        [bounds[2], bounds[1]],
                        [bounds[2], bounds[3]],
                        [bounds[0], bounds[3]],
                    ];
                    self.state.zones.drawing = None;
                    self.add_drawn_zone(corners.to_vec());
                } else {
                    self.select_zones_in_box(bounds);
                }
            }
            return true;
        }
        if !drawing {
            return false;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
        if escape {
            self.state.zones.drawing = None;
            return true;
        }
        if response.double_clicked() || enter {
            let corners = self.state.zones.drawing.take().unwrap_or_default();
            if corners.len() >= 3 {
                self.add_drawn_zone(corners);
            }
            return true;
        }
        if response.clicked() {
            if let (Some(corners), Some(p)) = (self.state.zones.drawing.as_mut(), pointer) {
                corners.push(to_map(p));
            }
        }
        let corners = self.state.zones.drawing.as_deref().unwrap_or_default();
        let mut points: Vec<egui::Pos2> = corners.iter().map(|&c| to_screen(c)).collect();
        if let Some(p) = response.hover_pos() {
            points.push(p);
        }
        if points.len() >= 2 {
            painter.add(egui::Shape::line(points, stroke));
        }
        true
    }

    /// Selects the zones of the top visible layer that touch the box (map coordinates).
    fn select_zones_in_box(&mut self, bounds: [f64; 4]) {
        let hits = |l: &ZoneLayer| -> Vec<u32> {
            (0..l.features.len())
                .filter(|&i| {
                    l.bounds[i].is_some_and(|b| {
                        b[0] <= bounds[2] && bounds[0] <= b[2] && b[1] <= bounds[3] && bounds[1] <= b[3]
                    }) && l.features[i].iter().any(|rings| polygon_touches_box(rings, bounds))
                })
                .map(|i| i as u32)
                .collect()
        };
        let top = self.state.zones.layers.iter().rposition(|l| l.visible && !hits(l).is_empty());
        for (i, layer) in self.state.zones.layers.iter_mut().enumerate() {
            layer.selected = Arc::new(if Some(i) == top { hits(layer) } else { Vec::new() });
        }
    }

    /// Adds a zone drawn on the map (its corners, map coordinates) to the drawn-zones layer and selects it alone.
    fn add_drawn_zone(&mut self, corners: Vec<[f64; 2]>) {
        self.state.zones.drawn += 1;
        let name = text::drawn_zone(self.state.zones.drawn);
        for layer in &mut self.state.zones.layers {
            layer.selected = Arc::new(Vec::new());
        }
        self.add_drawn_zones(vec![(name, corners)], true);
    }

    /// Adds zones (a name and the corners of one ring each, map coordinates) to the in-memory layer of drawn zones,
    /// made anew (its geometry changes), with the last one selected when `select_last`.
    pub(super) fn add_drawn_zones(&mut self, zones: Vec<(String, Vec<[f64; 2]>)>, select_last: bool) {
        let layers = &mut self.state.zones.layers;
        let (mut features, mut attributes) =
            match layers.iter().position(|l| l.name == DRAWN_LAYER && l.path.as_os_str().is_empty()) {
                Some(at) => {
                    let old = layers.remove(at);
                    self.release_overlay(old.id);
                    ((*old.features).clone(), old.attributes)
                }
                None => (Vec::new(), Vec::new()),
            };
        for (name, corners) in zones {
            let mut ring: Vec<(f64, f64)> = corners.iter().map(|c| (c[0], c[1])).collect();
            if let Some(&first) = ring.first() {
                ring.push(first);
            }
            features.push(vec![vec![ring]]);
            attributes.push(vec![name]);
        }
        self.zone_jobs.next_id += 1;
        let selected = Arc::new(if select_last { vec![features.len() as u32 - 1] } else { Vec::new() });
        let bounds = features.iter().map(|f| bounds_of(f.iter().flatten().flatten())).collect();
        self.state.zones.layers.push(ZoneLayer {
            id: self.zone_jobs.next_id,
            path: PathBuf::new(),
            name: DRAWN_LAYER.into(),
            fields: vec!["name".into()],
            attributes,
            geometry: Arc::new(build_geometry(&features)),
            features: Arc::new(features),
            bounds,
            visible: true,
            fill: true,
            label_field: Some(0),
            selected,
        });
    }

    /// Selects every zone of layer `id` (and none of the others).
    pub(super) fn select_all_zones(&mut self, id: u64) {
        for layer in &mut self.state.zones.layers {
            let all = if layer.id == id { (0..layer.features.len() as u32).collect() } else { Vec::new() };
            layer.selected = Arc::new(all);
        }
    }

    /// Closes a zone layer and frees its GPU copy.
    pub(super) fn close_zones(&mut self, id: u64) {
        self.state.zones.layers.retain(|l| l.id != id);
        self.release_overlay(id);
    }

    /// Frees the GPU copy of an overlay.
    fn release_overlay(&self, id: u64) {
        if let Some(rs) = &self.render_state {
            if let Some(overlays) = rs.renderer.write().callback_resources.get_mut::<OverlayRenderer>() {
                overlays.release(id);
            }
        }
    }

    /// Paints the visible zone layers over pane `index` (after all its layers, so a swipe's second stack does not
    /// cover them).
    pub(super) fn draw_zone_overlays(
        &self,
        painter: &egui::Painter,
        index: usize,
        rect: Rect,
        size: [f64; 2],
        camera: &Camera,
    ) {
        let overlays: Vec<_> =
            self.state.zones.layers.iter().filter(|l| l.visible).map(|l| l.draw(camera, size)).collect();
        if overlays.is_empty() || !self.state.gpu {
            return;
        }
        let list = DrawList { viewport: [size[0] as f32, size[1] as f32], overlays, ..Default::default() };
        // Views 0..2n are the panes' sides; overlays have views of their own.
        let callback = MapCallback { view_id: 1000 + index as u64, list: Arc::new(list) };
        painter.add(egui_wgpu::Callback::new_paint_callback(rect, callback));
    }

    /// Writes the label field's value on each zone of the visible layers wide enough on screen to hold it.
    pub(super) fn draw_zone_labels(&self, painter: &egui::Painter, rect: Rect, camera: &Camera, ppp: f64) {
        let size = [rect.width() as f64 * ppp, rect.height() as f64 * ppp];
        let view = camera.visible_extent(size);
        let mut drawn = 0;
        for layer in self.state.zones.layers.iter().filter(|l| l.visible && l.label_field.is_some()) {
            for (i, bounds) in layer.bounds.iter().enumerate() {
                let Some(b) = bounds else { continue };
                if b[2] < view[0] || b[0] > view[2] || b[3] < view[1] || b[1] > view[3] {
                    continue;
                }
                if drawn >= MAX_LABELS {
                    return;
                }
                // A zone no wider than the label's margin holds no label: no text laid out for it (zoomed out, that
                // is nearly every zone of a large layer, every frame).
                let width = ((b[2] - b[0]) / camera.res / ppp) as f32;
                if width <= 8.0 {
                    continue;
                }
                let name = layer.zone_name(i);
                let galley = painter.layout_no_wrap(name, egui::FontId::proportional(13.0), theme::ON_MAP);
                if galley.size().x + 8.0 > width {
                    continue;
                }
                let centre = camera.map_to_screen(size, [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]);
                let pos = rect.min + Vec2::new((centre[0] / ppp) as f32, (centre[1] / ppp) as f32);
                let r = Rect::from_center_size(pos, galley.size()).expand(2.0);
                painter.rect_filled(r, 2.0, theme::ON_MAP_BACKDROP);
                painter.galley(r.min + Vec2::splat(2.0), galley, theme::ON_MAP);
                drawn += 1;
            }
        }
    }
}
