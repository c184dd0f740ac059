//! Reading one row's cells: statuses, customers, dates and amounts.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::OrderView;
use super::columns::{AMOUNT, CURRENCY, DATE, ROLES, SEGMENT};
use crate::domain::Amount;
use crate::import::dates::{self, DateFormat};
use crate::import::error::quoted;
use crate::import::kpis::Money;
use crate::import::numbers::{self, DecimalMark};
use crate::import::table;

/// Names shops give a sale without a customer (folded, see [`table::fold`]).
pub(super) const WALK_IN: [&str; 4] = ["khachle", "khachvanglai", "walkin", "walkincustomer"];

/// What an order's status says of it, least to most final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Status {
    /// Paid, pending, processing, completed, or a status funnel does not
    /// know: an order placed counts (most Vietnamese orders are paid on
    /// delivery, so unpaid is not unsold; a later export that shows it
    /// cancelled takes it out again).
    Counted,
    /// Partly refunded: counted less the refunded amount.
    PartlyRefunded,
    /// Refunded in full or returned: no revenue, left out.
    Refunded,
    /// Cancelled, voided or failed: no sale, left out.
    Voided,
}

/// The status a cell names (any case, accents optional).
pub(super) fn status(text: &str) -> Status {
    if text.is_empty() {
        return Status::Counted;
    }
    match table::fold(text).as_str() {
        "voided" | "void" | "cancelled" | "canceled" | "failed" | "dahuy" | "huy" | "huydon"
        | "dahuydon" => Status::Voided,
        "refunded" | "returned" | "dahoantien" | "hoantien" | "dahoantra" | "hoantra"
        | "trahang" | "datrahang" | "chochuyenhoan" | "dachuyenhoan" => Status::Refunded,
        "partiallyrefunded" | "partlyrefunded" | "hoantienmotphan" | "dahoantienmotphan"
        | "hoantramotphan" => Status::PartlyRefunded,
        _ => Status::Counted,
    }
}

/// Whether a customer cell names a sale without a customer. Most cells
/// are ids: only a short one starting as a walk-in name is folded.
pub(super) fn is_walk_in(text: &str) -> bool {
    text.len() <= 24
        && text.starts_with(['K', 'k', 'W', 'w'])
        && WALK_IN.contains(&table::fold(text).as_str())
}

/// A customer as the metrics count them: an email address ignores case
/// (`AN@example.com` is `an@example.com`); other ids are kept as written.
pub(super) fn customer_key(customer: &str) -> Cow<'_, str> {
    if customer.contains('@') {
        Cow::Owned(customer.to_lowercase())
    } else {
        Cow::Borrowed(customer)
    }
}

/// Reads dates and amounts in the formats decided for their columns.
pub(super) struct RowReader {
    pub(super) format: Option<DateFormat>,
    pub(super) mark: DecimalMark,
    pub(super) money: Money,
    /// The currency the amount column's header names: `Total (USD)`.
    pub(super) header_code: Option<String>,
}

impl RowReader {
    pub(super) fn day(&self, text: &str) -> Result<NaiveDate, String> {
        match &self.format {
            Some(f) => f.parse(text),
            None => Err(dates::not_a_date_message(text)),
        }
    }

    /// An amount in the database's money, with the currency and rate it
    /// was converted from where the header, the row's `currency` cell or
    /// the cell's mark (`$`) says another currency.
    pub(super) fn amount(
        &self,
        text: &str,
        currency: &str,
    ) -> Result<(Amount, Option<(String, Amount)>), String> {
        let read = numbers::parse(text, self.mark, "an amount")?;
        if self.header_code.is_none() && currency.is_empty() && read.currency.is_none() {
            return Ok((read.amount, None));
        }
        let row_code = match currency {
            "" => None,
            text => Some(numbers::currency_code(text).ok_or_else(|| {
                format!(
                    "the currency {} is not a currency code (such as VND or USD)",
                    quoted(text)
                )
            })?),
        };
        let said = [
            self.header_code.as_deref(),
            row_code.as_deref(),
            read.currency,
        ];
        let code = self.money.code_said(said, "order total")?;
        match self.money.rate_for(code, "order total")? {
            None => Ok((read.amount, None)),
            Some(rate) => {
                let amount = self.money.convert(read.amount, rate, code, text)?;
                Ok((amount, Some((code.to_string(), rate))))
            }
        }
    }

    /// The message for a row repeating order `prev`'s id with another
    /// value of role `r`.
    pub(super) fn differ_message(
        &self,
        prev: &OrderView,
        r: usize,
        before: &str,
        here: &str,
    ) -> String {
        format!(
            "order {} is also on line {} with a different {} ({} there, {} here)",
            quoted(prev.order_ref.unwrap_or("")),
            prev.line,
            ROLES[r].noun,
            before,
            quoted(here)
        )
    }

    /// For a row repeating an order id: `Some((role, message))` where a
    /// non-empty date, amount or segment cannot be read or disagrees with
    /// the earlier row. Empty cells agree, so the extra line-item rows of
    /// a Shopify export (which leave the order's total empty) are accepted.
    pub(super) fn differs<'a>(
        &self,
        prev: &OrderView,
        get: &dyn Fn(usize) -> &'a str,
    ) -> Option<(usize, String)> {
        let differ =
            |r: usize, before: String| Some((r, self.differ_message(prev, r, &before, get(r))));
        let date = get(DATE);
        if !date.is_empty() {
            match self.day(date) {
                Err(message) => return Some((DATE, message)),
                Ok(d) if d != prev.day => return differ(DATE, prev.day.to_string()),
                Ok(_) => {}
            }
        }
        let amount = get(AMOUNT);
        if !amount.is_empty() {
            match self.amount(amount, get(CURRENCY)) {
                Err(message) => return Some((AMOUNT, message)),
                Ok((a, _)) if a != prev.amount => return differ(AMOUNT, prev.amount.to_string()),
                Ok(_) => {}
            }
        }
        let segment = get(SEGMENT);
        if !segment.is_empty() && prev.segment != Some(segment) {
            return differ(SEGMENT, prev.segment.map_or("none".into(), quoted));
        }
        None
    }
}
