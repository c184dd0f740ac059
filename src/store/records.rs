//! What the store does alike for every kind of record: where its rows
//! live, finding one by id or name, its name, and deleting it.

use rusqlite::{Connection, OptionalExtension};

use super::{Result, Store, StoreError};
use crate::domain::{
    BudgetId, CampaignId, ChannelId, ObjectiveId, PersonId, ProcedureId, RecordKind, RecordRef,
    SegmentId, ToolId,
};
use crate::text::fold::fold;

/// The table holding the records of `kind`.
pub(crate) fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Objective => "objectives",
        RecordKind::Segment => "segments",
        RecordKind::Channel => "channels",
        RecordKind::Campaign => "campaigns",
        RecordKind::Person => "people",
        RecordKind::Tool => "tools",
        RecordKind::Budget => "budgets",
        RecordKind::Procedure => "procedures",
    }
}

/// The column a user names a record of `kind` by.
fn name_column(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Objective | RecordKind::Procedure => "title",
        RecordKind::Budget => "period",
        _ => "name",
    }
}

fn not_found(kind: RecordKind, key: impl ToString) -> StoreError {
    StoreError::NotFound {
        what: kind.as_str(),
        key: key.to_string(),
    }
}

/// Finds a row by id, by exact name (ignoring case, in any script, then
/// also accents), or by a part of its name that only one row has.
pub(crate) fn resolve(conn: &Connection, kind: RecordKind, key: &str) -> Result<i64> {
    let all: Vec<(i64, String)> = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, {} FROM {} ORDER BY id",
            name_column(kind),
            table(kind)
        ))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let key_trim = key.trim().trim_start_matches('@');
    if let Ok(id) = key_trim.parse::<i64>()
        && all.iter().any(|(i, _)| *i == id)
    {
        return Ok(id);
    }
    let wanted = key_trim.to_lowercase();
    if wanted.is_empty() {
        return Err(not_found(kind, key));
    }
    if let Some((id, _)) = all.iter().find(|(_, n)| n.to_lowercase() == wanted) {
        return Ok(*id);
    }
    // Then ignoring accents: "qua tet 2027" finds "Quà Tết 2027".
    let folded = fold(&wanted);
    if let Some((id, _)) = all.iter().find(|(_, n)| fold(n) == folded) {
        return Ok(*id);
    }
    let partial: Vec<&(i64, String)> = all
        .iter()
        .filter(|(_, n)| fold(n).contains(&folded))
        .collect();
    match partial.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(not_found(kind, key)),
        many => Err(StoreError::Conflict(format!(
            "{} '{}' is ambiguous: {}",
            kind.as_str(),
            key,
            many.iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

impl Store {
    /// The id of the record of `kind` that `key` names (see [`resolve`]).
    pub fn resolve(&self, kind: RecordKind, key: &str) -> Result<i64> {
        resolve(&self.conn, kind, key)
    }

    /// The name of `r` as stored: a title, a name, or a budget's period.
    pub fn record_name(&self, r: RecordRef) -> Result<String> {
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1",
            name_column(r.kind),
            table(r.kind)
        );
        self.conn
            .query_row(&sql, [r.id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| not_found(r.kind, r.id))
    }

    /// Deletes `r` as one journaled change, returning the name it had.
    pub fn delete_record(&mut self, r: RecordRef) -> Result<String> {
        Ok(match r.kind {
            RecordKind::Objective => self.delete_objective(ObjectiveId(r.id))?.title,
            RecordKind::Segment => self.delete_segment(SegmentId(r.id))?.name,
            RecordKind::Channel => self.delete_channel(ChannelId(r.id))?.name,
            RecordKind::Campaign => self.delete_campaign(CampaignId(r.id))?.name,
            RecordKind::Person => self.delete_person(PersonId(r.id))?.name,
            RecordKind::Tool => self.delete_tool(ToolId(r.id))?.name,
            RecordKind::Budget => self.delete_budget(BudgetId(r.id))?.period,
            RecordKind::Procedure => self.delete_procedure(ProcedureId(r.id))?.title,
        })
    }
}
