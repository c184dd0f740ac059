//! The real binary in a pseudo-terminal (a tmux pane), every byte it
//! writes recorded with `pipe-pane`: the terminal is put back after a
//! panic, an error and SIGTERM; no truecolor and no braille where the
//! terminal may not show them; and how many bytes a frame costs.
//! `.ci/run` installs tmux where it is missing.
//!
//! The byte figures print with `--nocapture`; `bench/term-bytes.sh`
//! runs them longer and on a large database.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_funnel");

#[path = "support/tmux.rs"]
mod support;
use support::Tmux;

/// A tmux server of the test's own with one pane running funnel, its
/// output appended to `out` from the first byte.
struct Pane {
    tmux: Tmux,
    dir: PathBuf,
}

impl Pane {
    /// Runs `funnel` with `env` (`NAME=value` words for `env`, which
    /// first clears the colour variables) in a `w` x `h` pane; after it
    /// ends the pane's shell writes its exit status to `status` and the
    /// terminal's settings (`stty -a`) to `stty`.
    fn start(name: &str, dir: &Path, db: &Path, env: &str, w: u16, h: u16) -> Pane {
        let d = dir.display();
        let script = format!(
            "cd '{d}'; while [ ! -e go ]; do sleep 0.01; done; \
             env -u COLORTERM -u NO_COLOR FUNNEL_DB='{}' FUNNEL_TODAY=2026-11-22 \
             XDG_CONFIG_HOME='{d}' LANG=C.UTF-8 {env} '{BIN}'; \
             echo $? > status.tmp; stty -a > stty; mv status.tmp status; sleep 600",
            db.display()
        );
        let pane = Pane {
            tmux: Tmux::start(&format!("term-{name}"), &script, w, h),
            dir: dir.to_path_buf(),
        };
        let out = format!("cat >> '{d}/out'");
        assert!(
            pane.tmux
                .run(&["pipe-pane", "-O", "-t", "t", &out])
                .status
                .success()
        );
        std::fs::write(dir.join("go"), "").expect("go");
        pane
    }

    /// Everything funnel wrote so far.
    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.join("out")).unwrap_or_default()
    }

    fn written(&self) -> usize {
        self.bytes().len()
    }

    /// Waits until the output has not grown for `quiet`; returns its size.
    fn settled(&self, quiet: Duration) -> usize {
        let mut size = self.written();
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < quiet {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "output never settled"
            );
            std::thread::sleep(Duration::from_millis(20));
            let now = self.written();
            if now != size {
                size = now;
                since = Instant::now();
            }
        }
        size
    }

    /// Everything funnel wrote once `done` holds of it, or after `limit`
    /// (the caller's checks then say what is missing).
    fn bytes_once(&self, done: impl Fn(&[u8]) -> bool, limit: Duration) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let bytes = self.bytes();
            if done(&bytes) || start.elapsed() > limit {
                return bytes;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the output has grown past `before` (a key's frame has
    /// begun, however loaded the machine), then until it settles.
    fn drawn_after(&self, before: usize, quiet: Duration) -> usize {
        let start = Instant::now();
        while self.written() <= before {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "nothing drawn after the key; the screen:\n{}",
                self.tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        self.settled(quiet)
    }

    /// The exit status of funnel and its terminal's `stty -a` after it.
    fn ended(&self, limit: Duration) -> (String, String) {
        let start = Instant::now();
        let status = self.dir.join("status");
        while !status.exists() {
            assert!(
                start.elapsed() < limit,
                "funnel did not end within {limit:?}; the screen:\n{}",
                self.tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let read = |f: &str| std::fs::read_to_string(self.dir.join(f)).expect("written");
        (read("status").trim().to_string(), read("stty"))
    }

    /// The pid of funnel: the only child of the pane's shell.
    fn funnel_pid(&self) -> String {
        let out = self
            .tmux
            .run(&["list-panes", "-t", "t", "-F", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let children = format!("/proc/{shell}/task/{shell}/children");
        let start = Instant::now();
        loop {
            let kids = std::fs::read_to_string(&children).unwrap_or_default();
            if let Some(pid) = kids.split_whitespace().next() {
                return pid.to_string();
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no funnel process"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The small demo set in `dir`, or a copy of `FUNNEL_BENCH_DB` when set.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("term.db");
    match std::env::var_os("FUNNEL_BENCH_DB") {
        Some(big) => {
            std::fs::copy(&big, &db).expect("copy of FUNNEL_BENCH_DB");
        }
        None => {
            let out = Command::new(BIN)
                .args(["demo", "--db"])
                .arg(&db)
                .env("FUNNEL_TODAY", "2026-11-22")
                .output()
                .expect("funnel demo");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    db
}

/// The byte offset of the last `needle` in `hay`.
fn last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

const ALT_ON: &[u8] = b"\x1b[?1049h";
const ALT_OFF: &[u8] = b"\x1b[?1049l";
const CURSOR_OFF: &[u8] = b"\x1b[?25l";
const CURSOR_ON: &[u8] = b"\x1b[?25h";

/// Whether `bytes` end with the terminal given back: off the alternate
/// screen and the cursor shown after they were last entered and hidden,
/// and with the panic message where there was a panic.
fn restored(bytes: &[u8], panic: bool) -> bool {
    let after = |on: &[u8], off: &[u8]| {
        last(bytes, off).is_some_and(|off| last(bytes, on).is_none_or(|on| off > on))
    };
    after(ALT_ON, ALT_OFF)
        && after(CURSOR_OFF, CURSOR_ON)
        && (!panic || last(bytes, b"a panic on purpose").is_some())
}

/// A panic, an error and SIGTERM, each `FUNNEL_RESTORE_RUNS` times (7
/// unless set): every time funnel leaves the terminal cooked (`icanon`,
/// `echo`), on the main screen, with the cursor shown.
#[test]
fn a_panic_an_error_and_sigterm_always_give_the_terminal_back() {
    let runs: usize = std::env::var("FUNNEL_RESTORE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    let base = tempfile::tempdir().expect("dir");
    let db = database(base.path());
    let mut checked = 0;
    for run in 0..runs {
        for (how, code) in [("panic", "101"), ("error", "1"), ("sigterm", "143")] {
            let dir = base.path().join(format!("{how}-{run}"));
            std::fs::create_dir(&dir).expect("dir");
            let crash = match how {
                "sigterm" => String::new(),
                h => format!("FUNNEL_TEST_CRASH={h}"),
            };
            let pane = Pane::start(&format!("{how}{run}"), &dir, &db, &crash, 100, 30);
            pane.tmux.wait_for("3 Tasks", Duration::from_secs(20));
            // The first frame is whole (the cursor hidden) before the crash.
            pane.settled(Duration::from_millis(200));
            if how == "sigterm" {
                let pid = pane.funnel_pid();
                let killed = Command::new("kill").args(["-TERM", &pid]).status();
                assert!(killed.is_ok_and(|s| s.success()), "kill {pid}");
            } else {
                pane.tmux.keys(&["j"]);
            }
            let (status, stty) = pane.ended(Duration::from_secs(60));
            assert_eq!(status, code, "{how} run {run}: exit status");
            let settings: Vec<&str> = stty.split_whitespace().collect();
            for on in ["icanon", "echo", "isig", "icrnl", "opost"] {
                assert!(
                    settings.contains(&on),
                    "{how} run {run}: the terminal was left without {on}:\n{stty}"
                );
            }
            // pipe-pane hands the last bytes on a moment later: wait for
            // them, as long as a loaded machine may take.
            let bytes = pane.bytes_once(|b| restored(b, how == "panic"), Duration::from_secs(30));
            let entered = last(&bytes, ALT_ON).expect("entered the alternate screen");
            let left = last(&bytes, ALT_OFF).unwrap_or(0);
            assert!(
                left > entered,
                "{how} run {run}: still on the alternate screen"
            );
            let hidden = last(&bytes, CURSOR_OFF).expect("hid the cursor to draw");
            let shown = last(&bytes, CURSOR_ON).unwrap_or(0);
            assert!(
                shown > hidden,
                "{how} run {run}: the cursor was left hidden"
            );
            if how == "panic" {
                // The message is printed on the main screen, where it stays.
                let message = last(&bytes, b"a panic on purpose").expect("the panic message");
                assert!(
                    message > left,
                    "the panic message went to the alternate screen"
                );
            }
            checked += 1;
        }
    }
    println!("terminal restore: {checked} runs (panic, error, SIGTERM × {runs}), all restored");
}

/// A dashboard ended by SIGTERM, SIGHUP or its tmux session killed (what a
/// dropped SSH connection does) closes its database as `q` does: the
/// `-wal` is folded into the file and gone, so a copy of the file alone
/// holds the change made just before.
#[test]
fn sigterm_and_sighup_fold_the_wal_so_a_copy_of_the_file_holds_the_last_change() {
    for how in ["TERM", "HUP", "kill-session"] {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("sig.db");
        let added = Command::new(BIN)
            .args(["task", "add", "Send the newsletter", "--db"])
            .arg(&db)
            .env("FUNNEL_TODAY", "2026-11-22")
            .output()
            .expect("funnel task add");
        assert!(added.status.success(), "{added:?}");
        let pane = Pane::start(&format!("sig-{how}"), dir.path(), &db, "", 100, 30);
        pane.tmux
            .wait_for("Send the newsletter", Duration::from_secs(20));
        pane.tmux.keys(&["Space"]);
        pane.tmux.wait_for("Task 1 done", Duration::from_secs(20));
        let wal = dir.path().join("sig.db-wal");
        assert!(wal.exists(), "{how}: the open dashboard has a WAL");
        let pid = pane.funnel_pid();
        if how == "kill-session" {
            pane.tmux.run(&["kill-session", "-t", "t"]);
            let start = Instant::now();
            while Path::new(&format!("/proc/{pid}")).exists() {
                assert!(
                    start.elapsed() < Duration::from_secs(60),
                    "funnel did not end after its session was killed"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        } else {
            let killed = Command::new("kill")
                .args([&format!("-{how}"), &pid])
                .status();
            assert!(killed.is_ok_and(|s| s.success()), "kill {pid}");
            let (status, _) = pane.ended(Duration::from_secs(60));
            let code = if how == "TERM" { "143" } else { "129" };
            assert_eq!(status, code, "{how}: exit status");
        }
        assert!(!wal.exists(), "{how}: the -wal was left beside the file");
        let copy = dir.path().join("copy");
        std::fs::create_dir(&copy).expect("dir");
        std::fs::copy(&db, copy.join("sig.db")).expect("plain copy");
        let list = Command::new(BIN)
            .args(["task", "list", "--all", "--json", "--db"])
            .arg(copy.join("sig.db"))
            .env("FUNNEL_TODAY", "2026-11-22")
            .output()
            .expect("funnel task list");
        let text = String::from_utf8_lossy(&list.stdout);
        assert!(
            text.contains(r#""status": "done""#) || text.contains(r#""status":"done""#),
            "{how}: the copy lacks the done: {text}"
        );
    }
}

/// What funnel wrote while every tab, view and KPI chart was shown.
fn every_screen(name: &str, env: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let pane = Pane::start(name, dir.path(), &db, env, 120, 40);
    pane.tmux.wait_for("3 Tasks", Duration::from_secs(20));
    let mut keys: Vec<&str> = vec!["b", "b", "?", "Escape", "1", "2", "m", "w", "w", "m", "4"];
    keys.extend(std::iter::repeat_n("c", funnel::app::kpis::VIEWS));
    keys.extend(["[", "m", "m", "]", "/", "Escape", "3", "q"]);
    for k in keys {
        pane.tmux.keys(&[k]);
        pane.settled(Duration::from_millis(150));
    }
    let (status, _) = pane.ended(Duration::from_secs(120));
    assert_eq!(status, "0", "funnel quit with q");
    pane.settled(Duration::from_millis(200));
    pane.bytes()
}

fn truecolor(bytes: &[u8]) -> usize {
    bytes
        .windows(7)
        .filter(|w| w == b"\x1b[38;2;" || w == b"\x1b[48;2;")
        .count()
}

fn braille(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| ('\u{2800}'..='\u{28ff}').contains(c))
        .count()
}

#[test]
fn no_truecolor_and_no_braille_under_no_color_or_a_plain_xterm() {
    for (name, env) in [
        ("nocolor", "NO_COLOR=1 TERM=xterm-256color"),
        ("xterm", "TERM=xterm"),
    ] {
        let bytes = every_screen(name, env);
        assert!(bytes.len() > 10_000, "{name}: only {} bytes", bytes.len());
        assert_eq!(truecolor(&bytes), 0, "{name}: truecolor written");
        assert_eq!(braille(&bytes), 0, "{name}: braille written");
        println!(
            "{name}: {} bytes over every screen, no truecolor, no braille",
            bytes.len()
        );
    }
    // The same visit in a terminal that announces itself draws braille
    // lines: the two checks above look where braille would be.
    let modern = every_screen("modern", "TERM=xterm-256color COLORTERM=truecolor");
    assert!(
        braille(&modern) > 0,
        "a modern terminal gets braille chart lines"
    );
    assert_eq!(truecolor(&modern), 0, "16 colours everywhere");
}

/// Bytes written at 120x40: idle for `FUNNEL_IDLE_SECS` (3 unless set),
/// one cursor move on the Tasks tab, one period change on the KPIs tab.
#[test]
fn idle_writes_nothing_and_a_cursor_move_is_under_4_kb() {
    let idle_secs: u64 = std::env::var("FUNNEL_IDLE_SECS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let pane = Pane::start("bytes", dir.path(), &db, "TERM=xterm-256color", 120, 40);
    pane.tmux.wait_for("3 Tasks", Duration::from_secs(120));
    let first = pane.settled(Duration::from_millis(1500));
    std::thread::sleep(Duration::from_secs(idle_secs));
    let idle = pane.written() - first;

    let mut moves = Vec::new();
    for k in ["j", "j", "j", "k", "j"] {
        let before = pane.settled(Duration::from_millis(300));
        pane.tmux.keys(&[k]);
        moves.push(pane.drawn_after(before, Duration::from_millis(300)) - before);
    }

    pane.tmux.keys(&["4"]);
    pane.tmux.wait_for("KPIs", Duration::from_secs(60));
    let mut periods = Vec::new();
    for k in ["[", "[", "]", "[", "["] {
        let before = pane.settled(Duration::from_millis(1000));
        pane.tmux.keys(&[k]);
        periods.push(pane.drawn_after(before, Duration::from_millis(1000)) - before);
    }
    println!(
        "bytes at 120x40: idle {idle} in {idle_secs} s; cursor moves (j j j k j) {moves:?}; KPIs period changes ([ [ ] [ [) {periods:?}"
    );
    assert_eq!(
        idle, 0,
        "an idle dashboard wrote {idle} bytes in {idle_secs} s"
    );
    for m in &moves {
        assert!(*m > 0, "a cursor move drew nothing: {moves:?}");
        assert!(*m < 4096, "a cursor move wrote {m} bytes: {moves:?}");
    }
    assert!(
        periods.iter().all(|p| *p > 0),
        "a period change drew nothing"
    );
}
