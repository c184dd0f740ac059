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

use super::links::Linked;
use super::{Result, Store, StoreError, Thing};
use crate::domain::{RecordId, RecordKind, RecordRef};
use crate::text::fold::fold;

/// A kind of record as the store keeps it: how it is checked, written
/// and read, for the one save path ([`Store::save_kept`]) and deletion
/// ([`Store::delete_kept`]).
pub(crate) trait Kept: Clone + Sized {
    type Id: RecordId;

    /// The table its rows live in.
    const TABLE: &'static str;

    /// The column a user names it by.
    const NAME_COLUMN: &'static str = "name";

    /// What links to one of its records and is counted before deleting
    /// it: which count, and its query (`?1` the record's id).
    const LINKS: &'static [(Linked, &'static str)] = &[];

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

fn verb(exists: bool) -> crate::store::Verb {
    if exists {
        crate::store::Verb::Edit
    } else {
        crate::store::Verb::Add
    }
}

/// Runs `$body` with `$K` the type the store keeps records of `$kind`
/// as: the one list of the kinds, each described by its [`Kept`] impl.
macro_rules! kept {
    ($kind:expr, |$K:ident| $body:expr) => {
        match $kind {
            RecordKind::Objective => {
                type $K = crate::domain::Objective;
                $body
            }
            RecordKind::Segment => {
                type $K = crate::domain::Segment;
                $body
            }
            RecordKind::Channel => {
                type $K = crate::domain::Channel;
                $body
            }
            RecordKind::Campaign => {
                type $K = crate::domain::Campaign;
                $body
            }
            RecordKind::Person => {
                type $K = crate::domain::Person;
                $body
            }
            RecordKind::Tool => {
                type $K = crate::domain::Tool;
                $body
            }
            RecordKind::Budget => {
                type $K = crate::domain::Budget;
                $body
            }
            RecordKind::Procedure => {
                type $K = crate::domain::Procedure;
                $body
            }
        }
    };
}

/// The table holding the records of `kind`.
pub(crate) fn table(kind: RecordKind) -> &'static str {
    kept!(kind, |K| K::TABLE)
}

/// The column a user names a record of `kind` by.
fn name_column(kind: RecordKind) -> &'static str {
    kept!(kind, |K| K::NAME_COLUMN)
}

/// What links to a record of `kind` (see [`Kept::LINKS`]).
pub(super) fn links(kind: RecordKind) -> &'static [(Linked, &'static str)] {
    kept!(kind, |K| K::LINKS)
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
            c.label = crate::store::ChangeLabel::Record {
                verb: verb(exists),
                what: kind.into(),
                name: clean.label(id),
            };
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
            c.label = crate::store::ChangeLabel::Record {
                verb: crate::store::Verb::Delete,
                what: kind.into(),
                name: old.label(id.raw()),
            };
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
        kept!(r.kind, |K| {
            let old: K = self.delete_kept(RecordId::from_raw(r.id))?;
            Ok(old.name().to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind's description matches the schema: its table and name
    /// column exist, and what it counts before a deletion can be counted.
    #[test]
    fn every_kind_describes_its_table_and_links() {
        let store = Store::open_in_memory().expect("a store");
        for kind in RecordKind::ALL {
            let sql = format!(
                "SELECT id, {} FROM {} LIMIT 1",
                name_column(*kind),
                table(*kind)
            );
            assert!(store.conn.prepare(&sql).is_ok(), "{kind}: {sql}");
            for (what, sql) in links(*kind) {
                let n: rusqlite::Result<i64> = store.conn.query_row(sql, [1], |r| r.get(0));
                assert_eq!(n.ok(), Some(0), "{kind}: {what:?}: {sql}");
            }
        }
    }
}
