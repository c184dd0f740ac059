//! The customers of an import numbered by first order, by sorting hashes:
//! looking a million orders' customers up in a hash map of 100,000 spent
//! most of its time waiting on cache misses, where a sort walks memory in
//! order.

use std::collections::HashMap;

use super::OrderLike;

/// No customer (a walk-in sale).
pub(super) const NONE: u32 = u32::MAX;

/// Each order's customer as a dense index by first order, `NONE` for an
/// order without one, and how many customers there are: what numbering
/// them one by one in a map gives. The orders are gone through twice:
/// once to hash each customer, once to check that the orders a hash puts
/// together are one customer (a collision is numbered apart).
pub(super) fn number_customers<O: OrderLike>(
    orders: impl ExactSizeIterator<Item = O> + Clone,
) -> (Vec<u32>, u32) {
    number_by(orders, hash)
}

/// [`number_customers`] with the hash given (a test gives a poor one).
fn number_by<O: OrderLike>(
    orders: impl ExactSizeIterator<Item = O> + Clone,
    hash: fn(&[u8]) -> u64,
) -> (Vec<u32>, u32) {
    let count = orders.len();
    // Each key is the hash's high bits over the row: sorting keys groups
    // a customer's rows, the first first.
    let row_bits = (usize::BITS - count.leading_zeros()).max(1);
    let row_mask = (1u64 << row_bits) - 1;
    let mut keyed: Vec<u64> = Vec::with_capacity(count);
    for (row, o) in orders.clone().enumerate() {
        let customer = o.customer().as_bytes();
        if !customer.is_empty() {
            keyed.push((hash(customer) << row_bits) | row as u64);
        }
    }
    keyed.sort_unstable();
    let mut number = vec![NONE; count];
    let mut groups: u32 = 0;
    let mut last = None;
    for key in &keyed {
        let h = key >> row_bits;
        if last != Some(h) {
            last = Some(h);
            groups += 1;
        }
        // `row` < `count`: it was one of them.
        number[(key & row_mask) as usize] = groups - 1;
    }
    drop(keyed);
    // The group's customer number, and each customer's id in `ids`
    // (`starts[n]..starts[n + 1]`).
    let mut group_number = vec![NONE; groups as usize];
    let mut ids: Vec<u8> = Vec::new();
    let mut starts: Vec<usize> = vec![0];
    let mut apart: HashMap<Box<[u8]>, u32> = HashMap::new();
    let mut customers: u32 = 0;
    for (row, o) in orders.enumerate() {
        let group = number[row];
        if group == NONE {
            continue;
        }
        let customer = o.customer().as_bytes();
        let n = group_number[group as usize];
        number[row] = if n == NONE {
            group_number[group as usize] = customers;
            next(&mut ids, &mut starts, customer, &mut customers)
        } else if ids[starts[n as usize]..starts[n as usize + 1]] == *customer {
            n
        } else if let Some(n) = apart.get(customer) {
            *n
        } else {
            apart.insert(customer.into(), customers);
            next(&mut ids, &mut starts, customer, &mut customers)
        };
    }
    (number, customers)
}

/// Numbers a customer not seen before: the next number.
fn next(ids: &mut Vec<u8>, starts: &mut Vec<usize>, id: &[u8], customers: &mut u32) -> u32 {
    ids.extend_from_slice(id);
    starts.push(ids.len());
    *customers += 1;
    *customers - 1
}

/// A multiply-rotate hash a word at a time (as rustc's FxHash): customer
/// ids are short, and SipHash's guard against crafted keys buys nothing
/// for one's own file.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0;
    let mut step = |word: u64| h = (h.rotate_left(5) ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        step(u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    step(u64::from_le_bytes(word) ^ ((bytes.len() as u64) << 56));
    h.rotate_left(26)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::Amount;
    use crate::store::orders::OrderInput;

    fn orders(customers: &[String]) -> Vec<OrderInput> {
        customers
            .iter()
            .map(|c| OrderInput {
                order_ref: None,
                customer: c.clone(),
                day: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                amount: Amount::from_int(1),
                segment: None,
            })
            .collect()
    }

    /// Numbering by first order, one customer at a time in a map.
    fn one_by_one(customers: &[String]) -> (Vec<u32>, u32) {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        let numbers = customers
            .iter()
            .map(|c| match c.as_str() {
                "" => NONE,
                c => {
                    let next = seen.len() as u32;
                    *seen.entry(c).or_insert(next)
                }
            })
            .collect();
        (numbers, seen.len() as u32)
    }

    fn ids() -> impl Strategy<Value = Vec<String>> {
        // Few distinct ids, repeated, some empty (walk-in sales), some
        // long enough to take more than one word.
        let id = prop_oneof![
            Just(String::new()),
            "[a-c]{1,3}",
            "[a-c]{1,2}@example\\.com",
        ];
        proptest::collection::vec(id, 0..200)
    }

    proptest! {
        #[test]
        fn sorting_numbers_customers_as_a_map_does(customers in ids()) {
            let list = orders(&customers);
            prop_assert_eq!(number_customers(list.iter()), one_by_one(&customers));
        }

        /// A hash of the length alone puts many customers together: each
        /// still gets its own number.
        #[test]
        fn customers_of_one_hash_are_told_apart(customers in ids()) {
            let list = orders(&customers);
            let by_len = |id: &[u8]| id.len() as u64;
            prop_assert_eq!(number_by(list.iter(), by_len), one_by_one(&customers));
        }
    }
}
