//! The Layers panel: one entry per layer, top first, with visibility, opacity, order, what the layer is, the
//! controls of paired views and, while comparing, the stack it is drawn in.

use eframe::egui;

use crate::product::Identity;
use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::compare::{stack_name, Compare, CompareMode, MAX_PANES};
use crate::ui::state::AppState;
use crate::ui::theme;
use crate::view::{ColourBy, MapLayer, PairKind};

pub fn layers_panel(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Commands) {
    if !state.settings.layout.layers_open {
        return;
    }
    let width = state.settings.layout.layers_width;
    let panel = egui::Panel::left("layers").resizable(true).default_size(width).size_range(160.0..=480.0);
    let shown = panel.show(ui, |ui| {
        ui.heading(text::LAYERS);
        // Zones are drawn over every raster: they come first.
        super::zones::zone_layers(ui, state, commands);
        if state.stack.is_empty() {
            ui.label(text::NO_LAYER);
        }
        let ids: Vec<u32> = state.stack.layers.iter().map(|l| l.id).collect();
        for id in ids {
            let Some(layer) = state.stack.get_mut(id) else { continue };
            ui.separator();
            ui.horizontal(|ui| {
                ui.checkbox(&mut layer.visible, "").on_hover_text(text::LAYER_VISIBLE_TIP);
                ui.add(egui::Label::new(egui::RichText::new(layer.title()).strong()).truncate())
                    .on_hover_text(layer.info.file_path());
            });
            let product = match &layer.info.product {
                Some(p) => format!(
                    "{} {}{}",
                    p.family.display(),
                    p.layer.canonical(),
                    p.year.map(|y| format!(" {y}")).unwrap_or_default()
                ),
                None => text::UNKNOWN_PRODUCT.into(),
            };
            ui.label(product);
            if matches!(layer.info.identity, Identity::SourceNames { .. } | Identity::Palette { .. }) {
                let identity = text::identified(&layer.info.identity.describe());
                ui.add(egui::Label::new(egui::RichText::new(identity).small()).wrap());
            }
            if layer.info.meta.synthetic {
                ui.colored_label(theme::SYNTHETIC, text::SYNTHETIC);
            }
            match &layer.info.mosaic {
                // A mosaic of hundreds of tiles lists them only when asked.
                Some(mosaic) => {
                    egui::CollapsingHeader::new(text::mosaic_tiles(mosaic.tiles.len())).id_salt(("tiles", id)).show(
                        ui,
                        |ui| {
                            egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                                for tile in &mosaic.tiles {
                                    let name = std::path::Path::new(tile).file_name().map(|n| n.to_string_lossy());
                                    let label = egui::RichText::new(name.unwrap_or_default()).small();
                                    ui.add(egui::Label::new(label).truncate()).on_hover_text(tile);
                                }
                            });
                        },
                    );
                }
                None => {
                    ui.add(egui::Label::new(egui::RichText::new(&layer.info.name).small().weak()).truncate())
                        .on_hover_text(layer.info.file_path());
                }
            }
            if let Some(note) = layer.info.reprojection_note() {
                ui.add(egui::Label::new(egui::RichText::new(note).small()).wrap());
            }
            ui.horizontal(|ui| {
                ui.add(egui::Slider::new(&mut layer.opacity, 0.0..=1.0).text(text::OPACITY));
            });
            pair_controls(ui, layer);
            stack_buttons(ui, &mut state.compare, id);
            ui.horizontal(|ui| {
                if ui.small_button(text::UP).on_hover_text(text::UP_TIP).clicked() {
                    commands.push(Command::MoveLayer { layer: id, up: true });
                }
                if ui.small_button(text::DOWN).on_hover_text(text::DOWN_TIP).clicked() {
                    commands.push(Command::MoveLayer { layer: id, up: false });
                }
                if ui.small_button(text::CLOSE).on_hover_text(text::CLOSE_TIP).clicked() {
                    commands.push(Command::CloseLayer(id));
                }
            });
        }
    });
    // The panel's outer width, as `default_size` takes it: kept for the next start.
    state.settings.layout.layers_width = shown.response.rect.width();
}

/// Stack buttons of one layer in the Layers panel while comparing.
fn stack_buttons(ui: &mut egui::Ui, compare: &mut Compare, layer_id: u32) {
    let stacks = match compare.mode {
        CompareMode::Off => return,
        CompareMode::SideBySide => compare.panes.clamp(2, MAX_PANES),
        _ => 2,
    };
    ui.horizontal(|ui| {
        ui.label(text::STACK);
        let current = compare.stack_of.get(&layer_id).copied().unwrap_or(0).min(stacks - 1);
        for k in 0..stacks {
            let name = stack_name(k).to_string();
            if ui.selectable_label(current == k, name).on_hover_text(text::show_in_stack(stack_name(k))).clicked() {
                compare.stack_of.insert(layer_id, k);
            }
        }
    });
}

/// The controls of a paired layer in the Layers panel: colouring of a change view, thresholds of the quality
/// views, and the resampling note.
fn pair_controls(ui: &mut egui::Ui, layer: &mut MapLayer) {
    let Some(pair) = layer.pair() else { return };
    if let Some(note) = &pair.note {
        ui.label(egui::RichText::new(note).small().italics());
    }
    let mut kind = pair.kind;
    match &mut kind {
        PairKind::Change { colour_by } => {
            ui.horizontal(|ui| {
                ui.label(text::CHANGED_IN_COLOUR_OF);
                ui.selectable_value(colour_by, ColourBy::From, text::FROM_CLASS);
                ui.selectable_value(colour_by, ColourBy::To, text::TO_CLASS);
            });
        }
        PairKind::Confidence { threshold } => {
            ui.add(egui::Slider::new(threshold, 0..=100).text(text::DIM_BELOW));
        }
        PairKind::Imperviousness(t) => {
            ui.add(egui::Slider::new(&mut t.sealed_below, 0..=100).text(text::SEALED_BELOW));
            ui.add(egui::Slider::new(&mut t.impervious_from, 0..=100).text(text::NOT_SEALED_FROM));
        }
    }
    layer.set_pair_kind(kind);
}
