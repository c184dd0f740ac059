//! Bulk loads of orders, journaled as one op per import.

use rusqlite::{OptionalExtension, Transaction, params};

/// Journals a bulk load of orders as one operation: undo parks the batch's
/// orders in `orders_undone`, redo brings them back. The batch's orders
/// are found by the range of ids its import gave them (in
/// `import_batches`): the table has no index by batch.
pub(in crate::store) fn add_order_batch(
    tx: &Transaction<'_>,
    entry: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    let (first, last) = batch_range(tx, batch)?;
    let (undo, redo) = batch_moves(batch, first, last);
    tx.execute(
        "UPDATE journal_entry SET batch_id = ?1 WHERE id = ?2",
        [batch, entry],
    )?;
    tx.execute(
        "INSERT INTO journal_op (entry_id, undo_sql, redo_sql) VALUES (?1, ?2, ?3)",
        params![entry, undo, redo],
    )?;
    Ok(())
}

/// The first and last order id of `batch` (none where it added none).
fn batch_range(tx: &Transaction<'_>, batch: i64) -> rusqlite::Result<(Option<i64>, Option<i64>)> {
    tx.query_row(
        "SELECT first_order, last_order FROM import_batches WHERE id = ?1",
        [batch],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map(Option::unwrap_or_default)
}

/// The SQL that parks the orders of `batch` (ids `first` to `last`) and
/// that brings them back. The batch id is checked too: the range only
/// leads to the rows.
fn batch_moves(batch: i64, first: Option<i64>, last: Option<i64>) -> (String, String) {
    const COLUMNS: &str = "id, order_key, order_ref, customer, day, amount, segment_id, batch_id";
    let (first, last) = (first.unwrap_or(0), last.unwrap_or(-1));
    let rows = format!("id BETWEEN {first} AND {last} AND batch_id = {batch}");
    let mv = |from: &str, to: &str| {
        format!(
            "INSERT INTO {to} ({COLUMNS}) SELECT {COLUMNS} FROM {from} WHERE {rows};
             DELETE FROM {from} WHERE {rows};"
        )
    };
    (mv("orders", "orders_undone"), mv("orders_undone", "orders"))
}

/// Rewrites the batch moves recorded before batches had an id range
/// (`WHERE batch_id = N`, a walk through every order once the index by
/// batch is gone) to move by the range.
pub(in crate::store) fn rewrite_order_batches(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let batches: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT id, batch_id FROM journal_entry WHERE batch_id IS NOT NULL ORDER BY id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (entry, batch) in batches {
        let (first, last) = batch_range(tx, batch)?;
        let (undo, redo) = batch_moves(batch, first, last);
        tx.execute(
            "UPDATE journal_op SET undo_sql = ?2, redo_sql = ?3
             WHERE entry_id = ?1 AND undo_sql LIKE 'INSERT INTO orders_undone (%'",
            params![entry, undo, redo],
        )?;
    }
    Ok(())
}

/// Whether undoing or redoing `entry` changes the orders: it loaded a
/// batch of orders, or the triggers recorded a row change of `orders` in
/// it (an import that updated orders, a deleted segment's orders losing
/// it). The recorded SQL starts as [`create_triggers`] writes it.
pub(super) fn touches_orders(tx: &Transaction<'_>, entry: i64) -> rusqlite::Result<bool> {
    tx.query_row(
        r#"SELECT EXISTS (SELECT 1 FROM journal_entry WHERE id = ?1 AND batch_id IS NOT NULL)
               OR EXISTS (SELECT 1 FROM journal_op WHERE entry_id = ?1
                          AND (undo_sql LIKE 'INSERT INTO "orders" (%'
                               OR undo_sql LIKE 'DELETE FROM "orders" WHERE %'
                               OR undo_sql LIKE 'UPDATE "orders" SET %'))"#,
        [entry],
        |r| r.get(0),
    )
}
