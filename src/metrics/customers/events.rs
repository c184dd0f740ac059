//! One customer's order days turned into the events the timeline counts:
//! active intervals, new, reactivated and loyal days.

use chrono::{Datelike, NaiveDate};

use super::cohorts::{self, CohortsBuilder};
use crate::metrics::day_counts::DayCounts;

/// Event days as they are collected, before they are counted by day.
#[derive(Default)]
pub(super) struct Events {
    pub(super) active_starts: Vec<i64>,
    pub(super) active_ends: Vec<i64>,
    pub(super) new_days: Vec<i64>,
    pub(super) reactivation_days: Vec<i64>,
    pub(super) loyal_starts: Vec<i64>,
    pub(super) loyal_ends: Vec<i64>,
}

impl Events {
    /// Turns one customer's order days (sorted) into intervals and events;
    /// the month of the first order (their cohort).
    pub(super) fn add_customer(
        &mut self,
        days: impl Iterator<Item = i64>,
        window: i64,
        threshold: u32,
        cohorts: &mut CohortsBuilder,
    ) -> i64 {
        let mut current: Option<(i64, i64)> = None;
        let mut cohort = 0;
        let mut last_month = 0;
        let mut orders = 0u32;
        let mut loyal_from: Option<i64> = None;
        for day in days {
            orders += 1;
            let month = cohorts::month_of(day);
            if current.is_some() && month != last_month {
                cohorts.ordered_again(cohort, month);
            }
            last_month = month;
            current = match current {
                Some((start, end)) if day <= end + 1 => Some((start, end.max(day + window - 1))),
                Some(closed) => {
                    self.close_interval(closed, loyal_from);
                    self.reactivation_days.push(day);
                    Some((day, day + window - 1))
                }
                None => {
                    cohort = month;
                    self.new_days.push(day);
                    cohorts.acquire(day);
                    Some((day, day + window - 1))
                }
            };
            if orders == threshold {
                loyal_from = Some(day);
            }
        }
        if let Some(last) = current {
            self.close_interval(last, loyal_from);
        }
        cohort
    }

    fn close_interval(&mut self, (start, end): (i64, i64), loyal_from: Option<i64>) {
        self.active_starts.push(start);
        self.active_ends.push(end);
        if let Some(from) = loyal_from {
            self.loyal_starts.push(from.max(start));
            self.loyal_ends.push(end);
        }
    }
}

pub(super) fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub(super) fn from_day_number(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

pub(super) fn key_day(key: u64) -> i64 {
    i64::from((key as u32 ^ 0x8000_0000) as i32)
}

/// How many of the intervals `[start, end]` hold `d`: an interval ending
/// before `d` also started before it, so the count is (starts ≤ d) −
/// (ends < d).
pub(super) fn covering(starts: &DayCounts, ends: &DayCounts, d: i64) -> i64 {
    starts.on_or_before(d) - ends.on_or_before(d - 1)
}
