//! The eframe app: map view (camera, input), panels (layers), menus, status bar, settings.

mod analysis;
mod analysis_panel;
mod app;
mod change_panel;
mod class_card;
mod compare;
mod confidence_panel;
mod figure_export;
mod histogram;
mod map_view;
mod opener;
mod pair_views;
mod panels;
mod presentation;
mod qa_panel;
mod quiz;
pub mod settings;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::text;

pub use analysis_panel::pinned_csv;
pub use app::ViewerApp;

/// Opens the window on `paths` (none: the bundled demo tile set) and runs until it is closed.
pub fn run(paths: Vec<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(text::APP_TITLE)
            .with_app_id("io.github.clcplusviewer.Viewer")
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        ..Default::default()
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
