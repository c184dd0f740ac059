//! The bad input corpus (tests/corpus/, listed in its README.md): every
//! case run through the real binary on a fresh database, checked against
//! what tests/corpus/manifest.toml says must happen. A rejected input
//! changes nothing; a good file imported twice adds nothing the second
//! time; no message or listing lets a control character reach the
//! terminal. Also: files that are not funnel databases given as --db.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[derive(Debug, Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

/// One input and what must happen to it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// orders, kpis, import (a JSON export) or cli (arguments only).
    category: String,
    /// The input file, relative to tests/corpus.
    file: Option<String>,
    /// The whole command for `cli`; `hex:` marks an argument given as
    /// raw bytes. Extra arguments after the file for the others.
    #[serde(default)]
    args: Vec<String>,
    /// Commands run first (they must succeed).
    #[serde(default)]
    setup: Vec<Vec<String>>,
    note: String,
    /// imported / accepted, or rejected.
    expect: String,
    /// The exit status of a rejection (1; 2 for a usage error).
    code: Option<i32>,
    /// Every one of these is in the one-line message of a rejection.
    #[serde(default)]
    error: Vec<String>,
    /// Exactly the orders stored afterwards: `ref|customer|day|amount|segment`.
    orders: Option<Vec<String>>,
    /// Exactly the KPI values stored: `day|metric|dimension|value`.
    kpis: Option<Vec<String>>,
    /// Exactly the tasks stored: `title|due`.
    tasks: Option<Vec<String>>,
    /// The export afterwards equals this file (relative to tests/corpus).
    same_as: Option<String>,
}

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn run<I: AsRef<std::ffi::OsStr>>(&self, args: impl IntoIterator<Item = I>) -> Run {
        let out = self.cmd().args(args).output().expect("run funnel");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        r.stdout
    }

    fn export(&self) -> String {
        self.ok(&["export"])
    }
}

/// Characters that act on a terminal instead of showing.
fn raw_hostile(text: &str) -> Option<char> {
    text.chars().find(|c| {
        (c.is_control() && *c != '\n' && *c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn hex(s: &str) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect();
    OsString::from_vec(bytes)
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn orders(export: &Value) -> Vec<String> {
    let list = export["orders"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|o| {
            ["order_ref", "customer", "day", "amount", "segment"]
                .map(|k| text(&o[k]))
                .join("|")
        })
        .collect()
}

fn kpis(export: &Value) -> Vec<String> {
    let list = export["kpi_values"].as_array().cloned().unwrap_or_default();
    let mut out: Vec<String> = list
        .iter()
        .map(|v| {
            let d = &v["dimension"];
            let dim = match d.get("id") {
                Some(id) => format!("{}:{id}", text(&d["kind"])),
                None => text(&d["kind"]),
            };
            format!(
                "{}|{}|{dim}|{}",
                text(&v["day"]),
                text(&v["metric"]),
                text(&v["value"])
            )
        })
        .collect();
    out.sort();
    out
}

fn tasks(export: &Value) -> Vec<String> {
    let list = export["tasks"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|t| format!("{}|{}", text(&t["title"]), text(&t["due"])))
        .collect()
}

/// Runs one case; `Err` says how it surprised.
fn check(case: &Case) -> Result<(), String> {
    let s = Sandbox::new();
    if case.category == "import" {
        // An import needs an empty database: made, then emptied.
        s.ok(&["task", "add", "seed"]);
        s.ok(&["task", "rm", "1"]);
    } else {
        s.ok(&["task", "add", "seed"]);
    }
    for command in &case.setup {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        s.ok(&args);
    }
    let mut args: Vec<OsString> = match case.category.as_str() {
        "orders" => vec!["orders".into(), "import".into()],
        "kpis" => vec!["kpi".into(), "import".into()],
        "import" => vec!["import".into()],
        _ => vec![],
    };
    if let Some(file) = &case.file {
        args.push(corpus().join(file).into_os_string());
    }
    args.extend(case.args.iter().map(|a| match a.strip_prefix("hex:") {
        Some(h) => hex(h),
        None => OsString::from(a),
    }));
    let before = s.export();
    let r = s.run(&args);
    if let Some(c) = raw_hostile(&r.stdout).or_else(|| raw_hostile(&r.stderr)) {
        return Err(format!("U+{:04X} reached the terminal raw", c as u32));
    }
    let after = s.export();
    if case.expect == "rejected" {
        if r.code != Some(case.code.unwrap_or(1)) {
            return Err(format!("exit {:?}, stdout {}", r.code, r.stdout));
        }
        if let Some(missing) = case.error.iter().find(|e| !r.stderr.contains(e.as_str())) {
            return Err(format!("message lacks {missing:?}: {}", r.stderr.trim()));
        }
        if case.code.unwrap_or(1) == 1 && r.stderr.trim_end().lines().count() != 1 {
            return Err(format!("not one line: {}", r.stderr));
        }
        if after != before {
            return Err("a rejected input changed the database".into());
        }
        return Ok(());
    }
    if r.code != Some(0) {
        return Err(format!("exit {:?}: {}", r.code, r.stderr.trim()));
    }
    let doc: Value = serde_json::from_str(&after).map_err(|e| e.to_string())?;
    let seen = [
        (&case.orders, orders(&doc), "orders"),
        (&case.kpis, kpis(&doc), "KPI values"),
        (&case.tasks, tasks(&doc), "tasks"),
    ];
    for (want, got, what) in seen {
        if let Some(want) = want
            && *want != got
        {
            return Err(format!("{what}: want {want:?}, got {got:?}"));
        }
    }
    if let Some(file) = &case.same_as {
        let text = std::fs::read_to_string(corpus().join(file)).map_err(|e| e.to_string())?;
        let want: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        if want != doc {
            return Err(format!("the export differs from {file}"));
        }
    }
    if case.category != "cli" {
        // The same file again adds nothing (a JSON export is refused:
        // the database is no longer empty).
        let again = s.run(&args);
        let expected = if case.category == "import" { 1 } else { 0 };
        if again.code != Some(expected) {
            return Err(format!("second import: exit {:?}", again.code));
        }
        if s.export() != after {
            return Err("importing the file twice added to the database".into());
        }
    }
    Ok(())
}

#[test]
fn every_corpus_case_imports_exactly_or_changes_nothing() {
    let text = std::fs::read_to_string(corpus().join("manifest.toml")).expect("manifest");
    let manifest: Manifest = toml::from_str(&text).expect("a valid manifest");
    // (tried, imported or accepted, rejected) per category.
    for case in &manifest.case {
        assert!(
            !case.note.is_empty()
                && matches!(case.expect.as_str(), "imported" | "accepted" | "rejected"),
            "{}: a note and an expectation",
            case.name
        );
    }
    // Four at a time: each case is a few processes that mostly wait.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(usize, Result<(), String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(case) = manifest.case.get(i) else {
                            break done;
                        };
                        done.push((i, check(case)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker"))
            .collect()
    });
    let mut figures: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut surprises = Vec::new();
    for (i, result) in results {
        let case = &manifest.case[i];
        let f = figures.entry(case.category.as_str()).or_default();
        f.0 += 1;
        match result {
            Ok(()) if case.expect == "rejected" => f.2 += 1,
            Ok(()) => f.1 += 1,
            Err(why) => surprises.push(format!("{}: {why}", case.name)),
        }
    }
    surprises.sort();
    let total = figures
        .values()
        .fold((0, 0, 0), |a, f| (a.0 + f.0, a.1 + f.1, a.2 + f.2));
    for (category, (tried, imported, rejected)) in &figures {
        println!("corpus {category}: {tried} tried, {imported} imported, {rejected} rejected");
    }
    println!(
        "corpus total: {} inputs tried, {} imported, {} rejected, {} surprises",
        total.0,
        total.1,
        total.2,
        surprises.len()
    );
    for s in &surprises {
        println!("surprise: {s}");
    }
    assert!(total.0 >= 60, "at least 60 inputs");
    assert!(surprises.is_empty(), "{surprises:#?}");
}

/// Stores hostile text the way another tool (or an older funnel) could,
/// straight into the file, and looks at everything that shows it.
#[test]
fn hostile_text_stored_by_another_tool_is_shown_not_obeyed() {
    let s = Sandbox::new();
    s.ok(&["task", "add", "placeholder"]);
    s.ok(&["segment", "add", "placeholder"]);
    let hostile = "Viết\u{1b}[2J\u{7}bài\r\0x\u{202e}cba\u{9b}31m";
    let conn = rusqlite::Connection::open(&s.db).expect("sqlite");
    conn.execute("UPDATE tasks SET title = ?1", [hostile])
        .expect("title");
    conn.execute("UPDATE segments SET name = ?1", [hostile])
        .expect("segment");
    drop(conn);
    let shown = "Viết␛[2J␇bài␍␀x\u{fffd}cba\u{fffd}31m";
    for args in [
        &["task", "list"][..],
        &["segment", "list"],
        // Before `task done`: the Tasks tab hides done tasks.
        &["snapshot", "--tab", "tasks", "--size", "120x30"],
        &["task", "done", "1"],
    ] {
        let out = s.ok(args);
        if let Some(c) = raw_hostile(&out) {
            panic!(
                "{args:?}: U+{:04X} reached the terminal raw:\n{out}",
                c as u32
            );
        }
        if args[0] != "snapshot" {
            assert!(out.contains(shown), "{args:?} shows it: {out}");
        } else {
            // The TUI's drawing drops control characters; the rest shows.
            assert!(out.contains("Viết[2Jbàixcba31m"), "{args:?}: {out}");
        }
    }
    // JSON keeps the data exactly, escaped.
    let export = s.export();
    assert!(raw_hostile(&export).is_none());
    let doc: Value = serde_json::from_str(&export).expect("json");
    assert_eq!(doc["tasks"][0]["title"], hostile);
}

/// Whether this process runs as root, which reads and writes whatever the
/// permission bits say: a file it makes is owned by uid 0.
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "").expect("probe");
    let root = std::fs::metadata(&probe).expect("meta").uid() == 0;
    std::fs::remove_file(&probe).expect("remove probe");
    root
}

/// `funnel` as a user whom permission bits bind: the current one, or
/// `nobody` (through setpriv) where the tests run as root.
fn bound_by_permissions(s: &Sandbox, args: &[&str]) -> Run {
    let bin = assert_cmd::cargo::cargo_bin("funnel");
    let mut c = if running_as_root(s.dir.path()) {
        // A copy in the sandbox: `nobody` may not reach the build folder
        // (a clone under /root, say).
        let copy = s.dir.path().join("funnel-as-nobody");
        if !copy.exists() {
            std::fs::copy(&bin, &copy).expect("copy funnel");
            mode(&copy, 0o755);
        }
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(copy);
        c
    } else {
        std::process::Command::new(bin)
    };
    c.args(args)
        .env("FUNNEL_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", s.dir.path())
        .env_remove("FUNNEL_DB")
        .env_remove("FUNNEL_CONFIG");
    // A copy just written can be "busy" for a moment: a process forked
    // meanwhile by another test thread holds its write descriptor until it
    // execs (ETXTBSY). That is the test's own race, not funnel's: retry.
    let mut tries = 0;
    let out = loop {
        let out = c.output().expect("run funnel");
        tries += 1;
        if tries == 20 || !String::from_utf8_lossy(&out.stderr).contains("Text file busy") {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Gives `path` to the user [`bound_by_permissions`] runs as.
fn hand_over(s: &Sandbox, path: &Path) {
    if running_as_root(s.dir.path()) {
        std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown");
    }
}

fn mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn fails_with(r: &Run, words: &[&str]) {
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stderr.trim_end().lines().count(), 1, "{}", r.stderr);
    for w in words {
        assert!(r.stderr.contains(w), "{w:?} in {}", r.stderr);
    }
}

#[test]
fn foreign_files_given_as_db_get_a_clear_message_and_are_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let dir = s.dir.path();
    let db = |name: &str| dir.join(name).display().to_string();
    let at = |name: &str, args: &[&str]| {
        let mut all = vec!["--db".to_string(), db(name)];
        all.extend(args.iter().map(|a| a.to_string()));
        s.run(&all)
    };

    // Not SQLite: refused, untouched.
    std::fs::write(dir.join("notes.txt"), "just some notes\n").expect("write");
    fails_with(
        &at("notes.txt", &["task", "add", "x"]),
        &["notes.txt: not a funnel database (not an SQLite file)"],
    );
    assert_eq!(
        std::fs::read(dir.join("notes.txt")).expect("read"),
        b"just some notes\n"
    );

    // An SQLite header over garbage (a damaged or encrypted file).
    let mut damaged = b"SQLite format 3\0".to_vec();
    damaged.extend([0xAB; 2000]);
    std::fs::write(dir.join("damaged.db"), &damaged).expect("write");
    fails_with(
        &at("damaged.db", &["task", "list"]),
        &["damaged.db: not a funnel database", "SQLite cannot read it"],
    );
    assert_eq!(
        std::fs::read(dir.join("damaged.db")).expect("read"),
        damaged
    );

    // 0 bytes, as `touch` makes: a read says there is no database yet; a
    // write initialises it.
    std::fs::write(dir.join("touched.db"), "").expect("touch");
    fails_with(
        &at("touched.db", &["task", "list"]),
        &["no database here yet"],
    );
    let r = at("touched.db", &["task", "add", "first"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(at("touched.db", &["task", "list"]).stdout.contains("first"));

    // A new file is readable by its owner only.
    let r = at("new.db", &["task", "add", "x"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let new_mode = std::fs::metadata(dir.join("new.db"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(new_mode & 0o777, 0o600);

    // A directory, and a folder that does not exist (nothing is created).
    fails_with(
        &at("", &["task", "add", "x"]),
        &["is a directory, not a database file"],
    );
    fails_with(
        &at("no/such/folder.db", &["task", "add", "x"]),
        &["the folder", "no/such does not exist"],
    );
    assert!(!dir.join("no").exists());

    // Written by a newer funnel: refused, the file left byte for byte.
    let r = at("newer.db", &["task", "add", "x"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = at("newer.db", &["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let conn = rusqlite::Connection::open(dir.join("newer.db")).expect("sqlite");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("no wal");
    drop(conn);
    let before = std::fs::read(dir.join("newer.db")).expect("read");
    fails_with(
        &at("newer.db", &["task", "add", "y"]),
        &["written by a newer funnel (schema version 99"],
    );
    fails_with(&at("newer.db", &["task", "list"]), &["newer funnel"]);
    assert_eq!(
        std::fs::read(dir.join("newer.db")).expect("read"),
        before,
        "untouched"
    );

    // Read-only file: reading works, a write says why it cannot.
    mode(dir, 0o777);
    let r = at("readonly.db", &["task", "add", "kept"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for suffix in ["", "-wal", "-shm"] {
        let p = dir.join(format!("readonly.db{suffix}"));
        if p.exists() {
            hand_over(&s, &p);
        }
    }
    mode(&dir.join("readonly.db"), 0o444);
    let before = std::fs::read(dir.join("readonly.db")).expect("read");
    let path = db("readonly.db");
    let r = bound_by_permissions(&s, &["--db", &path, "task", "list"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("kept"), "{}", r.stdout);
    for write in [
        &["task", "add", "y"][..],
        &["undo"],
        &["kpi", "record", "today", "visits=1"],
    ] {
        let mut args = vec!["--db", path.as_str()];
        args.extend(write);
        fails_with(
            &bound_by_permissions(&s, &args),
            &["readonly.db: the file is read-only (no write permission); nothing was written"],
        );
    }
    // --read-only on a file it may not write opens it read-only (it
    // cannot fold a log on close, and has none to fold here).
    let r = bound_by_permissions(&s, &["--db", &path, "--read-only", "task", "list"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("kept"), "{}", r.stdout);
    assert_eq!(
        std::fs::read(dir.join("readonly.db")).expect("read"),
        before
    );
    std::fs::write(dir.join("touched-readonly.db"), "").expect("touch");
    hand_over(&s, &dir.join("touched-readonly.db"));
    mode(&dir.join("touched-readonly.db"), 0o444);
    let path = db("touched-readonly.db");
    fails_with(
        &bound_by_permissions(&s, &["--db", &path, "task", "add", "y"]),
        &["cannot create the database: the file is read-only (no write permission)"],
    );
    // Asked for: --read-only says so.
    fails_with(
        &at("new.db", &["--read-only", "task", "add", "y"]),
        &["the database was opened read-only; nothing was written"],
    );

    // Read-only folder: no new database in it, and an existing one cannot
    // get its -wal and -shm files.
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::copy(dir.join("new.db"), locked.join("old.db")).expect("copy");
    hand_over(&s, &locked.join("old.db"));
    mode(&locked, 0o555);
    let new_path = locked.join("new.db").display().to_string();
    fails_with(
        &bound_by_permissions(&s, &["--db", &new_path, "task", "add", "x"]),
        &[
            "cannot create the database: the folder",
            "locked is not writable",
        ],
    );
    let old_path = locked.join("old.db").display().to_string();
    fails_with(
        &bound_by_permissions(&s, &["--db", &old_path, "task", "list"]),
        &[
            "locked is not writable, and SQLite must create",
            "old.db-wal",
        ],
    );
    mode(&locked, 0o755);
}

/// A 100 MB order export (made here, never committed): imported whole,
/// then again adding nothing; the same file with one bad last line is
/// refused naming that line, and nothing is written. Slow in a debug
/// build: `cargo test --release --test corpus -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_100_mb_order_file_imports_once_and_a_bad_last_line_writes_nothing() {
    use std::io::Write;
    let s = Sandbox::new();
    let path = s.dir.path().join("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(out, "Order ID,Email,Date,Total").expect("write");
    let (mut size, mut rows) = (0usize, 0usize);
    while size < 100 * 1024 * 1024 {
        let line = format!(
            "DH{rows:08},khach{}@example.vn,{:02}/{:02}/2025,{}.{:03}\n",
            rows % 250_000,
            1 + rows % 28,
            1 + rows / 28 % 12,
            1 + rows % 900,
            rows % 1000
        );
        out.write_all(line.as_bytes()).expect("write");
        size += line.len();
        rows += 1;
    }
    out.flush().expect("flush");
    drop(out);
    let path_text = path.display().to_string();

    s.ok(&["task", "add", "seed"]);
    let started = std::time::Instant::now();
    let first = s.ok(&["orders", "import", &path_text]);
    let import_time = started.elapsed();
    assert!(first.contains(&format!("Imported: {rows} new")), "{first}");
    let started = std::time::Instant::now();
    let again = s.ok(&["orders", "import", &path_text]);
    let again_time = started.elapsed();
    assert!(
        again.contains(&format!("0 new, 0 updated, {rows} unchanged")),
        "{again}"
    );

    let db_before = std::fs::read(&s.db).expect("db");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("append");
    writeln!(f, "DH99999999,late@example.vn,31/02/2025,10").expect("write");
    drop(f);
    let started = std::time::Instant::now();
    let r = s.run(["orders", "import", &path_text]);
    let bad_time = started.elapsed();
    fails_with(
        &r,
        &[
            &format!("big.csv:{}:3 (Date)", rows + 2),
            "'31/02/2025' is not a valid date",
        ],
    );
    assert_eq!(
        std::fs::read(&s.db).expect("db"),
        db_before,
        "nothing written"
    );
    println!(
        "100 MB file: {size} bytes, {rows} orders; import {import_time:.1?}, again {again_time:.1?}, with a bad last line refused in {bad_time:.1?}"
    );
}
