//! Comparison state: which pane each layer belongs to, the mode (side by side, swipe, spy glass, blink), the swipe
//! divider, and the cameras of unlinked panes. The map view draws from it; the keys and the toolbar change it.

use std::collections::HashMap;

use eframe::egui::{self, Key, Rect};

use crate::text;
use crate::view::{Camera, LayerStack, MapLayer};

/// Most panes side by side.
pub const MAX_PANES: usize = 4;
/// How far one arrow key press moves the swipe divider, as a fraction of the map.
pub const DIVIDER_STEP: f32 = 0.02;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareMode {
    /// One map of every layer.
    Off,
    /// 2 to 4 panes, pane k showing the layers of stack k.
    SideBySide,
    /// Stack B over stack A right of (or below) a divider.
    Swipe,
    /// Stack B inside a circle around the cursor.
    SpyGlass,
    /// Stack A and stack B in turn.
    Blink,
}

impl CompareMode {
    pub fn label(self) -> &'static str {
        match self {
            CompareMode::Off => text::MODE_OFF,
            CompareMode::SideBySide => text::MODE_SIDE_BY_SIDE,
            CompareMode::Swipe => text::MODE_SWIPE,
            CompareMode::SpyGlass => text::MODE_SPY_GLASS,
            CompareMode::Blink => text::MODE_BLINK,
        }
    }
}

pub struct Compare {
    pub mode: CompareMode,
    /// Panes in side-by-side mode, 2..=MAX_PANES.
    pub panes: usize,
    /// Stack of each layer: 0 is A, 1 is B, ... Layers not listed are in A.
    pub stack_of: HashMap<u32, usize>,
    /// Pan and zoom in one pane moves them all.
    pub linked: bool,
    /// Cameras of panes 1.. while unlinked (pane 0 uses the app's camera).
    pub cameras: Vec<Option<Camera>>,
    /// Swipe divider position, a fraction of the map's width (or height when `horizontal`).
    pub split: f32,
    pub horizontal: bool,
    /// Spy glass radius in points.
    pub radius: f32,
    /// Blink half-period in milliseconds.
    pub blink_ms: u64,
}

impl Default for Compare {
    fn default() -> Self {
        Compare {
            mode: CompareMode::Off,
            panes: 2,
            stack_of: HashMap::new(),
            linked: true,
            cameras: vec![None; MAX_PANES],
            split: 0.5,
            horizontal: false,
            radius: 120.0,
            blink_ms: 800,
        }
    }
}

/// The name of stack `k`: A, B, C, D.
pub fn stack_name(k: usize) -> char {
    (b'A' + k.min(25) as u8) as char
}

impl Compare {
    /// The stack a layer belongs to (0: A).
    pub fn stack_of(&self, layer: &MapLayer) -> usize {
        self.stack_of.get(&layer.id).copied().unwrap_or(0)
    }

    /// Whether side `side` (0: A, 1: B) of pane `pane` draws `layer`. Side by side, pane k draws stack k; in swipe,
    /// spy glass and blink side 1 draws every stack but A.
    pub fn draws(&self, pane: usize, side: usize, layer: &MapLayer) -> bool {
        let stack = self.stack_of(layer);
        match self.mode {
            CompareMode::Off => side == 0,
            CompareMode::SideBySide => side == 0 && stack == pane,
            _ => (stack == 0) == (side == 0),
        }
    }

    /// Enters `mode`. When stack B is empty and there are two layers or more, the top layer goes to B (as QGIS's map
    /// swipe swipes the selected layer). Returns a message when there is nothing to compare.
    pub fn enter(&mut self, mode: CompareMode, stack: &LayerStack) -> Option<String> {
        if mode == CompareMode::Off {
            self.mode = mode;
            return None;
        }
        if stack.layers.len() < 2 {
            return Some(text::COMPARE_NEEDS_TWO.into());
        }
        self.stack_of.retain(|id, _| stack.layers.iter().any(|l| l.id == *id));
        if !self.stack_of.values().any(|&s| s > 0) {
            if let Some(top) = stack.layers.first() {
                self.stack_of.insert(top.id, 1);
            }
        }
        self.mode = mode;
        None
    }

    /// The rectangles of the panes drawn in `map`: several side by side, else one.
    pub fn pane_rects(&self, map: Rect) -> Vec<Rect> {
        if self.mode != CompareMode::SideBySide {
            return vec![map];
        }
        let n = self.panes.clamp(2, MAX_PANES);
        let (cols, rows) = if n == 4 { (2, 2) } else { (n, 1) };
        let (w, h) = (map.width() / cols as f32, map.height() / rows as f32);
        (0..n)
            .map(|k| {
                let (c, r) = (k % cols, k / cols);
                let min = map.min + egui::vec2(c as f32 * w, r as f32 * h);
                // Whole points, so that panes meet without a gap or an overlap.
                Rect::from_min_max(min.round(), (min + egui::vec2(w, h)).round())
            })
            .collect()
    }

    /// The rectangle where stack B shows in swipe mode.
    pub fn swipe_b_rect(&self, map: Rect) -> Rect {
        let mut r = map;
        if self.horizontal {
            r.min.y = (map.min.y + map.height() * self.split).round();
        } else {
            r.min.x = (map.min.x + map.width() * self.split).round();
        }
        r
    }

    /// Mode keys (D, W, G, B, H, Esc) and, in swipe mode, the arrows across the divider, which move it instead of
    /// panning. Keys are consumed so the map does not act on them too.
    pub fn handle_keys(&mut self, ctx: &egui::Context, stack: &LayerStack) -> Option<String> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        let mut message = None;
        ctx.input_mut(|i| {
            let none = egui::Modifiers::NONE;
            for (key, mode) in [
                (Key::D, CompareMode::SideBySide),
                (Key::W, CompareMode::Swipe),
                (Key::G, CompareMode::SpyGlass),
                (Key::B, CompareMode::Blink),
            ] {
                if i.consume_key(none, key) {
                    let next = if self.mode == mode { CompareMode::Off } else { mode };
                    message = self.enter(next, stack);
                }
            }
            if self.mode != CompareMode::Off && i.consume_key(none, Key::Escape) {
                self.mode = CompareMode::Off;
            }
            if self.mode == CompareMode::Swipe {
                if i.consume_key(none, Key::H) {
                    self.horizontal = !self.horizontal;
                }
                let (back, forward) =
                    if self.horizontal { (Key::ArrowUp, Key::ArrowDown) } else { (Key::ArrowLeft, Key::ArrowRight) };
                for (key, step) in [(back, -DIVIDER_STEP), (forward, DIVIDER_STEP)] {
                    let step = if i.modifiers.shift { step / 10.0 } else { step };
                    if i.consume_key(i.modifiers, key) {
                        self.split = (self.split + step).clamp(0.0, 1.0);
                    }
                }
            }
        });
        message
    }

    /// The camera of pane `index`: the shared one while linked or for pane 0.
    pub fn camera_of(&self, index: usize, shared: Option<Camera>) -> Option<Camera> {
        if self.linked || index == 0 {
            return shared;
        }
        self.cameras.get(index).copied().flatten().or(shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_map_without_gaps() {
        let mut c = Compare { mode: CompareMode::SideBySide, panes: 3, ..Default::default() };
        let map = Rect::from_min_max(egui::pos2(10.0, 20.0), egui::pos2(910.0, 620.0));
        let r = c.pane_rects(map);
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].min.x, r[0].max.x, r[1].min.x, r[2].max.x), (10.0, 310.0, 310.0, 910.0));
        c.panes = 4;
        let r = c.pane_rects(map);
        assert_eq!((r[3].min, r[3].max), (egui::pos2(460.0, 320.0), egui::pos2(910.0, 620.0)));
        c.mode = CompareMode::Swipe;
        assert_eq!(c.pane_rects(map), vec![map]);
        assert_eq!(c.swipe_b_rect(map).min.x, 460.0);
    }
}
