//! The orders of a file held compact.

use chrono::NaiveDate;

use super::OrderRow;
use crate::domain::Amount;

/// The orders of a file, compact: their text (order id, customer,
/// segment) in one buffer rather than three strings each, which a
/// million-row file would spend more memory on than on the orders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orders {
    pub(super) text: String,
    pub(super) rows: Vec<Packed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Packed {
    pub(super) line: u32,
    /// Where the order's id, customer and segment start in the text, one
    /// after the other, and their lengths (0: none).
    pub(super) at: u32,
    pub(super) lens: [u32; 3],
    pub(super) day: NaiveDate,
    pub(super) amount: Amount,
}

/// One order of [`Orders`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderView<'a> {
    pub line: usize,
    pub order_ref: Option<&'a str>,
    /// Empty for a sale without a customer.
    pub customer: &'a str,
    pub day: NaiveDate,
    pub amount: Amount,
    pub segment: Option<&'a str>,
}

impl OrderView<'_> {
    pub(super) fn to_row(self) -> OrderRow {
        OrderRow {
            line: self.line,
            order_ref: self.order_ref.map(str::to_string),
            customer: self.customer.to_string(),
            day: self.day,
            amount: self.amount,
            segment: self.segment.map(str::to_string),
        }
    }
}

impl Orders {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, i: usize) -> OrderView<'_> {
        let p = &self.rows[i];
        let mut at = p.at as usize;
        let mut next = |len: u32| {
            let text = &self.text[at..at + len as usize];
            at += len as usize;
            text
        };
        let order_ref = next(p.lens[0]);
        let customer = next(p.lens[1]);
        let segment = next(p.lens[2]);
        OrderView {
            line: p.line as usize,
            order_ref: (!order_ref.is_empty()).then_some(order_ref),
            customer,
            day: p.day,
            amount: p.amount,
            segment: (!segment.is_empty()).then_some(segment),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = OrderView<'_>> + Clone {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Adds an order; `None` where the file is past what the offsets
    /// hold (4 GiB of text), which no file read whole into memory is.
    pub(super) fn push(
        &mut self,
        line: usize,
        texts: [&str; 3],
        day: NaiveDate,
        amount: Amount,
    ) -> Option<()> {
        let at = u32::try_from(self.text.len()).ok()?;
        let mut lens = [0u32; 3];
        for (len, text) in lens.iter_mut().zip(texts) {
            *len = u32::try_from(text.len()).ok()?;
            self.text.push_str(text);
        }
        u32::try_from(self.text.len()).ok()?;
        self.rows.push(Packed {
            line: u32::try_from(line).ok()?,
            at,
            lens,
            day,
            amount,
        });
        Some(())
    }
}
