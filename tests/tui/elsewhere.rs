//! Edit forms meeting changes made elsewhere while they are open: a
//! second `Store` on the same file plays the command line. A form writes
//! only what its user changed; a field changed on both sides, to
//! different values, is shown with both values to choose from; a record
//! deleted elsewhere is said, not brought back.

use super::*;
use funnel::domain::RecordRef;
use funnel::domain::{Amount, CampaignStatus, CauseCategory};
use funnel::store::tasks::TaskPatch;
use std::path::PathBuf;

/// The demo in a real file, the dashboard on `tab` over it, and the
/// file's path for a second process's store.
fn on_file(tab: char) -> (tempfile::TempDir, PathBuf, App) {
    on_file_in(Locale::En, tab)
}

fn on_file_in(locale: Locale, tab: char) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    funnel::demo::fill(&mut store, funnel::demo::Scale::Small, today(), 1).expect("demo");
    let mut app = App::new(store, settings(locale, false, Keymap::default())).expect("app");
    typed(&mut app, &tab.to_string());
    screen(&mut app, 100, 30);
    (dir, path, app)
}

/// Another process's store on the same file.
fn elsewhere(path: &std::path::Path) -> Store {
    Store::open(path).expect("a second connection")
}

fn form_error(app: &App) -> Option<String> {
    match &app.overlay {
        Overlay::Form(form) => form.error_line(),
        _ => None,
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

/// Moves the form's focus down `n` fields.
fn down(app: &mut App, n: usize) {
    for _ in 0..n {
        app.on_key(&key(KeyCode::Down));
    }
}

/// Selects a task whose priority is not high (the command line makes
/// it high).
fn a_task_to_edit(app: &mut App) -> funnel::domain::Task {
    for _ in 0..60 {
        let t = app.tasks.selected().expect("a task").task.clone();
        if t.priority != Priority::High {
            return t;
        }
        typed(app, "j");
    }
    panic!("the demo has a task that is not high priority");
}

#[test]
fn a_task_form_writes_only_the_title_and_keeps_what_changed_elsewhere() {
    let (_dir, path, mut app) = on_file('3');
    let task = a_task_to_edit(&mut app);
    typed(&mut app, "e");
    // Meanwhile, `funnel task edit`: due, priority, tag and assignee.
    let mut other = elsewhere(&path);
    let person = other
        .people()
        .expect("people")
        .into_iter()
        .find(|p| Some(p.id) != task.assignee)
        .expect("another person");
    other
        .edit_task(
            task.id,
            &TaskPatch {
                due: Some(Some(day(12, 15))),
                priority: Some(Priority::High),
                tags: Some(vec!["elsewhere".into()]),
                assignee: Some(Some(person.id)),
                ..TaskPatch::default()
            },
        )
        .expect("edited elsewhere");
    // Here: only the title.
    typed(&mut app, " (v2)\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let after = app.store().task(task.id).expect("task");
    assert_eq!(after.title, format!("{} (v2)", task.title));
    assert_eq!(
        (after.due, after.priority, after.tags, after.assignee),
        (
            Some(day(12, 15)),
            Priority::High,
            vec!["elsewhere".to_string()],
            Some(person.id)
        ),
        "what changed elsewhere stays"
    );
    assert_eq!(status(&app), format!("Saved task {}. u to undo", task.id));
    let line = app.tasks.selected().expect("selected");
    assert_eq!(line.task.id, task.id);
    assert_eq!(line.assignee.as_deref(), Some(person.name.as_str()));
}

#[test]
fn a_campaign_form_keeps_a_budget_and_status_changed_elsewhere() {
    let (_dir, path, mut app) = on_file('2');
    let k = app
        .plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.clone())
        .expect("a campaign");
    typed(&mut app, "e");
    let mut other = elsewhere(&path);
    let mut changed = other.campaign(k.id).expect("campaign");
    changed.budget = Amount::from_int(99_000_000);
    changed.status = if k.status == CampaignStatus::Paused {
        CampaignStatus::Active
    } else {
        CampaignStatus::Paused
    };
    other.save_campaign(&changed).expect("edited elsewhere");
    // Here: the description, the last field.
    app.on_key(&key(KeyCode::Up));
    typed(&mut app, " Updated.\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let after = app.store().campaign(k.id).expect("campaign");
    assert_eq!(
        after.description,
        format!("{} Updated.", k.description).trim_start()
    );
    assert_eq!(
        (after.budget, after.status, after.name),
        (changed.budget, changed.status, k.name)
    );
}

/// The screen while the conflict is shown.
fn conflict_text(app: &mut App) -> String {
    let shown = screen(app, 100, 30);
    assert!(
        shown.contains("Changed elsewhere since you opened this form"),
        "a conflict is shown; {:?}\n{shown}",
        form_error(app)
    );
    shown
}

#[test]
fn a_field_changed_here_and_elsewhere_asks_which_to_keep() {
    let (_dir, path, mut app) = on_file('3');
    let task = a_task_to_edit(&mut app);
    let mut other = elsewhere(&path);
    let due_elsewhere = |other: &mut Store, d| {
        other
            .edit_task(
                task.id,
                &TaskPatch {
                    due: Some(Some(d)),
                    ..TaskPatch::default()
                },
            )
            .expect("edited elsewhere")
    };

    // Keep mine: the due typed here is written.
    typed(&mut app, "e");
    due_elsewhere(&mut other, day(12, 15));
    down(&mut app, 2);
    typed(&mut app, "2026-12-24\n");
    let shown = conflict_text(&mut app);
    assert!(
        shown.contains("Due: yours 2026-12-24, now 2026-12-15"),
        "{shown}"
    );
    assert_eq!(
        app.store().task(task.id).expect("task").due,
        Some(day(12, 15)),
        "nothing is written before the choice"
    );
    typed(&mut app, "m");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    assert_eq!(
        app.store().task(task.id).expect("task").due,
        Some(day(12, 24))
    );
    assert_eq!(status(&app), format!("Saved task {}. u to undo", task.id));

    // Take theirs: the due changed elsewhere stays, and the title changed
    // here only is still written.
    typed(&mut app, "e!");
    due_elsewhere(&mut other, day(12, 20));
    down(&mut app, 2);
    typed(&mut app, "2026-12-31\n");
    assert!(conflict_text(&mut app).contains("Due: yours 2026-12-31, now 2026-12-20"));
    typed(&mut app, "t");
    assert!(
        matches!(app.overlay, Overlay::None),
        "{:?}",
        form_error(&app)
    );
    let after = app.store().task(task.id).expect("task");
    assert_eq!(after.due, Some(day(12, 20)));
    assert_eq!(after.title, format!("{}!", task.title));

    // Back to the form: nothing written, the form says what changed, Esc
    // closes it.
    let before = app.store().task(task.id).expect("task");
    typed(&mut app, "e");
    due_elsewhere(&mut other, day(12, 1));
    down(&mut app, 2);
    typed(&mut app, "2026-12-02\n");
    conflict_text(&mut app);
    app.on_key(&key(KeyCode::Esc));
    assert_eq!(
        form_error(&app).as_deref(),
        Some(
            "Enter now keeps yours for Due. Changed elsewhere since you opened this form: Due: yours 2026-12-02, now 2026-12-01"
        )
    );
    typed(&mut app, "\x1b");
    assert!(matches!(app.overlay, Overlay::None));
    let now = app.store().task(task.id).expect("task");
    assert_eq!(now.due, Some(day(12, 1)));
    assert_eq!(now.title, before.title);
}

/// Back in the form from a conflict, the form says plainly what Enter
/// does now (keeps what was typed in the fields that clashed), and Enter
/// does just that.
#[test]
fn back_from_a_conflict_the_form_says_that_enter_keeps_yours() {
    for (locale, due, said) in [
        (
            Locale::En,
            "2026-12-02",
            "Enter now keeps yours for Due. Changed elsewhere since you opened this form: Due: yours 2026-12-02, now 2026-12-01",
        ),
        (
            Locale::Vi,
            "02/12/2026",
            "Nhấn Enter lúc này sẽ giữ giá trị của bạn cho Hạn. Đã được sửa ở nơi khác từ lúc bạn mở biểu mẫu này: Hạn: của bạn 02/12/2026, hiện tại 01/12/2026",
        ),
    ] {
        let (_dir, path, mut app) = on_file_in(locale, '3');
        let task = a_task_to_edit(&mut app);
        typed(&mut app, "e");
        elsewhere(&path)
            .edit_task(
                task.id,
                &TaskPatch {
                    due: Some(Some(day(12, 1))),
                    ..TaskPatch::default()
                },
            )
            .expect("edited elsewhere");
        down(&mut app, 2);
        typed(&mut app, &format!("{due}\n"));
        assert!(matches!(app.overlay, Overlay::Conflict(_)));
        app.on_key(&key(KeyCode::Esc));
        assert_eq!(form_error(&app).as_deref(), Some(said));
        typed(&mut app, "\n");
        assert!(
            matches!(app.overlay, Overlay::None),
            "{:?}",
            form_error(&app)
        );
        assert_eq!(
            app.store().task(task.id).expect("task").due,
            Some(day(12, 2))
        );
    }
}

/// Amounts in a conflict read as money does elsewhere on screen, in the
/// locale's grouping and currency, not as the digits typed.
#[test]
fn a_budget_in_a_conflict_is_shown_as_money() {
    for (locale, said) in [
        (Locale::En, "Budget: yours 65,000,000 ₫, now 80,000,000 ₫"),
        (
            Locale::Vi,
            "Ngân sách: của bạn 65.000.000 ₫, hiện tại 80.000.000 ₫",
        ),
    ] {
        let (_dir, path, mut app) = on_file_in(locale, '2');
        let k = app
            .plan
            .as_ref()
            .and_then(|p| p.selected_row())
            .map(|r| r.campaign.clone())
            .expect("a campaign");
        typed(&mut app, "e");
        let mut other = elsewhere(&path);
        let mut changed = other.campaign(k.id).expect("campaign");
        changed.budget = Amount::from_int(80_000_000);
        other.save_campaign(&changed).expect("edited elsewhere");
        let Overlay::Form(form) = &app.overlay else {
            panic!("the campaign form");
        };
        let label = said.split(':').next().unwrap_or_default();
        let budget = form
            .fields()
            .iter()
            .position(|f| f.label == label)
            .expect("a budget field");
        down(&mut app, budget);
        for _ in 0..20 {
            app.on_key(&key(KeyCode::Backspace));
        }
        typed(&mut app, "65000000\n");
        let shown = screen(&mut app, 100, 30);
        assert!(shown.contains(said), "{shown}");
    }
}

#[test]
fn the_conflict_80x24() {
    // Beside the other reviewed frames.
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for (locale, name, due) in [
        (Locale::En, "en", "2026-12-24"),
        (Locale::Vi, "vi", "24/12/2026"),
    ] {
        let (_dir, path, mut app) = on_file_in(locale, '3');
        let task = app.tasks.selected().expect("a task").task.clone();
        typed(&mut app, "e");
        elsewhere(&path)
            .edit_task(
                task.id,
                &TaskPatch {
                    title: Some("Chạy remarketing cho khách đã xem hộp quà Tết".into()),
                    due: Some(Some(day(12, 15))),
                    ..TaskPatch::default()
                },
            )
            .expect("edited elsewhere");
        typed(&mut app, " (v2)");
        down(&mut app, 2);
        typed(&mut app, &format!("{due}\n"));
        insta::assert_snapshot!(format!("conflict_{name}_80x24"), screen(&mut app, 80, 24));
        for (w, h) in [(40, 10), (41, 11), (60, 12), (200, 60)] {
            screen(&mut app, w, h);
        }
    }
}

#[test]
fn a_record_deleted_elsewhere_is_said_and_not_brought_back() {
    let (_dir, path, mut app) = on_file('3');
    let task = app.tasks.selected().expect("a task").task.clone();
    typed(&mut app, "e");
    elsewhere(&path)
        .delete_task(task.id)
        .expect("deleted elsewhere");
    typed(&mut app, "!\n");
    assert_eq!(
        form_error(&app).as_deref(),
        Some(
            "Deleted elsewhere since you opened this form: nothing was written. Esc closes the form."
        )
    );
    assert!(app.store().task(task.id).is_err(), "not brought back");

    typed(&mut app, "\x1b2");
    let k = app
        .plan
        .as_ref()
        .and_then(|p| p.selected_row())
        .map(|r| r.campaign.clone())
        .expect("a campaign");
    typed(&mut app, "e");
    elsewhere(&path)
        .delete_campaign(k.id)
        .expect("deleted elsewhere");
    app.on_key(&key(KeyCode::End));
    typed(&mut app, " 2\n");
    assert_eq!(
        form_error(&app).as_deref(),
        Some(
            "Deleted elsewhere since you opened this form: nothing was written. Esc closes the form."
        )
    );
    assert!(app.store().campaign(k.id).is_err(), "not brought back");
    typed(&mut app, "\x1b");
    assert!(matches!(app.overlay, Overlay::None));
}

/// What a test of one kind of record does: opens its form on the
/// dashboard, changes a field elsewhere, changes another in the form,
/// and says what must hold after saving.
struct Case {
    name: &'static str,
    /// Selects the record and opens its form.
    open: fn(&mut App, &Store),
    /// Changes one field elsewhere.
    elsewhere: fn(&mut Store),
    /// Keys typed into the form (Enter is pressed after).
    keys: fn(&mut App),
    /// Both changes are in the store.
    check: fn(&Store),
}

fn on_strategy(app: &mut App, item: RecordRef) {
    typed(app, "1");
    app.strategy.as_mut().expect("loaded").select(item);
    typed(app, "e");
}

fn append(app: &mut App, text: &str) {
    app.on_key(&key(KeyCode::End));
    typed(app, text);
}

fn first<T>(list: funnel::store::Result<Vec<T>>) -> T {
    list.expect("read")
        .into_iter()
        .next()
        .expect("the demo has one")
}

const CASES: &[Case] = &[
    Case {
        name: "objective",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.objectives()).id)),
        elsewhere: |s| {
            let mut o = first(s.objectives());
            o.target = Amount::from_int(777);
            s.save_objective(&o).expect("saved");
        },
        keys: |app| append(app, " (v2)"),
        check: |s| {
            let o = first(s.objectives());
            assert!(o.title.ends_with(" (v2)"), "{}", o.title);
            assert_eq!(o.target, Amount::from_int(777));
        },
    },
    Case {
        name: "segment",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.segments()).id)),
        elsewhere: |s| {
            let mut x = first(s.segments());
            x.market_size = Some(4242);
            s.save_segment(&x).expect("saved");
        },
        keys: |app| append(app, " (v2)"),
        check: |s| {
            let x = first(s.segments());
            assert!(x.name.ends_with(" (v2)"), "{}", x.name);
            assert_eq!(x.market_size, Some(4242));
        },
    },
    Case {
        name: "channel",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.channels()).id)),
        elsewhere: |s| {
            let mut x = first(s.channels());
            x.description = "Changed elsewhere".into();
            x.segments.clear();
            s.save_channel(&x).expect("saved");
        },
        keys: |app| append(app, " (v2)"),
        check: |s| {
            let x = first(s.channels());
            assert!(x.name.ends_with(" (v2)"), "{}", x.name);
            assert_eq!(x.description, "Changed elsewhere");
            assert!(x.segments.is_empty());
        },
    },
    Case {
        name: "person",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.people()).id)),
        elsewhere: |s| {
            let mut x = first(s.people());
            x.contact = "elsewhere@example.com".into();
            s.save_person(&x).expect("saved");
        },
        keys: |app| {
            down(app, 1);
            typed(app, " lead");
        },
        check: |s| {
            let x = first(s.people());
            assert!(x.role.ends_with("lead"), "{}", x.role);
            assert_eq!(x.contact, "elsewhere@example.com");
        },
    },
    Case {
        name: "tool",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.tools()).id)),
        elsewhere: |s| {
            let mut x = first(s.tools());
            x.purpose = "Changed elsewhere".into();
            s.save_tool(&x).expect("saved");
        },
        keys: |app| append(app, " (v2)"),
        check: |s| {
            let x = first(s.tools());
            assert!(x.name.ends_with(" (v2)"), "{}", x.name);
            assert_eq!(x.purpose, "Changed elsewhere");
        },
    },
    Case {
        name: "budget",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.budgets()).id)),
        elsewhere: |s| {
            let mut x = first(s.budgets());
            x.note = "Changed elsewhere".into();
            s.save_budget(&x).expect("saved");
        },
        keys: |app| {
            down(app, 1);
            typed(app, "12345");
        },
        check: |s| {
            let x = first(s.budgets());
            assert_eq!(x.amount, Amount::from_int(12345));
            assert_eq!(x.note, "Changed elsewhere");
        },
    },
    Case {
        name: "procedure",
        open: |app, s| on_strategy(app, RecordRef::of(first(s.procedures()).id)),
        elsewhere: |s| {
            let mut x = first(s.procedures());
            x.owner = None;
            x.steps = "1. Changed elsewhere".into();
            s.save_procedure(&x).expect("saved");
        },
        keys: |app| typed(app, " (v2)"),
        check: |s| {
            let x = first(s.procedures());
            assert!(x.title.ends_with(" (v2)"), "{}", x.title);
            assert_eq!((x.owner, x.steps.as_str()), (None, "1. Changed elsewhere"));
        },
    },
    Case {
        name: "note",
        open: |app, _| {
            typed(app, "4");
            screen(app, 160, 48);
            typed(app, "e");
        },
        elsewhere: |s| {
            let mut x = first(s.notes_between(day(11, 1), day(11, 30)));
            x.category = CauseCategory::Competition;
            s.save_note(&x).expect("saved");
        },
        keys: |app| {
            app.on_key(&key(KeyCode::BackTab));
            typed(app, "!");
        },
        check: |s| {
            let x = first(s.notes_between(day(11, 1), day(11, 30)));
            assert!(x.text.ends_with('!'), "{}", x.text);
            assert_eq!(x.category, CauseCategory::Competition);
        },
    },
];

#[test]
fn every_edit_form_keeps_what_changed_elsewhere() {
    let failed: Vec<&str> = CASES
        .iter()
        .filter(|case| {
            let run = std::panic::AssertUnwindSafe(|| {
                let (_dir, path, mut app) = on_file('3');
                let mut other = elsewhere(&path);
                (case.open)(&mut app, &other);
                assert!(
                    matches!(app.overlay, Overlay::Form(_)),
                    "{}: the form opens",
                    case.name
                );
                (case.elsewhere)(&mut other);
                (case.keys)(&mut app);
                app.on_key(&key(KeyCode::Enter));
                assert!(
                    matches!(app.overlay, Overlay::None),
                    "{}: {:?}",
                    case.name,
                    form_error(&app)
                );
                (case.check)(&other);
            });
            std::panic::catch_unwind(run).is_err()
        })
        .map(|case| case.name)
        .collect();
    assert!(failed.is_empty(), "failed: {failed:?}");
}

/// What the terminal loop does when an editor is asked for and no
/// `$EDITOR` is set: the built-in one opens.
fn serve_editor(app: &mut App) {
    if let Some(r) = app.take_edit_request() {
        app.edit_inside(r);
    }
}

fn save_text(app: &mut App, text: &str) {
    app.on_key(&key(KeyCode::End));
    typed(app, text);
    app.on_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

#[test]
fn long_text_changed_elsewhere_while_in_the_editor_asks_which_to_keep() {
    let (_dir, path, mut app) = on_file('1');
    let mut other = elsewhere(&path);
    let set_elsewhere = |other: &mut Store, brand: Option<&str>, positioning: Option<&str>| {
        let mut m = other.message().expect("message");
        if let Some(b) = brand {
            m.brand_message = b.into();
        }
        if let Some(p) = positioning {
            m.positioning = p.into();
        }
        other.set_message(&m).expect("changed elsewhere");
    };

    // The positioning edited here, the brand message elsewhere: both stay.
    typed(&mut app, "lllje");
    serve_editor(&mut app);
    set_elsewhere(&mut other, Some("Brand changed elsewhere"), None);
    save_text(&mut app, " Mine.");
    let m = app.store().message().expect("message");
    assert_eq!(m.brand_message, "Brand changed elsewhere");
    assert!(m.positioning.ends_with(" Mine."), "{}", m.positioning);

    // The positioning on both sides: nothing is written before the choice;
    // back to the editor, which holds what was typed; saved again, it is
    // written.
    typed(&mut app, "e");
    serve_editor(&mut app);
    set_elsewhere(&mut other, None, Some("Positioning changed elsewhere"));
    save_text(&mut app, " Again.");
    let shown = conflict_text(&mut app);
    assert!(
        shown.contains("Positioning: yours ")
            && shown.contains(", now Positioning changed elsewhere"),
        "{shown}"
    );
    assert_eq!(
        app.store().message().expect("message").positioning,
        "Positioning changed elsewhere"
    );
    app.on_key(&key(KeyCode::Esc));
    let request = app.take_edit_request().expect("back to the editor");
    assert!(request.text.ends_with(" Mine. Again."), "{}", request.text);
    app.edit_inside(request);
    app.on_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let m = app.store().message().expect("message");
    assert!(
        m.positioning.ends_with(" Mine. Again."),
        "{}",
        m.positioning
    );
    assert!(
        status(&app).starts_with("Saved: Positioning."),
        "{}",
        status(&app)
    );

    // Take theirs: the text changed elsewhere stays.
    typed(&mut app, "e");
    serve_editor(&mut app);
    set_elsewhere(&mut other, None, Some("Changed elsewhere once more"));
    save_text(&mut app, " Lost.");
    conflict_text(&mut app);
    typed(&mut app, "t");
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(
        app.store().message().expect("message").positioning,
        "Changed elsewhere once more"
    );
    assert_eq!(status(&app), "Nothing changed: nothing was written.");
}

#[test]
fn steps_of_a_procedure_deleted_while_in_the_editor_are_not_written() {
    let (_dir, path, mut app) = on_file('1');
    // h from the first section wraps to the last: the procedures.
    typed(&mut app, "h");
    let procedure = first(app.store().procedures());
    app.on_key(&key(KeyCode::Enter));
    serve_editor(&mut app);
    elsewhere(&path)
        .delete_procedure(procedure.id)
        .expect("deleted elsewhere");
    save_text(&mut app, "\n3. Mine.");
    assert_eq!(
        status(&app),
        "Deleted elsewhere since the editor opened: nothing was written."
    );
    assert!(
        app.store().procedure(procedure.id).is_err(),
        "not brought back"
    );
}
