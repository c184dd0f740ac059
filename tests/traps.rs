//! Traps and rough edges a careful user walks into: a key set with no way
//! to quit, a database or config path that is a FIFO or a device, a pipe
//! closed under a command, a full disk under `funnel demo`, the `--demo`
//! folder left behind by a signal, temporary files others can read.

use std::process::{Command, Stdio};

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

const BIN: &str = env!("CARGO_BIN_EXE_funnel");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `program` with the sandbox's environment, as `Sandbox::cmd` sets it,
/// for what assert_cmd cannot do (a shell's limits, a closed pipe).
fn plain(s: &Sandbox, program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("FUNNEL_DB", &s.db)
        .env("FUNNEL_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", s.dir.path())
        .env_remove("FUNNEL_CONFIG")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    c
}

// 3. Closed pipes and an unwritable output.

/// A pipe whose reading end is already closed: every write to it fails
/// with EPIPE, as when `head` has read its lines and gone.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer
}

fn full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
}

/// Every kind of command: output on stdout, output and a warning, an
/// error on stderr, a usage error and help (printed by clap).
const COMMANDS: &[&[&str]] = &[
    &["task", "list"],
    &["task", "list", "--json"],
    &["task", "add", "written before the output fails"],
    &["task", "done", "999999"],
    &["export"],
    &["report"],
    &["kpi", "show"],
    &["check"],
    &["snapshot"],
    &["metric", "list"],
    &["--bogus"],
    &["--help"],
    &["--version"],
];

#[test]
fn a_closed_pipe_ends_any_command_quietly_and_never_aborts() {
    let s = Sandbox::new();
    s.cmd().arg("demo").assert().success();
    let mut figures = Vec::new();
    for args in COMMANDS {
        // stdout closed (`| head`), then both (`2>&1 | true`).
        for both in [false, true] {
            let mut cmd = plain(&s, BIN);
            cmd.args(*args).stdout(closed_pipe());
            if both {
                cmd.stderr(closed_pipe());
            } else {
                cmd.stderr(Stdio::piped());
            }
            let out = cmd.output().expect("runs");
            let code = out.status.code();
            figures.push(format!(
                "{} {args:?}: {code:?}",
                if both { "2>&1" } else { ">" }
            ));
            let usage = args[0] == "--bogus";
            let failed = args[1..].contains(&"999999");
            let want: &[i32] = if usage || failed { &[1, 2] } else { &[141] };
            assert!(
                code.is_some_and(|c| want.contains(&c)),
                "{args:?} (stderr closed too: {both}) ended {:?}: {}",
                out.status,
                text(&out.stderr)
            );
            if !both && !usage && !failed {
                assert_eq!(text(&out.stderr), "", "{args:?}: quietly");
            }
        }
    }
    println!("closed pipe: {}", figures.join("; "));
}

#[test]
fn an_unwritable_output_is_an_error_and_an_unwritable_stderr_no_abort() {
    let s = Sandbox::new();
    s.cmd().arg("demo").assert().success();
    for args in COMMANDS {
        let usage = args[0] == "--bogus";
        let failed = args[1..].contains(&"999999");
        let out = plain(&s, BIN)
            .args(*args)
            .stdout(full())
            .output()
            .expect("runs");
        let err = text(&out.stderr);
        if usage || failed {
            assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {err}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{args:?} > /dev/full: {err}");
            assert_eq!(
                err,
                "funnel: cannot write to standard output: No space left on device (os error 28)\n",
                "{args:?}"
            );
        }
        // Both streams full: nothing can be said, but no abort.
        let out = plain(&s, BIN)
            .args(*args)
            .stdout(full())
            .stderr(full())
            .output()
            .expect("runs");
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{args:?} >/dev/full 2>&1: {:?}",
            out.status
        );
    }
}
