//! The key that makes importing the same order twice a no-op, and how
//! the table holds it.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::OrderLike;
use super::points::Fnv;
use crate::store::day_text;

/// The key that makes importing the same order twice a no-op: the shop's
/// order id, or customer, day and amount where the export has none. Two
/// such orders alike in all three are two orders (the same customer
/// buying the same thing twice in a day): the `n`-th of a file from the
/// second on is keyed `#n`, so importing the file again finds each one.
/// The first keeps the bare key, the one stored before repeats were told
/// apart, so stored orders and the undo journal's copies of them stay
/// valid as they are.
pub fn order_key(o: &impl OrderLike, occurrence: u32) -> String {
    match o.order_ref() {
        Some(r) => id_key(r),
        None if occurrence <= 1 => content_key(o),
        None => format!("{}#{occurrence}", content_key(o)),
    }
}

pub(super) fn id_key(order_ref: &str) -> String {
    format!("id:{order_ref}")
}

/// An order's key as the table holds it: `order_key` is NULL for an order
/// with the shop's id, whose key is the id's (the unique index
/// `orders_key` is of this expression).
pub(in crate::store) const STORED_KEY: &str = "IFNULL(order_key, 'id:' || order_ref)";

fn content_key(o: &impl OrderLike) -> String {
    format!("cda:{}|{}|{}", o.customer(), day_text(o.day()), o.amount())
}

/// Whether `stored` is a key [`order_key`] gives `o` (any occurrence).
pub(in crate::store) fn key_fits(o: &impl OrderLike, stored: &str) -> bool {
    if o.order_ref().is_some() {
        return stored == order_key(o, 1);
    }
    let bare = content_key(o);
    match stored.strip_prefix(bare.as_str()) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('#')
            .filter(|n| !n.starts_with('0'))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 2),
        None => false,
    }
}

/// Counts, over the orders of one file in file order, how often each
/// order without an id has been seen, for [`order_key`].
#[derive(Default)]
pub(in crate::store) struct Occurrences(HashMap<String, u32, BuildHasherDefault<Fnv>>);

impl Occurrences {
    /// The key of `o`, the next of its content.
    pub fn key(&mut self, o: &impl OrderLike) -> String {
        self.stored_key(o).unwrap_or_else(|| order_key(o, 1))
    }

    /// What `order_key` holds for `o`, the next of its content: its key,
    /// or nothing for an order with the shop's id (see [`STORED_KEY`]).
    pub fn stored_key(&mut self, o: &impl OrderLike) -> Option<String> {
        if o.order_ref().is_some() {
            return None;
        }
        let bare = content_key(o);
        let n = match self.0.get_mut(&bare) {
            Some(n) => {
                *n += 1;
                *n
            }
            None => {
                self.0.insert(bare.clone(), 1);
                1
            }
        };
        Some(if n == 1 { bare } else { format!("{bare}#{n}") })
    }
}
