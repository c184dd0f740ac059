//! What `funnel check` asks of the file beyond SQLite's integrity check:
//! its schema version, the size of its write-ahead log, links that point
//! nowhere (named by column), stored values that break their rule
//! (`values`) and the invariants no constraint states.

mod values;

use rusqlite::OptionalExtension;

use super::orders::{OrderInput, STORED_KEY, key_fits, order_key};
use super::{Result, Store, parse_day, schema};
use crate::domain::Amount;

/// How many problems of one kind are listed before the rest are counted.
const LIST: usize = 10;

impl Store {
    /// The file's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The newest schema version this funnel knows.
    pub fn known_schema_version() -> i64 {
        schema::MIGRATIONS.len() as i64
    }

    /// The size in bytes of the write-ahead log beside the file (0 where
    /// there is none).
    pub fn wal_size(&self) -> u64 {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        std::fs::metadata(wal).map_or(0, |m| m.len())
    }

    /// Every link that points nowhere, one line each: the foreign keys
    /// SQLite reports, named by table, row, column and missing value, and
    /// the links no foreign key guards (an undo's import batch, orders
    /// parked for a redo that no undone change can bring back, the
    /// journal's open change).
    pub fn dangling_links(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let violations: Vec<(String, Option<i64>, String, i64)> = {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?
        };
        for (table, rowid, parent, fk) in violations {
            let column: Option<String> = self
                .conn
                .query_row(
                    "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2",
                    (&table, fk),
                    |r| r.get(0),
                )
                .optional()?;
            let column = column.unwrap_or_else(|| "?".into());
            let value: Option<String> = match rowid {
                Some(rowid) => self
                    .conn
                    .query_row(
                        &format!(
                            "SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE rowid = ?1"
                        ),
                        [rowid],
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten(),
                None => None,
            };
            out.push(format!(
                "{table} {} {column} → {parent} {}: no such row",
                rowid.map_or_else(|| "?".into(), |r| r.to_string()),
                value.unwrap_or_default()
            ));
        }
        let unguarded = [
            (
                "SELECT id, batch_id FROM journal_entry WHERE batch_id IS NOT NULL
                 AND batch_id NOT IN (SELECT id FROM import_batches)",
                "journal_entry {} batch_id → import_batches {}: no such row",
            ),
            (
                "SELECT count(*), batch_id FROM orders_undone WHERE batch_id IS NULL
                 OR batch_id NOT IN (SELECT batch_id FROM journal_entry
                                     WHERE state = 'undone' AND batch_id IS NOT NULL)
                 GROUP BY batch_id",
                "orders_undone: {} orders of batch {} that no undone change can bring back",
            ),
            (
                "SELECT count(*), o.batch_id FROM orders o JOIN import_batches b ON b.id = o.batch_id
                 WHERE b.first_order IS NULL OR o.id NOT BETWEEN b.first_order AND b.last_order
                 GROUP BY o.batch_id",
                "orders: {} orders of batch {} outside the ids it records (undoing it would leave them)",
            ),
            (
                "SELECT 1, entry FROM journal_state WHERE entry IS NOT NULL",
                "journal_state {} entry → {}: a change left open (its triggers would record into it)",
            ),
        ];
        for (query, text) in unguarded {
            let mut stmt = self.conn.prepare(query)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
            })?;
            for row in rows {
                let (a, b) = row?;
                let b = b.map_or_else(|| "NULL".into(), |b| b.to_string());
                out.push(text.replacen("{}", &a.to_string(), 1).replacen("{}", &b, 1));
            }
        }
        Ok(out)
    }

    /// Orders whose stored key is not the one their content gives (the
    /// shop's order id, or customer, day and amount, with `#n` on the
    /// n-th alike from the second on): a later import of
    /// the same order would add it twice. The first few are listed, the
    /// rest counted.
    pub fn order_key_mismatches(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, {STORED_KEY}, order_ref, customer, day, amount FROM orders ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        let mut more = 0usize;
        while let Some(r) = rows.next()? {
            // A row with a value no reader takes is named by `bad_values`.
            let read = || -> rusqlite::Result<(String, OrderInput)> {
                let day: String = r.get(4)?;
                let input = OrderInput {
                    order_ref: r.get(2)?,
                    customer: r.get(3)?,
                    day: parse_day(&day)?,
                    amount: Amount::from_raw(r.get(5)?),
                    segment: None,
                };
                Ok((r.get(1)?, input))
            };
            let Ok((stored, input)) = read() else {
                continue;
            };
            if !key_fits(&input, &stored) {
                let key = order_key(&input, 1);
                if out.len() < LIST {
                    out.push(format!(
                        "order {}: stored key '{stored}' but its content gives '{key}'",
                        r.get::<_, i64>(0)?
                    ));
                } else {
                    more += 1;
                }
            }
        }
        if more > 0 {
            out.push(format!("… and {more} more orders whose key disagrees"));
        }
        Ok(out)
    }
}
