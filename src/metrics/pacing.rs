//! Budget pacing of a campaign: what it has spent against what its budget
//! allows by now. The one rule the Plan tab's timeline and scoreboard,
//! `funnel report` and `campaign list` all read.
//!
//! The allowance grows linearly over the campaign's days: on day `d` of
//! `n` (both ends counted, so the first day allows `1/n` and the last the
//! whole budget) it is `budget × d / n`; before the start it is zero, after
//! the end the whole budget. Then, in this order:
//! - no budget (zero, what an unset budget reads as): nothing to pace
//!   against, never over budget;
//! - over budget: spent > budget (whenever it happens);
//! - ahead of pace: spent more than [`TOLERANCE`] above the allowance
//!   (spending faster than time passes; spending before the start is
//!   ahead too);
//! - not started: before the start, nothing spent;
//! - ended: after the end, within the budget;
//! - behind pace: running and spent more than [`TOLERANCE`] below the
//!   allowance (the campaign is not reaching the people it paid for);
//! - on pace: otherwise.
//!
//! Spend is often recorded a day late and varies from day to day, hence a
//! band around the allowance rather than a line.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::Amount;

/// How far from the allowance, as a share of it, spending is still on
/// pace.
pub const TOLERANCE: f64 = 0.10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// Over budget: the worst first, so that ordering by pace puts it on
    /// top.
    Over,
    Ahead,
    Behind,
    OnPace,
    NotStarted,
    Ended,
    NoBudget,
}

impl Pace {
    pub const ALL: [Pace; 7] = [
        Pace::Over,
        Pace::Ahead,
        Pace::Behind,
        Pace::OnPace,
        Pace::NotStarted,
        Pace::Ended,
        Pace::NoBudget,
    ];

    /// Position in [`Pace::ALL`] (the order of the words catalogs).
    pub fn index(self) -> usize {
        Pace::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// Whether it deserves a mark: over budget, or off pace either way.
    pub fn is_flagged(self) -> bool {
        matches!(self, Pace::Over | Pace::Ahead | Pace::Behind)
    }

    /// The mark that says it without colour: `!` over budget, `+` ahead
    /// of pace, `~` behind pace (plain ASCII, so the same with `--ascii`).
    pub fn mark(self) -> Option<char> {
        match self {
            Pace::Over => Some('!'),
            Pace::Ahead => Some('+'),
            Pace::Behind => Some('~'),
            _ => None,
        }
    }
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

impl Pacing {
    pub fn is_over_budget(&self) -> bool {
        self.pace == Pace::Over
    }
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
    let (s, a) = (spent.to_f64(), allowance.to_f64());
    let pace = if budget.is_zero() {
        Pace::NoBudget
    } else if spent > budget {
        Pace::Over
    } else if s > a * (1.0 + TOLERANCE) {
        Pace::Ahead
    } else if today < start {
        Pace::NotStarted
    } else if today > end {
        Pace::Ended
    } else if s < a * (1.0 - TOLERANCE) {
        Pace::Behind
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

/// Whether a campaign running `start..=end` belongs in the review of the
/// period `from..=to` read on `today`: it ran during it, or it ended
/// in the period before it (`before..from`), so that a campaign which
/// closed over budget at the end of last month is still named the next
/// morning.
pub fn reviewed(start: NaiveDate, end: NaiveDate, before: NaiveDate, to: NaiveDate) -> bool {
    start <= to && end >= before
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
    fn a_campaign_not_started_has_nothing_to_pace_unless_it_spent() {
        assert_eq!(nov(0, "2026-10-20").pace, Pace::NotStarted);
        assert_eq!(
            nov(10, "2026-10-30").pace,
            Pace::Ahead,
            "spent before it starts"
        );
    }

    #[test]
    fn half_through_40_percent_spent_is_behind_and_60_ahead() {
        // 5 of 10 days passed on the 5th: 500 allowed, on pace from 450
        // to 550.
        let p = nov(400, "2026-11-05");
        assert_eq!((p.allowance, p.elapsed), (m(500), 0.5));
        assert_eq!(p.pace, Pace::Behind);
        assert_eq!(p.used, Some(0.4));
        assert_eq!(nov(600, "2026-11-05").pace, Pace::Ahead);
        assert_eq!(nov(500, "2026-11-05").pace, Pace::OnPace);
        assert_eq!(nov(450, "2026-11-05").pace, Pace::OnPace, "the band's edge");
        assert_eq!(nov(550, "2026-11-05").pace, Pace::OnPace, "the band's edge");
        assert_eq!(nov(449, "2026-11-05").pace, Pace::Behind);
        assert_eq!(nov(551, "2026-11-05").pace, Pace::Ahead);
    }

    #[test]
    fn a_campaign_ended_under_budget_is_ended_and_over_it_is_over() {
        let p = nov(700, "2026-12-07");
        assert_eq!((p.pace, p.used), (Pace::Ended, Some(0.7)));
        assert!(!p.is_over_budget());
        assert_eq!(nov(1000, "2026-11-10").pace, Pace::OnPace, "all of it");
        assert_eq!(nov(1000, "2026-12-07").pace, Pace::Ended);
        let p = nov(1019, "2026-12-07");
        assert_eq!(p.pace, Pace::Over);
        assert!(p.is_over_budget());
        assert_eq!(p.used, Some(1.019));
        assert_eq!(nov(1500, "2026-11-02").pace, Pace::Over, "while running");
    }

    #[test]
    fn no_budget_is_never_over_nor_off_pace() {
        for spent in [0, 1, 5000] {
            let p = pacing(
                m(0),
                m(spent),
                d("2026-11-01"),
                d("2026-11-10"),
                d("2026-11-05"),
            );
            assert_eq!((p.pace, p.used), (Pace::NoBudget, None), "{spent}");
            assert!(!p.is_over_budget());
        }
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

    #[test]
    fn marks_tell_over_ahead_and_behind_apart_without_colour() {
        let marks: Vec<Option<char>> = Pace::ALL.iter().map(|p| p.mark()).collect();
        assert_eq!(
            marks,
            [Some('!'), Some('+'), Some('~'), None, None, None, None]
        );
        assert!(
            Pace::ALL
                .iter()
                .all(|p| p.is_flagged() == p.mark().is_some())
        );
    }

    #[test]
    fn the_review_takes_what_ran_in_the_period_or_ended_in_the_one_before() {
        // December read on the 7th; November before it.
        let (before, to) = (d("2026-11-01"), d("2026-12-31"));
        let black_friday = (d("2026-11-24"), d("2026-11-30"));
        assert!(reviewed(black_friday.0, black_friday.1, before, to));
        assert!(!reviewed(d("2025-11-01"), d("2025-11-20"), before, to));
        assert!(reviewed(d("2026-12-31"), d("2027-01-30"), before, to));
        assert!(!reviewed(d("2027-01-01"), d("2027-01-30"), before, to));
    }
}
