//! The native window: its id, icon, size and position, and the app run in it.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::text;
use crate::ui::settings;

use super::ViewerApp;

/// The application id: the window's Wayland app id and X11 class, and the name of the desktop entry, metainfo and icon
/// in `packaging/`, so that the desktop matches the running window to its menu entry and icon.
pub const APP_ID: &str = "io.github.clcplusviewer.Viewer";

/// The window's icon: the packaged 256 px PNG, built into the binary so that the window has it wherever it runs
/// from (the desktop entry's icon is found through the icon theme, which a binary run from `target/` is not in).
pub fn window_icon() -> Option<eframe::egui::IconData> {
    const PNG: &[u8] =
        include_bytes!("../../../packaging/icons/hicolor/256x256/apps/io.github.clcplusviewer.Viewer.png");
    let mut reader = png::Decoder::new(std::io::Cursor::new(PNG)).read_info().ok()?;
    let mut rgba = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut rgba).ok()?;
    if (frame.color_type, frame.bit_depth) != (png::ColorType::Rgba, png::BitDepth::Eight) {
        return None;
    }
    rgba.truncate(frame.buffer_size());
    Some(eframe::egui::IconData { rgba, width: frame.width, height: frame.height })
}

/// Opens the window on `paths` (none: the bundled demo tile set) and runs until it is closed.
pub fn run(paths: Vec<PathBuf>) -> ExitCode {
    // Where the window was when it was last closed, else 1280 x 800.
    let window = settings::Settings::load().0.layout.window;
    let size = window.map_or([1280.0, 800.0], |w| [w[2].max(400.0), w[3].max(300.0)]);
    let viewport = eframe::egui::ViewportBuilder::default()
        .with_title(text::APP_TITLE)
        .with_app_id(APP_ID)
        .with_inner_size(size)
        .with_drag_and_drop(true);
    let viewport = match window {
        Some(w) => viewport.with_position([w[0], w[1]]),
        None => viewport,
    };
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    let options = match window_icon() {
        Some(icon) => eframe::NativeOptions { viewport: options.viewport.with_icon(icon), ..options },
        None => options,
    };
    let result =
        eframe::run_native(text::APP_TITLE, options, Box::new(move |cc| Ok(Box::new(ViewerApp::new(cc, paths)))));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clcplus-viewer: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
}
