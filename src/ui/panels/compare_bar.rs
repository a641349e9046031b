//! The bar below the menu while comparing: the mode's settings (panes and linking, the swipe divider, the spy
//! glass's radius, the blink period) and the way out.

use eframe::egui;

use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::compare::{CompareMode, MAX_PANES};
use crate::ui::state::AppState;

/// Below the menu while comparing: the mode's settings.
pub fn compare_bar(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    if state.compare.mode == CompareMode::Off {
        return;
    }
    let mut relink = None;
    egui::Panel::top("compare bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(state.compare.mode.label());
            let c = &mut state.compare;
            match c.mode {
                CompareMode::SideBySide => {
                    ui.label(text::PANES);
                    for n in 2..=MAX_PANES {
                        ui.selectable_value(&mut c.panes, n, n.to_string());
                    }
                    let mut linked = c.linked;
                    if ui.checkbox(&mut linked, text::LINKED).on_hover_text(text::LINKED_TIP).changed() {
                        relink = Some(linked);
                    }
                }
                CompareMode::Swipe => {
                    ui.add(egui::Slider::new(&mut c.split, 0.0..=1.0).text(text::DIVIDER));
                    ui.checkbox(&mut c.horizontal, text::HORIZONTAL);
                }
                CompareMode::SpyGlass => {
                    ui.add(egui::Slider::new(&mut c.radius, 20.0..=400.0).text(text::RADIUS));
                }
                CompareMode::Blink => {
                    ui.add(egui::Slider::new(&mut c.blink_ms, 200..=3000).text(text::MILLISECONDS));
                }
                CompareMode::Off => {}
            }
            ui.separator();
            ui.label(text::STACK_WHERE);
            if ui.button(text::LEAVE_COMPARE).clicked() {
                c.mode = CompareMode::Off;
            }
        });
    });
    if let Some(linked) = relink {
        commands.push(Command::LinkPanes(linked));
    }
}
