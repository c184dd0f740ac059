//! `funnel orders import`: an order export (any shop or CRM) read into
//! validated order rows, one per order.

mod cells;
mod columns;
mod compact;
mod profile;
mod read;
mod repeats;

use chrono::NaiveDate;

use super::dates::DateForm;
use super::kpis::Money;
use crate::domain::Amount;

pub use compact::{OrderView, Orders};
pub use profile::OrderProfile;
pub use read::{read_order_table, read_orders};

/// Columns named by the command-line flags; `None`: recognise the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderColumns {
    pub order: Option<String>,
    pub customer: Option<String>,
    pub date: Option<String>,
    pub amount: Option<String>,
    pub segment: Option<String>,
    /// The database's currency and the `--rate`s for money in others.
    pub money: Money,
    /// `--from PROFILE`: read the file as that shop's export.
    pub profile: Option<OrderProfile>,
}

/// One order as read, with the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    pub line: usize,
    /// `None` where the file has no order id column (or the cell is empty):
    /// the store then keys the order by customer, day, amount and how many
    /// such rows came before it in the file.
    pub order_ref: Option<String>,
    /// The best key the row has for its customer; empty for a sale without
    /// one (a walk-in or point-of-sale sale): an order, but no customer.
    pub customer: String,
    pub day: NaiveDate,
    /// What the order brought in: its total less what was refunded.
    pub amount: Amount,
    pub segment: Option<String>,
}

/// What the import left out or changed, by reason, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderSummary {
    /// Data rows read (line items and refund rows included).
    pub rows: usize,
    /// Cancelled or voided orders, left out: no sale happened.
    pub voided: usize,
    /// Fully refunded (or returned) orders, left out: no revenue.
    pub refunded: usize,
    /// Orders counted less what was refunded of them.
    pub partly_refunded: usize,
    /// What was taken off those orders in all.
    pub netted: Amount,
    /// Refund rows of orders that are not in the file: not netted.
    pub orphan_refunds: usize,
    /// Orders without a customer: counted, but as no customer.
    pub walk_in: usize,
    /// Orders whose customer is known by name only (no code, email or
    /// phone): two people of one name are one customer.
    pub by_name: usize,
    /// Orders whose money was in another currency: `(code, rate, orders)`.
    pub converted: Vec<(String, Amount, usize)>,
    /// The order ids of the orders left out: an earlier import of the
    /// shop's export may hold them from before they were cancelled.
    pub withdrawn: Vec<String>,
}

/// A whole order file, read and checked: its orders as [`OrderRow`]s, or
/// as compact [`Orders`] (see [`read_order_table`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFile<R = Vec<OrderRow>> {
    pub rows: R,
    /// `(role, header)`: `("amount", "Total")`, in role order.
    pub columns_used: Vec<(String, String)>,
    /// The date format detected, for the dry-run message (`dd/mm/yyyy`).
    pub date_format: String,
    /// The same in parts, for a summary in the user's language; `None`
    /// for a file without rows.
    pub date_form: Option<DateForm>,
    /// The columns used, by role (order, customer, date, amount, segment,
    /// status, payment status, cancelled, refunded, currency: the order of
    /// the catalogs' `order_roles`), the customer's best first.
    pub columns: Vec<(usize, Vec<String>)>,
    /// Whether the amount column uses a decimal comma (`1.234,5`).
    pub decimal_comma: bool,
    pub summary: OrderSummary,
    /// Whose export it was read as, and whether that was detected (not
    /// given with `--from`).
    pub profile: OrderProfile,
    pub detected: bool,
}

impl<R> OrderFile<R> {
    fn map_rows<S>(self, f: impl FnOnce(R) -> S) -> OrderFile<S> {
        OrderFile {
            rows: f(self.rows),
            columns_used: self.columns_used,
            date_format: self.date_format,
            date_form: self.date_form,
            columns: self.columns,
            decimal_comma: self.decimal_comma,
            summary: self.summary,
            profile: self.profile,
            detected: self.detected,
        }
    }
}

#[cfg(test)]
mod tests;
