//! The selection follows the task a key changed: Space twice toggles the
//! same task, every quick update keeps it selected, and undo and redo
//! select the task they put back. On the demo in a real file.

use super::*;

fn on_demo_file() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    screen(&mut app, 100, 30);
    (dir, app)
}

fn statuses(app: &App) -> Vec<(TaskId, TaskStatus)> {
    let mut all: Vec<_> = app
        .store()
        .tasks(&funnel::store::tasks::TaskQuery::default())
        .expect("tasks")
        .into_iter()
        .map(|t| (t.id, t.status))
        .collect();
    all.sort_by_key(|(id, _)| id.0);
    all
}

fn ctrl_r(app: &mut App) {
    app.on_key(&KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
}

#[test]
fn space_twice_toggles_the_same_task_and_nothing_else() {
    let (_dir, mut app) = on_demo_file();
    typed(&mut app, "jj");
    let before = statuses(&app);
    let (id, status) = selected(&app);
    assert_ne!(status, TaskStatus::Done);
    typed(&mut app, " ");
    assert_eq!(
        selected(&app),
        (id, TaskStatus::Done),
        "Space keeps the task"
    );
    typed(&mut app, " ");
    assert_eq!(selected(&app).0, id, "the second Space is on the same task");
    let after = statuses(&app);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, a)| (b.0, b.1, a.1))
        .collect();
    // Done, then back to to-do: only this task changed, and it is open.
    assert!(
        changed
            .iter()
            .all(|(i, _, now)| *i == id && *now == TaskStatus::Todo),
        "{changed:?}"
    );
}

#[test]
fn every_quick_update_keeps_the_selection_on_its_task() {
    for keys in [
        " ", "s", "ss", "sss", "p", "pp", "+", "-", "++++++++", " s", " p", " +",
    ] {
        let (_dir, mut app) = on_demo_file();
        typed(&mut app, "jjj");
        let (id, _) = selected(&app);
        for k in keys.chars() {
            typed(&mut app, &k.to_string());
            assert_eq!(selected(&app).0, id, "after {k:?} of {keys:?}");
        }
    }
}

#[test]
fn undo_and_redo_select_the_task_they_restore() {
    // Each change is made on the fourth task; then the selection goes to
    // the top and to the bottom before u and Ctrl-r.
    for (keys, what) in [
        (" ", "done"),
        ("p", "priority"),
        ("s", "status"),
        ("+", "due"),
        ("dy", "delete"),
        ("e!\n", "edit"),
    ] {
        let (_dir, mut app) = on_demo_file();
        typed(&mut app, "jjj");
        let (id, _) = selected(&app);
        typed(&mut app, keys);
        typed(&mut app, "g");
        typed(&mut app, "u");
        assert!(
            status(&app).starts_with("Undid"),
            "{what}: {}",
            status(&app)
        );
        assert_eq!(selected(&app).0, id, "after undoing {what}");
        typed(&mut app, "G");
        ctrl_r(&mut app);
        assert!(
            status(&app).starts_with("Redid"),
            "{what}: {}",
            status(&app)
        );
        if what != "delete" {
            assert_eq!(selected(&app).0, id, "after redoing {what}");
        }
    }
}
