use std::process::ExitCode;

use clap::Parser;
use clcplus_viewer::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => {
            // Output piped into a command that stops reading (`| head`) ends the program quietly, as for any Unix
            // tool, instead of a failed write.
            // SAFETY: restoring the default action of one signal, before any thread starts.
            #[cfg(unix)]
            unsafe {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            }
            // A bug must not end a script with Rust's panic code 101: report it as an unusable input instead.
            std::panic::set_hook(Box::new(|info| {
                eprintln!("internal error: {info}");
                std::process::exit(2);
            }));
            cli::run(command)
        }
        None => clcplus_viewer::ui::run(args.paths),
    }
}
