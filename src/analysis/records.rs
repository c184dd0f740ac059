//! What the Strategy and Plan tabs read of a record: an objective's
//! progress and forecast, a budget's spend, a campaign's pacing.

use chrono::NaiveDate;
use serde::Serialize;

use super::Analysis;
use crate::domain::{Amount, Budget, Campaign, Dimension, MetricKind, Objective, Unit};
use crate::metrics::forecast::{self, Forecast};
use crate::metrics::objective::{Aim, Progress, progress};
use crate::metrics::pacing::pacing;
use crate::metrics::scoreboard::CampaignScore;
use crate::metrics::{Granularity, Period};
use crate::store::Result;

/// An objective with its metric's current value and its progress.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveState {
    pub objective: Objective,
    pub unit: Unit,
    /// The metric's kind: a decreasing counter is a ceiling (see
    /// `metrics::objective`).
    pub kind: MetricKind,
    pub current: Option<Amount>,
    pub progress: Progress,
    /// Where the current pace leads (see `metrics::forecast`).
    pub forecast: Forecast,
}

/// A budget with its period, what was spent in it by the day read and
/// when it runs out at that pace.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetState {
    pub budget: Budget,
    /// The period's first and last days; `None` where it does not parse.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub spent: Option<Amount>,
    pub forecast: Forecast,
}

impl Analysis<'_> {
    /// Where `o` stands on `day` (at most the as-of day): a counter summed
    /// from the objective's start to then (or its deadline), a gauge read
    /// then.
    pub fn objective_state(&self, o: &Objective, day: NaiveDate) -> Result<ObjectiveState> {
        let day = day.min(self.as_of);
        let metric = self.store.metric(&o.metric)?;
        let span = Period {
            granularity: Granularity::Year,
            start: o.start,
            end: day.min(o.deadline).max(o.start),
        };
        let scope = match (o.segment, o.channel) {
            (Some(s), _) => Dimension::Segment(s),
            (None, Some(c)) => Dimension::Channel(c),
            (None, None) => Dimension::Total,
        };
        let current = if day < o.start {
            None
        } else {
            self.metric_value(&metric, &span, scope)?
        };
        let aim = Aim {
            kind: metric.kind,
            direction: o.direction,
            baseline: o.baseline,
            target: o.target,
            start: o.start,
            deadline: o.deadline,
        };
        Ok(ObjectiveState {
            objective: o.clone(),
            unit: metric.unit,
            kind: metric.kind,
            current,
            progress: progress(&aim, current, day),
            forecast: forecast::forecast(
                &aim,
                current,
                day,
                !crate::metrics::figures::is_derived(&metric.name),
            ),
        })
    }

    /// A budget read on the as-of day: its total spend within its period
    /// so far, and the day it runs out at that pace.
    pub fn budget_state(&self, b: &Budget) -> Result<BudgetState> {
        let Ok(p) = Period::parse(&b.period, self.config.week_start) else {
            return Ok(BudgetState {
                budget: b.clone(),
                start: None,
                end: None,
                spent: None,
                forecast: Forecast::only(forecast::Outlook::NoData),
            });
        };
        let spent = if p.start <= self.as_of {
            let spend = self.store.metric("spend")?;
            self.metric_value(&spend, &p, Dimension::Total)?
        } else {
            None
        };
        Ok(BudgetState {
            budget: b.clone(),
            start: Some(p.start),
            end: Some(p.end),
            spent,
            forecast: forecast::budget(b.amount, spent, p.start, p.end, self.as_of),
        })
    }

    /// Spend attributed to a campaign from its start to the as-of day (or
    /// its end).
    pub fn campaign_spent(&self, c: &Campaign) -> Result<Amount> {
        Ok(self.campaign_sum(c, "spend")?.unwrap_or_default())
    }

    /// A counter attributed to a campaign, summed from its start to the
    /// as-of day (or its end); `None` where nothing was recorded.
    fn campaign_sum(&self, c: &Campaign, metric: &str) -> Result<Option<Amount>> {
        let end = self.as_of.min(c.end);
        let values = self
            .store
            .series_between(metric, Dimension::Campaign(c.id), c.start, end)?;
        let mut kept = values
            .iter()
            .filter(|(day, _)| *day >= c.start && *day <= end)
            .map(|(_, value)| *value)
            .peekable();
        Ok(kept.peek().is_some().then(|| kept.sum()))
    }

    /// A campaign's pacing as of the as-of day, with the conversions and
    /// revenue attributed to it.
    pub fn campaign_score(&self, c: &Campaign) -> Result<CampaignScore> {
        let spent = self.campaign_spent(c)?;
        Ok(CampaignScore {
            pacing: pacing(c.budget, spent, c.start, c.end, self.as_of),
            conversions: self.campaign_sum(c, "conversions")?,
            revenue: self.campaign_sum(c, "revenue")?,
        })
    }
}
