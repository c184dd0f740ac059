//! The database file under an open store: moved away, replaced by another
//! database or deleted while a store (a dashboard, a long command) holds
//! it. The store writes nothing more once its path names another file or
//! none, and leaves the file now at the path exactly as it was.

use std::path::{Path, PathBuf};

use funnel::store::Store;
use funnel::store::tasks::NewTask;

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_os_string();
    p.push(suffix);
    PathBuf::from(p)
}

/// `funnel ARGS` on `db` in another process, as a user would run it.
fn funnel(db: &Path, args: &[&str]) -> (bool, String) {
    let out = assert_cmd::Command::cargo_bin("funnel")
        .expect("binary")
        .env("FUNNEL_DB", db)
        .env("FUNNEL_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", db.parent().expect("dir"))
        .args(args)
        .output()
        .expect("funnel runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The titles of every task in `db`, read by another process.
fn titles(db: &Path) -> Vec<String> {
    let (ok, out) = funnel(db, &["task", "list", "--all", "--json"]);
    assert!(ok, "{out}");
    let tasks: serde_json::Value = serde_json::from_str(&out).expect("json");
    tasks
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_string())
        .collect()
}

fn assert_sound(db: &Path) {
    let (ok, out) = funnel(db, &["check"]);
    assert!(
        ok && out.contains(": ok"),
        "funnel check {}: {out}",
        db.display()
    );
}

/// A whole database at `path` (no sidecar files) holding `titles`.
fn database_with(path: &Path, titles: &[&str]) {
    let mut store = Store::open(path).expect("open");
    for t in titles {
        store.add_task(&NewTask::titled(t)).expect("add");
    }
    store.checkpoint().expect("checkpoint");
    drop(store);
    for s in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sidecar(path, s));
    }
}

/// A store with commits still in its write-ahead log.
fn open_with_tasks(db: &Path) -> Store {
    let mut store = Store::open(db).expect("open");
    // As a file made earlier: the schema is in the file, not the log.
    store.checkpoint().expect("checkpoint");
    for t in ["one", "two"] {
        store.add_task(&NewTask::titled(t)).expect("add");
    }
    store
}

#[test]
fn a_store_whose_file_was_replaced_writes_nothing_and_leaves_the_new_file_sound() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    let other = dir.path().join("other.db");
    let mut store = open_with_tasks(&db);
    database_with(&other, &["the other file's task"]);
    std::fs::rename(&other, &db).expect("mv other.db funnel.db");
    let before = std::fs::read(&db).expect("read");

    let e = store
        .add_task(&NewTask::titled("after the swap"))
        .expect_err("a write to a replaced file is refused");
    assert!(
        e.to_string().contains("replaced") && e.to_string().contains("nothing was written"),
        "{e}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), before, "the new file");
    drop(store);

    assert_eq!(std::fs::read(&db).expect("read"), before, "after the close");
    assert_sound(&db);
    assert_eq!(titles(&db), ["the other file's task"]);
}

#[test]
fn a_store_whose_file_was_moved_away_writes_nothing_and_the_moved_file_is_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    let moved = dir.path().join("archive.db");
    let mut store = open_with_tasks(&db);
    std::fs::rename(&db, &moved).expect("mv funnel.db archive.db");

    let e = store
        .add_task(&NewTask::titled("after the move"))
        .expect_err("a write to a moved file is refused");
    assert!(
        e.to_string().contains("moved or deleted") && e.to_string().contains("nothing was written"),
        "{e}"
    );
    drop(store);

    // Its commits, which were in the write-ahead log beside the old name,
    // went with it; nothing is left at the old name for a new file to take.
    for s in ["", "-wal", "-shm"] {
        assert!(!sidecar(&db, s).exists(), "funnel.db{s} is left behind");
    }
    assert_sound(&moved);
    assert_eq!(titles(&moved), ["one", "two"]);
}

#[test]
fn a_store_whose_file_was_deleted_writes_nothing_and_leaves_no_log_for_a_new_file() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    let mut store = open_with_tasks(&db);
    std::fs::remove_file(&db).expect("rm funnel.db");

    let e = store
        .undo()
        .expect_err("an undo on a deleted file is refused");
    assert!(e.to_string().contains("moved or deleted"), "{e}");
    drop(store);

    for s in ["", "-wal", "-shm"] {
        assert!(!sidecar(&db, s).exists(), "funnel.db{s} is left behind");
    }
    let (ok, out) = funnel(&db, &["task", "add", "a new start"]);
    assert!(ok, "{out}");
    assert_sound(&db);
    assert_eq!(titles(&db), ["a new start"]);
}

/// Where the other file came with its own write-ahead log, that log is
/// the new file's: the old store must not remove or fold it.
#[test]
fn a_replacement_that_brought_its_own_log_keeps_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("funnel.db");
    let other = dir.path().join("other.db");
    let mut store = open_with_tasks(&db);
    database_with(&other, &["written before"]);
    // A change that is only in other.db-wal, as a process that has not
    // closed yet leaves it.
    let conn = rusqlite::Connection::open(&other).expect("sqlite");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("config");
    conn.execute("UPDATE tasks SET title = 'changed in the log'", [])
        .expect("update");
    drop(conn);
    assert!(
        std::fs::metadata(sidecar(&other, "-wal"))
            .expect("wal")
            .len()
            > 0
    );
    for s in ["-wal", "-shm", ""] {
        std::fs::rename(sidecar(&other, s), sidecar(&db, s)).expect("mv");
    }
    let wal = std::fs::read(sidecar(&db, "-wal")).expect("wal");

    store
        .add_task(&NewTask::titled("after the swap"))
        .expect_err("refused");
    drop(store);

    assert_eq!(std::fs::read(sidecar(&db, "-wal")).expect("wal"), wal);
    assert_sound(&db);
    assert_eq!(titles(&db), ["changed in the log"]);
}
