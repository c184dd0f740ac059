//! Where an objective will stand at its deadline at the current pace, the
//! day it reaches its target, and what it needs per day from now on; the
//! day a budget runs out.
//!
//! The pace is a straight line through what is known:
//! - a **counter** (visits, revenue, spend …) is a total from the start, so
//!   its pace is the total so far over the days counted so far, today
//!   included: `current / (today − start + 1)`; at the deadline it stands at
//!   `pace × (deadline − start + 1)`;
//! - a **gauge** (customers …) moves from its baseline on the start day to
//!   today's value: `(current − baseline) / (today − start)` a day; at the
//!   deadline it stands at `current + pace × (deadline − today)`.
//!
//! What is needed from now is the gap to the target spread over the days
//! left, `(target − current) / (deadline − today)`; for a ceiling (a
//! decreasing counter such as a spend budget) it is the most that may still
//! go each day. The target day is the first day on which the line reaches
//! the target, if that is by the deadline; for a ceiling it is the day the
//! ceiling is used up.
//!
//! Nothing is projected:
//! - in the first fifth of the span ([`TOO_EARLY`]), where one day swings
//!   the line;
//! - for a ratio worked out from other figures (churn rate, conversion
//!   rate, cost per conversion …): it is read over the span so far, so it
//!   is an average rather than a level that moves at a pace, and each ratio
//!   grows with its span differently (a churn rate adds up, a conversion
//!   rate does not); a line through it would mislead;
//! - once the deadline is reached (today's value is the last), once an
//!   increase is met (a counter never goes back; a gauge is read as met
//!   today), or once a ceiling is passed.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::objective::Aim;
use crate::domain::{Amount, Direction, MetricKind};

/// The share of the span before which nothing is projected.
pub const TOO_EARLY: f64 = 0.2;

/// What can be said of the rest of an objective's (or a budget's) span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outlook {
    /// A line through the pace so far: see the figures.
    Projected,
    /// The target is met already.
    Met,
    /// A ceiling is passed already (a budget run out).
    Exceeded,
    /// In the first fifth of the span.
    TooEarly,
    /// A ratio of other figures: not projected.
    NotProjected,
    /// The deadline is reached.
    Ended,
    /// No value yet (or not started).
    NoData,
}

/// An objective's forecast: the figures are `None` unless projected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    pub outlook: Outlook,
    /// The change a day so far.
    pub pace_per_day: Option<Amount>,
    /// Where the pace leads by the deadline.
    pub at_deadline: Option<Amount>,
    /// The day the pace reaches the target (a ceiling: uses it up), if that
    /// is by the deadline.
    pub target_on: Option<NaiveDate>,
    /// The change a day from tomorrow that lands on the target at the
    /// deadline (a ceiling: the most that may go a day).
    pub needed_per_day: Option<Amount>,
    /// The same a week.
    pub needed_per_week: Option<Amount>,
    /// Days from the day read to the deadline.
    pub days_left: Option<i64>,
}

impl Forecast {
    /// A forecast with no figures: anything but [`Outlook::Projected`].
    pub fn only(outlook: Outlook) -> Forecast {
        Forecast {
            outlook,
            pace_per_day: None,
            at_deadline: None,
            target_on: None,
            needed_per_day: None,
            needed_per_week: None,
            days_left: None,
        }
    }

    /// Whether the target is reached by the deadline at this pace (a
    /// ceiling: whether it holds); `None` unless projected.
    pub fn on_pace(&self, aim: &Aim) -> Option<bool> {
        (self.outlook == Outlook::Projected)
            .then(|| is_ceiling(aim.kind, aim.direction) != self.target_on.is_some())
    }
}

/// Whether an objective is a ceiling: a decreasing counter (spend, say).
pub fn is_ceiling(kind: MetricKind, direction: Direction) -> bool {
    kind == MetricKind::Counter && direction == Direction::Decrease
}

/// The forecast of `aim` whose metric stands at `current` on `today`;
/// `projectable` is false for a ratio of other figures.
pub fn forecast(
    aim: &Aim,
    current: Option<Amount>,
    today: NaiveDate,
    projectable: bool,
) -> Forecast {
    let Some(current) = current.filter(|_| today >= aim.start) else {
        return Forecast::only(Outlook::NoData);
    };
    if today >= aim.deadline {
        return Forecast::only(Outlook::Ended);
    }
    let reached = match aim.direction {
        Direction::Increase => current >= aim.target,
        Direction::Decrease => current <= aim.target,
    };
    if is_ceiling(aim.kind, aim.direction) {
        if current > aim.target {
            return Forecast::only(Outlook::Exceeded);
        }
    } else if reached {
        return Forecast::only(Outlook::Met);
    }
    if !projectable {
        return Forecast::only(Outlook::NotProjected);
    }
    let span = (aim.deadline - aim.start).num_days();
    let gone = (today - aim.start).num_days();
    if (gone as f64) < TOO_EARLY * span as f64 {
        return Forecast::only(Outlook::TooEarly);
    }
    let (cur, target) = (current.to_decimal(), aim.target.to_decimal());
    let left = Decimal::from((aim.deadline - today).num_days());
    // The move so far and the days it took.
    let (moved, days) = match aim.kind {
        MetricKind::Counter => (cur, Decimal::from(gone + 1)),
        MetricKind::Gauge => (cur - aim.baseline.to_decimal(), Decimal::from(gone)),
    };
    // Checked: a far deadline on a large total must not overflow.
    let at_deadline = moved
        .checked_mul(left)
        .and_then(|x| x.checked_div(days))
        .and_then(|x| x.checked_add(cur));
    let gap = target - cur;
    // Days from today until the line reaches the target: only where it
    // moves towards it.
    let target_on = if gap.is_zero() {
        Some(today)
    } else if !moved.is_zero() && gap.is_sign_positive() == moved.is_sign_positive() {
        gap.checked_mul(days)
            .and_then(|x| x.checked_div(moved))
            .map(|k| k.ceil())
            .filter(|k| *k <= left)
            .and_then(|k| k.to_u64())
            .and_then(|k| today.checked_add_days(Days::new(k)))
    } else {
        None
    };
    let per_day = gap.checked_div(left);
    Forecast {
        outlook: Outlook::Projected,
        pace_per_day: moved.checked_div(days).and_then(Amount::from_decimal),
        at_deadline: at_deadline.and_then(Amount::from_decimal),
        target_on,
        needed_per_day: per_day.and_then(Amount::from_decimal),
        needed_per_week: per_day
            .and_then(|x| x.checked_mul(Decimal::from(7)))
            .and_then(Amount::from_decimal),
        days_left: Some((aim.deadline - today).num_days()),
    }
}

/// A budget's forecast: a ceiling over its period, `spent` by `today`.
pub fn budget(
    amount: Amount,
    spent: Option<Amount>,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Forecast {
    let aim = Aim {
        kind: MetricKind::Counter,
        direction: Direction::Decrease,
        baseline: Amount::ZERO,
        target: amount,
        start,
        deadline: end,
    };
    forecast(&aim, spent, today, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn n(v: i64) -> Amount {
        Amount::from_int(v)
    }

    fn a(s: &str) -> Amount {
        s.parse().expect("amount")
    }

    /// 1 Oct → 31 Dec: 91 days from start to deadline, 92 counted.
    fn q4(kind: MetricKind, direction: Direction, base: i64, target: i64) -> Aim {
        Aim {
            kind,
            direction,
            baseline: n(base),
            target: n(target),
            start: d(10, 1),
            deadline: d(12, 31),
        }
    }

    #[test]
    fn a_gauge_on_pace_reaches_its_target_before_the_deadline() {
        // 800 → 1200; on 15 Nov (45 days gone, 46 left) at 1000: +200 in
        // 45 days, 4.4444 a day; 1000 + 200 × 46 / 45 = 1204.4444 at the
        // deadline; 200 more take ⌈200 × 45 / 200⌉ = 45 days: 30 Dec.
        let aim = q4(MetricKind::Gauge, Direction::Increase, 800, 1200);
        let f = forecast(&aim, Some(n(1000)), d(11, 15), true);
        assert_eq!(f.outlook, Outlook::Projected);
        assert_eq!(f.pace_per_day, Some(a("4.4444")));
        assert_eq!(f.at_deadline, Some(a("1204.4444")));
        assert_eq!(f.target_on, Some(d(12, 30)));
        // 200 in 46 days: 4.3478 a day, 30.4348 a week.
        assert_eq!(f.needed_per_day, Some(a("4.3478")));
        assert_eq!(f.needed_per_week, Some(a("30.4348")));
        assert_eq!(f.on_pace(&aim), Some(true));
        assert_eq!(f.days_left, Some(46));
    }

    #[test]
    fn a_gauge_behind_does_not_reach_it_and_says_what_it_needs() {
        // At 900 on 15 Nov: +100 in 45 days; 900 + 100 × 46 / 45 =
        // 1002.2222; 300 more would take 135 days > 46: no day.
        let aim = q4(MetricKind::Gauge, Direction::Increase, 800, 1200);
        let f = forecast(&aim, Some(n(900)), d(11, 15), true);
        assert_eq!(f.at_deadline, Some(a("1002.2222")));
        assert_eq!(f.target_on, None);
        // 300 in 46 days: 6.5217 a day.
        assert_eq!(f.needed_per_day, Some(a("6.5217")));
        assert_eq!(f.on_pace(&aim), Some(false));
        // Moving away from the target: no day either, the need grows.
        let f = forecast(&aim, Some(n(790)), d(11, 15), true);
        assert_eq!(f.target_on, None);
        assert_eq!(f.at_deadline, Some(a("779.7778")), "790 − 10 × 46 / 45");
    }

    #[test]
    fn a_counter_paces_its_total_over_the_days_counted() {
        // 180 new customers in Q4; 100 by 15 Nov, 46 days counted: at
        // 100 × 92 / 46 = 200 by the deadline; 80 more at 100/46 a day take
        // ⌈80 × 46 / 100⌉ = 37 days: 22 Dec. 80 in 46 days: 1.7391 a day.
        let aim = q4(MetricKind::Counter, Direction::Increase, 144, 180);
        let f = forecast(&aim, Some(n(100)), d(11, 15), true);
        assert_eq!(f.at_deadline, Some(n(200)));
        assert_eq!(f.pace_per_day, Some(a("2.1739")));
        assert_eq!(f.target_on, Some(d(12, 22)));
        assert_eq!(f.needed_per_day, Some(a("1.7391")));
        assert_eq!(f.needed_per_week, Some(a("12.1739")));
    }

    #[test]
    fn already_met_is_said_without_a_projection() {
        let aim = q4(MetricKind::Counter, Direction::Increase, 144, 180);
        let f = forecast(&aim, Some(n(181)), d(10, 5), true);
        assert_eq!(f, Forecast::only(Outlook::Met), "even in the first fifth");
        let aim = q4(MetricKind::Gauge, Direction::Decrease, 8, 5);
        assert_eq!(
            forecast(&aim, Some(n(5)), d(11, 15), true).outlook,
            Outlook::Met
        );
    }

    #[test]
    fn nothing_is_projected_in_the_first_fifth() {
        // A fifth of 91 days is 18.2: 18 days gone is too early, 19 not.
        let aim = q4(MetricKind::Gauge, Direction::Increase, 800, 1200);
        let early = forecast(&aim, Some(n(850)), d(10, 19), true);
        assert_eq!(early, Forecast::only(Outlook::TooEarly));
        let f = forecast(&aim, Some(n(850)), d(10, 20), true);
        assert_eq!(f.outlook, Outlook::Projected);
        // 850 + 50 × 72 / 19 = 1039.4737.
        assert_eq!(f.at_deadline, Some(a("1039.4737")));
    }

    #[test]
    fn lower_is_better_projects_downwards() {
        // Churned a month, a recorded gauge: 10 → 4 in Q4; at 7 on 15 Nov:
        // −3 in 45 days; 7 − 3 × 46 / 45 = 3.9333 at the deadline; 3 less
        // take ⌈−3 × 45 / −3⌉ = 45 days: 30 Dec. −3 in 46 days a day.
        let aim = q4(MetricKind::Gauge, Direction::Decrease, 10, 4);
        let f = forecast(&aim, Some(n(7)), d(11, 15), true);
        assert_eq!(f.at_deadline, Some(a("3.9333")));
        assert_eq!(f.target_on, Some(d(12, 30)));
        assert_eq!(f.needed_per_day, Some(a("-0.0652")));
        assert_eq!(f.on_pace(&aim), Some(true));
        // Rising instead: never at this pace.
        let f = forecast(&aim, Some(n(11)), d(11, 15), true);
        assert_eq!((f.target_on, f.on_pace(&aim)), (None, Some(false)));
    }

    #[test]
    fn a_ratio_is_not_projected_but_still_met() {
        let aim = q4(MetricKind::Gauge, Direction::Decrease, 5, 3);
        let f = forecast(&aim, Some(a("4.2")), d(11, 15), false);
        assert_eq!(f, Forecast::only(Outlook::NotProjected));
        let f = forecast(&aim, Some(a("2.9")), d(11, 15), false);
        assert_eq!(f.outlook, Outlook::Met);
    }

    #[test]
    fn past_or_on_the_deadline_is_ended_and_before_the_start_no_data() {
        let aim = q4(MetricKind::Gauge, Direction::Increase, 800, 1200);
        assert_eq!(
            forecast(&aim, Some(n(900)), d(12, 31), true),
            Forecast::only(Outlook::Ended)
        );
        let after = NaiveDate::from_ymd_opt(2027, 1, 3).expect("date");
        assert_eq!(
            forecast(&aim, Some(n(1300)), after, true).outlook,
            Outlook::Ended
        );
        assert_eq!(
            forecast(&aim, None, d(11, 15), true).outlook,
            Outlook::NoData
        );
        assert_eq!(
            forecast(&aim, Some(n(0)), d(9, 15), true).outlook,
            Outlook::NoData
        );
    }

    #[test]
    fn a_budget_runs_out_on_the_day_its_pace_uses_it_up() {
        // 31,000,000 for December; 9,100,000 spent by the 7th (7 days):
        // 1,300,000 a day, 40,300,000 by the 31st; the 21,900,000 left last
        // ⌈21.9 / 1.3⌉ = 17 days: 24 Dec. At most 912,500 a day (24 left).
        let f = budget(
            n(31_000_000),
            Some(n(9_100_000)),
            d(12, 1),
            d(12, 31),
            d(12, 7),
        );
        assert_eq!(f.outlook, Outlook::Projected);
        assert_eq!(f.at_deadline, Some(n(40_300_000)));
        assert_eq!(f.target_on, Some(d(12, 24)));
        assert_eq!(f.needed_per_day, Some(n(912_500)));
        // Half that pace lasts the month.
        let f = budget(
            n(31_000_000),
            Some(n(4_550_000)),
            d(12, 1),
            d(12, 31),
            d(12, 7),
        );
        assert_eq!((f.at_deadline, f.target_on), (Some(n(20_150_000)), None));
        // Spent past it: exceeded; nothing spent yet: lasts.
        let over = budget(n(1000), Some(n(1001)), d(12, 1), d(12, 31), d(12, 7));
        assert_eq!(over.outlook, Outlook::Exceeded);
        let idle = budget(n(1000), Some(n(0)), d(12, 1), d(12, 31), d(12, 7));
        // The largest amount over the longest span stays defined.
        let first = NaiveDate::from_ymd_opt(1, 1, 1).expect("date");
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).expect("date");
        let huge = budget(
            crate::domain::amount::LIMIT,
            Some(crate::domain::amount::LIMIT),
            first,
            far,
            d(12, 7),
        );
        assert_eq!(
            (huge.outlook, huge.target_on),
            (Outlook::Projected, Some(d(12, 7)))
        );
        assert_eq!((idle.outlook, idle.target_on), (Outlook::Projected, None));
        // The first five days of December are too early.
        let early = budget(n(1000), Some(n(500)), d(12, 1), d(12, 31), d(12, 6));
        assert_eq!(early.outlook, Outlook::TooEarly);
    }
}
