//! A task read from a row, and the column readers other tables share.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;

use crate::domain::{CampaignId, NoteId, PersonId, Task, TaskId};
use crate::store::parse_day;

pub(in crate::store) const COLUMNS: &str = "id, title, campaign_id, assignee_id, status, priority, due, tags, \
                                  notes, note_id, created_at, updated_at, done_at, recurrence, \
                                  series_id, repeats_id";

pub(in crate::store) fn timestamp(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

pub(crate) fn enum_col<T: std::str::FromStr>(r: &Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s = r.get_ref(i)?.as_str()?;
    s.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn day_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get_ref(i)?.as_str_or_null()?.map(parse_day).transpose()
}

/// One task from a row of [`COLUMNS`]. Text that only gets parsed is
/// borrowed from the row, not copied: the TUI reads 50,000 of these.
pub(in crate::store) fn task_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    let tags = r.get_ref(7)?.as_str()?;
    Ok(Task {
        id: TaskId(r.get(0)?),
        title: r.get(1)?,
        campaign: r.get::<_, Option<i64>>(2)?.map(CampaignId),
        assignee: r.get::<_, Option<i64>>(3)?.map(PersonId),
        status: enum_col(r, 4)?,
        priority: enum_col(r, 5)?,
        due: day_col(r, 6)?,
        tags: tags.split_whitespace().map(str::to_string).collect(),
        notes: r.get(8)?,
        follows_note: r.get::<_, Option<i64>>(9)?.map(NoteId),
        created_at: timestamp(r.get_ref(10)?.as_str()?)?,
        updated_at: timestamp(r.get_ref(11)?.as_str()?)?,
        done_at: r
            .get_ref(12)?
            .as_str_or_null()?
            .map(timestamp)
            .transpose()?,
        recurrence: r
            .get_ref(13)?
            .as_str_or_null()?
            .map(|s| {
                s.parse().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        13,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            })
            .transpose()?,
        series: r.get::<_, Option<i64>>(14)?.map(TaskId),
        repeats: r.get::<_, Option<i64>>(15)?.map(TaskId),
    })
}
