//! Undo in the dashboard beside the command line (README "Undo"): a
//! change the command line made since to another field of the same task
//! does not refuse `u`; one to the same field does, in one line of 80
//! columns naming the details key; the details name the task, the field
//! and both values, and offer to step past the refused change or to undo
//! it anyway after a question. A second `Store` on the file plays the
//! command line.

use super::*;
use funnel::store::tasks::TaskPatch;
use std::path::{Path, PathBuf};

/// Tasks "a" and "b" in a new file, the dashboard on its Tasks tab with
/// "a" selected, and the file's path for the command line's store.
fn two_tasks(locale: Locale) -> (tempfile::TempDir, PathBuf, App, TaskId) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut cli = Store::open(&path).expect("store");
    let a = cli.add_task(&NewTask::titled("a")).expect("a").id;
    cli.add_task(&NewTask::titled("b")).expect("b");
    drop(cli);
    let store = Store::open(&path).expect("store");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    typed(&mut app, "3");
    screen(&mut app, 80, 24);
    while selected(&app).0 != a {
        typed(&mut app, "j");
    }
    (dir, path, app, a)
}

/// The command line edits task `id` with `patch`; the dashboard notices.
fn cli_edits(path: &Path, app: &mut App, id: TaskId, patch: TaskPatch) {
    let mut cli = Store::open(path).expect("the command line's store");
    cli.edit_task(id, &patch).expect("the command line edits");
    app.poll_external();
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// `frame` with every journal time (`2026-12-07T18:20:05Z`, or
/// `07/12/2026` and `18:20:05` in Vietnamese, perhaps on two rows) the
/// same, for frames that do not change by the minute.
fn steady_times(frame: &str) -> String {
    const SAME: [(&str, &str); 3] = [
        ("dddd-dd-ddTdd:dd:ddZ", "2026-11-22T09:30:00Z"),
        ("dd/dd/dddd", "22/11/2026"),
        ("dd:dd:dd", "09:30:00"),
    ];
    let chars: Vec<char> = frame.chars().collect();
    let fits = |at: usize, shape: &str| {
        shape.chars().enumerate().all(|(k, s)| {
            chars.get(at + k).is_some_and(|c| {
                if s == 'd' {
                    c.is_ascii_digit()
                } else {
                    *c == s
                }
            })
        })
    };
    let mut out = String::with_capacity(frame.len());
    let mut i = 0;
    while i < chars.len() {
        match SAME.iter().find(|(shape, _)| fits(i, shape)) {
            Some((shape, same)) => {
                out.push_str(same);
                i += shape.len();
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// The dashboard sets task `a`'s priority, then its status; the command
/// line then sets its status too: the dashboard's `u` is refused.
fn refused(locale: Locale) -> (tempfile::TempDir, PathBuf, App, TaskId) {
    let (dir, path, mut app, a) = two_tasks(locale);
    typed(&mut app, "p");
    typed(&mut app, "s");
    assert_eq!(selected(&app).0, a);
    let status = |s| TaskPatch {
        status: Some(s),
        ..TaskPatch::default()
    };
    cli_edits(&path, &mut app, a, status(TaskStatus::Blocked));
    typed(&mut app, "u");
    (dir, path, app, a)
}

#[test]
fn u_keeps_the_due_date_the_command_line_set_on_the_same_task() {
    let (_dir, path, mut app, a) = two_tasks(Locale::En);
    typed(&mut app, "s");
    let after = app.store().task(a).expect("a").status;
    assert_ne!(after, TaskStatus::Todo, "s changed the status");
    let due = TaskPatch {
        due: Some(Some(day(30))),
        ..TaskPatch::default()
    };
    cli_edits(&path, &mut app, a, due);
    typed(&mut app, "u");
    assert_eq!(status(&app), "Undid: edit task 1");
    let t = app.store().task(a).expect("a");
    assert_eq!((t.status, t.due), (TaskStatus::Todo, Some(day(30))));
}

#[test]
fn a_refusal_is_one_line_of_80_columns_naming_the_details_key() {
    for locale in [Locale::En, Locale::Vi] {
        let (_dir, _path, mut app, a) = refused(locale);
        let line = status(&app);
        assert!(
            funnel::text::width(&line) <= 80,
            "{} columns: {line}",
            funnel::text::width(&line)
        );
        let want = match locale {
            Locale::En => "Cannot undo edit task 1: the command line changed it since. U: details",
            Locale::Vi => "Không thể hoàn tác sửa việc 1: dòng lệnh đã sửa nó sau đó. U: chi tiết",
        };
        assert_eq!(line, want);
        assert_eq!(
            app.store().task(a).expect("a").status,
            TaskStatus::Blocked,
            "nothing changed"
        );
        let name = match locale {
            Locale::En => "refusal_en_80x24",
            Locale::Vi => "refusal_vi_80x24",
        };
        insta::assert_snapshot!(name, steady_times(&screen(&mut app, 80, 24)));
    }
}

#[test]
fn the_details_name_the_task_the_field_and_both_values() {
    for locale in [Locale::En, Locale::Vi] {
        let (_dir, _path, mut app, _a) = refused(locale);
        typed(&mut app, "U");
        assert!(matches!(app.overlay, Overlay::UndoRefused(_)));
        let frame = steady_times(&screen(&mut app, 80, 24));
        let want = match locale {
            Locale::En => "task 1 “a”, status: now blocked, undo would write todo",
            Locale::Vi => "việc 1 “a”, trạng thái: hiện là bị chặn, hoàn tác sẽ ghi cần làm",
        };
        assert!(frame.contains(want), "{frame}");
        let name = match locale {
            Locale::En => "details_en_80x24",
            Locale::Vi => "details_vi_80x24",
        };
        insta::assert_snapshot!(name, frame);
        typed(&mut app, "\x1b");
        assert!(matches!(app.overlay, Overlay::None));
    }
}

#[test]
fn skipping_the_refused_change_lets_u_undo_the_one_before() {
    let (_dir, _path, mut app, a) = refused(Locale::En);
    let priority = app.store().task(a).expect("a").priority;
    // A second `u` says the same, with its way forward.
    typed(&mut app, "u");
    assert!(status(&app).ends_with("U: details"), "{}", status(&app));
    typed(&mut app, "Us");
    assert_eq!(
        status(&app),
        "Skipped edit task 1: it stays. u now undoes the change before it."
    );
    typed(&mut app, "u");
    assert_eq!(status(&app), "Undid: edit task 1");
    let t = app.store().task(a).expect("a");
    assert_ne!(t.priority, priority, "the priority change is undone");
    assert_eq!(t.status, TaskStatus::Blocked, "the skipped change stays");
}

#[test]
fn undo_anyway_asks_writes_the_old_status_and_u_takes_it_back() {
    let (_dir, _path, mut app, a) = refused(Locale::En);
    typed(&mut app, "Ua");
    let Overlay::Confirm { question, .. } = &app.overlay else {
        panic!("no question");
    };
    assert_eq!(
        question,
        "Undo edit task 1 anyway, writing its old values over the later change? y/n"
    );
    typed(&mut app, "n");
    assert_eq!(app.store().task(a).expect("a").status, TaskStatus::Blocked);
    typed(&mut app, "uUay");
    assert_eq!(
        status(&app),
        "Undid anyway: edit task 1. u puts back what it overwrote."
    );
    assert_eq!(app.store().task(a).expect("a").status, TaskStatus::Todo);
    typed(&mut app, "u");
    assert_eq!(status(&app), "Undid: undo anyway: edit task 1");
    assert_eq!(app.store().task(a).expect("a").status, TaskStatus::Blocked);
}
