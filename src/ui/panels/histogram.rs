//! Histograms of a class table with egui_plot: bars in the class colours (classes) or the ramp colours (measured
//! values), as a share of the mapped area or in km2. Technical codes are left out, as from every share.

use eframe::egui::{self, Color32};
use egui_plot::{Bar, BarChart, Plot};

use crate::product::{Legend, ValueKind};
use crate::stats::ClassTable;
use crate::ui::analysis::AreaUnit;

/// `id` tells the plot apart from the others; `areas`: bar heights are areas in that unit, `None`: shares of the
/// mapped area in percent.
pub fn histogram_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    legend: &Legend,
    table: &ClassTable,
    areas: Option<AreaUnit>,
) {
    let categorical = matches!(legend.kind, ValueKind::Categorical);
    let rows: Vec<_> = table.rows.iter().filter(|r| !r.technical).collect();
    if rows.is_empty() {
        ui.weak(crate::text::NO_COUNT);
        return;
    }
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let c = legend.colour_of(r.value);
            let height = match areas {
                Some(unit) => unit.of_km2(r.area_km2),
                None => r.area_perc.unwrap_or(0.0),
            };
            // Classes stand side by side in legend order; measured values at their value.
            let x = if categorical { i as f64 } else { r.value as f64 };
            Bar::new(x, height)
                .fill(Color32::from_rgb(c[0], c[1], c[2]))
                .name(format!("{} {}", r.value, r.class_name))
                .width(if categorical { 0.8 } else { 1.0 })
        })
        .collect();
    let unit = areas.map_or("%", AreaUnit::symbol);
    let chart =
        BarChart::new(if areas.is_some() { crate::text::HISTOGRAM_AREA } else { crate::text::HISTOGRAM_SHARE }, bars)
            .element_formatter(Box::new(move |bar, _| format!("{}\n{:.4} {unit}", bar.name, bar.value)));
    Plot::new(("histogram", id))
        .height(150.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .include_y(0.0)
        .y_axis_label(areas.map_or(crate::text::PERCENT_OF_MAPPED, AreaUnit::symbol))
        .show(ui, |plot| plot.bar_chart(chart));
}
