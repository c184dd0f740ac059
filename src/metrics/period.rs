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

use crate::domain::{UnknownValue, first_of_week};

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
                let start = first_of_week(day, week_start);
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

/// What a period is compared with: the period just before it, or the
/// same period a year earlier (for a week: the week 52 weeks earlier, so a
/// Monday still meets a Monday).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compare {
    #[default]
    Previous,
    Year,
}

impl Compare {
    pub const ALL: &'static [Compare] = &[Compare::Previous, Compare::Year];

    /// The text form used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Compare::Previous => "previous",
            Compare::Year => "year",
        }
    }

    /// The other one: what the KPIs tab's key switches to.
    pub fn toggled(self) -> Compare {
        match self {
            Compare::Previous => Compare::Year,
            Compare::Year => Compare::Previous,
        }
    }

    /// The whole period `p` is compared with.
    pub fn against(self, p: &Period) -> Period {
        match self {
            Compare::Previous => p.prev(),
            Compare::Year => {
                let back = match p.granularity {
                    Granularity::Week => p.start.checked_sub_days(Days::new(364)),
                    _ => p.start.checked_sub_months(Months::new(12)),
                };
                match back {
                    Some(d) => Period::containing(p.granularity, d, p.start.weekday()),
                    None => *p,
                }
            }
        }
    }
}

impl fmt::Display for Compare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Compare {
    type Err = UnknownValue;

    /// `previous` or `year`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Compare::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == wanted)
            .ok_or_else(|| UnknownValue {
                what: "comparison",
                given: s.to_string(),
                allowed: "previous, year".into(),
            })
    }
}

/// A period as far as it has run and the span it is compared with, like
/// for like: a period still running on day n is compared with the first n
/// days of the other period (1–7 December with 1–7 November), never more
/// than that period's days (on 30 March, all of February). A period over
/// is compared whole with the other whole. Gauges (customers, loyal
/// customers) are read on each span's last day, so they meet the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// The period as labelled and drawn.
    pub period: Period,
    /// Its days counted: from its start to its end or the as-of day.
    pub current: Period,
    /// The whole period compared with, for its label.
    pub other: Period,
    /// The days of `other` compared with.
    pub previous: Period,
    pub compare: Compare,
}

impl Comparison {
    /// `period` as of `as_of` against the span `compare` names.
    pub fn of(period: Period, as_of: NaiveDate, compare: Compare) -> Comparison {
        let other = compare.against(&period);
        let (current, previous) = if period.contains(as_of) && as_of < period.end {
            let elapsed = (as_of - period.start).num_days();
            let upto = other
                .start
                .checked_add_days(Days::new(elapsed.unsigned_abs()))
                .map_or(other.end, |d| d.min(other.end));
            (
                Period {
                    end: as_of,
                    ..period
                },
                Period { end: upto, ..other },
            )
        } else {
            (period, other)
        };
        Comparison {
            period,
            current,
            other,
            previous,
            compare,
        }
    }

    /// Whether the period is still running: its figures are to date.
    pub fn partial(&self) -> bool {
        self.current.end < self.period.end
    }

    /// Whether the comparison stands where nothing was recorded yet:
    /// its span ends before `first_day`, the first day with any data.
    pub fn before_any_data(&self, first_day: Option<NaiveDate>) -> bool {
        first_day.is_none_or(|first| self.previous.end < first)
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
}
