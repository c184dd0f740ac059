//! Marking many: `m` marks the selected task, `M` every task shown (or
//! clears the marks); the quick keys and delete then act on all marked
//! tasks as one change, which one `u` takes back. On the demo in a real
//! file.

use super::*;
use funnel::domain::Task;

fn on_demo_file(locale: Locale) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    screen(&mut app, 80, 24);
    (dir, path, app)
}

fn tasks(app: &App, ids: &[TaskId]) -> Vec<Task> {
    ids.iter()
        .map(|id| app.store().task(*id).expect("task"))
        .collect()
}

/// Marks the first, third and fourth task shown (`m` moves down a row)
/// and gives their ids.
fn mark_three(app: &mut App) -> Vec<TaskId> {
    let mut ids = vec![selected(app).0];
    typed(app, "mj");
    ids.push(selected(app).0);
    typed(app, "m");
    ids.push(selected(app).0);
    typed(app, "m");
    ids.sort_by_key(|id| id.0);
    assert_eq!(app.tasks.marks.iter().copied().collect::<Vec<_>>(), ids);
    ids
}

fn days(d: Option<chrono::NaiveDate>, n: i64) -> Option<chrono::NaiveDate> {
    Some(d.map_or(today(), |d| d + chrono::Duration::days(n)))
}

#[test]
fn each_key_acts_on_every_marked_task_and_one_undo_takes_all_back() {
    type Check = fn(&Task, &Task) -> bool;
    let cases: [(&str, Check); 6] = [
        (" ", |_, a| a.status == TaskStatus::Done),
        ("s", |b, a| a.status == b.status.cycled()),
        ("+", |b, a| a.due == days(b.due, 1)),
        ("-", |b, a| a.due == days(b.due, -1)),
        ("p", |b, a| a.priority != b.priority),
        ("dy", |_, _| false),
    ];
    for (keys, changed) in cases {
        let (_dir, _path, mut app) = on_demo_file(Locale::En);
        let ids = mark_three(&mut app);
        let before = tasks(&app, &ids);
        let unmarked = app
            .tasks
            .lines
            .lines()
            .iter()
            .map(|l| l.task.clone())
            .find(|t| !ids.contains(&t.id))
            .expect("an unmarked task");
        typed(&mut app, keys);
        if keys == "dy" {
            assert!(
                ids.iter().all(|id| app.store().task(*id).is_err()),
                "{keys:?}"
            );
            assert_eq!(status(&app), "Deleted 3 marked tasks. u to undo");
        } else {
            for (b, a) in before.iter().zip(tasks(&app, &ids)) {
                assert!(changed(b, &a), "{keys:?}: {b:?} -> {a:?}");
            }
            assert_eq!(status(&app), "3 marked tasks changed. u to undo");
        }
        let other = app.store().task(unmarked.id).expect("unmarked");
        assert_eq!(
            other.updated_at, unmarked.updated_at,
            "{keys:?}: not marked"
        );
        typed(&mut app, "u");
        for (b, a) in before.iter().zip(tasks(&app, &ids)) {
            assert_eq!(
                (a.status, a.due, a.priority),
                (b.status, b.due, b.priority),
                "{keys:?}: one undo"
            );
        }
    }
}

#[test]
fn space_marks_all_done_then_all_back_to_do() {
    let (_dir, _path, mut app) = on_demo_file(Locale::En);
    let ids = mark_three(&mut app);
    typed(&mut app, " ");
    assert!(
        tasks(&app, &ids)
            .iter()
            .all(|t| t.status == TaskStatus::Done)
    );
    // Done here, they stay in sight and marked: a second Space takes them back.
    assert_eq!(app.tasks.marks.len(), 3);
    typed(&mut app, " ");
    assert!(
        tasks(&app, &ids)
            .iter()
            .all(|t| t.status == TaskStatus::Todo)
    );
}

#[test]
fn capital_m_marks_all_shown_and_clears_them() {
    let (_dir, _path, mut app) = on_demo_file(Locale::En);
    typed(&mut app, "/@an\n");
    let shown = app.tasks.shown;
    assert!(shown > 1 && shown < app.tasks.lines.len(), "{shown}");
    typed(&mut app, "M");
    assert_eq!(app.tasks.marks.len(), shown);
    assert!(screen(&mut app, 100, 30).contains(&format!("{shown} marked")));
    typed(&mut app, "M");
    assert!(app.tasks.marks.is_empty());
    // Without marks the keys act on the selected task alone again.
    let (id, _) = selected(&app);
    typed(&mut app, "p");
    assert_eq!(status(&app).split(':').next(), Some(&*format!("Task {id}")));
}

#[test]
fn marks_survive_a_reload_where_the_tasks_still_exist() {
    let (_dir, path, mut app) = on_demo_file(Locale::En);
    let ids = mark_three(&mut app);
    let mut other = Store::open(&path).expect("second connection");
    other.delete_task(ids[1]).expect("deleted elsewhere");
    other
        .set_task_status(&[ids[0]], TaskStatus::Blocked)
        .expect("changed elsewhere");
    assert!(app.poll_external());
    assert_eq!(
        app.tasks.marks.iter().copied().collect::<Vec<_>>(),
        vec![ids[0], ids[2]]
    );
    typed(&mut app, "s");
    assert_eq!(
        app.store().task(ids[0]).expect("task").status,
        TaskStatus::Blocked.cycled()
    );
}

#[test]
fn marked_tasks_at_80x24_in_english_and_vietnamese() {
    for locale in [Locale::En, Locale::Vi] {
        let (_dir, _path, mut app) = on_demo_file(locale);
        mark_three(&mut app);
        let frame = screen(&mut app, 80, 24);
        let name = format!("marked_{}_80x24", format!("{locale:?}").to_lowercase());
        insta::assert_snapshot!(name, frame);
    }
}

#[test]
fn marked_tasks_at_160x48_in_english_and_vietnamese() {
    for locale in [Locale::En, Locale::Vi] {
        let (_dir, _path, mut app) = on_demo_file(locale);
        screen(&mut app, 160, 48);
        mark_three(&mut app);
        let frame = screen(&mut app, 160, 48);
        let name = format!("marked_{}_160x48", format!("{locale:?}").to_lowercase());
        insta::assert_snapshot!(name, frame);
    }
}

#[test]
fn e_sets_assignee_campaign_and_tags_on_every_marked_task_as_one_change() {
    let (_dir, _path, mut app) = on_demo_file(Locale::En);
    let ids = mark_three(&mut app);
    let before = tasks(&app, &ids);
    let ngoc = app
        .store()
        .people()
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Lê Bảo Ngọc")
        .expect("Ngọc");
    // Campaign taken away, Ngọc assigned, `launch` added and `seo` removed.
    typed(&mut app, "e-\tLê Bảo Ngọc\tlaunch -seo\n");
    assert!(matches!(app.overlay, Overlay::None), "{}", status(&app));
    for t in tasks(&app, &ids) {
        assert_eq!(
            (t.campaign, t.assignee),
            (None, Some(ngoc.id)),
            "{}",
            t.title
        );
        assert!(t.tags.contains(&"launch".to_string()), "{:?}", t.tags);
        assert!(!t.tags.contains(&"seo".to_string()), "{:?}", t.tags);
    }
    assert_eq!(status(&app), "3 marked tasks changed. u to undo");
    typed(&mut app, "u");
    for (b, a) in before.iter().zip(tasks(&app, &ids)) {
        assert_eq!(
            (&a.campaign, &a.assignee, &a.tags),
            (&b.campaign, &b.assignee, &b.tags)
        );
    }
    // A name that names no one keeps the form open on its field, nothing written.
    typed(&mut app, "e\tnobody at all\n");
    assert!(matches!(app.overlay, Overlay::Form(_)));
    for (b, a) in before.iter().zip(tasks(&app, &ids)) {
        assert_eq!(a.updated_at, b.updated_at);
    }
}
