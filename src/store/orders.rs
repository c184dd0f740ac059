//! Orders from shop and CRM exports, the source of the customer metrics.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store, StoreError, day_text, journal, now_text, parse_day, rollup};
use crate::domain::{Amount, Order, SegmentId, validate};

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

fn id_key(order_ref: &str) -> String {
    format!("id:{order_ref}")
}

/// An order's key as the table holds it: `order_key` is NULL for an order
/// with the shop's id, whose key is the id's (the unique index
/// `orders_key` is of this expression).
pub(super) const STORED_KEY: &str = "IFNULL(order_key, 'id:' || order_ref)";

fn content_key(o: &impl OrderLike) -> String {
    format!("cda:{}|{}|{}", o.customer(), day_text(o.day()), o.amount())
}

/// Whether `stored` is a key [`order_key`] gives `o` (any occurrence).
pub(super) fn key_fits(o: &impl OrderLike, stored: &str) -> bool {
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
pub(super) struct Occurrences(HashMap<String, u32, BuildHasherDefault<Fnv>>);

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

/// What every order must be, however it comes in: a customer (or none, for
/// a walk-in sale) and shop id that show as given, a day funnel keeps, an
/// amount of 0 or more (a refund is no order) within the limit.
pub(super) fn check_order(o: &impl OrderLike) -> Result<(), validate::Invalid> {
    order_customer(o.customer())?;
    if let Some(r) = o.order_ref() {
        validate::order_id(r)?;
    }
    validate::day("order day", o.day())?;
    validate::non_negative("order amount", o.amount())?;
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
struct PointsBuilder {
    out: OrderPoints,
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
    fn with_capacity(orders: usize) -> Self {
        let mut out = PointsBuilder::default();
        out.out.total.points.reserve(orders);
        out
    }

    fn add(&mut self, customer: &[u8], day: NaiveDate, segment: Option<i64>, amount: Amount) {
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
        self.out.orders += 1;
        self.out.total.push(n, day, amount);
        if let Some(segment) = segment {
            self.out
                .by_segment
                .entry(SegmentId(segment))
                .or_default()
                .push(n, day, amount);
        }
    }
}

/// Orders inserted [`CHUNK`] to a statement: one statement per order
/// spent more time starting and ending statements (opening the table and
/// its indexes, seeking from the root) than inserting, and a statement of
/// many rows copies each page it changes to its statement journal once,
/// so the more rows to a statement the fewer copies.
const CHUNK: usize = 256;
const COLUMNS: usize = 7;

/// The page cache of an orders import (the store's bulk cache is larger).
const ORDERS_CACHE_KIB: i64 = 32 * 1024;

/// An order on its way into the table: what `order_key` holds for it,
/// the order, its segment.
type Pending<O> = (Option<String>, O, Option<i64>);

/// Whether two pending orders have the same key.
fn same_key<O: OrderLike>(a: &Pending<O>, b: &Pending<O>) -> bool {
    match (&a.0, &b.0) {
        (Some(a), Some(b)) => a == b,
        (None, None) => a.1.order_ref() == b.1.order_ref(),
        _ => false,
    }
}

/// The orders of one import on their way into the table, by chunks.
struct Inserts<'t, O> {
    tx: &'t rusqlite::Transaction<'t>,
    batch: i64,
    pending: Vec<Pending<O>>,
    /// The text of the last day bound: files come mostly in runs of a day.
    day: Option<(NaiveDate, String)>,
    /// The highest order id before the next chunk: ids only grow
    /// (AUTOINCREMENT), so the orders a chunk adds are those above it.
    last_id: i64,
    /// The highest order id before the import.
    before: i64,
}

impl<'t, O: OrderLike> Inserts<'t, O> {
    fn new(tx: &'t rusqlite::Transaction<'t>, batch: i64) -> Result<Self> {
        let last_id = tx.query_row("SELECT IFNULL(max(id), 0) FROM orders", [], |r| r.get(0))?;
        Ok(Inserts {
            tx,
            batch,
            pending: Vec::with_capacity(CHUNK),
            day: None,
            last_id,
            before: last_id,
        })
    }

    fn insert_sql(rows: usize) -> String {
        let values = vec!["(?,?,?,?,?,?,?)"; rows].join(",");
        format!(
            "INSERT INTO orders (order_key, order_ref, customer, day, amount, segment_id, batch_id)
             VALUES {values} ON CONFLICT DO NOTHING"
        )
    }

    fn push(
        &mut self,
        key: Option<String>,
        o: O,
        segment: Option<i64>,
        out: &mut OrderOutcome,
    ) -> Result<()> {
        self.pending.push((key, o, segment));
        if self.pending.len() == CHUNK {
            self.flush(CHUNK, out)?;
        }
        Ok(())
    }

    /// Inserts what is pending: whole chunks, then the rest one by one.
    fn finish(&mut self, out: &mut OrderOutcome) -> Result<()> {
        self.flush(1, out)
    }

    fn flush(&mut self, per_statement: usize, out: &mut OrderOutcome) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let mut insert = self.tx.prepare_cached(&Self::insert_sql(per_statement))?;
        for chunk in pending.chunks(per_statement) {
            for (k, (key, o, segment)) in chunk.iter().enumerate() {
                let day = match &self.day {
                    Some((d, text)) if *d == o.day() => text,
                    _ => &self.day.insert((o.day(), day_text(o.day()))).1,
                };
                let at = k * COLUMNS;
                insert.raw_bind_parameter(at + 1, key)?;
                insert.raw_bind_parameter(at + 2, o.order_ref())?;
                insert.raw_bind_parameter(at + 3, o.customer())?;
                insert.raw_bind_parameter(at + 4, day)?;
                insert.raw_bind_parameter(at + 5, o.amount().raw())?;
                insert.raw_bind_parameter(at + 6, segment)?;
                insert.raw_bind_parameter(at + 7, self.batch)?;
            }
            let added = insert.raw_execute()?;
            out.added += added;
            let floor = self.last_id;
            if added > 0 {
                self.last_id = self.tx.last_insert_rowid();
            }
            if added < chunk.len() {
                self.not_added(chunk, floor, out)?;
            }
        }
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }

    /// The orders of `chunk` it did not add (stored before it, or a key
    /// that comes twice) replace the stored ones where they differ, as
    /// one statement per order did: the last of a key wins.
    fn not_added(&self, chunk: &[Pending<O>], floor: i64, out: &mut OrderOutcome) -> Result<()> {
        let mut stored = self
            .tx
            .prepare_cached(&format!("SELECT id FROM orders WHERE {STORED_KEY} = ?1"))?;
        let mut update = self.tx.prepare_cached(&format!(
            "UPDATE orders SET customer = ?2, day = ?3, amount = ?4, segment_id = ?5
             WHERE {STORED_KEY} = ?1 AND (customer IS NOT ?2 OR day IS NOT ?3
                   OR amount IS NOT ?4 OR segment_id IS NOT ?5)"
        ))?;
        for (i, pending) in chunk.iter().enumerate() {
            let (stored_key, o, segment) = pending;
            let key = match (stored_key, o.order_ref()) {
                (Some(key), _) => key.clone(),
                (None, r) => id_key(r.unwrap_or_default()),
            };
            // The chunk added the first of its orders of a key not stored
            // before it.
            let first = !chunk[..i].iter().any(|p| same_key(p, pending));
            if first && stored.query_row([&key], |r| r.get::<_, i64>(0))? > floor {
                continue;
            }
            let day = day_text(o.day());
            let amount = o.amount().raw();
            if update.execute(params![key, o.customer(), day, amount, segment])? == 1 {
                out.updated += 1;
            } else {
                out.unchanged += 1;
            }
        }
        Ok(())
    }
}

/// Records the ids `batch` gave the orders it added: those above
/// `before`, the highest id before it (ids only grow, and one transaction
/// adds orders at a time). Undo and redo find the batch's orders by them.
pub(super) fn batch_ids(tx: &rusqlite::Transaction<'_>, batch: i64, before: i64) -> Result<()> {
    tx.execute(
        "UPDATE import_batches SET (first_order, last_order) =
           (SELECT min(id), max(id) FROM orders WHERE id > ?2)
         WHERE id = ?1",
        [batch, before],
    )?;
    Ok(())
}

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
            let mut points = (empty && commit).then(|| PointsBuilder::with_capacity(orders.len()));
            let mut rows = Inserts::new(tx, batch)?;
            let mut keys = Occurrences::default();
            let count = orders.len();
            // What the orders of the file add up to: the orders total where
            // every order went into an empty table.
            let mut sum: i128 = 0;
            for o in orders {
                let segment = match o.segment() {
                    None => None,
                    Some(name) => Some(match segments.get(&name.to_lowercase()) {
                        Some(id) => *id,
                        None => {
                            let name = crate::domain::validate::name("segment name", name)?;
                            tx.execute("INSERT INTO segments (name) VALUES (?1)", [&name])?;
                            let id = tx.last_insert_rowid();
                            segments.insert(name.to_lowercase(), id);
                            out.new_segments.push(name);
                            id
                        }
                    }),
                };
                if let Some(p) = &mut points {
                    p.add(o.customer().as_bytes(), o.day(), segment, o.amount());
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
            c.label = format!("import orders from {file}");
            Ok((out, points.map(|p| (generation, p.out))))
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
            Ok((
                r.get::<_, String>(0)?,
                super::parse_day(&r.get::<_, String>(1)?)?,
            ))
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

/// FNV-1a: customer ids are short strings, hashed once per order when a
/// million orders are read; SipHash's guard against crafted keys buys
/// nothing for one's own file.
struct Fnv(u64);

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
