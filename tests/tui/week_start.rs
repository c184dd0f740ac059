//! The Tasks tab's "this week" follows the configured week start, the same
//! week the KPIs and the Plan tab use: with weeks starting on Sunday,
//! Saturday ends the week and Sunday begins the next one.

use super::*;
use chrono::Weekday;
use funnel::app::tasks::Row;
use funnel::metrics::period::{Granularity, Period};
use funnel::taskview::{DueBucket, GroupKey};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// An app on `today` over a file holding one open task due each day from
/// 14 to 30 November 2026, titled by its day.
fn app_on(dir: &tempfile::TempDir, today: NaiveDate, week_start: Weekday) -> App {
    let path = dir.path().join("funnel.db");
    let mut store = Store::open(&path).expect("store");
    for d in 14..=30 {
        let mut t = NewTask::titled(&format!("due {d}"));
        t.due = Some(day(d));
        store.add_task(&t).expect("add");
    }
    let settings = Settings {
        config: Config {
            week_start,
            ..Config::default()
        },
        keymap: Keymap::default(),
        clock: Clock::Fixed(today),
        read_only: false,
        ascii: false,
        db_name: "funnel.db".into(),
    };
    App::new(store, settings).expect("app")
}

fn due_days(app: &App, rows: &[Row]) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Task(i) => app.tasks.lines.get(*i).and_then(|l| l.task.due),
            Row::Heading(..) => None,
        })
        .collect();
    days.sort();
    days
}

/// The due days under the "This week" heading of the list grouped by due date.
fn this_week_group(app: &App) -> Vec<NaiveDate> {
    let rows = &app.tasks.rows;
    let start = rows
        .iter()
        .position(|r| matches!(r, Row::Heading(GroupKey::Due(DueBucket::ThisWeek), _)));
    let Some(start) = start else {
        return Vec::new();
    };
    let end = rows[start + 1..]
        .iter()
        .position(|r| matches!(r, Row::Heading(..)))
        .map_or(rows.len(), |n| start + 1 + n);
    due_days(app, &rows[start + 1..end])
}

#[test]
fn due_week_and_the_this_week_group_follow_a_sunday_week_start() {
    // Saturday 21 November ends a Sunday-start week; Sunday 22 begins one.
    for (today, week, later) in [
        (day(21), vec![day(21)], vec![]),
        (
            day(22),
            vec![day(22), day(23), day(28)],
            vec![day(23), day(28)],
        ),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let mut app = app_on(&dir, today, Weekday::Sun);
        let kpi_week = Period::containing(Granularity::Week, today, Weekday::Sun);

        typed(&mut app, "/due:week\n");
        let shown = due_days(&app, &app.tasks.rows);
        assert_eq!(shown.first(), week.first(), "due:week on {today}");
        assert_eq!(shown.last(), week.last(), "due:week on {today}");
        assert_eq!(
            shown.last(),
            Some(&kpi_week.end),
            "due:week ends with the KPIs' week"
        );

        typed(&mut app, "\x1boo");
        assert_eq!(app.tasks.grouping, funnel::taskview::Grouping::Due);
        let group = this_week_group(&app);
        assert_eq!(group.first(), later.first(), "This week on {today}");
        assert_eq!(group.last(), later.last(), "This week on {today}");
    }
}
