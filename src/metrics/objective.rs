//! How far an objective has come, and whether it is on track.
//!
//! Every status compares progress with a linear expectation: by the time a
//! share `e` of the days from start to deadline has passed, a share `e` of
//! the way should be covered. What "the way" is depends on the metric:
//!
//! **Gauges** (customers, loyal customers) are read today and move from the
//! baseline to the target: progress = `(current − baseline) / (target −
//! baseline)`, the same formula for an increase and a decrease.
//! - met: the target is reached (≥ for an increase, ≤ for a decrease);
//! - missed: the deadline has passed short of it;
//! - on track: progress ≥ e; at risk: progress < e.
//!
//! **Counters** (visits, revenue, spend …) are totals from the start to
//! today, so progress = `current / target`; the baseline is for reference.
//! - increase (reach a total): as a gauge from zero;
//! - decrease (a ceiling such as a spend budget): missed as soon as the
//!   total passes the target; met when the deadline passes within it; on
//!   track while the share used ≤ e (spending no faster than time), at risk
//!   when it runs ahead.
//!
//! No current value: **no data**.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Amount, Direction, MetricKind};

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

/// What an objective aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aim {
    pub kind: MetricKind,
    pub direction: Direction,
    pub baseline: Amount,
    pub target: Amount,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
}

/// The progress of an objective whose metric stands at `current` on `today`.
pub fn progress(aim: &Aim, current: Option<Amount>, today: NaiveDate) -> Progress {
    let span = (aim.deadline - aim.start).num_days();
    let elapsed = if span <= 0 {
        if today >= aim.deadline { 1.0 } else { 0.0 }
    } else {
        ((today - aim.start).num_days() as f64 / span as f64).clamp(0.0, 1.0)
    };
    let Some(current) = current else {
        return Progress {
            done: None,
            elapsed,
            status: ObjectiveStatus::NoData,
        };
    };
    let past = today > aim.deadline;
    let (done, status) = match (aim.kind, aim.direction) {
        (MetricKind::Counter, Direction::Decrease) => {
            let used = share(current, Amount::ZERO, aim.target, current <= aim.target);
            let status = if current > aim.target {
                ObjectiveStatus::Missed
            } else if past {
                ObjectiveStatus::Met
            } else if used.unwrap_or(0.0) <= elapsed {
                ObjectiveStatus::OnTrack
            } else {
                ObjectiveStatus::AtRisk
            };
            (used, status)
        }
        (kind, direction) => {
            let from = match kind {
                MetricKind::Counter => Amount::ZERO,
                MetricKind::Gauge => aim.baseline,
            };
            let reached = match direction {
                Direction::Increase => current >= aim.target,
                Direction::Decrease => current <= aim.target,
            };
            let done = share(current, from, aim.target, reached);
            let status = if reached {
                ObjectiveStatus::Met
            } else if past {
                ObjectiveStatus::Missed
            } else if done.unwrap_or(0.0) >= elapsed {
                ObjectiveStatus::OnTrack
            } else {
                ObjectiveStatus::AtRisk
            };
            (done, status)
        }
    };
    Progress {
        done,
        elapsed,
        status,
    }
}

/// `(current − from) / (target − from)`; where target equals from, 1 or 0
/// by whether the target counts as reached.
fn share(current: Amount, from: Amount, target: Amount, reached: bool) -> Option<f64> {
    if target == from {
        Some(if reached { 1.0 } else { 0.0 })
    } else {
        (current - from).ratio(target - from)
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

    fn aim(kind: MetricKind, direction: Direction, base: i64, target: i64) -> Aim {
        Aim {
            kind,
            direction,
            baseline: n(base),
            target: n(target),
            start: d(10, 1),
            deadline: d(12, 31),
        }
    }

    // 1 Oct → 31 Dec is 91 days; on 15 Nov, 45 days (0.4945…) have passed.
    fn at_mid_november(direction: Direction, base: i64, target: i64, current: i64) -> Progress {
        progress(
            &aim(MetricKind::Gauge, direction, base, target),
            Some(n(current)),
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
        let a = aim(MetricKind::Gauge, Direction::Increase, 0, 100);
        let p = progress(&a, Some(n(99)), d(12, 31).succ_opt().expect("day"));
        assert_eq!(p.status, ObjectiveStatus::Missed);
        assert_eq!(p.elapsed, 1.0);
    }

    #[test]
    fn no_value_is_no_data_and_equal_baseline_target_is_defined() {
        let a = aim(MetricKind::Gauge, Direction::Increase, 5, 9);
        let p = progress(&a, None, d(11, 15));
        assert_eq!((p.done, p.status), (None, ObjectiveStatus::NoData));
        let a = aim(MetricKind::Gauge, Direction::Increase, 5, 5);
        let p = progress(&a, Some(n(5)), d(11, 15));
        assert_eq!((p.done, p.status), (Some(1.0), ObjectiveStatus::Met));
    }

    #[test]
    fn a_counter_total_counts_from_zero_whatever_the_baseline() {
        // 180 new customers in Q4, last year's 144 as the baseline; 100 so far.
        let a = aim(MetricKind::Counter, Direction::Increase, 144, 180);
        let p = progress(&a, Some(n(100)), d(11, 15));
        assert!((p.done.expect("done") - 100.0 / 180.0).abs() < 1e-12);
        assert_eq!(p.status, ObjectiveStatus::OnTrack, "0.556 >= 0.495");
        assert_eq!(
            progress(&a, Some(n(180)), d(11, 15)).status,
            ObjectiveStatus::Met
        );
    }

    #[test]
    fn a_counter_ceiling_is_paced_and_missed_once_passed() {
        // Spend at most 45 in the quarter; by mid November 0.495 of the time.
        let a = aim(MetricKind::Counter, Direction::Decrease, 40, 45);
        let slow = progress(&a, Some(n(20)), d(11, 15));
        assert_eq!(slow.status, ObjectiveStatus::OnTrack, "0.444 used <= 0.495");
        let fast = progress(&a, Some(n(30)), d(11, 15));
        assert_eq!(fast.status, ObjectiveStatus::AtRisk, "0.667 used > 0.495");
        let over = progress(&a, Some(n(46)), d(11, 15));
        assert_eq!(over.status, ObjectiveStatus::Missed);
        let kept = progress(&a, Some(n(44)), d(12, 31).succ_opt().expect("day"));
        assert_eq!(kept.status, ObjectiveStatus::Met);
    }
}
