//! The status bar: messages, the cursor's position (map CRS, latitude and longitude, EEA tile), the scale, and
//! what is being opened, built or loaded.

use eframe::egui;

use crate::product::tile_grid::tile_id_at;
use crate::text;
use crate::ui::state::AppState;
use crate::ui::theme;

pub fn status_bar(ui: &mut egui::Ui, state: &AppState, loading_tiles: usize) {
    egui::Panel::bottom("status").show(ui, |ui| {
        for m in state.messages.iter() {
            ui.colored_label(theme::of_level(ui, m.level), &m.text);
        }
        ui.horizontal(|ui| {
            let epsg = state.stack.epsg();
            match state.hover {
                Some([x, y]) => {
                    let crs = epsg.map_or(text::MAP_CRS.to_string(), |e| format!("EPSG:{e}"));
                    ui.label(text::cursor_position(&crs, x, y));
                    if let Some((lon, lat)) = state.to_wgs84.as_ref().and_then(|(_, t)| t.transform(x, y)) {
                        ui.separator();
                        ui.label(text::lat_lon(lat, lon));
                    }
                    if let Some(tile) = tile_id_at(x, y, epsg) {
                        ui.separator();
                        ui.label(text::tile(&tile));
                    }
                }
                None => {
                    ui.label(text::MOVE_CURSOR);
                }
            }
            if let (Some(camera), Some(res)) = (state.camera, state.stack.finest_res()) {
                ui.separator();
                ui.label(text::scale(camera.res, camera.res / res));
            }
            for layer in &state.stack.layers {
                if let Some(build) = layer.source.build.as_ref().filter(|b| b.result().is_none()) {
                    ui.separator();
                    let tip = match build.coarse_sizes() {
                        Some(_) => text::building_coarse_levels_of(&layer.info.name),
                        None => text::building_pyramid_of(&layer.info.name),
                    };
                    ui.add(egui::ProgressBar::new(build.progress()).desired_width(120.0).show_percentage())
                        .on_hover_text(tip);
                }
            }
            if state.opening > 0 {
                ui.separator();
                ui.spinner();
                ui.label(text::opening_files(state.opening));
            }
            if loading_tiles > 0 {
                ui.separator();
                ui.spinner();
                ui.label(text::loading_tiles(loading_tiles));
            }
        });
    });
}
