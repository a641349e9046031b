use serde::Serialize;

/// A window of a level, in that level's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PixelWindow {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

impl PixelWindow {
    pub fn pixels(&self) -> u64 {
        self.w as u64 * self.h as u64
    }
}

/// The pixels of a level whose centres fall inside `bbox` (xmin, ymin, xmax, ymax; edges included), for a level
/// of `size` pixels whose top-left corner is `origin` and whose pixels measure `pixel` (x, y, both positive).
/// `None` when no pixel centre is inside.
pub fn bbox_window(bbox: [f64; 4], origin: (f64, f64), pixel: (f64, f64), size: (usize, usize)) -> Option<PixelWindow> {
    // Pixel c has its centre at origin.x + (c + 0.5) * px: inside when xmin <= centre <= xmax.
    let c0 = ((bbox[0] - origin.0) / pixel.0 - 0.5).ceil().max(0.0);
    let c1 = ((bbox[2] - origin.0) / pixel.0 - 0.5).floor().min(size.0 as f64 - 1.0);
    let r0 = ((origin.1 - bbox[3]) / pixel.1 - 0.5).ceil().max(0.0);
    let r1 = ((origin.1 - bbox[1]) / pixel.1 - 0.5).floor().min(size.1 as f64 - 1.0);
    (c1 >= c0 && r1 >= r0).then(|| PixelWindow {
        x: c0 as usize,
        y: r0 as usize,
        w: (c1 - c0) as usize + 1,
        h: (r1 - r0) as usize + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_centres_inside_the_box() {
        let origin = (1000.0, 2000.0);
        let px = (10.0, 10.0);
        let size = (100, 100);
        // Exactly pixels 2..=4 x 1..=2: centres at 1025, 1035, 1045 and 1985, 1975.
        let w = bbox_window([1020.0, 1970.0, 1050.0, 1990.0], origin, px, size).expect("window");
        assert_eq!(w, PixelWindow { x: 2, y: 1, w: 3, h: 2 });
        // A box touching a centre includes it.
        let w = bbox_window([1025.0, 1975.0, 1025.0, 1975.0], origin, px, size).expect("window");
        assert_eq!(w, PixelWindow { x: 2, y: 2, w: 1, h: 1 });
        // Clipped to the raster; none when outside.
        let w = bbox_window([0.0, 0.0, 5000.0, 5000.0], origin, px, size).expect("window");
        assert_eq!(w, PixelWindow { x: 0, y: 0, w: 100, h: 100 });
        assert_eq!(bbox_window([0.0, 0.0, 10.0, 10.0], origin, px, size), None);
        assert_eq!(bbox_window([1021.0, 1971.0, 1024.0, 1974.0], origin, px, size), None, "no centre inside");
    }
}
