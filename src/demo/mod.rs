//! Demo data: a believable Vietnamese online tea shop ("Mộc Trà", small)
//! and a benchmark-sized business (large), built in memory as one
//! [`Export`] document, deterministic for a scale, a day and a seed, and
//! loaded into an empty store with [`Store::load_fresh`].

mod calendar;
mod kpis;
mod large;
mod sales;
mod small;
mod texts;

#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::domain::{CampaignStatus, Dimension};
use crate::store::transfer::Export;
use crate::store::{Store, StoreError};

/// How much demo data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// One shop over 18 months: what a new user explores.
    Small,
    /// Ten years of a big business: for benchmarks.
    Large,
}

impl Scale {
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Large => "large",
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scale name that is neither `small` nor `large`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a demo scale (one of: small, large)")]
pub struct UnknownScale(pub String);

impl FromStr for Scale {
    type Err = UnknownScale;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            _ => Err(UnknownScale(s.to_string())),
        }
    }
}

/// What [`fill`] loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    pub tasks: usize,
    pub campaigns: usize,
    pub orders: usize,
    pub kpi_values: usize,
    /// Distinct customers in the orders.
    pub customers: usize,
}

impl DemoSummary {
    pub fn of(doc: &Export) -> DemoSummary {
        let mut customers: Vec<&str> = doc.orders.iter().map(|o| o.customer.as_str()).collect();
        customers.sort_unstable();
        customers.dedup();
        DemoSummary {
            tasks: doc.tasks.len(),
            campaigns: doc.campaigns.len(),
            orders: doc.orders.len(),
            kpi_values: doc.kpi_values.len(),
            customers: customers.len(),
        }
    }
}

/// The demo document for `scale`, ending `today`. Pure: the same
/// arguments give the same document; no clock is read.
pub fn build(scale: Scale, today: NaiveDate, seed: u64) -> Export {
    match scale {
        Scale::Small => small::build(today, seed),
        Scale::Large => large::build(today, seed),
    }
}

/// Builds the demo and loads it into `store`, which must be empty (a store
/// holding anything is refused and left as it was).
pub fn fill(
    store: &mut Store,
    scale: Scale,
    today: NaiveDate,
    seed: u64,
) -> Result<DemoSummary, StoreError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty(crate::store::EmptyFor::Demo));
    }
    let doc = build(scale, today, seed);
    store.load_fresh(&doc)?;
    Ok(DemoSummary::of(&doc))
}

/// A moment on `day` at `hour:minute` UTC (Vietnam is UTC+7, so 1–11 UTC
/// is the working day).
pub(crate) fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

/// The status a campaign running from `start` to `end` has on `today`.
pub(crate) fn status_on(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> CampaignStatus {
    if end < today {
        CampaignStatus::Done
    } else if start > today {
        CampaignStatus::Planned
    } else {
        CampaignStatus::Active
    }
}

/// A KPI value the demo records.
pub(crate) fn kpi(
    day: NaiveDate,
    metric: &str,
    dimension: Dimension,
    value: crate::domain::Amount,
) -> crate::domain::KpiValue {
    crate::domain::KpiValue {
        day,
        metric: metric.to_string(),
        dimension,
        value,
        source: crate::domain::ValueSource::Imported,
    }
}
