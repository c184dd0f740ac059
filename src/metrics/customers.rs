//! Customer metrics derived from orders (docs/metrics.md "Customer figures derived
//! from orders"): active, new, churned, reactivated and loyal customers on
//! any day and over any period, and monthly acquisition cohorts, from one
//! pass over the orders.
//!
//! Each order on day o makes its customer active on o..=o+W−1, the W days
//! whose window (d − W, d] holds it. A customer's orders thus turn into
//! disjoint active intervals: a later order on or before the day after the
//! current interval's end extends it (an order exactly W days after the
//! previous one keeps the customer active without a break), a later one
//! opens a new interval. An interval's first day is a "new" event (first
//! interval) or a "reactivated" one (later intervals); the day after its
//! end is a "churned" event. Loyal intervals are the parts of active
//! intervals from the day of the L-th order on.
//!
//! The timeline keeps these events counted by day ([`DayCounts`]: the
//! distinct days with running totals), so every count is one or two binary
//! searches whatever the number of customers, and the whole timeline is a
//! few thousand numbers per ten years of data: small enough to store
//! ([`CustomerTimeline::encode`]) and read back instead of walking the
//! orders again.
//!
//! The as-of date: orders after it are ignored, churn is counted only on
//! days on or before it, and [`CustomerTimeline::figures`] reads every day
//! it needs clamped to it. A period in progress therefore ends at the as-of
//! date (its end count is today's, not a projection with the future churns
//! of customers who have simply not ordered yet), and a period starting
//! after the as-of date has start = end = the as-of count and no flows.
//! With that rule `customers_end = customers_start + new + reactivated −
//! churned` holds for every period.

mod codec;
mod cohorts;

use chrono::{Datelike, NaiveDate};

use crate::domain::Amount;
use crate::metrics::day_counts::DayCounts;
use crate::metrics::period::Period;
use cohorts::{CohortCounts, CohortsBuilder};

/// Churn window W and loyalty threshold L.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CustomerParams {
    /// W: a customer is active on d with an order in (d − W, d]. A window of
    /// 0 would make nobody ever active, so it is read as 1.
    pub window_days: u32,
    /// L: a customer is loyal once they have this many orders (0 reads as 1).
    pub loyalty_threshold: u32,
}

impl Default for CustomerParams {
    fn default() -> Self {
        CustomerParams {
            window_days: 90,
            loyalty_threshold: 3,
        }
    }
}

/// The customer figures of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CustomerFigures {
    /// Active on the day before the period starts.
    pub customers_start: i64,
    /// Active on the period's last day (the as-of date if that comes first).
    pub customers_end: i64,
    pub new: i64,
    pub churned: i64,
    pub reactivated: i64,
    /// Loyal on the period's last day (the as-of date if that comes first).
    pub loyal_end: i64,
}

impl CustomerFigures {
    /// Whether `end = start + new + reactivated − churned`, as it always
    /// should; `funnel check` and the tests rely on it.
    pub fn balances(&self) -> bool {
        self.customers_end == self.customers_start + self.new + self.reactivated - self.churned
    }
}

/// The customers acquired in one month, how many of them ordered again
/// in each later month, and what their orders came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// The first day of the acquisition month.
    pub month: NaiveDate,
    /// Customers whose first order is in that month.
    pub acquired: i64,
    /// `[k - 1]`: of those, how many ordered in the k-th month after the
    /// acquisition month (k ≥ 1), up to the as-of month.
    pub ordered_again: Vec<i64>,
    /// `[k]`: what their orders in the k-th month after it came to (k ≥ 0,
    /// the acquisition month first), up to the as-of month.
    pub revenue: Vec<Amount>,
    /// Whether the last of those months (the as-of month) is still
    /// running: its figures are to date.
    pub running: bool,
}

impl Cohort {
    /// The share of the cohort that ordered in the k-th month after its
    /// acquisition month (k ≥ 1); `None` for a month not reached yet or a
    /// cohort of nobody.
    pub fn retained(&self, k: usize) -> Option<f64> {
        let ordered = *self.ordered_again.get(k.checked_sub(1)?)?;
        (self.acquired > 0).then(|| ordered as f64 / self.acquired as f64)
    }

    /// What the cohort's orders came to from its acquisition month to the
    /// end of the k-th month after it (k ≥ 0), per customer acquired;
    /// `None` for a month not reached yet or a cohort of nobody.
    pub fn revenue_per_customer(&self, k: usize) -> Option<Amount> {
        let months = self.revenue.get(..=k)?;
        let total = months
            .iter()
            .try_fold(Amount::ZERO, |sum, a| sum.checked_add(*a))?;
        total.per(Amount::from_int(self.acquired))
    }

    /// Whether the k-th month after the acquisition month is the as-of
    /// month and still running.
    pub fn is_to_date(&self, k: usize) -> bool {
        self.running && k + 1 == self.revenue.len()
    }
}

/// Every customer event derived from a set of orders, ready to count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerTimeline {
    params: CustomerParams,
    as_of: i64,
    /// The last order day counted (on or before the as-of date).
    last_order: Option<i64>,
    /// Whether orders after the as-of date were left out.
    left_out_later: bool,
    /// First days of active intervals.
    active_starts: DayCounts,
    /// Last active days of those intervals (churn is the day after).
    active_ends: DayCounts,
    /// First-order days, one per customer.
    new_days: DayCounts,
    /// First days of every interval but each customer's first.
    reactivation_days: DayCounts,
    loyal_starts: DayCounts,
    loyal_ends: DayCounts,
    /// Acquisition months with at least one customer, oldest first.
    cohorts: Vec<CohortCounts>,
}

/// Event days as they are collected, before they are counted by day.
#[derive(Default)]
struct Events {
    active_starts: Vec<i64>,
    active_ends: Vec<i64>,
    new_days: Vec<i64>,
    reactivation_days: Vec<i64>,
    loyal_starts: Vec<i64>,
    loyal_ends: Vec<i64>,
}

impl CustomerTimeline {
    /// Builds the timeline from `(customer index, order day)` pairs in any
    /// order, several per customer and per day allowed. Orders dated after
    /// `as_of` are ignored. O(n log n) in the number of orders. The
    /// cohorts' revenue is 0: see [`CustomerTimeline::build_with_amounts`].
    pub fn build(orders: &[(u32, NaiveDate)], params: CustomerParams, as_of: NaiveDate) -> Self {
        Self::build_with_amounts(orders, &[], params, as_of)
    }

    /// [`CustomerTimeline::build`], with each order's amount (`amounts[i]`
    /// is `orders[i]`'s; a missing one counts as 0) for the cohorts'
    /// revenue.
    pub fn build_with_amounts(
        orders: &[(u32, NaiveDate)],
        amounts: &[Amount],
        params: CustomerParams,
        as_of: NaiveDate,
    ) -> Self {
        let window = i64::from(params.window_days.max(1));
        let threshold = params.loyalty_threshold.max(1);
        // One u64 per order sorts fast: customer in the high half, the day
        // (sign bit flipped so the order of days is kept) in the low half.
        let mut keys: Vec<u64> = orders
            .iter()
            .filter(|(_, day)| *day <= as_of)
            .map(|&(customer, day)| {
                (u64::from(customer) << 32) | u64::from(day.num_days_from_ce() as u32 ^ 0x8000_0000)
            })
            .collect();
        let left_out_later = keys.len() < orders.len();
        keys.sort_unstable();

        let mut events = Events::default();
        let mut cohorts = CohortsBuilder::default();
        let mut last_order: Option<i64> = None;
        // Each customer's acquisition month, by customer (sorted as the
        // keys are), for the amounts below.
        let mut cohort_of: Vec<(u32, i64)> = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let customer = keys[i] >> 32;
            let mut j = i;
            while j < keys.len() && keys[j] >> 32 == customer {
                j += 1;
            }
            let days = keys[i..j].iter().map(|k| key_day(*k));
            let first = events.add_customer(days, window, threshold, &mut cohorts);
            cohort_of.push((customer as u32, first));
            last_order = last_order.max(Some(key_day(keys[j - 1])));
            i = j;
        }
        if !amounts.is_empty() {
            for (&(customer, day), amount) in orders.iter().zip(amounts) {
                let Ok(at) = cohort_of.binary_search_by_key(&customer, |c| c.0) else {
                    continue;
                };
                if day <= as_of {
                    let cohort = cohort_of[at].1;
                    cohorts.revenue(cohort, cohorts::month_of(day_number(day)), *amount);
                }
            }
        }
        let counted = |mut days: Vec<i64>| {
            days.sort_unstable();
            DayCounts::from_sorted(&days)
        };
        CustomerTimeline {
            params,
            as_of: day_number(as_of),
            last_order,
            left_out_later,
            active_starts: counted(events.active_starts),
            active_ends: counted(events.active_ends),
            new_days: counted(events.new_days),
            reactivation_days: counted(events.reactivation_days),
            loyal_starts: counted(events.loyal_starts),
            loyal_ends: counted(events.loyal_ends),
            cohorts: cohorts.finish(),
        }
    }

    pub fn params(&self) -> CustomerParams {
        self.params
    }

    /// The first order day on or before the as-of date, if any.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.new_days.first().and_then(from_day_number)
    }

    /// The last order day on or before the as-of date, if any.
    pub fn last_order_day(&self) -> Option<NaiveDate> {
        self.last_order.and_then(from_day_number)
    }

    /// The same orders read as of another day, or `None` where that would
    /// need orders this timeline does not hold as they are: it left out
    /// orders after its own as-of date, or it counts an order after `as_of`.
    pub fn read_as_of(mut self, as_of: NaiveDate) -> Option<CustomerTimeline> {
        let day = day_number(as_of);
        if self.left_out_later || self.last_order.is_some_and(|last| last > day) {
            return None;
        }
        self.as_of = day;
        Some(self)
    }

    /// Customers active on `d` (an order in (d − W, d]), from the orders up
    /// to the as-of date; after that date this is what remains active if
    /// nobody orders again.
    pub fn active_on(&self, d: NaiveDate) -> i64 {
        covering(&self.active_starts, &self.active_ends, day_number(d))
    }

    /// Customers active on `d` with at least L orders on or before `d`.
    pub fn loyal_on(&self, d: NaiveDate) -> i64 {
        covering(&self.loyal_starts, &self.loyal_ends, day_number(d))
    }

    /// Customers whose first order is in `from..=to`.
    pub fn new_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.new_days.between(day_number(from), day_number(to))
    }

    /// Customers churned on a day in `from..=to`, counting only days on or
    /// before the as-of date.
    pub fn churned_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let to = day_number(to).min(self.as_of);
        // Churn falls on the day after an interval's last active day.
        self.active_ends.between(day_number(from) - 1, to - 1)
    }

    /// Customers who became active again on a day in `from..=to`.
    pub fn reactivated_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.reactivation_days
            .between(day_number(from), day_number(to))
    }

    /// The customer figures of `p`, every day read clamped to the as-of
    /// date (see the module documentation).
    pub fn figures(&self, p: &Period) -> CustomerFigures {
        let before = (day_number(p.start) - 1).min(self.as_of);
        let last = day_number(p.end).min(self.as_of);
        let from = day_number(p.start);
        CustomerFigures {
            customers_start: covering(&self.active_starts, &self.active_ends, before),
            customers_end: covering(&self.active_starts, &self.active_ends, last),
            new: self.new_days.between(from, last),
            churned: self.active_ends.between(from - 1, last - 1),
            reactivated: self.reactivation_days.between(from, last),
            loyal_end: covering(&self.loyal_starts, &self.loyal_ends, last),
        }
    }

    /// One cohort per month from the first acquisition to the month of the
    /// as-of date, oldest first; a month without acquisitions is there too
    /// (acquired 0), so the months run without a gap.
    pub fn cohorts(&self) -> Vec<Cohort> {
        cohorts::read(&self.cohorts, self.as_of)
    }
}

impl Events {
    /// Turns one customer's order days (sorted) into intervals and events;
    /// the month of the first order (their cohort).
    fn add_customer(
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

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn from_day_number(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

fn key_day(key: u64) -> i64 {
    i64::from((key as u32 ^ 0x8000_0000) as i32)
}

/// How many of the intervals `[start, end]` hold `d`: an interval ending
/// before `d` also started before it, so the count is (starts ≤ d) −
/// (ends < d).
fn covering(starts: &DayCounts, ends: &DayCounts, d: i64) -> i64 {
    starts.on_or_before(d) - ends.on_or_before(d - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cohorts_retention_is_its_share_ordering_in_month_k_and_revenue_adds_up() {
        let c = Cohort {
            month: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            acquired: 8,
            ordered_again: vec![8, 6, 2],
            revenue: [800, 100, 60, 40].map(Amount::from_int).to_vec(),
            running: true,
        };
        assert_eq!(c.retained(1), Some(1.0));
        assert_eq!(c.retained(2), Some(0.75));
        assert_eq!(c.retained(3), Some(0.25));
        assert_eq!(c.retained(4), None, "not reached yet");
        assert_eq!(c.retained(0), None);
        // Cumulative: 800 / 8, (800 + 100) / 8, … (800 + 100 + 60 + 40) / 8.
        assert_eq!(c.revenue_per_customer(0), Some(Amount::from_int(100)));
        assert_eq!(c.revenue_per_customer(1), Some(Amount::from_raw(1_125_000)));
        assert_eq!(c.revenue_per_customer(3), Some(Amount::from_int(125)));
        assert_eq!(c.revenue_per_customer(4), None);
        assert!(c.is_to_date(3) && !c.is_to_date(2));
        assert!(
            !Cohort {
                running: false,
                ..c.clone()
            }
            .is_to_date(3)
        );
        let nobody = Cohort {
            acquired: 0,
            ordered_again: vec![0],
            revenue: vec![Amount::ZERO; 2],
            ..c
        };
        assert_eq!(nobody.retained(1), None);
        assert_eq!(nobody.revenue_per_customer(1), None);
    }
    use crate::metrics::period::{Granularity, periods_covering};
    use chrono::Weekday::Mon;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// Day `n` counted from 2026-01-01 (day 0).
    fn day(n: i64) -> NaiveDate {
        d("2026-01-01") + chrono::Duration::days(n)
    }

    fn small(window_days: u32, loyalty_threshold: u32) -> CustomerParams {
        CustomerParams {
            window_days,
            loyalty_threshold,
        }
    }

    fn one_customer(days: &[i64], params: CustomerParams, as_of: i64) -> CustomerTimeline {
        let orders: Vec<_> = days.iter().map(|&n| (7, day(n))).collect();
        CustomerTimeline::build(&orders, params, day(as_of))
    }

    #[test]
    fn defaults_are_90_days_and_3_orders() {
        assert_eq!(CustomerParams::default(), small(90, 3));
    }

    #[test]
    fn an_order_is_active_for_exactly_w_days() {
        // W = 10, order on day 0: window (d − 10, d] holds day 0 for d = 0..=9.
        let t = one_customer(&[0], small(10, 3), 100);
        assert_eq!(t.active_on(day(-1)), 0);
        assert_eq!(t.active_on(day(0)), 1);
        assert_eq!(t.active_on(day(9)), 1);
        assert_eq!(t.active_on(day(10)), 0);
        assert_eq!(t.churned_between(day(10), day(10)), 1);
        assert_eq!(t.churned_between(day(0), day(9)), 0);
        assert_eq!(t.new_between(day(0), day(0)), 1);
        assert_eq!(t.first_day(), Some(day(0)));
    }

    #[test]
    fn an_order_exactly_w_days_later_keeps_the_customer_active() {
        // p = 0, W = 10: active 0..=9; the order on p + W = 10 makes day 10
        // active too, so the status never changes: no churn, no reactivation.
        let t = one_customer(&[0, 10], small(10, 3), 100);
        assert_eq!(t.active_on(day(9)), 1);
        assert_eq!(t.active_on(day(10)), 1);
        assert_eq!(t.active_on(day(19)), 1);
        assert_eq!(t.active_on(day(20)), 0);
        assert_eq!(t.churned_between(day(0), day(19)), 0);
        assert_eq!(t.reactivated_between(day(0), day(100)), 0);
        assert_eq!(t.churned_between(day(20), day(20)), 1);
    }

    #[test]
    fn an_order_w_plus_one_days_later_is_a_churn_then_a_reactivation() {
        // p = 0, W = 10: churned on day 10, reactivated on day 11.
        let t = one_customer(&[0, 11], small(10, 3), 100);
        assert_eq!(t.active_on(day(10)), 0);
        assert_eq!(t.churned_between(day(10), day(10)), 1);
        assert_eq!(t.reactivated_between(day(11), day(11)), 1);
        assert_eq!(t.reactivated_between(day(0), day(10)), 0);
        assert_eq!(t.new_between(day(0), day(100)), 1);
        assert_eq!(t.active_on(day(20)), 1);
        assert_eq!(t.churned_between(day(0), day(100)), 2);
    }

    #[test]
    fn several_orders_on_one_day_are_one_customer_but_count_towards_loyalty() {
        let orders = [(1, day(5)), (1, day(5)), (1, day(5)), (2, day(5))];
        let t = CustomerTimeline::build(&orders, small(10, 3), day(100));
        assert_eq!(t.active_on(day(5)), 2);
        assert_eq!(t.new_between(day(5), day(5)), 2);
        assert_eq!(t.loyal_on(day(4)), 0);
        assert_eq!(t.loyal_on(day(5)), 1);
        assert_eq!(t.loyal_on(day(14)), 1);
        assert_eq!(t.loyal_on(day(15)), 0);
    }

    #[test]
    fn loyal_from_the_l_th_order_and_again_after_a_comeback() {
        // Orders on days 0, 2, 4 (L = 3): loyal from day 4 while active (to 13).
        // Back on day 30: loyal at once, the three orders still count.
        let t = one_customer(&[4, 30, 0, 2], small(10, 3), 100);
        assert_eq!(t.loyal_on(day(3)), 0);
        assert_eq!(t.loyal_on(day(4)), 1);
        assert_eq!(t.loyal_on(day(13)), 1);
        assert_eq!(t.loyal_on(day(14)), 0);
        assert_eq!(t.loyal_on(day(30)), 1);
        // The L-th order inside a later interval: loyal from that order only.
        let t = one_customer(&[0, 20, 22], small(10, 3), 100);
        assert_eq!(t.loyal_on(day(21)), 0);
        assert_eq!(t.loyal_on(day(22)), 1);
        assert_eq!(t.active_on(day(21)), 1);
    }

    #[test]
    fn orders_and_churns_after_the_as_of_date_are_not_counted() {
        // Order on day 0, W = 10: churn would fall on day 10, after as-of day 5.
        let t = one_customer(&[0, 8], small(10, 3), 5);
        assert_eq!(t.churned_between(day(0), day(30)), 0);
        assert_eq!(t.active_on(day(9)), 1); // the day-8 order is ignored ...
        assert_eq!(t.active_on(day(10)), 0); // ... so day 10 would be inactive
        let p = Period::parse("2026-01", Mon).expect("month");
        let f = t.figures(&p);
        assert_eq!(
            (f.customers_start, f.customers_end, f.new, f.churned),
            (0, 1, 1, 0)
        );
        assert!(f.balances());
    }

    #[test]
    fn a_period_in_progress_ends_on_the_as_of_date() {
        // W = 90. A orders 2026-08-01: active to 2026-10-29, churn 2026-10-30.
        // B orders 2026-09-15. C orders 2026-10-25, after the as-of date.
        let orders = [
            (0, d("2026-08-01")),
            (1, d("2026-09-15")),
            (2, d("2026-10-25")),
        ];
        let t = CustomerTimeline::build(&orders, CustomerParams::default(), d("2026-10-20"));
        assert_eq!(t.active_on(d("2026-10-29")), 2);
        assert_eq!(t.active_on(d("2026-10-30")), 1);
        let october = Period::parse("2026-10", Mon).expect("month");
        let f = t.figures(&october);
        let want = CustomerFigures {
            customers_start: 2,
            customers_end: 2, // read on 2026-10-20, not 2026-10-31 (would be 1)
            new: 0,
            churned: 0,
            reactivated: 0,
            loyal_end: 0,
        };
        assert_eq!(f, want);
        // A period starting after the as-of date: the as-of count, no flows.
        let f = t.figures(&october.next());
        assert_eq!(f, want);
    }

    #[test]
    fn quarters_across_a_churn_and_a_reactivation() {
        // W = 90. Order 2026-01-10: active to 2026-04-09, churned 2026-04-10.
        // Order 2026-05-02: reactivated, active to 2026-07-30, churned 07-31.
        let orders = [(3, d("2026-05-02")), (3, d("2026-01-10"))];
        let t = CustomerTimeline::build(&orders, CustomerParams::default(), d("2026-12-31"));
        assert_eq!(t.active_on(d("2026-04-09")), 1);
        assert_eq!(t.churned_between(d("2026-04-10"), d("2026-04-10")), 1);
        assert_eq!(t.active_on(d("2026-07-30")), 1);
        assert_eq!(t.churned_between(d("2026-07-31"), d("2026-07-31")), 1);
        let figures: Vec<_> =
            periods_covering(Granularity::Quarter, d("2026-01-01"), d("2026-09-30"), Mon)
                .iter()
                .map(|p| {
                    let f = t.figures(p);
                    assert!(f.balances(), "{f:?}");
                    (
                        f.customers_start,
                        f.new,
                        f.reactivated,
                        f.churned,
                        f.customers_end,
                    )
                })
                .collect();
        assert_eq!(figures, [(0, 1, 0, 0, 1), (1, 0, 1, 1, 1), (1, 0, 0, 1, 0)]);
    }

    #[test]
    fn no_orders_and_a_zero_window() {
        let t = CustomerTimeline::build(&[], CustomerParams::default(), day(0));
        assert_eq!(t.first_day(), None);
        assert_eq!(
            t.figures(&Period::parse("2026", Mon).expect("year")),
            CustomerFigures::default()
        );
        // W = 0 is read as 1: active on the order day only.
        let t = one_customer(&[3], small(0, 0), 10);
        assert_eq!((t.active_on(day(3)), t.active_on(day(4))), (1, 0));
        assert_eq!(t.loyal_on(day(3)), 1);
    }

    /// `cargo test --release --lib a_million_orders -- --ignored`: the
    /// scale target (well under a second); ignored in debug runs, too slow there.
    #[test]
    #[ignore]
    fn a_million_orders_build_and_balance() {
        let mut rng = fastrand::Rng::with_seed(42);
        let orders: Vec<(u32, NaiveDate)> = (0..1_000_000)
            .map(|_| (rng.u32(0..100_000), day(rng.i64(0..3650))))
            .collect();
        let started = std::time::Instant::now();
        let t = CustomerTimeline::build(&orders, CustomerParams::default(), day(3000));
        let built = started.elapsed();
        eprintln!("built {} orders in {built:?}", orders.len());
        for p in periods_covering(Granularity::Month, day(-40), day(3700), Mon) {
            assert!(t.figures(&p).balances(), "{}", p.label());
        }
        assert!(built.as_millis() < 1000, "built in {built:?}");
    }

    /// The definitions of docs/metrics.md read literally, one customer and one day at a time.
    struct Naive {
        orders: Vec<(u32, i64)>,
        /// `amounts[i]` is `orders[i]`'s.
        amounts: Vec<Amount>,
        w: i64,
        l: usize,
        as_of: i64,
    }

    impl Naive {
        fn days_of(&self, c: u32) -> impl Iterator<Item = i64> + '_ {
            self.orders
                .iter()
                .filter(move |o| o.0 == c && o.1 <= self.as_of)
                .map(|o| o.1)
        }
        fn active(&self, c: u32, x: i64) -> bool {
            self.days_of(c).any(|o| x - self.w < o && o <= x)
        }
        fn count(&self, rule: impl Fn(u32) -> bool) -> i64 {
            (0..6).filter(|&c| rule(c)).count() as i64
        }
        fn active_on(&self, x: i64) -> i64 {
            self.count(|c| self.active(c, x))
        }
        fn loyal_on(&self, x: i64) -> i64 {
            self.count(|c| {
                self.active(c, x) && self.days_of(c).filter(|&o| o <= x).count() >= self.l
            })
        }
        fn new_on(&self, x: i64) -> i64 {
            self.count(|c| self.days_of(c).min() == Some(x))
        }
        fn churned_on(&self, x: i64) -> i64 {
            self.count(|c| x <= self.as_of && self.active(c, x - 1) && !self.active(c, x))
        }
        fn reactivated_on(&self, x: i64) -> i64 {
            self.count(|c| {
                self.active(c, x) && !self.active(c, x - 1) && self.days_of(c).any(|o| o < x)
            })
        }
        /// Cohorts read literally: every month from the first acquisition
        /// to the as-of month, each customer's orders looked at one by one.
        fn cohorts(&self) -> Vec<Cohort> {
            let month = |x: i64| {
                let d = day(x);
                i64::from(d.year()) * 12 + i64::from(d.month0())
            };
            let firsts: Vec<(u32, i64)> = (0..6)
                .filter_map(|c| self.days_of(c).min().map(|f| (c, month(f))))
                .collect();
            let Some(first) = firsts.iter().map(|f| f.1).min() else {
                return Vec::new();
            };
            let last = month(self.as_of);
            let running = day(self.as_of + 1).day() != 1;
            (first..=last)
                .map(|m| {
                    let members: Vec<u32> =
                        firsts.iter().filter(|f| f.1 == m).map(|f| f.0).collect();
                    let ordered_again = (m + 1..=last)
                        .map(|later| {
                            members
                                .iter()
                                .filter(|&&c| self.days_of(c).any(|o| month(o) == later))
                                .count() as i64
                        })
                        .collect();
                    let revenue = (m..=last)
                        .map(|later| {
                            self.orders
                                .iter()
                                .zip(&self.amounts)
                                .filter(|(o, _)| {
                                    members.contains(&o.0)
                                        && o.1 <= self.as_of
                                        && month(o.1) == later
                                })
                                .map(|(_, a)| *a)
                                .sum()
                        })
                        .collect();
                    Cohort {
                        month: NaiveDate::from_ymd_opt((m / 12) as i32, (m % 12) as u32 + 1, 1)
                            .expect("month"),
                        acquired: members.len() as i64,
                        ordered_again,
                        revenue,
                        running,
                    }
                })
                .collect()
        }
    }

    proptest! {
        #[test]
        fn matches_the_definitions_and_balances_every_period(
            raw in prop::collection::vec((0u32..6, 0i64..200, 0i64..1000), 0..25),
            w in 1u32..50,
            l in 1u32..5,
            as_of in 0i64..230,
        ) {
            let orders: Vec<_> = raw.iter().map(|&(c, n, _)| (c, day(n))).collect();
            let amounts: Vec<_> = raw.iter().map(|&(_, _, a)| Amount::from_int(a)).collect();
            let t = CustomerTimeline::build_with_amounts(&orders, &amounts, small(w, l), day(as_of));
            let naive = Naive {
                orders: raw.iter().map(|&(c, n, _)| (c, n)).collect(),
                amounts: amounts.clone(),
                w: i64::from(w),
                l: l as usize,
                as_of,
            };
            for x in -3..240 {
                let dx = day(x);
                prop_assert_eq!(t.active_on(dx), naive.active_on(x), "active on {}", x);
                prop_assert_eq!(t.loyal_on(dx), naive.loyal_on(x), "loyal on {}", x);
                prop_assert_eq!(t.new_between(dx, dx), naive.new_on(x), "new on {}", x);
                prop_assert_eq!(t.churned_between(dx, dx), naive.churned_on(x), "churned on {}", x);
                prop_assert_eq!(t.reactivated_between(dx, dx), naive.reactivated_on(x), "reactivated on {}", x);
            }
            prop_assert_eq!(t.cohorts(), naive.cohorts());
            // Read as of a later day, the timeline is the one built then,
            // unless orders were left out.
            let later = day(as_of + 7);
            match t.clone().read_as_of(later) {
                Some(moved) => prop_assert_eq!(moved, CustomerTimeline::build_with_amounts(&orders, &amounts, small(w, l), later)),
                None => prop_assert!(naive.orders.iter().any(|o| o.1 > as_of)),
            }
            let runs = [
                (Granularity::Week, Mon),
                (Granularity::Week, chrono::Weekday::Sun),
                (Granularity::Month, Mon),
                (Granularity::Quarter, Mon),
            ];
            for (g, week_start) in runs {
                for p in periods_covering(g, day(-20), day(280), week_start) {
                    let f = t.figures(&p);
                    prop_assert!(f.balances(), "{} {:?}", p.label(), f);
                }
            }
        }
    }
}
