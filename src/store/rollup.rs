//! Customer rollups: each scope's customer timeline and daily order
//! amounts as built from the orders, kept so that a start need not walk
//! every order again. The store keeps the bytes and when they are valid;
//! what they mean is the metrics' business (`CustomerTimeline::encode`,
//! `series::encode`), and when to build them the analysis'.
//!
//! Validity rests on the orders generation, a counter in `meta` that every
//! write changing the orders or an order's segment bumps
//! ([`orders_changed`]): the orders import, undo and redo of an entry that
//! touched orders, deleting a segment, loading an export or demo data. A
//! rollup records the generation it was built from and is used only while
//! that generation is current.

use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Result, Store, busy_timeout, day_text, now_text, parse_day};
use crate::domain::SegmentId;

/// Which rollup: a scope (`None`: the whole business) and the customer
/// parameters it was built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RollupKey {
    pub segment: Option<SegmentId>,
    pub window_days: u32,
    pub loyalty_threshold: u32,
}

/// A scope's rollup: its encoded customer timeline and daily order
/// amounts, `None` for a scope without orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub segment: Option<SegmentId>,
    pub last_order_day: Option<NaiveDate>,
    pub encoded: Option<EncodedOrders>,
}

/// The bytes of what a scope's orders give the KPIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedOrders {
    pub timeline: Vec<u8>,
    pub revenue: Vec<u8>,
}

/// Marks every stored rollup stale; every write that changes the orders or
/// an order's segment calls it inside its transaction.
pub(super) fn orders_changed(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'orders_generation'",
        [],
    )?;
    Ok(())
}

pub(super) fn generation(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'orders_generation'",
        [],
        |r| r.get(0),
    )
}

fn scope_id(segment: Option<SegmentId>) -> i64 {
    segment.map_or(0, |s| s.0)
}

impl Store {
    /// The orders generation now. Read it before the orders a rollup is
    /// built from: an import in between then makes the rollup look stale,
    /// never old orders look current.
    pub fn orders_generation(&self) -> Result<i64> {
        Ok(generation(&self.conn)?)
    }

    /// The stored rollup of `key`, if it was built from the orders as they
    /// are now and counts no order after `as_of`.
    pub fn valid_rollup(&self, key: RollupKey, as_of: NaiveDate) -> Result<Option<Rollup>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT last_order_day, timeline, revenue FROM customer_rollups
             WHERE scope = ?1 AND window_days = ?2 AND loyalty_threshold = ?3
               AND generation = (SELECT CAST(value AS INTEGER) FROM meta
                                 WHERE key = 'orders_generation')
               AND (last_order_day IS NULL OR last_order_day <= ?4)",
        )?;
        let row = stmt
            .query_row(
                params![
                    scope_id(key.segment),
                    key.window_days,
                    key.loyalty_threshold,
                    day_text(as_of)
                ],
                |r| {
                    let last = match r
                        .get_ref(0)?
                        .as_str_or_null()
                        .map_err(rusqlite::Error::from)?
                    {
                        Some(s) => Some(parse_day(s)?),
                        None => None,
                    };
                    let encoded = match (r.get(1)?, r.get(2)?) {
                        (Some(timeline), Some(revenue)) => {
                            Some(EncodedOrders { timeline, revenue })
                        }
                        _ => None,
                    };
                    Ok((last, encoded))
                },
            )
            .optional()?;
        Ok(row.map(|(last_order_day, encoded)| Rollup {
            segment: key.segment,
            last_order_day,
            encoded,
        }))
    }

    /// Stores the rollups of every scope, built with `window_days` and
    /// `loyalty_threshold` from the orders of `generation`, replacing older
    /// ones. Returns whether they were written: not on a read-only store
    /// or one whose file was moved away (see `Store::check_file`),
    /// not when another process holds the write lock (a rollup is never
    /// worth waiting for), not when the orders changed since `generation`.
    /// Not journaled: undo never sees it.
    pub fn save_rollups(
        &self,
        generation: i64,
        window_days: u32,
        loyalty_threshold: u32,
        rollups: &[Rollup],
    ) -> Result<bool> {
        if self.writes_nothing()? || self.check_file().is_some() {
            return Ok(false);
        }
        self.conn.busy_timeout(Duration::ZERO)?;
        let written = self.write_rollups(generation, window_days, loyalty_threshold, rollups);
        self.conn.busy_timeout(busy_timeout())?;
        written
    }

    fn write_rollups(
        &self,
        built_from: i64,
        window_days: u32,
        loyalty_threshold: u32,
        rollups: &[Rollup],
    ) -> Result<bool> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        if generation(&tx)? != built_from {
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM customer_rollups WHERE generation <> ?1
               OR (window_days = ?2 AND loyalty_threshold = ?3)",
            params![built_from, window_days, loyalty_threshold],
        )?;
        let at = now_text();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO customer_rollups (scope, window_days, loyalty_threshold, generation,
                                               last_order_day, timeline, revenue, built_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for r in rollups {
                insert.execute(params![
                    scope_id(r.segment),
                    window_days,
                    loyalty_threshold,
                    built_from,
                    r.last_order_day.map(day_text),
                    r.encoded.as_ref().map(|e| &e.timeline),
                    r.encoded.as_ref().map(|e| &e.revenue),
                    at
                ])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// Forgets every stored rollup (`funnel check` found one wrong); the
    /// next reader builds them again. Not journaled; returns whether they
    /// were dropped: not on a read-only store or a moved one.
    pub fn drop_rollups(&self) -> Result<bool> {
        if self.writes_nothing()? || self.check_file().is_some() {
            return Ok(false);
        }
        self.conn.execute("DELETE FROM customer_rollups", [])?;
        Ok(true)
    }

    /// Every segment's id, so that segments without orders get a rollup
    /// saying so.
    pub fn segment_ids(&self) -> Result<Vec<SegmentId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM segments ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(SegmentId(r.get(0)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
