//! Monthly acquisition cohorts. Each customer belongs to the month of
//! their first order (month 0 of their cohort). For every later month k
//! the cohort counts how many of them ordered again in it (a customer
//! once, however many orders), and for every month k ≥ 0 what their
//! orders came to. Only the (k, count, amount) cells that hold something
//! are kept, so the stored form grows with the orders, never with the
//! span of months; the months a cohort is read over are decided only when
//! it is read, by the as-of date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Cohort;
use crate::domain::Amount;

/// One acquisition month as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CohortCounts {
    /// The acquisition month as year × 12 + month − 1.
    pub month: i64,
    /// Customers whose first order is in that month (at least 1).
    pub acquired: i64,
    /// `(k, ordered, revenue)`: in the k-th month after the acquisition
    /// month, `ordered` of them ordered (0 for k = 0, where all did) and
    /// their orders came to `revenue` (raw amount); k ≥ 0 strictly
    /// increasing, never both 0.
    pub cells: Vec<(i64, i64, i64)>,
}

#[derive(Default)]
struct Collecting {
    acquired: i64,
    /// k → (ordered, revenue).
    cells: BTreeMap<i64, (i64, i64)>,
}

/// Collects cohorts while the timeline walks the customers, then their
/// orders' amounts.
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

    /// The customer first ordering in month `cohort` ordered in the later
    /// month `month`; called once per customer and month.
    pub fn ordered_again(&mut self, cohort: i64, month: i64) {
        let c = self.by_month.entry(cohort).or_default();
        c.cells.entry(month - cohort).or_default().0 += 1;
    }

    /// An order of `amount` in `month` by a customer of `cohort`.
    pub fn revenue(&mut self, cohort: i64, month: i64, amount: Amount) {
        let c = self.by_month.entry(cohort).or_default();
        let cell = c.cells.entry(month - cohort).or_default();
        // Each order is within the amount limit; a sum past i64 would
        // need ninety thousand of them at the limit: it stays at the edge.
        cell.1 = cell.1.saturating_add(amount.raw());
    }

    pub fn finish(self) -> Vec<CohortCounts> {
        self.by_month
            .into_iter()
            .filter(|(_, c)| c.acquired > 0)
            .map(|(month, c)| CohortCounts {
                month,
                acquired: c.acquired,
                cells: c
                    .cells
                    .into_iter()
                    .filter(|&(_, (ordered, revenue))| ordered != 0 || revenue != 0)
                    .map(|(k, (ordered, revenue))| (k, ordered, revenue))
                    .collect(),
            })
            .collect()
    }
}

/// Every month from the first stored cohort's to the as-of date's, each
/// read up to the as-of month (the last one still running unless the
/// as-of date is its last day).
pub(super) fn read(stored: &[CohortCounts], as_of: i64) -> Vec<Cohort> {
    let Some(first) = stored.first() else {
        return Vec::new();
    };
    let as_of_month = month_of(as_of);
    let running = !is_month_end(as_of);
    let mut stored = stored.iter().peekable();
    let mut out = Vec::new();
    for month in first.month..=as_of_month {
        let found = stored.next_if(|c| c.month == month);
        let Some(start) = first_of_month(month) else {
            continue;
        };
        let span = (as_of_month - month) as usize;
        let mut ordered_again = vec![0; span];
        let mut revenue = vec![Amount::ZERO; span + 1];
        for &(k, ordered, amount) in found.map_or(&[][..], |c| &c.cells) {
            let k = k as usize;
            if let Some(slot) = k.checked_sub(1).and_then(|i| ordered_again.get_mut(i)) {
                *slot = ordered;
            }
            if let Some(slot) = revenue.get_mut(k) {
                *slot = Amount::from_raw(amount);
            }
        }
        out.push(Cohort {
            month: start,
            acquired: found.map_or(0, |c| c.acquired),
            ordered_again,
            revenue,
            running,
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

    fn cohort(month: &str, acquired: i64, again: &[i64], revenue: &[i64], running: bool) -> Cohort {
        Cohort {
            month: d(month),
            acquired,
            ordered_again: again.to_vec(),
            revenue: revenue.iter().map(|&a| Amount::from_int(a)).collect(),
            running,
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

    /// Orders worked out by hand, as of Monday 2026-04-20 (April running):
    /// - a: 01-05 (100) and 01-20 (50): orders in month 0 only.
    /// - b: 01-10 (200), then 03-02 (80): again in month 2, not in 1.
    /// - c: 01-31 (40), 02-01 (60) and 02-15 (10), 04-03 (30): month 1
    ///   counts c once for two orders; month 3 is April, to date.
    /// - nobody is new in February.
    /// - d: 03-15 (500), the March cohort's one customer; 04-19 (25),
    ///   and 04-25 (999), after the as-of date.
    /// - e: 04-20 (70), new in the running month.
    fn orders() -> (Vec<(u32, NaiveDate)>, Vec<Amount>) {
        [
            (1, "2026-01-05", 100),
            (1, "2026-01-20", 50),
            (2, "2026-01-10", 200),
            (2, "2026-03-02", 80),
            (3, "2026-02-15", 10),
            (3, "2026-01-31", 40),
            (3, "2026-02-01", 60),
            (3, "2026-04-03", 30),
            (4, "2026-04-25", 999),
            (4, "2026-03-15", 500),
            (4, "2026-04-19", 25),
            (5, "2026-04-20", 70),
        ]
        .iter()
        .map(|&(c, day, amount)| ((c, d(day)), Amount::from_int(amount)))
        .unzip()
    }

    #[test]
    fn retention_and_revenue_by_hand() {
        let (orders, amounts) = orders();
        // The churn window plays no part: 30 or 90, the same cohorts.
        for w in [30, 90] {
            let t =
                CustomerTimeline::build_with_amounts(&orders, &amounts, params(w), d("2026-04-20"));
            assert_eq!(
                t.cohorts(),
                [
                    // Jan: a, b, c. Feb: c; Mar: b; Apr: c. Revenue by
                    // month: 100 + 50 + 200 + 40; 60 + 10; 80; 30.
                    cohort("2026-01-01", 3, &[1, 1, 1], &[390, 70, 80, 30], true),
                    cohort("2026-02-01", 0, &[0, 0], &[0, 0, 0], true),
                    cohort("2026-03-01", 1, &[1], &[500, 25], true),
                    cohort("2026-04-01", 1, &[], &[70], true),
                ],
                "W = {w}"
            );
        }
        let t =
            CustomerTimeline::build_with_amounts(&orders, &amounts, params(90), d("2026-04-20"));
        let c = t.cohorts();
        let jan = &c[0];
        let third = 1.0 / 3.0;
        assert_eq!(
            (1..=4).map(|k| jan.retained(k)).collect::<Vec<_>>(),
            [Some(third), Some(third), Some(third), None]
        );
        // Cumulative per customer: 390 / 3, 460 / 3, 540 / 3, 570 / 3.
        assert_eq!(jan.revenue_per_customer(0), Some(Amount::from_int(130)));
        assert_eq!(
            jan.revenue_per_customer(1),
            Some(Amount::from_raw(1_533_333))
        );
        assert_eq!(jan.revenue_per_customer(2), Some(Amount::from_int(180)));
        assert_eq!(jan.revenue_per_customer(3), Some(Amount::from_int(190)));
        assert!(jan.is_to_date(3) && !jan.is_to_date(2));
        // A month with nobody new has no share, and the one-customer
        // cohort is all or nothing.
        assert_eq!(c[1].retained(1), None);
        assert_eq!(c[2].retained(1), Some(1.0));
        assert_eq!(c[2].revenue_per_customer(1), Some(Amount::from_int(525)));

        // On April's last day the month is complete, and d's order of
        // 04-25 counts.
        let t =
            CustomerTimeline::build_with_amounts(&orders, &amounts, params(90), d("2026-04-30"));
        let c = t.cohorts();
        assert_eq!(c[2], cohort("2026-03-01", 1, &[1], &[500, 1024], false));
        assert!(!c[0].is_to_date(3));
    }

    #[test]
    fn without_amounts_the_counts_are_the_same_and_revenue_is_0() {
        let (orders, _) = orders();
        let t = CustomerTimeline::build(&orders, params(90), d("2026-04-20"));
        assert_eq!(
            t.cohorts()[0],
            cohort("2026-01-01", 3, &[1, 1, 1], &[0, 0, 0, 0], true)
        );
    }

    #[test]
    fn no_orders_no_cohorts_and_orders_after_the_as_of_date_do_not_count() {
        let t = CustomerTimeline::build(&[], params(30), d("2026-04-20"));
        assert!(t.cohorts().is_empty());
        let orders = [(1, d("2026-03-03")), (2, d("2026-05-01"))];
        let t = CustomerTimeline::build(&orders, params(30), d("2026-03-31"));
        assert_eq!(t.cohorts(), [cohort("2026-03-01", 1, &[], &[0], false)]);
    }
}
