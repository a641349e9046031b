//! The message bar's lines: what the window tells the user, each with a level that decides its colour, shown for a
//! while and then gone. Worker failures, refused actions and notes all end up here, never in a panic or a dialog
//! that blocks the map.

use std::time::{Duration, Instant};

/// How long a message stays in the message bar.
const SHOWN_FOR: Duration = Duration::from_secs(12);

/// How much a message matters: notes in the text colour, warnings and errors in egui's colours for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something done or started ("Figure saved", "Reprojecting ...").
    Info,
    /// Something the user should know, with the work going on ("Settings not saved", "no overviews").
    Warning,
    /// Something that failed: a file that cannot be read, a write refused.
    Error,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub level: Level,
    pub text: String,
    shown: Instant,
}

/// The messages in the bar, oldest first.
#[derive(Default)]
pub struct Messages {
    list: Vec<Message>,
}

impl Messages {
    /// Adds a message; the same text again only restarts its time (a failure met again and again, such as tiles
    /// of a file deleted while open, takes one line, not one per attempt).
    pub fn push(&mut self, level: Level, text: String) {
        self.list.retain(|m| m.text != text);
        self.list.push(Message { level, text, shown: Instant::now() });
    }

    /// Drops the messages shown long enough.
    pub fn expire(&mut self) {
        self.list.retain(|m| m.shown.elapsed() < SHOWN_FOR);
    }

    /// How long until the oldest message goes: when the window must draw again even with nothing else to do.
    pub fn next_expiry(&self) -> Option<Duration> {
        self.list.first().map(|m| SHOWN_FOR.saturating_sub(m.shown.elapsed()))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Message> {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_again_takes_one_line_with_its_new_level() {
        let mut m = Messages::default();
        m.push(Level::Warning, "a".into());
        m.push(Level::Info, "b".into());
        m.push(Level::Error, "a".into());
        let lines: Vec<(Level, &str)> = m.iter().map(|x| (x.level, x.text.as_str())).collect();
        assert_eq!(lines, [(Level::Info, "b"), (Level::Error, "a")]);
        assert!(m.next_expiry().is_some_and(|d| d <= SHOWN_FOR));
        m.expire();
        assert_eq!(m.iter().count(), 2, "nothing expires at once");
    }
}
