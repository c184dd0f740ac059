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
        self.count(|c| self.active(c, x) && self.days_of(c).filter(|&o| o <= x).count() >= self.l)
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
                let members: Vec<u32> = firsts.iter().filter(|f| f.1 == m).map(|f| f.0).collect();
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
                                members.contains(&o.0) && o.1 <= self.as_of && month(o.1) == later
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
