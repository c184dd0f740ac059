//! How far an objective has come, and whether it is on track.
//!
//! Progress is the share of the way from baseline to target that the
//! metric's current value has covered: `(current − baseline) / (target −
//! baseline)`, the same formula for an increase and a decrease. The status
//! compares it with a linear expectation: by the time a share `e` of the
//! days from start to deadline has passed, a share `e` of the way should
//! be covered.
//!
//! - **met**: progress ≥ 1 (target reached), whatever the date;
//! - **missed**: the deadline has passed and progress < 1;
//! - **on track**: progress ≥ e (elapsed share of the time);
//! - **at risk**: progress < e;
//! - **no data**: no current value.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Amount, Direction};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveStatus {
    Met,
    OnTrack,
    AtRisk,
    Missed,
    NoData,
}

impl ObjectiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveStatus::Met => "met",
            ObjectiveStatus::OnTrack => "on track",
            ObjectiveStatus::AtRisk => "at risk",
            ObjectiveStatus::Missed => "missed",
            ObjectiveStatus::NoData => "no data",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    /// Share of the way from baseline to target (may be < 0 or > 1).
    pub done: Option<f64>,
    /// Share of the time from start to deadline that has passed (0..=1).
    pub elapsed: f64,
    pub status: ObjectiveStatus,
}

/// The progress of an objective whose metric stands at `current` on `today`.
pub fn progress(
    direction: Direction,
    baseline: Amount,
    target: Amount,
    current: Option<Amount>,
    start: NaiveDate,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Progress {
    let span = (deadline - start).num_days();
    let elapsed = if span <= 0 {
        if today >= deadline { 1.0 } else { 0.0 }
    } else {
        ((today - start).num_days() as f64 / span as f64).clamp(0.0, 1.0)
    };
    let Some(current) = current else {
        return Progress {
            done: None,
            elapsed,
            status: ObjectiveStatus::NoData,
        };
    };
    let reached = match direction {
        Direction::Increase => current >= target,
        Direction::Decrease => current <= target,
    };
    let done = if target == baseline {
        Some(if reached { 1.0 } else { 0.0 })
    } else {
        (current - baseline).ratio(target - baseline)
    };
    let share = done.unwrap_or(0.0);
    let status = if reached {
        ObjectiveStatus::Met
    } else if today > deadline {
        ObjectiveStatus::Missed
    } else if share >= elapsed {
        ObjectiveStatus::OnTrack
    } else {
        ObjectiveStatus::AtRisk
    };
    Progress {
        done,
        elapsed,
        status,
    }
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

    // 1 Oct → 31 Dec is 91 days; on 15 Nov, 45 days (0.4945…) have passed.
    fn at_mid_november(direction: Direction, base: i64, target: i64, current: i64) -> Progress {
        progress(
            direction,
            n(base),
            n(target),
            Some(n(current)),
            d(10, 1),
            d(12, 31),
            d(11, 15),
        )
    }

    #[test]
    fn increase_ahead_of_the_line_is_on_track() {
        // 800 → 1200, at 1000: half the way (0.5) after 45/91 of the time.
        let p = at_mid_november(Direction::Increase, 800, 1200, 1000);
        assert_eq!(p.done, Some(0.5));
        assert!((p.elapsed - 45.0 / 91.0).abs() < 1e-9);
        assert_eq!(p.status, ObjectiveStatus::OnTrack);
    }

    #[test]
    fn increase_behind_the_line_is_at_risk() {
        let p = at_mid_november(Direction::Increase, 800, 1200, 990);
        assert_eq!(p.done, Some(0.475));
        assert_eq!(p.status, ObjectiveStatus::AtRisk);
    }

    #[test]
    fn decrease_uses_the_same_share() {
        // 10 → 6, at 8: half the way.
        let p = at_mid_november(Direction::Decrease, 10, 6, 8);
        assert_eq!(p.done, Some(0.5));
        assert_eq!(p.status, ObjectiveStatus::OnTrack);
        let p = at_mid_november(Direction::Decrease, 10, 6, 5);
        assert_eq!(p.status, ObjectiveStatus::Met);
    }

    #[test]
    fn past_the_deadline_short_of_target_is_missed() {
        let p = progress(
            Direction::Increase,
            n(0),
            n(100),
            Some(n(99)),
            d(1, 1),
            d(6, 30),
            d(7, 1),
        );
        assert_eq!(p.status, ObjectiveStatus::Missed);
        assert_eq!(p.elapsed, 1.0);
    }

    #[test]
    fn no_value_is_no_data_and_equal_baseline_target_is_defined() {
        let p = progress(
            Direction::Increase,
            n(5),
            n(9),
            None,
            d(1, 1),
            d(2, 1),
            d(1, 15),
        );
        assert_eq!((p.done, p.status), (None, ObjectiveStatus::NoData));
        let p = progress(
            Direction::Increase,
            n(5),
            n(5),
            Some(n(5)),
            d(1, 1),
            d(2, 1),
            d(1, 2),
        );
        assert_eq!((p.done, p.status), (Some(1.0), ObjectiveStatus::Met));
    }
}
