//! Tests of the quick-add syntax, token by token, on Sunday 2026-11-22.

use super::*;
use crate::taskview::testdata::{day, sunday};

fn people() -> Vec<(i64, String)> {
    [
        (1, "Lê Bảo Ngọc"),
        (2, "Trần Minh Khoa"),
        (3, "Nguyễn Thu Hà"),
        (4, "Phạm Quốc Huy"),
        (5, "Nguyễn Thu Hằng"),
    ]
    .map(|(i, n)| (i, n.to_string()))
    .to_vec()
}

fn campaigns() -> Vec<(i64, String)> {
    [
        (10, "Quà Tết 2027"),
        (11, "Black Friday 2026"),
        (12, "SEO blog always-on"),
    ]
    .map(|(i, n)| (i, n.to_string()))
    .to_vec()
}

fn parse(input: &str) -> Result<QuickAdd, QuickError> {
    let (p, c) = (people(), campaigns());
    parse_quick(
        input,
        sunday(),
        Known {
            people: &p,
            campaigns: &c,
        },
    )
}

fn rule(text: &str) -> Recurrence {
    text.parse().expect("rule")
}

fn task(title: &str) -> QuickAdd {
    QuickAdd {
        title: title.to_string(),
        ..QuickAdd::default()
    }
}

#[test]
fn tokens_set_fields_and_the_rest_is_the_title() {
    // Sunday 2026-11-22: fri is the 27th.
    let cases: Vec<(&str, QuickAdd)> = vec![
        ("Gọi xưởng in", task("Gọi xưởng in")),
        (
            "Gọi xưởng in due:fri @Ngọc #ops p:high",
            QuickAdd {
                due: Some(day(2026, 11, 27)),
                assignee: Some(1),
                tags: vec!["ops".into()],
                priority: Some(Priority::High),
                ..task("Gọi xưởng in")
            },
        ),
        (
            "@ngoc call",
            QuickAdd {
                assignee: Some(1),
                ..task("call")
            },
        ),
        (
            "@KHOA call",
            QuickAdd {
                assignee: Some(2),
                ..task("call")
            },
        ),
        (
            "@tran x",
            QuickAdd {
                assignee: Some(2),
                ..task("x")
            },
        ),
        (
            "@huy x",
            QuickAdd {
                assignee: Some(4),
                ..task("x")
            },
        ),
        (
            "@hằng x",
            QuickAdd {
                assignee: Some(5),
                ..task("x")
            },
        ),
        (
            "x @\"Nguyễn Thu Hà\"",
            QuickAdd {
                assignee: Some(3),
                ..task("x")
            },
        ),
        (
            "x campaign:tet",
            QuickAdd {
                campaign: Some(10),
                ..task("x")
            },
        ),
        (
            "x campaign:\"tet 2027\"",
            QuickAdd {
                campaign: Some(10),
                ..task("x")
            },
        ),
        (
            "x campaign:\"friday 20\"",
            QuickAdd {
                campaign: Some(11),
                ..task("x")
            },
        ),
        (
            "x campaign:\"black friday\"",
            QuickAdd {
                campaign: Some(11),
                ..task("x")
            },
        ),
        (
            "x Campaign:SEO",
            QuickAdd {
                campaign: Some(12),
                ..task("x")
            },
        ),
        (
            "x due:+3d",
            QuickAdd {
                due: Some(day(2026, 11, 25)),
                ..task("x")
            },
        ),
        (
            "x due:2026-12-31",
            QuickAdd {
                due: Some(day(2026, 12, 31)),
                ..task("x")
            },
        ),
        (
            "x due:31/12/2026",
            QuickAdd {
                due: Some(day(2026, 12, 31)),
                ..task("x")
            },
        ),
        (
            "x priority:low",
            QuickAdd {
                priority: Some(Priority::Low),
                ..task("x")
            },
        ),
        (
            "x #SEO #ảnh #seo",
            QuickAdd {
                tags: vec!["seo".into(), "ảnh".into()],
                ..task("x")
            },
        ),
        // Quotes keep what they hold in the title, as typed.
        (
            "Bài blog \"#1 @home p:high\"",
            task("Bài blog \"#1 @home p:high\""),
        ),
        ("\"due:fri\" ở quầy", task("\"due:fri\" ở quầy")),
        // Other colons, and @ or # inside a word, are title text.
        ("Họp 10:30 Re: báo giá", task("Họp 10:30 Re: báo giá")),
        ("mail an@shop.vn C#", task("mail an@shop.vn C#")),
        // Untouched where no token is; cut with its space where one is.
        ("  spaced   out  ", task("  spaced   out  ")),
        ("two\nlines", task("two\nlines")),
        (
            "a  b #x c",
            QuickAdd {
                tags: vec!["x".into()],
                ..task("a  b c")
            },
        ),
        (
            "#x  a b",
            QuickAdd {
                tags: vec!["x".into()],
                ..task("a b")
            },
        ),
        (
            "a b #x",
            QuickAdd {
                tags: vec!["x".into()],
                ..task("a b")
            },
        ),
        (
            "due:today",
            QuickAdd {
                due: Some(sunday()),
                ..task("")
            },
        ),
        (
            "Newsletter every:1w due:tue",
            QuickAdd {
                due: Some(day(2026, 11, 24)),
                recurrence: Some(rule("week")),
                ..task("Newsletter")
            },
        ),
        (
            "Post every:mon,thu #social",
            QuickAdd {
                tags: vec!["social".into()],
                recurrence: Some(rule("mon,thu")),
                ..task("Post")
            },
        ),
        (
            "Report Every:month",
            QuickAdd {
                recurrence: Some(rule("month")),
                ..task("Report")
            },
        ),
        (
            "Invoice every:15",
            QuickAdd {
                recurrence: Some(rule("15")),
                ..task("Invoice")
            },
        ),
        (
            "Water the plants after:14d",
            QuickAdd {
                recurrence: Some(rule("after:14d")),
                ..task("Water the plants")
            },
        ),
        // Only the words the syntax knows: "after:" alone in prose is one.
        ("Call back afterwards: ok", task("Call back afterwards: ok")),
    ];
    for (input, want) in cases {
        assert_eq!(parse(input), Ok(want), "{input}");
    }
}

#[test]
fn a_token_naming_nothing_is_an_error() {
    let cases: Vec<(&str, QuickError)> = vec![
        (
            "x @lan",
            QuickError::Unknown("@lan".into(), NameKind::Person),
        ),
        // With accents they must match: Ngộc is not Ngọc.
        (
            "x @Ngộc",
            QuickError::Unknown("@Ngộc".into(), NameKind::Person),
        ),
        (
            "x @nguyen",
            QuickError::Ambiguous(
                "@nguyen".into(),
                NameKind::Person,
                vec!["Nguyễn Thu Hà".into(), "Nguyễn Thu Hằng".into()],
            ),
        ),
        (
            "x @thu",
            QuickError::Ambiguous(
                "@thu".into(),
                NameKind::Person,
                vec!["Nguyễn Thu Hà".into(), "Nguyễn Thu Hằng".into()],
            ),
        ),
        (
            "x campaign:summer",
            QuickError::Unknown("campaign:summer".into(), NameKind::Campaign),
        ),
        ("x p:urgent", QuickError::Priority("p:urgent".into())),
        ("x #a!b", QuickError::Tag("#a!b".into())),
        ("x due:", QuickError::Empty("due:".into())),
        ("x @", QuickError::Empty("@".into())),
        ("x #", QuickError::Empty("#".into())),
        ("x every:", QuickError::Empty("every:".into())),
        (
            "x every:fortnight",
            QuickError::Repeat(
                "every:fortnight".into(),
                RecurrenceError::Every("fortnight".into()),
            ),
        ),
        (
            "x after:mon",
            QuickError::Repeat("after:mon".into(), RecurrenceError::After("mon".into())),
        ),
        (
            "x every:1w after:14d",
            QuickError::TwoRepeats("after:14d".into()),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(parse(input), Err(want), "{input}");
    }
    match parse("x due:someday") {
        Err(QuickError::Date(tok, _)) => assert_eq!(tok, "due:someday"),
        other => panic!("a bad date: {other:?}"),
    }
    match parse("x due:2027-02-29") {
        Err(QuickError::Date(tok, _)) => assert_eq!(tok, "due:2027-02-29"),
        other => panic!("no 29 February in 2027: {other:?}"),
    }
}

#[test]
fn with_nothing_known_every_name_is_unknown() {
    let got = parse_quick("x @an", sunday(), Known::default());
    assert_eq!(
        got,
        Err(QuickError::Unknown("@an".into(), NameKind::Person))
    );
}
