//! What the Strategy, Plan and KPIs tabs show until their full versions:
//! objectives with progress, segments and channels, campaigns with spend,
//! and this month's headline figures. Read from the store when one of
//! those tabs is first shown, and again after any change.

use chrono::NaiveDate;

use crate::analysis::{Analysis, ObjectiveState};
use crate::config::Config;
use crate::domain::{Amount, Campaign, Channel, Dimension, Segment};
use crate::metrics::{Granularity, Period, PeriodFigures};
use crate::report::{Headline, headlines};
use crate::store::{Result, Store};

pub struct Overview {
    pub objectives: Vec<ObjectiveState>,
    pub segments: Vec<Segment>,
    pub channels: Vec<Channel>,
    /// Campaigns by start, with the spend attributed to each so far.
    pub campaigns: Vec<(Campaign, Amount)>,
    pub period: Period,
    pub headlines: Vec<Headline>,
}

impl Overview {
    pub fn load(store: &Store, config: &Config, today: NaiveDate) -> Result<Overview> {
        let analysis = Analysis::new(store, config, today);
        let objectives = store
            .objectives()?
            .iter()
            .filter(|o| {
                o.deadline
                    >= today
                        .checked_sub_days(chrono::Days::new(90))
                        .unwrap_or(today)
            })
            .map(|o| analysis.objective_state(o, today))
            .collect::<Result<Vec<_>>>()?;
        let mut campaigns = Vec::new();
        for c in store.campaigns()? {
            let spent = analysis.campaign_spent(&c)?;
            campaigns.push((c, spent));
        }
        let period = Period::containing(Granularity::Month, today, config.week_start);
        let f = analysis.figures(&[period.prev(), period], Dimension::Total)?;
        let (prev, cur) = match f.figures.as_slice() {
            [p, c] => (p.clone(), c.clone()),
            _ => (PeriodFigures::default(), PeriodFigures::default()),
        };
        Ok(Overview {
            objectives,
            segments: store.segments()?,
            channels: store.channels()?,
            campaigns,
            period,
            headlines: headlines(&cur, &prev),
        })
    }
}
