//! The desktop integration files in `packaging/`: desktop entry, AppStream metainfo (its release notes are the
//! CHANGELOG's), MIME type, icons, and the command line's `--version` and `--help`. Where `desktop-file-validate` and
//! `appstreamcli` are installed (always on CI), the files also pass them.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;
use clcplus_viewer::cli::Cli;

const APP_ID: &str = "io.github.clcplusviewer.Viewer";
const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn desktop_entry() -> Vec<(String, String)> {
    read(&format!("packaging/{APP_ID}.desktop"))
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn key<'a>(entry: &'a [(String, String)], k: &str) -> &'a str {
    entry.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {k}= in the entry"))
}

#[test]
fn desktop_entry_starts_the_binary_with_files_and_names_the_icon_and_mime_types() {
    let entry = desktop_entry();
    assert_eq!(key(&entry, "Name"), "CLCplus Viewer");
    let bin = Path::new(env!("CARGO_BIN_EXE_clcplus-viewer")).file_name().unwrap().to_str().unwrap();
    assert_eq!(key(&entry, "Exec"), format!("{bin} %F"), "files from the file manager come as paths");
    assert_eq!(key(&entry, "Icon"), APP_ID);
    assert_eq!(key(&entry, "StartupWMClass"), APP_ID);
    let mimes: Vec<&str> = key(&entry, "MimeType").split(';').filter(|m| !m.is_empty()).collect();
    assert_eq!(mimes, ["image/tiff", "application/x-gdal-vrt"]);

    // The window announces the same id, so the desktop matches the running window to the entry and its icon.
    assert_eq!(clcplus_viewer::ui::APP_ID, APP_ID);

    // The VRT type is ours to declare: *.vrt, and files that start with <VRTDataset.
    let mime = read(&format!("packaging/{APP_ID}.mime.xml"));
    let doc = roxmltree::Document::parse(&mime).unwrap();
    let ty = doc.descendants().find(|n| n.has_tag_name("mime-type")).unwrap();
    assert_eq!(ty.attribute("type"), Some("application/x-gdal-vrt"));
    assert!(ty.descendants().any(|n| n.has_tag_name("glob") && n.attribute("pattern") == Some("*.vrt")));
    assert!(ty.descendants().any(|n| n.has_tag_name("match") && n.attribute("value") == Some("<VRTDataset")));
}

#[test]
fn icons_exist_at_every_size_and_the_window_uses_the_256_px_one() {
    let svg = read(&format!("packaging/icons/{APP_ID}.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("viewBox"), Some("0 0 256 256"));
    for size in ICON_SIZES {
        let path = repo(&format!("packaging/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"));
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let info = decoder.read_info().unwrap().info().clone();
        assert_eq!((info.width, info.height), (size, size), "{}", path.display());
    }
    let icon = clcplus_viewer::ui::window_icon().expect("the bundled icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Its corner is transparent (rounded tile) and its middle is a class colour, so the pixels are really decoded.
    assert_eq!(icon.rgba[3], 0);
    let at = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4..(y * 256 + x) * 4 + 3].to_vec();
    assert_eq!(at(150, 150), [255, 0, 0], "Sealed red under the framed pixel");
}

/// One release of CHANGELOG.md: `## [version] - date`, its paragraphs and its `### Heading` lists.
struct Release {
    version: String,
    date: String,
    paragraphs: Vec<String>,
    lists: Vec<(String, Vec<String>)>,
}

/// The released versions of a Keep-a-Changelog file, newest first (Unreleased left out). A bullet's continuation
/// lines join it; backticks go and `[text](link)` keeps its text, as AppStream descriptions have no markup for them.
fn changelog_releases(md: &str) -> Vec<Release> {
    let mut releases: Vec<Release> = Vec::new();
    for line in md.lines() {
        if let Some(head) = line.strip_prefix("## [") {
            let (version, rest) = head.split_once(']').unwrap();
            if let Some(date) = rest.strip_prefix(" - ") {
                releases.push(Release {
                    version: version.to_string(),
                    date: date.trim().to_string(),
                    paragraphs: Vec::new(),
                    lists: Vec::new(),
                });
            } else {
                releases.push(Release {
                    version: String::new(),
                    date: String::new(),
                    paragraphs: vec![],
                    lists: vec![],
                });
            }
            continue;
        }
        let Some(r) = releases.last_mut() else { continue };
        if let Some(heading) = line.strip_prefix("### ") {
            r.lists.push((heading.trim().to_string(), Vec::new()));
        } else if let Some(item) = line.strip_prefix("- ") {
            if let Some((_, items)) = r.lists.last_mut() {
                items.push(plain(item));
            }
        } else if line.starts_with("  ") && !line.trim().is_empty() {
            if let Some(last) = r.lists.last_mut().and_then(|(_, items)| items.last_mut()) {
                last.push(' ');
                last.push_str(&plain(line.trim()));
            }
        } else if !line.trim().is_empty() && r.lists.is_empty() {
            r.paragraphs.push(plain(line.trim()));
        }
    }
    releases.retain(|r| !r.version.is_empty());
    releases
}

fn plain(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace('`', "")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `<releases>` element the metainfo must hold, indented as in the file.
fn releases_xml(releases: &[Release]) -> String {
    let mut xml = String::from("  <releases>\n");
    for r in releases {
        xml.push_str(&format!("    <release version=\"{}\" date=\"{}\">\n      <description>\n", r.version, r.date));
        for p in &r.paragraphs {
            xml.push_str(&format!("        <p>{}</p>\n", escape(p)));
        }
        for (heading, items) in &r.lists {
            xml.push_str(&format!("        <p>{}:</p>\n        <ul>\n", escape(heading)));
            for item in items {
                xml.push_str(&format!("          <li>{}</li>\n", escape(item)));
            }
            xml.push_str("        </ul>\n");
        }
        xml.push_str("      </description>\n    </release>\n");
    }
    xml.push_str("  </releases>\n");
    xml
}

#[test]
fn metainfo_release_notes_are_the_changelog_and_its_links_are_ours() {
    let metainfo = read(&format!("packaging/{APP_ID}.metainfo.xml"));
    let releases = changelog_releases(&read("CHANGELOG.md"));
    assert_eq!(releases[0].version, env!("CARGO_PKG_VERSION"), "the newest CHANGELOG release is Cargo.toml's version");
    let expected = releases_xml(&releases);
    let start = metainfo.find("  <releases>\n").expect("a <releases> element");
    let end = metainfo.find("  </releases>\n").expect("a </releases> line") + "  </releases>\n".len();
    assert!(
        metainfo[start..end] == expected,
        "the metainfo's releases differ from CHANGELOG.md; put this in packaging/{APP_ID}.metainfo.xml:\n{expected}"
    );

    let doc = roxmltree::Document::parse(&metainfo).unwrap();
    let text_of = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag)).and_then(|n| n.text()).unwrap();
    assert_eq!(text_of("id"), APP_ID);
    assert_eq!(text_of("launchable"), format!("{APP_ID}.desktop"));
    assert_eq!(text_of("project_license"), env!("CARGO_PKG_LICENSE"));
    assert_eq!(text_of("binary"), "clcplus-viewer");
    let homepage = doc.descendants().find(|n| n.attribute("type") == Some("homepage")).and_then(|n| n.text());
    assert_eq!(homepage, Some(env!("CARGO_PKG_HOMEPAGE")));
    // The screenshot is the one in the repository, at the address the homepage's repository serves it from.
    let image = text_of("image");
    let raw = env!("CARGO_PKG_REPOSITORY").replace("https://github.com/", "https://raw.githubusercontent.com/");
    let in_repo = image.strip_prefix(&format!("{raw}/main/")).expect("the screenshot is served from the repository");
    let shot = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(repo(in_repo)).unwrap()));
    let info = shot.read_info().unwrap().info().clone();
    assert!(info.width >= 1024 && info.height >= 600, "a screenshot of the whole window");
}

/// Runs a validator when it is installed (CI installs both); elsewhere says it was skipped.
fn validate(tool: &str, args: &[&str], file: &str) {
    let run = Command::new(tool).args(args).arg(repo(file)).output();
    match run {
        Ok(out) => assert!(
            out.status.success(),
            "{tool} rejects {file}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) if std::env::var_os("CI").is_none() => eprintln!("{tool} is not installed: {file} not validated"),
        Err(e) => panic!("{tool} is missing on CI: {e}"),
    }
}

#[test]
fn desktop_entry_and_metainfo_pass_their_validators() {
    validate("desktop-file-validate", &[], &format!("packaging/{APP_ID}.desktop"));
    validate("appstreamcli", &["validate", "--no-net", "--explain"], &format!("packaging/{APP_ID}.metainfo.xml"));
}

fn run_cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_clcplus-viewer")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn version_is_cargo_tomls_and_help_lists_every_subcommand_with_examples() {
    assert_eq!(run_cli(&["--version"]).trim(), format!("clcplus-viewer {}", env!("CARGO_PKG_VERSION")));
    let help = run_cli(&["--help"]);
    let cmd = Cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
    assert_eq!(names, ["info", "render", "stats", "pixel", "change", "zonal", "accuracy"]);
    for name in names {
        assert!(help.contains(&format!("\n  {name} ")), "--help lists {name}");
        let example = format!("clcplus-viewer {name} ");
        assert!(help.contains(&example), "--help has an example of {name}");
        let own = run_cli(&[name, "--help"]);
        assert!(own.contains("Examples:") && own.contains(&example), "{name} --help has its examples");
        assert!(own.contains("Exit codes: 0 success, 2"), "{name} --help gives the exit codes");
    }
}
