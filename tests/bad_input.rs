//! Odd and broken files on the command line: each fixture is written here, and each either works or ends with exit
//! code 2 and a message naming the file and the reason; never a panic (101), a signal or a hang.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{ras_pattern, viewer, write_byte_layer_on, write_ras, FIXTURE_ORIGIN};

/// Runs the viewer's command line with GDAL's sidecar writing off (so the oracles leave nothing either) and a limit
/// far beyond any of these cases: a hang fails the test instead of stalling CI.
fn cli(args: &[&str]) -> Output {
    let mut cmd = viewer();
    cmd.args(args);
    common::run_within(cmd, std::time::Duration::from_secs(300))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command must end with exit code 2 and say which file failed and why.
fn refused(args: &[&str], file: &Path, reason: &str) {
    let out = cli(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(err.contains(name.as_ref()), "{args:?}: the message names {name}: {err}");
    assert!(err.contains(reason), "{args:?}: the message says '{reason}': {err}");
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{args:?}: {err}");
}

fn works(args: &[&str]) -> String {
    let out = cli(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn gdal(tool: &str, args: &[&str]) {
    let out = Command::new(tool).env("GDAL_PAM_ENABLED", "NO").args(args).output().expect("GDAL's tools run");
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A 600 x 400 RAS tile with overviews, as the fixtures of the other tests.
fn ras(dir: &Path) -> PathBuf {
    write_ras(dir, 2023, 600, 400, &ras_pattern(600, 400))
}

/// Renders `path` into a small PNG and checks that something opaque is drawn.
fn render_draws_classes(path: &Path, dir: &Path) {
    let png = dir.join("out.png");
    works(&["render", s(path), "--out", s(&png), "--size", "300x200"]);
    let (_, _, rgba) = common::read_png(&png);
    assert!(rgba.chunks(4).any(|p| p[3] == 255), "{}: something is drawn", path.display());
}

/// `Value,Count` of each row of `stats --csv`: what two files of one content share whatever their names.
fn value_counts(path: &Path) -> Vec<String> {
    let csv = works(&["stats", s(path), "--csv"]);
    csv.lines().skip(1).map(|l| l.split(',').take(2).collect::<Vec<_>>().join(",")).collect()
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    std::fs::write(&path, b"").unwrap();
    for cmd in ["info", "stats"] {
        refused(&[cmd, s(&path)], &path, "empty (0 bytes)");
    }
    refused(&["render", s(&path), "--out", s(&dir.path().join("o.png"))], &path, "empty (0 bytes)");
}

#[test]
fn a_text_file_named_tif_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.tif");
    std::fs::write(&path, "these are my notes, not a raster\n").unwrap();
    refused(&["info", s(&path)], &path, "not a raster file GDAL can read");
    refused(&["pixel", s(&path), "--at", "0,0"], &path, "not a raster file GDAL can read");
}

#[test]
fn a_truncated_cog_is_refused_when_its_pixels_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let full = ras(dir.path());
    let bytes = std::fs::read(&full).unwrap();
    let path = dir.path().join("truncated.tif");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    refused(&["stats", s(&path)], &path, "cannot read");
}

#[test]
fn a_striped_tiff_without_overviews_opens_with_a_built_pyramid() {
    let dir = tempfile::tempdir().unwrap();
    // Larger than one 512 px tile, so that it needs a pyramid.
    let src = write_ras(dir.path(), 2023, 1300, 900, &ras_pattern(1300, 900));
    let path = dir.path().join("striped.tif");
    gdal("gdal_translate", &["-q", "-co", "TILED=NO", s(&src), s(&path)]);
    let info = works(&["info", s(&path)]);
    assert!(info.contains("Missing: the viewer builds its own pyramid in memory"), "{info}");
    render_draws_classes(&path, dir.path());
    assert_eq!(value_counts(&path), value_counts(&src), "the same pixels, counted the same");
}

#[test]
fn a_raster_without_georeferencing_opens_in_pixel_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.tif");
    write_byte_layer_on(&path, (300, 200), &ras_pattern(300, 200), [0.0, 1.0, 0.0, 0.0, 0.0, 1.0], None, true);
    let info = works(&["info", s(&path)]);
    assert!(info.contains("none (pixel coordinates)"), "{info}");
    render_draws_classes(&path, dir.path());
    let out = works(&["pixel", s(&path), "--crs", "pixel", "--at", "10,3"]);
    assert!(out.lines().nth(1).is_some_and(|l| l.ends_with(&format!(",{}", ras_pattern(300, 200)[3 * 300 + 10]))));
}

#[test]
fn a_float32_copy_counts_as_its_source_and_three_band_rgb_is_imagery() {
    let dir = tempfile::tempdir().unwrap();
    let src = ras(dir.path());
    // The same classes stored as Float32 (GDAL's own conversion): read as classes, each value its own code.
    let float = dir.path().join("float.tif");
    gdal("gdal_translate", &["-q", "-ot", "Float32", s(&src), s(&float)]);
    let info = works(&["info", s(&float)]);
    assert!(info.contains("Float32") && info.contains("whole-number classes"), "{info}");
    assert_eq!(value_counts(&float), value_counts(&src), "the same counts as the byte file");
    render_draws_classes(&float, dir.path());

    let rgb = dir.path().join("rgb.tif");
    gdal("gdal_translate", &["-q", "-expand", "rgb", s(&src), s(&rgb)]);
    let info = works(&["info", s(&rgb)]);
    assert!(info.contains("3 bands (red, green, blue)") && info.contains("imagery"), "{info}");
    render_draws_classes(&rgb, dir.path());
}

#[test]
fn a_one_pixel_raster_opens_counts_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    common::write_byte_layer(&path, (1, 1), &[10], 10.0, true);
    let csv = works(&["stats", s(&path), "--csv"]);
    assert!(csv.lines().any(|l| l.starts_with("10,1,Water,0.0001,")), "{csv}");
    render_draws_classes(&path, dir.path());
}

#[test]
fn a_huge_sparse_raster_renders_within_the_pyramid_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    // 40000 x 40000 px (16 CLMS tiles) declared and one 512 px block written: 1.6 GB of pixels in a few kB. Its
    // finer built levels would pass the in-memory budget, so only the coarse ones are built.
    let (x0, y0) = FIXTURE_ORIGIN;
    let ullr = [x0, y0, x0 + 400_000.0, y0 - 400_000.0].map(|v| v.to_string());
    gdal(
        "gdal_create",
        &[
            "-q",
            "-of",
            "GTiff",
            "-ot",
            "Byte",
            "-outsize",
            "40000",
            "40000",
            "-co",
            "TILED=YES",
            "-co",
            "SPARSE_OK=YES",
            "-a_srs",
            "EPSG:3035",
            "-a_nodata",
            "255",
            "-a_ullr",
            &ullr[0],
            &ullr[1],
            &ullr[2],
            &ullr[3],
            s(&path),
        ],
    );
    {
        let ds = gdal::Dataset::open_ex(
            &path,
            gdal::DatasetOptions { open_flags: gdal::GdalOpenFlags::GDAL_OF_UPDATE, ..Default::default() },
        )
        .unwrap();
        let mut band = ds.rasterband(1).unwrap();
        let mut block = gdal::raster::Buffer::new((4096, 4096), vec![2u8; 4096 * 4096]);
        band.write((20_000, 20_000), (4096, 4096), &mut block).unwrap();
    }
    assert!(std::fs::metadata(&path).unwrap().len() < 20 << 20, "the fixture stays sparse");
    let info = works(&["info", s(&path)]);
    assert!(info.contains("40000 x 40000 px"), "{info}");
    let png = dir.path().join("out.png");
    works(&["render", s(&path), "--out", s(&png), "--size", "400x400"]);
    let (_, _, rgba) = common::read_png(&png);
    let needle = common::expected_rgba(2);
    let drawn = rgba.chunks(4).filter(|p| *p == needle).count();
    // 4096 px of 40000 over 400 image px: about 41 x 41 image pixels of class 2, nothing else drawn.
    assert!((1500..=1900).contains(&drawn), "{drawn} pixels of class 2");
    assert_eq!(rgba.chunks(4).filter(|p| p[3] != 0).count(), drawn);
}

#[test]
fn a_vrt_mosaic_of_two_tiles_counts_both_and_a_missing_source_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let src = ras(dir.path());
    let (left, right) = (dir.path().join("left.tif"), dir.path().join("right.tif"));
    gdal("gdal_translate", &["-q", "-srcwin", "0", "0", "300", "400", s(&src), s(&left)]);
    gdal("gdal_translate", &["-q", "-srcwin", "300", "0", "300", "400", s(&src), s(&right)]);
    let vrt = dir.path().join("mosaic.vrt");
    gdal("gdalbuildvrt", &["-q", s(&vrt), s(&left), s(&right)]);
    let counts = |p: &Path| -> Vec<String> {
        works(&["stats", s(p), "--csv"])
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
            .collect()
    };
    assert_eq!(counts(&vrt), counts(&src), "the mosaic holds exactly the tile's pixels");
    render_draws_classes(&vrt, dir.path());

    let broken = dir.path().join("broken.vrt");
    std::fs::write(&broken, std::fs::read_to_string(&vrt).unwrap().replace("right.tif", "gone.tif")).unwrap();
    refused(&["stats", s(&broken)], &broken, "gone.tif");
}

#[test]
fn values_outside_the_legend_read_as_unknown_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut values = ras_pattern(60, 40);
    values[5 * 60 + 7] = 77;
    let path = write_ras(dir.path(), 2023, 60, 40, &values);
    let x = FIXTURE_ORIGIN.0 + 7.5 * 10.0;
    let y = FIXTURE_ORIGIN.1 - 5.5 * 10.0;
    let json = works(&["pixel", s(&path), "--at", &format!("{x},{y}"), "--json"]);
    assert!(json.contains("77") && json.contains("unknown code"), "{json}");
    let csv = works(&["stats", s(&path), "--csv"]);
    assert!(csv.lines().any(|l| l.starts_with("77,1,unknown code,")), "{csv}");
}

#[test]
fn a_ras_tile_without_colour_table_takes_the_official_palette() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("CLMS_CLCPLUS_RAS_S2023_R10m_E44N36_03035_V01_R00.tif");
    let gt = [FIXTURE_ORIGIN.0, 10.0, 0.0, FIXTURE_ORIGIN.1, 0.0, -10.0];
    write_byte_layer_on(&path, (300, 200), &ras_pattern(300, 200), gt, Some(3035), false);
    let info = works(&["info", s(&path), "--json"]);
    assert!(info.contains("\"source\": \"built-in\""), "{info}");
    let png = dir.path().join("out.png");
    works(&["render", s(&path), "--out", s(&png), "--size", "300x200", "--resolution", "10"]);
    let (_, _, rgba) = common::read_png(&png);
    assert!(rgba.chunks(4).any(|p| p == [255, 0, 0, 255]), "Sealed in the official red");
}

#[test]
fn non_ascii_file_names_work_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("données été 北京");
    std::fs::create_dir_all(&folder).unwrap();
    let src = ras(&folder);
    let path = folder.join("carte d\u{2019}occupation 土地.tif");
    std::fs::rename(&src, &path).unwrap();
    assert!(works(&["info", s(&path)]).contains("土地"));
    works(&["stats", s(&path)]);
    render_draws_classes(&path, &folder);
    // A bad file with such a name is named as it is.
    let bad = folder.join("défectueux 壊れた.tif");
    std::fs::write(&bad, "x").unwrap();
    refused(&["info", s(&bad)], &bad, "not a raster");
}

#[test]
fn a_local_vrt_that_names_a_network_source_is_refused_without_connecting() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let src = ras(dir.path());
    let vrt = dir.path().join("local.vrt");
    gdal("gdalbuildvrt", &["-q", s(&vrt), s(&src)]);
    let text = std::fs::read_to_string(&vrt).unwrap();
    let name = src.file_name().unwrap().to_str().unwrap();
    for (i, url) in [format!("/vsicurl/http://127.0.0.1:{port}/{name}"), format!("http://127.0.0.1:{port}/{name}")]
        .iter()
        .enumerate()
    {
        let remote = dir.path().join(format!("remote{i}.vrt"));
        let xml = text.replace(&format!("relativeToVRT=\"1\">{name}"), &format!("relativeToVRT=\"0\">{url}"));
        assert!(xml.contains(url.as_str()));
        std::fs::write(&remote, &xml).unwrap();
        refused(&["info", s(&remote)], &remote, "network source");
        // A VRT that names that VRT is refused too.
        let outer = dir.path().join(format!("outer{i}.vrt"));
        gdal("gdalbuildvrt", &["-q", s(&outer), s(&vrt)]);
        let outer_xml = std::fs::read_to_string(&outer).unwrap().replace("local.vrt", &format!("remote{i}.vrt"));
        std::fs::write(&outer, outer_xml).unwrap();
        refused(&["stats", s(&outer)], &outer, "network source");
    }
    assert!(listener.accept().is_err(), "nothing connected to the local server");
}

/// Names, sizes and modification times of everything in a folder.
fn listing(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let md = e.metadata().unwrap();
            (e.file_name().to_string_lossy().into_owned(), md.len(), md.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn info_stats_pixel_and_render_leave_the_data_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tiles");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), data.join(entry.file_name())).unwrap();
    }
    let before = listing(&data);
    assert!(before.iter().any(|(n, _, _)| n.ends_with(".tif.aux.xml")), "the copy has the RAS attribute table");
    let tifs: Vec<String> =
        before.iter().filter(|(n, _, _)| n.ends_with(".tif")).map(|(n, _, _)| s(&data.join(n)).to_string()).collect();
    let out = dir.path().join("out.png");
    // Run as a user does: GDAL's sidecar writing left at its default (on).
    let plain = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_clcplus-viewer")).args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    for t in &tifs {
        plain(&["info", t, "--json"]);
        plain(&["stats", t, "--json"]);
        plain(&["stats", t, "--level", "1"]);
    }
    let all: Vec<&str> = tifs.iter().map(String::as_str).collect();
    plain(&[&["pixel"], all.as_slice(), &["--at", "4475000,3630000"]].concat());
    plain(&[&["render"], all.as_slice(), &["--out", s(&out), "--legend"]].concat());
    let ras = tifs.iter().find(|t| t.contains("_RAS_")).unwrap();
    plain(&["render", ras, "--compare", ras, "--mode", "change", "--out", s(&out)]);
    plain(&["change", ras, ras]);
    assert_eq!(listing(&data), before, "nothing was written into or beside the data");
}
