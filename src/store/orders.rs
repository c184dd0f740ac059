//! Orders from shop and CRM exports, the source of the customer metrics.

mod import;
mod inserts;
mod keys;
mod numbering;
mod points;
mod read;

use chrono::NaiveDate;

use super::Result;
use crate::domain::{Amount, validate};

pub(super) use inserts::batch_ids;
pub use keys::order_key;
pub(super) use keys::{Occurrences, STORED_KEY, key_fits};
pub use points::{OrderPoints, ScopeOrders};

/// One order as read from a file, with the segment by name.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderInput {
    pub order_ref: Option<String>,
    /// Empty for a sale without a customer (walk-in, point of sale).
    pub customer: String,
    pub day: NaiveDate,
    pub amount: Amount,
    pub segment: Option<String>,
}

/// An order as an import hands it to the store: an [`OrderInput`], or an
/// order borrowed from a file just read (a million of them need not each
/// own their text).
pub trait OrderLike {
    fn order_ref(&self) -> Option<&str>;
    fn customer(&self) -> &str;
    fn day(&self) -> NaiveDate;
    fn amount(&self) -> Amount;
    fn segment(&self) -> Option<&str>;
}

impl OrderLike for OrderInput {
    fn order_ref(&self) -> Option<&str> {
        self.order_ref.as_deref()
    }
    fn customer(&self) -> &str {
        &self.customer
    }
    fn day(&self) -> NaiveDate {
        self.day
    }
    fn amount(&self) -> Amount {
        self.amount
    }
    fn segment(&self) -> Option<&str> {
        self.segment.as_deref()
    }
}

impl<T: OrderLike> OrderLike for &T {
    fn order_ref(&self) -> Option<&str> {
        (*self).order_ref()
    }
    fn customer(&self) -> &str {
        (*self).customer()
    }
    fn day(&self) -> NaiveDate {
        (*self).day()
    }
    fn amount(&self) -> Amount {
        (*self).amount()
    }
    fn segment(&self) -> Option<&str> {
        (*self).segment()
    }
}

/// What an orders import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderOutcome {
    pub added: usize,
    /// Orders already stored under the same key with other content, now
    /// replaced by the file's version.
    pub updated: usize,
    pub unchanged: usize,
    /// Orders stored by an earlier import that the file now shows
    /// cancelled or refunded, taken out.
    pub removed: usize,
    /// Segments named in the file that did not exist and were created.
    pub new_segments: Vec<String>,
}

/// What every order must be, however it comes in: a customer (or none, for
/// a walk-in sale) and shop id that show as given, a day funnel keeps, an
/// amount of 0 or more (a refund is no order) within the limit.
pub(super) fn check_order(o: &impl OrderLike) -> Result<(), validate::Invalid> {
    order_customer(o.customer())?;
    if let Some(r) = o.order_ref() {
        validate::order_id(r)?;
    }
    validate::day(crate::domain::validate::Field::OrderDay, o.day())?;
    validate::non_negative(crate::domain::validate::Field::OrderAmount, o.amount())?;
    Ok(())
}

/// An order's customer: empty for a sale without one, else a customer id
/// as [`validate::customer`] wants it (not blank).
pub(crate) fn order_customer(s: &str) -> Result<(), validate::Invalid> {
    if s.is_empty() {
        Ok(())
    } else {
        validate::customer(s)
    }
}

/// Refuses orders whose amounts add up past the limit: a period's revenue
/// could otherwise not be held. `what` names them in the message.
pub(super) fn orders_total(
    conn: &rusqlite::Connection,
    what: impl FnOnce() -> String,
) -> Result<()> {
    let total = conn
        .prepare_cached("SELECT sum(abs(amount)) FROM orders")?
        .query_row([], |r| r.get::<_, Option<i64>>(0));
    Ok(validate::total(what, super::kpis::sum_or_overflow(total)?)?)
}
