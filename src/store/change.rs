//! Transactions: every write is one change, journaled for undo, taking
//! the write lock up front; previews, unjournaled bulk writes, and how
//! long a write waits for another process's lock.

use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};

use super::journal::{ChangeLabel, Reverted};
use super::{Result, Store, StoreError, busy_timeout, journal};

/// A change being written: its transaction, and the label its journal
/// entry gets (what it did to which record), shown by undo.
pub struct Change<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(super) entry: i64,
    pub label: ChangeLabel,
}

impl Change<'_> {
    pub(crate) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }
}

/// Begins a write transaction, taking the lock up front. SQLite's busy
/// handler waits for another writer, but a WAL file under heavy
/// contention can refuse BEGIN IMMEDIATE at once without calling it (seen
/// with eight processes writing); such a refusal is tried again until
/// `wait` is up, so that "busy" always means the lock was held that long.
fn begin(conn: &Connection, wait: Duration) -> Result<Transaction<'_>> {
    let start = Instant::now();
    loop {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && start.elapsed() < wait =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            begun => return Ok(begun?),
        }
    }
}

impl Store {
    /// Runs `f` as one change: a write transaction that takes the lock up
    /// front (BEGIN IMMEDIATE), journaled for undo, committed at once.
    pub fn change<T>(&mut self, f: impl FnOnce(&mut Change<'_>) -> Result<T>) -> Result<T> {
        self.change_or_preview(true, f)
    }

    /// Like [`Store::change`], but with `commit` false everything is
    /// rolled back at the end: a dry run that reports exactly what the
    /// change would do.
    pub(crate) fn change_or_preview<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let origin = self.origin.clone();
        let expect = self.expect.take();
        let probe = self.identity.probe(&self.path);
        let wait = self.write_wait;
        self.with_bulk_cache(|conn| {
            let tx = begin(conn, wait)?;
            if let Some(seen) = &expect {
                seen.still(&tx)?;
            }
            let entry = journal::open(&tx, "change", &origin)?;
            let mut change = Change {
                tx,
                entry,
                label: ChangeLabel::default(),
            };
            let out = f(&mut change)?;
            change.tx.execute(
                "UPDATE journal_entry SET label = ?1 WHERE id = ?2",
                (change.label.stored(), entry),
            )?;
            journal::close(&change.tx, entry)?;
            if commit {
                probe.still_here()?;
                change.tx.commit()?;
            }
            Ok(out)
        })
    }

    /// A write that is not journaled (demo data, a whole-file import into
    /// an empty database), still all or nothing.
    pub(crate) fn unjournaled<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let probe = self.identity.probe(&self.path);
        let wait = self.write_wait;
        self.with_bulk_cache(|conn| {
            let tx = begin(conn, wait)?;
            let out = f(&tx)?;
            probe.still_here()?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Runs a write with a page cache large enough to hold the indexes a
    /// bulk load fills (inserts into an index in random order otherwise
    /// spill pages to the WAL and read them back), then gives the memory
    /// back. A small change only ever touches a few pages of it.
    pub(crate) fn with_bulk_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        const BULK_CACHE_KIB: i64 = 256 * 1024;
        self.check_writable()?;
        let normal: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = self.waiting_as_set(f);
        self.conn.pragma_update(None, "cache_size", normal)?;
        out
    }

    /// How long this store's writes wait for another process's write
    /// lock ([`BUSY_TIMEOUT`] unless set): the dashboard waits not at all
    /// and tries again itself, so that its screen never freezes.
    pub fn set_write_wait(&mut self, wait: Duration) {
        self.write_wait = wait;
    }

    /// Whether the last write gave up on another process's write lock
    /// ([`StoreError::Busy`]), whichever call made it; asking clears it.
    pub fn take_write_busy(&self) -> bool {
        self.write_busy.replace(false)
    }

    /// Runs a write waiting [`Store::set_write_wait`] for the lock, and
    /// notes whether it gave up.
    pub(super) fn waiting_as_set<T>(
        &mut self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        let own = self.write_wait != busy_timeout();
        if own {
            self.conn.busy_timeout(self.write_wait)?;
        }
        let out = f(&mut self.conn);
        if own {
            self.conn.busy_timeout(busy_timeout())?;
        }
        self.write_busy.set(matches!(out, Err(StoreError::Busy)));
        out
    }

    /// Reverts this store's latest change (see [`Store::set_origin`]).
    /// Changes made since by others are left alone; where one of them
    /// changed the same fields of the same records (or added or deleted
    /// one), nothing is reverted and [`StoreError::UndoConflict`] names it.
    pub fn undo(&mut self) -> Result<Reverted> {
        self.undo_past(&[])
    }

    /// [`Store::undo`], passing over the journal entries in `past`: changes
    /// refused that the caller chose to step past, left done.
    pub fn undo_past(&mut self, past: &[i64]) -> Result<Reverted> {
        let origin = self.origin.clone();
        self.journal_step(|tx| journal::undo(tx, journal::Whose::Mine(&origin), past))
    }

    /// Reverts the change of journal entry `entry` over the later changes
    /// of the same fields that refused its undo: its old values are
    /// written over theirs, as one new change of this store's, which an
    /// undo takes back. Returns the change reverted.
    pub fn undo_anyway(&mut self, entry: i64) -> Result<Reverted> {
        let origin = self.origin.clone();
        self.journal_step(|tx| journal::undo_anyway(tx, entry, &origin))
    }

    /// Reverts the latest change, whoever made it.
    pub fn undo_any(&mut self) -> Result<Reverted> {
        self.journal_step(|tx| journal::undo(tx, journal::Whose::Anyone, &[]))
    }

    /// Repeats this store's change undone most recently, unless a change
    /// made since changed the same records.
    pub fn redo(&mut self) -> Result<Reverted> {
        let origin = self.origin.clone();
        self.journal_step(|tx| journal::redo(tx, journal::Whose::Mine(&origin)))
    }

    /// Repeats the change undone most recently, whoever made it.
    pub fn redo_any(&mut self) -> Result<Reverted> {
        self.journal_step(|tx| journal::redo(tx, journal::Whose::Anyone))
    }

    pub(super) fn journal_step(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<Reverted>,
    ) -> Result<Reverted> {
        self.check_writable()?;
        let probe = self.identity.probe(&self.path);
        let wait = self.write_wait;
        self.waiting_as_set(|conn| {
            let tx = begin(conn, wait)?;
            let r = f(&tx)?;
            probe.still_here()?;
            tx.commit()?;
            Ok(r)
        })
    }
}
