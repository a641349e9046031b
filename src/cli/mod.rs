//! Subcommands: thin, they call the library. Errors are printed once, here, naming the file and the reason; the exit
//! code is 2 for any unusable input or wrong argument (DESIGN.md "Exit codes").

mod accuracy;
mod args;
mod change;
mod info;
mod pixel;
mod render;
mod stack;
mod stats;
mod zonal;

pub use args::{
    all_examples, examples_of, AccuracyAction, AccuracyArgs, AccuracyDesignArgs, AccuracyReportArgs, AllocationRule,
    ChangeArgs, Cli, Command, Example, InfoArgs, PixelArgs, RenderArgs, StatsArgs, ZonalArgs, ZonalRule, EXIT_STATUS,
};
pub use stack::{load_stack, LoadedStack};

use std::process::ExitCode;

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let ok = match command {
        Command::Info(args) => info::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Pixel(args) => pixel::run(&args),
        Command::Change(args) => change::run(&args),
        Command::Zonal(args) => zonal::run(&args),
        Command::Accuracy(args) => accuracy::run(&args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
