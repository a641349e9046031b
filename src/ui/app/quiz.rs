//! Running the quiz: starting and ending it, picking a pixel of the view off the UI thread, taking the answer.

use super::map_view::map_to_point;
use super::ViewerApp;
use crate::stats::{bbox_window, sample_pixel_per_value, Rng};
use crate::text;
use crate::ui::job::Job;
use crate::ui::quiz::*;
use crate::view::Camera;
use eframe::egui::{self, Stroke};

impl ViewerApp {
    pub fn quiz(&self) -> Option<&Quiz> {
        self.state.quiz.as_ref()
    }

    /// Starts a round on the top visible class layer, in the current view.
    pub fn start_quiz(&mut self, ctx: &egui::Context) {
        let Some(layer_id) = self.state.legend_layer().map(|l| l.id) else {
            self.state.warn(text::QUIZ_NEEDS_CLASSES.into());
            return;
        };
        if let Some(layer) = self.state.stack.get_mut(layer_id) {
            layer.set_highlight(None);
        }
        self.state.quiz = Some(Quiz {
            layer_id,
            asked: 0,
            right: 0,
            question: None,
            wanted: false,
            pending: None,
            rng: Rng::from_time(),
        });
        self.next_question(ctx);
    }

    pub fn end_quiz(&mut self) {
        if let Some(q) = self.state.quiz.take() {
            self.state.info(text::quiz_over(q.right, q.asked));
        }
    }

    /// Asks for a new question; it appears once a pixel of the view has been picked.
    pub fn next_question(&mut self, ctx: &egui::Context) {
        if let Some(quiz) = self.state.quiz.as_mut() {
            quiz.question = None;
            quiz.wanted = true;
            ctx.request_repaint();
        }
    }

    /// Starts picking a pixel of the view on a thread of its own.
    fn pick_pixel(&mut self, ctx: &egui::Context) {
        let extent = self.visible_extent(ctx);
        let Some(quiz) = self.state.quiz.as_mut() else { return };
        quiz.wanted = false;
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == quiz.layer_id) else {
            self.state.quiz = None;
            return;
        };
        let Some(base) = layer.source.levels.first() else { return };
        let window = extent.and_then(|view| bbox_window(view, layer.origin(), base.pixel_size, (base.cols, base.rows)));
        let Some(window) = window else {
            self.state.warn(text::QUIZ_NOT_IN_VIEW.into());
            return;
        };
        let path = layer.info.path.clone();
        let mut rng = Rng::new(quiz.rng.next_u64());
        quiz.pending = Some(Job::start("quiz sampler", ctx, move || {
            sample_pixel_per_value(&path, window, &mut rng).map_err(|e| e.to_string())
        }));
    }

    /// Turns a finished sampling into a question: a class in view chosen uniformly, its sampled pixel, and three
    /// other classes (those in view first) as distractors.
    pub(super) fn receive_quiz(&mut self, ctx: &egui::Context) {
        if self.state.quiz.as_ref().is_some_and(|q| q.wanted) {
            self.pick_pixel(ctx);
        }
        let Some(quiz) = self.state.quiz.as_mut() else { return };
        let Some(sampled) = quiz.pending.as_ref().and_then(|job| job.poll()) else { return };
        quiz.pending = None;
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == quiz.layer_id) else { return };
        let legend = &layer.info.legend;
        let sampled = match sampled {
            Ok(s) => s,
            Err(e) => {
                self.state.error(text::quiz_error(&e));
                return;
            }
        };
        let is_class = |c: u32| legend.entry(c).is_some_and(|e| !e.technical) && legend.nodata != Some(c);
        let in_view: Vec<u32> = sampled.keys().copied().filter(|&c| is_class(c)).collect();
        if in_view.is_empty() {
            self.state.warn(text::QUIZ_NO_CLASS_IN_VIEW.into());
            return;
        }
        let answer = in_view[quiz.rng.below(in_view.len() as u64) as usize];
        let mut others: Vec<u32> = in_view.iter().copied().filter(|&c| c != answer).collect();
        shuffle(&mut others, &mut quiz.rng);
        let mut rest: Vec<u32> =
            legend.class_entries().map(|e| e.code).filter(|c| *c != answer && !in_view.contains(c)).collect();
        shuffle(&mut rest, &mut quiz.rng);
        let mut choices: Vec<u32> = std::iter::once(answer).chain(others).chain(rest).take(CHOICES).collect();
        shuffle(&mut choices, &mut quiz.rng);
        let Some(pixel) = sampled.get(&answer).map(|s| s.pixel) else { return };
        let Some(base) = layer.source.levels.first() else { return };
        let (ox, oy) = layer.origin();
        let point = [ox + (pixel.0 as f64 + 0.5) * base.pixel_size.0, oy - (pixel.1 as f64 + 0.5) * base.pixel_size.1];
        quiz.question = Some(Question { pixel, point, answer, choices, picked: None });
    }

    /// Answers the open question with `code`: the score, and the card of the right class.
    pub fn answer_quiz(&mut self, code: u32) {
        let Some(quiz) = self.state.quiz.as_mut() else { return };
        let Some(q) = quiz.question.as_mut().filter(|q| q.picked.is_none()) else { return };
        q.picked = Some(code);
        quiz.asked += 1;
        quiz.right += u32::from(code == q.answer);
        let (layer_id, answer) = (quiz.layer_id, q.answer);
        self.open_class_card(layer_id, answer);
    }

    /// Marks the quiz pixel: a ring around it, and its outline once it is a few points wide.
    pub(super) fn draw_quiz_mark(&self, painter: &egui::Painter, rect: egui::Rect, camera: &Camera, ppp: f64) {
        let Some(quiz) = &self.state.quiz else { return };
        let Some(q) = &quiz.question else { return };
        let centre = map_to_point(camera, rect, ppp, q.point);
        let layer = self.state.stack.layers.iter().find(|l| l.id == quiz.layer_id);
        // Half the data pixel's width, in points.
        let half = layer.map_or(0.0, |l| (l.base_res() / camera.res / ppp) as f32 / 2.0);
        if half >= 2.0 {
            let pixel = egui::Rect::from_center_size(centre, egui::vec2(half * 2.0, half * 2.0));
            painter.rect_stroke(pixel, 0.0, Stroke::new(2.0, crate::ui::theme::ON_MAP), egui::StrokeKind::Outside);
        }
        let radius = half + 14.0;
        painter.circle_stroke(centre, radius + 1.5, Stroke::new(5.0, crate::ui::theme::ON_MAP));
        painter.circle_stroke(centre, radius + 1.5, Stroke::new(3.0, crate::ui::theme::QUIZ_RING));
    }
}
