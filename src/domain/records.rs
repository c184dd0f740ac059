//! The records a marketer keeps, as the store hands them out and the JSON
//! export writes them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate::from_file;
use super::{
    Amount, CampaignStatus, CauseCategory, ChannelKind, Direction, MetricKind, NoteKind, Priority,
    TaskStatus, Unit,
};

/// Declares a typed id, so a task id can never be passed as a campaign id.
macro_rules! id_type {
    ($($name:ident),+) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )+};
}

id_type!(
    SegmentId,
    ChannelId,
    PersonId,
    ToolId,
    BudgetId,
    ProcedureId,
    ObjectiveId,
    CampaignId,
    TaskId,
    NoteId
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: SegmentId,
    #[serde(deserialize_with = "from_file::segment_name")]
    pub name: String,
    #[serde(deserialize_with = "from_file::description")]
    pub description: String,
    #[serde(deserialize_with = "from_file::free_text")]
    pub demographics: String,
    #[serde(deserialize_with = "from_file::free_text")]
    pub needs: String,
    #[serde(deserialize_with = "from_file::free_text")]
    pub habits: String,
    /// Estimated number of potential customers in the market.
    pub market_size: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: ChannelId,
    #[serde(deserialize_with = "from_file::channel_name")]
    pub name: String,
    pub kind: ChannelKind,
    pub active: bool,
    #[serde(deserialize_with = "from_file::description")]
    pub description: String,
    /// The segments this channel reaches.
    pub segments: Vec<SegmentId>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    #[serde(deserialize_with = "from_file::free_text")]
    pub brand_message: String,
    #[serde(deserialize_with = "from_file::free_text")]
    pub positioning: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    #[serde(deserialize_with = "from_file::person_name")]
    pub name: String,
    #[serde(deserialize_with = "from_file::role")]
    pub role: String,
    #[serde(deserialize_with = "from_file::contact")]
    pub contact: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub id: ToolId,
    #[serde(deserialize_with = "from_file::tool_name")]
    pub name: String,
    #[serde(deserialize_with = "from_file::free_text")]
    pub purpose: String,
}

/// The marketing budget of one period (`2026-11`, `2026-Q4`, `2026`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub id: BudgetId,
    pub period: String,
    pub amount: Amount,
    #[serde(deserialize_with = "from_file::free_text")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub id: ProcedureId,
    #[serde(deserialize_with = "from_file::procedure_title")]
    pub title: String,
    pub owner: Option<PersonId>,
    #[serde(deserialize_with = "from_file::procedure_steps")]
    pub steps: String,
}

/// A SMART objective: a metric to move from a baseline to a target by a
/// deadline, optionally for one segment or channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: ObjectiveId,
    #[serde(deserialize_with = "from_file::objective_title")]
    pub title: String,
    pub metric: String,
    pub baseline: Amount,
    pub target: Amount,
    pub direction: Direction,
    #[serde(deserialize_with = "from_file::objective_start")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "from_file::objective_deadline")]
    pub deadline: NaiveDate,
    pub segment: Option<SegmentId>,
    pub channel: Option<ChannelId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: CampaignId,
    #[serde(deserialize_with = "from_file::campaign_name")]
    pub name: String,
    pub objective: Option<ObjectiveId>,
    pub segment: Option<SegmentId>,
    pub channel: Option<ChannelId>,
    #[serde(deserialize_with = "from_file::campaign_start")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "from_file::campaign_end")]
    pub end: NaiveDate,
    pub budget: Amount,
    pub owner: Option<PersonId>,
    pub status: CampaignStatus,
    #[serde(deserialize_with = "from_file::description")]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: TaskId,
    #[serde(deserialize_with = "from_file::task_title")]
    pub title: String,
    pub campaign: Option<CampaignId>,
    pub assignee: Option<PersonId>,
    pub status: TaskStatus,
    pub priority: Priority,
    #[serde(default, deserialize_with = "from_file::task_due")]
    pub due: Option<NaiveDate>,
    #[serde(deserialize_with = "from_file::tags")]
    pub tags: Vec<String>,
    #[serde(deserialize_with = "from_file::task_notes")]
    pub notes: String,
    /// The cause or review note this task follows up, if any.
    pub follows_note: Option<NoteId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// How the task repeats, if it does; each of a series carries it.
    #[serde(default)]
    pub recurrence: Option<super::Recurrence>,
    /// The first task of the series this one is in; `None` on the first
    /// itself and on a task that never repeated.
    #[serde(default)]
    pub series: Option<TaskId>,
    /// The task whose done made this one.
    #[serde(default)]
    pub repeats: Option<TaskId>,
}

/// A metric's definition: the built-ins (docs/metrics.md) and the user's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: String,
    pub kind: MetricKind,
    pub unit: Unit,
    pub builtin: bool,
    #[serde(deserialize_with = "from_file::description")]
    pub description: String,
}

/// What a KPI value or a figure is about: the whole business, or one
/// segment, channel or campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Dimension {
    #[default]
    Total,
    Segment(SegmentId),
    Channel(ChannelId),
    Campaign(CampaignId),
}

/// Where a stored KPI value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    Recorded,
    Imported,
}

/// One metric's value on one day for one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiValue {
    #[serde(deserialize_with = "from_file::kpi_day")]
    pub day: NaiveDate,
    pub metric: String,
    pub dimension: Dimension,
    pub value: Amount,
    pub source: ValueSource,
}

/// One order from a shop or CRM export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The shop's order id; `None` where the export has none, in which
    /// case customer, day and amount identify the order, with the orders
    /// alike in all three told apart by their place in the file.
    pub order_ref: Option<String>,
    pub customer: String,
    #[serde(deserialize_with = "from_file::order_day")]
    pub day: NaiveDate,
    pub amount: Amount,
    pub segment: Option<SegmentId>,
}

/// A note on a period: the cause of a change, or a review of what to refine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: NoteId,
    pub kind: NoteKind,
    pub category: CauseCategory,
    /// First and last day of the period the note is about.
    #[serde(deserialize_with = "from_file::note_start")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "from_file::note_end")]
    pub end: NaiveDate,
    pub metric: Option<String>,
    #[serde(deserialize_with = "from_file::note")]
    pub text: String,
    pub created_at: DateTime<Utc>,
}
