//! Monthly acquisition cohorts. Each customer belongs to the month of
//! their first order; an active interval `[start, end]` makes them count
//! at the end of every later month whose last day falls inside it. The
//! intervals of one customer are disjoint, so counting intervals counts
//! customers. Each interval is kept as two changes to a running count (+1
//! at its first month-end, −1 after its last), so the stored form grows
//! with the number of distinct changes, never with the span of months, and
//! the months a cohort is read over are decided only when it is read, by
//! the as-of date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Cohort;

/// One acquisition month as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CohortCounts {
    /// The acquisition month as year × 12 + month − 1.
    pub month: i64,
    /// Customers whose first order is in that month (at least 1).
    pub acquired: i64,
    /// `(k, change)`: the number of them active at the end of the k-th
    /// month after changes by `change` there; k ≥ 1 strictly increasing,
    /// no change 0.
    pub changes: Vec<(i64, i64)>,
}

#[derive(Default)]
struct Collecting {
    acquired: i64,
    changes: Vec<(i64, i64)>,
}

/// Collects cohorts while the timeline walks the customers.
#[derive(Default)]
pub(super) struct CohortsBuilder {
    by_month: BTreeMap<i64, Collecting>,
}

impl CohortsBuilder {
    /// A customer whose first order is on `first_order`.
    pub fn acquire(&mut self, first_order: i64) {
        self.by_month
            .entry(month_of(first_order))
            .or_default()
            .acquired += 1;
    }

    /// The customer first ordering on `first_order` is active on
    /// `start..=end`.
    pub fn active(&mut self, first_order: i64, start: i64, end: i64) {
        let cohort = month_of(first_order);
        let from = month_of(start).max(cohort + 1);
        let to = if is_month_end(end) {
            month_of(end)
        } else {
            month_of(end) - 1
        };
        if from > to {
            return;
        }
        let c = self.by_month.entry(cohort).or_default();
        c.changes.push((from - cohort, 1));
        c.changes.push((to + 1 - cohort, -1));
    }

    pub fn finish(self) -> Vec<CohortCounts> {
        self.by_month
            .into_iter()
            .filter(|(_, c)| c.acquired > 0)
            .map(|(month, mut c)| {
                c.changes.sort_unstable_by_key(|&(k, _)| k);
                let mut changes: Vec<(i64, i64)> = Vec::new();
                for (k, change) in c.changes {
                    match changes.last_mut() {
                        Some(last) if last.0 == k => last.1 += change,
                        _ => changes.push((k, change)),
                    }
                }
                changes.retain(|&(_, change)| change != 0);
                CohortCounts {
                    month,
                    acquired: c.acquired,
                    changes,
                }
            })
            .collect()
    }
}

/// Every month from the first stored cohort's to the as-of date's, with
/// the counts at the ends of the months that ended on or before it.
pub(super) fn read(stored: &[CohortCounts], as_of: i64) -> Vec<Cohort> {
    let Some(first) = stored.first() else {
        return Vec::new();
    };
    let as_of_month = month_of(as_of);
    let complete = if is_month_end(as_of) {
        as_of_month
    } else {
        as_of_month - 1
    };
    let mut stored = stored.iter().peekable();
    let mut out = Vec::new();
    for month in first.month..=as_of_month {
        let found = stored.next_if(|c| c.month == month);
        let Some(start) = first_of_month(month) else {
            continue;
        };
        let mut changes = found.map_or(&[][..], |c| &c.changes).iter().peekable();
        let mut running = 0;
        let active_after = (1..=complete - month)
            .map(|k| {
                while let Some((_, change)) = changes.next_if(|&&(at, _)| at <= k) {
                    running += change;
                }
                running
            })
            .collect();
        out.push(Cohort {
            month: start,
            acquired: found.map_or(0, |c| c.acquired),
            active_after,
        });
    }
    out
}

/// Year, month (1..=12) and day of a day number counted like chrono's
/// `num_days_from_ce` (0001-01-01 is day 1), for any day, inside chrono's
/// range or not: Howard Hinnant's `civil_from_days`, whose eras of 400
/// years start on 0000-03-01, 305 days before day 1.
pub(super) fn civil(n: i64) -> (i64, i64, i64) {
    let z = n + 305;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The month of a day number, as year × 12 + month − 1.
pub(super) fn month_of(n: i64) -> i64 {
    let (y, m, _) = civil(n);
    y * 12 + m - 1
}

fn is_month_end(n: i64) -> bool {
    civil(n + 1).2 == 1
}

fn first_of_month(month: i64) -> Option<NaiveDate> {
    let year = i32::try_from(month.div_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, month.rem_euclid(12) as u32 + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{CustomerParams, CustomerTimeline};
    use chrono::Datelike;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn params(window_days: u32) -> CustomerParams {
        CustomerParams {
            window_days,
            loyalty_threshold: 3,
        }
    }

    fn cohort(month: &str, acquired: i64, active_after: &[i64]) -> Cohort {
        Cohort {
            month: d(month),
            acquired,
            active_after: active_after.to_vec(),
        }
    }

    #[test]
    fn the_calendar_agrees_with_chrono() {
        let mut day = d("1599-12-01");
        while day < d("2401-03-01") {
            let n = i64::from(day.num_days_from_ce());
            assert_eq!(
                civil(n),
                (
                    i64::from(day.year()),
                    i64::from(day.month()),
                    i64::from(day.day())
                ),
                "{day}"
            );
            day += chrono::Duration::days(13);
        }
        let n = i64::from(d("2024-02-29").num_days_from_ce());
        assert!(is_month_end(n));
        assert!(!is_month_end(n - 1));
        assert_eq!(month_of(n), 2024 * 12 + 1);
        assert_eq!(first_of_month(2024 * 12 + 1), Some(d("2024-02-01")));
    }

    /// Four customers, W = 30, as of 2026-04-20:
    /// - a: orders 01-10 and 02-05, active 01-10..=03-06: January's end
    ///   (k = 0, not counted) and February's end (k = 1), not March's.
    /// - b: order 01-31, active 01-31..=03-01: February's end only.
    /// - c: orders 01-20, then 03-25 after churning on 02-19: active
    ///   01-20..=02-18 and 03-25..=04-23: March's end (k = 2) only.
    /// - e: order 03-31, active 03-31..=04-29: acquired in March, and April
    ///   has not ended on the as-of date.
    ///
    /// February acquires nobody; April, the as-of month, nobody either.
    #[test]
    fn cohorts_by_hand_with_a_30_day_window() {
        let orders = [
            (1, d("2026-01-10")),
            (1, d("2026-02-05")),
            (2, d("2026-01-31")),
            (3, d("2026-01-20")),
            (3, d("2026-03-25")),
            (5, d("2026-03-31")),
        ];
        let t = CustomerTimeline::build(&orders, params(30), d("2026-04-20"));
        assert_eq!(
            t.cohorts(),
            [
                cohort("2026-01-01", 3, &[2, 1]),
                cohort("2026-02-01", 0, &[0]),
                cohort("2026-03-01", 1, &[]),
                cohort("2026-04-01", 0, &[]),
            ]
        );
        // As of April's last day, April's end counts too, and nobody is
        // active on it: c was until 04-23, e until 04-29.
        let t = CustomerTimeline::build(&orders, params(30), d("2026-04-30"));
        assert_eq!(
            t.cohorts(),
            [
                cohort("2026-01-01", 3, &[2, 1, 0]),
                cohort("2026-02-01", 0, &[0, 0]),
                cohort("2026-03-01", 1, &[0]),
                cohort("2026-04-01", 0, &[]),
            ]
        );
    }

    /// The same orders with W = 90: everyone stays active far longer.
    /// a: 01-10..=05-05; b: 01-31..=04-30; c: one interval 01-20..=06-22
    /// (the 03-25 order falls inside the first window); e: 03-31..=06-28.
    #[test]
    fn cohorts_by_hand_with_a_90_day_window() {
        let orders = [
            (1, d("2026-01-10")),
            (1, d("2026-02-05")),
            (2, d("2026-01-31")),
            (3, d("2026-01-20")),
            (3, d("2026-03-25")),
            (5, d("2026-03-31")),
        ];
        let t = CustomerTimeline::build(&orders, params(90), d("2026-07-15"));
        assert_eq!(
            t.cohorts(),
            [
                // Feb, Mar, Apr ends: a, b, c; May: c (a ended 05-05); June: 0.
                cohort("2026-01-01", 3, &[3, 3, 3, 1, 0]),
                cohort("2026-02-01", 0, &[0, 0, 0, 0]),
                // Apr, May ends: e; June's end (06-30): e ended 06-28.
                cohort("2026-03-01", 1, &[1, 1, 0]),
                cohort("2026-04-01", 0, &[0, 0]),
                cohort("2026-05-01", 0, &[0]),
                cohort("2026-06-01", 0, &[]),
                cohort("2026-07-01", 0, &[]),
            ]
        );
    }

    /// A customer who churns and comes back counts again from the month
    /// their new interval covers, and only once however many orders.
    #[test]
    fn a_customer_who_churns_and_comes_back() {
        // W = 30. Orders 2026-01-15, 01-20 (same interval, to 02-18), then
        // 04-10, 04-12 (04-10..=05-11) and 05-30 (05-30..=06-28).
        let days = [
            "2026-01-15",
            "2026-01-20",
            "2026-04-10",
            "2026-04-12",
            "2026-05-30",
        ];
        let orders: Vec<_> = days.iter().map(|s| (9, d(s))).collect();
        let t = CustomerTimeline::build(&orders, params(30), d("2026-07-31"));
        let c = t.cohorts();
        assert_eq!(c.len(), 7);
        // Jan: acquired; ends of Feb..Jul: Apr end (04-30) active, May end
        // (05-31) active again after the 05-12 churn, June end (06-30) not.
        assert_eq!(c[0], cohort("2026-01-01", 1, &[0, 0, 1, 1, 0, 0]));
        assert!(c[1..].iter().all(|c| c.acquired == 0));
    }

    #[test]
    fn no_orders_no_cohorts_and_orders_after_the_as_of_date_do_not_count() {
        let t = CustomerTimeline::build(&[], params(30), d("2026-04-20"));
        assert!(t.cohorts().is_empty());
        let orders = [(1, d("2026-03-03")), (2, d("2026-05-01"))];
        let t = CustomerTimeline::build(&orders, params(30), d("2026-03-31"));
        assert_eq!(t.cohorts(), [cohort("2026-03-01", 1, &[])]);
    }
}
