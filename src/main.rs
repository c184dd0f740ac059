//! The `funnel` binary: parse the command line, run it, and turn errors
//! into one line on stderr with exit status 1 (2 for usage errors, by clap).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("funnel: {e}");
    }
    let cli = funnel::cli::Cli::parse();
    match funnel::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("funnel: {e}");
            ExitCode::from(1)
        }
    }
}
