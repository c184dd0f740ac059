//! The undo/redo journal. Triggers on every user table record, for each
//! row change made while a journal entry is open, the SQL that reverts it
//! and the SQL that repeats it (values rendered by SQLite's own `quote()`).
//! Undo runs an entry's revert SQL newest first; redo runs its repeat SQL
//! oldest first; neither is itself recorded.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{StoreError, now_text};

/// Which row changes of a table the journal records.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Record {
    All,
    /// For bulk-loaded tables (orders), whose inserts are journaled as one
    /// operation per import instead of one per row.
    UpdatesAndDeletes,
}

/// Creates the three journal triggers of `table`, from its columns as they
/// are now. A later migration that changes the table recreates them.
pub(super) fn create_triggers(
    tx: &Transaction<'_>,
    table: &str,
    record: Record,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let columns: Vec<String> = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let values = |row: &str| {
        let quoted: Vec<String> = columns
            .iter()
            .map(|c| format!("quote({row}.\"{c}\")"))
            .collect();
        format!("{row}.rowid || ',' || {}", quoted.join(" || ',' || "))
    };
    let names = format!(
        "rowid,{}",
        columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",")
    );
    let insert = |row: &str| {
        format!(
            "'INSERT INTO \"{table}\" ({names}) VALUES (' || {} || ')'",
            values(row)
        )
    };
    let delete = |row: &str| format!("'DELETE FROM \"{table}\" WHERE rowid = ' || {row}.rowid");
    let update = |row: &str| {
        let sets: Vec<String> = columns
            .iter()
            .map(|c| format!("'\"{c}\" = ' || quote({row}.\"{c}\")"))
            .collect();
        format!(
            "'UPDATE \"{table}\" SET ' || {} || ' WHERE rowid = ' || {row}.rowid",
            sets.join(" || ', ' || ")
        )
    };
    let trigger = |event: &str, undo: String, redo: String| {
        format!(
            "CREATE TRIGGER \"journal_{table}_{event}\" AFTER {event} ON \"{table}\"
             WHEN (SELECT entry FROM journal_state) IS NOT NULL
             BEGIN
               INSERT INTO journal_op (entry_id, undo_sql, redo_sql)
               VALUES ((SELECT entry FROM journal_state), {undo}, {redo});
             END;"
        )
    };
    if record == Record::All {
        tx.execute_batch(&trigger("INSERT", delete("new"), insert("new")))?;
    }
    tx.execute_batch(&trigger("DELETE", insert("old"), delete("old")))?;
    tx.execute_batch(&trigger("UPDATE", update("old"), update("new")))?;
    Ok(())
}

/// How many entries the journal keeps; older ones can no longer be undone.
const KEEP_ENTRIES: i64 = 1000;

/// Opens a journal entry for a change about to be written in `tx`: from
/// now until [`close`], the triggers record into it. A new change makes
/// the undone entries unreachable, so they are dropped.
pub(super) fn open(tx: &Transaction<'_>, label: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "DELETE FROM orders_undone WHERE batch_id IN
           (SELECT batch_id FROM journal_entry WHERE state = 'undone')",
        [],
    )?;
    tx.execute("DELETE FROM journal_entry WHERE state = 'undone'", [])?;
    tx.execute(
        "INSERT INTO journal_entry (at, label, state) VALUES (?1, ?2, 'done')",
        params![now_text(), label],
    )?;
    let entry = tx.last_insert_rowid();
    tx.execute("UPDATE journal_state SET entry = ?1", [entry])?;
    tx.execute(
        "DELETE FROM journal_entry WHERE id <= ?1",
        [entry - KEEP_ENTRIES],
    )?;
    Ok(entry)
}

/// Journals a bulk load of orders as one operation: undo parks the batch's
/// orders in `orders_undone`, redo brings them back.
pub(super) fn add_order_batch(
    tx: &Transaction<'_>,
    entry: i64,
    batch: i64,
) -> rusqlite::Result<()> {
    const COLUMNS: &str = "id, order_key, order_ref, customer, day, amount, segment_id, batch_id";
    let mv = |from: &str, to: &str| {
        format!(
            "INSERT INTO {to} ({COLUMNS}) SELECT {COLUMNS} FROM {from} WHERE batch_id = {batch};
             DELETE FROM {from} WHERE batch_id = {batch};"
        )
    };
    tx.execute(
        "UPDATE journal_entry SET batch_id = ?1 WHERE id = ?2",
        [batch, entry],
    )?;
    tx.execute(
        "INSERT INTO journal_op (entry_id, undo_sql, redo_sql) VALUES (?1, ?2, ?3)",
        params![
            entry,
            mv("orders", "orders_undone"),
            mv("orders_undone", "orders")
        ],
    )?;
    Ok(())
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

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reverted {
    pub label: String,
    pub at: String,
}

/// Reverts the latest change still done.
pub(super) fn undo(tx: &Transaction<'_>) -> Result<Reverted, StoreError> {
    let entry: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, label, at FROM journal_entry WHERE state = 'done' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (id, label, at) = entry.ok_or(StoreError::NothingTo("undo"))?;
    run_ops(
        tx,
        id,
        "SELECT undo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id DESC",
    )?;
    if touches_orders(tx, id)? {
        super::rollup::orders_changed(tx)?;
    }
    tx.execute(
        "UPDATE journal_entry SET state = 'undone' WHERE id = ?1",
        [id],
    )?;
    Ok(Reverted { label, at })
}

/// Repeats the change undone most recently.
pub(super) fn redo(tx: &Transaction<'_>) -> Result<Reverted, StoreError> {
    let entry: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, label, at FROM journal_entry WHERE state = 'undone' ORDER BY id ASC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (id, label, at) = entry.ok_or(StoreError::NothingTo("redo"))?;
    run_ops(
        tx,
        id,
        "SELECT redo_sql FROM journal_op WHERE entry_id = ?1 ORDER BY id ASC",
    )?;
    if touches_orders(tx, id)? {
        super::rollup::orders_changed(tx)?;
    }
    tx.execute(
        "UPDATE journal_entry SET state = 'done' WHERE id = ?1",
        [id],
    )?;
    Ok(Reverted { label, at })
}

/// Whether undoing or redoing `entry` changes the orders: it loaded a
/// batch of orders, or the triggers recorded a row change of `orders` in
/// it (an import that updated orders, a deleted segment's orders losing
/// it). The recorded SQL starts as [`create_triggers`] writes it.
fn touches_orders(tx: &Transaction<'_>, entry: i64) -> rusqlite::Result<bool> {
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

fn run_ops(tx: &Transaction<'_>, entry: i64, query: &str) -> rusqlite::Result<()> {
    let ops: Vec<String> = {
        let mut stmt = tx.prepare(query)?;
        stmt.query_map([entry], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for sql in ops {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}
