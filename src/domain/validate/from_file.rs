//! Deserializers that hold a record read from a file (an export given to
//! `funnel import`) to the rules of one typed: a bad value is refused
//! where it stands, and serde_json's error names its line and column.

use chrono::NaiveDate;
use serde::de::Error;
use serde::{Deserialize, Deserializer};

macro_rules! rules {
    ($($name:ident: $check:ident($field:ident)),+ $(,)?) => {$(
        #[doc = concat!("The ", stringify!($field), " as [`super::", stringify!($check), "`] takes it.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
            let s = String::deserialize(d)?;
            super::$check(super::Field::$field, &s).map_err(D::Error::custom)
        }
    )+};
}

rules!(
    task_title: title(TaskTitle),
    task_notes: text(TaskNotes),
    objective_title: title(ObjectiveTitle),
    procedure_title: title(ProcedureTitle),
    procedure_steps: text(ProcedureSteps),
    segment_name: name(SegmentName),
    channel_name: name(ChannelName),
    person_name: name(PersonName),
    tool_name: name(ToolName),
    campaign_name: name(CampaignName),
    role: name_or_empty(Role),
    contact: name_or_empty(Contact),
    description: text(Description),
    note: text(Note),
    free_text: text(Text),
);

macro_rules! days {
    ($($name:ident($field:ident)),+ $(,)?) => {$(
        #[doc = concat!("The ", stringify!($field), " as [`super::day_text`] reads it.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            let s = String::deserialize(d)?;
            super::day_text(super::Field::$field, &s).map_err(D::Error::custom)
        }
    )+};
}

days!(
    objective_start(ObjectiveStart),
    objective_deadline(ObjectiveDeadline),
    campaign_start(CampaignStart),
    campaign_end(CampaignEnd),
    note_start(NoteStart),
    note_end(NoteEnd),
    kpi_day(KpiDay),
    order_day(OrderDay),
);

/// A task's due day, or none, as [`super::day_text`] reads it.
pub fn task_due<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| super::day_text(super::Field::TaskDue, &s))
        .transpose()
        .map_err(D::Error::custom)
}

/// Tags as [`super::tag`] takes each.
pub fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|t| super::tag(t).map_err(D::Error::custom))
        .collect()
}
