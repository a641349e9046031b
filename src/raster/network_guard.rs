//! A local file must never make GDAL go on the network. Only a VRT can name other files, so a VRT whose sources (or
//! the sources of a VRT inside it) are URLs or network file systems is refused before GDAL opens it, as opening may
//! already fetch them. Remote data is read only from a URL the user opened on purpose.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Path prefixes that reach the network, lower case: GDAL's network file systems and plain URLs.
const NETWORK_PREFIXES: [&str; 12] = [
    "/vsicurl",
    "/vsis3",
    "/vsigs",
    "/vsiaz",
    "/vsiadls",
    "/vsioss",
    "/vsiswift",
    "/vsiwebhdfs",
    "/vsihdfs",
    "http://",
    "https://",
    "ftp://",
];

/// VRTs nest: a source may be a VRT. Deeper than this is refused rather than followed.
const MAX_DEPTH: usize = 8;

/// VRT files are small XML; a larger file is not followed.
const MAX_VRT_BYTES: u64 = 64 << 20;

/// Whether `path` reaches the network. `contains`, not `starts_with`: file systems chain (`/vsizip//vsicurl/...`).
pub fn is_network_path(path: &str) -> bool {
    let lower = path.trim().to_ascii_lowercase();
    NETWORK_PREFIXES.iter().any(|p| lower.contains(p))
}

/// `Err(reason)` when the local file at `path` is a VRT that names a network source, directly or through VRTs it
/// names; `Ok` for every other file (GDAL reports files it cannot read).
pub fn refuse_network_sources(path: &Path) -> Result<(), String> {
    check(path, 0)
}

fn check(path: &Path, depth: usize) -> Result<(), String> {
    let Some(xml) = read_vrt(path) else { return Ok(()) };
    let Ok(doc) = roxmltree::Document::parse(&xml) else { return Ok(()) };
    let dir = path.parent().unwrap_or(Path::new("."));
    for node in doc.descendants().filter(|n| n.has_tag_name("SourceFilename") || n.has_tag_name("SourceDataset")) {
        let source = node.text().unwrap_or("").trim();
        if is_network_path(source) {
            return Err(format!(
                "the VRT names a network source ({source}); a local file is never allowed to reach the network. \
                 Open the URL itself to read remote data"
            ));
        }
        let relative = node.attribute("relativeToVRT") == Some("1") || node.attribute("relativetoVRT") == Some("1");
        let source_path = if relative { dir.join(source) } else { PathBuf::from(source) };
        if read_vrt(&source_path).is_some() {
            if depth + 1 >= MAX_DEPTH {
                return Err(format!("VRT sources nest more than {MAX_DEPTH} deep"));
            }
            check(&source_path, depth + 1)?;
        }
    }
    Ok(())
}

/// The text of `path` when it is a VRT (XML starting with `<VRTDataset`), else `None`.
fn read_vrt(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > MAX_VRT_BYTES {
        return None;
    }
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim_start_matches('\u{feff}').trim_start().starts_with("<VRTDataset").then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_paths_are_recognised_and_local_ones_are_not() {
        for p in
            ["/vsicurl/http://h/x.tif", "/VSIS3/bucket/x.tif", "https://h/x.tif", "/vsizip//vsicurl/http://h/a.zip"]
        {
            assert!(is_network_path(p), "{p}");
        }
        for p in ["tile.tif", "/data/http_dump/x.tif", "/vsizip/local.zip/x.tif", "/vsimem/x.vrt"] {
            assert!(!is_network_path(p), "{p}");
        }
    }
}
