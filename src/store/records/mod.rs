//! The strategy's and the plan's records, one module a kind, and what
//! the store does alike for every kind: where its rows live, finding one
//! by id or name, its name, and the one path every save and deletion
//! takes (validate, check it exists, write, read back what was written).

mod budgets;
mod campaigns;
mod channels;
mod objectives;
mod people;
mod procedures;
mod segments;
mod tools;

use rusqlite::{Connection, OptionalExtension, Transaction};

pub(super) use budgets::{budget_period, put_budget};
pub(super) use campaigns::put_campaign;
pub(super) use channels::put_channel;
pub(super) use objectives::put_objective;
pub(super) use people::put_person;
pub(super) use procedures::put_procedure;
pub(super) use segments::put_segment;
pub(super) use tools::put_tool;

use super::{Result, Store, StoreError, Thing};
use crate::domain::{
    BudgetId, CampaignId, ChannelId, ObjectiveId, PersonId, ProcedureId, RecordId, RecordKind,
    RecordRef, SegmentId, ToolId,
};
use crate::text::fold::fold;

/// A kind of record as the store keeps it: how it is checked, written
/// and read, for the one save path ([`Store::save_kept`]) and deletion
/// ([`Store::delete_kept`]).
pub(crate) trait Kept: Clone + Sized {
    type Id: RecordId;

    fn id(&self) -> Self::Id;

    /// What its journal label and a duplicate's message call it.
    fn name(&self) -> &str;

    /// The record as it is written: every field checked and tidied.
    fn clean(&self, store: &Store) -> Result<Self>;

    /// Writes the row: a new one where its id is 0, else the one with its
    /// id, inserted or replaced (an edit, or a load of an export).
    fn put(conn: &Connection, r: &Self) -> rusqlite::Result<i64>;

    /// The stored record with `id`.
    fn read(store: &Store, id: Self::Id) -> Result<Self>;

    /// What its journal label calls the record written with `id`.
    fn label(&self, _id: i64) -> String {
        self.name().to_string()
    }

    /// Another record already has its name.
    fn duplicate(&self) -> StoreError {
        StoreError::Duplicate {
            what: Thing::Record(Self::Id::KIND),
            name: self.name().to_string(),
        }
    }

    /// What else changes once its row is deleted, in the same change.
    fn deleted(_tx: &Transaction<'_>) -> Result<()> {
        Ok(())
    }
}

/// Whether a write failed on a UNIQUE (or primary key) constraint.
fn is_duplicate(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(e, _)
        if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

/// Turns a UNIQUE violation into a message naming the duplicate.
pub(crate) fn unique<T>(r: rusqlite::Result<T>, what: Thing, name: &str) -> Result<T> {
    match r {
        Err(e) if is_duplicate(&e) => Err(StoreError::Duplicate {
            what,
            name: name.to_string(),
        }),
        other => Ok(other?),
    }
}

fn verb(exists: bool) -> &'static str {
    if exists { "edit" } else { "add" }
}

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
        what: Thing::Record(kind),
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
        many => Err(StoreError::Ambiguous {
            what: Thing::Record(kind),
            key: key.to_string(),
            matches: many
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

impl Store {
    /// Adds `r` where its id is 0, else replaces the record with its id:
    /// checked, written as one change, and read back as stored.
    pub(crate) fn save_kept<R: Kept>(&mut self, r: &R) -> Result<R> {
        let clean = r.clean(self)?;
        let exists = r.id().raw() > 0;
        if exists {
            R::read(self, r.id())?;
        }
        let id = self.change(|c| {
            let id = match R::put(c.tx(), &clean) {
                Err(e) if is_duplicate(&e) => return Err(clean.duplicate()),
                written => written?,
            };
            let kind = R::Id::KIND;
            c.label = format!("{} {kind} {}", verb(exists), clean.label(id));
            Ok(id)
        })?;
        R::read(self, R::Id::from_raw(id))
    }

    /// Deletes the record `id` as one change, returning it as it was.
    pub(crate) fn delete_kept<R: Kept>(&mut self, id: R::Id) -> Result<R> {
        let old = R::read(self, id)?;
        let kind = R::Id::KIND;
        self.change(|c| {
            let sql = format!("DELETE FROM {} WHERE id = ?1", table(kind));
            c.tx().execute(&sql, [id.raw()])?;
            R::deleted(c.tx())?;
            c.label = format!("delete {kind} {}", old.label(id.raw()));
            Ok(())
        })?;
        Ok(old)
    }

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
