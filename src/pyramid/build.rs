//! The pyramid the viewer builds when a file has no usable overviews: nearest-neighbour levels (each level pixel is
//! the base pixel under its centre, so class codes are never blended), built on a background thread from base strips,
//! kept in RAM. Nothing is written beside the data file.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use super::levels::{built_bytes_per_px, level_sizes_to_build};
use crate::guard::catch_panic;
use crate::raster::{Pixels, RasterError, RasterFile};

/// One built level, row-major.
pub struct BuiltLevel {
    pub cols: usize,
    pub rows: usize,
    pub pixels: Pixels,
}

pub struct BuiltPyramid {
    pub levels: Vec<BuiltLevel>,
}

/// A pyramid under construction, shared between the builder thread and the viewer: the levels below the base of a
/// file without usable overviews, or the coarse levels above the coarsest overview of a huge one (`coarse`).
#[derive(Default)]
pub struct PyramidBuild {
    /// Rows read so far, in per mille of all rows to read.
    progress: AtomicU32,
    cancel: AtomicBool,
    result: OnceLock<Result<Arc<BuiltPyramid>, String>>,
    /// The sizes of coarse levels (see `coarse`); `None` for a pyramid below the base.
    coarse: Option<Vec<(usize, usize)>>,
}

/// Base rows read per strip: bounds the memory of a build to one strip beside the levels themselves.
const STRIP_ROWS: usize = 512;

impl PyramidBuild {
    /// Starts building the pyramid of `path` on a new thread.
    pub fn start(path: String) -> Arc<PyramidBuild> {
        let build = Arc::new(PyramidBuild::default());
        let worker = Arc::clone(&build);
        let spawned = std::thread::Builder::new().name("pyramid-build".into()).spawn(move || {
            let built = catch_panic("pyramid builder", || worker.run(&path).map_err(|e| e.to_string()));
            worker.finish(built.and_then(|b| b).map(Arc::new));
        });
        if let Err(e) = spawned {
            build.finish(Err(format!("cannot start the pyramid builder: {e}")));
        }
        build
    }

    /// A build of coarse levels of `sizes`, not started.
    pub(super) fn for_coarse(sizes: Vec<(usize, usize)>) -> PyramidBuild {
        PyramidBuild { coarse: Some(sizes), ..PyramidBuild::default() }
    }

    /// The sizes of the coarse levels, when this builds levels above the file's own rather than below its base.
    pub fn coarse_sizes(&self) -> Option<&[(usize, usize)]> {
        self.coarse.as_deref()
    }

    /// Progress 0.0 ..= 1.0.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }

    pub(super) fn set_progress(&self, done: f32) {
        self.progress.store((done.clamp(0.0, 1.0) * 1000.0) as u32, Ordering::Relaxed);
    }

    pub(super) fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The finished pyramid, or the error that stopped it; `None` while building.
    pub fn result(&self) -> Option<&Result<Arc<BuiltPyramid>, String>> {
        self.result.get()
    }

    /// Records the outcome of a build run elsewhere (see [`Self::run`]).
    pub fn finish(&self, result: Result<Arc<BuiltPyramid>, String>) {
        let _ = self.result.set(result);
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Builds synchronously (the builder thread's body; also used by the command line, which has no window to keep
    /// responsive).
    pub fn run(&self, path: &str) -> Result<BuiltPyramid, RasterError> {
        let file = RasterFile::open(path)?;
        let meta = file.meta()?;
        let (w, h) = meta.size;
        let sizes = level_sizes_to_build(meta.size, built_bytes_per_px(meta.dtype));
        let mut levels: Vec<BuiltLevel> = sizes
            .iter()
            .map(|&(cols, rows)| BuiltLevel {
                cols,
                rows,
                pixels: match meta.dtype {
                    crate::raster::DataType::Byte => Pixels::U8(vec![0; cols * rows]),
                    _ => Pixels::U16(vec![0; cols * rows]),
                },
            })
            .collect();
        let mut y0 = 0;
        while y0 < h {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(RasterError::Read { path: path.to_string(), reason: "pyramid build cancelled".into() });
            }
            let strip_h = STRIP_ROWS.min(h - y0);
            let strip = file.read_window(0, (0, y0), (w, strip_h))?;
            for level in levels.iter_mut() {
                sample_strip_into(level, &strip, (w, h), y0, strip_h);
            }
            y0 += strip_h;
            self.progress.store((y0 * 1000 / h) as u32, Ordering::Relaxed);
        }
        Ok(BuiltPyramid { levels })
    }
}

/// The base pixel under the centre of level pixel `i`, for a level of `n` pixels over a base of `base_n`.
fn source_index(i: usize, n: usize, base_n: usize) -> usize {
    (((i as f64 + 0.5) * base_n as f64 / n as f64).floor() as usize).min(base_n - 1)
}

/// Fills the rows of `level` whose source row lies in the strip of base rows `y0 .. y0 + strip_h`.
pub(super) fn sample_strip_into(
    level: &mut BuiltLevel,
    strip: &Pixels,
    base: (usize, usize),
    y0: usize,
    strip_h: usize,
) {
    let (cols, rows) = (level.cols, level.rows);
    let src_cols: Vec<usize> = (0..cols).map(|c| source_index(c, cols, base.0)).collect();
    for r in 0..rows {
        let sy = source_index(r, rows, base.1);
        if sy < y0 || sy >= y0 + strip_h {
            continue;
        }
        let src_row = (sy - y0) * base.0;
        let dst_row = r * cols;
        match (&mut level.pixels, strip) {
            (Pixels::U8(dst), Pixels::U8(src)) => {
                for (c, &sx) in src_cols.iter().enumerate() {
                    dst[dst_row + c] = src[src_row + sx];
                }
            }
            (Pixels::U16(dst), Pixels::U16(src)) => {
                for (c, &sx) in src_cols.iter().enumerate() {
                    dst[dst_row + c] = src[src_row + sx];
                }
            }
            _ => {}
        }
    }
}

impl BuiltPyramid {
    /// Copies a window of a built level, as a file read would return it.
    pub fn read_window(&self, level: usize, origin: (usize, usize), size: (usize, usize)) -> Option<Pixels> {
        let l = self.levels.get(level)?;
        if origin.0 + size.0 > l.cols || origin.1 + size.1 > l.rows {
            return None;
        }
        Some(l.pixels.crop(l.cols, origin, size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_sampling_takes_the_pixel_under_the_centre() {
        // Halving: level pixel i covers base pixels 2i and 2i+1; its centre lies on their border, and the pixel
        // right of (below) it is taken.
        assert_eq!(source_index(0, 5, 10), 1);
        assert_eq!(source_index(4, 5, 10), 9);
        // Rounded-up sizes never index past the base.
        assert_eq!(source_index(2, 3, 5), 4);
    }
}
