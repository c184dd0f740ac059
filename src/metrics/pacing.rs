//! Budget pacing of a campaign: what it has spent against what its budget
//! allows by now.
//!
//! The allowance grows linearly over the campaign's days: on day `d` of
//! `n` (both ends counted, so the first day allows `1/n` and the last the
//! whole budget) it is `budget × d / n`; before the start it is zero, after
//! the end the whole budget.
//! - over budget: spent > budget (whenever it happens);
//! - ahead of pace: spent > allowance, within the budget (spending faster
//!   than time passes: a warning);
//! - on pace: spent ≤ allowance.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::Amount;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    OnPace,
    Ahead,
    Over,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pacing {
    pub budget: Amount,
    pub spent: Amount,
    /// What the budget allows by the day read.
    pub allowance: Amount,
    /// Share of the campaign's days passed (0..=1).
    pub elapsed: f64,
    /// spent / budget; `None` for a zero budget.
    pub used: Option<f64>,
    pub pace: Pace,
}

/// The pacing of a campaign running `start..=end` with `budget`, having
/// spent `spent` by `today`.
pub fn pacing(
    budget: Amount,
    spent: Amount,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Pacing {
    let days = (end - start).num_days() + 1;
    let passed = ((today - start).num_days() + 1).clamp(0, days.max(0));
    let allowance = if days <= 0 {
        budget
    } else {
        Amount::from_decimal(budget.to_decimal() * Decimal::from(passed) / Decimal::from(days))
            .unwrap_or(budget)
    };
    let pace = if spent > budget {
        Pace::Over
    } else if spent > allowance {
        Pace::Ahead
    } else {
        Pace::OnPace
    };
    Pacing {
        budget,
        spent,
        allowance,
        elapsed: if days <= 0 {
            1.0
        } else {
            passed as f64 / days as f64
        },
        used: spent.ratio(budget),
        pace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn m(n: i64) -> Amount {
        Amount::from_int(n)
    }

    /// A 10-day campaign, 1–10 Nov, with a budget of 1,000.
    fn nov(spent: i64, today: &str) -> Pacing {
        pacing(
            m(1000),
            m(spent),
            d("2026-11-01"),
            d("2026-11-10"),
            d(today),
        )
    }

    #[test]
    fn the_allowance_grows_a_tenth_a_day() {
        let p = nov(0, "2026-11-01");
        assert_eq!(p.allowance, m(100));
        assert_eq!(p.elapsed, 0.1);
        assert_eq!(nov(0, "2026-11-04").allowance, m(400));
        assert_eq!(nov(0, "2026-11-10").allowance, m(1000));
        assert_eq!(nov(0, "2026-12-25").allowance, m(1000), "after the end");
        assert_eq!(nov(0, "2026-10-20").allowance, m(0), "before the start");
        assert_eq!(nov(0, "2026-10-20").elapsed, 0.0);
    }

    #[test]
    fn spending_faster_than_time_is_ahead_and_past_the_budget_is_over() {
        assert_eq!(nov(400, "2026-11-04").pace, Pace::OnPace, "exactly on pace");
        assert_eq!(nov(401, "2026-11-04").pace, Pace::Ahead);
        assert_eq!(nov(1000, "2026-11-10").pace, Pace::OnPace);
        assert_eq!(nov(1001, "2026-11-10").pace, Pace::Over);
        assert_eq!(nov(1500, "2026-11-02").pace, Pace::Over);
        assert_eq!(
            nov(10, "2026-10-30").pace,
            Pace::Ahead,
            "spent before it starts"
        );
        assert_eq!(nov(250, "2026-11-04").used, Some(0.25));
    }

    #[test]
    fn a_zero_budget_is_over_with_any_spend() {
        let p = pacing(
            m(0),
            m(1),
            d("2026-11-01"),
            d("2026-11-10"),
            d("2026-11-05"),
        );
        assert_eq!(p.pace, Pace::Over);
        assert_eq!(p.used, None);
        let p = pacing(
            m(0),
            m(0),
            d("2026-11-01"),
            d("2026-11-10"),
            d("2026-11-05"),
        );
        assert_eq!(p.pace, Pace::OnPace);
    }

    #[test]
    fn a_one_day_campaign_allows_everything_on_its_day() {
        let p = pacing(
            m(300),
            m(300),
            d("2026-11-05"),
            d("2026-11-05"),
            d("2026-11-05"),
        );
        assert_eq!(
            (p.allowance, p.pace, p.elapsed),
            (m(300), Pace::OnPace, 1.0)
        );
    }

    #[test]
    fn thirds_round_to_four_places() {
        let p = pacing(
            m(100),
            m(0),
            d("2026-11-01"),
            d("2026-11-03"),
            d("2026-11-01"),
        );
        assert_eq!(p.allowance, "33.3333".parse().expect("amount"));
    }
}
