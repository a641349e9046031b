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
fn is_network_path(path: &str) -> bool {
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
    // GDAL's own XML parser forgives more than roxmltree: a VRT we cannot read through is refused, not waved on.
    let doc = roxmltree::Document::parse(&xml).map_err(|e| format!("the VRT is not well-formed XML ({e})"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    // GDAL matches element and attribute names without regard to case, so this does too.
    let is_source = |n: &roxmltree::Node| {
        n.is_element()
            && ["SourceFilename", "SourceDataset"].iter().any(|t| n.tag_name().name().eq_ignore_ascii_case(t))
    };
    for node in doc.descendants().filter(is_source) {
        let source = node.text().unwrap_or("").trim();
        if is_network_path(source) {
            return Err(format!(
                "the VRT names a network source ({source}); a local file is never allowed to reach the network. \
                 Open the URL itself to read remote data"
            ));
        }
        let relative =
            node.attributes().any(|a| a.name().eq_ignore_ascii_case("relativeToVRT") && a.value().trim() == "1");
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

/// How much of a file GDAL looks at to recognise a VRT: `<VRTDataset` anywhere in it (after an XML declaration, a
/// comment, ...) makes the file a VRT.
const HEADER_BYTES: usize = 1024;

/// The text of `path` when GDAL would open it as a VRT, else `None`. Only the header of any other file is read (a
/// mosaic's VRT names hundreds of tiles of many megabytes).
fn read_vrt(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > MAX_VRT_BYTES {
        return None;
    }
    let mut header = Vec::with_capacity(HEADER_BYTES);
    file.by_ref().take(HEADER_BYTES as u64).read_to_end(&mut header).ok()?;
    if !header.windows(b"<VRTDataset".len()).any(|w| w == b"<VRTDataset") {
        return None;
    }
    let mut bytes = header;
    file.read_to_end(&mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
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

    /// Spellings GDAL accepts must not slip past: another case of the names, an XML declaration before the root.
    #[test]
    fn sources_are_found_in_every_spelling_gdal_reads() {
        let dir = tempfile::tempdir().unwrap();
        let vrts = [
            "<VRTDataset><VRTRasterBand><SimpleSource><SourceFilename>/vsicurl/http://h/a.tif</SourceFilename>",
            "<?xml version=\"1.0\"?>\n<VRTDataset><VRTRasterBand><SimpleSource><sourcefilename>https://h/a.tif</sourcefilename>",
            "<!-- a mosaic -->\n<VRTDataset subClass=\"VRTWarpedDataset\"><SOURCEDATASET>/vsis3/b/a.tif</SOURCEDATASET>",
        ];
        for (i, head) in vrts.iter().enumerate() {
            let closing =
                if head.contains("Warped") { "</VRTDataset>" } else { "</SimpleSource></VRTRasterBand></VRTDataset>" };
            let path = dir.path().join(format!("{i}.vrt"));
            std::fs::write(&path, format!("{head}{closing}")).unwrap();
            let refused = refuse_network_sources(&path);
            assert!(refused.as_ref().is_err_and(|e| e.contains("network source")), "{head}: {refused:?}");
        }
        let broken = dir.path().join("broken.vrt");
        std::fs::write(&broken, "<VRTDataset><SourceFilename>a.tif</VRTDataset>").unwrap();
        assert!(refuse_network_sources(&broken).is_err_and(|e| e.contains("not well-formed")));
        let tif = dir.path().join("plain.tif");
        std::fs::write(&tif, b"II*\0 not a VRT").unwrap();
        assert_eq!(refuse_network_sources(&tif), Ok(()));
    }
}
