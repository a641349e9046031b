/// What the map view shows: the map point at the centre of the viewport and the map units per physical pixel.
///
/// Screen coordinates are physical pixels from the viewport's top-left corner, y down; map y goes up. The centre of
/// pixel (i, j) is (i + 0.5, j + 0.5), which maps to x = cx + (i + 0.5 - W/2) * res, y = cy - (j + 0.5 - H/2) * res
/// (DESIGN.md "render").
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Camera {
    pub center: [f64; 2],
    pub res: f64,
}

/// Zoom limits, as map units per pixel relative to the finest layer's pixel: from 1/64 of a pixel (each data pixel
/// 64 screen pixels wide) out.
pub const MIN_RES_FACTOR: f64 = 1.0 / 64.0;

impl Camera {
    /// The camera showing all of `extent` (xmin, ymin, xmax, ymax) in a viewport of `size` pixels.
    pub fn fit(extent: [f64; 4], size: [f64; 2]) -> Camera {
        let (w, h) = ((extent[2] - extent[0]).max(f64::MIN_POSITIVE), (extent[3] - extent[1]).max(f64::MIN_POSITIVE));
        let res = (w / size[0].max(1.0)).max(h / size[1].max(1.0));
        Camera { center: [(extent[0] + extent[2]) / 2.0, (extent[1] + extent[3]) / 2.0], res }
    }

    pub fn screen_to_map(&self, size: [f64; 2], p: [f64; 2]) -> [f64; 2] {
        [self.center[0] + (p[0] - size[0] / 2.0) * self.res, self.center[1] - (p[1] - size[1] / 2.0) * self.res]
    }

    pub fn map_to_screen(&self, size: [f64; 2], m: [f64; 2]) -> [f64; 2] {
        [(m[0] - self.center[0]) / self.res + size[0] / 2.0, (self.center[1] - m[1]) / self.res + size[1] / 2.0]
    }

    /// The map extent (xmin, ymin, xmax, ymax) the viewport shows.
    pub fn visible_extent(&self, size: [f64; 2]) -> [f64; 4] {
        let (hw, hh) = (size[0] / 2.0 * self.res, size[1] / 2.0 * self.res);
        [self.center[0] - hw, self.center[1] - hh, self.center[0] + hw, self.center[1] + hh]
    }

    /// Moves the map with the pointer: a drag of (dx, dy) pixels.
    pub fn pan_pixels(&mut self, delta: [f64; 2]) {
        self.center[0] -= delta[0] * self.res;
        self.center[1] += delta[1] * self.res;
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the map point under `anchor` (screen pixels) where it is.
    pub fn zoom_about(&mut self, size: [f64; 2], anchor: [f64; 2], factor: f64, min_res: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let before = self.screen_to_map(size, anchor);
        self.res = (self.res / factor).max(min_res);
        let after = self.screen_to_map(size, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_centres_follow_the_render_convention() {
        let c = Camera { center: [1000.0, 2000.0], res: 10.0 };
        let size = [4.0, 2.0];
        // Pixel (0, 0): x = 1000 + (0.5 - 2) * 10 = 985, y = 2000 - (0.5 - 1) * 10 = 2005.
        assert_eq!(c.screen_to_map(size, [0.5, 0.5]), [985.0, 2005.0]);
        assert_eq!(c.map_to_screen(size, [985.0, 2005.0]), [0.5, 0.5]);
        assert_eq!(c.visible_extent(size), [980.0, 1990.0, 1020.0, 2010.0]);
    }

    #[test]
    fn zoom_keeps_the_anchor_and_fit_shows_all() {
        let mut c = Camera::fit([0.0, 0.0, 1000.0, 500.0], [100.0, 100.0]);
        assert_eq!(c.res, 10.0);
        let anchor = [20.0, 30.0];
        let before = c.screen_to_map([100.0, 100.0], anchor);
        c.zoom_about([100.0, 100.0], anchor, 2.0, 0.01);
        assert_eq!(c.res, 5.0);
        let after = c.screen_to_map([100.0, 100.0], anchor);
        assert!((before[0] - after[0]).abs() < 1e-9 && (before[1] - after[1]).abs() < 1e-9);
        c.zoom_about([100.0, 100.0], anchor, 1e9, 0.01);
        assert_eq!(c.res, 0.01, "zoom is clamped");
        let mut p = Camera { center: [0.0, 0.0], res: 2.0 };
        p.pan_pixels([10.0, 10.0]);
        assert_eq!(p.center, [-20.0, 20.0]);
    }
}
