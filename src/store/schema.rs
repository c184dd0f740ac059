//! The numbered schema migrations. A migration, once landed, is never
//! edited: a change to the schema is a new migration at the end.

use rusqlite::{OptionalExtension, Transaction};

use super::journal;
pub use initial::builtin_metric_names;
use initial::m1_initial;

mod initial;

/// One migration: a step from `user_version` N-1 to N.
pub(super) type Migration = fn(&Transaction<'_>) -> rusqlite::Result<()>;

/// All migrations in order; the schema version is their count.
pub(super) const MIGRATIONS: &[Migration] = &[
    m1_initial,
    m2_customer_rollups,
    m3_derived_metrics,
    m4_journal_origin,
    m5_ids_never_reused,
    m6_clicks_and_impressions,
    super::recurrence::migration,
    m8_order_keys,
    m9_small_journal_triggers,
];

/// What the KPIs need from the orders, stored so that opening them need
/// not walk every order: derived data, not journaled, rebuilt whenever
/// missing or stale. And an index that answers a KPI series over a span
/// of days without visiting the table.
fn m2_customer_rollups(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
-- Bumped by every write that changes the orders or an order's segment; a
-- rollup is used only while the generation it was built from is current.
INSERT INTO meta (key, value) VALUES ('orders_generation', '1');

-- Per scope (0: the whole business, else a segment id), churn window W
-- and loyalty threshold L: the encoded customer timeline
-- (metrics::CustomerTimeline::encode) and the order amounts summed per day
-- (metrics::series::encode). last_order_day, timeline and revenue are NULL
-- for a scope without orders.
CREATE TABLE customer_rollups (
    scope             INTEGER NOT NULL,
    window_days       INTEGER NOT NULL,
    loyalty_threshold INTEGER NOT NULL,
    generation        INTEGER NOT NULL,
    last_order_day    TEXT,
    timeline          BLOB,
    revenue           BLOB,
    built_at          TEXT NOT NULL,
    PRIMARY KEY (scope, window_days, loyalty_threshold),
    CHECK ((last_order_day IS NULL) = (timeline IS NULL)),
    CHECK ((timeline IS NULL) = (revenue IS NULL))
) WITHOUT ROWID;

-- A series over a span of days (what every KPIs redraw reads) from the
-- index alone: kpi_values_key has no value, so each of ten years of daily
-- values would be a lookup in the table.
CREATE INDEX kpi_values_series ON kpi_values(
    metric, IFNULL(segment_id, 0), IFNULL(channel_id, 0), IFNULL(campaign_id, 0), day, value);
"#,
    )
}

/// The figures derived from the stored metrics (churn rate, conversion
/// rate …) become metrics an objective can target. They read like gauges
/// (baseline → target) and are never recorded: the store refuses values for
/// them. And the tasks following a note up are found without reading every
/// task (the KPIs tab lists them for each note of the period).
fn m3_derived_metrics(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE INDEX tasks_by_note ON tasks(note_id) WHERE note_id IS NOT NULL;")?;
    for (name, unit) in crate::metrics::figures::DERIVED {
        tx.execute(
            "INSERT OR IGNORE INTO metrics (name, kind, unit, builtin, description)
             VALUES (?1, 'gauge', ?2, 1, 'derived: worked out from the other metrics')",
            (name, unit.as_str()),
        )?;
    }
    Ok(())
}

/// Who made each journaled change ('cli', or 'tui:<session>' for one
/// dashboard session), so undo reverts the caller's own change and never
/// silently someone else's; changes from before count as the command
/// line's. And the order in which entries were undone, so redo repeats
/// the most recently undone one when several makers' entries are undone
/// (those from before were undone newest first: the lowest id last).
fn m4_journal_origin(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE journal_entry ADD COLUMN origin TEXT NOT NULL DEFAULT 'cli';
         ALTER TABLE journal_entry ADD COLUMN undo_seq INTEGER;
         UPDATE journal_entry SET undo_seq = -id WHERE state = 'undone';
         CREATE INDEX journal_entry_by_origin ON journal_entry(origin, state, id);",
    )
}

/// An id is never given twice: every table whose rows have an id is
/// rebuilt with AUTOINCREMENT. Without it SQLite gives the newest row's id
/// again once that row is deleted, so a script that kept the id acts on
/// another record, and undoing the delete collides with the new row. The
/// counters start above every id the undo journal can still put back (a
/// deleted row's id, parked orders), not only above the rows present.
///
/// Runs with foreign keys off (see `Store::migrate`): dropping a parent
/// table with them on would empty its children's links. The journal's
/// triggers name other tables, so all of them are dropped first and made
/// again from the rebuilt tables' columns.
fn m5_ids_never_reused(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let journaled = journal::drop_all_triggers(tx)?;
    let tables: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'
             AND name NOT IN ('message', 'journal_state') AND name NOT LIKE 'sqlite_%'
             AND sql LIKE '%INTEGER PRIMARY KEY%' AND sql NOT LIKE '%AUTOINCREMENT%'",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (table, sql) in &tables {
        rebuild_with_autoincrement(tx, table, sql)?;
    }
    for (table, record) in journaled {
        journal::create_triggers(tx, &table, record)?;
    }
    for (table, highest) in journal::highest_restorable_ids(tx)? {
        tx.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
            (&table, highest),
        )?;
        tx.execute(
            "INSERT INTO sqlite_sequence (name, seq)
             SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?1)",
            (&table, highest),
        )?;
    }
    Ok(())
}

/// Clicks and impressions, which every ad and search export carries,
/// become built-in counters, with click-through rate and cost per click
/// derived from them. A user who added a metric of either name keeps it
/// with its values (imports and `kpi record` used it already): it only
/// becomes built in. The derived two are added unless a metric of that
/// name exists (m3 adds them too on a file older than version 3).
fn m6_clicks_and_impressions(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for (name, description) in [
        ("impressions", "times an ad or a search result was shown"),
        (
            "clicks",
            "clicks on an ad, a search result or an email link",
        ),
    ] {
        tx.execute(
            "INSERT INTO metrics (name, kind, unit, builtin, description)
             VALUES (?1, 'counter', 'count', 1, ?2)
             ON CONFLICT (name) DO UPDATE SET builtin = 1",
            (name, description),
        )?;
    }
    for (name, unit) in [
        ("click_through_rate", "percent"),
        ("cost_per_click", "money"),
    ] {
        tx.execute(
            "INSERT OR IGNORE INTO metrics (name, kind, unit, builtin, description)
             VALUES (?1, 'gauge', ?2, 1, 'derived: worked out from the other metrics')",
            (name, unit),
        )?;
    }
    Ok(())
}

/// Fewer bytes per order, which is most of what a large import costs:
/// an order with the shop's id is keyed by that id, so its `order_key`
/// (`id:` and the id again) is no longer stored (NULL), and the unique key
/// is the index of `IFNULL(order_key, 'id:' || order_ref)`, the same key
/// as before for every row, old or new, so no stored order changes
/// identity and the journal's recorded SQL, which names `order_key`, still
/// runs. The `batch_id` index goes: an import's orders get the ids of one
/// range, which `import_batches` now records, and undo and redo move a
/// batch by that range (the journal's batch moves are rewritten so).
///
/// Both order tables are rebuilt (SQLite cannot drop a NOT NULL), each
/// keeping its id counter, and the orders' journal triggers made again.
fn m8_order_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let columns = "id, CASE WHEN order_key = 'id:' || order_ref THEN NULL ELSE order_key END,
                   order_ref, customer, day, amount, segment_id, batch_id";
    for (table, constraints) in [
        (
            "orders",
            "segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
             batch_id   INTEGER REFERENCES import_batches(id),
             CHECK (order_key IS NOT NULL OR order_ref IS NOT NULL)",
        ),
        ("orders_undone", "segment_id INTEGER, batch_id INTEGER"),
    ] {
        let counter: Option<i64> = tx
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute_batch(&format!(
            "CREATE TABLE \"{table}_m7\" (
                 id         INTEGER PRIMARY KEY AUTOINCREMENT,
                 order_key  TEXT,
                 order_ref  TEXT,
                 customer   TEXT NOT NULL,
                 day        TEXT NOT NULL,
                 amount     INTEGER NOT NULL,
                 {constraints}
             );
             INSERT INTO \"{table}_m7\" SELECT {columns} FROM \"{table}\";
             DROP TABLE \"{table}\";
             ALTER TABLE \"{table}_m7\" RENAME TO \"{table}\";"
        ))?;
        if let Some(counter) = counter {
            keep_counter_above(tx, table, counter)?;
        }
    }
    tx.execute_batch(
        "CREATE UNIQUE INDEX orders_key ON orders(IFNULL(order_key, 'id:' || order_ref));
         ALTER TABLE import_batches ADD COLUMN first_order INTEGER;
         ALTER TABLE import_batches ADD COLUMN last_order INTEGER;
         UPDATE import_batches SET first_order = r.lo, last_order = r.hi
         FROM (SELECT batch_id, min(id) AS lo, max(id) AS hi
               FROM (SELECT id, batch_id FROM orders UNION ALL SELECT id, batch_id FROM orders_undone)
               WHERE batch_id IS NOT NULL GROUP BY batch_id) AS r
         WHERE r.batch_id = import_batches.id;",
    )?;
    journal::create_triggers(tx, "orders", journal::Record::UpdatesAndDeletes)?;
    journal::rewrite_order_batches(tx)
}

/// Sets the id counter of `table` to at least `counter`.
fn keep_counter_above(tx: &Transaction<'_>, table: &str, counter: i64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
        (table, counter),
    )?;
    tx.execute(
        "INSERT INTO sqlite_sequence (name, seq)
         SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?1)",
        (table, counter),
    )?;
    Ok(())
}

/// The journal's triggers made again as `journal::create_triggers` now
/// writes them: the same ops recorded with a quarter less SQL, which every
/// process parses on opening the file (half of a one-task command's time
/// was that parse).
fn m9_small_journal_triggers(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for (table, record) in journal::drop_all_triggers(tx)? {
        journal::create_triggers(tx, &table, record)?;
    }
    Ok(())
}

/// SQLite's way to change a table's definition: a new table with the same
/// columns, every row copied with its id, the old one dropped and the new
/// one renamed, its indexes made again.
fn rebuild_with_autoincrement(
    tx: &Transaction<'_>,
    table: &str,
    sql: &str,
) -> rusqlite::Result<()> {
    let definition = |what: &str| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            Some(format!("{table}: cannot rebuild its definition ({what})")),
        )
    };
    let (_, columns) = sql
        .split_once('(')
        .ok_or_else(|| definition("no columns"))?;
    let key = "INTEGER PRIMARY KEY";
    let at = columns
        .find(key)
        .ok_or_else(|| definition("no integer key"))?
        + key.len();
    let temporary = format!("{table}_m5");
    let create = format!(
        "CREATE TABLE \"{temporary}\" ({} AUTOINCREMENT{}",
        &columns[..at],
        &columns[at..]
    );
    let indexes: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
        )?;
        stmt.query_map([table], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    tx.execute_batch(&create)?;
    tx.execute_batch(&format!(
        "INSERT INTO \"{temporary}\" SELECT * FROM \"{table}\";
         DROP TABLE \"{table}\";
         ALTER TABLE \"{temporary}\" RENAME TO \"{table}\";"
    ))?;
    for index in indexes {
        tx.execute_batch(&index)?;
    }
    Ok(())
}
