//! Moving about: Ctrl-d / Ctrl-u half a screen in every list, `#` and a
//! task's id to select it, `<` / `>` a card to the status before or
//! after (one change, one undo), and cards showing their due day at 80
//! columns. On the demo in a real file.

use super::*;

fn on_demo_file(locale: Locale) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    screen(&mut app, 80, 24);
    (dir, app)
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// The row of the selected task in the list.
fn row(app: &App) -> usize {
    app.tasks.cursor
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_screen_in_every_list() {
    let (_dir, mut app) = on_demo_file(Locale::En);
    let half = app.fit.list_height / 2;
    assert!(half > 1, "{}", app.fit.list_height);
    // Tasks list: keys before, then the row expected.
    for (keys, want) in [
        ("d", half),
        ("dd", 2 * half),
        ("ddu", half),
        ("u", 0),
        ("dddddddddd", app.tasks.rows.len() - 1),
    ] {
        typed(&mut app, "g");
        for k in keys.chars() {
            ctrl(&mut app, k);
        }
        assert_eq!(row(&app), want, "Ctrl-{keys}");
    }
    // The board: in the selected column.
    typed(&mut app, "bgh");
    ctrl(&mut app, 'd');
    let todo = app.tasks.columns[0].len();
    assert_eq!(app.tasks.board_rows[0], half.min(todo - 1));
    ctrl(&mut app, 'u');
    assert_eq!(app.tasks.board_rows[0], 0);
    // Strategy: objectives are few, so Ctrl-d reaches the last.
    typed(&mut app, "1");
    ctrl(&mut app, 'd');
    let s = app.strategy.as_ref().expect("strategy");
    assert!(s.selected() > 0, "Ctrl-d moves the strategy list");
    ctrl(&mut app, 'u');
    assert_eq!(app.strategy.as_ref().expect("strategy").selected(), 0);
    // Plan: the campaigns.
    typed(&mut app, "2g");
    let first = app
        .plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.id);
    ctrl(&mut app, 'd');
    let moved = app
        .plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.id);
    assert_ne!(first, moved, "Ctrl-d moves the plan's selection");
    ctrl(&mut app, 'u');
    let back = app
        .plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.id);
    assert_eq!(first, back);
}

#[test]
fn hash_and_an_id_select_the_task_even_where_it_was_not_shown() {
    let (_dir, app) = on_demo_file(Locale::En);
    let done = app
        .tasks
        .lines
        .lines()
        .iter()
        .find(|l| l.task.status == TaskStatus::Done)
        .map(|l| l.task.id)
        .expect("a done task");
    let open = app
        .tasks
        .lines
        .lines()
        .iter()
        .rev()
        .find(|l| l.task.status != TaskStatus::Done && l.task.tags.is_empty())
        .or_else(|| app.tasks.lines.lines().last())
        .map(|l| l.task.id)
        .expect("a task");
    // Keys, the task selected after, the status said.
    let cases: Vec<(String, Option<TaskId>, &str)> = vec![
        (format!("#{}\n", open.0), Some(open), ""),
        (format!("##{}\n", open.0), Some(open), ""),
        (format!("#{}\n", done.0), Some(done), ""),
        (format!("/#nosuchtag\n#{}\n", open.0), Some(open), ""),
        (
            "#99999\n".into(),
            None,
            "No task 99999: nothing was selected",
        ),
        ("#abc\n".into(), None, "'abc' is not a task number"),
        (format!("#{}\x1b", open.0), None, ""),
    ];
    for (keys, want, said) in cases {
        let (_dir, mut app) = on_demo_file(Locale::En);
        let before = selected(&app).0;
        typed(&mut app, &keys);
        assert!(!app.go_to && app.filter_input.is_none(), "{keys:?}");
        assert_eq!(selected(&app).0, want.unwrap_or(before), "{keys:?}");
        assert!(status(&app).starts_with(said), "{keys:?}: {}", status(&app));
        if keys.contains("nosuchtag") {
            assert_eq!(app.tasks.filter_text, "", "the filter gave way");
        }
    }
}

#[test]
fn angle_brackets_move_a_card_to_the_status_before_or_after_with_one_undo() {
    // The column the card starts in, the keys, the column it ends in.
    let cases = [
        (0, ">", 1),
        (0, ">>", 2),
        (1, "<", 0),
        (0, "<", 0),
        (2, ">", 3),
        (1, "><", 1),
    ];
    for (from, keys, to) in cases {
        let (_dir, mut app) = on_demo_file(Locale::En);
        typed(&mut app, "bhhhh");
        for _ in 0..from {
            typed(&mut app, "l");
        }
        let (id, status) = selected(&app);
        assert_eq!(status, TaskStatus::ALL[from]);
        let before = app.store().task(id).expect("task");
        typed(&mut app, keys);
        let after = app.store().task(id).expect("task");
        assert_eq!(after.status, TaskStatus::ALL[to], "{from} {keys}");
        assert_eq!(selected(&app).0, id, "the card stays selected: {keys}");
        assert_eq!(app.tasks.board_column, to, "{keys}");
        if from != to {
            for _ in keys.chars() {
                typed(&mut app, "u");
            }
            assert_eq!(
                app.store().task(id).expect("task").status,
                before.status,
                "{keys}: one undo per key"
            );
        }
    }
}

#[test]
fn cards_show_their_due_day_and_overdue_at_80_columns() {
    let (_dir, mut app) = on_demo_file(Locale::En);
    typed(&mut app, "b");
    let frame = screen(&mut app, 80, 24);
    let overdue = app
        .tasks
        .lines
        .lines()
        .iter()
        .find(|l| l.task.status != TaskStatus::Done && l.task.due.is_some_and(|d| d < today()))
        .and_then(|l| l.task.due)
        .expect("the demo has an overdue task");
    let mark = format!("{}!", overdue.format("%-d %b"));
    assert!(frame.contains(&mark), "{mark}:\n{frame}");
    assert!(frame.contains("27 Nov"), "{frame}");
    for (locale, name) in [
        (Locale::En, "board_en_80x24"),
        (Locale::Vi, "board_vi_80x24"),
    ] {
        let (_dir, mut app) = on_demo_file(locale);
        typed(&mut app, "b");
        insta::assert_snapshot!(name, screen(&mut app, 80, 24));
    }
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_screen_in_the_kpis_notes() {
    use funnel::domain::{CauseCategory, Note, NoteId, NoteKind};
    let (dir, app) = on_demo_file(Locale::En);
    drop(app);
    let mut store = Store::open(&dir.path().join("funnel.db")).expect("store");
    for i in 0..30 {
        let note = Note {
            id: NoteId(0),
            kind: NoteKind::Cause,
            category: CauseCategory::Other,
            start: today(),
            end: today(),
            metric: None,
            text: format!("Observation {i}"),
            created_at: chrono::Utc::now(),
        };
        store.save_note(&note).expect("note");
    }
    let mut app = App::new(store, settings(Locale::En, false, Keymap::default())).expect("app");
    typed(&mut app, "4");
    screen(&mut app, 80, 24);
    // A note takes two rows: half a screen of notes is a quarter of its rows.
    let half = (app.fit.list_height / 4).max(1);
    assert!(half > 1, "{}", app.fit.list_height);
    let notes = |app: &App| app.kpis.as_ref().expect("kpis").period_notes.selected;
    // The first key shows the notes at 80 columns.
    typed(&mut app, "jg");
    assert_eq!(notes(&app), 0);
    for (keys, want) in [("d", half), ("dd", 2 * half), ("ddu", half), ("u", 0)] {
        typed(&mut app, "g");
        for k in keys.chars() {
            ctrl(&mut app, k);
        }
        assert_eq!(notes(&app), want, "Ctrl-{keys}");
    }
}

#[test]
fn the_board_at_160x48_in_english_and_vietnamese() {
    for (locale, name) in [
        (Locale::En, "board_en_160x48"),
        (Locale::Vi, "board_vi_160x48"),
    ] {
        let (_dir, mut app) = on_demo_file(locale);
        screen(&mut app, 160, 48);
        // The first task is blocked: one column left is "doing".
        typed(&mut app, "bh");
        assert_eq!(app.tasks.board_column, 1);
        insta::assert_snapshot!(name, screen(&mut app, 160, 48));
    }
}
