use super::*;
use Granularity::*;
use Weekday::{Mon, Sun};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn span(p: Period) -> (String, NaiveDate, NaiveDate) {
    (p.label(), p.start, p.end)
}

#[test]
fn granularity_text_forms_and_cycle() {
    assert_eq!("Quarter".parse::<Granularity>(), Ok(Quarter));
    assert_eq!(" WEEK ".parse::<Granularity>(), Ok(Week));
    let e = "day".parse::<Granularity>().expect_err("not a period");
    assert_eq!(
        e.to_string(),
        "'day' is not a period (one of: week, month, quarter, year)"
    );
    let mut g = Week;
    for want in [Month, Quarter, Year, Week] {
        g = g.next();
        assert_eq!(g, want);
    }
    for g in Granularity::ALL {
        assert_eq!(g.as_str().parse::<Granularity>(), Ok(*g));
    }
}

#[test]
fn iso_week_53_spans_the_year_boundary() {
    let p = Period::containing(Week, d("2027-01-01"), Mon);
    assert_eq!(
        span(p),
        ("2026-W53".into(), d("2026-12-28"), d("2027-01-03"))
    );
    assert_eq!(p.days(), 7);
    assert_eq!(
        span(p.next()),
        ("2027-W01".into(), d("2027-01-04"), d("2027-01-10"))
    );
    assert_eq!(p.prev().label(), "2026-W52");
    assert_eq!(Period::parse("2026-W53", Mon), Ok(p));
    assert_eq!(
        Period::containing(Week, d("2026-10-29"), Mon).label(),
        "2026-W44"
    );
}

#[test]
fn sunday_weeks_take_the_iso_week_of_their_middle_day() {
    // Sun 2026-12-27 .. Sat 2027-01-02: middle day Wed 2026-12-30 is in 2026-W53.
    let p = Period::containing(Week, d("2027-01-02"), Sun);
    assert_eq!(
        span(p),
        ("2026-W53".into(), d("2026-12-27"), d("2027-01-02"))
    );
    // Sun 2027-01-03 .. Sat 2027-01-09: middle day Wed 2027-01-06 is 2027-W01.
    assert_eq!(
        span(p.next()),
        ("2027-W01".into(), d("2027-01-03"), d("2027-01-09"))
    );
    // Sun 2025-12-28 .. Sat 2026-01-03: middle day Wed 2025-12-31 is ISO 2026-W01.
    let q = Period::containing(Week, d("2025-12-28"), Sun);
    assert_eq!(
        span(q),
        ("2026-W01".into(), d("2025-12-28"), d("2026-01-03"))
    );
    assert_eq!(Period::parse("2026-W01", Sun), Ok(q));
    assert_eq!(Period::parse("2026-w53", Sun), Ok(p));
}

#[test]
fn months_quarters_and_years() {
    let m = Period::containing(Month, d("2024-02-10"), Mon);
    assert_eq!(
        span(m),
        ("2024-02".into(), d("2024-02-01"), d("2024-02-29"))
    );
    assert_eq!(m.days(), 29);
    assert_eq!(m.prev().label(), "2024-01");
    assert_eq!(
        Period::containing(Month, d("2026-12-31"), Mon)
            .next()
            .label(),
        "2027-01"
    );
    let q = Period::containing(Quarter, d("2026-11-22"), Mon);
    assert_eq!(
        span(q),
        ("2026-Q4".into(), d("2026-10-01"), d("2026-12-31"))
    );
    assert_eq!(
        span(q.next()),
        ("2027-Q1".into(), d("2027-01-01"), d("2027-03-31"))
    );
    assert_eq!(q.prev().label(), "2026-Q3");
    let y = Period::containing(Year, d("2026-11-22"), Mon);
    assert_eq!(span(y), ("2026".into(), d("2026-01-01"), d("2026-12-31")));
    assert_eq!(y.days(), 365);
    assert!(y.contains(d("2026-12-31")) && !y.contains(d("2027-01-01")));
    assert_eq!(Period::parse("2026-q4", Mon), Ok(q));
    assert_eq!(Period::parse("2026", Mon), Ok(y));
    assert_eq!(Period::parse(" 2024-02 ", Mon), Ok(m));
}

#[test]
fn bad_labels_say_why() {
    for bad in [
        "",
        "26",
        "2026-",
        "2026-1",
        "2026-W",
        "2026-W100",
        "2026-Q",
        "W44",
        "2026-10-01",
        "x",
    ] {
        assert_eq!(
            Period::parse(bad, Mon),
            Err(PeriodError::Malformed(bad.into())),
            "{bad}"
        );
    }
    let e = Period::parse("2025-W53", Mon).expect_err("2025 has 52 weeks");
    assert_eq!(
        e.to_string(),
        "'2025-W53' does not exist: 2025 has 52 ISO weeks"
    );
    assert!(matches!(
        Period::parse("2026-13", Mon),
        Err(PeriodError::NoSuchPeriod { .. })
    ));
    assert!(matches!(
        Period::parse("2026-Q5", Mon),
        Err(PeriodError::NoSuchPeriod { .. })
    ));
    assert!(matches!(
        Period::parse("2026-W00", Mon),
        Err(PeriodError::NoSuchPeriod { .. })
    ));
}

#[test]
fn covering_runs_oldest_first_without_gaps() {
    let ps = periods_covering(Quarter, d("2026-11-22"), d("2027-04-01"), Mon);
    let labels: Vec<_> = ps.iter().map(Period::label).collect();
    assert_eq!(labels, ["2026-Q4", "2027-Q1", "2027-Q2"]);
    let ws = periods_covering(Week, d("2026-12-30"), d("2027-01-04"), Mon);
    let labels: Vec<_> = ws.iter().map(Period::label).collect();
    assert_eq!(labels, ["2026-W53", "2027-W01"]);
    assert_eq!(
        periods_covering(Month, d("2026-05-05"), d("2026-05-06"), Mon).len(),
        1
    );
    assert!(periods_covering(Month, d("2026-05-06"), d("2026-05-05"), Mon).is_empty());
}

#[test]
fn calendar_edges_do_not_panic() {
    let last = Period::containing(Year, NaiveDate::MAX, Mon);
    assert_eq!(last.next(), last);
    let first = Period::containing(Week, NaiveDate::MIN, Mon);
    assert_eq!(first.prev(), first);
    assert_eq!(
        periods_covering(Year, NaiveDate::MAX, NaiveDate::MAX, Mon).len(),
        1
    );
}

/// (first, last day counted) of the period, then of what it is
/// compared with.
fn spans(g: Granularity, today: &str, c: Compare) -> [(NaiveDate, NaiveDate); 2] {
    let cmp = Comparison::of(Period::containing(g, d(today), Mon), d(today), c);
    [
        (cmp.current.start, cmp.current.end),
        (cmp.previous.start, cmp.previous.end),
    ]
}

#[test]
fn a_month_on_its_seventh_day_meets_the_first_seven_days_before() {
    let [cur, prev] = spans(Month, "2026-12-07", Compare::Previous);
    assert_eq!(cur, (d("2026-12-01"), d("2026-12-07")));
    assert_eq!(prev, (d("2026-11-01"), d("2026-11-07")));
    let [_, year] = spans(Month, "2026-12-07", Compare::Year);
    assert_eq!(year, (d("2025-12-01"), d("2025-12-07")));
    let c = Comparison::of(
        Period::containing(Month, d("2026-12-07"), Mon),
        d("2026-12-07"),
        Compare::Previous,
    );
    assert!(c.partial());
    assert_eq!(
        (c.period.end, c.other.label()),
        (d("2026-12-31"), "2026-11".into())
    );
}

#[test]
fn a_week_on_its_monday_meets_the_monday_before() {
    // 2026-12-07 is a Monday.
    let [cur, prev] = spans(Week, "2026-12-07", Compare::Previous);
    assert_eq!(cur, (d("2026-12-07"), d("2026-12-07")));
    assert_eq!(prev, (d("2026-11-30"), d("2026-11-30")));
    // 52 weeks back is a Monday too: 2025-12-08.
    let [_, year] = spans(Week, "2026-12-07", Compare::Year);
    assert_eq!(year, (d("2025-12-08"), d("2025-12-08")));
    assert_eq!(d("2025-12-08").weekday(), Mon);
    // A Sunday-start week on its Tuesday: three days each.
    let p = Period::containing(Week, d("2026-12-08"), Sun);
    let c = Comparison::of(p, d("2026-12-08"), Compare::Previous);
    assert_eq!(
        (
            c.current.start,
            c.current.end,
            c.previous.start,
            c.previous.end
        ),
        (
            d("2026-12-06"),
            d("2026-12-08"),
            d("2026-11-29"),
            d("2026-12-01")
        )
    );
}

#[test]
fn a_quarter_and_a_year_to_date() {
    // Q4 on 15 November: 46 days (31 + 15) against 1 July – 15 August.
    let [cur, prev] = spans(Quarter, "2026-11-15", Compare::Previous);
    assert_eq!(cur, (d("2026-10-01"), d("2026-11-15")));
    assert_eq!(prev, (d("2026-07-01"), d("2026-08-15")));
    let [_, year] = spans(Quarter, "2026-11-15", Compare::Year);
    assert_eq!(year, (d("2025-10-01"), d("2025-11-15")));
    // 2026 on 1 March: 60 days against the first 60 of 2025.
    let [cur, prev] = spans(Year, "2026-03-01", Compare::Previous);
    assert_eq!(cur, (d("2026-01-01"), d("2026-03-01")));
    assert_eq!(prev, (d("2025-01-01"), d("2025-03-01")));
    // A leap year counts days, not dates: 61 days to 1 March 2028
    // against the first 61 days of 2027, to 2 March.
    let [cur, prev] = spans(Year, "2028-03-01", Compare::Previous);
    assert_eq!(cur, (d("2028-01-01"), d("2028-03-01")));
    assert_eq!(prev, (d("2027-01-01"), d("2027-03-02")));
}

#[test]
fn february_against_january_and_march_against_february() {
    let [cur, prev] = spans(Month, "2026-02-10", Compare::Previous);
    assert_eq!(cur, (d("2026-02-01"), d("2026-02-10")));
    assert_eq!(prev, (d("2026-01-01"), d("2026-01-10")));
    // 30 days of March against February, which has 28: all of it.
    let [cur, prev] = spans(Month, "2026-03-30", Compare::Previous);
    assert_eq!(cur, (d("2026-03-01"), d("2026-03-30")));
    assert_eq!(prev, (d("2026-02-01"), d("2026-02-28")));
    // On its last day February is over: whole against whole.
    let [cur, prev] = spans(Month, "2026-02-28", Compare::Previous);
    assert_eq!(cur, (d("2026-02-01"), d("2026-02-28")));
    assert_eq!(prev, (d("2026-01-01"), d("2026-01-31")));
    // 29 February 2028 against February 2027: its 28 days.
    let [cur, prev] = spans(Month, "2028-02-29", Compare::Year);
    assert_eq!(cur, (d("2028-02-01"), d("2028-02-29")));
    assert_eq!(prev, (d("2027-02-01"), d("2027-02-28")));
    // A month over, looked at later, is whole against whole.
    let c = Comparison::of(
        Period::parse("2026-02", Mon).expect("month"),
        d("2026-12-07"),
        Compare::Previous,
    );
    assert!(!c.partial());
    assert_eq!(
        (c.previous.start, c.previous.end),
        (d("2026-01-01"), d("2026-01-31"))
    );
}

#[test]
fn the_first_period_has_nothing_before_it() {
    let p = Period::containing(Month, d("2026-12-07"), Mon);
    let c = Comparison::of(p, d("2026-12-07"), Compare::Previous);
    assert!(c.before_any_data(Some(d("2026-12-01"))));
    assert!(c.before_any_data(None));
    assert!(!c.before_any_data(Some(d("2026-11-07"))));
    assert!(c.before_any_data(Some(d("2026-11-08"))));
}

#[test]
fn compare_text_forms() {
    assert_eq!("Year".parse::<Compare>(), Ok(Compare::Year));
    assert_eq!(Compare::default().toggled(), Compare::Year);
    let e = "last".parse::<Compare>().expect_err("not a comparison");
    assert_eq!(
        e.to_string(),
        "'last' is not a comparison (one of: previous, year)"
    );
}

fn weekday_strategy() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|n| weekday_plus(Mon, u32::from(n)))
}

proptest! {
    #[test]
    fn label_parse_round_trips_and_periods_tile(
        offset in 0i64..40_000,
        g in prop::sample::select(Granularity::ALL),
        ws in weekday_strategy(),
    ) {
        let day = d("1950-01-01") + chrono::Duration::days(offset);
        let p = Period::containing(g, day, ws);
        prop_assert!(p.contains(day));
        prop_assert_eq!(Period::parse(&p.label(), ws), Ok(p));
        prop_assert_eq!(p.next().prev(), p);
        prop_assert_eq!(p.next().start, p.end + chrono::Duration::days(1));
        prop_assert_ne!(p.next().label(), p.label());
        if g == Week {
            prop_assert_eq!(p.start.weekday(), ws);
        }
    }
}
