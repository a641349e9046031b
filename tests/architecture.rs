//! The shape of `src/` from `../shared/DESIGN.md` ("Shape"), checked on the sources so that it cannot drift: GDAL
//! only in `raster/`, egui only in `ui/` and the render paint callback, wgpu only in `render/` and `ui/`, and no
//! circles among the files of a folder (each file uses the ones below it, never back), and only `ui/app/` names the
//! app type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its code: comments removed, unit tests at the end left out.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: Vec<&str> = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
            out.push((path, code.join("\n")));
        }
    }
    out
}

/// Files under `src/` that name one of `marks` but lie outside the folders and files `allowed`.
fn users_outside(marks: &[&str], allowed: &[&str]) -> Vec<String> {
    let root = src();
    sources(&root)
        .into_iter()
        .filter(|(path, code)| {
            let rel = path.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
            marks.iter().any(|m| code.contains(m)) && !allowed.iter().any(|a| rel.starts_with(a))
        })
        .map(|(path, _)| path.display().to_string())
        .collect()
}

#[test]
fn gdal_is_used_in_raster_only() {
    let outside = users_outside(&["gdal::", "gdal_sys::"], &["raster/", "vector/"]);
    assert!(outside.is_empty(), "GDAL used outside raster/: {outside:?}");
}

#[test]
fn egui_is_used_in_the_window_only() {
    let outside = users_outside(
        &["egui::", "egui_plot::", "eframe::App", "eframe::Frame"],
        &["ui/", "render/callback.rs", "main.rs"],
    );
    assert!(outside.is_empty(), "egui used outside ui/: {outside:?}");
}

#[test]
fn wgpu_is_used_in_render_and_the_window_only() {
    let outside = users_outside(&["wgpu::"], &["render/", "ui/"]);
    assert!(outside.is_empty(), "wgpu used outside render/ and ui/: {outside:?}");
}

/// The sibling files of one folder that `code` uses: `super::name` and `crate::folder::name`.
fn siblings_used(code: &str, folder: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let own = format!("crate::{folder}::");
    for prefix in ["super::", own.as_str()] {
        for rest in code.split(prefix).skip(1) {
            // `super::{a, b::C}` names several; `super::a::b` one.
            let parts: Vec<&str> = match rest.strip_prefix('{') {
                Some(inner) => inner.split('}').next().unwrap_or("").split(',').collect(),
                None => vec![rest],
            };
            for part in parts {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if names.contains(&name) {
                    used.insert(name);
                }
            }
        }
    }
    used
}

/// A circle among `uses` (file -> files it uses), if there is one: the files along it.
fn circle(uses: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_string());
            return Some(found);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at.to_string());
        for next in uses.get(at).into_iter().flatten() {
            if let Some(found) = visit(next, uses, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(at.to_string());
        None
    }
    let mut done = BTreeSet::new();
    uses.keys().find_map(|start| visit(start, uses, &mut Vec::new(), &mut done))
}

/// Every folder under `dir`, itself included.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(folders(&path));
        }
    }
    out
}

#[test]
fn the_files_of_a_folder_use_each_other_in_one_direction() {
    let root = src();
    let mut circles = Vec::new();
    for dir in folders(&root).into_iter().skip(1) {
        // `ui/app` is the module `crate::ui::app`.
        let folder = dir.strip_prefix(&root).expect("under src").to_string_lossy().replace(['/', '\\'], "::");
        let files: Vec<(String, String)> = sources(&dir)
            .into_iter()
            .filter(|(p, _)| p.parent() == Some(dir.as_path()) && !p.ends_with("mod.rs"))
            .map(|(p, code)| (p.file_stem().expect("stem").to_string_lossy().into_owned(), code))
            .collect();
        let names: BTreeSet<String> = files.iter().map(|(n, _)| n.clone()).collect();
        let uses: BTreeMap<String, BTreeSet<String>> = files
            .iter()
            .map(|(name, code)| {
                let mut used = siblings_used(code, &folder, &names);
                used.remove(name);
                (name.clone(), used)
            })
            .collect();
        if let Some(c) = circle(&uses) {
            circles.push(format!("{folder}: {}", c.join(" -> ")));
        }
    }
    assert!(circles.is_empty(), "files that use each other in a circle:\n{}", circles.join("\n"));
}

/// Panels and windows see the state and give commands; only `ui/app/` knows the app type that owns them all.
#[test]
fn only_ui_app_names_the_app_type() {
    let outside = users_outside(&["ViewerApp"], &["ui/app/", "ui/mod.rs"]);
    assert!(outside.is_empty(), "the app type named outside ui/app/: {outside:?}");
}

#[test]
fn a_circle_is_found_where_there_is_one() {
    let uses = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(circle(&uses).map(|c| c.len()), Some(4));
    let names = BTreeSet::from(["counts".to_string(), "strips".to_string()]);
    let used = siblings_used("use super::{counts::X, strips};\nuse crate::stats::counts;", "stats", &names);
    assert_eq!(used, names);
}
