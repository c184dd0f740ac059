//! Which row a recorded op is for, and what an entry or the entries
//! after it touched.

use rusqlite::{Connection, Transaction};

use super::cells::Touch;
use super::{Reverted, read_entry};

/// A row of a user table: the table's name and the row's rowid.
pub(super) type Row = (String, i64);

/// What the changes still done that were made after `entry` touched,
/// each with its change.
pub(super) fn later_touches(
    tx: &Connection,
    entry: i64,
) -> rusqlite::Result<Vec<(Touch, Reverted)>> {
    let mut stmt = tx.prepare(
        "SELECT e.id, e.label, e.at, e.origin, o.undo_sql, o.redo_sql
         FROM journal_entry e JOIN journal_op o ON o.entry_id = e.id
         WHERE e.id > ?1 AND e.state = 'done' ORDER BY e.id, o.id",
    )?;
    let ops = stmt
        .query_map([entry], |r| {
            Ok((
                read_entry(r)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rows = Vec::new();
    for (e, undo_sql, redo_sql) in ops {
        if let Some(touch) = Touch::of(&undo_sql, &redo_sql) {
            rows.push((touch, e.change.clone()));
        }
    }
    // A later orders import moves its whole batch: its rows are the
    // batch's orders (found by the batch's id range).
    let mut stmt = tx.prepare(
        "SELECT e.id, e.label, e.at, e.origin, o.id
         FROM journal_entry e JOIN import_batches b ON b.id = e.batch_id
         JOIN orders o ON o.id BETWEEN b.first_order AND b.last_order AND o.batch_id = b.id
         WHERE e.id > ?1 AND e.state = 'done' ORDER BY e.id, o.id",
    )?;
    let batch = stmt.query_map([entry], |r| Ok((read_entry(r)?, r.get::<_, i64>(4)?)))?;
    for b in batch {
        let (e, order) = b?;
        rows.push((Touch::whole(("orders".to_string(), order)), e.change));
    }
    Ok(rows)
}

/// What the triggers recorded into `entry` touched.
pub(super) fn entry_touches(tx: &Transaction<'_>, entry: i64) -> rusqlite::Result<Vec<Touch>> {
    let mut stmt = tx.prepare("SELECT undo_sql, redo_sql FROM journal_op WHERE entry_id = ?1")?;
    let rows = stmt
        .query_map([entry], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.iter().filter_map(|(u, r)| Touch::of(u, r)).collect())
}

/// The row a recorded op changes, read from its SQL as
/// [`create_triggers`] writes it: `DELETE FROM "t" WHERE rowid = N`,
/// `UPDATE "t" SET … WHERE rowid = N` (the last such clause: values come
/// before it) or `INSERT INTO "t" (rowid, …) VALUES (N, …)`. An orders
/// batch move is not such an op.
pub(super) fn op_row(sql: &str) -> Option<Row> {
    let rest = sql
        .strip_prefix("DELETE FROM \"")
        .or_else(|| sql.strip_prefix("UPDATE \""))
        .or_else(|| sql.strip_prefix("INSERT INTO \""))?;
    let (table, rest) = rest.split_once('"')?;
    let rowid = if sql.starts_with("INSERT") {
        let (_, values) = rest.split_once(" VALUES (")?;
        values.split_once(',')?.0
    } else {
        rest.rsplit_once(" WHERE rowid = ")?.1
    };
    Some((table.to_string(), rowid.trim().parse().ok()?))
}
