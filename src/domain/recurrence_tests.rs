use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn rule(s: &str) -> Recurrence {
    s.parse().expect("rule")
}

#[test]
fn text_forms_read_and_write_back() {
    let cases = [
        ("day", "day"),
        ("daily", "day"),
        ("1d", "day"),
        ("1w", "week"),
        ("Weekly", "week"),
        ("2w", "2w"),
        ("month", "month"),
        ("1m", "month"),
        ("3m", "3m"),
        ("year", "year"),
        ("mon,thu", "mon,thu"),
        ("thursday,mon", "mon,thu"),
        ("t2,t5", "mon,thu"),
        ("cn", "sun"),
        ("mon,mon", "mon"),
        ("15", "15"),
        ("31", "31"),
        ("after:14d", "after:14d"),
        ("AFTER:2w", "after:2w"),
        ("after:1m", "after:1m"),
    ];
    for (typed, text) in cases {
        let r = rule(typed);
        assert_eq!(r.to_string(), text, "{typed}");
        assert_eq!(rule(text), r, "{text} reads back");
    }
}

#[test]
fn wrong_text_is_refused() {
    for typed in [
        "",
        "0",
        "32",
        "0d",
        "w2",
        "2x",
        "fortnight",
        "mon,",
        "mon;thu",
        "-1d",
        "1.5w",
        "10000d",
        "after:",
        "after:mon",
        "after:15",
    ] {
        assert!(typed.parse::<Recurrence>().is_err(), "{typed}");
    }
    assert_eq!(
        Recurrence::parse_after("14"),
        Err(RecurrenceError::After("14".into()))
    );
}

/// (rule, due, done, next): worked out by hand on a calendar.
#[test]
fn next_due_days_by_hand() {
    let cases: &[(&str, Option<NaiveDate>, NaiveDate, NaiveDate)] = &[
        // Every day, on time and late: the next is not already past.
        (
            "day",
            Some(day(2026, 11, 22)),
            day(2026, 11, 22),
            day(2026, 11, 23),
        ),
        (
            "day",
            Some(day(2026, 11, 20)),
            day(2026, 11, 22),
            day(2026, 11, 22),
        ),
        ("day", None, day(2026, 12, 31), day(2027, 1, 1)),
        // Weekly: done early keeps the week; late skips to the current week.
        (
            "week",
            Some(day(2026, 11, 24)),
            day(2026, 11, 22),
            day(2026, 12, 1),
        ),
        (
            "week",
            Some(day(2026, 11, 10)),
            day(2026, 11, 22),
            day(2026, 11, 24),
        ),
        (
            "week",
            Some(day(2026, 11, 10)),
            day(2026, 11, 24),
            day(2026, 11, 24),
        ),
        (
            "week",
            Some(day(2026, 12, 29)),
            day(2026, 12, 29),
            day(2027, 1, 5),
        ),
        (
            "2w",
            Some(day(2026, 12, 25)),
            day(2026, 12, 25),
            day(2027, 1, 8),
        ),
        (
            "2w",
            Some(day(2026, 11, 1)),
            day(2026, 11, 22),
            day(2026, 11, 29),
        ),
        ("week", None, day(2026, 11, 22), day(2026, 11, 29)),
        // Monthly from the 31st: the month's last day, then the 31st again.
        (
            "month",
            Some(day(2027, 1, 31)),
            day(2027, 1, 31),
            day(2027, 2, 28),
        ),
        (
            "month",
            Some(day(2028, 1, 31)),
            day(2028, 1, 31),
            day(2028, 2, 29),
        ),
        (
            "month",
            Some(day(2027, 1, 31)),
            day(2027, 3, 5),
            day(2027, 3, 31),
        ),
        (
            "month",
            Some(day(2026, 12, 15)),
            day(2026, 12, 15),
            day(2027, 1, 15),
        ),
        (
            "3m",
            Some(day(2026, 11, 30)),
            day(2026, 11, 30),
            day(2027, 2, 28),
        ),
        // 29 February: a year on is the 28th; four years on the 29th.
        (
            "year",
            Some(day(2028, 2, 29)),
            day(2028, 2, 29),
            day(2029, 2, 28),
        ),
        (
            "4y",
            Some(day(2028, 2, 29)),
            day(2028, 3, 1),
            day(2032, 2, 29),
        ),
        // Weekdays (22 Nov 2026 is a Sunday).
        (
            "mon,thu",
            Some(day(2026, 11, 23)),
            day(2026, 11, 23),
            day(2026, 11, 26),
        ),
        (
            "mon,thu",
            Some(day(2026, 11, 26)),
            day(2026, 11, 26),
            day(2026, 11, 30),
        ),
        (
            "mon,thu",
            Some(day(2026, 11, 26)),
            day(2026, 11, 24),
            day(2026, 11, 30),
        ),
        (
            "mon,thu",
            Some(day(2026, 11, 2)),
            day(2026, 11, 25),
            day(2026, 11, 26),
        ),
        (
            "mon,thu",
            Some(day(2026, 11, 2)),
            day(2026, 11, 26),
            day(2026, 11, 26),
        ),
        ("mon,thu", None, day(2026, 11, 23), day(2026, 11, 26)),
        (
            "thu",
            Some(day(2026, 12, 31)),
            day(2026, 12, 31),
            day(2027, 1, 7),
        ),
        ("sun", None, day(2026, 11, 22), day(2026, 11, 29)),
        // A day of the month: the 31st is the last day of a short month.
        (
            "15",
            Some(day(2026, 11, 15)),
            day(2026, 11, 15),
            day(2026, 12, 15),
        ),
        (
            "15",
            Some(day(2026, 11, 15)),
            day(2026, 11, 10),
            day(2026, 12, 15),
        ),
        ("15", None, day(2026, 11, 22), day(2026, 12, 15)),
        ("15", None, day(2026, 11, 14), day(2026, 11, 15)),
        (
            "31",
            Some(day(2027, 1, 31)),
            day(2027, 1, 31),
            day(2027, 2, 28),
        ),
        (
            "31",
            Some(day(2027, 2, 28)),
            day(2027, 2, 28),
            day(2027, 3, 31),
        ),
        (
            "31",
            Some(day(2028, 1, 31)),
            day(2028, 1, 31),
            day(2028, 2, 29),
        ),
        (
            "30",
            Some(day(2027, 4, 30)),
            day(2027, 4, 30),
            day(2027, 5, 30),
        ),
        (
            "29",
            Some(day(2027, 1, 29)),
            day(2027, 1, 29),
            day(2027, 2, 28),
        ),
        (
            "29",
            Some(day(2028, 1, 29)),
            day(2028, 1, 29),
            day(2028, 2, 29),
        ),
        (
            "1",
            Some(day(2026, 12, 1)),
            day(2026, 12, 1),
            day(2027, 1, 1),
        ),
        (
            "31",
            Some(day(2026, 12, 31)),
            day(2026, 12, 31),
            day(2027, 1, 31),
        ),
        // After done: counted from the done day, whatever the due day.
        (
            "after:14d",
            Some(day(2026, 11, 1)),
            day(2026, 11, 22),
            day(2026, 12, 6),
        ),
        ("after:14d", None, day(2026, 12, 25), day(2027, 1, 8)),
        (
            "after:1m",
            Some(day(2027, 1, 2)),
            day(2027, 1, 31),
            day(2027, 2, 28),
        ),
        ("after:1w", None, day(2028, 2, 22), day(2028, 2, 29)),
        ("after:1y", None, day(2028, 2, 29), day(2029, 2, 28)),
    ];
    for &(text, due, done, next) in cases {
        assert_eq!(
            rule(text).next_due(due, due, done),
            Some(next),
            "{text} due {due:?} done {done}"
        );
    }
}

#[test]
fn no_next_day_past_the_last_year_kept() {
    let last = day(LAST_YEAR, 12, 31);
    assert_eq!(rule("day").next_due(Some(last), Some(last), last), None);
    assert_eq!(
        rule("after:9999y").next_due(None, None, day(2026, 1, 1)),
        None
    );
}

/// (rule, first due of the series, due, done, next): by hand on a
/// calendar. A short month's last day stands for the series' day.
#[test]
fn next_due_keeps_the_series_day_of_the_month() {
    let cases = [
        (
            "month",
            (2027, 1, 31),
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 3, 31),
        ),
        (
            "month",
            (2027, 1, 31),
            (2027, 4, 30),
            (2027, 4, 30),
            (2027, 5, 31),
        ),
        (
            "month",
            (2027, 1, 30),
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 3, 30),
        ),
        (
            "month",
            (2027, 1, 31),
            (2027, 2, 28),
            (2027, 5, 2),
            (2027, 5, 31),
        ),
        (
            "3m",
            (2026, 11, 30),
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 5, 30),
        ),
        (
            "year",
            (2028, 2, 29),
            (2029, 2, 28),
            (2029, 2, 28),
            (2030, 2, 28),
        ),
        (
            "year",
            (2028, 2, 29),
            (2031, 2, 28),
            (2031, 2, 28),
            (2032, 2, 29),
        ),
        // Moved by hand to a day its month has: that day goes on.
        (
            "month",
            (2027, 1, 31),
            (2027, 5, 15),
            (2027, 5, 15),
            (2027, 6, 15),
        ),
        (
            "month",
            (2027, 1, 31),
            (2027, 3, 28),
            (2027, 3, 28),
            (2027, 4, 28),
        ),
        // A series started on a month's last day that is its day.
        (
            "month",
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 3, 28),
        ),
        // Weeks and days have no day of the month to keep.
        (
            "week",
            (2027, 1, 31),
            (2027, 2, 28),
            (2027, 2, 28),
            (2027, 3, 7),
        ),
    ];
    let on = |(y, m, d)| day(y, m, d);
    for (text, first, due, done, next) in cases {
        assert_eq!(
            rule(text).next_due(Some(on(due)), Some(on(first)), on(done)),
            Some(on(next)),
            "{text} first {first:?} due {due:?} done {done:?}"
        );
    }
}
