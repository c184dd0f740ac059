//! The detail pane: the selected task whole. Beside the list from 120
//! columns (Enter then edits); at narrower widths Enter shows it in the
//! list's place and Esc closes it. Notes are written in the form and in
//! an editor (`E`). On the demo in a real file.

use super::*;

fn on_demo_file(locale: Locale, w: u16, h: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    screen(&mut app, w, h);
    (dir, app)
}

/// Down the list to the first task with notes that follows up a note.
fn to_task_with_notes(app: &mut App) -> TaskId {
    for _ in 0..100 {
        let t = &app.tasks.selected().expect("selected").task;
        if !t.notes.is_empty() && t.follows_note.is_some() {
            return t.id;
        }
        typed(app, "j");
    }
    panic!("the demo has an open task with notes following up a note");
}

/// What the terminal loop does when no `$EDITOR` is set.
fn serve_editor(app: &mut App) {
    if let Some(r) = app.take_edit_request() {
        app.edit_inside(r);
    }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn enter_shows_the_details_at_80_columns_and_esc_closes_them() {
    // Keys from the list, and what follows: the details open, the form
    // open, the filter left.
    let cases: [(&str, bool, bool, &str); 5] = [
        ("\n", true, false, ""),
        ("\n\x1b", false, false, ""),
        ("\n\n", false, false, ""),
        ("/#seo\n\n\x1b", false, false, "#seo"),
        ("/#seo\n\n\x1b\x1b", false, false, ""),
    ];
    for (keys, open, form, filter) in cases {
        let (_dir, mut app) = on_demo_file(Locale::En, 80, 24);
        typed(&mut app, keys);
        assert_eq!(app.tasks.detail, open, "{keys:?}");
        assert_eq!(matches!(app.overlay, Overlay::Form(_)), form, "{keys:?}");
        assert_eq!(app.tasks.filter_text, filter, "{keys:?}");
        let frame = screen(&mut app, 80, 24);
        let id = selected(&app).0;
        assert_eq!(
            frame.contains(&format!("Task {id} ")),
            open,
            "{keys:?}:\n{frame}"
        );
    }
}

#[test]
fn from_120_columns_the_details_stand_beside_the_list_and_enter_edits() {
    let (_dir, mut app) = on_demo_file(Locale::En, 160, 48);
    let id = to_task_with_notes(&mut app);
    let frame = screen(&mut app, 160, 48);
    let task = app.store().task(id).expect("task");
    assert!(frame.contains(&format!("Task {id} ")), "{frame}");
    let first = task.notes.lines().next().expect("a line");
    let start: String = first.chars().take(20).collect();
    assert!(frame.contains(&start), "{frame}");
    assert!(frame.contains("Follows up"), "{frame}");
    typed(&mut app, "\n");
    assert!(matches!(app.overlay, Overlay::Form(_)), "Enter edits");
    assert!(!app.tasks.detail);
    // 119 columns: no room beside, so Enter shows them alone.
    typed(&mut app, "\x1b");
    let frame = screen(&mut app, 119, 40);
    assert!(!frame.contains(&format!("Task {id} ")), "{frame}");
    typed(&mut app, "\n");
    assert!(app.tasks.detail);
    assert!(screen(&mut app, 119, 40).contains(&format!("Task {id} ")));
    // Grown to 160 columns with them open, Esc clears the filter at once.
    typed(&mut app, "/#seo\n");
    screen(&mut app, 160, 48);
    typed(&mut app, "\x1b");
    assert_eq!(app.tasks.filter_text, "");
}

#[test]
fn notes_are_written_in_the_editor_and_undone_with_u() {
    let (_dir, mut app) = on_demo_file(Locale::En, 80, 24);
    let id = to_task_with_notes(&mut app);
    let before = app.store().task(id).expect("task").notes;
    typed(&mut app, "E");
    serve_editor(&mut app);
    assert!(matches!(app.overlay, Overlay::Editor(_)));
    // The editor opens with the cursor before the first character.
    typed(&mut app, "Gọi lại thứ Hai.\n");
    app.on_key(&ctrl('s'));
    assert!(matches!(app.overlay, Overlay::None));
    let after = app.store().task(id).expect("task").notes;
    assert_eq!(after, format!("Gọi lại thứ Hai.\n{before}"));
    assert_eq!(selected(&app).0, id, "the selection stays");
    typed(&mut app, "\n");
    assert!(
        screen(&mut app, 80, 24).contains("Gọi lại thứ Hai."),
        "the details show the notes written"
    );
    typed(&mut app, "\x1bu");
    assert_eq!(app.store().task(id).expect("task").notes, before);
    // Esc in the editor writes nothing.
    typed(&mut app, "E");
    serve_editor(&mut app);
    typed(&mut app, "xyz\x1b");
    assert_eq!(app.store().task(id).expect("task").notes, before);
}

#[test]
fn notes_are_written_in_the_form() {
    let (_dir, mut app) = on_demo_file(Locale::En, 80, 24);
    let id = selected(&app).0;
    // e, then Tab past title, campaign, due, assignee, priority, tags and
    // repeat to the notes.
    typed(&mut app, "e\t\t\t\t\t\t\t⌫In hai mẫu\n");
    assert!(matches!(app.overlay, Overlay::None), "{}", status(&app));
    assert_eq!(app.store().task(id).expect("task").notes, "In hai mẫu");
    typed(&mut app, "a\t\t\t\t\t\t\tGhi chú mới\x1b");
    assert!(matches!(app.overlay, Overlay::None));
    typed(&mut app, "aMới\t\t\t\t\t\t\tGhi chú mới\n");
    let added = selected(&app).0;
    assert_ne!(added, id);
    assert_eq!(app.store().task(added).expect("task").notes, "Ghi chú mới");
}

#[test]
fn read_only_shows_the_details_and_writes_no_notes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(Locale::En, true, Keymap::default())).expect("app");
    screen(&mut app, 80, 24);
    typed(&mut app, "\n");
    assert!(app.tasks.detail, "reading is allowed");
    typed(&mut app, "E");
    assert!(app.take_edit_request().is_none());
    assert_eq!(status(&app), "Read-only: nothing can change here.");
}

/// The note a task follows up is read into the tab's state when the
/// selection lands on the task, and again once it changed elsewhere;
/// the pane draws what was read.
#[test]
fn the_followed_note_is_read_on_selection_and_after_a_change_elsewhere() {
    let (dir, mut app) = on_demo_file(Locale::En, 160, 48);
    let id = to_task_with_notes(&mut app);
    let note_id = app
        .store()
        .task(id)
        .expect("task")
        .follows_note
        .expect("a note");
    let frame = screen(&mut app, 160, 48);
    let followed = app.tasks.followed.clone().expect("read on selection");
    assert_eq!((followed.task, followed.note), (id, note_id));
    let text = followed.text.expect("the note's first line");
    let start: String = text.chars().take(15).collect();
    assert!(
        frame.contains(&format!("note {}: {start}", note_id.0)),
        "{frame}"
    );
    let mut other = Store::open(&dir.path().join("funnel.db")).expect("store");
    let mut note = other.note(note_id).expect("note");
    note.text = "Đổi từ nơi khác".into();
    other.save_note(&note).expect("saved");
    assert!(app.poll_external());
    let frame = screen(&mut app, 160, 48);
    assert!(
        frame.contains(&format!("note {}: Đổi từ nơi khác", note_id.0)),
        "{frame}"
    );
    // A task that follows nothing up holds no note.
    while app
        .tasks
        .selected()
        .expect("a task")
        .task
        .follows_note
        .is_some()
    {
        typed(&mut app, "j");
    }
    screen(&mut app, 160, 48);
    assert_eq!(app.tasks.followed, None);
}

mod frames {
    use super::*;

    #[test]
    fn details_alone_80x24() {
        for (locale, name) in [
            (Locale::En, "detail_en_80x24"),
            (Locale::Vi, "detail_vi_80x24"),
        ] {
            let (_dir, mut app) = on_demo_file(locale, 80, 24);
            to_task_with_notes(&mut app);
            typed(&mut app, "\n");
            insta::assert_snapshot!(name, screen(&mut app, 80, 24));
        }
    }

    #[test]
    fn details_beside_160x48() {
        for (locale, name) in [
            (Locale::En, "detail_en_160x48"),
            (Locale::Vi, "detail_vi_160x48"),
        ] {
            let (_dir, mut app) = on_demo_file(locale, 160, 48);
            to_task_with_notes(&mut app);
            insta::assert_snapshot!(name, screen(&mut app, 160, 48));
        }
    }
}
