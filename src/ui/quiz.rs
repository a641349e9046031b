//! Quiz mode: the app marks a pixel in the view and asks which class it is, four choices, the legend hidden. Every
//! class in view is equally likely to be asked, so rare classes come up too; the pixel is drawn at random among
//! that class's pixels in view (base level, read on a thread of its own). The answer opens the class card; the
//! score is kept for the round.

use std::collections::BTreeMap;

use eframe::egui::{self, Key, RichText, Stroke};

use super::app::ViewerApp;
use super::command::Command;
use super::job::Job;
use super::map_view::map_to_point;
use crate::stats::{bbox_window, sample_pixel_per_value, Rng, Sample};
use crate::text;
use crate::view::Camera;

/// How many classes a question offers.
pub const CHOICES: usize = 4;
const ANSWER_KEYS: [Key; CHOICES] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];

/// A pixel of each class in view, sampled off the UI thread.
type Sampled = BTreeMap<u32, Sample>;

pub struct Quiz {
    pub layer_id: u32,
    /// Questions answered, and answered right, this round.
    pub asked: u32,
    pub right: u32,
    pub question: Option<Question>,
    /// A new question is wanted: its pixel is picked from the next frame's view, once the quiz panel has taken the
    /// legend's place and the map its final size.
    wanted: bool,
    pending: Option<Job<Sampled>>,
    rng: Rng,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The pixel (column, row of the base level) and its centre in map units.
    pub pixel: (usize, usize),
    pub point: [f64; 2],
    pub answer: u32,
    /// Class codes, in the order shown.
    pub choices: Vec<u32>,
    /// The code chosen, once answered.
    pub picked: Option<u32>,
}

impl Quiz {
    /// Whether a pixel is being picked for the next question.
    pub fn picking(&self) -> bool {
        self.wanted || self.pending.is_some()
    }
}

impl ViewerApp {
    pub fn quiz(&self) -> Option<&Quiz> {
        self.state.quiz.as_ref()
    }

    /// Starts a round on the top visible class layer, in the current view.
    pub fn start_quiz(&mut self, ctx: &egui::Context) {
        let Some(layer_id) = self.legend_layer().map(|l| l.id) else {
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

    /// 1 to 4 answer, N asks the next question.
    pub(super) fn quiz_keys(&mut self, ctx: &egui::Context) {
        let Some(quiz) = &self.state.quiz else { return };
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let none = egui::Modifiers::NONE;
        match &quiz.question {
            Some(q) if q.picked.is_none() => {
                let choices = q.choices.clone();
                let pressed = ANSWER_KEYS.iter().position(|&k| ctx.input_mut(|i| i.consume_key(none, k)));
                if let Some(&code) = pressed.and_then(|k| choices.get(k)) {
                    self.commands.push(Command::AnswerQuiz(code));
                }
            }
            Some(_) if ctx.input_mut(|i| i.consume_key(none, Key::N)) => self.commands.push(Command::NextQuestion),
            _ => {}
        }
    }

    /// The quiz panel, in the legend's place.
    pub(super) fn quiz_panel(&mut self, ui: &mut egui::Ui) {
        let Some(quiz) = &self.state.quiz else { return };
        let Some(layer) = self.state.stack.layers.iter().find(|l| l.id == quiz.layer_id) else { return };
        let legend = &layer.info.legend;
        let label = |code: u32| legend.entry(code).map_or_else(|| code.to_string(), |e| e.label.clone());
        let (asked, right, question) = (quiz.asked, quiz.right, quiz.question.clone());
        let commands = &mut self.commands;
        egui::Panel::right("quiz_panel").resizable(false).min_size(300.0).show(ui, |ui| {
            ui.add_space(8.0);
            ui.label(RichText::new(text::QUIZ).size(22.0).strong());
            ui.label(text::score(right, asked));
            ui.separator();
            match &question {
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(text::PICKING);
                    });
                }
                Some(q) => {
                    ui.label(RichText::new(text::QUIZ_QUESTION).size(18.0));
                    ui.add_space(6.0);
                    for (i, &code) in q.choices.iter().enumerate() {
                        let text = RichText::new(format!("{}  {}", i + 1, label(code))).size(18.0);
                        let text = match q.picked {
                            Some(_) if code == q.answer => text.color(super::theme::RIGHT).strong(),
                            Some(p) if code == p => text.color(super::theme::WRONG),
                            _ => text,
                        };
                        let button = egui::Button::new(text).min_size(egui::vec2(260.0, 30.0));
                        if ui.add_enabled(q.picked.is_none(), button).clicked() {
                            commands.push(Command::AnswerQuiz(code));
                        }
                    }
                    if let Some(p) = q.picked {
                        ui.add_space(6.0);
                        let verdict =
                            if p == q.answer { text::RIGHT.to_string() } else { text::not_quite(&label(q.answer)) };
                        ui.label(RichText::new(verdict).size(18.0).strong());
                        if ui.button(text::NEXT_QUESTION).clicked() {
                            commands.push(Command::NextQuestion);
                        }
                    }
                }
            }
            ui.add_space(12.0);
            if ui.button(text::END_QUIZ).clicked() {
                commands.push(Command::EndQuiz);
            }
        });
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
            painter.rect_stroke(pixel, 0.0, Stroke::new(2.0, super::theme::ON_MAP), egui::StrokeKind::Outside);
        }
        let radius = half + 14.0;
        painter.circle_stroke(centre, radius + 1.5, Stroke::new(5.0, super::theme::ON_MAP));
        painter.circle_stroke(centre, radius + 1.5, Stroke::new(3.0, super::theme::QUIZ_RING));
    }
}

/// Fisher-Yates.
fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}
