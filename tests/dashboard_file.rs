//! The database file under an open store: moved away, replaced by another
//! database or deleted while a store (a dashboard, a long command) holds
//! it. The store writes nothing more once its path names another file or
//! none, and leaves the file now at the path exactly as it was; the
//! dashboard says so and reopens what is at the path on `R`. And the
//! dashboard's writes while another process holds the write lock: they
//! wait on screen instead of freezing it.

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

/// The dashboard on the file: moved, replaced or deleted under it, it
/// notices at its next poll, writes nothing, says so in a line that stays,
/// and reopens what is at the path on `R`.
mod dashboard {
    use super::*;
    use chrono::NaiveDate;
    use funnel::app::{App, Keymap, Overlay, Settings};
    use funnel::config::Config;
    use funnel::domain::{Clock, TaskId, TaskStatus};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    pub fn app_on(db: &Path) -> App {
        app_in(db, funnel::i18n::Locale::En)
    }

    pub fn app_in(db: &Path, locale: funnel::i18n::Locale) -> App {
        let settings = Settings {
            config: Config {
                locale,
                ..Config::default()
            },
            keymap: Keymap::default(),
            clock: Clock::Fixed(NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")),
            read_only: false,
            ascii: false,
            db_name: "funnel.db".into(),
        };
        App::new(Store::open(db).expect("open"), settings).expect("app")
    }

    pub fn keys(app: &mut App, text: &str) {
        for c in text.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            app.on_key(&KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    pub fn screen(app: &mut App) -> String {
        funnel::tui::snapshot(app, 100, 30).expect("frame")
    }

    pub fn status(app: &App) -> String {
        app.status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn selected(app: &App) -> TaskId {
        app.tasks.selected().expect("a selected task").task.id
    }

    const REPLACED: &str = "funnel.db was replaced by another file: nothing more is written.";
    const MISSING: &str = "funnel.db was moved or deleted: nothing more is written.";
    const REFUSED: &str =
        "Nothing was written: funnel.db is no longer the file this dashboard opened.";

    #[test]
    fn a_replaced_file_is_noticed_at_the_next_poll_written_to_no_more_and_reopened() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        let other = dir.path().join("other.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        assert!(screen(&mut app).contains("one"));
        database_with(&other, &["the other file's task"]);
        std::fs::rename(&other, &db).expect("mv other.db funnel.db");
        let before = std::fs::read(&db).expect("read");

        assert!(app.poll_external(), "noticed at the first poll");
        assert!(screen(&mut app).contains(REPLACED), "{}", screen(&mut app));
        keys(&mut app, " ");
        assert_eq!(status(&app), REFUSED);
        keys(&mut app, "a");
        assert!(
            matches!(app.overlay, Overlay::None),
            "no form to write from"
        );
        keys(&mut app, "j");
        let shown = screen(&mut app);
        assert!(shown.contains(REPLACED), "the line stays: {shown}");
        assert!(
            !shown.contains("Space done"),
            "no write is offered: {shown}"
        );
        assert!(shown.contains("R reopen the file "), "{shown}");
        assert!(!app.poll_external(), "said once");
        assert_eq!(std::fs::read(&db).expect("read"), before, "the new file");

        keys(&mut app, "R");
        assert_eq!(
            status(&app),
            "Opened funnel.db again: this is what it holds now."
        );
        let shown = screen(&mut app);
        assert!(
            shown.contains("the other file's task") && !shown.contains(REPLACED),
            "{shown}"
        );
        keys(&mut app, " ");
        assert_eq!(
            app.store().task(selected(&app)).expect("task").status,
            TaskStatus::Done,
            "{}",
            status(&app)
        );
        drop(app);
        assert_sound(&db);
        assert_eq!(titles(&db), ["the other file's task"]);
    }

    /// "Added task 3. u to undo" is not left under the line saying that
    /// nothing more is written: it would offer an undo that cannot be.
    #[test]
    fn a_success_said_before_the_file_went_is_cleared_when_the_line_appears() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        let moved = dir.path().join("moved.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        keys(&mut app, "aAdded before the move\n");
        assert_eq!(status(&app), "Added task 3. u to undo");
        std::fs::rename(&db, &moved).expect("mv");
        assert!(app.poll_external());
        let shown = screen(&mut app);
        assert!(shown.contains(MISSING), "{shown}");
        assert!(!shown.contains("u to undo"), "{shown}");
        assert_eq!(status(&app), "");
    }

    /// At 80 columns, in English and Vietnamese, the line that stays and
    /// the reopen key's answer show what happened and the key in full.
    #[test]
    fn the_moved_file_lines_fit_80_columns_in_both_languages() {
        use funnel::i18n::Locale;
        for (locale, name, said) in [
            (
                Locale::En,
                "en",
                [
                    "funnel.db was moved or deleted: nothing more is written.",
                    "R opens the file at its path now.",
                    "No database at funnel.db: nothing opened or made. Put it back, then press R.",
                ],
            ),
            (
                Locale::Vi,
                "vi",
                [
                    "funnel.db đã bị di chuyển hoặc xóa: không ghi thêm gì nữa.",
                    "Nhấn R để mở tệp đang có tại đường dẫn đó.",
                    "Không có tệp nào tại funnel.db: không mở hay tạo gì. Đặt tệp lại rồi nhấn R.",
                ],
            ),
        ] {
            let dir = tempfile::tempdir().expect("dir");
            let db = dir.path().join("funnel.db");
            drop(open_with_tasks(&db));
            let mut app = app_in(&db, locale);
            std::fs::remove_file(&db).expect("rm");
            assert!(app.poll_external());
            keys(&mut app, "R");
            let shown = funnel::tui::snapshot(&mut app, 80, 24).expect("frame");
            for line in said {
                assert!(shown.contains(line), "{line:?} in\n{shown}");
            }
            insta::assert_snapshot!(format!("moved_file_{name}_80x24"), shown);
        }
    }

    #[test]
    fn a_deleted_file_is_not_made_again_by_the_reopen_key_and_a_file_put_back_opens() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        std::fs::remove_file(&db).expect("rm funnel.db");

        assert!(app.poll_external());
        assert!(screen(&mut app).contains(MISSING), "{}", screen(&mut app));
        keys(&mut app, "u");
        assert_eq!(status(&app), REFUSED);
        keys(&mut app, "R");
        assert_eq!(
            status(&app),
            "No database at funnel.db: nothing opened or made. Put it back, then press R."
        );
        assert!(!db.exists(), "no empty database was made");
        assert!(screen(&mut app).contains(MISSING));

        database_with(&db, &["put back"]);
        assert!(app.poll_external(), "something is at the path now");
        assert!(screen(&mut app).contains(REPLACED));
        keys(&mut app, "R");
        assert!(screen(&mut app).contains("put back"));
    }

    #[test]
    fn a_foreign_file_at_the_path_is_refused_by_the_reopen_key_with_its_reason() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        std::fs::remove_file(&db).expect("rm");
        std::fs::write(&db, "name,amount\nAn,3\n").expect("a CSV file");
        keys(&mut app, "R");
        let said = status(&app);
        assert!(
            said.starts_with("Could not open funnel.db: ")
                && said.contains("not a funnel database (not an SQLite file)")
                && said.ends_with("Nothing was written; this dashboard still shows what it had."),
            "{said}"
        );
        assert!(screen(&mut app).contains(REPLACED));
        assert_eq!(
            std::fs::read_to_string(&db).expect("read"),
            "name,amount\nAn,3\n"
        );
    }

    #[test]
    fn a_read_only_dashboard_notices_too_and_reopens_read_only() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        let other = dir.path().join("other.db");
        drop(open_with_tasks(&db));
        let settings = Settings {
            config: Config {
                locale: funnel::i18n::Locale::Vi,
                ..Config::default()
            },
            keymap: Keymap::default(),
            clock: Clock::Fixed(NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")),
            read_only: true,
            ascii: false,
            db_name: "funnel.db".into(),
        };
        let store = Store::open_read_only(&db).expect("open");
        let mut app = App::new(store, settings).expect("app");
        database_with(&other, &["the other file's task"]);
        std::fs::rename(&other, &db).expect("mv other.db funnel.db");
        assert!(app.poll_external());
        let shown = screen(&mut app);
        assert!(
            shown.contains("funnel.db đã bị một tệp khác thay thế: không ghi thêm gì nữa."),
            "{shown}"
        );
        keys(&mut app, "R");
        assert_eq!(
            status(&app),
            "Đã mở lại funnel.db: đây là dữ liệu hiện có trong tệp."
        );
        assert!(screen(&mut app).contains("the other file's task"));
        keys(&mut app, " ");
        assert_eq!(status(&app), "Chế độ chỉ đọc: không thể thay đổi.");
        drop(app);
        assert_sound(&db);
        assert_eq!(titles(&db), ["the other file's task"]);
    }

    #[test]
    fn a_form_open_when_the_file_goes_keeps_its_text_and_saves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        let moved = dir.path().join("moved.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        keys(&mut app, "aWritten nowhere");
        std::fs::rename(&db, &moved).expect("mv");
        keys(&mut app, "\n");
        let Overlay::Form(form) = &app.overlay else {
            panic!("the form stays open");
        };
        assert_eq!(form.error.as_deref(), Some(REFUSED));
        assert_eq!(form.value(0usize), "Written nowhere");
        drop(app);
        assert_eq!(titles(&moved), ["one", "two"]);
    }
}

/// Another process holds the write lock: a write key does not freeze the
/// dashboard; it says it waits, keeps moving, and writes what the key
/// asked for once the lock is free.
mod waiting {
    use super::dashboard::{app_on, keys, screen, selected, status};
    use super::*;
    use funnel::app::{App, Overlay};
    use funnel::domain::TaskStatus;
    use std::time::{Duration, Instant};

    const WAITING: &str = "Waiting for another process to finish writing… Esc stops waiting.";

    /// Another process's write transaction on `db`, until dropped.
    struct Holder(rusqlite::Connection);

    impl Holder {
        fn take(db: &Path) -> Holder {
            let conn = rusqlite::Connection::open(db).expect("sqlite");
            conn.execute_batch("BEGIN IMMEDIATE")
                .expect("hold the lock");
            Holder(conn)
        }

        fn release(self) {
            self.0.execute_batch("ROLLBACK").expect("release");
        }
    }

    /// What the terminal loop does while a write waits, until it is over
    /// (the app gives up by itself after its wait; the deadline only
    /// keeps a broken build from hanging the suite).
    fn until_done(app: &mut App) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while app.is_waiting() {
            if Instant::now() > deadline {
                panic!("the write was still waiting after 120 s");
            }
            app.retry_write();
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn status_of(app: &App, title: &str) -> TaskStatus {
        let tasks = app.store().all_tasks().expect("tasks");
        tasks
            .into_iter()
            .find(|t| t.title == title)
            .expect("the task")
            .status
    }

    #[test]
    fn a_quick_key_waits_keeps_moving_and_changes_the_task_it_was_pressed_on() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        let pressed_on = selected(&app);
        let holder = Holder::take(&db);

        keys(&mut app, " ");
        assert!(app.is_waiting());
        assert!(screen(&mut app).contains(WAITING), "{}", screen(&mut app));
        keys(&mut app, "j");
        assert_ne!(selected(&app), pressed_on, "moving works while waiting");
        keys(&mut app, " ");
        assert!(
            screen(&mut app).contains(
                "Still waiting for another process: that key did nothing. Esc stops waiting."
            ),
            "{}",
            screen(&mut app)
        );
        holder.release();
        until_done(&mut app);

        let done = app.store().task(pressed_on).expect("task");
        assert_eq!(done.status, TaskStatus::Done, "{}", status(&app));
        assert_eq!(
            status(&app),
            format!("Task {} done. u to undo", pressed_on.0)
        );
        let other = app.store().task(selected(&app)).expect("task");
        assert_ne!(other.id, pressed_on);
        assert_eq!(
            other.status,
            TaskStatus::Todo,
            "the key pressed meanwhile did nothing"
        );
    }

    /// `q` while a change waits says so first; `q` again quits without
    /// it (nothing written); Ctrl-c quits at once, as everywhere.
    #[test]
    fn q_while_a_change_waits_says_so_and_q_again_quits_without_it() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        let holder = Holder::take(&db);
        keys(&mut app, " ");
        assert!(app.is_waiting());
        keys(&mut app, "q");
        assert!(!app.quit, "the first q quit with a change still waiting");
        let said = "A change still waits: q again quits without writing it, Esc stops waiting.";
        assert!(screen(&mut app).contains(said), "{}", screen(&mut app));
        keys(&mut app, "q");
        assert!(app.quit, "q again quits");
        drop(app);
        holder.release();
        assert_eq!(titles(&db), ["one", "two"]);
        let (ok, out) = funnel(&db, &["task", "list", "--status", "done", "--json"]);
        assert!(ok && out.trim() == "[]", "nothing was written: {out}");

        let mut app = app_on(&db);
        let holder = Holder::take(&db);
        keys(&mut app, " ");
        app.on_key(&ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('c'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        ));
        assert!(app.quit, "Ctrl-c quits at once");
        drop(app);
        holder.release();
    }

    /// At 80 columns, in English and Vietnamese, the waiting lines show
    /// what happens and the key in full.
    #[test]
    fn the_waiting_lines_fit_80_columns_in_both_languages() {
        use funnel::i18n::Locale;
        for (locale, name, refused, quit) in [
            (
                Locale::En,
                "en",
                "Still waiting for another process: that key did nothing. Esc stops waiting.",
                "A change still waits: q again quits without writing it, Esc stops waiting.",
            ),
            (
                Locale::Vi,
                "vi",
                "Vẫn đang chờ tiến trình khác: phím vừa nhấn bị bỏ qua. Nhấn Esc để thôi chờ.",
                "Còn thay đổi chờ ghi: nhấn q lần nữa để thoát mà không ghi, Esc để thôi chờ.",
            ),
        ] {
            let dir = tempfile::tempdir().expect("dir");
            let db = dir.path().join("funnel.db");
            drop(open_with_tasks(&db));
            let mut app = super::dashboard::app_in(&db, locale);
            let holder = Holder::take(&db);
            keys(&mut app, "  ");
            let shown = funnel::tui::snapshot(&mut app, 80, 24).expect("frame");
            assert!(shown.contains(refused), "{shown}");
            insta::assert_snapshot!(format!("waiting_refused_{name}_80x24"), shown);
            keys(&mut app, "q");
            let shown = funnel::tui::snapshot(&mut app, 80, 24).expect("frame");
            assert!(shown.contains(quit), "{shown}");
            holder.release();
        }
    }

    #[test]
    fn esc_stops_waiting_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        let holder = Holder::take(&db);
        keys(&mut app, " ");
        assert!(app.is_waiting());
        keys(&mut app, "\x1b");
        assert!(!app.is_waiting());
        assert_eq!(status(&app), "Stopped waiting: nothing was written.");
        holder.release();
        assert_eq!(status_of(&app, "one"), TaskStatus::Todo);
        assert_eq!(status_of(&app, "two"), TaskStatus::Todo);
    }

    #[test]
    fn past_the_wait_the_dashboard_gives_up_and_says_nothing_was_written() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        app.write_wait = Duration::from_millis(300);
        let holder = Holder::take(&db);
        keys(&mut app, "u");
        until_done(&mut app);
        assert_eq!(
            status(&app),
            "Another process held the write lock over 0 s: nothing was written. Try again."
        );
        holder.release();
        assert_eq!(app.store().count_tasks().expect("count"), 2, "no undo");
    }

    #[test]
    fn a_form_waits_with_its_text_kept_and_saves_once_the_lock_is_free() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        drop(open_with_tasks(&db));
        let mut app = app_on(&db);
        let holder = Holder::take(&db);
        keys(&mut app, "aSaved after the wait\n");
        let Overlay::Form(form) = &app.overlay else {
            panic!("the form stays while it waits");
        };
        assert_eq!(form.error.as_deref(), Some(WAITING));
        keys(&mut app, "x");
        let Overlay::Form(form) = &app.overlay else {
            panic!("the form stays");
        };
        assert_eq!(
            form.value(0usize),
            "Saved after the wait",
            "typing waits too"
        );
        holder.release();
        until_done(&mut app);
        assert!(matches!(app.overlay, Overlay::None), "{}", status(&app));
        assert_eq!(status_of(&app, "Saved after the wait"), TaskStatus::Todo);
        assert_eq!(app.store().count_tasks().expect("count"), 3);
    }
}

/// Undo in the dashboard while `funnel task edit` changes the same task
/// in another process (README "Undo"): a later change to another field is
/// kept by `u`; one to the same field refuses it in one line, and the
/// details key then steps past it.
mod undo_by_field {
    use super::dashboard::{app_on, keys, screen, selected, status};
    use super::*;

    /// Task `id` as `funnel task list --json` prints it.
    fn task_json(db: &Path, id: i64) -> serde_json::Value {
        let (ok, out) = funnel(db, &["task", "list", "--all", "--json"]);
        assert!(ok, "{out}");
        let tasks: serde_json::Value = serde_json::from_str(&out).expect("json");
        tasks
            .as_array()
            .expect("a list")
            .iter()
            .find(|t| t["id"] == id)
            .expect("the task")
            .clone()
    }

    #[test]
    fn u_keeps_the_due_date_funnel_task_edit_set_and_steps_past_a_status_it_set() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("funnel.db");
        database_with(&db, &["call the printer"]);
        let mut app = app_on(&db);
        keys(&mut app, "3");
        screen(&mut app);
        let id = selected(&app).0;
        keys(&mut app, "s");
        let (ok, out) = funnel(
            &db,
            &["task", "edit", &id.to_string(), "--due", "2026-12-12"],
        );
        assert!(ok, "{out}");
        app.poll_external();
        keys(&mut app, "u");
        assert_eq!(status(&app), format!("Undid: edit task {id}"));
        let t = task_json(&db, id);
        assert_eq!(
            (t["status"].as_str(), t["due"].as_str()),
            (Some("todo"), Some("2026-12-12")),
            "{t}"
        );
        // The same field: refused, and stepped past.
        keys(&mut app, "p");
        keys(&mut app, "s");
        let (ok, out) = funnel(
            &db,
            &["task", "edit", &id.to_string(), "--status", "blocked"],
        );
        assert!(ok, "{out}");
        app.poll_external();
        keys(&mut app, "u");
        assert_eq!(
            status(&app),
            format!("Cannot undo edit task {id}: the command line changed it since. U: details")
        );
        keys(&mut app, "Us");
        keys(&mut app, "u");
        assert_eq!(status(&app), format!("Undid: edit task {id}"));
        let t = task_json(&db, id);
        assert_eq!(
            (t["status"].as_str(), t["priority"].as_str()),
            (Some("blocked"), Some("medium")),
            "the command line's status stays, the priority change is undone: {t}"
        );
        assert_sound(&db);
    }
}
