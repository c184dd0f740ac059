//! Deserializers that hold a record read from a file (an export given to
//! `funnel import`) to the rules of one typed: a bad value is refused
//! where it stands, and serde_json's error names its line and column.

use chrono::NaiveDate;
use serde::de::Error;
use serde::{Deserialize, Deserializer};

macro_rules! rules {
    ($($name:ident: $check:ident($field:literal)),+ $(,)?) => {$(
        #[doc = concat!("The ", $field, " as [`super::", stringify!($check), "`] takes it.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
            let s = String::deserialize(d)?;
            super::$check($field, &s).map_err(D::Error::custom)
        }
    )+};
}

rules!(
    task_title: title("task title"),
    task_notes: text("task notes"),
    objective_title: title("objective title"),
    procedure_title: title("procedure title"),
    procedure_steps: text("procedure steps"),
    segment_name: name("segment name"),
    channel_name: name("channel name"),
    person_name: name("person name"),
    tool_name: name("tool name"),
    campaign_name: name("campaign name"),
    role: name_or_empty("role"),
    contact: name_or_empty("contact"),
    description: text("description"),
    note: text("note"),
    free_text: text("text"),
);

macro_rules! days {
    ($($name:ident($field:literal)),+ $(,)?) => {$(
        #[doc = concat!("The ", $field, " as [`super::day_text`] reads it.")]
        pub fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
            let s = String::deserialize(d)?;
            super::day_text($field, &s).map_err(D::Error::custom)
        }
    )+};
}

days!(
    objective_start("objective start"),
    objective_deadline("objective deadline"),
    campaign_start("campaign start"),
    campaign_end("campaign end"),
    note_start("note start"),
    note_end("note end"),
    kpi_day("KPI day"),
    order_day("order day"),
);

/// A task's due day, or none, as [`super::day_text`] reads it.
pub fn task_due<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| super::day_text("task due", &s))
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
