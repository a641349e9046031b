//! Quiz mode's panel, in the legend's place: the question, four choices, the verdict and the score; and its keys
//! (1 to 4 answer, N asks the next question).

use eframe::egui::{self, Key, RichText};

use crate::text;
use crate::ui::command::{Command, Commands};
use crate::ui::quiz::CHOICES;
use crate::ui::state::AppState;
use crate::ui::theme;

const ANSWER_KEYS: [Key; CHOICES] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];

/// 1 to 4 answer, N asks the next question.
pub fn quiz_keys(ctx: &egui::Context, state: &AppState, commands: &mut Commands) {
    let Some(quiz) = &state.quiz else { return };
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let none = egui::Modifiers::NONE;
    match &quiz.question {
        Some(q) if q.picked.is_none() => {
            let choices = q.choices.clone();
            let pressed = ANSWER_KEYS.iter().position(|&k| ctx.input_mut(|i| i.consume_key(none, k)));
            if let Some(&code) = pressed.and_then(|k| choices.get(k)) {
                commands.push(Command::AnswerQuiz(code));
            }
        }
        Some(_) if ctx.input_mut(|i| i.consume_key(none, Key::N)) => commands.push(Command::NextQuestion),
        _ => {}
    }
}

/// The quiz panel, in the legend's place.
pub fn quiz_panel(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let Some(quiz) = &state.quiz else { return };
    let Some(layer) = state.stack.layers.iter().find(|l| l.id == quiz.layer_id) else { return };
    let legend = &layer.info.legend;
    let label = |code: u32| legend.entry(code).map_or_else(|| code.to_string(), |e| e.label.clone());
    let (asked, right, question) = (quiz.asked, quiz.right, quiz.question.clone());
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
                        Some(_) if code == q.answer => text.color(theme::RIGHT).strong(),
                        Some(p) if code == p => text.color(theme::WRONG),
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
