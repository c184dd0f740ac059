//! The `funnel` binary: parse the command line, run it, and turn errors
//! into one line on stderr with exit status 1 (2 for usage errors, by clap).
//! A pipe closed under a command ends it quietly with 141, the status a
//! shell shows for a process stopped by SIGPIPE.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use funnel::cli::CliError;
use funnel::i18n::Format;

/// 128 + SIGPIPE.
const CLOSED_PIPE: u8 = 141;

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
        say(&e.to_string());
    }
    if let Err(e) = funnel::knobs::init() {
        say(&e.to_string());
        return ExitCode::from(1);
    }
    let cli = match funnel::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help, the version or a usage error. clap's own `exit` would take
        // help or the version written to a full or closed output for
        // success; a usage error keeps its status even where its message
        // cannot be written.
        Err(e) => {
            let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            return match e.print() {
                Err(w) if !e.use_stderr() => failed(CliError::from_write(w)),
                _ => code,
            };
        }
    };
    let fmt = funnel::cli::error_format(&cli);
    match funnel::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed_in(e, fmt),
    }
}

fn failed(e: CliError) -> ExitCode {
    failed_in(e, Format::ENGLISH)
}

/// Ends with `e` said in `fmt`'s words.
fn failed_in(e: CliError, fmt: Format) -> ExitCode {
    if let CliError::ClosedPipe = e {
        return ExitCode::from(CLOSED_PIPE);
    }
    // A message may quote what was typed or read: never raw.
    say(&funnel::text::visible(&fmt.error(&e)));
    ExitCode::from(1)
}

/// One line on stderr. Not `eprintln!`, which panics where stderr cannot
/// be written (a closed pipe, a full disk), and the panic's own report
/// then aborts: with nowhere to say it, the exit status says it.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "funnel: {text}");
}
