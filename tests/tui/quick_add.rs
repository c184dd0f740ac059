//! Quick-add syntax in the add form's title: tokens set the fields, a
//! token naming nothing is a mistake on the title, nothing is saved and
//! the typed text stays.

use super::*;

fn form_state(app: &App) -> Option<(String, Option<String>)> {
    match &app.overlay {
        Overlay::Form(form) => Some((form.value(0usize), form.error.clone())),
        _ => None,
    }
}

#[test]
fn a_title_with_tokens_adds_a_task_with_those_fields() {
    for locale in [Locale::En, Locale::Vi] {
        let mut app = demo(locale);
        typed(
            &mut app,
            "aGọi xưởng in due:fri @ngoc #ops p:high campaign:\"tet 2027\"\n",
        );
        assert!(
            matches!(app.overlay, Overlay::None),
            "saved: {:?}",
            form_state(&app)
        );
        let line = app.tasks.selected().expect("the new task").clone();
        assert_eq!(line.task.title, "Gọi xưởng in");
        assert_eq!(
            line.task.due,
            NaiveDate::from_ymd_opt(2026, 11, 27),
            "Friday"
        );
        assert_eq!(line.assignee.as_deref(), Some("Lê Bảo Ngọc"));
        assert_eq!(line.task.tags, ["ops"]);
        assert_eq!(line.task.priority, Priority::High);
        assert_eq!(line.campaign.as_deref(), Some("Quà Tết 2027"));
    }
}

#[test]
fn a_token_naming_nothing_keeps_the_form_open_and_writes_nothing() {
    for (locale, typed_title, message) in [
        (
            Locale::En,
            "Call @lan",
            "@lan: no one of that name; nothing was saved",
        ),
        (
            Locale::Vi,
            "Gọi @lan",
            "@lan: không có ai tên như vậy; chưa lưu gì",
        ),
        (
            Locale::En,
            "x campaign:summer",
            "campaign:summer: no campaign of that name",
        ),
        (
            Locale::Vi,
            "x campaign:xyz",
            "campaign:xyz: không có chiến dịch nào",
        ),
        (Locale::En, "x @ng", "@ng could be: "),
        (
            Locale::En,
            "x due:someday",
            "due:someday: 'someday' is not a date",
        ),
        (Locale::Vi, "x p:gấp", "p:gấp: không phải mức ưu tiên"),
        (Locale::En, "x #a!b", "#a!b: a tag is letters"),
    ] {
        let mut app = demo(locale);
        let before = app.store().count_tasks().expect("count");
        typed(&mut app, &format!("a{typed_title}\n"));
        let (title, error) = form_state(&app).expect(typed_title);
        assert_eq!(title, typed_title, "the typed text is kept");
        let error = error.unwrap_or_default();
        assert!(error.contains(message), "{typed_title}: {error}");
        assert_eq!(
            app.store().count_tasks().expect("count"),
            before,
            "{typed_title}"
        );
    }
}

#[test]
fn quotes_keep_tokens_in_the_title_and_an_edit_reads_no_tokens() {
    let mut app = demo(Locale::En);
    typed(&mut app, "aBlog \"#1 @home\" p:low\n");
    let line = app.tasks.selected().expect("the new task").clone();
    assert_eq!(line.task.title, "Blog \"#1 @home\"");
    assert_eq!(line.task.priority, Priority::Low);
    // Editing: the title is text, tokens and all.
    typed(&mut app, "e @lan\n");
    let line = app.tasks.selected().expect("the task").clone();
    assert_eq!(line.task.title, "Blog \"#1 @home\" @lan");
}

#[test]
fn the_add_form_shows_the_syntax_80x24() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    let _kept = settings.bind_to_scope();
    for locale in [Locale::En, Locale::Vi] {
        let mut app = demo(locale);
        typed(&mut app, "ax @lan\n");
        insta::assert_snapshot!(
            format!("quick_add_error_{locale:?}_80x24"),
            screen(&mut app, 80, 24)
        );
    }
}
