//! The triggers that record each row change while an entry is open.

use rusqlite::Transaction;

use super::rows::op_row;

/// Which row changes of a table the journal records.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Record {
    All,
    /// For bulk-loaded tables (orders), whose inserts are journaled as one
    /// operation per import instead of one per row.
    UpdatesAndDeletes,
}

/// Creates the three journal triggers of `table`, from its columns as they
/// are now. A later migration that changes the table recreates them.
///
/// SQLite parses every trigger of the file each time a process opens it,
/// before its first statement: that parse was half of a one-task command.
/// So each trigger is as little SQL as records its op: one `printf` per
/// SQL text with the table's names in its format (not a chain of `||`,
/// two nodes more per column), and no `WHEN` (the insert selects from
/// `journal_state` only while an entry is open).
pub(in crate::store) fn create_triggers(
    tx: &Transaction<'_>,
    table: &str,
    record: Record,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let columns: Vec<String> = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // In a printf format inside an SQL string literal.
    let lit = |s: &str| s.replace('%', "%%").replace('\'', "''");
    let quoted = |row: &str| -> Vec<String> {
        columns
            .iter()
            .map(|c| format!("quote({row}.\"{c}\")"))
            .collect()
    };
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let insert = |row: &str| {
        format!(
            "printf('INSERT INTO \"{}\" (rowid,{}) VALUES (%d{})', {row}.rowid, {})",
            lit(table),
            lit(&names.join(",")),
            ",%s".repeat(columns.len()),
            quoted(row).join(", ")
        )
    };
    let delete = |row: &str| {
        format!(
            "'DELETE FROM \"{}\" WHERE rowid = ' || {row}.rowid",
            table.replace('\'', "''")
        )
    };
    let update = |row: &str| {
        let sets: Vec<String> = names.iter().map(|n| format!("{} = %s", lit(n))).collect();
        format!(
            "printf('UPDATE \"{}\" SET {} WHERE rowid = %d', {}, {row}.rowid)",
            lit(table),
            sets.join(", "),
            quoted(row).join(", ")
        )
    };
    let trigger = |event: &str, undo: String, redo: String| {
        format!(
            "CREATE TRIGGER \"journal_{table}_{event}\" AFTER {event} ON \"{table}\" BEGIN \
             INSERT INTO journal_op (entry_id, undo_sql, redo_sql) \
             SELECT entry, {undo}, {redo} FROM journal_state WHERE entry IS NOT NULL; END;"
        )
    };
    if record == Record::All {
        tx.execute_batch(&trigger("INSERT", delete("new"), insert("new")))?;
    }
    tx.execute_batch(&trigger("DELETE", insert("old"), delete("old")))?;
    tx.execute_batch(&trigger("UPDATE", update("old"), update("new")))?;
    Ok(())
}

/// Drops every journal trigger, and says which tables had them and what
/// they recorded, so that a migration rebuilding tables can make them
/// again with [`create_triggers`].
pub(in crate::store) fn drop_all_triggers(
    tx: &Transaction<'_>,
) -> rusqlite::Result<Vec<(String, Record)>> {
    let triggers: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            r"SELECT name, tbl_name FROM sqlite_master
              WHERE type = 'trigger' AND name LIKE 'journal\_%' ESCAPE '\'
              ORDER BY rowid",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut tables: Vec<(String, Record)> = Vec::new();
    for (name, table) in &triggers {
        if !tables.iter().any(|(t, _)| t == table) {
            let inserts = format!("journal_{table}_INSERT");
            let record = if triggers.iter().any(|(n, _)| *n == inserts) {
                Record::All
            } else {
                Record::UpdatesAndDeletes
            };
            tables.push((table.clone(), record));
        }
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(tables)
}

/// Per table, the highest id the journal can still put back: a row whose
/// recorded undo or redo inserts it again, and the parked orders of an
/// undone import.
pub(in crate::store) fn highest_restorable_ids(
    tx: &Transaction<'_>,
) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut highest: std::collections::BTreeMap<String, i64> = Default::default();
    {
        let mut stmt = tx.prepare(
            r#"SELECT undo_sql FROM journal_op WHERE undo_sql LIKE 'INSERT INTO "%'
               UNION ALL
               SELECT redo_sql FROM journal_op WHERE redo_sql LIKE 'INSERT INTO "%'"#,
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for sql in rows {
            if let Some((table, id)) = op_row(&sql?) {
                let h = highest.entry(table).or_insert(id);
                *h = (*h).max(id);
            }
        }
    }
    let parked: Option<i64> =
        tx.query_row("SELECT max(id) FROM orders_undone", [], |r| r.get(0))?;
    if let Some(id) = parked {
        let h = highest.entry("orders".into()).or_insert(id);
        *h = (*h).max(id);
    }
    Ok(highest.into_iter().collect())
}
