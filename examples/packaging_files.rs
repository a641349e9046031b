//! Writes the files of the `.deb` that come from the command-line definitions: man pages (one for the viewer, one per
//! subcommand, each with its examples) and shell completions for bash, zsh and fish.
//! `cargo run --example packaging_files -- target/packaging` (what `packaging/build-deb.sh` runs).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;
use clcplus_viewer::cli::{self, Cli, Example};

const BIN: &str = "clcplus-viewer";

fn main() -> ExitCode {
    let out = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target/packaging"));
    match write_all(&out) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("packaging_files: cannot write into {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn write_all(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let man_dir = out.join("man");
    let completion_dir = out.join("completions");
    fs::create_dir_all(&man_dir)?;
    fs::create_dir_all(&completion_dir)?;
    let mut written = Vec::new();

    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let subcommands: Vec<clap::Command> = cmd.get_subcommands().cloned().collect();
    let see_also: Vec<String> = subcommands.iter().map(|s| format!("{BIN}-{}(1)", s.get_name())).collect();

    let path = man_dir.join(format!("{BIN}.1"));
    fs::write(&path, man_page(&cmd, cli::all_examples(), &see_also, true)?)?;
    written.push(path);
    for sub in &subcommands {
        let examples = cli::examples_of(sub.get_name()).ok_or_else(|| {
            std::io::Error::other(format!("no examples listed for the subcommand {}", sub.get_name()))
        })?;
        let path = man_dir.join(format!("{BIN}-{}.1", sub.get_name()));
        fs::write(&path, man_page(sub, examples, &[format!("{BIN}(1)")], false)?)?;
        written.push(path);
    }

    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        written.push(clap_complete::generate_to(shell, &mut cmd, BIN, &completion_dir)?);
    }
    Ok(written)
}

/// clap_mangen's sections, with EXAMPLES (each command bold, what it does under it), EXIT STATUS, ENVIRONMENT and
/// FILES (the viewer's page only) and SEE ALSO in place of its EXTRA section, which would run the examples together.
fn man_page<'a>(
    cmd: &clap::Command,
    examples: impl IntoIterator<Item = &'a Example>,
    see_also: &[String],
    is_viewer: bool,
) -> std::io::Result<Vec<u8>> {
    let man = Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }

    let mut roff = Roff::default();
    roff.control("SH", ["EXAMPLES"]);
    for e in examples {
        roff.control("TP", []);
        roff.text([bold(e.command)]);
        roff.text([roman(e.what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(cli::EXIT_STATUS)]);
    if is_viewer {
        roff.control("SH", ["ENVIRONMENT"]);
        roff.control("TP", []);
        roff.text([bold("CLCPLUS_VIEWER_CONFIG_DIR")]);
        roff.text([roman(
            "Folder of the settings file (recent files, GPU budget, figure size) instead of the platform's.",
        )]);
        roff.control("TP", []);
        roff.text([bold("GDAL_HTTP_TIMEOUT")]);
        roff.text([roman(
            "Seconds GDAL waits for each HTTP request of a URL opened on purpose (default 30); \
             GDAL_HTTP_CONNECTTIMEOUT (10) and GDAL_HTTP_MAX_RETRY (2) are honoured too.",
        )]);
        roff.control("TP", []);
        roff.text([bold("SOURCE_DATE_EPOCH")]);
        roff.text([roman("Seconds since 1970 to print as the date of figures, for reproducible output.")]);
        roff.control("SH", ["FILES"]);
        roff.control("TP", []);
        roff.text([bold("~/.config/clcplus-viewer/settings.json")]);
        roff.text([roman("The window's settings, written atomically.")]);
        roff.control("TP", []);
        roff.text([bold("/usr/share/clcplus-viewer/demo/")]);
        roff.text([roman("The synthetic demo tile set opened when no file is given.")]);
        roff.control("SH", ["NOTES"]);
        roff.text([roman(
            "Generated using European Union's Copernicus Land Monitoring Service information. Real CLMS tiles are \
             downloaded from https://land.copernicus.eu/ (free account).",
        )]);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(see_also.join(", "))]);
    roff.to_writer(&mut page)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    page.flush()?;
    Ok(page)
}
