//! Undo and redo: picking the entry, checking nothing made since is in
//! the way, and running its recorded SQL.

use rusqlite::{OptionalExtension, Transaction};

use super::in_the_way::{blocked, rows_in_the_way};
use super::orders::touches_orders;
use super::rows::{Row, entry_rows, later_rows, op_row};
use super::{Entry, Reverted, Whose, read_entry};
use crate::store::{StoreError, now_text};

/// Reverts the latest change still done that `whose` may pick. Where
/// changes made later by others touched the same records (directly or by
/// a cascade), nothing is reverted: [`StoreError::UndoConflict`] names the
/// later change.
pub(in crate::store) fn undo(
    tx: &Transaction<'_>,
    whose: Whose<'_>,
) -> Result<Reverted, StoreError> {
    let picked = tx
        .query_row(
            "SELECT id, label, at, origin FROM journal_entry
             WHERE state = 'done' AND (?1 IS NULL OR origin = ?1)
             ORDER BY id DESC LIMIT 1",
            [whose.origin()],
            read_entry,
        )
        .optional()?;
    let e = match picked {
        Some(e) => e,
        None => return Err(nothing_to(tx, "undo", whose)?),
    };
    apply(
        tx,
        &e,
        "undo",
        "SELECT undo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id DESC",
    )?;
    tx.execute(
        "UPDATE journal_entry SET state = 'undone',
           undo_seq = (SELECT IFNULL(max(undo_seq), 0) + 1 FROM journal_entry)
         WHERE id = ?1",
        [e.id],
    )?;
    Ok(e.change)
}

/// Repeats the change undone most recently that `whose` may pick, unless a
/// later change still done touched the same records.
pub(in crate::store) fn redo(
    tx: &Transaction<'_>,
    whose: Whose<'_>,
) -> Result<Reverted, StoreError> {
    let picked = tx
        .query_row(
            "SELECT id, label, at, origin FROM journal_entry
             WHERE state = 'undone' AND (?1 IS NULL OR origin = ?1)
             ORDER BY undo_seq DESC LIMIT 1",
            [whose.origin()],
            read_entry,
        )
        .optional()?;
    let e = match picked {
        Some(e) => e,
        None => return Err(nothing_to(tx, "redo", whose)?),
    };
    apply(
        tx,
        &e,
        "redo",
        "SELECT redo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id ASC",
    )?;
    tx.execute(
        "UPDATE journal_entry SET state = 'done', undo_seq = NULL WHERE id = ?1",
        [e.id],
    )?;
    Ok(e.change)
}

/// Why there is nothing to undo or redo: nothing at all, or nothing of
/// the caller's while someone else's change could be (named, so the caller
/// can say what `--any` would revert).
fn nothing_to(
    tx: &Transaction<'_>,
    what: &'static str,
    whose: Whose<'_>,
) -> Result<StoreError, StoreError> {
    if whose == Whose::Anyone {
        return Ok(StoreError::NothingTo(what));
    }
    let query = if what == "undo" {
        "SELECT id, label, at, origin FROM journal_entry WHERE state = 'done'
         ORDER BY id DESC LIMIT 1"
    } else {
        "SELECT id, label, at, origin FROM journal_entry WHERE state = 'undone'
         ORDER BY undo_seq DESC LIMIT 1"
    };
    Ok(match tx.query_row(query, [], read_entry).optional()? {
        Some(other) => StoreError::NothingOwn {
            what,
            other: Box::new(other.change),
        },
        None => StoreError::NothingTo(what),
    })
}

/// Runs the ops of `e` that `query` selects, or refuses and leaves the
/// transaction to be rolled back. Refused where a change still done made
/// after `e` touched a row an op of `e` is for (even one the op would now
/// find gone), or a row the run changes by a cascade (the run is recorded
/// under a probe entry to see those); where a row is not as `e` left it
/// (an insert's row is there, a delete's or update's is gone); and where
/// the run would clash with another record (a name taken since).
fn apply(
    tx: &Transaction<'_>,
    e: &Entry,
    what: &'static str,
    query: &str,
) -> Result<(), StoreError> {
    let ops: Vec<String> = {
        let mut stmt = tx.prepare(query)?;
        stmt.query_map([e.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let refuse = |later: &Reverted| StoreError::UndoConflict {
        what,
        change: Box::new(e.change.clone()),
        later: Box::new(later.clone()),
    };
    let later = later_rows(tx, e.id)?;
    let own: std::collections::HashSet<Row> = ops.iter().filter_map(|sql| op_row(sql)).collect();
    if let Some((_, by)) = later.iter().find(|(row, _)| own.contains(row)) {
        return Err(refuse(by));
    }
    let probe = if later.is_empty() {
        None
    } else {
        tx.execute(
            "INSERT INTO journal_entry (at, label, state, origin) VALUES (?1, 'probe', 'done', '')",
            [now_text()],
        )?;
        let probe = tx.last_insert_rowid();
        tx.execute("UPDATE journal_state SET entry = ?1", [probe])?;
        Some(probe)
    };
    for sql in &ops {
        if let Some(row) = op_row(sql)
            && row_exists(tx, &row)? == sql.starts_with("INSERT")
        {
            return Err(blocked(tx, e, what, &[row])?);
        }
        if let Err(err) = tx.execute_batch(sql) {
            if err.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation) {
                return Err(err.into());
            }
            let rows = rows_in_the_way(tx, sql)?;
            return Err(blocked(tx, e, what, &rows)?);
        }
    }
    if let Some(probe) = probe {
        tx.execute("UPDATE journal_state SET entry = NULL", [])?;
        let touched = entry_rows(tx, probe)?;
        tx.execute("DELETE FROM journal_entry WHERE id = ?1", [probe])?;
        if let Some((_, by)) = later.iter().find(|(row, _)| touched.contains(row)) {
            return Err(refuse(by));
        }
    }
    if touches_orders(tx, e.id)? {
        crate::store::rollup::orders_changed(tx)?;
    }
    Ok(())
}

fn row_exists(tx: &Transaction<'_>, (table, rowid): &Row) -> rusqlite::Result<bool> {
    tx.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE rowid = ?1)"
    ))?
    .query_row([rowid], |r| r.get(0))
}
