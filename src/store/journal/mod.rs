//! The undo/redo journal. Triggers on every user table record, for each
//! row change made while a journal entry is open, the SQL that reverts it
//! and the SQL that repeats it (values rendered by SQLite's own `quote()`).
//! Undo runs an entry's revert SQL newest first; redo runs its repeat SQL
//! oldest first; neither is itself recorded.
//!
//! `triggers` makes the triggers, `orders` journals bulk loads of orders,
//! `steps` undoes and redoes, `in_the_way` names what blocks a step, and
//! `rows` reads which row a recorded op is for.

mod cells;
mod details;
mod in_the_way;
mod label;
mod orders;
mod rows;
mod steps;
mod triggers;

use rusqlite::{Transaction, params};

use super::now_text;

pub use details::Clash;
pub use label::{ChangeLabel, Subject, Verb};
pub(super) use orders::{add_order_batch, rewrite_order_batches};
pub(super) use steps::{redo, undo, undo_anyway};
pub(super) use triggers::{Record, create_triggers, drop_all_triggers, highest_restorable_ids};

/// How many entries the journal keeps; older ones can no longer be undone.
const KEEP_ENTRIES: i64 = 1000;

/// Opens a journal entry for a change about to be written in `tx` by
/// `origin`: from now until [`close`], the triggers record into it. A new
/// change makes its maker's undone entries unreachable, so they are
/// dropped; other makers keep theirs.
pub(super) fn open(tx: &Transaction<'_>, label: &str, origin: &Origin) -> rusqlite::Result<i64> {
    let origin = origin.stored();
    tx.execute(
        "DELETE FROM orders_undone WHERE batch_id IN
           (SELECT batch_id FROM journal_entry WHERE state = 'undone' AND origin = ?1)",
        [&origin],
    )?;
    tx.execute(
        "DELETE FROM journal_entry WHERE state = 'undone' AND origin = ?1",
        [&origin],
    )?;
    tx.execute(
        "INSERT INTO journal_entry (at, label, state, origin) VALUES (?1, ?2, 'done', ?3)",
        params![now_text(), label, origin],
    )?;
    let entry = tx.last_insert_rowid();
    tx.execute("UPDATE journal_state SET entry = ?1", [entry])?;
    // Orders parked by an undone import go with the entry that could
    // bring them back.
    tx.execute(
        "DELETE FROM orders_undone WHERE batch_id IN
           (SELECT batch_id FROM journal_entry WHERE id <= ?1 AND batch_id IS NOT NULL)",
        [entry - KEEP_ENTRIES],
    )?;
    tx.execute(
        "DELETE FROM journal_entry WHERE id <= ?1",
        [entry - KEEP_ENTRIES],
    )?;
    Ok(entry)
}

/// Stops recording; an entry that recorded nothing is dropped.
pub(super) fn close(tx: &Transaction<'_>, entry: i64) -> rusqlite::Result<()> {
    tx.execute("UPDATE journal_state SET entry = NULL", [])?;
    tx.execute(
        "DELETE FROM journal_entry WHERE id = ?1
         AND NOT EXISTS (SELECT 1 FROM journal_op WHERE entry_id = ?1)",
        [entry],
    )?;
    Ok(())
}

/// Who made a change: the command line, or one dashboard session (each
/// running dashboard has its own, so its `u` undoes only its own changes).
/// Changes made before funnel recorded this count as the command line's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    Dashboard(String),
}

impl Origin {
    /// A new dashboard session, different from every other running one.
    pub fn new_dashboard() -> Origin {
        Origin::Dashboard(format!("{:08x}", fastrand::u32(..)))
    }

    fn stored(&self) -> String {
        match self {
            Origin::CommandLine => "cli".into(),
            Origin::Dashboard(id) => format!("tui:{id}"),
        }
    }

    fn from_stored(s: &str) -> Origin {
        match s.strip_prefix("tui:") {
            Some(id) => Origin::Dashboard(id.into()),
            None => Origin::CommandLine,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::CommandLine => f.write_str("the command line"),
            Origin::Dashboard(id) => write!(f, "dashboard session {id}"),
        }
    }
}

/// A journaled change: what an undo or redo did, or would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reverted {
    /// Its journal entry, to step past it or undo it anyway.
    pub entry: i64,
    /// What it did, for the reader's words.
    pub what: ChangeLabel,
    /// The same in English, as the command line's messages say it.
    pub label: String,
    pub at: String,
    pub by: Origin,
}

/// Whose changes an undo or redo may pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Whose<'a> {
    Mine(&'a Origin),
    Anyone,
}

impl Whose<'_> {
    fn origin(self) -> Option<String> {
        match self {
            Whose::Mine(o) => Some(o.stored()),
            Whose::Anyone => None,
        }
    }
}

struct Entry {
    id: i64,
    change: Reverted,
}

fn read_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let id = r.get(0)?;
    let what = ChangeLabel::from_stored(&r.get::<_, String>(1)?);
    Ok(Entry {
        id,
        change: Reverted {
            entry: id,
            label: what.english(),
            what,
            at: r.get(2)?,
            by: Origin::from_stored(&r.get::<_, String>(3)?),
        },
    })
}
