//! The funnel of one period: visits → leads → conversions → new
//! customers, each step's count, the rate from the step before (the
//! figures' `lead_rate`, `lead_conversion_rate` and `new_customer_rate`),
//! the same for the comparison period, and which step loses the most.
//!
//! The biggest drop is the step with the lowest rate below 100 %: the one
//! where the largest share of those who reached the step before goes no
//! further. A step whose rate is missing (a count not recorded, or nobody
//! at the step before) is never it; ties go to the earlier step.

use serde::Serialize;

use crate::domain::Amount;
use crate::metrics::PeriodFigures;

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    /// The count's metric as in `kpi show --json`.
    pub key: &'static str,
    pub count: Option<Amount>,
    pub count_previous: Option<Amount>,
    /// The rate's name as in `kpi show --json`; `None` for the first step.
    pub rate_key: Option<&'static str>,
    /// count / the step before's count.
    pub rate: Option<f64>,
    pub rate_previous: Option<f64>,
    pub biggest_drop: bool,
}

impl FunnelStep {
    /// rate − rate before, in fraction points.
    pub fn rate_change(&self) -> Option<f64> {
        Some(self.rate? - self.rate_previous?)
    }

    /// (count − count before) / count before; `None` where that is 0 or
    /// either is missing.
    pub fn count_change(&self) -> Option<f64> {
        let (now, before) = (self.count?, self.count_previous?);
        (now - before).ratio(Amount::from_raw(before.raw().abs()))
    }
}

/// The four steps of a period against the comparison period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub steps: Vec<FunnelStep>,
}

type Count = fn(&PeriodFigures) -> Option<Amount>;
/// A rate's name and how it reads from the figures.
type Rate = (&'static str, fn(&PeriodFigures) -> Option<f64>);

const STEPS: [(&str, Count, Option<Rate>); 4] = [
    ("visits", |f| f.visits, None),
    (
        "leads",
        |f| f.leads,
        Some(("lead_rate", PeriodFigures::lead_rate)),
    ),
    (
        "conversions",
        |f| f.conversions,
        Some(("lead_conversion_rate", PeriodFigures::lead_conversion_rate)),
    ),
    (
        "new_customers",
        |f| f.new_customers,
        Some(("new_customer_rate", PeriodFigures::new_customer_rate)),
    ),
];

impl Funnel {
    /// The funnel of `current` against `previous` (the comparison period's
    /// figures).
    pub fn of(current: &PeriodFigures, previous: &PeriodFigures) -> Funnel {
        let mut steps: Vec<FunnelStep> = STEPS
            .iter()
            .map(|(key, count, rate)| FunnelStep {
                key,
                count: count(current),
                count_previous: count(previous),
                rate_key: rate.map(|r| r.0),
                rate: rate.and_then(|r| r.1(current)),
                rate_previous: rate.and_then(|r| r.1(previous)),
                biggest_drop: false,
            })
            .collect();
        let mut lowest: Option<(usize, f64)> = None;
        for (i, s) in steps.iter().enumerate() {
            if let Some(r) = s.rate.filter(|r| *r < 1.0)
                && lowest.is_none_or(|(_, l)| r < l)
            {
                lowest = Some((i, r));
            }
        }
        if let Some((i, _)) = lowest {
            steps[i].biggest_drop = true;
        }
        Funnel { steps }
    }

    /// The step marked as the biggest drop, if any.
    pub fn biggest_drop(&self) -> Option<&FunnelStep> {
        self.steps.iter().find(|s| s.biggest_drop)
    }

    /// Whether no step has a count: nothing to show.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| s.count.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(
        visits: Option<i64>,
        leads: Option<i64>,
        conv: Option<i64>,
        new: Option<i64>,
    ) -> PeriodFigures {
        PeriodFigures {
            visits: visits.map(Amount::from_int),
            leads: leads.map(Amount::from_int),
            conversions: conv.map(Amount::from_int),
            new_customers: new.map(Amount::from_int),
            ..PeriodFigures::default()
        }
    }

    fn rates(f: &Funnel) -> Vec<Option<f64>> {
        f.steps.iter().map(|s| s.rate).collect()
    }

    fn drop_key(f: &Funnel) -> Option<&'static str> {
        f.biggest_drop().map(|s| s.key)
    }

    /// 2000 visits, 300 leads (15 %), 60 conversions (20 %), 45 new
    /// customers (75 %): the biggest drop is visits → leads. The month
    /// before: 1000, 200 (20 %), 50 (25 %), 40 (80 %).
    #[test]
    fn step_rates_changes_and_the_biggest_drop_by_hand() {
        let now = figures(Some(2000), Some(300), Some(60), Some(45));
        let before = figures(Some(1000), Some(200), Some(50), Some(40));
        let f = Funnel::of(&now, &before);
        assert_eq!(
            f.steps.iter().map(|s| s.key).collect::<Vec<_>>(),
            ["visits", "leads", "conversions", "new_customers"]
        );
        assert_eq!(rates(&f), [None, Some(0.15), Some(0.2), Some(0.75)]);
        assert_eq!(
            f.steps.iter().map(|s| s.rate_key).collect::<Vec<_>>(),
            [
                None,
                Some("lead_rate"),
                Some("lead_conversion_rate"),
                Some("new_customer_rate")
            ]
        );
        assert_eq!(drop_key(&f), Some("leads"));
        assert_eq!(f.steps.iter().filter(|s| s.biggest_drop).count(), 1);
        // Visits +100 %, leads +50 %; lead rate 20 % → 15 %: −5 points.
        assert_eq!(f.steps[0].count_change(), Some(1.0));
        assert_eq!(f.steps[1].count_change(), Some(0.5));
        let pts = f.steps[1].rate_change().expect("both rates");
        assert!((pts + 0.05).abs() < 1e-12, "{pts}");
        assert_eq!(f.steps[0].rate_change(), None);
        // The conversions step loses most when leads convert worst.
        let f = Funnel::of(&figures(Some(100), Some(50), Some(5), Some(4)), &before);
        assert_eq!(drop_key(&f), Some("conversions"));
    }

    /// No visits recorded: the first rate is missing ("—") and cannot be
    /// the biggest drop, even though leads → conversions is 100 %.
    #[test]
    fn a_missing_step_is_never_the_biggest_drop() {
        let f = Funnel::of(
            &figures(None, Some(40), Some(40), Some(10)),
            &PeriodFigures::default(),
        );
        assert_eq!(rates(&f), [None, None, Some(1.0), Some(0.25)]);
        assert_eq!(drop_key(&f), Some("new_customers"));
        assert_eq!(f.steps[1].count_change(), None, "nothing to compare with");
        // Nobody at a step: the next rate is missing, not 0 % or infinite.
        let f = Funnel::of(
            &figures(Some(500), Some(0), Some(0), Some(3)),
            &PeriodFigures::default(),
        );
        assert_eq!(rates(&f), [None, Some(0.0), None, None]);
        assert_eq!(drop_key(&f), Some("leads"));
        // Nothing recorded at all: empty, no drop.
        let f = Funnel::of(&PeriodFigures::default(), &PeriodFigures::default());
        assert!(f.is_empty());
        assert_eq!(drop_key(&f), None);
    }

    /// Rates of 100 % and more lose nobody; equal rates mark the earlier
    /// step.
    #[test]
    fn no_drop_without_a_loss_and_ties_go_to_the_earlier_step() {
        let f = Funnel::of(
            &figures(Some(10), Some(10), Some(12), Some(12)),
            &PeriodFigures::default(),
        );
        assert_eq!(rates(&f), [None, Some(1.0), Some(1.2), Some(1.0)]);
        assert_eq!(drop_key(&f), None);
        let f = Funnel::of(
            &figures(Some(400), Some(200), Some(100), Some(100)),
            &PeriodFigures::default(),
        );
        assert_eq!(drop_key(&f), Some("leads"));
    }
}
