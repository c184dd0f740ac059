//! The first frame of a dashboard or a snapshot reads the task lines in
//! part: every task's key, whole only the lines on screen and the selected
//! one. That frame is the one the lines read whole give, and every key
//! after it acts as on lines read whole.

use std::path::{Path, PathBuf};

use super::*;

fn demo_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    path
}

fn opened(path: &Path, in_part: bool) -> App {
    let s = settings(Locale::En, false, Keymap::default());
    let store = Store::open(path).expect("open");
    match in_part {
        true => App::open_in_part(store, s, Tab::Tasks),
        false => App::open_on(store, s, Tab::Tasks),
    }
    .expect("app")
}

/// Rows of the list whose lines the app has not read whole.
fn unread(app: &App) -> usize {
    app.tasks
        .rows
        .iter()
        .filter(
            |r| matches!(r, funnel::app::tasks::Row::Task(i) if app.tasks.lines.get(*i).is_none()),
        )
        .count()
}

#[test]
fn a_first_frame_read_in_part_is_the_frame_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_file(&dir);
    for (w, h) in [(120, 40), (80, 24), (160, 48), (60, 16)] {
        let mut whole = opened(&path, false);
        let mut part = opened(&path, true);
        assert_eq!(screen(&mut part, w, h), screen(&mut whole, w, h), "{w}x{h}");
        assert!(!part.tasks.lines.is_whole(), "{w}x{h}: read in part");
        if h < 30 {
            assert!(unread(&part) > 0, "{w}x{h}: lines off screen are not read");
        }
        assert_eq!(
            (part.tasks.shown, part.tasks.hidden_done, part.tasks.counts),
            (
                whole.tasks.shown,
                whole.tasks.hidden_done,
                whole.tasks.counts
            ),
        );
    }
}

#[test]
fn keys_after_a_first_frame_read_in_part_act_as_on_lines_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    for keys in [
        "j", "jjs", "jj ", "D", "G", "o", "b", "/a\n", "mjm", "#5\n", "\n",
    ] {
        // Each app on its own file of the same demo: the keys write.
        let (a, b) = (
            tempfile::tempdir_in(dir.path()),
            tempfile::tempdir_in(dir.path()),
        );
        let (a, b) = (a.expect("dir"), b.expect("dir"));
        let mut whole = opened(&demo_file(&a), false);
        let mut part = opened(&demo_file(&b), true);
        screen(&mut whole, 80, 24);
        screen(&mut part, 80, 24);
        typed(&mut whole, keys);
        typed(&mut part, keys);
        assert!(
            part.tasks.lines.is_whole(),
            "{keys:?}: read whole once a key came"
        );
        assert_eq!(
            screen(&mut part, 80, 24),
            screen(&mut whole, 80, 24),
            "{keys:?}"
        );
        assert_eq!(part.tasks.marks, whole.tasks.marks, "{keys:?}");
    }
}

#[test]
fn tasks_changed_after_a_first_frame_read_in_part_are_read_anew() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_file(&dir);
    let mut part = opened(&path, true);
    let first = screen(&mut part, 80, 24);
    let (top, _) = selected(&part);
    // Another process adds a task that goes first, overdue and urgent.
    let mut other = Store::open(&path).expect("open");
    let added = other
        .add_task(&NewTask {
            priority: Priority::High,
            due: Some(today() - chrono::Days::new(400)),
            ..NewTask::titled("Added elsewhere")
        })
        .expect("add");
    drop(other);
    typed(&mut part, "k");
    let mut whole = opened(&path, false);
    screen(&mut whole, 80, 24);
    assert!(
        whole
            .tasks
            .lines
            .lines()
            .iter()
            .any(|l| l.task.id == added.id)
    );
    assert_eq!(part.tasks.lines.lines(), whole.tasks.lines.lines());
    assert_eq!(part.tasks.shown, whole.tasks.shown);
    assert_ne!(screen(&mut part, 80, 24), first);
    // The selection stayed on the task it was on; `k` moved up to the new one.
    assert_eq!(selected(&part).0, added.id);
    typed(&mut part, "j");
    assert_eq!(selected(&part).0, top);
}
