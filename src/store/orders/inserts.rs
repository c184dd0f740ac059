//! The orders of one import on their way into the table, by chunks.

use chrono::NaiveDate;
use rusqlite::params;

use super::keys::{STORED_KEY, id_key};
use super::{OrderLike, OrderOutcome};
use crate::store::{Result, day_text};

/// Orders inserted [`CHUNK`] to a statement: one statement per order
/// spent more time starting and ending statements (opening the table and
/// its indexes, seeking from the root) than inserting, and a statement of
/// many rows copies each page it changes to its statement journal once,
/// so the more rows to a statement the fewer copies.
const CHUNK: usize = 256;
const COLUMNS: usize = 7;

/// The page cache of an orders import (the store's bulk cache is larger).
pub(super) const ORDERS_CACHE_KIB: i64 = 32 * 1024;

/// An order on its way into the table: what `order_key` holds for it,
/// the order, its segment.
type Pending<O> = (Option<String>, O, Option<i64>);

/// Whether two pending orders have the same key.
fn same_key<O: OrderLike>(a: &Pending<O>, b: &Pending<O>) -> bool {
    match (&a.0, &b.0) {
        (Some(a), Some(b)) => a == b,
        (None, None) => a.1.order_ref() == b.1.order_ref(),
        _ => false,
    }
}

/// The orders of one import on their way into the table, by chunks.
pub(super) struct Inserts<'t, O> {
    tx: &'t rusqlite::Transaction<'t>,
    batch: i64,
    pending: Vec<Pending<O>>,
    /// The text of the last day bound: files come mostly in runs of a day.
    day: Option<(NaiveDate, String)>,
    /// The highest order id before the next chunk: ids only grow
    /// (AUTOINCREMENT), so the orders a chunk adds are those above it.
    last_id: i64,
    /// The highest order id before the import.
    pub(super) before: i64,
}

impl<'t, O: OrderLike> Inserts<'t, O> {
    pub(super) fn new(tx: &'t rusqlite::Transaction<'t>, batch: i64) -> Result<Self> {
        let last_id = tx.query_row("SELECT IFNULL(max(id), 0) FROM orders", [], |r| r.get(0))?;
        Ok(Inserts {
            tx,
            batch,
            pending: Vec::with_capacity(CHUNK),
            day: None,
            last_id,
            before: last_id,
        })
    }

    fn insert_sql(rows: usize) -> String {
        let values = vec!["(?,?,?,?,?,?,?)"; rows].join(",");
        format!(
            "INSERT INTO orders (order_key, order_ref, customer, day, amount, segment_id, batch_id)
             VALUES {values} ON CONFLICT DO NOTHING"
        )
    }

    pub(super) fn push(
        &mut self,
        key: Option<String>,
        o: O,
        segment: Option<i64>,
        out: &mut OrderOutcome,
    ) -> Result<()> {
        self.pending.push((key, o, segment));
        if self.pending.len() == CHUNK {
            self.flush(CHUNK, out)?;
        }
        Ok(())
    }

    /// Inserts what is pending: whole chunks, then the rest one by one.
    pub(super) fn finish(&mut self, out: &mut OrderOutcome) -> Result<()> {
        self.flush(1, out)
    }

    fn flush(&mut self, per_statement: usize, out: &mut OrderOutcome) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let mut insert = self.tx.prepare_cached(&Self::insert_sql(per_statement))?;
        for chunk in pending.chunks(per_statement) {
            for (k, (key, o, segment)) in chunk.iter().enumerate() {
                let day = match &self.day {
                    Some((d, text)) if *d == o.day() => text,
                    _ => &self.day.insert((o.day(), day_text(o.day()))).1,
                };
                let at = k * COLUMNS;
                insert.raw_bind_parameter(at + 1, key)?;
                insert.raw_bind_parameter(at + 2, o.order_ref())?;
                insert.raw_bind_parameter(at + 3, o.customer())?;
                insert.raw_bind_parameter(at + 4, day)?;
                insert.raw_bind_parameter(at + 5, o.amount().raw())?;
                insert.raw_bind_parameter(at + 6, segment)?;
                insert.raw_bind_parameter(at + 7, self.batch)?;
            }
            let added = insert.raw_execute()?;
            out.added += added;
            let floor = self.last_id;
            if added > 0 {
                self.last_id = self.tx.last_insert_rowid();
            }
            if added < chunk.len() {
                self.not_added(chunk, floor, out)?;
            }
        }
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }

    /// The orders of `chunk` it did not add (stored before it, or a key
    /// that comes twice) replace the stored ones where they differ, as
    /// one statement per order did: the last of a key wins.
    fn not_added(&self, chunk: &[Pending<O>], floor: i64, out: &mut OrderOutcome) -> Result<()> {
        let mut stored = self
            .tx
            .prepare_cached(&format!("SELECT id FROM orders WHERE {STORED_KEY} = ?1"))?;
        let mut update = self.tx.prepare_cached(&format!(
            "UPDATE orders SET customer = ?2, day = ?3, amount = ?4, segment_id = ?5
             WHERE {STORED_KEY} = ?1 AND (customer IS NOT ?2 OR day IS NOT ?3
                   OR amount IS NOT ?4 OR segment_id IS NOT ?5)"
        ))?;
        for (i, pending) in chunk.iter().enumerate() {
            let (stored_key, o, segment) = pending;
            let key = match (stored_key, o.order_ref()) {
                (Some(key), _) => key.clone(),
                (None, r) => id_key(r.unwrap_or_default()),
            };
            // The chunk added the first of its orders of a key not stored
            // before it.
            let first = !chunk[..i].iter().any(|p| same_key(p, pending));
            if first && stored.query_row([&key], |r| r.get::<_, i64>(0))? > floor {
                continue;
            }
            let day = day_text(o.day());
            let amount = o.amount().raw();
            if update.execute(params![key, o.customer(), day, amount, segment])? == 1 {
                out.updated += 1;
            } else {
                out.unchanged += 1;
            }
        }
        Ok(())
    }
}

/// Records the ids `batch` gave the orders it added: those above
/// `before`, the highest id before it (ids only grow, and one transaction
/// adds orders at a time). Undo and redo find the batch's orders by them.
pub(in crate::store) fn batch_ids(
    tx: &rusqlite::Transaction<'_>,
    batch: i64,
    before: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE import_batches SET (first_order, last_order) =
           (SELECT min(id), max(id) FROM orders WHERE id > ?2)
         WHERE id = ?1",
        [batch, before],
    )?;
    Ok(())
}
