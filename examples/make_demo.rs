//! Rebuilds the bundled demo tile set: `cargo run --example make_demo -- assets/demo`.
//! With `--size N --out DIR` it writes a tile set of N x N px instead (benchmarks use 10000).

use std::path::PathBuf;
use std::process::ExitCode;

use clcplus_viewer::demo::{write_tileset, TilesetSpec};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut spec = TilesetSpec::default();
    let mut dir = PathBuf::from("assets/demo");
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--size", Some(n)) => match n.parse() {
                Ok(n) => spec.size = n,
                Err(_) => {
                    eprintln!("--size needs a number of pixels");
                    return ExitCode::from(2);
                }
            },
            ("--out", Some(d)) => dir = PathBuf::from(d),
            (d, None) => dir = PathBuf::from(d),
            (other, _) => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    match write_tileset(&dir, &spec) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
