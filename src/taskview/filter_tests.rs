//! Tests of the filter language, term by term, on seven hand-made tasks
//! seen on Sunday 2026-11-22, plus property tests on random filters.

use chrono::{NaiveDate, Weekday};
use proptest::prelude::*;

use super::testdata::{day, line, sunday};
use super::{TaskFilter, TaskLine, TaskLines, parse_filter};
use crate::domain::{CampaignId, PersonId, Priority, TaskStatus};

#[allow(clippy::too_many_arguments)]
fn task(
    id: i64,
    title: &str,
    campaign: Option<&str>,
    assignee: Option<&str>,
    tags: &[&str],
    status: TaskStatus,
    priority: Priority,
    due: Option<NaiveDate>,
) -> TaskLine {
    let mut l = line(id, title);
    l.campaign = campaign.map(str::to_string);
    l.task.campaign = campaign.map(|_| CampaignId(id * 10));
    l.assignee = assignee.map(str::to_string);
    l.task.assignee = assignee.map(|_| PersonId(id * 100));
    l.task.tags = tags.iter().map(|t| t.to_string()).collect();
    l.task.status = status;
    l.task.priority = priority;
    l.task.due = due;
    l
}

/// Dues: 1 Fri 20 (overdue), 2 Sun 22 (today), 3 Fri 27, 4 Wed 18 (done),
/// 5 none, 6 Mon 23, 7 Sun 29.
fn fixture() -> Vec<TaskLine> {
    use Priority::*;
    use TaskStatus::*;
    let mut three = task(
        3,
        "Trà ô long review",
        None,
        None,
        &["SEO-audit"],
        Blocked,
        Low,
        Some(day(2026, 11, 27)),
    );
    three.task.notes = "khách hỏi về trà ô long".into();
    vec![
        task(
            1,
            "Viết bài SEO Tết",
            Some("Tết 2027"),
            Some("Đăng"),
            &["seo", "blog"],
            Todo,
            High,
            Some(day(2026, 11, 20)),
        ),
        task(
            2,
            "Gửi email khuyến mãi",
            Some("Black Friday"),
            Some("Lan"),
            &["email"],
            Doing,
            Medium,
            Some(day(2026, 11, 22)),
        ),
        three,
        task(
            4,
            "Quay video",
            Some("Tết 2027"),
            Some("Nguyễn Văn A"),
            &[],
            Done,
            High,
            Some(day(2026, 11, 18)),
        ),
        task(5, "Plan Q1", None, Some("Lan"), &["Seo"], Todo, Low, None),
        task(
            6,
            "Báo cáo tháng",
            Some("Black Friday"),
            None,
            &["report"],
            Todo,
            Medium,
            Some(day(2026, 11, 23)),
        ),
        task(
            7,
            "Đặt quảng cáo",
            Some("None Shop"),
            None,
            &[],
            Todo,
            Medium,
            Some(day(2026, 11, 29)),
        ),
    ]
}

/// The ids of the fixture's tasks matching `input` on `today`, weeks
/// starting on Monday.
fn ids_on(input: &str, today: NaiveDate) -> Vec<i64> {
    ids_in_weeks_from(Weekday::Mon, input, today)
}

/// The ids of the fixture's tasks matching `input` on `today`, weeks
/// starting on `week_start`, checked both through [`TaskLines::filter`] and
/// line by line.
fn ids_in_weeks_from(week_start: Weekday, input: &str, today: NaiveDate) -> Vec<i64> {
    let filter = parse_filter(input, today, week_start).expect("filter parses");
    let lines = TaskLines::new(fixture());
    let rows = lines.filter(&filter);
    let direct: Vec<usize> = (0..lines.len())
        .filter(|&i| filter.matches(&lines.lines()[i]))
        .collect();
    assert_eq!(rows, direct, "indexed and direct disagree on {input:?}");
    rows.iter().map(|&i| lines.lines()[i].task.id.0).collect()
}

fn check(cases: &[(&str, &[i64])]) {
    for (input, want) in cases {
        assert_eq!(ids_on(input, sunday()), *want, "filter {input:?}");
    }
}

#[test]
fn empty_filter_matches_everything() {
    for input in ["", "   ", "\t"] {
        let f = parse_filter(input, sunday(), Weekday::Mon).expect("empty parses");
        assert!(f.is_empty());
        assert_eq!(f, TaskFilter::default());
    }
    check(&[("", &[1, 2, 3, 4, 5, 6, 7])]);
    assert!(
        !parse_filter("seo", sunday(), Weekday::Mon)
            .expect("parses")
            .is_empty()
    );
}

#[test]
fn free_words_search_every_field() {
    check(&[
        ("seo", &[1, 3, 5]),
        ("SEO", &[1, 3, 5]),
        ("khach", &[3]),
        ("lan", &[2, 5]),
        ("friday", &[2, 6]),
        ("viet bai", &[1]),
        ("nguyen", &[4]),
        ("quang", &[7]),
        ("xyz", &[]),
    ]);
}

#[test]
fn words_without_diacritics_ignore_them() {
    check(&[
        ("tet", &[1, 4]),
        ("dang", &[1]),
        ("dat", &[7]),
        ("tra o long", &[3]),
        ("\"tra o long\"", &[3]),
        ("Tết", &[1, 4]),
        ("VIẾT", &[1]),
        ("đăng", &[1]),
        ("\"trà ô long\"", &[3]),
        ("tệt", &[]),
        ("\"trà o long\"", &[]),
    ]);
}

#[test]
fn quotes_group_words() {
    check(&[
        ("\"ô long review\"", &[3]),
        ("\"long review\" trà", &[3]),
        ("\"review trà\"", &[]),
        ("campaign:\"Tết 2027\"", &[1, 4]),
        ("campaign:\"tet 2027\" quay", &[4]),
        ("@\"nguyễn văn\"", &[4]),
        ("\"status:done\"", &[]),
        ("campaign:\"Tết", &[1, 4]),
    ]);
}

#[test]
fn status_and_state_terms() {
    check(&[
        ("status:todo", &[1, 5, 6, 7]),
        ("status:doing", &[2]),
        ("status:blocked", &[3]),
        ("status:done", &[4]),
        ("Status:DONE", &[4]),
        ("status:open", &[1, 2, 3, 5, 6, 7]),
        ("status:todo,doing", &[1, 2, 5, 6, 7]),
        ("status:blocked,done", &[3, 4]),
        ("status:open,done", &[1, 2, 3, 4, 5, 6, 7]),
        ("is:open", &[1, 2, 3, 5, 6, 7]),
        ("is:done", &[4]),
        ("is:overdue", &[1]),
    ]);
}

#[test]
fn campaign_assignee_tag_and_priority_terms() {
    check(&[
        ("campaign:tet", &[1, 4]),
        ("campaign:fri", &[2, 6]),
        ("campaign:none", &[3, 5]),
        ("campaign:NONE", &[3, 5]),
        ("campaign:\"none\"", &[7]),
        ("campaign:lan", &[]),
        ("@lan", &[2, 5]),
        ("@dang", &[1]),
        ("@van", &[4]),
        ("@none", &[3, 6, 7]),
        ("#seo", &[1, 5]),
        ("#SEO-audit", &[3]),
        ("#blog", &[1]),
        ("#se", &[]),
        ("p:high", &[1, 4]),
        ("p:medium", &[2, 6, 7]),
        ("priority:low", &[3, 5]),
        ("p:high,low", &[1, 3, 4, 5]),
    ]);
}

#[test]
fn due_terms_on_sunday() {
    // Sunday 2026-11-22: fri = 2026-11-27, tomorrow = Mon 23, +1w = Sun 29.
    check(&[
        ("due:<fri", &[1, 2, 4, 6]),
        ("due:<=fri", &[1, 2, 3, 4, 6]),
        ("due:>fri", &[7]),
        ("due:>=fri", &[3, 7]),
        ("due:fri", &[3]),
        ("due:=fri", &[3]),
        ("due:2026-11-27", &[3]),
        ("due:27/11/2026", &[3]),
        ("due:none", &[5]),
        ("due:today", &[2]),
        ("due:tomorrow", &[6]),
        ("due:<today", &[1, 4]),
        ("due:<+1w", &[1, 2, 3, 4, 6]),
        ("due:>=-3d", &[1, 2, 3, 6, 7]),
        ("due:week", &[2]),
        ("due:overdue", &[1]),
    ]);
}

#[test]
fn due_week_and_overdue_move_with_today() {
    let wednesday = day(2026, 11, 25);
    assert_eq!(ids_on("due:week", wednesday), [3, 7]);
    assert_eq!(ids_on("is:overdue", wednesday), [1, 2, 6]);
    assert_eq!(ids_on("due:<fri", wednesday), [1, 2, 4, 6]);
    let saturday = day(2026, 11, 21);
    assert_eq!(ids_on("due:week", saturday), [2]);
    assert_eq!(ids_on("due:overdue", saturday), [1]);
}

#[test]
fn due_week_follows_the_week_start() {
    let (saturday, sunday) = (day(2026, 11, 21), sunday());
    assert_eq!(
        ids_in_weeks_from(Weekday::Sun, "due:week", saturday),
        [0; 0]
    );
    assert_eq!(
        ids_in_weeks_from(Weekday::Sun, "due:week", sunday),
        [2, 3, 6]
    );
    assert_eq!(
        ids_in_weeks_from(Weekday::Sat, "due:week", saturday),
        [2, 3, 6]
    );
    assert_eq!(ids_in_weeks_from(Weekday::Mon, "due:week", sunday), [2]);
}

#[test]
fn a_minus_negates_any_term() {
    check(&[
        ("-#seo", &[2, 3, 4, 6, 7]),
        ("-status:done", &[1, 2, 3, 5, 6, 7]),
        ("-is:open", &[4]),
        ("-@none", &[1, 2, 4, 5]),
        ("-campaign:none", &[1, 2, 4, 6, 7]),
        ("-due:<fri", &[3, 5, 7]),
        ("-due:none", &[1, 2, 3, 4, 6, 7]),
        ("-p:high,medium", &[3, 5]),
        ("-\"trà ô long\"", &[1, 2, 4, 5, 6, 7]),
        ("-tet", &[2, 3, 5, 6, 7]),
        ("\"-tet\"", &[]),
    ]);
}

#[test]
fn terms_are_anded() {
    check(&[
        ("is:open #seo", &[1, 5]),
        ("campaign:tet -is:done", &[1]),
        ("@lan due:none", &[5]),
        ("  p:high   is:overdue ", &[1]),
        ("is:done is:open", &[]),
    ]);
}

#[test]
fn errors_name_the_bad_term() {
    let date_forms = "use 2026-11-22, 22/11/2026, today, tomorrow, yesterday, mon..sun, +3d, -1w";
    let statuses = "one of: todo, doing, blocked, done, open";
    let keys =
        "use status:, is:, campaign:, p:, priority:, due:, @, #; put text with a colon in quotes";
    let cases = [
        (
            "due:<someday",
            format!("'due:<someday': 'someday' is not a date ({date_forms})"),
        ),
        (
            "seo -due:>=31/02/2026",
            format!("'-due:>=31/02/2026': '31/02/2026' is not a date ({date_forms})"),
        ),
        (
            "status:finished",
            format!("'status:finished': 'finished' is not a task status ({statuses})"),
        ),
        (
            "status:todo,nope",
            format!("'status:todo,nope': 'nope' is not a task status ({statuses})"),
        ),
        (
            "status:,",
            format!("'status:,': ',' is not a task status ({statuses})"),
        ),
        (
            "p:urgent",
            "'p:urgent': 'urgent' is not a priority (one of: high, medium, low)".into(),
        ),
        (
            "priority:,",
            "'priority:,': ',' is not a priority (one of: high, medium, low)".into(),
        ),
        (
            "is:late",
            "'is:late': 'late' is not a task state (one of: open, done, overdue, repeating)".into(),
        ),
        (
            "stauts:done",
            format!("'stauts:done': unknown filter 'stauts:' ({keys})"),
        ),
        (
            "http://x",
            format!("'http://x': unknown filter 'http:' ({keys})"),
        ),
        ("due:", "'due:': nothing after 'due:'".into()),
        ("due:<=", "'due:<=': nothing after 'due:<='".into()),
        ("@", "'@': nothing after '@'".into()),
        ("-#", "'-#': nothing after '#'".into()),
        ("seo -", "'-': nothing to negate".into()),
        ("\"ok\" - x", "'-': nothing to negate".into()),
    ];
    for (input, want) in cases {
        let e = parse_filter(input, sunday(), Weekday::Mon).expect_err(input);
        assert_eq!(e.to_string(), want, "error for {input:?}");
    }
}

#[test]
fn the_error_keeps_the_term_as_typed() {
    let e = parse_filter("a -campaign:\"x\" due:\"soon\"", sunday(), Weekday::Mon)
        .expect_err("bad date");
    assert_eq!(e.term, "due:\"soon\"");
}

#[test]
fn words_with_a_colon_that_is_no_key_are_text() {
    let mut l = line(1, "Gọi lúc 10:30 về Tết:2027");
    l.task.notes = "xem https://example.com".into();
    for q in ["10:30", "tết:2027", "\"https://example\""] {
        let f = parse_filter(q, sunday(), Weekday::Mon).expect(q);
        assert!(f.matches(&l), "{q}");
    }
}

fn random_line() -> impl Strategy<Value = TaskLine> {
    let text = "[a-zA-Z0-9 àếôđĐăươ#@:\"-]{0,12}";
    (
        (1i64..1000, text, proptest::option::of(text)),
        (
            proptest::option::of(text),
            prop::collection::vec(text, 0..3),
        ),
        (0usize..4, 0usize..3, proptest::option::of(-10i64..10)),
    )
        .prop_map(
            |((id, title, campaign), (assignee, tags), (status, priority, due))| {
                let mut l = line(id, &title);
                l.task.campaign = campaign.as_ref().map(|_| CampaignId(id));
                l.campaign = campaign;
                l.task.assignee = assignee.as_ref().map(|_| PersonId(id));
                l.assignee = assignee;
                l.task.tags = tags;
                l.task.status = TaskStatus::ALL[status];
                l.task.priority = Priority::ALL[priority];
                l.task.due = due.map(|d| sunday() + chrono::Duration::days(d));
                l
            },
        )
}

/// One term, without a leading `-` or spaces outside quotes.
fn random_term() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "",
        "status:",
        "is:",
        "campaign:",
        "@",
        "#",
        "p:",
        "priority:",
        "due:",
        "due:<",
        "due:<=",
        "due:>",
        "due:>=",
        "\"",
        "campaign:\"",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "todo",
            "open",
            "done,doing",
            "overdue",
            "none",
            "today",
            "week",
            "fri",
            "+2w",
            "-3d",
            "2026-11-27",
            "seo",
            "tet",
            "đ",
            "high,low",
            "a b\"",
            "",
        ])
        .prop_map(str::to_string),
        "[a-zđếô0-9,+/<>=\"-]{0,8}",
    ];
    (prefix, value)
        .prop_map(|(p, v)| format!("{p}{v}"))
        .prop_filter("one term, not a negation", |t| {
            let one_token = match (t.find(' '), t.find('"')) {
                (Some(space), Some(quote)) => quote < space,
                (Some(_), None) => false,
                (None, _) => true,
            };
            one_token && !t.starts_with('-') && !t.is_empty()
        })
}

proptest! {
    #[test]
    fn matching_never_panics(input in "\\PC{0,30}", lines in prop::collection::vec(random_line(), 0..6)) {
        if let Ok(filter) = parse_filter(&input, sunday(), Weekday::Mon) {
            let indexed = TaskLines::new(lines.clone());
            let direct: Vec<usize> = (0..lines.len()).filter(|&i| filter.matches(&lines[i])).collect();
            prop_assert_eq!(indexed.filter(&filter), direct);
        }
    }

    #[test]
    fn a_negated_term_matches_exactly_the_rest(term in random_term(), lines in prop::collection::vec(random_line(), 1..6)) {
        let plain = parse_filter(&term, sunday(), Weekday::Mon);
        let negated = parse_filter(&format!("-{term}"), sunday(), Weekday::Mon);
        prop_assert_eq!(plain.is_ok(), negated.is_ok(), "{:?}", term);
        if let (Ok(plain), Ok(negated)) = (plain, negated) {
            for l in &lines {
                prop_assert_ne!(plain.matches(l), negated.matches(l), "{:?} on {:?}", term, l.task.title);
            }
        }
    }
}

#[test]
fn a_filter_asks_for_done_tasks_only_by_status() {
    for (input, asks) in [
        ("", false),
        ("is:done", true),
        ("status:done", true),
        ("status:todo,done", true),
        ("-is:open", true),
        ("-status:todo", true),
        ("is:open", false),
        ("-is:done", false),
        ("-status:done", false),
        ("status:todo", false),
        ("done", false),
        ("\"is:done\"", false),
        ("is:overdue", false),
    ] {
        let f = parse_filter(input, sunday(), Weekday::Mon).expect("parses");
        assert_eq!(f.asks_for_done(), asks, "{input}");
    }
}

#[test]
fn is_repeating_keeps_the_tasks_of_a_series_in_either_language() {
    use crate::domain::recurrence::{Recurrence, Unit};
    let mut weekly = line(1, "Newsletter");
    weekly.task.recurrence = Some(Recurrence::Every {
        n: 1,
        unit: Unit::Week,
    });
    let once = line(2, "Launch post");
    for (text, keeps) in [
        ("is:repeating", [true, false]),
        ("IS:Repeating", [true, false]),
        ("is:lặp", [true, false]),
        ("is:lap", [true, false]),
        ("-is:repeating", [false, true]),
    ] {
        let f = parse_filter(text, sunday(), Weekday::Mon).expect(text);
        assert_eq!([f.matches(&weekly), f.matches(&once)], keeps, "{text}");
    }
    let e = parse_filter("is:weekly", sunday(), Weekday::Mon).expect_err("unknown state");
    assert!(e.to_string().contains("repeating"), "{e}");
}
