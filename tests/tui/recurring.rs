//! A repeating task in the dashboard: added with quick-add syntax, marked
//! done with Space, followed by the next one in the list (marked ↻, `~`
//! under --ascii); `u` takes both back; the form changes or stops the
//! series.

use super::*;

/// The dashboard on a new file holding one plain task, on Sunday
/// 2026-11-22.
fn on_file(locale: Locale, ascii: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
    store
        .add_task(&NewTask {
            due: NaiveDate::from_ymd_opt(2026, 11, 30),
            ..NewTask::titled("Call the print shop")
        })
        .expect("add");
    let mut s = settings(locale, false, Keymap::default());
    s.ascii = ascii;
    (dir, App::new(store, s).expect("app"))
}

fn titles(app: &App) -> Vec<(String, Option<NaiveDate>, TaskStatus)> {
    let mut out: Vec<_> = app
        .tasks
        .lines
        .lines()
        .iter()
        .map(|l| (l.task.title.clone(), l.task.due, l.task.status))
        .collect();
    out.sort_by_key(|t| t.1);
    out
}

#[test]
fn a_weekly_task_added_with_quick_add_is_followed_when_done() {
    let (_dir, mut app) = on_file(Locale::En, false);
    typed(&mut app, "aNewsletter every:1w due:tue #email\n");
    assert!(matches!(app.overlay, Overlay::None), "saved");
    let (id, _) = selected(&app);
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
    let dec = |d| NaiveDate::from_ymd_opt(2026, 12, d);
    assert_eq!(
        app.tasks.selected().and_then(|l| l.task.recurrence),
        "week".parse().ok()
    );
    typed(&mut app, " ");
    assert_eq!(selected(&app), (id, TaskStatus::Done), "the cursor stays");
    let next = app
        .store()
        .next_in_series(id)
        .expect("read")
        .expect("a next task");
    assert_eq!(
        status(&app),
        format!(
            "Task {id} done; next: task {} due 2026-12-01. u to undo",
            next.id
        )
    );
    assert_eq!(
        titles(&app),
        [
            ("Newsletter".into(), day(24), TaskStatus::Done),
            ("Call the print shop".into(), day(30), TaskStatus::Todo),
            ("Newsletter".into(), dec(1), TaskStatus::Todo),
        ]
    );
    // Space again reopens the same task; no second next task.
    typed(&mut app, " ");
    typed(&mut app, " ");
    assert_eq!(app.store().count_tasks().expect("count"), 3);
    // Undo (three times: done, reopened, done) takes the first done back
    // with the task it made.
    typed(&mut app, "uuu");
    assert_eq!(app.store().count_tasks().expect("count"), 2);
    assert_eq!(selected(&app), (id, TaskStatus::Todo));
}

#[test]
fn the_form_stops_the_series_from_any_of_its_tasks() {
    let (_dir, mut app) = on_file(Locale::Vi, false);
    typed(&mut app, "aBáo cáo every:month due:2026-11-30\n");
    let (id, _) = selected(&app);
    typed(&mut app, " ");
    let next = app.store().next_in_series(id).expect("read").expect("next");
    assert_eq!(next.due, NaiveDate::from_ymd_opt(2026, 12, 30));
    // On the done task: e, to the Repeat field, emptied.
    typed(&mut app, "e");
    let Overlay::Form(form) = &app.overlay else {
        panic!("the edit form");
    };
    assert_eq!(form.value(6usize), "month");
    typed(&mut app, "\t\t\t\t\t\t");
    app.on_key(&key(KeyCode::End));
    for _ in 0.."month".len() {
        app.on_key(&key(KeyCode::Backspace));
    }
    typed(&mut app, "\n");
    assert!(matches!(app.overlay, Overlay::None), "saved");
    assert_eq!(app.store().task(next.id).expect("next").recurrence, None);
}

#[test]
fn the_list_marks_repeating_tasks_80x24() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for ascii in [false, true] {
        let (_dir, mut app) = on_file(Locale::En, ascii);
        typed(&mut app, "aNewsletter every:1w due:tue #email\n");
        typed(&mut app, "aPost every:mon,thu due:thu\n");
        typed(&mut app, "k ");
        let frame = screen(&mut app, 80, 24);
        let mark = if ascii {
            "~ Newsletter"
        } else {
            "↻ Newsletter"
        };
        assert_eq!(frame.matches(mark).count(), 2, "{frame}");
        if !ascii {
            insta::assert_snapshot!("recurring_marks_80x24", frame);
        }
    }
}

/// The board marks a repeating task's card as the list marks its row.
#[test]
fn the_board_marks_repeating_tasks() {
    for ascii in [false, true] {
        let (_dir, mut app) = on_file(Locale::En, ascii);
        typed(&mut app, "aNewsletter every:1w due:tue\n");
        typed(&mut app, "b");
        let frame = screen(&mut app, 80, 24);
        let mark = if ascii { "~ News" } else { "↻ News" };
        assert!(frame.contains(mark), "{frame}");
        assert!(
            !frame.contains("~ Call") && !frame.contains("↻ Call"),
            "{frame}"
        );
    }
}

#[test]
fn the_help_explains_repeating_tasks_in_both_languages() {
    for (locale, heading, words) in [
        (
            Locale::En,
            "Repeating tasks (↻)",
            "after:14d (that long after it is done)",
        ),
        (
            Locale::Vi,
            "Việc lặp lại (↻)",
            "after:14d (bấy lâu sau khi xong)",
        ),
    ] {
        let (_dir, mut app) = on_file(locale, false);
        typed(&mut app, "?");
        let help = screen(&mut app, 120, 300);
        assert!(help.contains(heading), "{help}");
        assert!(help.contains(words), "{help}");
    }
}
