//! Sessions: what the user sees, saved as a readable JSON file and opened again (File > Save session, Open session;
//! `clcplus-viewer SESSION.json`; `render --session`). A session names its layers by their files (relative to the
//! session file where they can be, so a folder of data and session moves as one) and keeps how each is drawn, the
//! camera, the comparison, pinned points and bookmarks. Only data here: the window and the command line turn it
//! into layers.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::camera::Camera;
use super::layers::MapLayer;
use super::lut::ClassFilter;
use crate::product::style::{Style, StyleEntry};

/// What the `format` field of every session says, so a session is told from other JSON.
pub const SESSION_FORMAT: &str = "clcplus-viewer session";
/// The layout version this build writes and reads.
pub const SESSION_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: String,
    pub version: u32,
    /// The layers, top first.
    pub layers: Vec<SessionLayer>,
    /// The view; `None`: fit every layer.
    pub camera: Option<Camera>,
    #[serde(default)]
    pub compare: CompareState,
    /// Points pinned on the map, with the values read there.
    #[serde(default)]
    pub pinned: Vec<PinnedPoint>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// Zone layers (vector files), bottom first.
    #[serde(default)]
    pub zones: Vec<SessionZones>,
    /// Zones drawn on the map: a name and the corners of the ring (map coordinates), each.
    #[serde(default)]
    pub drawn_zones: Vec<(String, Vec<[f64; 2]>)>,
}

/// One zone layer: its file and how it is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionZones {
    /// The vector file, relative to the session file where it can be.
    pub path: String,
    pub visible: bool,
    pub fill: bool,
    /// The field whose values label the zones.
    pub label_field: Option<String>,
}

impl Default for SessionZones {
    fn default() -> Self {
        SessionZones { path: String::new(), visible: true, fill: true, label_field: None }
    }
}

/// One layer: its files and how it is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionLayer {
    /// The file, or a mosaic's tiles; relative to the session file where they can be.
    pub paths: Vec<String>,
    pub visible: bool,
    pub opacity: f32,
    /// Codes drawn transparent.
    pub hidden: Vec<u32>,
    /// One code drawn as it is, every other dimmed.
    pub highlight: Option<u32>,
    /// Continuous layers: only codes in this range are drawn.
    pub range: Option<(u32, u32)>,
    /// Comparison stack: 0 is A, 1 is B, ...
    pub stack: usize,
    /// CORINE: the nomenclature level shown (3, 2 or 1).
    pub clc_level: u8,
    /// Colours and labels imported from a style file, when the layer was restyled.
    pub style: Option<Vec<StyledCode>>,
}

impl Default for SessionLayer {
    fn default() -> Self {
        SessionLayer {
            paths: Vec::new(),
            visible: true,
            opacity: 1.0,
            hidden: Vec::new(),
            highlight: None,
            range: None,
            stack: 0,
            clc_level: 3,
            style: None,
        }
    }
}

/// One code of an imported style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StyledCode {
    pub code: u32,
    pub rgba: [u8; 4],
    pub label: Option<String>,
}

/// How the map is compared: the mode's name, the panes, the swipe divider, whether the panes move together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompareState {
    /// "off", "side-by-side", "swipe", "spy-glass" or "blink".
    pub mode: String,
    pub panes: usize,
    pub split: f32,
    pub horizontal: bool,
    pub linked: bool,
}

impl Default for CompareState {
    fn default() -> Self {
        CompareState { mode: "off".into(), panes: 2, split: 0.5, horizontal: false, linked: true }
    }
}

/// A point pinned on the map and the base-level value of each layer there (per layer of the session, top first;
/// `None` outside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinnedPoint {
    pub point: [f64; 2],
    pub values: Vec<Option<f64>>,
}

/// A named view for teaching: the camera, which layers are visible, a highlighted class, the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub name: String,
    pub camera: Camera,
    /// Per layer of the session (top first), whether it is visible.
    pub visible: Vec<bool>,
    /// (layer index, code): the class highlighted in that layer.
    #[serde(default)]
    pub highlight: Option<(usize, u32)>,
    #[serde(default)]
    pub compare: CompareState,
}

impl Session {
    /// An empty session of this build's format.
    pub fn new() -> Session {
        Session {
            format: SESSION_FORMAT.into(),
            version: SESSION_VERSION,
            layers: Vec::new(),
            camera: None,
            compare: CompareState::default(),
            pinned: Vec::new(),
            bookmarks: Vec::new(),
            zones: Vec::new(),
            drawn_zones: Vec::new(),
        }
    }

    /// Reads a session file. `Err` names the file and says why it is not a session this build can open.
    pub fn read(path: &Path) -> Result<Session, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let session: Session = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a session file this viewer can read: {e}", path.display()))?;
        if session.format != SESSION_FORMAT || session.version > SESSION_VERSION {
            return Err(format!(
                "{}: not a session file this viewer can read (format \"{}\", version {})",
                path.display(),
                session.format,
                session.version
            ));
        }
        Ok(session)
    }

    /// Writes the session as indented JSON, through a temporary file so a crash never leaves half a file.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(|e| format!("{}: cannot write: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// The layers' files as paths to open: relative ones joined to the folder of `session_file`.
    pub fn layer_paths(&self, session_file: &Path) -> Vec<Vec<PathBuf>> {
        self.layers.iter().map(|l| l.paths.iter().map(|p| resolve(session_file, p)).collect()).collect()
    }

    /// The zone layers' files as paths to open, as [`Self::layer_paths`].
    pub fn zone_paths(&self, session_file: &Path) -> Vec<PathBuf> {
        self.zones.iter().map(|z| resolve(session_file, &z.path)).collect()
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl SessionLayer {
    /// How `layer` is drawn, its files written relative to `dir` where they can be.
    pub fn of(layer: &MapLayer, dir: &Path, stack: usize, style: Option<&Style>) -> SessionLayer {
        let info = &layer.info;
        let files: Vec<String> = match (&info.mosaic, &info.generalised) {
            (Some(m), _) => m.tiles.clone(),
            (None, Some(g)) => {
                g.full.mosaic.as_ref().map_or_else(|| vec![g.full.file_path().to_string()], |m| m.tiles.clone())
            }
            (None, None) => vec![info.file_path().to_string()],
        };
        let filter = layer.filter();
        SessionLayer {
            paths: files.iter().map(|f| relative_to(dir, f)).collect(),
            visible: layer.visible,
            opacity: layer.opacity,
            hidden: filter.hidden.iter().copied().collect(),
            highlight: filter.highlight,
            range: filter.range,
            stack,
            clc_level: info.generalised.as_ref().map_or(3, |g| g.level),
            style: style.map(|s| {
                s.entries.iter().map(|e| StyledCode { code: e.code, rgba: e.rgba, label: e.label.clone() }).collect()
            }),
        }
    }

    /// Draws `layer` as this entry says: visibility, opacity, class filter (the style is applied by the caller, as it
    /// changes the legend).
    pub fn apply(&self, layer: &mut MapLayer) {
        layer.visible = self.visible;
        layer.opacity = self.opacity.clamp(0.0, 1.0);
        layer.set_filter(ClassFilter {
            hidden: self.hidden.iter().copied().collect(),
            highlight: self.highlight,
            range: self.range,
        });
    }

    /// The imported style, as the style importer gives it.
    pub fn imported_style(&self) -> Option<Style> {
        let entries = self.style.as_ref()?;
        let entries =
            entries.iter().map(|e| StyleEntry { code: e.code, rgba: e.rgba, label: e.label.clone() }).collect();
        Some(Style { entries, interpolated: false })
    }
}

/// A path of a session: a relative one joined to the folder of `session_file`.
fn resolve(session_file: &Path, path: &str) -> PathBuf {
    let dir = session_file.parent().unwrap_or(Path::new("."));
    let p = Path::new(path);
    if p.is_absolute() || crate::raster::is_url(path) {
        p.to_path_buf()
    } else {
        dir.join(p)
    }
}

/// `path` relative to `dir` when it lies in it or beside it (`../data/x.tif`), else as it is (another disk, a URL).
pub fn relative_to(dir: &Path, path: &str) -> String {
    if crate::raster::is_url(path) || path.starts_with("/vsi") {
        return path.to_string();
    }
    let (Ok(dir), Ok(file)) = (std::path::absolute(dir), std::path::absolute(path)) else { return path.to_string() };
    let (d, f) = (normal(&dir), normal(&file));
    let common = d.iter().zip(&f).take_while(|(a, b)| a == b).count();
    // Only the root in common: another tree, kept absolute.
    if common <= 1 {
        return file.to_string_lossy().into_owned();
    }
    let mut out = PathBuf::new();
    for _ in common..d.len() {
        out.push("..");
    }
    for c in &f[common..] {
        out.push(c);
    }
    out.to_string_lossy().into_owned()
}

/// The components of a path, without `.`.
fn normal(p: &Path) -> Vec<Component<'_>> {
    p.components().filter(|c| *c != Component::CurDir).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_relative_to_the_session_where_they_can_be() {
        assert_eq!(relative_to(Path::new("/data/project"), "/data/project/tiles/a.tif"), "tiles/a.tif");
        assert_eq!(relative_to(Path::new("/data/project"), "/data/other/b.tif"), "../other/b.tif");
        assert_eq!(relative_to(Path::new("/home/me"), "/srv/c.tif"), "/srv/c.tif");
        assert_eq!(relative_to(Path::new("/x"), "https://h/d.tif"), "https://h/d.tif");
        let s = Session {
            layers: vec![SessionLayer { paths: vec!["tiles/a.tif".into(), "/srv/c.tif".into()], ..Default::default() }],
            ..Session::new()
        };
        let paths = s.layer_paths(Path::new("/data/project/s.json"));
        assert_eq!(paths, vec![vec![PathBuf::from("/data/project/tiles/a.tif"), PathBuf::from("/srv/c.tif")]]);
    }

    #[test]
    fn a_session_round_trips_through_json_and_other_json_is_refused() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("s.json");
        let mut s = Session::new();
        s.camera = Some(Camera { center: [4.45e6, 3.65e6], res: 10.0 });
        s.layers.push(SessionLayer {
            paths: vec!["a.tif".into()],
            hidden: vec![3, 7],
            opacity: 0.5,
            ..Default::default()
        });
        s.bookmarks.push(Bookmark {
            name: "Town".into(),
            camera: Camera { center: [1.0, 2.0], res: 5.0 },
            visible: vec![true],
            highlight: Some((0, 1)),
            compare: CompareState::default(),
        });
        s.write(&path).expect("written");
        assert_eq!(Session::read(&path).expect("read"), s);
        std::fs::write(&path, r#"{"format": "something else", "version": 1, "layers": []}"#).expect("written");
        assert!(Session::read(&path).unwrap_err().contains("not a session file"));
        std::fs::write(&path, "{ not json").expect("written");
        assert!(Session::read(&path).unwrap_err().contains("s.json"));
    }
}
