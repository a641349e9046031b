//! Presentation mode's panels: the thin bar on top, the big legend of the classes in view, and the number keys that
//! highlight a class of it.

use eframe::egui::{self, Color32, Key, RichText};

use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::compare::CompareMode;
use crate::ui::state::AppState;

/// The number keys, in the order of the big legend's rows.
const NUMBER_KEYS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

/// F11 toggles presentation mode, Esc leaves it (when no comparison is on, which Esc leaves first); while
/// presenting, 1 to 9 highlight the class of that row of the big legend (again: clear) and 0 clears.
pub fn presentation_keys(ctx: &egui::Context, state: &mut AppState, commands: &mut Commands) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let none = egui::Modifiers::NONE;
    if ctx.input_mut(|i| i.consume_key(none, Key::F11)) {
        commands.push(Command::SetPresenting(!state.presentation.on));
    }
    // The quiz owns the number keys while it runs.
    if !state.presentation.on || state.quiz.is_some() {
        return;
    }
    if state.compare.mode == CompareMode::Off && ctx.input_mut(|i| i.consume_key(none, Key::Escape)) {
        commands.push(Command::SetPresenting(false));
        return;
    }
    let pressed = NUMBER_KEYS.iter().position(|&k| ctx.input_mut(|i| i.consume_key(none, k)));
    let clear = ctx.input_mut(|i| i.consume_key(none, Key::Num0));
    let Some(layer_id) = state.legend_layer().map(|l| l.id) else { return };
    let rows = state.classes_in_view(layer_id);
    let Some(layer) = state.stack.get_mut(layer_id) else { return };
    if clear {
        layer.set_highlight(None);
    } else if let Some(row) = pressed.and_then(|k| rows.get(k)) {
        let again = layer.filter().highlight == Some(row.value);
        layer.set_highlight(if again { None } else { Some(row.value) });
    }
}

/// The thin bar on top while presenting: what is shown, and the way out.
pub fn presentation_bar(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    egui::Panel::top("presentation_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button(text::LEAVE_PRESENTATION).clicked() {
                commands.push(Command::SetPresenting(false));
            }
            if state.quiz.is_none() && ui.button(text::QUIZ).clicked() {
                commands.push(Command::StartQuiz);
            }
            if let Some(layer) = state.legend_layer() {
                ui.heading(layer.title());
            }
        });
    });
}

/// The big legend: the classes in view with their colour, name, share and number key.
pub fn presentation_legend(ui: &mut egui::Ui, state: &mut AppState) {
    let Some(layer) = state.legend_layer() else { return };
    let (layer_id, legend, highlight) = (layer.id, layer.info.legend.clone(), layer.filter().highlight);
    let rows = state.classes_in_view(layer_id);
    let mapped: u64 = rows.iter().map(|r| r.count).sum();
    let mut clicked = None;
    // A narrow column: a classroom looks at the map, which keeps at least 70 % of the screen.
    let width = (ui.ctx().content_rect().width() * 0.28).clamp(200.0, 460.0);
    egui::Panel::right("presentation_legend").resizable(false).exact_size(width).show(ui, |ui| {
        // Long class names wrap: a row wider than the column would push the panel off the screen.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
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
                    // The share stays in one piece where the name wraps.
                    let share = share.replace(' ', "\u{a0}");
                    let text = RichText::new(format!("{}  {share}", row.class_name)).size(18.0);
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
    if let (Some(code), Some(layer)) = (clicked, state.stack.get_mut(layer_id)) {
        layer.set_highlight(if highlight == Some(code) { None } else { Some(code) });
    }
}
