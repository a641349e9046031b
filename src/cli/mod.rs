//! Subcommands: thin, they call the library. Errors are printed once, here, naming the file and the reason; the exit
//! code is 2 for any unusable input or wrong argument (DESIGN.md "Exit codes").

mod args;
mod info;
mod render;
mod stack;

pub use args::{Cli, Command, InfoArgs, RenderArgs};
pub use stack::{load_stack, LoadedStack};

use std::process::ExitCode;

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let ok = match command {
        Command::Info(args) => info::run(&args),
        Command::Render(args) => render::run(&args),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
