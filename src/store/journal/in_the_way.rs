//! What stands in the way of an undo or a redo: the later change that
//! touched its rows, or the rows a constraint refused it for.

use rusqlite::{OptionalExtension, Transaction, params};

use super::rows::{Row, op_row};
use super::{Entry, read_entry};
use crate::store::{StoreError, now_text};

/// The refusal of an undo or redo of `e` that found `rows` not as `e`
/// left them: it names the latest other change that touched one of them,
/// or, where the journal holds none any more, says only that.
pub(super) fn blocked(
    tx: &Transaction<'_>,
    e: &Entry,
    what: &'static str,
    rows: &[Row],
) -> Result<StoreError, StoreError> {
    let mut latest: Option<Entry> = None;
    for row in rows {
        if let Some(t) = last_toucher(tx, row, e.id)?
            && latest.as_ref().is_none_or(|l| t.id > l.id)
        {
            latest = Some(t);
        }
    }
    let change = Box::new(e.change.clone());
    Ok(match latest {
        Some(later) => StoreError::UndoConflict {
            what,
            change,
            later: Box::new(later.change),
        },
        None => StoreError::UndoBlocked { what, change },
    })
}

/// The latest journaled change other than `not` that touched `row`: by a
/// recorded op, or, for an order, by importing its batch.
fn last_toucher(tx: &Transaction<'_>, row: &Row, not: i64) -> rusqlite::Result<Option<Entry>> {
    let (table, rowid) = row;
    let mut stmt = tx.prepare(
        "SELECT e.id, e.label, e.at, e.origin, o.undo_sql, o.redo_sql
         FROM journal_entry e JOIN journal_op o ON o.entry_id = e.id
         WHERE e.id <> ?1 AND e.origin <> '' AND (o.undo_sql LIKE ?2 OR o.redo_sql LIKE ?2)
         ORDER BY e.id DESC",
    )?;
    let ops = stmt.query_map(params![not, format!("%\"{table}\"%")], |r| {
        Ok((
            read_entry(r)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut latest = None;
    for op in ops {
        let (e, undo_sql, redo_sql) = op?;
        if op_row(&undo_sql).or_else(|| op_row(&redo_sql)).as_ref() == Some(row) {
            latest = Some(e);
            break;
        }
    }
    if table == "orders" {
        let batch = tx
            .query_row(
                "SELECT e.id, e.label, e.at, e.origin FROM journal_entry e
                 WHERE e.id <> ?1 AND e.batch_id IN
                   (SELECT batch_id FROM orders WHERE id = ?2
                    UNION SELECT batch_id FROM orders_undone WHERE id = ?2)",
                [not, *rowid],
                read_entry,
            )
            .optional()?;
        if let Some(b) = batch
            && latest.as_ref().is_none_or(|l: &Entry| b.id > l.id)
        {
            latest = Some(b);
        }
    }
    Ok(latest)
}

/// The rows of other records in the way of the op `sql`, refused by a
/// constraint. SQLite does not say which, so the op is tried again inside
/// a savepoint that is then rolled back: with foreign keys checked only at
/// the end, where it then goes through, the rows its links break (a
/// missing parent, or children left pointing at a deleted row); else run
/// with REPLACE, which deletes the rows a UNIQUE constraint meets, and,
/// with recursive triggers on, the journal triggers record those deletes
/// under a scratch entry.
pub(super) fn rows_in_the_way(tx: &Transaction<'_>, sql: &str) -> rusqlite::Result<Vec<Row>> {
    let own = op_row(sql);
    let table = own.as_ref().map(|(t, _)| t.clone()).or_else(|| {
        sql.strip_prefix("INSERT INTO ")
            .and_then(|r| r.split([' ', '(']).next())
            .map(|t| t.trim_matches('"').to_string())
    });
    let pragma = |name: &str| tx.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, bool>(0));
    let (recursive, deferred) = (pragma("recursive_triggers")?, pragma("defer_foreign_keys")?);
    tx.execute_batch(
        "SAVEPOINT in_the_way; PRAGMA defer_foreign_keys = ON; PRAGMA recursive_triggers = ON;",
    )?;
    let found = if tx.execute_batch(sql).is_ok() {
        broken_links(tx, own.as_ref(), table.as_deref())
    } else {
        replaced(tx, sql, own.as_ref(), table.as_deref())
    };
    let on = |b: bool| if b { "ON" } else { "OFF" };
    tx.execute_batch(&format!(
        "ROLLBACK TO in_the_way; RELEASE in_the_way;
         PRAGMA recursive_triggers = {}; PRAGMA defer_foreign_keys = {};",
        on(recursive),
        on(deferred)
    ))?;
    found
}

/// The rows whose links the op just run (foreign keys deferred) broke:
/// the parent its own row points at and that is gone, or the rows left
/// pointing at a row of `table` it deleted.
fn broken_links(
    tx: &Transaction<'_>,
    own: Option<&Row>,
    table: Option<&str>,
) -> rusqlite::Result<Vec<Row>> {
    let broken: Vec<(String, i64, String, i64)> = {
        let mut stmt =
            tx.prepare("SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut rows = Vec::new();
    for (child, rowid, parent, fk) in broken {
        if own == Some(&(child.clone(), rowid)) {
            let link: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2",
                    params![child, fk],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            // A link to a parent's id names the parent's row; one to
            // another column (a metric's name) names no row left.
            let named = link.filter(|(_, to)| to.as_deref().is_none_or(|to| to == "id"));
            if let Some((from, _)) = named {
                // A value that is no id (stored by another tool) names no row.
                let id: Option<i64> = tx.query_row(
                    &format!("SELECT \"{from}\" FROM \"{child}\" WHERE rowid = ?1"),
                    [rowid],
                    |r| Ok(r.get::<_, Option<i64>>(0).ok().flatten()),
                )?;
                rows.extend(id.map(|id| (parent, id)));
            }
        } else if Some(parent.as_str()) == table {
            rows.push((child, rowid));
        }
    }
    Ok(rows)
}

/// The rows of `table` that the op `sql`, run with REPLACE, deletes as in
/// its way, other than its own.
fn replaced(
    tx: &Transaction<'_>,
    sql: &str,
    own: Option<&Row>,
    table: Option<&str>,
) -> rusqlite::Result<Vec<Row>> {
    let replacing = if let Some(rest) = sql.strip_prefix("INSERT INTO ") {
        format!("INSERT OR REPLACE INTO {rest}")
    } else if let Some(rest) = sql.strip_prefix("UPDATE ") {
        format!("UPDATE OR REPLACE {rest}")
    } else {
        return Ok(Vec::new());
    };
    tx.execute(
        "INSERT INTO journal_entry (at, label, state, origin) VALUES (?1, 'probe', 'done', '')",
        [now_text()],
    )?;
    let scratch = tx.last_insert_rowid();
    tx.execute("UPDATE journal_state SET entry = ?1", [scratch])?;
    if tx.execute_batch(&replacing).is_err() {
        return Ok(Vec::new());
    }
    let mut stmt = tx.prepare("SELECT redo_sql FROM journal_op WHERE entry_id = ?1")?;
    let deleted = stmt
        .query_map([scratch], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(deleted
        .iter()
        .filter(|redo| redo.starts_with("DELETE FROM "))
        .filter_map(|redo| op_row(redo))
        .filter(|row| Some(row.0.as_str()) == table && Some(row) != own)
        .collect())
}
