//! The window's and the figures' texts live in `src/text.rs` (so a translation can be added later): no widget in
//! `src/ui/` is given a text literal, and `src/view/` and `src/figure/` (layer titles, figure labels) write no prose
//! of their own outside error messages. A scan of the sources, so that a new panel cannot quietly bring its own.

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
    for path in rust_files(&dir) {
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

/// The `.rs` files under `dir`, in its subfolders too.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Literals of `src/view/` and `src/figure/` that are names, not prose: the PNG's standard text keywords, the
/// session file's format tag and values, file suffixes, environment variables and GDAL prefixes.
const NOT_PROSE: [&str; 13] = [
    "Title",
    "Source",
    "Creation Time",
    "Software",
    "clcplus-viewer {}",
    "CARGO_PKG_VERSION",
    "EPSG:{epsg}",
    "SOURCE_DATE_EPOCH",
    "png.partial",
    "clcplus-viewer session",
    "off",
    "json.tmp",
    "/vsi",
];

/// Marks of an error message within the four lines up to a literal: the window shows library errors as they come.
const ERROR_MARKS: [&str; 4] = ["Err(", "map_err(", "ok_or", "refuse"];

#[test]
fn view_and_figures_write_no_prose_of_their_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for folder in ["view", "figure"] {
        for path in rust_files(&root.join(folder)) {
            let source = std::fs::read_to_string(&path).expect("source");
            // Unit tests at the end of a file may say what they like.
            let code: Vec<&str> = source.split("#[cfg(test)]").next().unwrap_or("").lines().collect();
            for (n, line) in code.iter().enumerate() {
                let line = line.split("//").next().unwrap_or("");
                let near = code[n.saturating_sub(3)..=n].join("\n");
                if ERROR_MARKS.iter().any(|m| near.contains(m)) {
                    continue;
                }
                for literal in line.split('"').skip(1).step_by(2) {
                    if is_prose(literal) && !NOT_PROSE.contains(&literal) {
                        found.push(format!("{}:{}: \"{literal}\"", path.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "texts outside src/text.rs:\n{}", found.join("\n"));
}

/// A literal with a letter outside its `{placeholders}`.
fn is_prose(literal: &str) -> bool {
    let mut depth = 0;
    literal.chars().any(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => return depth == 0 && c.is_alphabetic(),
        }
        false
    })
}

#[test]
fn placeholders_are_not_prose() {
    assert!(!is_prose("{last} {word}"));
    assert!(is_prose("{n} km"));
    assert!(is_prose("Change {a}"));
}
