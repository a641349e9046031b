//! `stats` and `pixel` against oracles no one here wrote: `gdalinfo -hist -json`, `gdallocationinfo -valonly`, and
//! direct reads with the gdal crate. The oracles run on copies in a temporary folder with GDAL_PAM_ENABLED=NO, so
//! nothing is written beside the data.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::time::{Duration, Instant};

use clcplus_viewer::raster::Aligned;
use clcplus_viewer::stats::{PixelWindow, StatsOutput, StatsRequest, StatsWorker};
use serde_json::Value;

const IMD_10M: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/IMD_2018_010m_eu_03035_v0_1.tif");

/// A copy of `src` in `dir`, so the oracle never writes beside the original.
fn copy_into(src: &Path, dir: &Path) -> PathBuf {
    let dst = dir.join(src.file_name().expect("file name"));
    std::fs::copy(src, &dst).expect("copy");
    dst
}

/// Value -> count from `gdalinfo -hist -json` of a byte raster (256 buckets of width 1 from -0.5).
fn gdal_histogram(path: &Path) -> BTreeMap<u32, u64> {
    let out = Command::new("gdalinfo")
        .args(["-hist", "-json"])
        .arg(path)
        .env("GDAL_PAM_ENABLED", "NO")
        .output()
        .expect("gdalinfo runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("gdalinfo JSON");
    let h = &v["bands"][0]["histogram"];
    assert_eq!((h["count"].as_u64(), h["min"].as_f64(), h["max"].as_f64()), (Some(256), Some(-0.5), Some(255.5)));
    h["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_u64().filter(|&c| c > 0).map(|c| (i as u32, c)))
        .collect()
}

/// Value -> count from `stats --json`, without the nodata value (gdalinfo leaves it out).
fn our_histogram(path: &Path, extra: &[&str], nodata: Option<u32>) -> BTreeMap<u32, u64> {
    let mut args = vec!["stats".to_string(), path.to_string_lossy().into_owned(), "--json".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let out = common::run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["value"].as_u64().expect("value") as u32, r["count"].as_u64().expect("count")))
        .filter(|(v, _)| Some(*v) != nodata)
        .collect()
}

#[test]
fn exact_counts_equal_gdalinfo_hist_on_a_fixture_and_on_the_real_sample() {
    if !common::oracle_or_skip("gdalinfo") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 1300, 900);
    assert_eq!(our_histogram(&ras, &[], Some(255)), gdal_histogram(&ras));
    let imd = copy_into(Path::new(IMD_10M), dir.path());
    let ours = our_histogram(&imd, &[], Some(255));
    assert_eq!(ours, gdal_histogram(&imd));
}

#[test]
fn a_bbox_count_equals_a_direct_read_of_that_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, values) = common::write_ras_fixture(dir.path(), 1300, 900);
    // Pixel centres of columns 101..=350 and rows 41..=260: the box edges lie between centres.
    let bbox = "4401010,3697390,4403510,3699590";
    let ours = our_histogram(&ras, &["--bbox", bbox], None);
    let mut direct = BTreeMap::new();
    for r in 41..=260 {
        for c in 101..=350 {
            *direct.entry(values[r * 1300 + c] as u32).or_insert(0u64) += 1;
        }
    }
    assert_eq!(ours, direct);
    // The same window read by the gdal crate itself.
    let ds = gdal::Dataset::open(&ras).expect("open");
    let band = ds.rasterband(1).expect("band");
    let buf = band.read_as::<u8>((101, 41), (250, 220), (250, 220), None).expect("read");
    let mut by_gdal = BTreeMap::new();
    for v in buf.data() {
        *by_gdal.entry(*v as u32).or_insert(0u64) += 1;
    }
    assert_eq!(ours, by_gdal);
}

#[test]
fn csv_has_the_attribute_table_columns_and_shares_of_the_mapped_area() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, values) = common::write_ras_fixture(dir.path(), 700, 500);
    let out = common::run(&["stats", &ras.to_string_lossy(), "--csv"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Value,Count,Class_name,Area_km2,Area_perc"));
    let mapped = values.iter().filter(|&&v| (1..=11).contains(&v)).count() as f64;
    let sealed = values.iter().filter(|&&v| v == 1).count();
    let row1 = lines.next().expect("a row");
    assert_eq!(
        row1,
        format!("1,{sealed},Sealed,{:.4},{:.4}", sealed as f64 * 100.0 / 1e6, sealed as f64 * 100.0 / mapped)
    );
    let technical: Vec<&str> =
        text.lines().filter(|l| l.starts_with("253,") || l.starts_with("254,") || l.starts_with("255,")).collect();
    assert_eq!(technical.len(), 3);
    assert!(technical.iter().all(|l| l.ends_with(',')), "technical rows leave Area_perc empty: {technical:?}");
}

#[test]
fn overview_counts_say_they_are_approximate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ras, _) = common::write_ras_fixture(dir.path(), 1300, 900);
    let out = common::run(&["stats", &ras.to_string_lossy(), "--level", "1", "--json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["exact"], false);
    assert_eq!(v["total_pixels"], 650 * 450);
    assert_eq!(v["pixel_area_m2"], 400.0);
    let out = common::run(&["stats", &ras.to_string_lossy(), "--level", "9"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn pixel_equals_gdallocationinfo_on_1000_random_points() {
    if !common::oracle_or_skip("gdallocationinfo") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<PathBuf> = clcplus_viewer::demo::find_demo_files()
        .expect("demo tile set")
        .iter()
        .map(|f| copy_into(f, dir.path()))
        .collect();
    // Deterministic pseudo-random points over the demo extent and a margin around it (some fall outside).
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let points: Vec<(f64, f64)> =
        (0..1000).map(|_| (4_469_000.0 + next() * 22_000.0, 3_619_000.0 + next() * 22_000.0)).collect();
    let input: String = points.iter().map(|(x, y)| format!("{x} {y}\n")).collect();
    let mut args = vec!["pixel".to_string()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let mut child = common::viewer()
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write points");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ours: Vec<Vec<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').skip(2).map(String::from).collect())
        .collect();
    assert_eq!(ours.len(), 1000);
    for (i, file) in files.iter().enumerate() {
        let mut child = Command::new("gdallocationinfo")
            .args(["-valonly", "-geoloc"])
            .arg(file)
            .env("GDAL_PAM_ENABLED", "NO")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("gdallocationinfo runs");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write points");
        let oracle = child.wait_with_output().expect("output");
        let oracle: Vec<String> =
            String::from_utf8_lossy(&oracle.stdout).lines().map(|l| l.trim().to_string()).collect();
        assert_eq!(oracle.len(), 1000, "one line per point from gdallocationinfo");
        for (p, (o, row)) in oracle.iter().zip(&ours).enumerate() {
            assert_eq!(&row[i], o, "point {p} {:?}, file {}", points[p], file.display());
        }
    }
    let outside = ours.iter().filter(|r| r[0].is_empty()).count();
    assert!(outside > 0 && outside < 300, "{outside} points outside: some, not most");
}

#[test]
fn joint_counts_of_two_layers_equal_a_direct_count() {
    let files = clcplus_viewer::demo::find_demo_files().expect("demo");
    let ras = files.iter().find(|p| p.to_string_lossy().contains("_RAS_")).expect("RAS");
    let conf = files.iter().find(|p| p.to_string_lossy().contains("_RASCL_")).expect("RASCL");
    let window = clcplus_viewer::stats::PixelWindow { x: 300, y: 450, w: 1200, h: 900 };
    let progress = clcplus_viewer::stats::CountProgress::default();
    let pairs = clcplus_viewer::stats::count_pairs(
        &Aligned::as_is(ras.to_string_lossy()),
        &Aligned::as_is(conf.to_string_lossy()),
        window,
        2,
        256,
        &progress,
    )
    .expect("counted")
    .expect("not cancelled");
    let read = |p: &Path| {
        let ds = gdal::Dataset::open(p).expect("open");
        let band = ds.rasterband(1).expect("band");
        band.read_as::<u8>((300, 450), (1200, 900), (1200, 900), None).expect("read").into_shape_and_vec().1
    };
    let (a, b) = (read(ras), read(conf));
    let mut direct = BTreeMap::new();
    for (x, y) in a.iter().zip(&b) {
        *direct.entry((*x as u32, *y as u32)).or_insert(0u64) += 1;
    }
    assert_eq!(pairs.0, direct);
    assert_eq!(pairs.total(), 1200 * 900);
}

#[test]
fn the_quiz_sampler_picks_a_pixel_of_each_value_uniformly_and_counts_them() {
    use clcplus_viewer::stats::{sample_pixel_per_value, PixelWindow, Rng};
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (300, 200);
    let (ras, values) = common::write_ras_fixture(dir.path(), w, h);
    let path = ras.to_string_lossy().to_string();
    let window = PixelWindow { x: 20, y: 10, w: 150, h: 120 };
    let mut expected = std::collections::BTreeMap::new();
    for r in window.y..window.y + window.h {
        for c in window.x..window.x + window.w {
            *expected.entry(values[r * w + c] as u32).or_insert(0u64) += 1;
        }
    }
    // Class 1 lies on the diagonal and in blocks: over many draws its pick lands in many places.
    let mut ones = std::collections::BTreeSet::new();
    for seed in 1..=40 {
        let picked = sample_pixel_per_value(&path, window, &mut Rng::new(seed)).expect("sampled");
        let counts: std::collections::BTreeMap<u32, u64> = picked.iter().map(|(&v, s)| (v, s.count)).collect();
        assert_eq!(counts, expected, "counts of the window");
        for (&v, s) in &picked {
            let (c, r) = s.pixel;
            assert!((window.x..window.x + window.w).contains(&c) && (window.y..window.y + window.h).contains(&r));
            assert_eq!(values[r * w + c] as u32, v, "pixel ({c}, {r}) holds {v}");
        }
        ones.insert(picked[&1].pixel);
    }
    assert!(ones.len() > 20, "picks spread over the class: {} distinct of 40", ones.len());
}

fn whole_file_request(path: &Path, generation: u64, (w, h): (usize, usize)) -> StatsRequest {
    StatsRequest {
        pixels: None,
        generation,
        layer_id: 1,
        path: path.to_string_lossy().into_owned(),
        level: 0,
        window: PixelWindow { x: 0, y: 0, w, h },
        pair_with: None,
    }
}

/// A counter with a bug on windows wider than 100 px; smaller ones are counted for real.
fn counter_that_panics_on_wide_windows(
    req: &StatsRequest,
    threads: usize,
    progress: &clcplus_viewer::stats::CountProgress,
) -> Result<Option<StatsOutput>, String> {
    assert!(req.window.w <= 100, "a bug in the counter");
    clcplus_viewer::stats::count_request(req, threads, progress)
}

#[test]
fn a_panic_in_the_statistics_worker_is_reported_and_the_worker_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, values) = common::write_ras_fixture(dir.path(), 512, 512);
    let worker = StatsWorker::with_counter(2, counter_that_panics_on_wide_windows);
    let wait = |worker: &StatsWorker| {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(done) = worker.try_recv() {
                return done.result;
            }
            assert!(Instant::now() < deadline, "the worker answered nothing");
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    assert!(worker.request(whole_file_request(&path, 0, (512, 512))));
    let message = wait(&worker).expect_err("the panic is an error");
    assert!(message.contains("a bug in the counter") && message.contains("CLMS_CLCPLUS_RAS"), "{message}");
    assert!(message.contains("restarted"), "{message}");
    // The same worker counts the next request, exactly.
    assert!(worker.request(whole_file_request(&path, 0, (100, 100))));
    let Ok(StatsOutput::Counts(counts)) = wait(&worker) else { panic!("the next request is counted") };
    let expected = (0..100).flat_map(|r| values[r * 512..r * 512 + 100].to_vec()).filter(|&v| v == 1).count();
    assert_eq!(counts.0[1], expected as u64);
}

#[test]
fn a_cancelled_count_sends_nothing_and_leaves_no_thread_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (w, h) = (8192, 4096);
    let (path, _) = common::write_ras_fixture(dir.path(), w, h);
    let worker = StatsWorker::new(1);
    assert!(worker.request(whole_file_request(&path, 1, (w, h))));
    let deadline = Instant::now() + Duration::from_secs(30);
    // The thread names itself once it runs.
    while !common::thread_names().iter().any(|n| n == "stats") {
        assert!(Instant::now() < deadline, "no thread named stats");
        std::thread::sleep(Duration::from_millis(1));
    }
    while worker.progress().is_none_or(|p| p == 0.0) {
        assert!(Instant::now() < deadline, "the count did not start");
        std::thread::sleep(Duration::from_millis(1));
    }
    worker.new_generation(2);
    let progress_at_cancel = worker.progress();
    std::thread::sleep(Duration::from_millis(500));
    assert!(worker.try_recv().is_none(), "a cancelled count sent a result");
    assert!(worker.progress().is_none(), "the count stopped (it was at {progress_at_cancel:?})");
    drop(worker);
    let left: Vec<String> = common::thread_names().into_iter().filter(|n| n == "stats").collect();
    assert!(left.is_empty(), "threads left: {left:?}");
}
