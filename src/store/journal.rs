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
///
/// SQLite parses every trigger of the file each time a process opens it,
/// before its first statement: that parse was half of a one-task command.
/// So each trigger is as little SQL as records its op: one `printf` per
/// SQL text with the table's names in its format (not a chain of `||`,
/// two nodes more per column), and no `WHEN` (the insert selects from
/// `journal_state` only while an entry is open).
pub(super) fn create_triggers(
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
pub(super) fn drop_all_triggers(tx: &Transaction<'_>) -> rusqlite::Result<Vec<(String, Record)>> {
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
pub(super) fn highest_restorable_ids(tx: &Transaction<'_>) -> rusqlite::Result<Vec<(String, i64)>> {
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

/// Journals a bulk load of orders as one operation: undo parks the batch's
/// orders in `orders_undone`, redo brings them back. The batch's orders
/// are found by the range of ids its import gave them (in
/// `import_batches`): the table has no index by batch.
pub(super) fn add_order_batch(
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
pub(super) fn rewrite_order_batches(tx: &Transaction<'_>) -> rusqlite::Result<()> {
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
    pub label: String,
    pub at: String,
    pub by: Origin,
}

/// Whose changes an undo or redo may pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Whose<'a> {
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
    Ok(Entry {
        id: r.get(0)?,
        change: Reverted {
            label: r.get(1)?,
            at: r.get(2)?,
            by: Origin::from_stored(&r.get::<_, String>(3)?),
        },
    })
}

/// Reverts the latest change still done that `whose` may pick. Where
/// changes made later by others touched the same records (directly or by
/// a cascade), nothing is reverted: [`StoreError::UndoConflict`] names the
/// later change.
pub(super) fn undo(tx: &Transaction<'_>, whose: Whose<'_>) -> Result<Reverted, StoreError> {
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
pub(super) fn redo(tx: &Transaction<'_>, whose: Whose<'_>) -> Result<Reverted, StoreError> {
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
        super::rollup::orders_changed(tx)?;
    }
    Ok(())
}

fn row_exists(tx: &Transaction<'_>, (table, rowid): &Row) -> rusqlite::Result<bool> {
    tx.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE rowid = ?1)"
    ))?
    .query_row([rowid], |r| r.get(0))
}

/// The refusal of an undo or redo of `e` that found `rows` not as `e`
/// left them: it names the latest other change that touched one of them,
/// or, where the journal holds none any more, says only that.
fn blocked(
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
fn rows_in_the_way(tx: &Transaction<'_>, sql: &str) -> rusqlite::Result<Vec<Row>> {
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

/// A row of a user table: the table's name and the row's rowid.
type Row = (String, i64);

/// The rows touched by the changes still done that were made after
/// `entry`, each with its change.
fn later_rows(tx: &Transaction<'_>, entry: i64) -> rusqlite::Result<Vec<(Row, Reverted)>> {
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
        if let Some(row) = op_row(&undo_sql).or_else(|| op_row(&redo_sql)) {
            rows.push((row, e.change.clone()));
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
        rows.push((("orders".to_string(), order), e.change));
    }
    Ok(rows)
}

/// The rows the triggers recorded into `entry`.
fn entry_rows(
    tx: &Transaction<'_>,
    entry: i64,
) -> rusqlite::Result<std::collections::HashSet<Row>> {
    let mut stmt = tx.prepare("SELECT undo_sql, redo_sql FROM journal_op WHERE entry_id = ?1")?;
    let rows = stmt
        .query_map([entry], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .iter()
        .filter_map(|(u, r)| op_row(u).or_else(|| op_row(r)))
        .collect())
}

/// The row a recorded op changes, read from its SQL as
/// [`create_triggers`] writes it: `DELETE FROM "t" WHERE rowid = N`,
/// `UPDATE "t" SET … WHERE rowid = N` (the last such clause: values come
/// before it) or `INSERT INTO "t" (rowid, …) VALUES (N, …)`. An orders
/// batch move is not such an op.
fn op_row(sql: &str) -> Option<Row> {
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
