//! The figure of an accuracy report: the error matrix as a heat map (sample counts, each row shaded by its share of
//! the stratum), user's and producer's accuracy per class as bars with their 95 % intervals, the overall accuracy,
//! and the CLMS attribution.

use super::canvas::{Canvas, Rect, Rgba, FRAME, INK, WHITE};
use super::make::Figure;
use crate::product::citation::ATTRIBUTION;
use crate::stats::{AccuracyReport, Estimate};
use crate::text;

const SIZE: (u32, u32) = (1200, 720);
const HEAT: Rgba = [33, 102, 172, 255];
const WHISKER: Rgba = [20, 20, 20, 255];

/// Draws `report`; `name` and `colour` give a class's name and legend colour.
pub fn accuracy_figure(
    report: &AccuracyReport,
    title: &str,
    name: impl Fn(u32) -> String,
    colour: impl Fn(u32) -> Rgba,
) -> Result<Figure, String> {
    let mut c = Canvas::new(SIZE.0, SIZE.1).ok_or("the figure's font cannot be read")?;
    c.text(24.0, 18.0, 26.0, INK, title);
    let estimate = report.overall_accuracy.estimate.zip(report.overall_accuracy.ci95);
    let overall = text::figure_overall(estimate, report.n);
    c.text(24.0, 54.0, 18.0, INK, &overall);
    heat_map(&mut c, report, Rect { x: 60.0, y: 130.0, w: 460.0, h: 460.0 });
    bars(&mut c, report, &name, &colour, Rect { x: 600.0, y: 110.0, w: 560.0, h: 500.0 });
    c.text(24.0, SIZE.1 as f32 - 62.0, 14.0, INK, text::FIGURE_INTERVALS);
    c.text(24.0, SIZE.1 as f32 - 36.0, 14.0, INK, ATTRIBUTION);
    Ok(Figure {
        size: SIZE,
        rgba: c.rgba,
        text: vec![
            ("Title".into(), title.into()),
            ("Source".into(), ATTRIBUTION.into()),
            ("Software".into(), format!("clcplus-viewer {}", env!("CARGO_PKG_VERSION"))),
        ],
    })
}

/// The error matrix in `area`: a cell per (map, reference) pair with its sample count, shaded by its share of the
/// row (the stratum), the classes' codes along both sides.
fn heat_map(c: &mut Canvas, report: &AccuracyReport, area: Rect) {
    let q = report.classes.len().max(1) as f32;
    let cell = (area.w.min(area.h) / q).floor();
    c.text(area.x, area.y - 40.0, 16.0, INK, text::FIGURE_ERROR_MATRIX);
    for (i, row) in report.error_matrix.iter().enumerate() {
        let total: u64 = row.iter().sum();
        let y = area.y + i as f32 * cell;
        c.text(area.x - 40.0, y + cell / 2.0 - 9.0, 14.0, INK, &report.classes[i].to_string());
        for (j, &n) in row.iter().enumerate() {
            let x = area.x + j as f32 * cell;
            let share = if total > 0 { n as f32 / total as f32 } else { 0.0 };
            let fill = [HEAT[0], HEAT[1], HEAT[2], (share * 255.0).round() as u8];
            let r = Rect { x, y, w: cell, h: cell };
            c.fill(r, fill);
            c.outline(r, FRAME);
            let label = n.to_string();
            let ink = if share > 0.5 { WHITE } else { INK };
            let size = (cell * 0.3).clamp(9.0, 18.0);
            let w = c.text_width(size, &label);
            c.text(x + (cell - w) / 2.0, y + (cell - size) / 2.0, size, ink, &label);
        }
    }
    for (j, class) in report.classes.iter().enumerate() {
        let label = class.to_string();
        let w = c.text_width(14.0, &label);
        c.text(area.x + j as f32 * cell + (cell - w) / 2.0, area.y - 20.0, 14.0, INK, &label);
    }
}

/// User's and producer's accuracy of every class as two bars (the class's colour; producer's lighter) from 0 to 1,
/// each with the whisker of its interval.
fn bars(
    c: &mut Canvas,
    report: &AccuracyReport,
    name: &dyn Fn(u32) -> String,
    colour: &dyn Fn(u32) -> Rgba,
    area: Rect,
) {
    c.text(area.x, area.y, 16.0, INK, text::FIGURE_ACCURACY_BARS);
    let rows = report.per_class.len().max(1) as f32;
    let top = area.y + 30.0;
    let row_h = ((area.h - 30.0) / rows).min(48.0);
    let label_w = 190.0;
    let bar_w = area.w - label_w - 10.0;
    for (k, cls) in report.per_class.iter().enumerate() {
        let y = top + k as f32 * row_h;
        let label = c.fit_text(13.0, &format!("{} {}", cls.class, name(cls.class)), label_w - 8.0);
        c.text(area.x, y + row_h / 2.0 - 8.0, 13.0, INK, &label);
        let base = colour(cls.class);
        let light = [base[0] / 2 + 127, base[1] / 2 + 127, base[2] / 2 + 127, 255];
        let x0 = area.x + label_w;
        for (e, fill, dy) in [(&cls.users_accuracy, base, 0.0), (&cls.producers_accuracy, light, 0.5)] {
            let h = row_h * 0.4;
            let y = y + row_h * 0.08 + dy * row_h * 0.84;
            bar(c, e, fill, Rect { x: x0, y, w: bar_w, h });
        }
        c.outline(Rect { x: x0, y: y + row_h * 0.05, w: bar_w, h: row_h * 0.9 }, FRAME);
    }
}

/// One bar of `e` (0 to 1 across `frame`), with its interval as a whisker.
fn bar(c: &mut Canvas, e: &Estimate, fill: Rgba, frame: Rect) {
    let Some(v) = e.estimate else { return };
    c.fill(Rect { w: frame.w * v.clamp(0.0, 1.0) as f32, ..frame }, fill);
    if let Some(ci) = e.ci95 {
        let (lo, hi) = ((v - ci).clamp(0.0, 1.0) as f32, (v + ci).clamp(0.0, 1.0) as f32);
        let mid = frame.y + frame.h / 2.0;
        c.fill(Rect { x: frame.x + lo * frame.w, y: mid - 1.0, w: ((hi - lo) * frame.w).max(1.0), h: 2.0 }, WHISKER);
        for end in [lo, hi] {
            c.fill(
                Rect { x: frame.x + end * frame.w - 1.0, y: mid - frame.h * 0.3, w: 2.0, h: frame.h * 0.6 },
                WHISKER,
            );
        }
    }
}
