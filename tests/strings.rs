//! The window's texts live in `src/text.rs` (so a translation can be added later): no widget in `src/ui/` is given
//! a text literal. A scan of the sources, so that a new panel cannot quietly bring its own.

use std::path::Path;

/// Widget calls whose first argument is a text the user reads.
const TEXT_CALLS: [&str; 14] = [
    ".label(\"",
    ".button(\"",
    ".small_button(\"",
    ".heading(\"",
    ".weak(\"",
    ".strong(\"",
    "on_hover_text(\"",
    "hint_text(\"",
    "selected_text(\"",
    "Button::new(\"",
    "Window::new(\"",
    "menu_button(\"",
    ".text(\"",
    "message(\"",
];

#[test]
fn the_window_takes_its_texts_from_one_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/ui") {
        let path = entry.expect("entry").path();
        let source = std::fs::read_to_string(&path).expect("source");
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for call in TEXT_CALLS {
                // A literal with a letter in it: a text, not an empty label or a symbol.
                if let Some(rest) = code.split(call).nth(1) {
                    if rest.split('"').next().is_some_and(|s| s.chars().any(char::is_alphabetic)) {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "texts outside src/text.rs:\n{}", found.join("\n"));
}
