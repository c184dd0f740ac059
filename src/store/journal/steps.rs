//! Undo and redo: picking the entry, checking nothing made since is in
//! the way, and running its recorded SQL.

use rusqlite::{OptionalExtension, Transaction};

use super::cells::{self, Touch};
use super::in_the_way::{blocked, rows_in_the_way};
use super::orders::touches_orders;
use super::rows::{Row, entry_touches, later_touches};
use super::{ChangeLabel, Entry, Origin, Reverted, Whose, read_entry};
use crate::store::{StoreError, now_text};

/// Reverts the latest change still done that `whose` may pick, passing
/// over the entries in `past` (refused changes the caller chose to step
/// past). Where changes made later by others touched the same fields of
/// the same records (directly or by a cascade), or added or deleted them,
/// nothing is reverted: [`StoreError::UndoConflict`] names the later
/// change.
pub(in crate::store) fn undo(
    tx: &Transaction<'_>,
    whose: Whose<'_>,
    past: &[i64],
) -> Result<Reverted, StoreError> {
    let e = match latest_done(tx, whose.origin(), past)? {
        Some(e) => e,
        None => return Err(nothing_to(tx, "undo", whose, past)?),
    };
    apply(tx, &e, Side::Undo, Run::Checked)?;
    tx.execute(
        "UPDATE journal_entry SET state = 'undone',
           undo_seq = (SELECT IFNULL(max(undo_seq), 0) + 1 FROM journal_entry)
         WHERE id = ?1",
        [e.id],
    )?;
    Ok(e.change)
}

/// The latest change still done made by `origin` (anyone's where `None`),
/// but those in `past`.
fn latest_done(
    tx: &Transaction<'_>,
    origin: Option<String>,
    past: &[i64],
) -> rusqlite::Result<Option<Entry>> {
    let mut stmt = tx.prepare(
        "SELECT id, label, at, origin FROM journal_entry
         WHERE state = 'done' AND origin <> '' AND (?1 IS NULL OR origin = ?1)
         ORDER BY id DESC",
    )?;
    let mut rows = stmt.query_map([origin], read_entry)?;
    rows.find(|e| e.as_ref().map_or(true, |e| !past.contains(&e.id)))
        .transpose()
}

/// Reverts the change `entry`, still done, over the later changes that
/// touched the same fields: its old values are written over theirs, as
/// one new change made by `origin` and labelled `label`, which an undo
/// takes back. Its other checks stand: a record gone, or one in the way,
/// still refuses.
pub(in crate::store) fn undo_anyway(
    tx: &Transaction<'_>,
    entry: i64,
    origin: &Origin,
) -> Result<Reverted, StoreError> {
    let e = tx
        .query_row(
            "SELECT id, label, at, origin FROM journal_entry WHERE id = ?1 AND state = 'done'",
            [entry],
            read_entry,
        )
        .optional()?
        .ok_or(StoreError::NothingTo("undo"))?;
    let label = ChangeLabel::UndoneAnyway {
        change: Box::new(e.change.what.clone()),
    };
    let anyway = super::open(tx, &label.stored(), origin)?;
    apply(tx, &e, Side::Undo, Run::Anyway)?;
    super::close(tx, anyway)?;
    Ok(e.change)
}

/// Repeats the change undone most recently that `whose` may pick, unless a
/// later change still done touched the same fields of the same records.
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
        None => return Err(nothing_to(tx, "redo", whose, &[])?),
    };
    apply(tx, &e, Side::Redo, Run::Checked)?;
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
    past: &[i64],
) -> Result<StoreError, StoreError> {
    if whose == Whose::Anyone {
        return Ok(StoreError::NothingTo(what));
    }
    let other = if what == "undo" {
        latest_done(tx, None, past)?
    } else {
        tx.query_row(
            "SELECT id, label, at, origin FROM journal_entry WHERE state = 'undone'
             ORDER BY undo_seq DESC LIMIT 1",
            [],
            read_entry,
        )
        .optional()?
    };
    Ok(match other {
        Some(other) => StoreError::NothingOwn {
            what,
            other: Box::new(other.change),
        },
        None => StoreError::NothingTo(what),
    })
}

/// Which of its recorded SQL a step runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Undo,
    Redo,
}

/// Whether a step refuses over later changes of the same fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Checked,
    /// Writes over them (undo anyway), recorded into the entry open.
    Anyway,
}

/// Runs the ops of `e` (an undo newest first, a redo oldest first), or
/// refuses and leaves the transaction to be rolled back. Refused, unless
/// `run` is [`Run::Anyway`], where a change still done made after `e`
/// touched a field an op of `e` changed or added or deleted its row (even
/// one the op would now find gone), or did so to a row the run changes by
/// a cascade (the run is recorded under a probe entry to see those);
/// always where a row is not as `e` left it (an insert's row is there, a
/// delete's or update's is gone); and where the run would clash with
/// another record (a name taken since). An update of a row that later
/// changes touched writes only the fields `e` changed, so theirs stay.
fn apply(tx: &Transaction<'_>, e: &Entry, side: Side, run: Run) -> Result<(), StoreError> {
    let order = if side == Side::Undo { "DESC" } else { "ASC" };
    let ops: Vec<(String, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT undo_sql, redo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id {order}"
        ))?;
        stmt.query_map([e.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let what = if side == Side::Undo { "undo" } else { "redo" };
    let refuse = |later: &Reverted| StoreError::UndoConflict {
        what,
        change: Box::new(e.change.clone()),
        later: Box::new(later.clone()),
    };
    let later = later_touches(tx, e.id)?;
    if run == Run::Checked {
        for (u, r) in &ops {
            if let Some(own) = Touch::of(u, r)
                && let Some((_, by)) = later.iter().find(|(t, _)| t.meets(&own))
            {
                return Err(refuse(by));
            }
        }
    }
    let probe = if later.is_empty() || run == Run::Anyway {
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
    for (u, r) in &ops {
        let sql = if side == Side::Undo { u } else { r };
        let own = Touch::of(u, r);
        if let Some(Touch { row, .. }) = &own
            && row_exists(tx, row)? == sql.starts_with("INSERT")
        {
            return Err(blocked(tx, e, what, std::slice::from_ref(row))?);
        }
        let narrowed = match &own {
            Some(Touch {
                row,
                fields: Some(fields),
            }) if later.iter().any(|(t, _)| t.row == *row) => {
                match cells::narrowed(sql, fields) {
                    Some(n) => n,
                    // It changed no field but bookkeeping: nothing to write.
                    None => continue,
                }
            }
            _ => sql.clone(),
        };
        if let Err(err) = tx.execute_batch(&narrowed) {
            if err.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation) {
                return Err(err.into());
            }
            let rows = rows_in_the_way(tx, &narrowed)?;
            return Err(blocked(tx, e, what, &rows)?);
        }
    }
    if let Some(probe) = probe {
        tx.execute("UPDATE journal_state SET entry = NULL", [])?;
        let touched = entry_touches(tx, probe)?;
        tx.execute("DELETE FROM journal_entry WHERE id = ?1", [probe])?;
        if let Some((_, by)) = later
            .iter()
            .find(|(t, _)| touched.iter().any(|own| own.meets(t)))
        {
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
