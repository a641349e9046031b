//! One-off work on a thread of its own (a figure, a quiz question): started with the work, polled once a frame for
//! its result. A panic in the work becomes an error naming it, and the window is woken when the work ends, so it
//! need not poll on a timer.

use crossbeam_channel::{bounded, Receiver};
use eframe::egui;

use crate::guard::catch_panic;

pub struct Job<T> {
    done: Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread called `name` (which also names it in the message of a panic).
    pub fn start(
        name: &'static str,
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Job<T> {
        let (tx, done) = bounded(1);
        let ctx = ctx.clone();
        let report = tx.clone();
        let spawned = std::thread::Builder::new().name(name.into()).spawn(move || {
            let _ = tx.send(catch_panic(name, work).and_then(|r| r));
            ctx.request_repaint();
        });
        if let Err(e) = spawned {
            let _ = report.send(Err(format!("cannot start the {name}: {e}")));
        }
        Job { done }
    }

    /// The result, once the work has ended; `None` before. It is given once.
    pub fn poll(&self) -> Option<Result<T, String>> {
        self.done.try_recv().ok()
    }
}
