//! Saving the window as a session file and opening one: its layers through the opener, then, once all have
//! answered, their order, styles, comparison, camera, pinned points and bookmarks.

use super::ViewerApp;
use crate::product::PlannedLayer;
use crate::stats::{InspectResult, InspectValue};
use crate::text;
use crate::ui::compare::CompareMode;
use crate::ui::session::*;
use crate::view::{relative_to, Bookmark, CompareState, PinnedPoint, Session, SessionLayer, SessionZones};
use std::path::Path;

impl ViewerApp {
    /// Writes the current view as a session to `path`.
    pub fn save_session(&mut self, path: &Path) -> Result<(), String> {
        let session = self.session_of(path);
        session.write(path)?;
        self.state.settings.add_recent(&path.to_string_lossy());
        let _ = self.state.settings.save();
        Ok(())
    }

    /// The session of what the user sees, its paths relative to the folder of `path`.
    fn session_of(&self, path: &Path) -> Session {
        let dir = path.parent().unwrap_or(Path::new("."));
        let layers: Vec<&crate::view::MapLayer> =
            self.state.stack.layers.iter().filter(|l| l.pair().is_none()).collect();
        let pinned = self
            .state
            .analysis
            .pinned
            .iter()
            .map(|p| PinnedPoint {
                point: p.point,
                values: layers
                    .iter()
                    .map(|l| match p.values.iter().find(|v| v.layer_id == l.id).map(|v| &v.value) {
                        Some(Ok(v)) => *v,
                        _ => None,
                    })
                    .collect(),
            })
            .collect();
        let mut bookmarks = self.state.bookmarks.clone();
        for b in &mut bookmarks {
            b.visible.resize(layers.len(), true);
        }
        // Zones drawn on the map live in the window only; zone layers of files are kept.
        let zones = self
            .state
            .zones
            .layers
            .iter()
            .filter(|z| !z.path.as_os_str().is_empty())
            .map(|z| SessionZones {
                path: relative_to(dir, &z.path.to_string_lossy()),
                visible: z.visible,
                fill: z.fill,
                label_field: z.label_field.and_then(|f| z.fields.get(f).cloned()),
            })
            .collect();
        // Drawn zones are kept as their names and corners (the ring without its closing point).
        let drawn = self.state.zones.layers.iter().filter(|z| z.path.as_os_str().is_empty());
        let drawn_zones = drawn
            .flat_map(|z| z.features.iter().zip(&z.attributes))
            .filter_map(|(polygons, names)| {
                let ring = polygons.first()?.first()?;
                let corners = ring[..ring.len().saturating_sub(1)].iter().map(|&(x, y)| [x, y]).collect();
                Some((names.first().cloned().unwrap_or_default(), corners))
            })
            .collect();
        Session {
            layers: layers
                .iter()
                .map(|l| SessionLayer::of(l, dir, self.state.compare.stack_of(l), l.style()))
                .collect(),
            zones,
            drawn_zones,
            camera: self.state.camera,
            compare: self.compare_state(),
            pinned,
            bookmarks,
            ..Session::new()
        }
    }

    /// The comparison as a session keeps it.
    pub(super) fn compare_state(&self) -> CompareState {
        let c = &self.state.compare;
        CompareState {
            mode: mode_name(c.mode).into(),
            panes: c.panes,
            split: c.split,
            horizontal: c.horizontal,
            linked: c.linked,
        }
    }

    /// Sets the comparison from a session's (modes of another build are left off).
    pub(super) fn set_compare_state(&mut self, state: &CompareState) {
        let c = &mut self.state.compare;
        c.mode = mode_of(&state.mode).unwrap_or(CompareMode::Off);
        c.panes = state.panes.clamp(2, crate::ui::compare::MAX_PANES);
        c.split = state.split.clamp(0.0, 1.0);
        c.horizontal = state.horizontal;
        c.linked = state.linked;
    }

    /// Replaces the view with the session at `path`. A file that cannot be read or is not a session changes
    /// nothing and gives a message.
    pub fn open_session(&mut self, path: &Path) {
        let session = match Session::read(path) {
            Ok(s) => s,
            Err(e) => return self.state.error(e),
        };
        self.state.settings.add_recent(&path.to_string_lossy());
        let _ = self.state.settings.save();
        let ids: Vec<u32> = self.state.stack.layers.iter().map(|l| l.id).collect();
        for id in ids {
            self.remove_layer(id);
        }
        self.state.compare = Default::default();
        self.state.analysis.pinned.clear();
        self.state.bookmarks.clear();
        let zone_ids: Vec<u64> = self.state.zones.layers.iter().map(|z| z.id).collect();
        for id in zone_ids {
            self.close_zones(id);
        }
        // Zone layers open once the session's rasters give the map its CRS, then are drawn as the session says.
        let zone_paths = session.zone_paths(path);
        self.state.zones.waiting.extend(zone_paths.iter().cloned());
        self.state.zones.from_session = zone_paths.into_iter().zip(session.zones.iter().cloned()).collect();
        if !session.drawn_zones.is_empty() {
            self.state.zones.drawn = session.drawn_zones.len();
            self.add_drawn_zones(session.drawn_zones.clone(), false);
        }
        let planned: Vec<(usize, PlannedLayer)> = session
            .layer_paths(path)
            .into_iter()
            .enumerate()
            .map(|(slot, paths)| {
                let paths: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                (slot, PlannedLayer { paths, product: None })
            })
            .collect();
        self.state.fit_pending = session.camera.is_none();
        let n = planned.len();
        self.pending_session = Some(PendingSession { slots: vec![None; n], session });
        if n == 0 {
            return self.finish_session();
        }
        match self.opener.open_slots(planned) {
            Ok(()) => self.state.opening += n,
            Err(e) => {
                self.state.error(e);
                self.pending_session = None;
            }
        }
    }

    /// A session layer arrived as layer `id`: it is drawn as the session says.
    pub(super) fn session_slot_opened(&mut self, slot: Option<usize>, id: u32) {
        let Some((slot, pending)) = slot.zip(self.pending_session.as_mut()) else { return };
        let Some(entry) = pending.session.layers.get(slot).cloned() else { return };
        if let Some(s) = pending.slots.get_mut(slot) {
            *s = Some(Some(id));
        }
        if let Some(layer) = self.state.stack.get_mut(id) {
            if let Some(style) = entry.imported_style() {
                layer.restyle(style);
            }
            entry.apply(layer);
        }
        if entry.stack > 0 {
            self.state.compare.stack_of.insert(id, entry.stack);
        }
        self.finish_session_if_complete();
    }

    /// A session layer could not be opened (its message was shown): the rest opens without it.
    pub(super) fn session_slot_failed(&mut self, slot: Option<usize>) {
        let Some((slot, pending)) = slot.zip(self.pending_session.as_mut()) else { return };
        if let Some(s) = pending.slots.get_mut(slot) {
            *s = Some(None);
        }
        self.finish_session_if_complete();
    }

    fn finish_session_if_complete(&mut self) {
        if self.pending_session.as_ref().is_some_and(|p| p.slots.iter().all(|s| s.is_some())) {
            self.finish_session();
        }
    }

    /// Every layer has answered: the stack in the session's order, then the camera, comparison, pinned points,
    /// bookmarks and CORINE levels.
    fn finish_session(&mut self) {
        let Some(pending) = self.pending_session.take() else { return };
        let ids: Vec<Option<u32>> = pending.slots.iter().map(|s| s.flatten()).collect();
        let order: Vec<u32> = ids.iter().flatten().copied().collect();
        self.state.stack.layers.sort_by_key(|l| order.iter().position(|&id| id == l.id).unwrap_or(usize::MAX));
        let session = pending.session;
        if let Some(camera) = session.camera {
            self.state.camera = Some(camera);
            self.state.fit_pending = false;
        }
        self.set_compare_state(&session.compare);
        for p in &session.pinned {
            let values = ids
                .iter()
                .zip(&p.values)
                .filter_map(|(id, value)| {
                    let id = (*id)?;
                    let gt = self.state.stack.layers.iter().find(|l| l.id == id)?.info.meta.geo_transform_or_pixels();
                    let pixel =
                        (((p.point[0] - gt[0]) / gt[1]).floor() as i64, ((p.point[1] - gt[3]) / gt[5]).floor() as i64);
                    Some(InspectValue { layer_id: id, pixel, value: Ok(*value), bands: None })
                })
                .collect();
            self.state.analysis.pinned.push(InspectResult { point: p.point, values });
        }
        self.state.bookmarks = session.bookmarks;
        for (id, entry) in ids.iter().zip(&session.layers) {
            if let (Some(id), 1 | 2) = (id, entry.clc_level) {
                self.set_clc_level(*id, entry.clc_level);
            }
        }
        let missing = ids.iter().filter(|id| id.is_none()).count();
        if missing > 0 {
            self.state.warn(text::session_layers_missing(missing));
        }
    }

    /// A bookmark of what is shown now, named `name`.
    pub(super) fn bookmark_of(&self, name: String) -> Option<Bookmark> {
        let layers: Vec<&crate::view::MapLayer> =
            self.state.stack.layers.iter().filter(|l| l.pair().is_none()).collect();
        let highlight = layers.iter().enumerate().find_map(|(i, l)| l.filter().highlight.map(|code| (i, code)));
        Some(Bookmark {
            name,
            camera: self.state.camera?,
            visible: layers.iter().map(|l| l.visible).collect(),
            highlight,
            compare: self.compare_state(),
        })
    }
}
