//! How a task repeats: on a calendar rule (every day, week, 2 weeks,
//! month; on given weekdays; on a day of the month) or a given time after
//! it was done. Marking a repeating task done makes the next one, due on
//! [`Recurrence::next_due`].
//!
//! The text form, as typed after `every:` / `--every` and stored:
//!
//! | text | repeats |
//! | --- | --- |
//! | `day` `week` `month` `year` (also `daily` … and `1d` `1w` `1m` `1y`) | every one of them |
//! | `2w` `3d` `6m` … | every that many days, weeks, months, years |
//! | `mon,thu` (`monday`; `t2`…`t7`, `cn`) | on those weekdays |
//! | `1` … `31` | on that day of the month (the last day where a month is shorter) |
//! | `after:14d` (typed `after:14d` or `--after-done 14d`) | that long after the day it was done |
//!
//! Dates are local calendar days: there is no time of day, so no daylight
//! saving shift can move one.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::validate::LAST_YEAR;

/// A step of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn letter(self) -> char {
        match self {
            Unit::Day => 'd',
            Unit::Week => 'w',
            Unit::Month => 'm',
            Unit::Year => 'y',
        }
    }

    fn word(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// A set of weekdays, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekdays(u8);

impl Weekdays {
    pub fn of(days: &[Weekday]) -> Weekdays {
        Weekdays(
            days.iter()
                .fold(0, |set, d| set | 1 << d.num_days_from_monday()),
        )
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }
}

/// How a task repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// Every `n` units from the due day.
    Every { n: u32, unit: Unit },
    /// On the given weekdays.
    On(Weekdays),
    /// On this day of the month, 1 to 31.
    MonthDay(u32),
    /// `n` units after the day the task was done.
    AfterDone { n: u32, unit: Unit },
}

/// Why a rule's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecurrenceError {
    #[error(
        "'{0}': not a repeat rule (day, week, 2w, month, mon,thu, a day of the month 1-31, or after:14d)"
    )]
    Every(String),
    #[error("'{0}': not a time after done (14d, 2w, 1m, 1y)")]
    After(String),
}

const WEEKDAYS: [(Weekday, &str, &str, &str); 7] = [
    (Weekday::Mon, "mon", "monday", "t2"),
    (Weekday::Tue, "tue", "tuesday", "t3"),
    (Weekday::Wed, "wed", "wednesday", "t4"),
    (Weekday::Thu, "thu", "thursday", "t5"),
    (Weekday::Fri, "fri", "friday", "t6"),
    (Weekday::Sat, "sat", "saturday", "t7"),
    (Weekday::Sun, "sun", "sunday", "cn"),
];

/// The most units a rule may step: beyond it every next day is past the
/// last year kept.
const MOST: u32 = 9999;

/// `14d`, `2w`, `1m`, `1y`: a count from 1 and a unit letter.
fn span(s: &str) -> Option<(u32, Unit)> {
    let unit = match s.chars().last()? {
        'd' => Unit::Day,
        'w' => Unit::Week,
        'm' => Unit::Month,
        'y' => Unit::Year,
        _ => return None,
    };
    let digits = &s[..s.len() - 1];
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=MOST).contains(&n).then_some((n, unit))
}

impl Recurrence {
    /// Reads what follows `every:` or `--every`.
    pub fn parse_every(input: &str) -> Result<Recurrence, RecurrenceError> {
        let s = input.trim().to_lowercase();
        let err = || RecurrenceError::Every(input.trim().to_string());
        let every = |unit| Ok(Recurrence::Every { n: 1, unit });
        match s.as_str() {
            "d" | "day" | "daily" => return every(Unit::Day),
            "w" | "week" | "weekly" => return every(Unit::Week),
            "m" | "month" | "monthly" => return every(Unit::Month),
            "y" | "year" | "yearly" => return every(Unit::Year),
            _ => {}
        }
        if let Some((n, unit)) = span(&s) {
            return Ok(Recurrence::Every { n, unit });
        }
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
            return match s.parse::<u32>() {
                Ok(d) if (1..=31).contains(&d) => Ok(Recurrence::MonthDay(d)),
                _ => Err(err()),
            };
        }
        let mut days = Vec::new();
        for name in s.split(',') {
            let name = name.trim();
            let day = WEEKDAYS
                .iter()
                .find(|(_, short, long, vi)| name == *short || name == *long || name == *vi)
                .ok_or_else(err)?;
            days.push(day.0);
        }
        Ok(Recurrence::On(Weekdays::of(&days)))
    }

    /// Reads what follows `after:` or `--after-done`.
    pub fn parse_after(input: &str) -> Result<Recurrence, RecurrenceError> {
        let s = input.trim().to_lowercase();
        span(&s)
            .map(|(n, unit)| Recurrence::AfterDone { n, unit })
            .ok_or_else(|| RecurrenceError::After(input.trim().to_string()))
    }

    /// The due day of the task that follows one due on `due` (if it had
    /// one) and done on `done`, in a series whose first due day was
    /// `first`.
    ///
    /// A calendar rule gives its first day after the due day that is not
    /// before the done day: a task done late is followed by the one due
    /// now, not by ones already missed; one done early, by the one after
    /// its due day. Without a due day it counts from the done day. A
    /// month or year on keeps the series' day of the month: a due day that
    /// is a short month's last day stands for `first`'s later day (31
    /// January, 28 February, 31 March). `None` where the next day is past
    /// the last year kept.
    pub fn next_due(
        self,
        due: Option<NaiveDate>,
        first: Option<NaiveDate>,
        done: NaiveDate,
    ) -> Option<NaiveDate> {
        let next = match self {
            Recurrence::AfterDone { n, unit } => add(done, n, unit),
            Recurrence::Every { n, unit } => match due {
                None => add(done, n, unit),
                Some(due) => every_from(due, series_day(due, first), n, unit, done),
            },
            Recurrence::On(days) => {
                let start = first_candidate(due, done)?;
                (0..7)
                    .filter_map(|i| start.checked_add_days(Days::new(i)))
                    .find(|d| days.contains(d.weekday()))
            }
            Recurrence::MonthDay(day) => {
                let start = first_candidate(due, done)?;
                let this = on_day(start, day)?;
                if this >= start {
                    Some(this)
                } else {
                    on_day(start.checked_add_months(Months::new(1))?, day)
                }
            }
        }?;
        (next.year() <= LAST_YEAR).then_some(next)
    }
}

impl Recurrence {
    /// The due day of a task added with this rule and none of its own: the
    /// first of the days the rule names, from `today` on. A rule of
    /// intervals names no day (its tasks count from the day they are done).
    pub fn first_due(self, today: NaiveDate) -> Option<NaiveDate> {
        let yesterday = today.pred_opt()?;
        match self {
            Recurrence::On(_) | Recurrence::MonthDay(_) => self.next_due(None, None, yesterday),
            Recurrence::Every { .. } | Recurrence::AfterDone { .. } => None,
        }
    }
}

/// The first day a weekday or day-of-month rule may fall on: after the due
/// day and not before the done day; after the done day without a due day.
fn first_candidate(due: Option<NaiveDate>, done: NaiveDate) -> Option<NaiveDate> {
    match due {
        Some(due) => Some(due.checked_add_days(Days::new(1))?.max(done)),
        None => done.checked_add_days(Days::new(1)),
    }
}

/// `day` of `date`'s month, or its last day where the month is shorter.
fn on_day(date: NaiveDate, day: u32) -> Option<NaiveDate> {
    (28..=day.max(28))
        .rev()
        .find_map(|d| date.with_day(d.min(day)))
}

/// `n` units after `date`; months and years land on the same day of the
/// month, or the month's last day where it is shorter.
fn add(date: NaiveDate, n: u32, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => date.checked_add_days(Days::new(u64::from(n))),
        Unit::Week => date.checked_add_days(Days::new(7 * u64::from(n))),
        Unit::Month => date.checked_add_months(Months::new(n)),
        Unit::Year => date.checked_add_months(Months::new(n.checked_mul(12)?)),
    }
}

/// The day of the month a series due on `due` steps on by months: `due`'s
/// own, or `first`'s later one where `due` is the last day of a month too
/// short for it. A day moved by hand to one its month has is kept.
fn series_day(due: NaiveDate, first: Option<NaiveDate>) -> u32 {
    let month_end = due.succ_opt().is_none_or(|d| d.month() != due.month());
    match first {
        Some(first) if month_end && first.day() > due.day() => first.day(),
        _ => due.day(),
    }
}

/// The first of `due` + k·n units (k from 1) not before `done`, months and
/// years landing on `day` of the month (or the month's last day where it is
/// shorter). Each is counted from `due` itself, so the 31st stays the 31st
/// after February.
fn every_from(due: NaiveDate, day: u32, n: u32, unit: Unit, done: NaiveDate) -> Option<NaiveDate> {
    if let Unit::Day | Unit::Week = unit {
        let step = i64::from(n) * if unit == Unit::Week { 7 } else { 1 };
        let gap = (done - due).num_days();
        let k = if gap <= step {
            1
        } else {
            (gap + step - 1) / step
        };
        return due.checked_add_signed(chrono::Duration::days(k * step));
    }
    let month = due.with_day(1)?;
    let mut k: u32 = 1;
    loop {
        let next = on_day(add(month, n.checked_mul(k)?, unit)?, day)?;
        if next >= done {
            return Some(next);
        }
        k = k.checked_add(1)?;
    }
}

impl fmt::Display for Recurrence {
    /// The text form: what `every:` / `after:` take, stored as typed back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Recurrence::Every { n: 1, unit } => f.write_str(unit.word()),
            Recurrence::Every { n, unit } => write!(f, "{n}{}", unit.letter()),
            Recurrence::On(days) => {
                let names: Vec<&str> = WEEKDAYS
                    .iter()
                    .filter(|(d, ..)| days.contains(*d))
                    .map(|(_, short, ..)| *short)
                    .collect();
                f.write_str(&names.join(","))
            }
            Recurrence::MonthDay(d) => write!(f, "{d}"),
            Recurrence::AfterDone { n, unit } => write!(f, "after:{n}{}", unit.letter()),
        }
    }
}

impl FromStr for Recurrence {
    type Err = RecurrenceError;

    /// Reads the text form [`Display`](fmt::Display) writes.
    fn from_str(s: &str) -> Result<Recurrence, RecurrenceError> {
        match s.trim().split_once(':') {
            Some((key, rest)) if key.eq_ignore_ascii_case("after") => Recurrence::parse_after(rest),
            _ => Recurrence::parse_every(s),
        }
    }
}

impl Serialize for Recurrence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Recurrence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Recurrence, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[path = "recurrence_tests.rs"]
mod tests;
