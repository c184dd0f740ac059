//! Nothing is lost to a copy, a backup, a restore or a reused id: the
//! database on real files in temporary directories, through the store and
//! through the `funnel` binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use funnel::domain::{Amount, TaskId};
use funnel::store::orders::OrderInput;
use funnel::store::tasks::NewTask;
use funnel::store::{Origin, Store};

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    (dir, path)
}

/// `funnel` on `db`, under `umask 022` (what most shells have), so that a
/// file made with default permissions would be world-readable.
fn funnel(db: &Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("funnel");
    let mut script = String::from("umask 022 && exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .args(args)
        .env("FUNNEL_DB", db)
        .env("FUNNEL_TODAY", "2026-11-22")
        .env("XDG_CONFIG_HOME", db.parent().expect("folder"))
        .env_remove("FUNNEL_CONFIG")
        .output()
        .expect("run funnel")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = funnel(db, args);
    assert!(
        out.status.success(),
        "funnel {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = funnel(db, args);
    assert_eq!(out.status.code(), Some(1), "funnel {args:?} should fail");
    String::from_utf8(out.stderr).expect("utf-8")
}

fn titles(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .expect("open copy");
    let mut stmt = conn
        .prepare("SELECT title FROM tasks ORDER BY id")
        .expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("titles")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

mod ids {
    use super::*;

    #[test]
    fn a_deleted_newest_task_s_id_is_never_given_again() {
        let (_dir, path) = temp();
        let mut s = Store::open(&path).expect("open");
        for t in ["a", "b", "c"] {
            s.add_task(&NewTask::titled(t)).expect("add");
        }
        s.delete_task(TaskId(3)).expect("delete");
        let d = s.add_task(&NewTask::titled("d")).expect("add");
        assert_eq!(
            d.id,
            TaskId(4),
            "the id of the deleted task 3 was given again"
        );
        drop(s);
        // And after a reopen, which forgets anything held in memory.
        let mut s = Store::open(&path).expect("reopen");
        s.delete_task(TaskId(4)).expect("delete");
        let e = s.add_task(&NewTask::titled("e")).expect("add");
        assert_eq!(e.id, TaskId(5));
    }

    #[test]
    fn undoing_a_delete_after_someone_else_added_never_collides() {
        let (_dir, path) = temp();
        let mut dashboard = Store::open(&path).expect("open");
        dashboard.set_origin(Origin::new_dashboard());
        for t in ["a", "b", "c"] {
            dashboard.add_task(&NewTask::titled(t)).expect("add");
        }
        dashboard.delete_task(TaskId(3)).expect("delete");
        let mut cli = Store::open(&path).expect("open");
        let added = cli
            .add_task(&NewTask::titled("from the command line"))
            .expect("add");
        let undone = dashboard.undo();
        assert!(
            undone.is_ok(),
            "undo of the delete: {:?}",
            undone.err().map(|e| e.to_string())
        );
        assert_eq!(dashboard.task(TaskId(3)).expect("back").title, "c");
        assert_eq!(
            dashboard.task(added.id).expect("kept").title,
            "from the command line"
        );
    }

    #[test]
    fn every_record_table_gives_each_id_once() {
        let (_dir, path) = temp();
        drop(Store::open(&path).expect("create"));
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND sql LIKE '%id %INTEGER PRIMARY KEY%' AND sql NOT LIKE '%AUTOINCREMENT%'
                 AND name NOT IN ('message', 'journal_state')",
            )
            .expect("query");
        let reusing: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names");
        assert!(reusing.is_empty(), "tables that may reuse ids: {reusing:?}");
        // Rebuilding the tables kept every journal trigger: three per
        // journaled table, two for the orders (their inserts are one op).
        let triggers: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal%'",
                [],
                |r| r.get(0),
            )
            .expect("triggers");
        assert_eq!(triggers, 14 * 3 + 2);
    }

    #[test]
    fn an_upgraded_file_does_not_give_again_an_id_its_undo_history_can_restore() {
        let (dir, path) = temp();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3.db"),
            &path,
        )
        .expect("copy fixture");
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        let max: i64 = conn
            .query_row("SELECT max(id) FROM tasks", [], |r| r.get(0))
            .expect("max");
        // A task deleted before the upgrade, whose delete the journal can
        // still undo: its id is above every task left.
        conn.execute_batch(&format!(
            "INSERT INTO journal_entry (at, label, state)
               VALUES ('2026-11-20T10:00:00Z', 'delete task {gone}', 'done');
             INSERT INTO journal_op (entry_id, undo_sql, redo_sql)
               VALUES (last_insert_rowid(),
                 'INSERT INTO \"tasks\" (rowid,\"id\",\"title\",\"campaign_id\",\"assignee_id\",\"status\",\"priority\",\"due\",\"tags\",\"notes\",\"note_id\",\"created_at\",\"updated_at\",\"done_at\") VALUES ({gone},{gone},''gone'',NULL,NULL,''todo'',''medium'',NULL,'''','''',NULL,''2026-11-20T10:00:00Z'',''2026-11-20T10:00:00Z'',NULL)',
                 'DELETE FROM \"tasks\" WHERE rowid = {gone}');",
            gone = max + 5
        ))
        .expect("plant a delete");
        drop(conn);
        let mut s = Store::open(&path).expect("upgrade");
        let new = s
            .add_task(&NewTask::titled("after the upgrade"))
            .expect("add");
        assert!(
            new.id.0 > max + 5,
            "id {} may collide with the undo of task {}",
            new.id.0,
            max + 5
        );
        drop(dir);
    }
}

mod copies {
    use super::*;

    #[test]
    fn a_closed_database_is_one_file_that_a_copy_takes_whole() {
        let (dir, path) = temp();
        ok(&path, &["task", "add", "first"]);
        ok(&path, &["task", "add", "Gọi xưởng in"]);
        let wal = std::fs::metadata(sidecar(&path, "-wal")).map_or(0, |m| m.len());
        assert_eq!(
            wal, 0,
            "a write-ahead log of {wal} bytes is left after every process closed"
        );
        let copy = dir.path().join("copy.db");
        std::fs::copy(&path, &copy).expect("cp");
        assert_eq!(titles(&copy), ["first", "Gọi xưởng in"]);
    }

    #[test]
    fn a_pre_migration_backup_is_private() {
        let (_dir, path) = temp();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3.db"),
            &path,
        )
        .expect("copy fixture");
        ok(&path, &["task", "list"]);
        let backup = sidecar(&path, ".v3.bak");
        assert!(backup.exists(), "no {}", backup.display());
        #[cfg(unix)]
        assert_eq!(mode(&backup), 0o600, "the pre-migration backup's mode");
    }
}

mod parked {
    use super::*;

    #[test]
    fn orders_parked_by_an_undone_import_go_when_the_journal_forgets_it() {
        let (_dir, path) = temp();
        let mut s = Store::open(&path).expect("open");
        let orders: Vec<OrderInput> = (0..50)
            .map(|i| OrderInput {
                order_ref: Some(format!("#{i}")),
                customer: format!("c{}", i % 7),
                day: chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + i % 28).expect("day"),
                amount: Amount::from_int(100_000),
                segment: None,
            })
            .collect();
        s.import_orders("shop.csv", &orders, true).expect("import");
        s.undo().expect("undo the import");
        // Someone else's changes: the command line's own would drop its
        // undone entries at once, which is not what is tried here.
        let mut other = Store::open(&path).expect("open");
        other.set_origin(Origin::new_dashboard());
        for i in 0..1001 {
            other
                .add_task(&NewTask::titled(&format!("t{i}")))
                .expect("add");
        }
        let problems = other.dangling_links().expect("check");
        assert!(problems.is_empty(), "{problems:?}");
    }
}

mod backup_and_restore {
    use super::*;

    fn with_tasks(path: &Path, titles: &[&str]) {
        let mut s = Store::open(path).expect("open");
        for t in titles {
            s.add_task(&NewTask::titled(t)).expect("add");
        }
    }

    /// The copies restores kept beside `funnel.db`, oldest first (their
    /// names end with the time, to the second).
    fn kept_copies(dir: &Path) -> Vec<PathBuf> {
        let mut kept: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|n| {
                    n.starts_with("funnel.db.before-restore-")
                        && !n.ends_with(".partial")
                        && !n.ends_with("-wal")
                        && !n.ends_with("-shm")
                })
            })
            .collect();
        kept.sort();
        kept
    }

    fn quick_check(path: &Path) -> String {
        let conn =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .expect("open");
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0))
            .expect("quick_check")
    }

    #[test]
    fn a_backup_is_a_checked_private_copy_taken_while_another_process_writes() {
        let (dir, path) = temp();
        with_tasks(&path, &["Gọi xưởng in", "Viết bài Tết"]);
        // Another process in the middle of a write: it holds the write
        // lock and has a change not committed yet.
        let writer = rusqlite::Connection::open(&path).expect("sqlite");
        writer
            .execute_batch(
                "BEGIN IMMEDIATE;
                 INSERT INTO tasks (title, status, priority, created_at, updated_at)
                 VALUES ('not committed yet', 'todo', 'medium', '2026-11-22T08:00:00Z', '2026-11-22T08:00:00Z');",
            )
            .expect("write");
        let backup = dir.path().join("backup.db");
        let out = ok(&path, &["backup", backup.to_str().expect("utf-8")]);
        assert!(out.contains("2 tasks"), "{out}");
        writer.execute_batch("COMMIT").expect("the writer commits");
        assert_eq!(titles(&backup), ["Gọi xưởng in", "Viết bài Tết"]);
        assert_eq!(quick_check(&backup), "ok");
        #[cfg(unix)]
        assert_eq!(mode(&backup), 0o600, "a backup holds every customer id");
        assert!(!sidecar(&backup, "-wal").exists(), "the backup is one file");
        // Again onto the same name: only when asked.
        drop(writer);
        let name = backup.to_str().expect("utf-8");
        let err = fails(&path, &["backup", name]);
        assert!(err.contains("--replace"), "{err}");
        assert_eq!(titles(&backup), ["Gọi xưởng in", "Viết bài Tết"]);
        ok(&path, &["backup", "--replace", name]);
        assert_eq!(
            titles(&backup),
            ["Gọi xưởng in", "Viết bài Tết", "not committed yet"]
        );
        // Never over the database itself or its log, a file that is not
        // a funnel database, a link, or a database open elsewhere.
        let refused = |target: &Path, why: &str| {
            let err = fails(
                &path,
                &["backup", "--replace", target.to_str().expect("utf-8")],
            );
            assert!(err.contains(why), "{err}");
        };
        refused(&path, "is the database itself");
        refused(&sidecar(&path, "-wal"), "is the database itself or its log");
        let notes = dir.path().join("notes.txt");
        std::fs::write(&notes, "ghi chú").expect("write");
        refused(&notes, "not a funnel backup");
        assert_eq!(std::fs::read_to_string(&notes).expect("read"), "ghi chú");
        let app = dir.path().join("notes.sqlite");
        rusqlite::Connection::open(&app)
            .expect("sqlite")
            .execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('giữ lại');")
            .expect("another app's file");
        let before = std::fs::read(&app).expect("read");
        refused(&app, "not a funnel backup");
        assert_eq!(std::fs::read(&app).expect("read"), before);
        #[cfg(unix)]
        {
            let link = dir.path().join("link.db");
            std::os::unix::fs::symlink(&backup, &link).expect("ln -s");
            refused(&link, "symbolic link");
        }
        let live = dir.path().join("live.db");
        with_tasks(&live, &["đang mở"]);
        let open = Store::open(&live).expect("a dashboard has it open");
        refused(&live, "open in another process");
        drop(open);
        assert_eq!(titles(&live), ["đang mở"]);
    }

    #[test]
    fn a_restore_is_refused_while_the_database_is_open_and_keeps_what_it_replaces() {
        let (dir, path) = temp();
        with_tasks(&path, &["a", "b"]);
        let backup = dir.path().join("backup.db");
        ok(&path, &["backup", backup.to_str().expect("utf-8")]);
        with_tasks(&path, &["c"]);

        let open = Store::open(&path).expect("a dashboard has it open");
        let err = fails(
            &path,
            &["restore", "--yes", backup.to_str().expect("utf-8")],
        );
        assert!(err.contains("open in another process"), "{err}");
        assert_eq!(titles(&path), ["a", "b", "c"], "nothing was changed");
        drop(open);

        // Without a terminal to ask on, --yes is needed.
        let err = fails(&path, &["restore", backup.to_str().expect("utf-8")]);
        assert!(err.contains("--yes"), "{err}");

        let out = ok(
            &path,
            &["restore", "--yes", backup.to_str().expect("utf-8")],
        );
        assert!(out.contains("before-restore"), "{out}");
        assert_eq!(titles(&path), ["a", "b"]);
        let kept = kept_copies(dir.path());
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(titles(&kept[0]), ["a", "b", "c"]);
        #[cfg(unix)]
        assert_eq!(mode(&kept[0]), 0o600);
        // A restore leaves nothing beside the backup it read.
        assert!(!sidecar(&backup, "-wal").exists() && !sidecar(&backup, "-shm").exists());
        // A second restore keeps its own copy: the first is not written over.
        with_tasks(&path, &["c2"]);
        ok(
            &path,
            &["restore", "--yes", backup.to_str().expect("utf-8")],
        );
        let kept = kept_copies(dir.path());
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert_eq!(titles(&kept[0]), ["a", "b", "c"]);
        assert_eq!(titles(&kept[1]), ["a", "b", "c2"]);
        let check = ok(&path, &["check"]);
        assert!(check.contains("ok"), "{check}");
        // An id given before the restore is not given again after it.
        let out = ok(&path, &["task", "add", "d"]);
        assert!(out.contains(" 3"), "{out}");
    }

    #[test]
    fn a_restore_refuses_what_is_not_a_whole_funnel_backup() {
        let (dir, path) = temp();
        with_tasks(&path, &["a"]);
        let text = dir.path().join("notes.csv");
        std::fs::write(&text, "date,visits\n").expect("write");
        let other = dir.path().join("other.db");
        rusqlite::Connection::open(&other)
            .expect("sqlite")
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("table");
        let damaged = dir.path().join("damaged.db");
        ok(&path, &["backup", damaged.to_str().expect("utf-8")]);
        let bytes = std::fs::read(&damaged).expect("read");
        let mut broken = bytes.clone();
        for b in broken.iter_mut().skip(4096).take(4096) {
            *b = 0xA5;
        }
        std::fs::write(&damaged, broken).expect("damage");
        for (file, why) in [
            (&text, "not an SQLite file"),
            (&other, "not a funnel database"),
            (&damaged, ""),
        ] {
            let err = fails(&path, &["restore", "--yes", file.to_str().expect("utf-8")]);
            assert!(err.contains(why), "{err}");
            assert!(err.len() < 400, "one short line: {err}");
            assert!(err.contains("funnel:"), "{err}");
            assert_eq!(
                titles(&path),
                ["a"],
                "{} changed the database",
                file.display()
            );
        }
    }

    #[test]
    fn a_restore_onto_a_missing_file_ignores_a_stale_write_ahead_log_beside_it() {
        let (dir, path) = temp();
        with_tasks(&path, &["a", "b"]);
        let backup = dir.path().join("backup.db");
        ok(&path, &["backup", backup.to_str().expect("utf-8")]);
        // Another database's log, left beside the path: what a crash and
        // then `rm funnel.db` leave.
        let other = dir.path().join("other.db");
        let conn = rusqlite::Connection::open(&other).expect("sqlite");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE tasks (x); INSERT INTO tasks VALUES (1);",
        )
        .expect("write");
        std::fs::copy(sidecar(&other, "-wal"), sidecar(&path, "-wal")).expect("stale log");
        drop(conn);
        std::fs::remove_file(&path).expect("rm");
        ok(&path, &["restore", backup.to_str().expect("utf-8")]);
        assert_eq!(titles(&path), ["a", "b"]);
        assert!(ok(&path, &["check"]).contains("ok"));
    }

    /// Runs `funnel ARGS` on `db` and kills it with SIGKILL after a random
    /// delay up to `span` (what a whole run took); says whether it had
    /// finished by then.
    fn kill_at_random(
        db: &Path,
        args: &[&str],
        span: std::time::Duration,
        rng: &mut fastrand::Rng,
    ) -> bool {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("funnel"))
            .args(args)
            .env("FUNNEL_DB", db)
            .env("FUNNEL_TODAY", "2026-11-22")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let micros = span.as_micros() as u64 * 3 / 2 + 1;
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..micros)));
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        let _ = child.wait();
        finished
    }

    fn task_count(path: &Path) -> i64 {
        let conn = rusqlite::Connection::open(path).expect("open");
        assert_eq!(
            conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
                .expect("integrity"),
            "ok",
            "{}",
            path.display()
        );
        conn.query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))
            .expect("count")
    }

    #[test]
    fn backup_and_restore_killed_at_any_moment_leave_each_file_whole_or_absent() {
        let (dir, path) = temp();
        ok(&path, &["demo"]);
        let before = task_count(&path);
        let mut rng = fastrand::Rng::with_seed(12);
        let runs = 20;
        // How long a whole run takes here and now: kills land anywhere in it.
        let timed = |args: &[&str]| {
            let start = std::time::Instant::now();
            ok(&path, args);
            start.elapsed()
        };
        let scratch = dir.path().join("timing.db");
        let span = timed(&["backup", scratch.to_str().expect("utf-8")]);
        let (mut backups_whole, mut backups_absent, mut finished) = (0, 0, 0);
        for run in 0..runs {
            let target = dir.path().join(format!("backup-{run}.db"));
            finished += u32::from(kill_at_random(
                &path,
                &["backup", target.to_str().expect("utf-8")],
                span,
                &mut rng,
            ));
            assert_eq!(
                task_count(&path),
                before,
                "the database after a killed backup"
            );
            if target.exists() {
                assert_eq!(task_count(&target), before, "a backup is whole");
                backups_whole += 1;
            } else {
                backups_absent += 1;
            }
        }
        // The restore: the live file gains a task the backup lacks, so the
        // two are told apart.
        let backup = dir.path().join("backup.db");
        ok(&path, &["backup", backup.to_str().expect("utf-8")]);
        ok(&path, &["task", "add", "only in the live file"]);
        let span = timed(&["restore", "--yes", backup.to_str().expect("utf-8")]);
        ok(&path, &["task", "add", "only in the live file"]);
        let (mut old, mut new, mut restores_finished) = (0, 0, 0);
        for _ in 0..runs {
            restores_finished += u32::from(kill_at_random(
                &path,
                &["restore", "--yes", backup.to_str().expect("utf-8")],
                span,
                &mut rng,
            ));
            match task_count(&path) {
                n if n == before + 1 => old += 1,
                n if n == before => {
                    new += 1;
                    // Back to the newer state for the next run.
                    ok(&path, &["task", "add", "only in the live file"]);
                }
                n => panic!("{n} tasks: neither the old database nor the backup"),
            }
        }
        println!(
            "backup killed {runs} times ({finished} had finished): {backups_whole} whole, {backups_absent} absent, 0 partial; \
             restore killed {runs} times ({restores_finished} had finished): {old} left the old database, {new} the backup, 0 between"
        );
    }
}

mod foreign_logs {
    use super::*;

    fn add(path: &Path, titles: &[&str]) {
        let mut s = Store::open(path).expect("open");
        for t in titles {
            s.add_task(&NewTask::titled(t)).expect("add");
        }
    }

    /// A process (a dashboard) still has the old file open with its log
    /// beside the path when a command opens the path: the command must not
    /// take that log as the new file's own.
    #[test]
    fn a_command_never_takes_the_log_of_a_replaced_file_still_open_elsewhere() {
        let (dir, path) = temp();
        add(&path, &["a", "b"]);
        let mut held = Store::open(&path).expect("a dashboard");
        held.add_task(&NewTask::titled("c")).expect("add");
        let other = dir.path().join("other.db");
        add(&other, &["x"]);
        std::fs::rename(&other, &path).expect("mv other.db funnel.db");

        let err = fails(&path, &["task", "add", "new"]);
        assert!(err.contains("belong to another database file"), "{err}");
        drop(held);
        assert_eq!(titles(&path), ["x"], "the replacing file as it came");
        ok(&path, &["task", "add", "new"]);
        assert_eq!(titles(&path), ["x", "new"]);
        assert!(ok(&path, &["check"]).contains(": ok"));
    }

    #[test]
    fn a_command_never_takes_the_log_of_a_deleted_file_still_open_elsewhere() {
        let (_dir, path) = temp();
        add(&path, &["a", "b"]);
        let mut held = Store::open(&path).expect("a dashboard");
        held.add_task(&NewTask::titled("c")).expect("add");
        std::fs::remove_file(&path).expect("rm funnel.db");

        let err = fails(&path, &["task", "add", "new"]);
        assert!(err.contains("belong to another database file"), "{err}");
        assert!(!path.exists(), "nothing made at the path meanwhile");
        drop(held);
        ok(&path, &["task", "add", "new"]);
        assert_eq!(titles(&path), ["new"]);
        assert!(ok(&path, &["check"]).contains(": ok"));
    }
}

/// A process that only reads closes last as well as any: the dashboard
/// under `--read-only`, `funnel --read-only task list`, `funnel snapshot`.
mod read_only_closers {
    use super::*;

    fn wal_bytes(path: &Path) -> u64 {
        std::fs::metadata(sidecar(path, "-wal")).map_or(0, |m| m.len())
    }

    /// The copy of the file alone, as `cp funnel.db` takes it.
    fn copied_titles(dir: &Path, path: &Path) -> Vec<String> {
        let copy = dir.join("copy.db");
        std::fs::copy(path, &copy).expect("cp");
        titles(&copy)
    }

    #[test]
    fn a_read_only_store_closing_last_folds_the_log_into_the_file() {
        let (dir, path) = temp();
        ok(&path, &["task", "add", "first"]);
        let glance = Store::open_read_only(&path).expect("a read-only dashboard");
        ok(&path, &["task", "add", "added while it looked"]);
        drop(glance);
        assert_eq!(
            wal_bytes(&path),
            0,
            "a read-only store closing last left the write-ahead log"
        );
        assert_eq!(
            copied_titles(dir.path(), &path),
            ["first", "added while it looked"]
        );
    }

    /// A change left in `-wal` with no process open, as a process that
    /// could not fold it leaves it: held open by a connection that never
    /// checkpoints while `funnel` commits, then closed.
    fn a_change_left_in_the_log(path: &Path) {
        ok(path, &["task", "add", "first"]);
        let holder = rusqlite::Connection::open(path).expect("open");
        holder
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .expect("no checkpoint on close");
        holder
            .query_row("SELECT count(*) FROM tasks", [], |r| r.get::<_, i64>(0))
            .expect("read");
        ok(path, &["task", "add", "still in the log"]);
        drop(holder);
        assert!(wal_bytes(path) > 0, "the change should be in -wal now");
    }

    #[test]
    fn a_read_only_command_or_a_snapshot_closing_last_folds_the_log_into_the_file() {
        for args in [
            &["--read-only", "task", "list"][..],
            &["--read-only", "snapshot", "--tab", "tasks"],
            &["snapshot", "--tab", "tasks"],
        ] {
            let (dir, path) = temp();
            a_change_left_in_the_log(&path);
            let before = std::fs::read(&path).expect("read");
            ok(&path, args);
            assert_eq!(
                wal_bytes(&path),
                0,
                "funnel {args:?} closing last left the write-ahead log"
            );
            assert_eq!(
                copied_titles(dir.path(), &path),
                ["first", "still in the log"],
                "funnel {args:?}"
            );
            assert_ne!(std::fs::read(&path).expect("read"), before);
        }
    }
}
