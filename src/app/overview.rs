//! What the Strategy and Plan tabs show until their full versions:
//! objectives with progress, segments and channels, campaigns with spend.
//! Read from the store when one of those tabs is first shown, and again
//! after any change.

use chrono::NaiveDate;

use crate::analysis::{Analysis, ObjectiveState};
use crate::config::Config;
use crate::domain::{Amount, Campaign, Channel, Segment};
use crate::store::{Result, Store};

pub struct Overview {
    pub objectives: Vec<ObjectiveState>,
    pub segments: Vec<Segment>,
    pub channels: Vec<Channel>,
    /// Campaigns by start, with the spend attributed to each so far.
    pub campaigns: Vec<(Campaign, Amount)>,
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
        Ok(Overview {
            objectives,
            segments: store.segments()?,
            channels: store.channels()?,
            campaigns,
        })
    }
}
