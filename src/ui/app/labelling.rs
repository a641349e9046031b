//! Labelling samples: showing each sample on the map, the keys, and writing every label to the samples file at
//! once (one transaction each), so that closing the window loses nothing. Writes go one batch at a time, in the
//! order given: two writers at once would lock each other out of the GeoPackage.

use eframe::egui::{self, Key, Modifiers, Rect, Stroke, Vec2};

use super::ViewerApp;
use crate::figure::{accuracy_figure, civil_from_days, Figure};
use crate::stats::{all_cores, assess, count_window, strip_rows, CountProgress, Counts, PixelWindow};
use crate::text;
use crate::ui::job::Job;
use crate::ui::labelling::Labelling;
use crate::ui::theme;
use crate::vector::write_label;
use crate::view::Camera;

/// The number keys, in the order of the map's land-cover classes: 1 is the first class, 0 the tenth.
const CLASS_KEYS: [Key; 10] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9, Key::Num0];

/// How one sample's label write went: the sample's index and the result.
type Written = (usize, Result<(), String>);

/// The batch of labels being written (each sample's index and how its write went), and the count of the map's
/// classes for the report.
#[derive(Default)]
pub struct LabelWrites {
    batch: Option<Job<Vec<Written>>>,
    mapped: Option<Job<Vec<(u32, f64)>>>,
}

impl ViewerApp {
    /// Starts labelling a samples file: the view goes to its first sample without a label.
    pub(super) fn start_labelling(&mut self, ctx: &egui::Context, labelling: Labelling) {
        self.state.info(text::labelling_opened(&labelling.name, labelling.samples.len(), labelling.labelled()));
        self.state.labelling = Some(labelling);
        self.show_sample();
        // The report's weights: the map's classes counted exactly, once.
        let Some(layer) = self.state.legend_layer() else { return };
        let (path, (cols, rows), block_rows) =
            (layer.info.path.clone(), layer.info.meta.size, layer.info.meta.block_size.1);
        let legend = layer.info.legend.clone();
        let pixel_km2 = layer.info.meta.geo_transform.map_or(0.0, |gt| (gt[1] * gt[5]).abs() / 1e6);
        self.label_writes.mapped = Some(Job::start("class counter", ctx, move || {
            let window = PixelWindow { x: 0, y: 0, w: cols, h: rows };
            let counts = count_window(&path, 0, window, all_cores(), strip_rows(block_rows), &CountProgress::default())
                .map_err(|e| e.to_string())?
                .unwrap_or_else(|| Counts(Vec::new()));
            let technical = |v: u32| legend.is_technical(v) || legend.nodata == Some(v);
            Ok(counts.present().filter(|(v, _)| !technical(*v)).map(|(v, n)| (v, n as f64 * pixel_km2)).collect())
        }));
    }

    /// Centres the view on the current sample, data pixels `zoom` screen pixels wide.
    pub(super) fn show_sample(&mut self) {
        let Some(l) = &self.state.labelling else { return };
        let Some(sample) = l.samples.get(l.current) else { return };
        let res = self.state.stack.finest_res().unwrap_or(1.0) / l.zoom.max(1.0);
        self.state.camera = Some(Camera { center: sample.point, res });
        self.state.fit_pending = false;
    }

    /// Gives the current sample the reference class `class` with the comment typed, writes it, and goes on to the
    /// next sample without a label.
    pub(super) fn label_sample(&mut self, ctx: &egui::Context, class: u32) {
        let Some(l) = &mut self.state.labelling else { return };
        let index = l.current;
        let Some(sample) = l.samples.get_mut(index) else { return };
        sample.reference = Some(class);
        if !l.pending.contains(&index) {
            l.pending.push(index);
        }
        if let Some(next) = l.next_unlabelled() {
            l.current = next;
        }
        self.write_labels(ctx);
        self.show_sample();
    }

    /// Starts writing the labels given since the last batch, and again those that could not be written before, in
    /// one job, one transaction each; unless a batch is still being written (the next starts when it ends).
    fn write_labels(&mut self, ctx: &egui::Context) {
        let Some(l) = &mut self.state.labelling else { return };
        if self.label_writes.batch.is_some() || l.pending.is_empty() {
            return;
        }
        let mut todo: Vec<usize> = std::mem::take(&mut l.unsaved);
        todo.retain(|i| !l.pending.contains(i));
        todo.append(&mut l.pending);
        let at = timestamp();
        let labels: Vec<(usize, u64, Option<u32>, String)> =
            todo.iter().map(|&i| (i, l.samples[i].fid, l.samples[i].reference, l.samples[i].comment.clone())).collect();
        let path = l.path.clone();
        l.writing = labels.len();
        self.label_writes.batch = Some(Job::start("label writer", ctx, move || {
            Ok(labels
                .into_iter()
                .map(|(i, fid, reference, comment)| {
                    (i, write_label(&path, fid, reference, &comment, &at).map_err(|e| e.to_string()))
                })
                .collect())
        }));
    }

    /// Collects the labels written; one that failed stays in memory, marked unsaved, and its message is shown. Then
    /// the labels given meanwhile go.
    pub(super) fn receive_labels(&mut self, ctx: &egui::Context) {
        if let Some(result) = self.label_writes.batch.as_ref().and_then(|j| j.poll()) {
            self.label_writes.batch = None;
            let results = result.unwrap_or_else(|e| vec![(usize::MAX, Err(e))]);
            let mut errors = Vec::new();
            if let Some(l) = &mut self.state.labelling {
                l.writing = 0;
                for (index, result) in results {
                    match result {
                        Ok(()) => l.unsaved.retain(|&i| i != index),
                        Err(e) => {
                            if index != usize::MAX && !l.unsaved.contains(&index) {
                                l.unsaved.push(index);
                            }
                            errors.push(e);
                        }
                    }
                }
            }
            for e in errors {
                self.state.error(text::label_not_written(&e));
            }
            self.write_labels(ctx);
        }
        if let Some(result) = self.label_writes.mapped.as_ref().and_then(|j| j.poll()) {
            self.label_writes.mapped = None;
            // Without the count the report has no weights; the labelling goes on.
            let (mapped, error) = match result {
                Ok(mapped) => (mapped, None),
                Err(e) => (Vec::new(), Some(e)),
            };
            if let Some(l) = &mut self.state.labelling {
                l.mapped = Some(mapped);
            }
            if let Some(e) = error {
                self.state.error(e);
            }
        }
    }

    /// While labelling: the number keys give the class, Right and Left go to the next and previous sample, Down to
    /// the next without a label. Typing a comment takes the keys.
    pub(super) fn labelling_keys(&mut self, ctx: &egui::Context) {
        if self.state.labelling.is_none() || ctx.egui_wants_keyboard_input() {
            return;
        }
        let classes: Vec<u32> = self
            .state
            .legend_layer()
            .map(|l| l.info.legend.class_entries().filter(|e| !e.technical).map(|e| e.code).collect())
            .unwrap_or_default();
        let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        if let Some(class) = CLASS_KEYS.iter().zip(&classes).find(|(k, _)| key(**k)).map(|(_, c)| *c) {
            return self.label_sample(ctx, class);
        }
        for (k, step) in [(Key::ArrowRight, 1), (Key::ArrowLeft, -1), (Key::ArrowDown, 0)] {
            if key(k) {
                return self.go_to_sample(step);
            }
        }
    }

    /// Goes to the next (1) or previous (-1) sample, or (0) the next without a label.
    pub(super) fn go_to_sample(&mut self, step: i32) {
        let Some(l) = &mut self.state.labelling else { return };
        let n = l.samples.len();
        l.current = match step {
            0 => l.next_unlabelled().unwrap_or(l.current),
            s if s > 0 => (l.current + 1) % n,
            _ => (l.current + n - 1) % n,
        };
        self.show_sample();
    }

    /// The report of the labels so far drawn as a figure (a PNG is small: this takes milliseconds, no job); `None`
    /// before the map's classes are counted.
    pub(super) fn labels_figure(&mut self) -> Option<Figure> {
        let (l, layer) = (self.state.labelling.as_ref()?, self.state.legend_layer()?);
        let report = assess(&l.pairs(), l.mapped.as_ref()?);
        let legend = &layer.info.legend;
        let name = |c: u32| legend.entry(c).map_or_else(|| c.to_string(), |e| e.label.clone());
        let title = text::accuracy_figure_title(&layer.title());
        match accuracy_figure(&report, &title, name, |c| legend.colour_of(c)) {
            Ok(f) => Some(f),
            Err(e) => {
                self.state.error(e);
                None
            }
        }
    }

    /// Outlines the current sample's pixel (or the 3 x 3 block around it) on the grid of the top class layer.
    pub(super) fn draw_sample_outline(&self, painter: &egui::Painter, rect: Rect, camera: &Camera, ppp: f64) {
        let (Some(l), Some(layer)) = (&self.state.labelling, self.state.legend_layer()) else { return };
        let Some(sample) = l.samples.get(l.current) else { return };
        let gt = layer.info.meta.geo_transform_or_pixels();
        let (col, row) = (((sample.point[0] - gt[0]) / gt[1]).floor(), ((sample.point[1] - gt[3]) / gt[5]).floor());
        let grow = if l.block { 1.0 } else { 0.0 };
        let corner = |c: f64, r: f64| {
            let size = [rect.width() as f64 * ppp, rect.height() as f64 * ppp];
            let px = camera.map_to_screen(size, [gt[0] + c * gt[1], gt[3] + r * gt[5]]);
            rect.min + Vec2::new((px[0] / ppp) as f32, (px[1] / ppp) as f32)
        };
        let outline = Rect::from_two_pos(corner(col - grow, row - grow), corner(col + 1.0 + grow, row + 1.0 + grow));
        painter.rect_stroke(outline, 0.0, Stroke::new(4.0, theme::ON_MAP_HALO), egui::StrokeKind::Outside);
        painter.rect_stroke(outline, 0.0, Stroke::new(2.0, theme::ZONE_DRAWING), egui::StrokeKind::Outside);
    }
}

/// Now, as ISO 8601 UTC to the second (`labelled_at`).
fn timestamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_timestamp_is_iso_8601_utc() {
        let t = super::timestamp();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T", "{t}");
    }
}
