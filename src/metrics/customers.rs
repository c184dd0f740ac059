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
mod events;

use chrono::{Datelike, NaiveDate};

use crate::domain::Amount;
use crate::metrics::day_counts::DayCounts;
use crate::metrics::period::Period;
use cohorts::{CohortCounts, CohortsBuilder};
use events::{Events, covering, day_number, from_day_number, key_day};

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

#[cfg(test)]
mod tests;
