//! The SQLite store. Nothing outside this module writes SQL; every value
//! is a bound parameter. `open` opens a file, `files` checks what a path
//! holds, `migrate` brings an older file up to the schema, `change` runs
//! every write as one journaled transaction; `records` and the modules
//! named after what they keep hold the queries.

mod change;
mod check;
mod copies;
mod dump;
mod error;
mod files;
mod identity;
mod journal;
mod migrate;
mod open;
mod recurrence;
mod schema;
mod sidecars;
mod workflow;

pub mod kpis;
pub mod links;
pub mod orders;
pub mod plan;
pub mod records;
pub mod rollup;
pub mod seen;
pub mod strategy;
pub mod task_lines;
pub mod tasks;
pub mod transfer;

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use rusqlite::Connection;

pub use change::Change;
pub use copies::{Copied, Restored, count_tasks_and_orders, restore};
pub use dump::Dump;
pub use error::{EmptyFor, NotFunnel, StoreError, Thing};
use files::{check_header, create_private, folder, sidecar, sync_dir};
pub use files::{network_filesystem, network_kind};
pub use identity::Detachment;
pub use journal::{ChangeLabel, Clash, Origin, Reverted, Subject, Verb};
pub use schema::builtin_metric_names;

/// How long a writer waits for another process's write lock before it
/// gives up with [`StoreError::Busy`], unless a test sets `FUNNEL_BUSY_MS`
/// (see [`busy_timeout`]).
pub const BUSY_TIMEOUT: Duration = crate::knobs::DEFAULT_BUSY;

/// How long a writer waits for another process's write lock: [`BUSY_TIMEOUT`]
/// or the test knob `FUNNEL_BUSY_MS`.
pub fn busy_timeout() -> Duration {
    crate::knobs::get().busy
}

/// The busy timeout as the busy message says it: whole seconds, or tenths
/// below ten seconds where a test set a shorter wait.
pub(crate) fn busy_seconds() -> String {
    let wait = busy_timeout();
    if wait.subsec_millis() == 0 {
        wait.as_secs().to_string()
    } else {
        format!("{:.1}", wait.as_secs_f64())
    }
}

/// Past this size, a closing store copies the WAL into the file and
/// empties it (see `Drop for Store`).
const WAL_TRUNCATE_BYTES: u64 = 1024 * 1024;

/// Reads through a memory map instead of a copy per page read.
const MMAP_BYTES: i64 = 256 * 1024 * 1024;
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open funnel database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file itself cannot be written (no permission): reading works,
    /// a write is refused up front with the reason. (A store opened with
    /// `open_read_only` is refused by SQLite: [`StoreError::ReadOnly`].)
    no_write_permission: bool,
    /// Who this store's changes are journaled as made by.
    origin: Origin,
    /// What the next change's record must still be once it holds the
    /// write lock (see [`Store::write_unchanged`]).
    expect: Option<seen::Seen>,
    /// The file the store opened, to tell whether the path still names it.
    identity: identity::Identity,
    /// How long a write waits for another process's write lock.
    write_wait: Duration,
    /// The last write gave up on another process's write lock.
    write_busy: Cell<bool>,
    /// The points of the orders an import just stored into an empty
    /// table, with the orders generation they are of: what building the
    /// rollups would otherwise read back (see `Store::take_imported_points`).
    imported_points: RefCell<Option<(i64, orders::OrderPoints)>>,
    /// What day it is: a repeating task done today is followed by one due
    /// from today (see `Store::set_clock`).
    clock: crate::domain::Clock,
}

/// The last connection to close folds the WAL into the file and deletes
/// it (SQLite's own close), so a closed database is one file that a plain
/// copy takes whole. While others keep the file open (a dashboard), a
/// closing one-shot command cannot: SQLite empties the WAL only when a
/// writer finds it wholly copied into the file, so commands beside an open
/// dashboard would grow it without end (33 KB per `task done` on the large
/// data set), and each of them reads all of it back before its first
/// query. So a store closing over a WAL past [`WAL_TRUNCATE_BYTES`] copies
/// and empties it, without waiting: while another process reads, the
/// checkpoint gives up and a later close tries again. Nothing committed
/// depends on it.
impl Drop for Store {
    fn drop(&mut self) {
        // A store whose path names another file now (or none) closes
        // without touching the path: see `identity`.
        if self.check_file().is_some() {
            return;
        }
        let wal = sidecar(&self.path, "-wal");
        let big = std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_TRUNCATE_BYTES);
        if big && self.conn.busy_timeout(Duration::ZERO).is_ok() {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

impl Store {
    /// Copies the WAL into the database file and empties it.
    pub fn checkpoint(&self) -> Result<()> {
        self.check_attached()?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// SQLite's integrity check; `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Foreign keys that point nowhere (`table rowid -> parent`).
    pub fn foreign_key_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the database holds anything a user entered.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM campaigns)
                  + (SELECT count(*) FROM objectives) + (SELECT count(*) FROM segments)
                  + (SELECT count(*) FROM channels) + (SELECT count(*) FROM people)
                  + (SELECT count(*) FROM orders) + (SELECT count(*) FROM kpi_values)
                  + (SELECT count(*) FROM notes) + (SELECT count(*) FROM procedures)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }
}

/// The current time as stored: RFC 3339 in UTC, to the second.
pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn day_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    // Not chrono's strftime: this runs once per row of a million-row import.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a stored ISO day; a malformed one is reported as a database error.
pub(crate) fn parse_day(s: &str) -> rusqlite::Result<NaiveDate> {
    // Not chrono's format parser: this runs once per order when the
    // customer metrics read a million orders.
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r).and_then(|d| {
            d.iter().try_fold(0u32, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        })
    };
    let parsed = match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("'{s}' is not a stored day (YYYY-MM-DD)").into(),
        )
    })
}

/// The id to write: `NULL` (SQLite picks one) for a new record.
pub(super) fn new_or(id: i64) -> Option<i64> {
    (id > 0).then_some(id)
}

pub(super) fn written_id(conn: &Connection, id: i64) -> i64 {
    if id > 0 { id } else { conn.last_insert_rowid() }
}
