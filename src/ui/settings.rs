//! Settings that survive restarts (recent files, GPU budget), as JSON in the platform config folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Overrides the config folder; the tests point it at a temporary folder so they never touch the user's settings.
pub const CONFIG_DIR_ENV: &str = "CLCPLUS_VIEWER_CONFIG_DIR";
const FILE_NAME: &str = "settings.json";
const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent_files: Vec<String>,
    /// Budget of GPU tile textures, in MiB.
    pub gpu_budget_mib: usize,
    /// Budget of decoded tiles kept in RAM, in MiB.
    pub cpu_cache_mib: usize,
    /// Size of exported figures, in pixels.
    pub figure_size: (u32, u32),
    /// The most full-resolution pixels, in millions, that the view's live counts read exactly; a larger view is
    /// counted on an overview (approximate) until "Count exactly". 25 takes about 0.3 s on two cores.
    pub exact_view_mpx: usize,
    /// The side panels and the window, as the user left them.
    pub layout: Layout,
}

/// Where the user left the panels and the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    /// Outer width of the layers panel (left) and of the analysis panel (right), in points.
    pub layers_width: f32,
    pub analysis_width: f32,
    /// Whether each side panel is shown (F9 and F10 hide and show them).
    pub layers_open: bool,
    pub analysis_open: bool,
    /// The window's outer position and inner size, in points, when it was last closed.
    pub window: Option<[f32; 4]>,
}

impl Default for Layout {
    /// About a fifth of a 1280 px window each (the legend's names want a little more than the layer list), so the
    /// map gets the rest.
    fn default() -> Self {
        Layout { layers_width: 224.0, analysis_width: 320.0, layers_open: true, analysis_open: true, window: None }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            gpu_budget_mib: 512,
            cpu_cache_mib: 256,
            figure_size: (1920, 1080),
            exact_view_mpx: 25,
            layout: Layout::default(),
        }
    }
}

/// `$CLCPLUS_VIEWER_CONFIG_DIR`, else the platform's config folder (`~/.config/clcplus-viewer` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("io.github", "clcplusviewer", "clcplus-viewer").map(|d| d.config_dir().to_path_buf())
}

impl Settings {
    /// The saved settings, or the defaults when there are none or they cannot be read (the reason is returned too).
    pub fn load() -> (Settings, Option<String>) {
        let Some(path) = config_dir().map(|d| d.join(FILE_NAME)) else { return (Settings::default(), None) };
        match std::fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(s) => (s, None),
                Err(e) => (
                    Settings::default(),
                    Some(crate::text::settings_ignored(&path.display().to_string(), &e.to_string())),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (Settings::default(), Some(format!("{}: {e}", path.display()))),
        }
    }

    /// Writes atomically: a temporary file beside the settings, then a rename, so a crash never leaves half a file.
    pub fn save(&self) -> Result<(), String> {
        let dir = config_dir().ok_or(crate::text::NO_CONFIG_FOLDER)?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        write_atomically(&dir.join(FILE_NAME), text.as_bytes())
    }

    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &str) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_string());
        self.recent_files.truncate(MAX_RECENT);
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}
