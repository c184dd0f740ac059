//! The command line under `--locale vi` reads numbers and dates as
//! Vietnamese write them (`1.200`, `1,5tr`, `hôm qua`, `t6`, `+3 ngày`),
//! still reads the English forms, and under English the reverse stays:
//! `1,5` is not a number.

#[path = "support/sandbox.rs"]
mod sandbox;

use chrono::NaiveDate;
use funnel::domain::{Amount, Dimension};
use funnel::store::Store;
use sandbox::Sandbox;

/// Runs `funnel args` in the sandbox; it must succeed.
fn ok(s: &Sandbox, args: &[&str]) {
    s.cmd().args(args).assert().success();
}

/// Runs `funnel args`; it must fail as a user error, whose message is
/// returned.
fn fails(s: &Sandbox, args: &[&str]) -> String {
    let out = s.cmd().args(args).assert().code(1);
    String::from_utf8(out.get_output().stderr.clone()).expect("utf-8")
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn amount(s: &str) -> Amount {
    s.parse().expect("amount")
}

/// What the file holds for `metric` on `on`, for the whole business.
fn value(s: &Sandbox, metric: &str, on: NaiveDate) -> Option<Amount> {
    let store = Store::open(&s.db).expect("store");
    store
        .series_between(metric, Dimension::Total, on, on)
        .expect("series")
        .into_iter()
        .find(|(d, _)| *d == on)
        .map(|(_, v)| v)
}

#[test]
fn kpi_record_reads_vietnamese_numbers_and_dates_under_vi() {
    let s = Sandbox::new();
    // Today is Sunday 22 November 2026.
    ok(
        &s,
        &[
            "--locale",
            "vi",
            "kpi",
            "record",
            "hôm qua",
            "visits=1.200",
            "spend=1,5tr",
            "conversions=2,5",
        ],
    );
    assert_eq!(value(&s, "visits", day(11, 21)), Some(amount("1200")));
    assert_eq!(value(&s, "spend", day(11, 21)), Some(amount("1500000")));
    assert_eq!(value(&s, "conversions", day(11, 21)), Some(amount("2.5")));
    ok(
        &s,
        &[
            "--locale",
            "vi",
            "kpi",
            "record",
            "-2 ngày",
            "spend=30.000.000 ₫",
        ],
    );
    assert_eq!(value(&s, "spend", day(11, 20)), Some(amount("30000000")));
    // The English forms still read under vi.
    ok(
        &s,
        &[
            "--locale",
            "vi",
            "kpi",
            "record",
            "2026-11-19",
            "spend=2500.50",
            "visits=1200",
        ],
    );
    assert_eq!(value(&s, "spend", day(11, 19)), Some(amount("2500.5")));
    assert_eq!(value(&s, "visits", day(11, 19)), Some(amount("1200")));
}

#[test]
fn under_english_a_comma_is_not_a_decimal_mark() {
    let s = Sandbox::new();
    let e = fails(&s, &["kpi", "record", "yesterday", "spend=1,5"]);
    assert!(e.contains("'1,5' is not a number"), "{e}");
    let e = fails(&s, &["kpi", "record", "yesterday", "visits=1.200"]);
    assert!(e.contains("must be a whole number"), "1.200 is 1.2: {e}");
    assert_eq!(value(&s, "spend", day(11, 21)), None, "nothing written");
}

#[test]
fn an_objective_takes_vietnamese_amounts_and_days_under_vi() {
    let s = Sandbox::new();
    ok(
        &s,
        &[
            "--locale",
            "vi",
            "objective",
            "add",
            "Doanh thu Tết",
            "--metric",
            "revenue",
            "--baseline",
            "1,5tr",
            "--target",
            "30.000.000",
            "--start",
            "hôm nay",
            "--deadline",
            "t6",
        ],
    );
    let store = Store::open(&s.db).expect("store");
    let o = &store.objectives().expect("objectives")[0];
    assert_eq!(
        (o.baseline, o.target),
        (amount("1500000"), amount("30000000"))
    );
    assert_eq!((o.start, o.deadline), (day(11, 22), day(11, 27)));
    ok(
        &s,
        &[
            "--locale",
            "vi",
            "objective",
            "edit",
            "1",
            "--target",
            "2 triệu",
            "--deadline",
            "+3 ngày",
        ],
    );
    let o = &store.objectives().expect("objectives")[0];
    assert_eq!((o.target, o.deadline), (amount("2000000"), day(11, 25)));
}
