//! Traps and rough edges a careful user walks into: a key set with no way
//! to quit, a database or config path that is a FIFO or a device, a pipe
//! closed under a command, a full disk under `funnel demo`, the `--demo`
//! folder left behind by a signal, temporary files others can read.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use funnel::app::{App, Keymap, Overlay, Settings};
use funnel::config::Config;
use funnel::domain::Clock;
use funnel::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

#[path = "support/tmux.rs"]
mod tmux;
use tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_funnel");

/// Long enough for a loaded machine, short against "for ever".
const PATIENCE: Duration = Duration::from_secs(20);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
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

// 1. A key set that leaves no way to quit; Ctrl-c always quits.

fn demo_file(dir: &Path) -> PathBuf {
    let db = dir.join("keys.db");
    let mut store = Store::open(&db).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    db
}

fn app_on(db: &Path, keymap: Keymap) -> App {
    let settings = Settings {
        config: Config::default(),
        keymap,
        clock: Clock::Fixed(today()),
        read_only: false,
        ascii: false,
        db_name: "keys.db".into(),
    };
    App::new(Store::open(db).expect("store"), settings).expect("app")
}

/// A key as the event loop hands it on: an edit of long text goes to the
/// built-in editor.
fn press(app: &mut App, k: KeyEvent) {
    app.on_key(&k);
    if let Some(request) = app.take_edit_request() {
        app.edit_inside(request);
    }
}

fn typed(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        press(app, KeyEvent::new(code, KeyModifiers::NONE));
    }
}

/// Whether the overlay a context needs is open.
type Opened = fn(&Overlay) -> bool;

#[test]
fn ctrl_c_quits_from_every_context_whatever_the_config_says() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo_file(dir.path());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    // The keys that reach each context from a fresh dashboard on Tasks.
    let places: [(&str, &str, Opened); 11] = [
        ("Tasks", "", |o| matches!(o, Overlay::None)),
        ("filter line", "/", |o| matches!(o, Overlay::None)),
        ("task form", "a", |o| matches!(o, Overlay::Form(_))),
        ("delete question", "d", |o| {
            matches!(o, Overlay::Confirm { .. })
        }),
        ("help", "?", |o| matches!(o, Overlay::Help { .. })),
        ("Strategy", "1", |o| matches!(o, Overlay::None)),
        ("built-in editor", "1lll\n", |o| {
            matches!(o, Overlay::Editor(_))
        }),
        ("Plan", "2", |o| matches!(o, Overlay::None)),
        ("KPIs", "4", |o| matches!(o, Overlay::None)),
        ("scope picker", "4/", |o| matches!(o, Overlay::Picker(_))),
        ("KPI form", "4r", |o| matches!(o, Overlay::Form(_))),
    ];
    let mut rebound = std::collections::BTreeMap::new();
    rebound.insert("quit".to_string(), vec!["x".to_string()]);
    rebound.insert("cancel".to_string(), vec!["esc".to_string()]);
    for (config, keymap) in [
        ("defaults", Keymap::default()),
        (
            "quit = [\"x\"]",
            Keymap::with_overrides(&rebound).expect("keys"),
        ),
    ] {
        for (place, keys, there) in places {
            let mut app = app_on(&db, keymap.clone());
            typed(&mut app, keys);
            assert!(there(&app.overlay), "{place}: not open ({:?})", app.status);
            assert!(!app.quit, "{place}: still open before Ctrl-c");
            press(&mut app, ctrl_c);
            assert!(app.quit, "{config}: Ctrl-c in the {place} did not quit");
        }
    }
}

#[test]
fn a_key_set_that_leaves_no_way_to_quit_is_refused_naming_the_file_and_the_key() {
    let s = Sandbox::new();
    s.cmd().arg("demo").assert().success();
    let config = s.dir.path().join("keys.toml");
    for (keys, why) in [
        ("quit = []", "quit = [] leaves no key to quit"),
        ("quit = [\"a\"]", "a is add on the Tasks tab"),
        ("toggle_done = [\"ctrl-c\"]", "Ctrl-c always quits"),
    ] {
        std::fs::write(&config, format!("[keys]\n{keys}\n")).expect("config");
        let out = s
            .cmd()
            .args(["snapshot", "--config"])
            .arg(&config)
            .timeout(PATIENCE)
            .output()
            .expect("runs");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{keys}: {err}");
        assert!(
            err.starts_with(&format!("funnel: {}: [keys] ", config.display())),
            "{keys}: names the file: {err}"
        );
        assert!(err.contains(why), "{keys}: {err}");
    }
    // Ctrl-c alone is a way out.
    std::fs::write(&config, "[keys]\nquit = [\"ctrl-c\"]\n").expect("config");
    s.cmd()
        .args(["snapshot", "--config"])
        .arg(&config)
        .assert()
        .success();
}

// 2. Paths that are not regular files.

#[test]
fn a_database_that_is_not_a_regular_file_is_refused_at_once() {
    let s = Sandbox::new();
    let fifo = s.dir.path().join("fifo.db");
    mkfifo(&fifo);
    let link = s.dir.path().join("link.db");
    std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
    for (db, what) in [
        (fifo.as_path(), "is a FIFO"),
        (link.as_path(), "is a FIFO"),
        (Path::new("/dev/null"), "is a character device"),
        (Path::new("/dev/zero"), "is a character device"),
    ] {
        for args in [
            &["task", "add", "x"][..],
            &["task", "list"],
            &["--read-only", "report"],
        ] {
            let started = Instant::now();
            let out = s
                .cmd()
                .env("FUNNEL_DB", db)
                .args(args)
                .timeout(PATIENCE)
                .output()
                .expect("runs");
            let err = text(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{} {args:?} after {:?}: {err}",
                db.display(),
                started.elapsed()
            );
            assert!(
                err.contains(&format!("{}: {what}, not a regular file", db.display())),
                "{args:?}: {err}"
            );
        }
    }
    // A symlink to a database works; a path with nothing yet is created.
    let real = s.dir.path().join("real.db");
    s.cmd()
        .env("FUNNEL_DB", &real)
        .args(["task", "add", "one"])
        .assert()
        .success();
    let alias = s.dir.path().join("alias.db");
    std::os::unix::fs::symlink(&real, &alias).expect("symlink");
    s.cmd()
        .env("FUNNEL_DB", &alias)
        .args(["task", "done", "1"])
        .assert()
        .success();
}

#[test]
fn a_config_that_is_not_a_regular_file_or_over_1_mb_is_refused() {
    let s = Sandbox::new();
    let fifo = s.dir.path().join("config.fifo");
    mkfifo(&fifo);
    let big = s.dir.path().join("big.toml");
    let mut comments = "# a comment line of a config file grown far too big\n".repeat(20_200);
    comments.push_str("locale = \"vi\"\n");
    assert!(comments.len() > 1024 * 1024);
    std::fs::write(&big, &comments).expect("big config");
    let under = s.dir.path().join("under.toml");
    let mut fits = "# a comment line of a config file grown far too big\n".repeat(20_000);
    fits.push_str("locale = \"vi\"\n");
    assert!(fits.len() < 1024 * 1024);
    std::fs::write(&under, &fits).expect("config");
    for (config, what) in [
        (fifo.as_path(), "is a FIFO, not a regular file"),
        (
            Path::new("/dev/zero"),
            "is a character device, not a regular file",
        ),
        (s.dir.path(), "is a folder, not a regular file"),
        (
            big.as_path(),
            "is over 1 MB (1,048,576 bytes): too big for a config file",
        ),
    ] {
        for how in ["--config", "FUNNEL_CONFIG"] {
            // Memory capped at 2 GB and time at 20 s: reading /dev/zero or a
            // FIFO whole fails here
            // instead of taking the machine's memory or hanging.
            let mut cmd = plain(&s, "sh");
            let mut sh = format!("ulimit -v 2000000; exec timeout 20 '{BIN}' ");
            if how == "--config" {
                sh.push_str(&format!("--config '{}' ", config.display()));
            } else {
                cmd.env("FUNNEL_CONFIG", config);
            }
            sh.push_str("task list");
            let out = cmd.arg("-c").arg(&sh).output().expect("runs");
            let err = text(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{how} {}: {err}",
                config.display()
            );
            assert_eq!(
                err.trim_end(),
                format!("funnel: {}: {what}", config.display()),
                "{how}"
            );
        }
    }
    // Just under the limit reads as before.
    let out = s
        .cmd()
        .arg("--config")
        .arg(&under)
        .args(["task", "add", "một"])
        .assert()
        .success();
    assert_eq!(text(&out.get_output().stdout), "Đã thêm việc 1: một\n");
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

// 4. `funnel demo` on a full disk.

/// A tmpfs of `size` at `dir`, or why it cannot be had (no root, no
/// mount in a container).
fn tmpfs(dir: &Path, size: &str) -> Result<(), String> {
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|e| format!("mount: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(text(&out.stderr).trim().to_string())
    }
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Every size of disk from too small for anything to big enough: `demo`
/// either says it filled the file (and the file holds the whole demo)
/// or says the disk is full and leaves the file empty, so that with room
/// made the next `demo` works.
#[test]
fn demo_on_a_full_disk_writes_all_or_nothing() {
    let s = Sandbox::new();
    let whole = s.ok_tasks(&s.db, true);
    let mut seen = Vec::new();
    for kib in (512..=6144).step_by(512).chain([8192]) {
        let mnt = s.dir.path().join(format!("disk{kib}"));
        std::fs::create_dir(&mnt).expect("dir");
        if let Err(why) = tmpfs(&mnt, &format!("{kib}k")) {
            println!(
                "SKIPPED demo_on_a_full_disk_writes_all_or_nothing: cannot mount a tmpfs ({why})"
            );
            return;
        }
        let _mounted = Mounted(mnt.clone());
        let db = mnt.join("demo.db");
        let out = s
            .cmd()
            .env("FUNNEL_DB", &db)
            .arg("demo")
            .output()
            .expect("runs");
        let err = text(&out.stderr);
        match out.status.code() {
            Some(0) => {
                assert_eq!(s.ok_tasks(&db, false), whole, "{kib} KiB: the whole demo");
                seen.push(format!("{kib} KiB filled"));
            }
            Some(1) => {
                assert_eq!(
                    err, "funnel: the disk is full: nothing was written; make room and try again\n",
                    "{kib} KiB"
                );
                let remount = Command::new("mount")
                    .args(["-o", "remount,size=64m"])
                    .arg(&mnt)
                    .status()
                    .expect("remount");
                assert!(remount.success());
                assert_eq!(s.ok_tasks(&db, false), 0, "{kib} KiB: nothing written");
                let again = s
                    .cmd()
                    .env("FUNNEL_DB", &db)
                    .arg("demo")
                    .output()
                    .expect("runs");
                assert!(
                    again.status.success(),
                    "{kib} KiB, then room made: the next demo works: {}",
                    text(&again.stderr)
                );
                assert_eq!(s.ok_tasks(&db, false), whole, "{kib} KiB then 64 MiB");
                seen.push(format!("{kib} KiB refused"));
            }
            other => panic!("{kib} KiB: {other:?} {err}"),
        }
    }
    println!("demo on a full disk: {}", seen.join(", "));
}

impl Sandbox {
    /// How many tasks `db` holds, after `funnel check` passes on it
    /// (`fill`: run `demo` on it first).
    fn ok_tasks(&self, db: &Path, fill: bool) -> usize {
        if fill {
            self.cmd()
                .env("FUNNEL_DB", db)
                .arg("demo")
                .assert()
                .success();
        }
        if std::fs::metadata(db).map_or(0, |m| m.len()) == 0 {
            return 0;
        }
        let run = |args: &[&str]| {
            let out = self
                .cmd()
                .env("FUNNEL_DB", db)
                .args(args)
                .output()
                .expect("runs");
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
            text(&out.stdout)
        };
        let doc: serde_json::Value = serde_json::from_str(&run(&["export"])).expect("json");
        let tasks = doc["tasks"].as_array().map_or(0, Vec::len);
        if tasks > 0 {
            assert!(run(&["check"]).contains(": ok"));
        }
        tasks
    }
}

// 5 and 6. The `--demo` folder and the editor's file: private, and gone
// on every way out.

/// `funnel --demo` in a tmux pane under umask 000, its temporary files
/// in a folder of the test's own; the pane's shell records how it ended.
struct Demo {
    tmux: Tmux,
    tmp: PathBuf,
    dir: PathBuf,
}

impl Demo {
    fn start(name: &str, dir: &Path, env: &str) -> Demo {
        let tmp = dir.join(format!("tmp-{name}"));
        std::fs::create_dir(&tmp).expect("tmp");
        let d = dir.display();
        let script = format!(
            "cd '{d}'; umask 000; env TMPDIR='{}' FUNNEL_TODAY=2026-11-22 \
             XDG_CONFIG_HOME='{d}' LANG=C.UTF-8 {env} '{BIN}' --demo; \
             echo $? > status-{name}; sleep 600",
            tmp.display()
        );
        let demo = Demo {
            tmux: Tmux::start(&format!("traps-{name}"), &script, 100, 30),
            tmp,
            dir: dir.to_path_buf(),
        };
        demo.tmux.wait_for("3 Tasks", PATIENCE);
        demo
    }

    /// The pid of funnel: the only child of the pane's shell.
    fn pid(&self) -> String {
        let out = self
            .tmux
            .run(&["list-panes", "-t", "t", "-F", "#{pane_pid}"]);
        let shell = text(&out.stdout).trim().to_string();
        let kids = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .unwrap_or_default();
        kids.split_whitespace()
            .next()
            .expect("funnel runs")
            .to_string()
    }

    /// The one `funnel-demo-*` folder, private, with a private database.
    fn private_folder(&self) -> PathBuf {
        let entries: Vec<PathBuf> = std::fs::read_dir(&self.tmp)
            .expect("tmp")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        let folder = entries[0].clone();
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
        assert_eq!(mode(&folder.join("demo.db")), 0o600);
        folder
    }

    /// Waits for funnel to end; its exit status.
    fn ended(&self, name: &str) -> String {
        let status = self.dir.join(format!("status-{name}"));
        let start = Instant::now();
        while !status.exists() {
            assert!(
                start.elapsed() < PATIENCE,
                "{name}: funnel did not end; the screen:\n{}",
                self.tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::fs::read_to_string(&status)
            .expect("status")
            .trim()
            .to_string()
    }

    fn left_behind(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.tmp)
            .expect("tmp")
            .map(|e| e.expect("entry").path())
            .collect()
    }
}

fn signal(name: &str, pid: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), pid])
        .status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -{name} {pid}");
}

#[test]
fn the_demo_folder_is_private_and_goes_on_every_way_out() {
    let dir = tempfile::tempdir().expect("dir");
    let mut figures = Vec::new();
    for way in ["quit", "error", "panic", "TERM", "HUP", "INT"] {
        let env = match way {
            "error" => "FUNNEL_TEST_CRASH=error",
            "panic" => "FUNNEL_TEST_CRASH=panic",
            _ => "",
        };
        let demo = Demo::start(way, dir.path(), env);
        let folder = demo.private_folder();
        match way {
            "quit" => demo.tmux.keys(&["q"]),
            "error" | "panic" => demo.tmux.keys(&["j"]),
            signal_name => signal(signal_name, &demo.pid()),
        }
        let status = demo.ended(way);
        assert!(
            demo.left_behind().is_empty(),
            "{way} (exit {status}) left {} behind",
            folder.display()
        );
        figures.push(format!("{way}: exit {status}, removed"));
    }
    println!(
        "--demo folder 0700, demo.db 0600 under umask 000; {}",
        figures.join("; ")
    );
}

#[test]
fn the_editors_file_is_private_and_goes_with_a_hangup() {
    let dir = tempfile::tempdir().expect("dir");
    let editor = dir.path().join("slow-editor");
    let seen = dir.path().join("seen");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{}.tmp'; mv '{0}.tmp' '{0}'; sleep 600\n",
            seen.display()
        ),
    )
    .expect("editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let demo = Demo::start(
        "editor",
        dir.path(),
        &format!("VISUAL= EDITOR='{}'", editor.display()),
    );
    // The first procedure's steps, in the editor.
    demo.tmux.keys(&["1"]);
    demo.tmux.wait_for("Objectives", PATIENCE);
    demo.tmux.keys(&["h"]);
    demo.tmux.wait_for("Owner: Nguyễn Thu Hà", PATIENCE);
    demo.tmux.keys(&["Enter"]);
    let start = Instant::now();
    while !seen.exists() {
        assert!(start.elapsed() < PATIENCE, "the editor did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut line = String::new();
    std::fs::File::open(&seen)
        .expect("seen")
        .read_to_string(&mut line)
        .expect("read");
    let (file_mode, file) = line.trim().split_once(' ').expect("mode and name");
    assert_eq!(file_mode, "600", "the editor's file {file}");
    assert!(Path::new(file).starts_with(&demo.tmp), "{file}");
    signal("HUP", &demo.pid());
    let status = demo.ended("editor");
    assert!(
        demo.left_behind().is_empty(),
        "a hangup (exit {status}) left {:?}",
        demo.left_behind()
    );
}
