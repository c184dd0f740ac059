//! The `funnel` binary: parse the command line, run it, and turn errors
//! into one line on stderr with exit status 1 (2 for usage errors, by clap).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A crash report in colour only where colour is welcome.
    let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || !std::io::stderr().is_terminal();
    let hooks = if plain {
        color_eyre::config::HookBuilder::default().theme(color_eyre::config::Theme::new())
    } else {
        color_eyre::config::HookBuilder::default()
    };
    if let Err(e) = hooks.install() {
        eprintln!("funnel: {e}");
    }
    let cli = funnel::cli::Cli::parse();
    match funnel::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A message may quote what was typed or read: never raw.
            eprintln!("funnel: {}", funnel::text::visible(&e.to_string()));
            ExitCode::from(1)
        }
    }
}
