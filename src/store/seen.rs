//! What an edit saw of a record, so that its write can tell whether
//! another process changed the record in between: the dashboard's forms
//! read a record again when they are submitted, merge, and write only
//! where the record is still what they read, checked under the write
//! lock.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::{Result, Store, StoreError};
use crate::domain::RecordKind;

/// The tables of the records an edit form changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Tasks,
    Notes,
    /// The brand message and positioning (one row).
    Message,
    /// A strategy or plan record.
    Record(RecordKind),
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Tasks => "tasks",
            Table::Notes => "notes",
            Table::Message => "message",
            Table::Record(kind) => super::records::table(kind),
        }
    }

    /// A record of the table, in messages.
    fn what(self) -> super::Thing {
        match self {
            Table::Tasks => super::Thing::Task,
            Table::Notes => super::Thing::Note,
            Table::Message => super::Thing::Message,
            Table::Record(kind) => super::Thing::Record(kind),
        }
    }
}

/// A record as an edit read it: its row's values, none where it was
/// gone, and (for a channel) the segments it reaches, which are rows of
/// their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    table: Table,
    id: i64,
    row: Option<Vec<Value>>,
    links: Vec<i64>,
}

impl Seen {
    fn read(conn: &Connection, table: Table, id: i64) -> Result<Seen> {
        let sql = format!("SELECT * FROM \"{}\" WHERE id = ?1", table.name());
        let row = conn
            .query_row(&sql, [id], |r| {
                (0..r.as_ref().column_count())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()?;
        let links = if table == Table::Record(RecordKind::Channel) {
            let mut stmt = conn.prepare_cached(
                "SELECT segment_id FROM channel_segments WHERE channel_id = ?1
                 ORDER BY segment_id",
            )?;
            stmt.query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        } else {
            Vec::new()
        };
        Ok(Seen {
            table,
            id,
            row,
            links,
        })
    }

    /// Refuses, nothing written, where the record is no longer as seen:
    /// changed or deleted since (or, seen gone, back).
    pub(super) fn still(&self, conn: &Connection) -> Result<()> {
        if Seen::read(conn, self.table, self.id)? == *self {
            return Ok(());
        }
        Err(StoreError::Changed {
            what: self.table.what(),
            key: self.id.to_string(),
        })
    }
}

/// How often a record changing while it is read is read again.
const READS: usize = 3;

impl Store {
    /// Reads a record to edit with `read`, and what [`Store::write_unchanged`]
    /// checks later. The record is marked before and after `read` (no read
    /// transaction is held): where the marks differ, it changed while being
    /// read, and is read again.
    pub fn read_to_edit<T>(
        &self,
        table: Table,
        id: i64,
        read: impl Fn(&Store) -> Result<T>,
    ) -> Result<(T, Seen)> {
        let mut before = Seen::read(&self.conn, table, id)?;
        for _ in 0..READS {
            let record = read(self)?;
            let after = Seen::read(&self.conn, table, id)?;
            if after == before {
                return Ok((record, after));
            }
            before = after;
        }
        Err(StoreError::Changed {
            what: table.what(),
            key: id.to_string(),
        })
    }

    /// Runs `write`, one change to the record `seen` was read of, only
    /// where the record is still as seen once the change holds the write
    /// lock; else [`StoreError::Changed`] and nothing is written.
    pub fn write_unchanged<T>(
        &mut self,
        seen: &Seen,
        write: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.expect = Some(seen.clone());
        let out = write(self);
        // A write refused before its change began leaves it unused.
        self.expect = None;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Tool, ToolId};

    fn tool(name: &str, purpose: &str) -> Tool {
        Tool {
            id: ToolId(0),
            name: name.into(),
            purpose: purpose.into(),
        }
    }

    #[test]
    fn a_write_goes_through_only_while_the_record_is_as_seen() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f.db");
        let mut store = Store::open(&path).expect("store");
        let canva = store.save_tool(&tool("Canva", "design")).expect("saved");
        let (read, seen) = store
            .read_to_edit(Table::Record(RecordKind::Tool), canva.id.0, |s| {
                s.tool(canva.id)
            })
            .expect("read");
        assert_eq!(read, canva);
        let mut other = Store::open(&path).expect("second connection");
        other
            .save_tool(&Tool {
                purpose: "banners".into(),
                ..canva.clone()
            })
            .expect("changed elsewhere");
        let e = store
            .write_unchanged(&seen, |s| {
                s.save_tool(&Tool {
                    name: "Canva Pro".into(),
                    ..canva.clone()
                })
            })
            .expect_err("changed since seen");
        assert_eq!(
            e.to_string(),
            format!(
                "tool {} was changed elsewhere since it was read; nothing was written",
                canva.id.0
            )
        );
        assert_eq!(store.tool(canva.id).expect("tool").purpose, "banners");

        let (now, seen) = store
            .read_to_edit(Table::Record(RecordKind::Tool), canva.id.0, |s| {
                s.tool(canva.id)
            })
            .expect("read");
        let renamed = store
            .write_unchanged(&seen, |s| {
                s.save_tool(&Tool {
                    name: "Canva Pro".into(),
                    ..now.clone()
                })
            })
            .expect("unchanged since seen");
        assert_eq!(
            (renamed.name.as_str(), renamed.purpose.as_str()),
            ("Canva Pro", "banners")
        );
        assert!(
            store.save_tool(&tool("Figma", "")).is_ok(),
            "the check was for that one write only"
        );
    }

    #[test]
    fn a_record_deleted_since_it_was_seen_is_not_written_back() {
        let mut store = Store::open_in_memory().expect("store");
        let t = store.save_tool(&tool("Canva", "")).expect("saved");
        let (_, seen) = store
            .read_to_edit(Table::Record(RecordKind::Tool), t.id.0, |s| s.tool(t.id))
            .expect("read");
        store.delete_tool(t.id).expect("deleted");
        let e = store
            .write_unchanged(&seen, |s| s.save_tool(&t))
            .expect_err("gone");
        assert!(
            matches!(e, StoreError::Changed { .. } | StoreError::NotFound { .. }),
            "{e}"
        );
        assert!(store.tools().expect("tools").is_empty());
    }
}
