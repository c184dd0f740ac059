use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn form() -> Form {
    Form::new(
        "Test",
        Purpose::Task(None),
        vec![
            Field::text("Title", ""),
            Field::value("Campaign", "").choices(vec![
                "Quà Tết 2027".into(),
                "Tết".into(),
                "Black Friday".into(),
            ]),
            Field::value("Due", "2026-11-22").hint("a date"),
        ],
    )
}

fn type_text(f: &mut Form, text: &str) {
    for c in text.chars() {
        f.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[test]
fn completion_ignores_accents_and_puts_prefixes_first() {
    let mut f = form();
    f.next();
    assert_eq!(f.focus, 1);
    assert_eq!(f.completions().len(), 3, "empty: every choice");
    type_text(&mut f, "te");
    assert_eq!(f.completions(), ["Tết", "Quà Tết 2027"]);
    f.complete();
    assert_eq!(f.value(1usize), "Tết", "→ takes the first");
    assert_eq!(f.focus, 1, "and stays");
    assert!(
        f.completions().is_empty(),
        "an exact choice completes no more"
    );
    f.next();
    assert_eq!(f.focus, 2, "Tab moves on");
}

#[test]
fn tab_moves_on_whatever_is_offered_and_keeps_what_was_typed() {
    let mut f = form();
    f.next();
    type_text(&mut f, "b");
    assert_eq!(f.completions(), ["Black Friday"]);
    f.next();
    assert_eq!((f.focus, f.value(1usize).as_str()), (2, "b"));
}

#[test]
fn the_arrow_moves_the_cursor_where_it_is_not_at_the_end() {
    let mut f = form();
    f.next();
    type_text(&mut f, "bl");
    f.type_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    f.complete();
    assert_eq!(f.value(1usize), "bl", "the cursor moved, nothing taken");
    f.complete();
    assert_eq!(f.value(1usize), "Black Friday", "at the end: taken");
}

#[test]
fn a_choice_typed_whole_is_kept_not_completed_to_a_longer_one() {
    let mut f = form();
    f.next();
    type_text(&mut f, "tet");
    assert!(f.completions().is_empty(), "'tet' is Tết, accents aside");
    f.next();
    assert_eq!(f.value(1usize), "Tết", "written as the choice is");
    assert_eq!(f.focus, 2);
}

#[test]
fn a_field_is_entered_at_the_end_with_nothing_selected() {
    let mut f = form();
    f.prev();
    assert_eq!(f.focus, 2);
    assert_eq!(f.hint(), Some("a date"));
    f.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    assert_eq!(f.value(2usize), "2026-11-2", "one character");
    type_text(&mut f, "3");
    assert_eq!(f.value(2usize), "2026-11-23");
}

#[test]
fn a_mistake_keeps_the_text_and_the_cursor_of_its_field() {
    let mut f = form();
    f.prev();
    for _ in 0..3 {
        f.type_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    }
    f.next();
    f.fail(FieldError::at(2usize, "'2026-11-22' is too late"));
    assert_eq!(f.focus, 2);
    type_text(&mut f, "x");
    assert_eq!(f.value(2usize), "2026-11x-22", "typed where the cursor was");
}

#[test]
fn a_mistake_names_its_field_moves_there_and_clears_on_typing() {
    let mut f = form();
    f.fail(FieldError::at(2usize, "'soon' is not a date"));
    assert_eq!(f.focus, 2);
    assert_eq!(f.error_line().as_deref(), Some("Due: 'soon' is not a date"));
    type_text(&mut f, "x");
    assert_eq!(f.error_line(), None);
    f.fail(FieldError::general("the database is busy"));
    assert_eq!(f.error_line().as_deref(), Some("the database is busy"));
    assert_eq!(f.focus, 2, "a general mistake leaves the focus");
}

#[test]
fn choose_reads_the_readers_words_and_the_command_lines() {
    let words = [("nguyên nhân", 1), ("cause", 1), ("đánh giá", 2)];
    assert_eq!(choose("Nguyen nhan", &words), Some(1));
    assert_eq!(choose(" cause ", &words), Some(1));
    assert_eq!(choose("ĐÁNH GIÁ", &words), Some(2));
    assert_eq!(choose("other", &words), None);
}

#[test]
fn a_list_completes_its_last_item_and_offers_nothing_twice() {
    let mut f = Form::new(
        "T",
        Purpose::Task(None),
        vec![
            Field::text("Reaches", "")
                .choices(vec![
                    "Văn phòng".into(),
                    "Sinh viên".into(),
                    "Quà tặng".into(),
                ])
                .list(),
            Field::text("Next", ""),
        ],
    );
    assert_eq!(f.completions().len(), 3);
    type_text(&mut f, "van");
    f.complete();
    assert_eq!(f.value(0usize), "Văn phòng");
    assert_eq!(f.focus, 0, "→ took the completion");
    type_text(&mut f, ", ");
    assert_eq!(
        f.completions(),
        ["Sinh viên", "Quà tặng"],
        "not Văn phòng again"
    );
    type_text(&mut f, "qua");
    assert_eq!(f.completions(), ["Quà tặng"]);
    f.complete();
    assert_eq!(f.value(0usize), "Văn phòng, Quà tặng");
    assert!(f.completions().is_empty());
    f.next();
    assert_eq!(f.focus, 1);
    f.prev();
    type_text(&mut f, ",sinh vien");
    f.next();
    assert_eq!(
        f.value(0usize),
        "Văn phòng, Quà tặng, Sinh viên",
        "an item typed whole is written as the choice is"
    );
    assert_eq!(f.focus, 1);
}

#[test]
fn pairs_complete_the_name_being_typed_up_to_its_equals_sign() {
    let mut f = Form::new(
        "T",
        Purpose::Record,
        vec![
            Field::text("Values", "")
                .choices(vec!["visits".into(), "spend".into()])
                .pairs(),
        ],
    );
    type_text(&mut f, "vi");
    assert_eq!(f.completions(), ["visits"]);
    f.complete();
    assert_eq!(f.value(0usize), "visits=");
    assert!(f.completions().is_empty(), "a value is being typed");
    type_text(&mut f, "1200 sp");
    assert_eq!(f.completions(), ["spend"]);
    f.complete();
    type_text(&mut f, "1,5tr");
    assert_eq!(f.value(0usize), "visits=1200 spend=1,5tr");
}

#[test]
fn set_puts_text_in_a_field() {
    let mut f = form();
    f.set(1usize, "Tết");
    assert_eq!(f.value(1usize), "Tết");
    assert_eq!(f.focus, 0, "the focus stays");
}

#[test]
fn catching_up_takes_what_changed_elsewhere_and_returns_clashes() {
    let opened = |title: &str, campaign: &str, due: &str| {
        Form::new(
            "T",
            Purpose::Task(None),
            vec![
                Field::text("Title", title),
                Field::value("Campaign", campaign),
                Field::value("Due", due),
            ],
        )
    };
    let mut f = opened("Post", "Tết", "2026-12-12");
    assert!(!f.edited());
    f.set(0usize, "Post v2");
    f.set(2usize, "2026-12-24");
    assert!(f.changed(0usize) && !f.changed(1usize) && f.edited());
    let now = opened("Post", "Black Friday", "2026-12-15");
    let clashes = f.catch_up(&now);
    assert_eq!(
        clashes,
        [Clash {
            field: 2,
            label: "Due",
            mine: "2026-12-24".into(),
            theirs: "2026-12-15".into(),
            money: false,
        }]
    );
    assert_eq!(f.value(0usize), "Post v2", "changed here only: kept");
    assert_eq!(f.value(1usize), "Black Friday", "elsewhere only: taken");
    assert_eq!(
        f.value(2usize),
        "2026-12-24",
        "both: what was typed, for now"
    );
    assert!(f.changed(0usize) && !f.changed(1usize) && f.changed(2usize));
    assert!(
        f.catch_up(&now).is_empty(),
        "once caught up, what was typed is a change like any other"
    );
    let mut same = opened("Post", "", "");
    same.set(2usize, "2026-12-15");
    assert!(
        same.catch_up(&opened("Post", "", "2026-12-15")).is_empty(),
        "changed to the same value on both sides"
    );
}

#[test]
fn text_with_line_breaks_keeps_them() {
    let f = Form::new(
        "T",
        Purpose::Task(None),
        vec![Field::text("Text", "one\ntwo")],
    );
    assert_eq!(f.value(0usize), "one\ntwo");
}
