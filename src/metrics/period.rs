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
#[path = "period_tests.rs"]
mod tests;
