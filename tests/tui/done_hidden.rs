//! Done tasks are hidden by default, `D` shows them, a filter asking for
//! them shows them, and the header always counts those hidden.

use super::*;

fn done_count(app: &App) -> usize {
    app.tasks
        .lines
        .lines()
        .iter()
        .filter(|l| l.task.status == TaskStatus::Done)
        .count()
}

fn shown_statuses(app: &App) -> Vec<TaskStatus> {
    app.tasks
        .rows
        .iter()
        .filter_map(|r| match r {
            funnel::app::tasks::Row::Task(i) => app.tasks.lines.get(*i).map(|l| l.task.status),
            funnel::app::tasks::Row::Heading(..) => None,
        })
        .collect()
}

#[test]
fn done_tasks_are_hidden_counted_and_d_shows_them() {
    let mut app = demo(Locale::En);
    let (all, done) = (app.tasks.lines.len(), done_count(&app));
    assert!(done > 0, "the demo has done tasks");
    assert_eq!(app.tasks.hidden_done, done);
    assert_eq!(app.tasks.shown, all - done);
    assert!(!shown_statuses(&app).contains(&TaskStatus::Done));
    let header = format!("{} shown · {done} done hidden", all - done);
    assert!(screen(&mut app, 80, 24).contains(&header), "{header}");
    typed(&mut app, "D");
    assert_eq!((app.tasks.shown, app.tasks.hidden_done), (all, 0));
    assert!(screen(&mut app, 80, 24).contains(&format!("{all} shown · 0 done hidden")));
    typed(&mut app, "D");
    assert_eq!((app.tasks.shown, app.tasks.hidden_done), (all - done, done));
}

#[test]
fn a_filter_asking_for_done_tasks_shows_them() {
    for (filter, want) in [
        ("is:done", Some(TaskStatus::Done)),
        ("status:done", Some(TaskStatus::Done)),
        ("-is:open", Some(TaskStatus::Done)),
        ("status:blocked", Some(TaskStatus::Blocked)),
    ] {
        let mut app = demo(Locale::En);
        let done = done_count(&app);
        typed(&mut app, &format!("/{filter}\n"));
        let shown = shown_statuses(&app);
        assert!(!shown.is_empty(), "{filter}");
        assert!(
            shown.iter().all(|s| Some(*s) == want),
            "{filter}: {shown:?}"
        );
        if want == Some(TaskStatus::Done) {
            assert_eq!((shown.len(), app.tasks.hidden_done), (done, 0), "{filter}");
        }
    }
    // A filter that does not ask for them counts the done tasks it hides.
    let mut app = demo(Locale::En);
    typed(&mut app, "/seo\n");
    let matching_done = app
        .tasks
        .lines
        .lines()
        .iter()
        .filter(|l| l.task.status == TaskStatus::Done)
        .filter(|l| {
            let text =
                format!("{} {} {:?}", l.task.title, l.task.notes, l.task.tags).to_lowercase();
            text.contains("seo")
                || l.campaign
                    .as_deref()
                    .is_some_and(|c| c.to_lowercase().contains("seo"))
                || l.assignee
                    .as_deref()
                    .is_some_and(|c| c.to_lowercase().contains("seo"))
        })
        .count();
    assert!(matching_done > 0);
    assert_eq!(app.tasks.hidden_done, matching_done);
}

#[test]
fn a_task_marked_done_here_stays_shown_until_d_or_the_filter_changes() {
    let mut app = demo(Locale::En);
    let (id, before) = selected(&app);
    let hidden = app.tasks.hidden_done;
    typed(&mut app, " ");
    assert_eq!(
        selected(&app),
        (id, TaskStatus::Done),
        "still shown, selected"
    );
    assert_eq!(app.tasks.hidden_done, hidden, "not counted as hidden");
    typed(&mut app, "DD");
    assert_eq!(app.tasks.hidden_done, hidden + 1, "hidden now");
    assert_ne!(selected(&app).0, id);
    // Undo brings it back open, and selects it.
    typed(&mut app, "u");
    assert_eq!(selected(&app), (id, before));
}

#[test]
fn the_list_with_done_hidden_and_shown_160x48() {
    // Beside the other reviewed frames.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for locale in [Locale::En, Locale::Vi] {
        let mut app = demo(locale);
        insta::assert_snapshot!(
            format!("hidden_{locale:?}_160x48"),
            screen(&mut app, 160, 48)
        );
        typed(&mut app, "D");
        insta::assert_snapshot!(
            format!("shown_{locale:?}_160x48"),
            screen(&mut app, 160, 48)
        );
    }
}

#[test]
fn a_list_of_only_done_tasks_says_how_to_show_them() {
    let mut store = Store::open_in_memory().expect("store");
    let t = store.add_task(&NewTask::titled("one")).expect("add");
    store
        .set_task_status(&[t.id], TaskStatus::Done)
        .expect("done");
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Nothing open here; 1 done hidden: D shows them."),
        "{text}"
    );
    typed(&mut app, "D");
    assert!(screen(&mut app, 80, 24).contains("[✓] M one"));
}
