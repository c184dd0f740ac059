//! The orders reduced to what the KPIs need: each order's customer as a
//! dense index, its day and amount, per scope.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::domain::{Amount, SegmentId};

/// The orders of one scope reduced to what the KPIs need.
#[derive(Debug, Clone, Default)]
pub struct ScopeOrders {
    /// Each order's customer, as a dense index shared by all scopes, and
    /// its day; an order without a customer has none.
    pub points: Vec<(u32, NaiveDate)>,
    /// Each point's order amount, `point_amounts[i]` for `points[i]`.
    pub point_amounts: Vec<Amount>,
    /// The order amounts by day, in stored order; runs of one day come
    /// added up where the sum fits an amount.
    pub amounts: Vec<(NaiveDate, Amount)>,
}

impl ScopeOrders {
    /// Whether the scope has any order, with a customer or without.
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty()
    }

    /// The day of the latest order, with a customer or without.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.amounts.iter().map(|(day, _)| *day).max()
    }

    fn push(&mut self, customer: Option<u32>, day: NaiveDate, amount: Amount) {
        if let Some(c) = customer {
            self.points.push((c, day));
            self.point_amounts.push(amount);
        }
        if let Some((last_day, sum)) = self.amounts.last_mut()
            && *last_day == day
            && let Some(added) = sum.raw().checked_add(amount.raw())
        {
            *sum = Amount::from_raw(added);
            return;
        }
        self.amounts.push((day, amount));
    }
}

/// Every order, for the whole business and for each segment that has any.
#[derive(Debug, Clone, Default)]
pub struct OrderPoints {
    pub total: ScopeOrders,
    pub by_segment: BTreeMap<SegmentId, ScopeOrders>,
    pub customers: u32,
    /// Every order, those without a customer included.
    pub orders: usize,
}

/// [`OrderPoints`] built order by order, in stored order.
#[derive(Default)]
pub(super) struct PointsBuilder {
    pub(super) out: OrderPoints,
    /// Each customer's dense index, by first order.
    index: HashMap<CustomerKey, u32, BuildHasherDefault<Fnv>>,
}

/// A customer id as a key of [`PointsBuilder::index`]: a short one (most
/// ids, phones and many emails) is held in the map itself, so that
/// finding one of 100,000 customers does not also chase a pointer to its
/// text (which the profile of a million-row import showed as its cost).
#[derive(PartialEq, Eq)]
enum CustomerKey {
    Short(u8, [u8; SHORT_KEY]),
    Long(Box<[u8]>),
}

const SHORT_KEY: usize = 22;

impl CustomerKey {
    fn new(bytes: &[u8]) -> Self {
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= SHORT_KEY => {
                let mut short = [0; SHORT_KEY];
                short[..bytes.len()].copy_from_slice(bytes);
                CustomerKey::Short(len, short)
            }
            _ => CustomerKey::Long(bytes.into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            CustomerKey::Short(len, short) => &short[..usize::from(*len)],
            CustomerKey::Long(bytes) => bytes,
        }
    }
}

impl std::hash::Hash for CustomerKey {
    // The bytes alone: a key's variant follows from its length.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.bytes());
    }
}

impl PointsBuilder {
    /// For `orders` orders: the whole business's points grown once.
    pub(super) fn with_capacity(orders: usize) -> Self {
        let mut out = PointsBuilder::default();
        out.out.total.points.reserve(orders);
        out
    }

    pub(super) fn add(
        &mut self,
        customer: &[u8],
        day: NaiveDate,
        segment: Option<i64>,
        amount: Amount,
    ) {
        // A walk-in sale is an order of no customer.
        let key = CustomerKey::new(customer);
        let n = match self.index.get(&key) {
            _ if customer.is_empty() => None,
            Some(n) => Some(*n),
            None => {
                let n = self.out.customers;
                self.index.insert(key, n);
                self.out.customers += 1;
                Some(n)
            }
        };
        self.push(n, day, segment, amount);
    }

    /// An order whose customer is numbered afterwards (see
    /// [`PointsBuilder::numbered`]): its row stands in for the number.
    /// The caller keeps the rows within `u32`.
    pub(super) fn add_row(
        &mut self,
        has_customer: bool,
        day: NaiveDate,
        segment: Option<i64>,
        amount: Amount,
    ) {
        let row = has_customer.then_some(self.out.orders as u32);
        self.push(row, day, segment, amount);
    }

    /// The points of orders added with [`PointsBuilder::add_row`], each
    /// row replaced by its customer's number in `numbers` (see
    /// [`super::numbering::number_customers`]).
    pub(super) fn numbered(mut self, numbers: &[u32], customers: u32) -> OrderPoints {
        let scopes = std::iter::once(&mut self.out.total).chain(self.out.by_segment.values_mut());
        for scope in scopes {
            for point in &mut scope.points {
                point.0 = numbers[point.0 as usize];
            }
        }
        self.out.customers = customers;
        self.out
    }

    fn push(
        &mut self,
        customer: Option<u32>,
        day: NaiveDate,
        segment: Option<i64>,
        amount: Amount,
    ) {
        self.out.orders += 1;
        self.out.total.push(customer, day, amount);
        if let Some(segment) = segment {
            self.out
                .by_segment
                .entry(SegmentId(segment))
                .or_default()
                .push(customer, day, amount);
        }
    }
}

/// FNV-1a: customer ids are short strings, hashed once per order when a
/// million orders are read; SipHash's guard against crafted keys buys
/// nothing for one's own file.
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
