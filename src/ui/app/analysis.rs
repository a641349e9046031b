//! Scheduling the counts of the view and of whole files on the stats workers, and the inspector's reads; taking
//! their answers. The results live in [`crate::ui::analysis::Analysis`].

use super::ViewerApp;
use crate::product::ValueKind;
use crate::pyramid::LevelSource;
use crate::raster::Aligned;
use crate::stats::{bbox_window, InspectRequest, InspectTarget, PixelWindow, StatsRequest};
use crate::ui::analysis::*;
use crate::view::{level_drawn, Camera, MapLayer};
use std::sync::Arc;
use std::time::Instant;

impl ViewerApp {
    /// Takes finished counts and inspector values.
    pub(super) fn receive_analysis(&mut self) {
        while let Some(done) = self.state.analysis.worker.try_recv() {
            let req = done.request;
            if req.generation < self.state.analysis.generation {
                continue;
            }
            let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == req.layer_id) else { continue };
            let pairs = req.pair_with.is_some();
            // One request per layer and kind: its answer, exact or approximate, ends the wait.
            self.state.analysis.view.outstanding(pairs).remove(&req.layer_id);
            match done.result {
                Ok(output) => self.state.analysis.view.store(layer, req.level, output),
                Err(e) => self.state.analysis.errors.push(e),
            }
        }
        while let Some(done) = self.state.analysis.file_worker.try_recv() {
            let req = done.request;
            if !self.state.analysis.file.outstanding(req.pair_with.is_some()).remove(&req.layer_id) {
                continue; // cancelled or closed meanwhile
            }
            let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == req.layer_id) else { continue };
            match done.result {
                Ok(output) => self.state.analysis.file.store(layer, req.level, output),
                Err(e) => {
                    self.state.analysis.file_failed.insert(req.layer_id);
                    self.state.analysis.errors.push(e);
                }
            }
        }
        if let Some(result) = self.state.analysis.reader.try_recv_latest() {
            self.state.analysis.inspected = Some(result);
        }
    }

    /// Schedules the counts of the view once the camera has rested, and asks the inspector for the hovered point.
    pub(super) fn schedule_analysis(&mut self, camera: Camera, size: [f64; 2], clicked: bool) {
        let layers = self.state.stack.layers.iter().filter(|l| l.visible);
        let ready = |l: &MapLayer| l.source.build.as_ref().is_none_or(|b| b.result().is_some());
        let key = StatsKey { camera, size, layers: layers.map(|l| (l.id, ready(l))).collect() };
        if self.state.analysis.requested.as_ref() != Some(&key) {
            if self.state.analysis.pending.as_ref().is_none_or(|(k, _)| *k != key) {
                self.state.analysis.pending = Some((key, Instant::now()));
                self.state.analysis.exact_view = false;
            }
        } else {
            self.state.analysis.pending = None;
        }
        // Counting yields to tile loading: it starts once the view's tiles are in.
        if let Some((key, since)) = self.state.analysis.pending.clone() {
            if since.elapsed() >= SETTLE && self.tiles.in_flight() == 0 {
                self.request_view_stats(&key);
                self.state.analysis.requested = Some(key);
                self.state.analysis.pending = None;
            }
        }
        if self.state.analysis.scope == Scope::File {
            self.request_file_stats();
        }
        match self.state.hover {
            Some(point) if self.state.analysis.sent_point != Some(point) => {
                let targets = self
                    .state
                    .stack
                    .layers
                    .iter()
                    .filter(|l| l.pair().is_none())
                    .map(|l| InspectTarget {
                        layer_id: l.id,
                        path: l.info.values_path().to_string(),
                        geo_transform: l.info.meta.geo_transform_or_pixels(),
                        bands: l.info.legend.kind == ValueKind::Imagery,
                    })
                    .collect();
                if self.state.analysis.reader.request(InspectRequest { point, targets }) {
                    self.state.analysis.sent_point = Some(point);
                }
            }
            _ => {}
        }
        if clicked {
            if let Some(r) = self.state.analysis.inspected.clone() {
                self.state.analysis.pinned.push(r);
            }
        }
    }

    /// Counts the whole base level of every visible layer not counted yet.
    fn request_file_stats(&mut self) {
        let a = &mut self.state.analysis;
        // Imagery holds colours, not classes: nothing to count.
        for layer in self.state.stack.layers.iter().filter(|l| l.visible && l.info.legend.kind != ValueKind::Imagery) {
            let id = layer.id;
            if a.file_cancelled.contains(&id) || a.file_failed.contains(&id) {
                continue;
            }
            let (cols, rows) = layer.info.meta.size;
            let request = |pair_with| StatsRequest {
                generation: 0,
                layer_id: id,
                path: layer.info.path.clone(),
                level: 0,
                window: PixelWindow { x: 0, y: 0, w: cols, h: rows },
                pair_with,
                pixels: None,
            };
            // A paired layer counts its pairs (the second file read as its tiles read it), exactly, and nothing else.
            if let Some(paired) = &layer.source.paired {
                let wanted = !a.file.cross.contains_key(&id) && !a.file.cross_outstanding.contains(&id);
                if wanted && a.file_worker.request(request(Some(paired.clone()))) {
                    a.file.cross_outstanding.insert(id);
                }
                continue;
            }
            if !a.file.stats.contains_key(&id)
                && !a.file.outstanding.contains(&id)
                && a.file_worker.request(request(None))
            {
                a.file.outstanding.insert(id);
            }
            let partner = confidence_partner(&self.state.stack, layer).map(|p| Aligned::as_is(p.info.path.as_str()));
            if let Some(partner) = partner {
                let wanted = !a.file.cross.contains_key(&id) && !a.file.cross_outstanding.contains(&id);
                if wanted && a.file_worker.request(request(Some(partner))) {
                    a.file.cross_outstanding.insert(id);
                }
            }
        }
    }

    /// Counts the view exactly (the legend's "Count exactly"): every layer and joint count from the base level.
    pub(super) fn count_view_exactly(&mut self) {
        self.state.analysis.exact_view = true;
        if let Some(key) = self.state.analysis.requested.clone() {
            self.request_view_stats(&key);
        }
    }

    /// Stops the view's exact count in progress; the approximate counts stay.
    pub(super) fn cancel_view_count(&mut self) {
        self.state.analysis.exact_view = false;
        self.state.analysis.worker.cancel_running();
        self.state.analysis.view.outstanding.clear();
        self.state.analysis.view.cross_outstanding.clear();
    }

    fn request_view_stats(&mut self, key: &StatsKey) {
        self.state.analysis.generation += 1;
        let generation = self.state.analysis.generation;
        self.state.analysis.worker.new_generation(generation);
        self.state.analysis.view.outstanding.clear();
        self.state.analysis.view.cross_outstanding.clear();
        self.state.analysis.view_capped = false;
        let exact = self.state.analysis.exact_view;
        let cap = self.state.exact_view_pixels();
        let view = key.camera.visible_extent(key.size);
        // Imagery holds colours, not classes: nothing to count.
        for layer in self.state.stack.layers.iter().filter(|l| l.visible && l.info.legend.kind != ValueKind::Imagery) {
            let gt = layer.info.meta.geo_transform_or_pixels();
            let window_at = |level: usize| -> Option<PixelWindow> {
                let l = layer.source.levels.get(level)?;
                bbox_window(view, (gt[0], gt[3]), l.pixel_size, (l.cols, l.rows))
            };
            let Some(base) = window_at(0) else {
                self.state.analysis.view.stats.remove(&layer.id);
                continue;
            };
            let request = |level, window| StatsRequest {
                generation,
                layer_id: layer.id,
                path: layer.info.path.clone(),
                level,
                window,
                pair_with: None,
                pixels: None,
            };
            let small = base.w * base.h <= cap;
            self.state.analysis.view_capped |= !small;
            let joint = |partner: Aligned| StatsRequest { pair_with: Some(partner), ..request(0, base) };
            // Joint counts are of the base level only: for a large view, only when asked.
            if let Some(paired) = &layer.source.paired {
                if (small || exact) && self.state.analysis.worker.request(joint(paired.clone())) {
                    self.state.analysis.view.cross_outstanding.insert(layer.id);
                }
                continue;
            }
            let counted = if small || exact {
                request(0, base)
            } else {
                // The level drawn: as many pixels as the screen shows, give or take a factor of four.
                let Some(drawn) = level_drawn(layer, key.camera.res, view) else { continue };
                match (layer.source.levels[drawn].source, window_at(drawn)) {
                    (LevelSource::File(_), Some(w)) => request(drawn, w),
                    (LevelSource::Built(i), Some(w)) => {
                        let built = layer.source.build.as_ref().and_then(|b| b.result()).and_then(|r| r.as_ref().ok());
                        match built.and_then(|p| p.read_window(i, (w.x, w.y), (w.w, w.h))) {
                            Some(pixels) => StatsRequest { pixels: Some(Arc::new(pixels)), ..request(drawn, w) },
                            None => continue,
                        }
                    }
                    (_, None) => continue,
                }
            };
            if self.state.analysis.worker.request(counted) {
                self.state.analysis.view.outstanding.insert(layer.id);
            }
            if let Some(partner) = confidence_partner(&self.state.stack, layer) {
                let pairs = joint(Aligned::as_is(partner.info.path.as_str()));
                if (small || exact) && self.state.analysis.worker.request(pairs) {
                    self.state.analysis.view.cross_outstanding.insert(layer.id);
                }
            }
        }
    }
}
