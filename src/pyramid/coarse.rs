//! Levels above a raster's coarsest overview. A continent-sized mosaic (897 tiles, 300000 px a side) still has a
//! coarsest overview thousands of pixels wide, so a view of the whole of it would read millions of pixels from
//! hundreds of files every time. The viewer builds coarser levels once, in the background, by nearest-neighbour
//! sampling (class codes are never averaged), and keeps them in the user's cache folder, keyed by the files' paths,
//! sizes and modification times, so the next start reuses them. Nothing is ever written beside the data.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::build::{sample_strip_into, BuiltLevel, BuiltPyramid, PyramidBuild};
use super::tiles::TILE_PX;
use crate::raster::{Pixels, RasterError, RasterFile};

/// A raster whose coarsest level is wider or taller than this gets coarse levels: a whole-extent view on a 4K
/// screen never needs more.
pub const COARSE_ABOVE_PX: usize = 4096;

/// Overrides the cache folder (the tests point it at a temporary folder).
pub const CACHE_DIR_ENV: &str = "CLCPLUS_VIEWER_CACHE_DIR";

/// Output rows read per call while building: bounds each read and lets progress and cancel act.
const STRIP_ROWS: usize = 128;

/// Changes whenever the cache file's layout or the sampling changes, so old files are never misread.
const FORMAT: &str = "clcplus-viewer coarse levels 1\n";

/// The sizes of the coarse levels of a raster whose coarsest level is `coarsest`: halving (rounding up, as GDAL
/// does) down to one tile, keeping those at most [`COARSE_ABOVE_PX`] a side; none when `coarsest` is small enough.
pub fn coarse_sizes(coarsest: (usize, usize)) -> Vec<(usize, usize)> {
    let (mut w, mut h) = coarsest;
    let mut out = Vec::new();
    if w.max(h) <= COARSE_ABOVE_PX {
        return out;
    }
    while w.max(h) > TILE_PX {
        w = w.div_ceil(2);
        h = h.div_ceil(2);
        if w.max(h) <= COARSE_ABOVE_PX {
            out.push((w, h));
        }
    }
    out
}

/// The coarse levels a raster of `meta` needs, from its coarsest overview (or its base when it has none). Colour
/// imagery gets none: the levels hold codes of one band.
pub fn coarse_sizes_for(meta: &crate::raster::RasterMeta) -> Vec<(usize, usize)> {
    if meta.band_count >= 3 {
        return Vec::new();
    }
    coarse_sizes(meta.overviews.last().copied().unwrap_or(meta.size))
}

/// `$CLCPLUS_VIEWER_CACHE_DIR`, else the platform's cache folder (`~/.cache/clcplus-viewer` on Linux).
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("io.github", "clcplusviewer", "clcplus-viewer").map(|d| d.cache_dir().to_path_buf())
}

impl PyramidBuild {
    /// Starts building the coarse levels of `sizes` of the raster at `path` on a new thread (or loading them from
    /// the cache).
    pub fn start_coarse(path: String, sizes: Vec<(usize, usize)>) -> Arc<PyramidBuild> {
        let build = Arc::new(PyramidBuild::for_coarse(sizes));
        let worker = Arc::clone(&build);
        let spawned = std::thread::Builder::new().name("coarse-levels".into()).spawn(move || {
            let built = crate::guard::catch_panic("coarse level builder", || {
                worker.run_coarse(&path).map_err(|e| e.to_string())
            });
            worker.finish(built.and_then(|b| b).map(Arc::new));
        });
        if let Err(e) = spawned {
            build.finish(Err(format!("cannot start the coarse level builder: {e}")));
        }
        build
    }

    /// Builds (or loads) the coarse levels of `sizes` of the raster at `path` on this thread: for the command line,
    /// which has no window to keep responsive.
    pub fn build_coarse(path: &str, sizes: Vec<(usize, usize)>) -> Result<Arc<PyramidBuild>, RasterError> {
        let build = PyramidBuild::for_coarse(sizes);
        let levels = build.run_coarse(path)?;
        build.finish(Ok(Arc::new(levels)));
        Ok(Arc::new(build))
    }

    /// The coarse levels of `sizes` of the raster at `path` when the cache holds them.
    pub fn cached_coarse(path: &str, sizes: Vec<(usize, usize)>) -> Option<Arc<PyramidBuild>> {
        let file = cache_file(path, &sizes)?;
        let levels = load(&file, &sizes)?;
        let build = PyramidBuild::for_coarse(sizes);
        build.finish(Ok(Arc::new(BuiltPyramid { levels })));
        Some(Arc::new(build))
    }

    /// Builds (or loads) the coarse levels: the largest read from the raster in strips, resampled by GDAL (nearest,
    /// through the raster's best overview, as `gdal_translate -outsize` reads it), each smaller one sampled from it.
    fn run_coarse(&self, path: &str) -> Result<BuiltPyramid, RasterError> {
        let sizes = self.coarse_sizes().unwrap_or_default().to_vec();
        let cached = cache_file(path, &sizes);
        if let Some(levels) = cached.as_deref().and_then(|f| load(f, &sizes)) {
            return Ok(BuiltPyramid { levels });
        }
        let Some(&(w, h)) = sizes.first() else { return Ok(BuiltPyramid { levels: Vec::new() }) };
        let file = RasterFile::open(path)?;
        let mut strips = Vec::new();
        let mut row = 0;
        while row < h {
            if self.cancelled() {
                return Err(RasterError::Read { path: path.to_string(), reason: "coarse levels cancelled".into() });
            }
            let end = (row + STRIP_ROWS).min(h);
            strips.push(file.read_resampled_rows((w, h), (row, end))?);
            row = end;
            self.set_progress(row as f32 / h as f32);
        }
        let first = concat(strips);
        let mut levels = vec![BuiltLevel { cols: w, rows: h, pixels: first }];
        for &(cols, rows) in &sizes[1..] {
            let mut level = BuiltLevel { cols, rows, pixels: empty_like(&levels[0].pixels, cols * rows) };
            sample_strip_into(&mut level, &levels[0].pixels, (w, h), 0, h);
            levels.push(level);
        }
        // A cache that cannot be written only costs a rebuild next time.
        if let Some(f) = cached {
            let _ = save(&f, &levels);
        }
        Ok(BuiltPyramid { levels })
    }
}

fn concat(strips: Vec<Pixels>) -> Pixels {
    let mut strips = strips.into_iter();
    let Some(mut all) = strips.next() else { return Pixels::U8(Vec::new()) };
    for s in strips {
        match (&mut all, s) {
            (Pixels::U8(a), Pixels::U8(b)) => a.extend(b),
            (Pixels::U16(a), Pixels::U16(b)) => a.extend(b),
            (Pixels::F32(a), Pixels::F32(b)) => a.extend(b),
            (Pixels::Rgba(a), Pixels::Rgba(b)) => a.extend(b),
            _ => {}
        }
    }
    all
}

fn empty_like(p: &Pixels, n: usize) -> Pixels {
    match p {
        Pixels::U8(_) => Pixels::U8(vec![0; n]),
        Pixels::U16(_) => Pixels::U16(vec![0; n]),
        Pixels::F32(_) => Pixels::F32(vec![0.0; n]),
        Pixels::Rgba(_) => Pixels::Rgba(vec![0; n * 4]),
    }
}

/// The cache file of the coarse levels of `sizes` of the raster at `path`: named by a fingerprint of the files it
/// is read from (the raster itself and, for a VRT or mosaic, every source), with their sizes and modification
/// times, so a changed file gets new levels. `None` without a cache folder or when a file cannot be looked at.
fn cache_file(path: &str, sizes: &[(usize, usize)]) -> Option<PathBuf> {
    let mut files = RasterFile::open(path).ok()?.source_files();
    if !path.starts_with("/vsi") {
        files.push(path.to_string());
    }
    let mut key = Fnv::default();
    key.add(FORMAT.as_bytes());
    key.add(format!("{sizes:?}").as_bytes());
    for f in &files {
        let md = std::fs::metadata(f).ok()?;
        let modified = md.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        key.add(f.as_bytes());
        key.add(&md.len().to_le_bytes());
        key.add(&modified.as_nanos().to_le_bytes());
    }
    Some(cache_dir()?.join("coarse").join(format!("{:016x}.levels", key.0)))
}

/// 64-bit FNV-1a: a fingerprint that stays the same from one build of the viewer to the next.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Writes the levels: the format line, then per level its width, height (u32, little-endian), bytes per sample and
/// samples. Written to a temporary file and renamed, so a crash never leaves half a file.
fn save(path: &Path, levels: &[BuiltLevel]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    out.write_all(FORMAT.as_bytes())?;
    for l in levels {
        out.write_all(&(l.cols as u32).to_le_bytes())?;
        out.write_all(&(l.rows as u32).to_le_bytes())?;
        match &l.pixels {
            Pixels::U8(v) => {
                out.write_all(&[1])?;
                out.write_all(v)?;
            }
            Pixels::U16(v) => {
                out.write_all(&[2])?;
                for x in v {
                    out.write_all(&x.to_le_bytes())?;
                }
            }
            Pixels::F32(_) | Pixels::Rgba(_) => return Err(std::io::Error::other("only codes are cached")),
        }
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(tmp, path)
}

/// Reads levels written by [`save`], when they are the `sizes` expected and complete.
fn load(path: &Path, sizes: &[(usize, usize)]) -> Option<Vec<BuiltLevel>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path).ok()?.read_to_end(&mut bytes).ok()?;
    let mut rest = bytes.strip_prefix(FORMAT.as_bytes())?;
    let mut levels = Vec::new();
    for &(cols, rows) in sizes {
        let (head, tail) = rest.split_at_checked(9)?;
        let word = |i: usize| u32::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]) as usize;
        if (word(0), word(4)) != (cols, rows) {
            return None;
        }
        let n = cols * rows;
        let (pixels, tail) = match head[8] {
            1 => {
                let (data, tail) = tail.split_at_checked(n)?;
                (Pixels::U8(data.to_vec()), tail)
            }
            2 => {
                let (data, tail) = tail.split_at_checked(n * 2)?;
                (Pixels::U16(data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect()), tail)
            }
            _ => return None,
        };
        levels.push(BuiltLevel { cols, rows, pixels });
        rest = tail;
    }
    rest.is_empty().then_some(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_sizes_start_below_the_bound_and_end_at_one_tile() {
        assert!(coarse_sizes((10000, 10000)).first().is_some_and(|s| s.0 <= COARSE_ABOVE_PX));
        assert!(coarse_sizes((4096, 3000)).is_empty(), "small enough already");
        assert_eq!(coarse_sizes((4687, 4687)), vec![(2344, 2344), (1172, 1172), (586, 586), (293, 293)]);
        assert_eq!(coarse_sizes((37500, 20000)).first(), Some(&(2344, 1250)));
    }

    #[test]
    fn levels_survive_a_round_trip_through_the_cache_file_and_a_damaged_file_is_not_used() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.levels");
        let levels = vec![
            BuiltLevel { cols: 3, rows: 2, pixels: Pixels::U16(vec![1, 2, 3, 65535, 5, 6]) },
            BuiltLevel { cols: 2, rows: 1, pixels: Pixels::U16(vec![7, 8]) },
        ];
        save(&path, &levels).expect("saved");
        let back = load(&path, &[(3, 2), (2, 1)]).expect("loaded");
        assert_eq!(
            back.iter().map(|l| l.pixels.clone()).collect::<Vec<_>>(),
            vec![Pixels::U16(vec![1, 2, 3, 65535, 5, 6]), Pixels::U16(vec![7, 8])]
        );
        assert!(load(&path, &[(3, 2)]).is_none(), "other sizes than expected");
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("truncated");
        assert!(load(&path, &[(3, 2), (2, 1)]).is_none(), "a truncated file");
    }
}
