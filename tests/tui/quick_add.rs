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

fn backspaces(app: &mut App, n: usize) {
    for _ in 0..n {
        app.on_key(&key(KeyCode::Backspace));
    }
}

#[test]
fn a_token_and_its_field_both_set_and_differing_are_refused_on_the_field() {
    let app = demo(Locale::En);
    let people = app.store().people().expect("people");
    let campaigns = app.store().campaigns().expect("campaigns");
    let (ngoc, other) = (&people[0].name, &people[1].name);
    let (first, second) = (&campaigns[0].name, &campaigns[1].name);
    // (locale, keys before Enter, the field the reason is on, the reason)
    let cases: Vec<(Locale, String, usize, &str)> = vec![
        (
            Locale::En,
            "Họp due:fri\t\tmon".into(),
            2,
            "the title's due: and Due both set it; give one; nothing was saved",
        ),
        (
            Locale::Vi,
            "Họp due:fri\t\tmon".into(),
            2,
            "due: trong tiêu đề và ô Hạn đều đặt giá trị này; chỉ giữ một; chưa lưu gì",
        ),
        (
            Locale::En,
            format!("Họp @\"{ngoc}\"\t\t\t{other}"),
            3,
            "the title's @name and Assignee both set it",
        ),
        (
            Locale::En,
            format!("Họp campaign:\"{first}\"\t{second}"),
            1,
            "the title's campaign: and Campaign both set it",
        ),
    ];
    for (locale, keys, field, reason) in cases {
        let mut app = demo(locale);
        let before = app.store().count_tasks().expect("count");
        typed(&mut app, &format!("a{keys}\n"));
        let title = keys.split('\t').next().unwrap_or_default();
        let form = match &app.overlay {
            Overlay::Form(form) => form,
            _ => panic!("{keys}: the form was closed"),
        };
        assert_eq!(form.value(0usize), title, "the typed text is kept");
        let error = form.error.clone().unwrap_or_default();
        assert!(error.contains(reason), "{keys}: {error}");
        assert_eq!(form.error_field, Some(field), "{keys}: {error}");
        assert_eq!(app.store().count_tasks().expect("count"), before, "{keys}");
    }
    // p: against a priority chosen in the form.
    let mut app = demo(Locale::En);
    let before = app.store().count_tasks().expect("count");
    typed(&mut app, "aHọp p:high\t\t\t\t");
    backspaces(&mut app, 10);
    typed(&mut app, "low\n");
    let error = match &app.overlay {
        Overlay::Form(form) => form.error.clone().unwrap_or_default(),
        _ => panic!("p:high and Low: the form was closed"),
    };
    assert!(
        error.contains("the title's p: and Priority both set it"),
        "{error}"
    );
    assert_eq!(app.store().count_tasks().expect("count"), before);
}

#[test]
fn a_token_fills_an_empty_field_and_agrees_with_the_same_value() {
    let mut app = demo(Locale::En);
    typed(&mut app, "aHọp due:fri\n");
    let saved = app.tasks.selected().expect("saved").task.clone();
    assert_eq!(saved.due, NaiveDate::from_ymd_opt(2026, 11, 27));
    typed(&mut app, "aHọp 2 due:fri p:medium\t\tfri\n");
    assert!(
        matches!(app.overlay, Overlay::None),
        "the same day twice is no conflict"
    );
    let saved = app.tasks.selected().expect("saved").task.clone();
    assert_eq!(
        (saved.title.as_str(), saved.due),
        ("Họp 2", NaiveDate::from_ymd_opt(2026, 11, 27))
    );
}
