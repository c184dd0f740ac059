//! Reading the stored orders back.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::keys::STORED_KEY;
use super::points::{OrderPoints, PointsBuilder};
use crate::domain::{Amount, Order, SegmentId};
use crate::store::{Result, Store, StoreError, parse_day};

impl Store {
    /// Every order as customer points and amounts, for the whole business
    /// and for each segment, in one pass over the orders.
    pub fn order_points(&self) -> Result<OrderPoints> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT customer, day, segment_id, amount FROM orders")?;
        let mut rows = stmt.query([])?;
        let mut out = PointsBuilder::default();
        // Orders are mostly stored in runs of one day: parse each run once.
        let mut last_day: Option<(Vec<u8>, NaiveDate)> = None;
        while let Some(row) = rows.next()? {
            let customer = row.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
            let text = row.get_ref(1)?.as_bytes().map_err(rusqlite::Error::from)?;
            let day = match &mut last_day {
                Some((seen, day)) if seen.as_slice() == text => *day,
                _ => {
                    let parsed =
                        parse_day(row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?;
                    last_day = Some((text.to_vec(), parsed));
                    parsed
                }
            };
            out.add(
                customer,
                day,
                row.get::<_, Option<i64>>(2)?,
                Amount::from_raw(row.get(3)?),
            );
        }
        Ok(out.out)
    }

    /// Each stored customer's first order day (what a dry run compares
    /// an import's customers with to count the new ones).
    pub fn first_order_days(&self) -> Result<HashMap<String, NaiveDate>> {
        let mut stmt = self.conn.prepare(
            "SELECT customer, MIN(day) FROM orders WHERE customer <> '' GROUP BY customer",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, parse_day(&r.get::<_, String>(1)?)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn count_orders(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM orders", [], |r| r.get(0))?)
    }

    /// Every stored order, by day and key.
    pub fn orders(&self) -> Result<Vec<Order>> {
        let mut stmt = self.conn.prepare_cached(
            &format!("SELECT order_ref, customer, day, amount, segment_id FROM orders ORDER BY day, {STORED_KEY}"),
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Order {
                order_ref: r.get(0)?,
                customer: r.get(1)?,
                day: parse_day(&r.get::<_, String>(2)?)?,
                amount: Amount::from_raw(r.get(3)?),
                segment: r.get::<_, Option<i64>>(4)?.map(SegmentId),
            })
        })?;
        rows.collect::<Result<_, _>>().map_err(StoreError::from)
    }
}
