//! Repeating tasks on real files: done makes the next task exactly once
//! (done twice, from two handles, from two processes at once), undo and
//! redo take and bring both, a series is changed or stopped from any of
//! its tasks, a v6 file upgrades with its data; and the same through the
//! `funnel` binary.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use chrono::NaiveDate;
use funnel::domain::{Clock, Recurrence, Task, TaskId, TaskStatus};
use funnel::store::tasks::{NewTask, TaskPatch, TaskQuery};
use funnel::store::{Origin, Store, StoreError};

#[path = "support/sandbox.rs"]
mod sandbox;
use sandbox::Sandbox;
#[path = "support/commands.rs"]
mod commands;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn rule(s: &str) -> Option<Recurrence> {
    Some(s.parse().expect("rule"))
}

/// A store on a new file in a temporary directory, on Sunday 2026-11-22.
fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("funnel.db");
    (dir, path)
}

fn open(path: &Path) -> Store {
    let mut s = Store::open(path).expect("open");
    s.set_clock(Clock::Fixed(day(2026, 11, 22)));
    s
}

fn all(s: &Store) -> Vec<Task> {
    s.tasks(&TaskQuery::default()).expect("tasks")
}

/// A weekly newsletter due Tuesday 24 November, tagged, assigned nowhere.
fn weekly(s: &mut Store) -> Task {
    s.add_task(&NewTask {
        due: Some(day(2026, 11, 24)),
        tags: vec!["email".into()],
        notes: "send at 9".into(),
        recurrence: rule("week"),
        ..NewTask::titled("Weekly newsletter")
    })
    .expect("add")
}

#[test]
fn done_makes_the_next_task_once_even_when_done_again() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let first = weekly(&mut s);
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let next = s
        .next_in_series(first.id)
        .expect("read")
        .expect("a next task");
    assert_eq!(next.title, "Weekly newsletter");
    assert_eq!(next.due, Some(day(2026, 12, 1)), "a week after its due day");
    assert_eq!(next.status, TaskStatus::Todo);
    assert_eq!(next.tags, ["email"]);
    assert_eq!(next.notes, "send at 9");
    assert_eq!(next.recurrence, rule("week"));
    // Done again, reopened and done again, done by an edit: still one.
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("again");
    s.set_task_status(&[first.id], TaskStatus::Todo)
        .expect("reopen");
    s.edit_task(
        first.id,
        &TaskPatch {
            status: Some(TaskStatus::Done),
            ..TaskPatch::default()
        },
    )
    .expect("done by edit");
    assert_eq!(all(&s).len(), 2, "{:?}", all(&s));
    // The next one, done by an edit, makes the one after it.
    let after = s
        .edit_task(
            next.id,
            &TaskPatch {
                status: Some(TaskStatus::Done),
                ..TaskPatch::default()
            },
        )
        .expect("done");
    assert_eq!(after.status, TaskStatus::Done);
    let third = s.next_in_series(next.id).expect("read").expect("third");
    assert_eq!(third.due, Some(day(2026, 12, 8)));
    assert_eq!(all(&s).len(), 3);
}

/// A rule that names days (weekdays, a day of the month) gives a task
/// added without a due day its first such day from today (Sunday 22
/// November 2026); a rule of intervals leaves it to count from the day it
/// is done.
#[test]
fn a_repeating_task_without_a_due_day_is_due_on_its_rule_s_first_day() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    for (text, due) in [
        ("mon,thu", Some(day(2026, 11, 23))),
        ("sun", Some(day(2026, 11, 22))),
        ("t5", Some(day(2026, 11, 26))),
        ("22", Some(day(2026, 11, 22))),
        ("15", Some(day(2026, 12, 15))),
        ("31", Some(day(2026, 11, 30))),
        ("week", None),
        ("month", None),
    ] {
        let task = s
            .add_task(&NewTask {
                recurrence: rule(text),
                ..NewTask::titled(text)
            })
            .expect("add");
        assert_eq!(task.due, due, "every:{text}");
    }
    let task = s
        .add_task(&NewTask {
            recurrence: rule("after:14d"),
            ..NewTask::titled("after done")
        })
        .expect("add");
    assert_eq!(task.due, None, "after:14d");
    let task = s
        .add_task(&NewTask {
            due: Some(day(2026, 12, 3)),
            recurrence: rule("mon"),
            ..NewTask::titled("its own day")
        })
        .expect("add");
    assert_eq!(task.due, Some(day(2026, 12, 3)), "a due day given is kept");
}

/// `export` then `import` into a new file keeps which tasks form a
/// series: the rule is still changed from any of them, and a done task
/// reopened and done again makes no second next task.
#[test]
fn export_and_import_keep_a_series_whole() {
    let (dir, path) = temp();
    let mut s = open(&path);
    let first = weekly(&mut s);
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let next = s.next_in_series(first.id).expect("read").expect("next");
    let doc = s.export().expect("export");
    let mut copy = open(&dir.path().join("copy.db"));
    copy.import(&doc).expect("import");
    assert_eq!(
        copy.export().expect("export again"),
        doc,
        "the same document"
    );
    copy.edit_task(
        next.id,
        &TaskPatch {
            recurrence: Some(rule("2w")),
            ..TaskPatch::default()
        },
    )
    .expect("change");
    assert_eq!(copy.task(first.id).expect("first").recurrence, rule("2w"));
    copy.set_task_status(&[first.id], TaskStatus::Doing)
        .expect("reopen");
    copy.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done again");
    assert_eq!(all(&copy).len(), 2, "no second next task");
}

#[test]
fn undo_takes_the_done_and_the_next_back_and_redo_brings_both() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let first = weekly(&mut s);
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let next = s.next_in_series(first.id).expect("read").expect("next");
    let undone = s.undo().expect("undo");
    assert!(undone.label.contains("next task"), "{}", undone.label);
    assert_eq!(all(&s), [s.task(first.id).expect("first")]);
    assert_eq!(s.task(first.id).expect("first").status, TaskStatus::Todo);
    s.redo().expect("redo");
    assert_eq!(s.task(first.id).expect("first").status, TaskStatus::Done);
    assert_eq!(s.task(next.id).expect("the same next task"), next);
    assert_eq!(all(&s).len(), 2);
}

#[test]
fn two_handles_marking_done_at_once_make_one_next_task() {
    let (_dir, path) = temp();
    for round in 1..=5 {
        let id = weekly(&mut open(&path)).id;
        let barrier = Arc::new(Barrier::new(2));
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (barrier, path) = (Arc::clone(&barrier), path.clone());
                std::thread::spawn(move || {
                    let mut s = open(&path);
                    barrier.wait();
                    s.set_task_status(&[id], TaskStatus::Done).expect("done");
                })
            })
            .collect();
        for w in workers {
            w.join().expect("worker");
        }
        let s = open(&path);
        assert!(s.next_in_series(id).expect("read").is_some());
        assert_eq!(all(&s).len(), 2 * round, "{:?}", all(&s));
    }
}

#[test]
fn a_series_is_changed_and_stopped_from_any_of_its_tasks() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let first = weekly(&mut s);
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let next = s.next_in_series(first.id).expect("read").expect("next");
    // Changed from the done one: the open one follows the new rule.
    s.edit_task(
        first.id,
        &TaskPatch {
            recurrence: Some(rule("mon,thu")),
            ..TaskPatch::default()
        },
    )
    .expect("change");
    assert_eq!(s.task(next.id).expect("next").recurrence, rule("mon,thu"));
    // Stopped from the done one: the open one repeats no more.
    s.edit_task(
        first.id,
        &TaskPatch {
            recurrence: Some(None),
            ..TaskPatch::default()
        },
    )
    .expect("stop");
    assert_eq!(s.task(next.id).expect("next").recurrence, None);
    s.set_task_status(&[next.id], TaskStatus::Done)
        .expect("done");
    assert_eq!(s.next_in_series(next.id).expect("read"), None);
    assert_eq!(all(&s).len(), 2);
    // Undo of the stop puts the rule back on every task of the series.
    s.undo().expect("undo done");
    s.undo().expect("undo stop");
    assert_eq!(s.task(first.id).expect("first").recurrence, rule("mon,thu"));
    assert_eq!(s.task(next.id).expect("next").recurrence, rule("mon,thu"));
}

/// The due days of a series started on `first` under `rule`, each task
/// done on its own due day: the first task's and `n` more.
fn series_done_on_time(rule_text: &str, first: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let mut task = s
        .add_task(&NewTask {
            due: Some(first),
            recurrence: rule(rule_text),
            ..NewTask::titled("Month-end report")
        })
        .expect("add");
    let mut dues = vec![first];
    for _ in 0..n {
        let due = task.due.expect("a due day");
        s.set_clock(Clock::Fixed(due));
        s.set_task_status(&[task.id], TaskStatus::Done)
            .expect("done");
        task = s.next_in_series(task.id).expect("read").expect("next");
        dues.push(task.due.expect("next due"));
    }
    dues
}

/// Worked out on a calendar: a month or a year on is the series' own day
/// of the month, the month's last day only where the month is shorter;
/// a short month does not move the series to its last day for good.
#[test]
fn a_series_keeps_its_day_of_the_month_after_a_short_month() {
    assert_eq!(
        series_done_on_time("month", day(2027, 1, 31), 5),
        [
            day(2027, 1, 31),
            day(2027, 2, 28),
            day(2027, 3, 31),
            day(2027, 4, 30),
            day(2027, 5, 31),
            day(2027, 6, 30),
        ]
    );
    // A leap year's February, then 30-day months.
    assert_eq!(
        series_done_on_time("month", day(2028, 1, 30), 4),
        [
            day(2028, 1, 30),
            day(2028, 2, 29),
            day(2028, 3, 30),
            day(2028, 4, 30),
            day(2028, 5, 30),
        ]
    );
    assert_eq!(
        series_done_on_time("3m", day(2026, 11, 30), 4),
        [
            day(2026, 11, 30),
            day(2027, 2, 28),
            day(2027, 5, 30),
            day(2027, 8, 30),
            day(2027, 11, 30),
        ]
    );
    assert_eq!(
        series_done_on_time("2m", day(2027, 12, 31), 3),
        [
            day(2027, 12, 31),
            day(2028, 2, 29),
            day(2028, 4, 30),
            day(2028, 6, 30),
        ]
    );
    // 29 February: the 28th in common years, the 29th again in leap years.
    assert_eq!(
        series_done_on_time("year", day(2028, 2, 29), 4),
        [
            day(2028, 2, 29),
            day(2029, 2, 28),
            day(2030, 2, 28),
            day(2031, 2, 28),
            day(2032, 2, 29),
        ]
    );
    // A day every month has is never moved.
    assert_eq!(
        series_done_on_time("month", day(2027, 1, 28), 2),
        [day(2027, 1, 28), day(2027, 2, 28), day(2027, 3, 28)]
    );
}

/// A series done late or early keeps its day too; one whose due day was
/// moved by hand to a day the month has goes on from that day.
#[test]
fn a_series_keeps_its_day_when_done_late_and_follows_a_day_moved_by_hand() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let first = s
        .add_task(&NewTask {
            due: Some(day(2027, 1, 31)),
            recurrence: rule("month"),
            ..NewTask::titled("Month-end report")
        })
        .expect("add");
    s.set_clock(Clock::Fixed(day(2027, 1, 31)));
    s.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let feb = s.next_in_series(first.id).expect("read").expect("feb");
    assert_eq!(feb.due, Some(day(2027, 2, 28)));
    // Done in the middle of April: the one due now is the end of April.
    s.set_clock(Clock::Fixed(day(2027, 4, 12)));
    s.set_task_status(&[feb.id], TaskStatus::Done)
        .expect("done late");
    let apr = s.next_in_series(feb.id).expect("read").expect("apr");
    assert_eq!(apr.due, Some(day(2027, 4, 30)));
    // Done early: the month after its own, on the 31st.
    s.set_task_status(&[apr.id], TaskStatus::Done)
        .expect("done early");
    let may = s.next_in_series(apr.id).expect("read").expect("may");
    assert_eq!(may.due, Some(day(2027, 5, 31)));
    // Moved by hand to the 15th: the series goes on from the 15th.
    s.edit_task(
        may.id,
        &TaskPatch {
            due: Some(Some(day(2027, 5, 15))),
            ..TaskPatch::default()
        },
    )
    .expect("move");
    s.set_clock(Clock::Fixed(day(2027, 5, 15)));
    s.set_task_status(&[may.id], TaskStatus::Done)
        .expect("done");
    let june = s.next_in_series(may.id).expect("read").expect("june");
    assert_eq!(june.due, Some(day(2027, 6, 15)));
}

/// A done task done again (from another process, by an edit, with the
/// rule it has) changes nothing, so it journals nothing: the dashboard
/// that did it can still undo, and an undo takes back a real change.
#[test]
fn done_again_or_an_edit_that_changes_nothing_journals_nothing() {
    let (_dir, path) = temp();
    let mut dashboard = open(&path);
    dashboard.set_origin(Origin::new_dashboard());
    let first = weekly(&mut dashboard);
    dashboard
        .set_task_status(&[first.id], TaskStatus::Done)
        .expect("done");
    let mut cli = open(&path);
    cli.set_task_status(&[first.id], TaskStatus::Done)
        .expect("done again");
    for patch in [
        TaskPatch {
            status: Some(TaskStatus::Done),
            ..TaskPatch::default()
        },
        TaskPatch {
            title: Some("Weekly newsletter".into()),
            recurrence: Some(rule("week")),
            tags: Some(vec!["email".into()]),
            ..TaskPatch::default()
        },
    ] {
        cli.edit_task(first.id, &patch).expect("edit to the same");
    }
    match cli.undo() {
        Err(StoreError::NothingOwn { other, .. }) => {
            assert!(other.label.contains("next task"), "{}", other.label);
        }
        other => panic!("the command line changed nothing: {other:?}"),
    }
    let undone = dashboard.undo().expect("the dashboard's own undo");
    assert!(undone.label.contains("next task"), "{}", undone.label);
    assert_eq!(all(&dashboard), [dashboard.task(first.id).expect("first")]);
    assert_eq!(
        dashboard.task(first.id).expect("first").status,
        TaskStatus::Todo
    );
}

/// Stopping the rule of a task that never repeated changes nothing.
#[test]
fn stopping_a_rule_that_is_not_there_journals_nothing() {
    let (_dir, path) = temp();
    let mut s = open(&path);
    let t = s.add_task(&NewTask::titled("Once")).expect("add");
    let before = s.task(t.id).expect("task");
    s.edit_task(
        t.id,
        &TaskPatch {
            recurrence: Some(None),
            ..TaskPatch::default()
        },
    )
    .expect("stop");
    assert_eq!(s.task(t.id).expect("task"), before);
    assert_eq!(s.undo().expect("undo").label, format!("add task {}", t.id));
}

/// `tests/fixtures/v6.db` was made by the funnel of schema version 6
/// (`FUNNEL_TODAY=2026-11-22 funnel --db v6.db demo`, `funnel task add
/// "Weekly newsletter" --due 2026-11-24 --tag email`, `funnel task done
/// 75`, then `PRAGMA wal_checkpoint(TRUNCATE)`).
#[test]
fn a_v6_file_upgrades_with_its_tasks_and_undo_history() {
    let (dir, path) = temp();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v6.db");
    std::fs::copy(fixture, &path).expect("copy fixture");
    let mut s = open(&path);
    assert_eq!(
        s.schema_version().expect("version"),
        Store::known_schema_version()
    );
    // The backup made before the upgrade is the file as it was.
    let backup = dir.path().join("funnel.db.v6.bak");
    assert!(matches!(
        Store::open_read_only(&backup),
        Err(StoreError::NeedsUpgrade { .. })
    ));
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
    let tasks = s.all_tasks().expect("tasks");
    assert_eq!(tasks.len(), 75);
    assert!(tasks.iter().all(|t| t.recurrence.is_none()));
    let t = s.task(TaskId(75)).expect("task 75");
    assert_eq!(
        (t.title.as_str(), t.status),
        ("Weekly newsletter", TaskStatus::Done)
    );
    // The old file's last change still undoes and redoes.
    assert_eq!(s.undo().expect("undo").label, "set task 75 done");
    assert_eq!(s.task(TaskId(75)).expect("75").status, TaskStatus::Todo);
    s.redo().expect("redo");
    s.undo().expect("undo again");
    // The task repeats now; done, it is followed; undo takes the rule
    // back too (the journal records the new columns).
    s.edit_task(
        TaskId(75),
        &TaskPatch {
            recurrence: Some(rule("week")),
            ..TaskPatch::default()
        },
    )
    .expect("repeat");
    s.set_task_status(&[TaskId(75)], TaskStatus::Done)
        .expect("done");
    let next = s.next_in_series(TaskId(75)).expect("read").expect("next");
    assert_eq!(next.due, Some(day(2026, 12, 1)));
    assert!(next.id.0 > 75);
    s.undo().expect("undo done");
    s.undo().expect("undo the rule");
    assert_eq!(s.task(TaskId(75)).expect("75").recurrence, None);
    assert_eq!(s.all_tasks().expect("tasks").len(), 75);
}

mod cli {
    use super::*;

    fn ids(s: &Sandbox) -> Vec<(i64, String, Option<String>, String)> {
        let list = s.json(&["task", "list", "--all", "--json"]);
        list.as_array()
            .expect("array")
            .iter()
            .map(|t| {
                (
                    t["id"].as_i64().expect("id"),
                    t["due"].as_str().unwrap_or_default().to_string(),
                    t["recurrence"].as_str().map(str::to_string),
                    t["status"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
            .fold(Vec::new(), |mut v, t| {
                v.push(t);
                v.sort_by_key(|t| t.0);
                v
            })
    }

    #[test]
    fn a_weekly_task_from_quick_add_is_followed_once_and_undone_with_it() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "Newsletter every:1w due:tue #email"]);
        assert_eq!(
            ids(&s),
            [(1, "2026-11-24".into(), Some("week".into()), "todo".into())]
        );
        let out = s.ok(&["task", "done", "1"]);
        assert_eq!(
            out,
            "Task 1 done: Newsletter\nNext: task 2 due 2026-12-01: Newsletter\n"
        );
        assert_eq!(
            s.ok(&["task", "done", "1"]),
            "Task 1 was already done: Newsletter\n"
        );
        assert_eq!(
            ids(&s),
            [
                (1, "2026-11-24".into(), Some("week".into()), "done".into()),
                (2, "2026-12-01".into(), Some("week".into()), "todo".into())
            ]
        );
        // One undo takes back the done and its next task: done again
        // changed nothing, so there is nothing of it to undo.
        s.ok(&["undo"]);
        assert_eq!(
            ids(&s),
            [(1, "2026-11-24".into(), Some("week".into()), "todo".into())]
        );
        s.ok(&["redo"]);
        assert_eq!(ids(&s).len(), 2);
    }

    #[test]
    fn the_plain_task_list_marks_a_repeating_task() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "Newsletter every:1w due:tue"]);
        s.ok(&["task", "add", "Launch post due:wed"]);
        let text = s.ok(&["task", "list"]);
        let row = |title: &str| {
            text.lines()
                .find(|l| l.contains(title))
                .unwrap_or_default()
                .to_string()
        };
        assert!(row("Newsletter").contains("↻ Newsletter"), "{text}");
        assert!(!row("Launch post").contains('↻'), "{text}");
        let ascii = s.ok(&["--ascii", "task", "list"]);
        assert!(ascii.contains("~ Newsletter"), "{ascii}");
    }

    #[test]
    fn every_and_after_done_options_set_change_and_stop_a_series() {
        let s = Sandbox::new();
        s.ok(&[
            "task",
            "add",
            "Report",
            "--every",
            "month",
            "--due",
            "2027-01-31",
        ]);
        s.ok(&["task", "add", "Plants", "--after-done", "14d"]);
        s.ok(&["task", "done", "1", "2"]);
        assert_eq!(
            ids(&s)[2..],
            [
                (3, "2027-02-28".into(), Some("month".into()), "todo".into()),
                (
                    4,
                    "2026-12-06".into(),
                    Some("after:14d".into()),
                    "todo".into()
                )
            ]
        );
        // Changed from the done task, stopped from the open one.
        s.ok(&["task", "edit", "1", "--every", "31"]);
        assert_eq!(ids(&s)[2].2.as_deref(), Some("31"));
        s.ok(&["task", "edit", "4", "--after-done", "none"]);
        assert_eq!(ids(&s)[1].2, None, "the whole series stops");
        s.ok(&["task", "done", "3", "4"]);
        assert_eq!(
            ids(&s)[4],
            (5, "2027-03-31".into(), Some("31".into()), "todo".into())
        );
        assert_eq!(ids(&s).len(), 5, "the stopped one made none");
    }

    #[test]
    fn an_edit_that_changes_nothing_says_so_and_writes_nothing() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "Once"]);
        let before = s.ok(&["task", "list", "--all", "--json"]);
        assert_eq!(
            s.ok(&["task", "edit", "1", "--every", "none"]),
            "Task 1 is already so: nothing changed: Once\n"
        );
        assert_eq!(s.ok(&["task", "list", "--all", "--json"]), before);
        s.ok(&["undo"]);
        assert_eq!(ids(&s), [], "the undo took back the add");
    }

    #[test]
    fn a_wrong_rule_is_refused_and_nothing_is_written() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "x"]);
        let before = std::fs::read(&s.db).expect("db");
        for (args, message) in [
            (
                &["task", "add", "y", "--every", "fortnight"][..],
                "--every: 'fortnight': not a repeat rule",
            ),
            (
                &["task", "add", "y", "--after-done", "mon"][..],
                "--after-done: 'mon': not a time after done",
            ),
            (
                &["task", "add", "y every:fortnight"][..],
                "'fortnight': not a repeat rule",
            ),
            (
                &["task", "add", "y every:1w", "--every", "2w"][..],
                "both set it",
            ),
            (
                &["task", "edit", "1", "--every", "0"][..],
                "'0': not a repeat rule",
            ),
        ] {
            let err = s.fails(args);
            assert!(err.contains(message), "{args:?}: {err}");
            assert!(err.contains("nothing was written"), "{args:?}: {err}");
        }
        assert_eq!(std::fs::read(&s.db).expect("db"), before);
    }

    #[test]
    fn export_and_import_keep_the_rule() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "Invoice every:15 due:2026-12-15"]);
        let doc = s.ok(&["export"]);
        let other = Sandbox::new();
        let file = other.file("export.json", &doc);
        other.ok(&["import", &file]);
        assert_eq!(
            ids(&other),
            [(1, "2026-12-15".into(), Some("15".into()), "todo".into())]
        );
        let out = other.ok(&["task", "done", "1"]);
        assert!(out.contains("Next: task 2 due 2027-01-15"), "{out}");
    }

    #[test]
    fn two_processes_marking_done_at_once_make_one_next_task() {
        let s = Sandbox::new();
        s.ok(&["task", "add", "Post every:mon,thu due:mon"]);
        let children: Vec<_> = (0..4)
            .map(|_| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin("funnel"))
                    .args(["task", "done", "1"])
                    .env("FUNNEL_DB", &s.db)
                    .env("FUNNEL_TODAY", "2026-11-22")
                    .env("XDG_CONFIG_HOME", s.dir.path())
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let mut nexts = 0;
        for c in children {
            let out = c.wait_with_output().expect("wait");
            assert!(out.status.success());
            nexts += String::from_utf8_lossy(&out.stdout)
                .matches("Next:")
                .count();
        }
        assert_eq!(nexts, 1, "one process says which task follows");
        assert_eq!(
            ids(&s),
            [
                (
                    1,
                    "2026-11-23".into(),
                    Some("mon,thu".into()),
                    "done".into()
                ),
                (
                    2,
                    "2026-11-26".into(),
                    Some("mon,thu".into()),
                    "todo".into()
                )
            ]
        );
    }
}
