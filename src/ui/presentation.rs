//! Presentation mode (F11), for a classroom: full screen, a larger UI, the map with a big legend of only the classes
//! in view, number keys that highlight a class, and each pixel's value written on it once pixels are large.

use eframe::egui::{self, Color32, Key, RichText};

use super::app::ViewerApp;
use super::command::Command;
use super::map_view::{map_to_point, px_size};
use crate::pyramid::{TileKey, TILE_PX};
use crate::stats::ClassRow;
use crate::text;
use crate::view::{Camera, MapLayer};

/// How much larger the UI is while presenting.
pub const PRESENTATION_ZOOM: f32 = 1.5;
/// Pixel values are written on the map once a data pixel is at least this many points wide.
const LABEL_MIN_POINTS: f64 = 40.0;
/// The number keys, in the order of the big legend's rows.
const NUMBER_KEYS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

#[derive(Default)]
pub struct Presentation {
    pub on: bool,
    /// The UI zoom before presenting, restored after.
    zoom_before: f32,
}

impl ViewerApp {
    pub fn presenting(&self) -> bool {
        self.state.presentation.on
    }

    /// Enters or leaves presentation mode: full screen and a larger UI, or the window as it was.
    pub fn set_presenting(&mut self, ctx: &egui::Context, on: bool) {
        if on == self.state.presentation.on {
            return;
        }
        if on {
            self.state.presentation.zoom_before = ctx.zoom_factor();
            ctx.set_zoom_factor(self.state.presentation.zoom_before * PRESENTATION_ZOOM);
        } else {
            ctx.set_zoom_factor(self.state.presentation.zoom_before);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        self.state.presentation.on = on;
    }

    /// F11 toggles presentation mode, Esc leaves it (when no comparison is on, which Esc leaves first); while
    /// presenting, 1 to 9 highlight the class of that row of the big legend (again: clear) and 0 clears.
    pub(super) fn presentation_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let none = egui::Modifiers::NONE;
        if ctx.input_mut(|i| i.consume_key(none, Key::F11)) {
            self.commands.push(Command::SetPresenting(!self.state.presentation.on));
        }
        // The quiz owns the number keys while it runs.
        if !self.state.presentation.on || self.state.quiz.is_some() {
            return;
        }
        if self.state.compare.mode == super::compare::CompareMode::Off
            && ctx.input_mut(|i| i.consume_key(none, Key::Escape))
        {
            self.commands.push(Command::SetPresenting(false));
            return;
        }
        let pressed = NUMBER_KEYS.iter().position(|&k| ctx.input_mut(|i| i.consume_key(none, k)));
        let clear = ctx.input_mut(|i| i.consume_key(none, Key::Num0));
        let Some(layer_id) = self.legend_layer().map(|l| l.id) else { return };
        let rows = self.classes_in_view(layer_id);
        let Some(layer) = self.state.stack.get_mut(layer_id) else { return };
        if clear {
            layer.set_highlight(None);
        } else if let Some(row) = pressed.and_then(|k| rows.get(k)) {
            let again = layer.filter().highlight == Some(row.value);
            layer.set_highlight(if again { None } else { Some(row.value) });
        }
    }

    /// The layer the big legend describes: the top visible class layer drawn from one file.
    pub(super) fn legend_layer(&self) -> Option<&MapLayer> {
        self.state.stack.layers.iter().find(|l| l.visible && l.pair().is_none() && l.info.is_categorical())
    }

    /// The land-cover classes with pixels in view, in code order, from the view's counts.
    fn classes_in_view(&self, layer_id: u32) -> Vec<ClassRow> {
        let Some(stats) = self.state.analysis.view.stats.get(&layer_id) else { return Vec::new() };
        stats.table.rows.iter().filter(|r| !r.technical && r.count > 0).cloned().collect()
    }

    /// The thin bar on top while presenting: what is shown, and the way out.
    pub(super) fn presentation_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("presentation_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button(text::LEAVE_PRESENTATION).clicked() {
                    self.commands.push(Command::SetPresenting(false));
                }
                if self.state.quiz.is_none() && ui.button(text::QUIZ).clicked() {
                    self.commands.push(Command::StartQuiz);
                }
                if let Some(layer) = self.legend_layer() {
                    ui.heading(layer.title());
                }
            });
        });
    }

    /// The big legend: the classes in view with their colour, name, share and number key.
    pub(super) fn presentation_legend(&mut self, ui: &mut egui::Ui) {
        let Some(layer) = self.legend_layer() else { return };
        let (layer_id, legend, highlight) = (layer.id, layer.info.legend.clone(), layer.filter().highlight);
        let rows = self.classes_in_view(layer_id);
        let mapped: u64 = rows.iter().map(|r| r.count).sum();
        let mut clicked = None;
        // A narrow column: a classroom looks at the map, which keeps at least 70 % of the screen.
        let width = (ui.ctx().content_rect().width() * 0.25).clamp(180.0, 420.0);
        egui::Panel::right("presentation_legend").resizable(false).exact_size(width).show(ui, |ui| {
            ui.add_space(8.0);
            ui.label(RichText::new(text::CLASSES_IN_VIEW).size(22.0).strong());
            ui.add_space(6.0);
            if rows.is_empty() {
                ui.label(text::COUNTING_CAPITAL);
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (i, row) in rows.iter().enumerate() {
                    let [r, g, b, _] = legend.colour_of(row.value);
                    let dimmed = highlight.is_some_and(|h| h != row.value);
                    ui.horizontal(|ui| {
                        let key = if i < NUMBER_KEYS.len() { format!("{}", i + 1) } else { String::new() };
                        ui.add_sized([16.0, 24.0], egui::Label::new(RichText::new(key).size(18.0).monospace().weak()));
                        let (swatch, _) = ui.allocate_exact_size(egui::vec2(36.0, 24.0), egui::Sense::hover());
                        ui.painter().rect_filled(swatch, 3.0, Color32::from_rgb(r, g, b));
                        let share = row.count as f64 / mapped.max(1) as f64 * 100.0;
                        let share = if share < 0.1 { text::BELOW_A_TENTH.to_string() } else { format!("{share:.1} %") };
                        let text = RichText::new(format!("{}  {share}", row.class_name)).size(20.0);
                        let text = if dimmed { text.weak() } else { text };
                        if ui.add(egui::Button::selectable(highlight == Some(row.value), text)).clicked() {
                            clicked = Some(row.value);
                        }
                    });
                }
            });
            ui.add_space(8.0);
            ui.weak(text::PRESENTATION_KEYS);
        });
        if let (Some(code), Some(layer)) = (clicked, self.state.stack.get_mut(layer_id)) {
            layer.set_highlight(if highlight == Some(code) { None } else { Some(code) });
        }
    }

    /// Writes each data pixel's value on it, for the top visible layer, once pixels are [`LABEL_MIN_POINTS`] wide.
    /// Values come from the base-level tiles already in the CPU cache: nothing is read for the labels.
    pub(super) fn draw_pixel_labels(&mut self, painter: &egui::Painter, rect: egui::Rect, camera: &Camera, ppp: f64) {
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.visible && l.pair().is_none()) else { return };
        let Some(base) = layer.source.levels.first() else { return };
        let (px, py) = base.pixel_size;
        let points_per_pixel = px / camera.res / ppp;
        if points_per_pixel < LABEL_MIN_POINTS {
            return;
        }
        let view = camera.visible_extent(px_size(rect, ppp));
        let (ox, oy) = layer.origin();
        let c0 = ((view[0] - ox) / px).floor().max(0.0) as usize;
        let c1 = (((view[2] - ox) / px).ceil().max(0.0) as usize).min(base.cols);
        let r0 = ((oy - view[3]) / py).floor().max(0.0) as usize;
        let r1 = (((oy - view[1]) / py).ceil().max(0.0) as usize).min(base.rows);
        let (id, info) = (layer.id, std::sync::Arc::clone(&layer.info));
        let font = egui::FontId::monospace((points_per_pixel * 0.3).min(28.0) as f32);
        for r in r0..r1 {
            for c in c0..c1 {
                let key = TileKey { layer: id, level: 0, col: (c / TILE_PX) as u32, row: (r / TILE_PX) as u32 };
                let Some(tile) = self.tiles.cache.get(&key) else { continue };
                let i = (r % TILE_PX) * tile.width as usize + c % TILE_PX;
                let Some(value) = tile.pixels.value(i) else { continue };
                if info.legend.nodata.is_some_and(|n| n as f64 == value) {
                    continue;
                }
                let centre = [ox + (c as f64 + 0.5) * px, oy - (r as f64 + 0.5) * py];
                let pos = map_to_point(camera, rect, ppp, centre);
                let [cr, cg, cb, _] = info.legend.colour_of(value as u32);
                let light = 0.299 * cr as f32 + 0.587 * cg as f32 + 0.114 * cb as f32 > 140.0;
                let ink = super::theme::ink_on(light);
                let text = crate::product::format_value(value);
                painter.text(pos, egui::Align2::CENTER_CENTER, text, font.clone(), ink);
            }
        }
    }
}
