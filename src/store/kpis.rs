//! Daily KPI values: recording, importing, and reading series back.

mod record;
mod rows;
mod series;

use chrono::NaiveDate;

use crate::domain::{Amount, Dimension};

pub(super) use rows::{dimension_words, source_text, sum_or_overflow};

/// One value to record.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiInput {
    pub day: NaiveDate,
    pub metric: String,
    pub dimension: Dimension,
    pub value: Amount,
}

/// What recording a set of values did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordOutcome {
    pub added: usize,
    /// Values that replaced a different earlier value: the input and the
    /// value it replaced.
    pub replaced: Vec<(KpiInput, Amount)>,
    pub unchanged: usize,
}

/// Where one day's whole-business value of a counter came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TotalOrigin {
    /// Recorded for the whole business.
    Recorded,
    /// The sum of that day's values per channel.
    Channels,
    /// The sum of that day's values per campaign.
    Campaigns,
}

/// What an imported value is about, by name: the channels and campaigns
/// named may not exist yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DimensionName {
    Total,
    Segment(String),
    Channel(String),
    Campaign(String),
}

/// One imported value, its dimension by name.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedInput {
    pub day: NaiveDate,
    pub metric: String,
    pub dimension: DimensionName,
    pub value: Amount,
}

/// What an import did (or would do): the values, and the channels and
/// campaigns it created, a campaign with the first and last day of its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOutcome {
    pub recorded: RecordOutcome,
    pub new_channels: Vec<String>,
    pub new_campaigns: Vec<(String, NaiveDate, NaiveDate)>,
}

/// The three dimension columns of a dimension, as stored.
pub(super) fn dimension_ids(d: Dimension) -> (Option<i64>, Option<i64>, Option<i64>) {
    match d {
        Dimension::Total => (None, None, None),
        Dimension::Segment(s) => (Some(s.0), None, None),
        Dimension::Channel(c) => (None, Some(c.0), None),
        Dimension::Campaign(k) => (None, None, Some(k.0)),
    }
}
