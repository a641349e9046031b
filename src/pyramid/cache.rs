use std::collections::HashMap;
use std::sync::Arc;

use super::loader::Tile;
use super::tiles::TileKey;

/// Loaded tiles in CPU memory, least recently used evicted first, under a byte budget. Tiles used in the current
/// frame are never evicted, so the budget can be exceeded by at most one screenful.
pub struct TileCache {
    tiles: HashMap<TileKey, (Arc<Tile>, u64)>,
    bytes: usize,
    budget: usize,
    frame: u64,
}

impl TileCache {
    pub fn new(budget_bytes: usize) -> TileCache {
        TileCache { tiles: HashMap::new(), bytes: 0, budget: budget_bytes, frame: 0 }
    }

    /// Starts a new frame: tiles touched from now on count as in use. Once per frame, for all views together.
    pub fn next_frame(&mut self) {
        self.frame += 1;
    }

    /// The current frame's number.
    pub fn frame(&self) -> u64 {
        self.frame
    }

    /// The tile, marked as used in this frame.
    pub fn get(&mut self, key: &TileKey) -> Option<Arc<Tile>> {
        let frame = self.frame;
        self.tiles.get_mut(key).map(|(t, used)| {
            *used = frame;
            Arc::clone(t)
        })
    }

    pub fn contains(&self, key: &TileKey) -> bool {
        self.tiles.contains_key(key)
    }

    pub fn insert(&mut self, key: TileKey, tile: Arc<Tile>) {
        self.bytes += tile.byte_len();
        if let Some((old, _)) = self.tiles.insert(key, (tile, self.frame)) {
            self.bytes -= old.byte_len();
        }
        self.evict();
    }

    /// Drops every tile of a layer (it was closed).
    pub fn remove_layer(&mut self, layer: u32) {
        let bytes = &mut self.bytes;
        self.tiles.retain(|k, (t, _)| {
            let keep = k.layer != layer;
            if !keep {
                *bytes -= t.byte_len();
            }
            keep
        });
    }

    fn evict(&mut self) {
        if self.bytes <= self.budget {
            return;
        }
        let mut by_age: Vec<(u64, TileKey)> =
            self.tiles.iter().filter(|(_, (_, used))| *used < self.frame).map(|(k, (_, used))| (*used, *k)).collect();
        by_age.sort_unstable();
        for (_, key) in by_age {
            if self.bytes <= self.budget {
                break;
            }
            if let Some((t, _)) = self.tiles.remove(&key) {
                self.bytes -= t.byte_len();
            }
        }
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn budget(&self) -> usize {
        self.budget
    }

    pub fn len(&self) -> usize {
        self.tiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tiles.is_empty()
    }
}
