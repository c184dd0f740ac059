//! Reporting periods: weeks, months, quarters and years, their labels
//! ("2026-W44", "2026-10", "2026-Q4", "2026") and the runs of periods a
//! chart or a report walks through.
//!
//! Weeks start on a configurable day. With a Monday start they are exactly
//! ISO 8601 weeks. With any other start a week is labelled with the ISO
//! week-year and week number of its middle day (start + 3 days): the ISO
//! week that holds four of its seven days, which is the ISO rule itself
//! generalised. Each ISO week holds exactly one such middle day, so every
//! label names exactly one week whatever the start day, and a Sunday-start
//! week running 2026-12-27..2027-01-02 is "2026-W53".
//!
//! At the far edges of the calendar chrono supports, periods are clipped to
//! `NaiveDate::MIN`/`MAX` and `prev`/`next` stop moving, rather than panic.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::domain::UnknownValue;

/// How long a reporting period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Week,
    Month,
    Quarter,
    Year,
}

impl Granularity {
    pub const ALL: &'static [Granularity] = &[
        Granularity::Week,
        Granularity::Month,
        Granularity::Quarter,
        Granularity::Year,
    ];

    /// The text form used on the command line and in config files.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
        }
    }

    /// The next granularity in the cycle week → month → quarter → year → week.
    pub fn next(self) -> Granularity {
        match self {
            Granularity::Week => Granularity::Month,
            Granularity::Month => Granularity::Quarter,
            Granularity::Quarter => Granularity::Year,
            Granularity::Year => Granularity::Week,
        }
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Granularity {
    type Err = UnknownValue;

    /// `week`, `month`, `quarter` or `year`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Granularity::ALL
            .iter()
            .copied()
            .find(|g| g.as_str() == wanted)
            .ok_or_else(|| UnknownValue {
                what: "period",
                given: s.to_string(),
                allowed: Granularity::ALL
                    .iter()
                    .map(|g| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// Why a text is not a period label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("'{0}' is not a period (use 2026-W44, 2026-10, 2026-Q4 or 2026)")]
    Malformed(String),
    #[error("'{given}' does not exist: {reason}")]
    NoSuchPeriod { given: String, reason: String },
}

/// One reporting period, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub granularity: Granularity,
    pub start: NaiveDate,
    /// The period's last day (inclusive).
    pub end: NaiveDate,
}

impl Period {
    /// The period of granularity `g` holding `day`. `week_start` only
    /// matters for weeks.
    pub fn containing(g: Granularity, day: NaiveDate, week_start: Weekday) -> Period {
        let (start, end) = match g {
            Granularity::Week => {
                let back = (7 + day.weekday().num_days_from_monday()
                    - week_start.num_days_from_monday())
                    % 7;
                let start = day
                    .checked_sub_days(Days::new(u64::from(back)))
                    .unwrap_or(NaiveDate::MIN);
                (start, plus_days(start, 6))
            }
            Granularity::Month => months_from(first_of_month(day, day.month()), 1),
            Granularity::Quarter => {
                let first_month = (day.month0() / 3) * 3 + 1;
                months_from(first_of_month(day, first_month), 3)
            }
            Granularity::Year => months_from(first_of_month(day, 1), 12),
        };
        Period {
            granularity: g,
            start,
            end,
        }
    }

    /// The period just before this one.
    pub fn prev(&self) -> Period {
        match self.start.pred_opt() {
            Some(d) => Period::containing(self.granularity, d, self.start.weekday()),
            None => *self,
        }
    }

    /// The period just after this one.
    pub fn next(&self) -> Period {
        match self.end.succ_opt() {
            Some(d) => Period::containing(self.granularity, d, self.start.weekday()),
            None => *self,
        }
    }

    /// "2026-W44", "2026-10", "2026-Q4" or "2026".
    pub fn label(&self) -> String {
        match self.granularity {
            Granularity::Week => {
                let iso = plus_days(self.start, 3).iso_week();
                format!("{:04}-W{:02}", iso.year(), iso.week())
            }
            Granularity::Month => format!("{:04}-{:02}", self.start.year(), self.start.month()),
            Granularity::Quarter => {
                format!("{:04}-Q{}", self.start.year(), self.start.month0() / 3 + 1)
            }
            Granularity::Year => format!("{:04}", self.start.year()),
        }
    }

    /// The period a label names; the inverse of [`Period::label`] for
    /// periods built with the same `week_start`. Accepts `w`/`q` in either case.
    pub fn parse(label: &str, week_start: Weekday) -> Result<Period, PeriodError> {
        let text = label.trim();
        let malformed = || PeriodError::Malformed(label.to_string());
        let no_such = |reason: String| PeriodError::NoSuchPeriod {
            given: label.to_string(),
            reason,
        };
        let (year_text, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        let year = digits(year_text, 4, 4).ok_or_else(malformed)?;
        let year = i32::try_from(year).map_err(|_| malformed())?;
        let Some(rest) = rest else {
            let day = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(malformed)?;
            return Ok(Period::containing(Granularity::Year, day, week_start));
        };
        if let Some(week) = rest.strip_prefix(['W', 'w']) {
            let week = digits(week, 1, 2).ok_or_else(malformed)?;
            let middle = weekday_plus(week_start, 3);
            let middle_day = NaiveDate::from_isoywd_opt(year, week, middle)
                .ok_or_else(|| no_such(format!("{year} has {} ISO weeks", iso_weeks_in(year))))?;
            let start = middle_day
                .checked_sub_days(Days::new(3))
                .ok_or_else(malformed)?;
            return Ok(Period::containing(Granularity::Week, start, week_start));
        }
        if let Some(quarter) = rest.strip_prefix(['Q', 'q']) {
            let quarter = digits(quarter, 1, 1).ok_or_else(malformed)?;
            if !(1..=4).contains(&quarter) {
                return Err(no_such("a quarter is Q1 to Q4".into()));
            }
            let day = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1).ok_or_else(malformed)?;
            return Ok(Period::containing(Granularity::Quarter, day, week_start));
        }
        let month = digits(rest, 2, 2).ok_or_else(malformed)?;
        if !(1..=12).contains(&month) {
            return Err(no_such("a month is 01 to 12".into()));
        }
        let day = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(malformed)?;
        Ok(Period::containing(Granularity::Month, day, week_start))
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Number of days in the period, both ends counted.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Every period of granularity `g` from the one holding `from` to the one
/// holding `to`, oldest first; empty when `from` is after `to`.
pub fn periods_covering(
    g: Granularity,
    from: NaiveDate,
    to: NaiveDate,
    week_start: Weekday,
) -> Vec<Period> {
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    let mut p = Period::containing(g, from, week_start);
    loop {
        out.push(p);
        let next = p.next();
        if p.end >= to || next == p {
            return out;
        }
        p = next;
    }
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

fn first_of_month(day: NaiveDate, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(NaiveDate::MIN)
}

/// `(first, last day of the n months starting at first)`.
fn months_from(first: NaiveDate, n: u32) -> (NaiveDate, NaiveDate) {
    let end = first
        .checked_add_months(Months::new(n))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    (first, end)
}

fn weekday_plus(w: Weekday, n: u32) -> Weekday {
    (0..n).fold(w, |w, _| w.succ())
}

fn iso_weeks_in(year: i32) -> u32 {
    // 28 December always lies in the last ISO week of its year.
    NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

/// The number written with `min..=max` ASCII digits and nothing else.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
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
}
