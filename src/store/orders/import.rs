//! An orders import as one change: the orders stored, the orders total
//! checked, the batch journaled for undo.

use std::collections::HashMap;

use rusqlite::params;

use super::inserts::{Inserts, ORDERS_CACHE_KIB, batch_ids};
use super::keys::{Occurrences, STORED_KEY, id_key};
use super::numbering;
use super::points::{OrderPoints, PointsBuilder};
use super::{OrderInput, OrderLike, OrderOutcome, check_order, orders_total};
use crate::domain::validate;
use crate::store::{Result, Store, journal, now_text, rollup};

impl Store {
    /// Imports `orders` from `file` as one change, all or nothing. With
    /// `commit` false nothing is written: a dry run.
    pub fn import_orders(
        &mut self,
        file: &str,
        orders: &[OrderInput],
        commit: bool,
    ) -> Result<OrderOutcome> {
        self.import_orders_withdrawing(file, orders.iter(), &[], commit)
    }

    /// [`Store::import_orders`], also taking out, in the same change, the
    /// stored orders whose ids are `withdrawn` (the file shows them
    /// cancelled or refunded now).
    pub fn import_orders_withdrawing<O: OrderLike>(
        &mut self,
        file: &str,
        orders: impl ExactSizeIterator<Item = O> + Clone,
        withdrawn: &[String],
        commit: bool,
    ) -> Result<OrderOutcome> {
        for o in orders.clone() {
            check_order(&o)?;
        }
        self.imported_points.borrow_mut().take();
        let (out, points) = self.change_or_preview(commit, |c| {
            let tx = c.tx();
            let mut out = OrderOutcome::default();
            let mut segments: HashMap<String, i64> = HashMap::new();
            {
                let mut stmt = tx.prepare("SELECT id, name FROM segments")?;
                let rows =
                    stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
                for row in rows {
                    let (id, name) = row?;
                    segments.insert(name.to_lowercase(), id);
                }
            }
            tx.execute(
                "INSERT INTO import_batches (kind, file, at, rows) VALUES ('orders', ?1, ?2, ?3)",
                params![file, now_text(), orders.len() as i64],
            )?;
            let batch = tx.last_insert_rowid();
            // A million orders are not held in the page cache until the
            // commit: what does not fit goes to the WAL as it comes. Files
            // in id or date order fill the table and its indexes at their
            // ends, so little of it is read back.
            tx.pragma_update(None, "cache_size", -ORDERS_CACHE_KIB)?;
            // Into an empty table every order is added, in file order: the
            // points the rollups are built from are collected here rather
            // than read back from a million rows.
            let empty: bool =
                tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM orders)", [], |r| r.get(0))?;
            let count = orders.len();
            // Rows stand in for customers until they are numbered.
            let rows_fit = u32::try_from(count).is_ok_and(|n| n < numbering::NONE);
            let mut points =
                (empty && commit && rows_fit).then(|| PointsBuilder::with_capacity(count));
            let again = orders.clone();
            let mut rows = Inserts::new(tx, batch)?;
            let mut keys = Occurrences::default();
            // What the orders of the file add up to: the orders total where
            // every order went into an empty table.
            let mut sum: i128 = 0;
            for o in orders {
                let segment = match o.segment() {
                    None => None,
                    Some(name) => Some(match segments.get(&name.to_lowercase()) {
                        Some(id) => *id,
                        None => {
                            let name = crate::domain::validate::name(
                                crate::domain::validate::Field::SegmentName,
                                name,
                            )?;
                            tx.execute("INSERT INTO segments (name) VALUES (?1)", [&name])?;
                            let id = tx.last_insert_rowid();
                            segments.insert(name.to_lowercase(), id);
                            out.new_segments.push(name);
                            id
                        }
                    }),
                };
                if let Some(p) = &mut points {
                    p.add_row(!o.customer().is_empty(), o.day(), segment, o.amount());
                }
                sum += i128::from(o.amount().raw().unsigned_abs());
                let key = keys.stored_key(&o);
                rows.push(key, o, segment, &mut out)?;
            }
            rows.finish(&mut out)?;
            batch_ids(tx, batch, rows.before)?;
            drop(rows);
            {
                let mut remove =
                    tx.prepare_cached(&format!("DELETE FROM orders WHERE {STORED_KEY} = ?1"))?;
                for order_ref in withdrawn {
                    out.removed += remove.execute([id_key(order_ref)])?;
                }
            }
            if out.added > 0 {
                journal::add_order_batch(tx, c.entry, batch)?;
            }
            if out.added + out.updated + out.removed > 0 {
                let what = || format!("{file}: the amounts of all orders");
                if empty && out.added == count {
                    // Reading a million orders back to sum them cost 3 %
                    // of their import.
                    validate::total(what, sum)?;
                } else {
                    orders_total(tx, what)?;
                }
                rollup::orders_changed(tx)?;
            }
            let generation = rollup::generation(tx)?;
            c.label = crate::store::ChangeLabel::ImportOrders {
                file: file.to_string(),
            };
            let points = points.map(|p| {
                let (numbers, customers) = numbering::number_customers(again);
                (generation, p.numbered(&numbers, customers))
            });
            Ok((out, points))
        })?;
        // Kept only once committed: a failed commit returned above.
        *self.imported_points.borrow_mut() = points;
        Ok(out)
    }

    /// The points of the orders the last import stored into an empty
    /// table, and the orders generation they are of, once: building the
    /// rollups right after the import uses them instead of reading every
    /// order back (they are what [`Store::order_points`] would read, in the
    /// same order).
    pub fn take_imported_points(&self) -> Option<(i64, OrderPoints)> {
        self.imported_points.borrow_mut().take()
    }
}
