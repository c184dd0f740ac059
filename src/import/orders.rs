//! `funnel orders import`: an order export (any shop or CRM) read into
//! validated order rows, one per order.

use std::borrow::Cow;
use std::hash::Hasher;

use chrono::NaiveDate;

use super::dates::{self, DateForm, DateFormat};
use super::error::{ImportError, quoted};
use super::kpis::{CURRENCY_ALIASES, Money, header_currency};
use super::numbers::{self, DecimalMark};
use super::sheet;
use super::table::{self, Header};
use crate::domain::Amount;

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

/// Whose order export a file is: its own order, date and amount columns
/// come before the other names. Detected from the header unless `--from`
/// names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderProfile {
    Shopify,
    WooCommerce,
    Haravan,
    Sapo,
    KiotViet,
    Generic,
}

impl OrderProfile {
    pub const ALL: [OrderProfile; 6] = [
        OrderProfile::Shopify,
        OrderProfile::WooCommerce,
        OrderProfile::Haravan,
        OrderProfile::Sapo,
        OrderProfile::KiotViet,
        OrderProfile::Generic,
    ];

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            OrderProfile::Shopify => "shopify",
            OrderProfile::WooCommerce => "woocommerce",
            OrderProfile::Haravan => "haravan",
            OrderProfile::Sapo => "sapo",
            OrderProfile::KiotViet => "kiotviet",
            OrderProfile::Generic => "generic",
        }
    }

    /// The order id, date and amount columns this export always has (see
    /// the fixtures' README for where each comes from); none for generic.
    fn columns(self) -> [Option<&'static str>; 3] {
        match self {
            OrderProfile::Shopify => [Some("Name"), Some("Created at"), Some("Total")],
            OrderProfile::WooCommerce => [Some("Order #"), Some("Date"), Some("Net sales")],
            OrderProfile::Haravan => [Some("Mã đơn hàng"), Some("Ngày tạo"), Some("Tổng tiền")],
            OrderProfile::Sapo => [
                Some("Mã đơn hàng"),
                Some("Ngày tạo đơn"),
                Some("Khách phải trả"),
            ],
            OrderProfile::KiotViet => {
                [Some("Mã hóa đơn"), Some("Thời gian"), Some("Khách cần trả")]
            }
            OrderProfile::Generic => [None; 3],
        }
    }

    /// The shop whose three columns the header has (Shopify also by its
    /// `Financial Status`, since `Name`, `Created at` and `Total` are
    /// common words), else generic.
    fn detect(header: &Header) -> OrderProfile {
        let has = |name: &str| header.find_alias(&[name], &[]).is_some();
        OrderProfile::ALL
            .into_iter()
            .find(|p| {
                let own = p.columns();
                own[0].is_some()
                    && own.into_iter().flatten().all(has)
                    && (*p != OrderProfile::Shopify || has("Financial Status"))
            })
            .unwrap_or(OrderProfile::Generic)
    }
}

impl std::str::FromStr for OrderProfile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        super::kpis::named(
            &OrderProfile::ALL,
            OrderProfile::name,
            s,
            "a shop's order export",
        )
    }
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

/// The orders of a file, compact: their text (order id, customer,
/// segment) in one buffer rather than three strings each, which a
/// million-row file would spend more memory on than on the orders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orders {
    text: String,
    rows: Vec<Packed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed {
    line: u32,
    /// Where the order's id, customer and segment start in the text, one
    /// after the other, and their lengths (0: none).
    at: u32,
    lens: [u32; 3],
    day: NaiveDate,
    amount: Amount,
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
    fn to_row(self) -> OrderRow {
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
    fn push(
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

struct Role {
    name: &'static str,
    noun: &'static str,
    flag: Option<&'static str>,
    /// Recognised headers, by priority (see [`super`] for the rules).
    aliases: &'static [&'static str],
}

const ORDER: usize = 0;
const CUSTOMER: usize = 1;
const DATE: usize = 2;
const AMOUNT: usize = 3;
const SEGMENT: usize = 4;
const STATUS: usize = 5;
const PAYMENT: usize = 6;
const CANCELLED: usize = 7;
const REFUNDED: usize = 8;
const CURRENCY: usize = 9;
const ROLE_COUNT: usize = 10;

/// The customer columns by how well they tell one customer from another:
/// the shop's customer code, then an email, then a phone, then a column
/// that may hold an id or a name (`Customer`), then a name.
const CUSTOMER_TIERS: [&[&str]; 5] = [
    &["Customer ID", "Customer Code", "Mã khách hàng", "Mã KH"],
    &["Email", "Customer Email", "Billing Email", "E-mail"],
    &[
        "Phone",
        "Customer Phone",
        "Billing Phone",
        "Số điện thoại",
        "Điện thoại",
        "SĐT",
    ],
    &["Customer"],
    &[
        "Customer Name",
        "Khách hàng",
        "Tên khách hàng",
        "Billing Name",
    ],
];
const NAME_TIER: usize = 4;

/// Names shops give a sale without a customer (folded, see [`table::fold`]).
const WALK_IN: [&str; 4] = ["khachle", "khachvanglai", "walkin", "walkincustomer"];

const ROLES: [Role; ROLE_COUNT] = [
    Role {
        name: "order",
        noun: "order id",
        flag: Some("--order-column"),
        aliases: &[
            "Order ID",
            "Order Number",
            "Order No",
            "Order #",
            "Order",
            "Mã đơn hàng",
            "Mã đơn",
            "Mã hóa đơn",
            "Name",
        ],
    },
    Role {
        name: "customer",
        noun: "customer",
        flag: Some("--customer-column"),
        aliases: &[],
    },
    Role {
        name: "date",
        noun: "date",
        flag: Some("--date-column"),
        aliases: &[
            "Order Date",
            "Created at",
            "Date",
            "Ngày đặt",
            "Ngày đặt hàng",
            "Ngày tạo",
            "Ngày tạo đơn",
            "Thời gian",
            "Ngày",
        ],
    },
    Role {
        name: "amount",
        noun: "amount",
        flag: Some("--amount-column"),
        aliases: &[
            "Total",
            "Order Total",
            "Total Price",
            "Amount",
            "Net sales",
            "Khách cần trả",
            "Khách phải trả",
            "Tổng tiền",
            "Thành tiền",
            "Revenue",
        ],
    },
    Role {
        name: "segment",
        noun: "segment",
        flag: Some("--segment-column"),
        aliases: &["Segment", "Phân khúc"],
    },
    Role {
        name: "status",
        noun: "status",
        flag: None,
        aliases: &[
            "Status",
            "Order Status",
            "Trạng thái",
            "Trạng thái đơn hàng",
            "Tình trạng",
            "Tình trạng đơn hàng",
        ],
    },
    Role {
        name: "payment status",
        noun: "payment status",
        flag: None,
        aliases: &[
            "Financial Status",
            "Payment Status",
            "Trạng thái thanh toán",
            "Tình trạng thanh toán",
            "Thanh toán",
        ],
    },
    Role {
        name: "cancelled",
        noun: "cancellation",
        flag: None,
        aliases: &["Cancelled at", "Ngày hủy"],
    },
    Role {
        name: "refunded",
        noun: "refunded amount",
        flag: None,
        aliases: &[
            "Refunded Amount",
            "Refund Amount",
            "Số tiền hoàn trả",
            "Tiền hoàn trả",
        ],
    },
    Role {
        name: "currency",
        noun: "currency",
        flag: None,
        aliases: CURRENCY_ALIASES,
    },
];

/// What an order's status says of it, least to most final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
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
fn status(text: &str) -> Status {
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
fn is_walk_in(text: &str) -> bool {
    text.len() <= 24
        && text.starts_with(['K', 'k', 'W', 'w'])
        && WALK_IN.contains(&table::fold(text).as_str())
}

/// A customer as the metrics count them: an email address ignores case
/// (`AN@example.com` is `an@example.com`); other ids are kept as written.
fn customer_key(customer: &str) -> Cow<'_, str> {
    if customer.contains('@') {
        Cow::Owned(customer.to_lowercase())
    } else {
        Cow::Borrowed(customer)
    }
}

/// Where the cells of each role are among the wanted columns.
struct Layout {
    /// The column of each role, if any.
    index: [Option<usize>; ROLE_COUNT],
    /// `(tier, column)` of the customer columns, best first; one
    /// `(0, column)` where a flag named the column.
    customers: Vec<(usize, usize)>,
}

impl Layout {
    /// The wanted columns: the roles', then the customer columns.
    fn wanted(&self) -> Vec<usize> {
        let roles = self
            .index
            .iter()
            .enumerate()
            .filter(|(r, _)| *r != CUSTOMER)
            .filter_map(|(_, i)| *i);
        roles.chain(self.customers.iter().map(|c| c.1)).collect()
    }

    /// The slot (among the wanted) of role `r`; the customer's are in
    /// [`Layout::customers`].
    fn slot(&self, r: usize) -> Option<usize> {
        if r == CUSTOMER {
            return None;
        }
        self.index[r]?;
        Some(
            (0..r)
                .filter(|k| *k != CUSTOMER && self.index[*k].is_some())
                .count(),
        )
    }
}

/// An order being read: its own row, then what later rows add.
struct Extra {
    status: Status,
    /// The `Refunded Amount` column of its row.
    refunded: Amount,
    /// Refund rows (negative amounts) under its order id, added up.
    refund_rows: Amount,
    by_name: bool,
}

impl Default for Extra {
    fn default() -> Self {
        Extra {
            status: Status::Counted,
            refunded: Amount::ZERO,
            refund_rows: Amount::ZERO,
            by_name: false,
        }
    }
}

/// Reads an order export. See the module docs of [`super`] for the rules.
pub fn read_orders(
    file_label: &str,
    bytes: &[u8],
    cols: &OrderColumns,
) -> Result<OrderFile, ImportError> {
    let table = read_order_table(file_label, Cow::Borrowed(bytes), cols)?;
    Ok(table.map_rows(|orders| orders.iter().map(OrderView::to_row).collect()))
}

/// [`read_orders`], the orders compact; the file is let go of once its
/// cells are read.
pub fn read_order_table(
    file_label: &str,
    bytes: Cow<'_, [u8]>,
    cols: &OrderColumns,
) -> Result<OrderFile<Orders>, ImportError> {
    let file = file_label;
    let (header, mut layout, profile, wanted, cells) = {
        let table = sheet::as_table(file, &bytes)?;
        let decoded = table::decode(file, &table)?;
        let header = table::read_header(file, &decoded)?;
        let profile = cols
            .profile
            .unwrap_or_else(|| OrderProfile::detect(&header));
        let layout = resolve(file, &header, cols, profile)?;
        let wanted = layout.wanted();
        let cells = table::read_cells(file, &decoded, &header, &wanted)?;
        (header, layout, profile, wanted, cells)
    };
    drop(bytes);
    let customer_slots: Vec<(usize, usize)> = {
        let first = wanted.len() - layout.customers.len();
        layout
            .customers
            .iter()
            .enumerate()
            .map(|(k, (tier, _))| (*tier, first + k))
            .collect()
    };

    let mut slots: [Option<usize>; ROLE_COUNT] = std::array::from_fn(|r| layout.slot(r));
    // Shopify's `Name` holds `#1001`; elsewhere `Name` is a person's name.
    if cols.order.is_none()
        && cols.profile != Some(OrderProfile::Shopify)
        && let Some(i) = layout.index[ORDER]
        && table::fold(&header.names[i]) == "name"
        // The order column is the first wanted one.
        && !cells.column(0).find(|v| !v.is_empty()).is_some_and(|v| v.starts_with('#'))
    {
        layout.index[ORDER] = None;
        slots[ORDER] = None;
    }
    let index = layout.index;
    let cell_error = |row: usize, col: usize, text: &str, message: String| {
        ImportError::cell(
            file,
            cells.lines[row],
            &header.name(col),
            col,
            text,
            message,
        )
    };
    let role_error = |row: usize, r: usize, text: &str, message: String| {
        cell_error(row, index[r].unwrap_or(0), text, message)
    };

    let date_slot = slots[DATE].unwrap_or(0);
    let amount_slot = slots[AMOUNT].unwrap_or(0);
    let format = dates::detect(cells.column(date_slot)).map_err(|row| {
        let text = cells.get(row, date_slot);
        role_error(row, DATE, text, dates::not_a_date_message(text))
    })?;
    let semicolon = header.delimiter == b';';
    // The order totals and the refunded amounts are one file's money,
    // written one way: `200.000` refunded reads as the `1.250.000` totals do.
    let money = |k: Option<usize>| k.into_iter().flat_map(|k| cells.column(k));
    let mark = numbers::detect(
        cells.column(amount_slot).chain(money(slots[REFUNDED])),
        semicolon,
    );

    let reader = RowReader {
        format,
        mark,
        money: cols.money.clone(),
        header_code: index[AMOUNT].and_then(|i| header_currency(&header.names[i])),
    };
    let mut rows = Orders {
        text: String::new(),
        rows: Vec::with_capacity(cells.len()),
    };
    let mut extras: Vec<(usize, Extra)> = Vec::new();
    let ids = |row: usize| slots[ORDER].map_or("", |k| cells.get(row, k));
    let repeats = repeats(cells.len(), ids);
    let mut next_repeat = repeats.iter().peekable();
    // The order each group's first row belongs to, once its own row is read.
    const NONE: u32 = u32::MAX;
    let mut order_of_first: Vec<u32> = Vec::new();
    let mut orphan_refunds: Vec<(usize, usize, Amount)> = Vec::new();
    let mut summary = OrderSummary {
        rows: cells.len(),
        ..OrderSummary::default()
    };
    // The best customer key of a row, and whether it is a name only.
    let customer_of = |row: usize| -> Result<(&str, bool), ImportError> {
        let mut found = ("", false);
        for (k, &(tier, slot)) in customer_slots.iter().enumerate() {
            let text = cells.get(row, slot);
            if let Some(c) = text.chars().find(|c| crate::text::is_hostile(*c)) {
                let col = layout.customers[k].1;
                return Err(cell_error(
                    row,
                    col,
                    text,
                    control_message("customer", text, c),
                ));
            }
            if found.0.is_empty() && !text.is_empty() && !is_walk_in(text) {
                found = (text, tier == NAME_TIER && cols.customer.is_none());
            }
        }
        Ok(found)
    };
    let mut last_date: Option<(&str, NaiveDate)> = None;
    // The first row of the order last read with an id.
    let mut last_first: Option<usize> = None;
    for row in 0..cells.len() {
        let get = |r: usize| slots[r].map_or("", |k| cells.get(row, k));
        let order_ref = get(ORDER);
        let mut first = match next_repeat.next_if(|(r, _)| *r == row) {
            Some(&(_, first)) => first,
            None => row,
        };
        let amount_text = get(AMOUNT);
        // Blank order cells under an order (what was a merged cell in
        // Excel, as Sapo writes product lines): a line of the order above.
        if order_ref.is_empty() {
            match last_first {
                Some(above) if get(DATE).is_empty() && amount_text.is_empty() => first = above,
                _ => last_first = None,
            }
        } else {
            last_first = Some(first);
        }
        // A refund row: a negative amount under the order's number.
        if amount_text.starts_with('-') && !order_ref.is_empty() {
            let (refund, _) = reader
                .amount(amount_text, get(CURRENCY))
                .map_err(|m| role_error(row, AMOUNT, amount_text, m))?;
            if refund < Amount::ZERO {
                orphan_refunds.push((row, first, Amount::from_raw(-refund.raw())));
                continue;
            }
        }
        let own = order_of_first.get(first).copied().unwrap_or(NONE);
        if own != NONE {
            let prev = rows.get(own as usize);
            let (customer, _) = customer_of(row)?;
            let customer = customer_key(customer);
            if !customer.is_empty() && customer != prev.customer {
                let message =
                    reader.differ_message(&prev, CUSTOMER, &quoted(prev.customer), &customer);
                let col = layout.customers.first().map_or(0, |c| c.1);
                return Err(cell_error(row, col, &customer, message));
            }
            if let Some((r, message)) = reader.differs(&prev, &get) {
                return Err(role_error(row, r, get(r), message));
            }
            continue;
        }
        let required = |r: usize| {
            let text = get(r);
            if text.is_empty() {
                let noun = ROLES[r].noun;
                Err(role_error(
                    row,
                    r,
                    text,
                    format!("the {noun} is empty (every order needs one)"),
                ))
            } else {
                Ok(text)
            }
        };
        let date = required(DATE)?;
        // Ids and names are kept and shown: nothing that would act on a
        // terminal (an escape sequence, a bidirectional override).
        let hostile = |text: &str| text.chars().find(|c| crate::text::is_hostile(*c));
        for r in [ORDER, SEGMENT] {
            let text = get(r);
            if let Some(c) = hostile(text) {
                return Err(role_error(
                    row,
                    r,
                    text,
                    control_message(ROLES[r].noun, text, c),
                ));
            }
        }
        let (customer, by_name) = customer_of(row)?;
        // Exports are mostly in date order: many rows repeat the last date.
        let day = match last_date {
            Some((text, day)) if text == date => day,
            _ => reader
                .day(date)
                .map_err(|m| role_error(row, DATE, date, m))?,
        };
        last_date = Some((date, day));
        let (amount, converted) = reader
            .amount(required(AMOUNT)?, get(CURRENCY))
            .map_err(|m| role_error(row, AMOUNT, amount_text, m))?;
        if let Some((code, rate)) = converted {
            match summary.converted.iter_mut().find(|c| c.0 == code) {
                Some(c) => c.2 += 1,
                None => summary.converted.push((code, rate, 1)),
            }
        }
        if amount < Amount::ZERO {
            let message = format!(
                "{} is below 0: a refund is netted into its order only under the order's id (this row has none)",
                quoted(amount_text)
            );
            return Err(role_error(row, AMOUNT, amount_text, message));
        }
        let segment = get(SEGMENT);
        if segment.chars().count() > crate::domain::validate::MAX_NAME {
            let message = format!(
                "the segment name is too long: {} characters, at most {}",
                segment.chars().count(),
                crate::domain::validate::MAX_NAME
            );
            return Err(role_error(row, SEGMENT, segment, message));
        }
        let mut extra = Extra::default();
        for r in [STATUS, PAYMENT] {
            extra.status = extra.status.max(status(get(r)));
        }
        if !get(CANCELLED).is_empty() {
            extra.status = Status::Voided;
        }
        let text = get(REFUNDED);
        if !text.is_empty() {
            let (refunded, _) = reader
                .amount(text, get(CURRENCY))
                .map_err(|m| role_error(row, REFUNDED, text, m))?;
            if refunded < Amount::ZERO {
                let message = format!(
                    "{} is below 0: a refunded amount is 0 or more",
                    quoted(text)
                );
                return Err(role_error(row, REFUNDED, text, message));
            }
            extra.refunded = refunded;
        }
        if !order_ref.is_empty() {
            if order_of_first.len() <= row {
                order_of_first.resize(row + 1, NONE);
            }
            order_of_first[first] = rows.len() as u32;
        }
        extra.by_name = by_name;
        if extra.status != Status::Counted || extra.refunded > Amount::ZERO || by_name {
            extras.push((rows.len(), extra));
        }
        let customer = customer_key(customer);
        rows.push(
            cells.lines[row],
            [order_ref, &customer, segment],
            day,
            amount,
        )
        .ok_or_else(|| ImportError::file(file, "the file is too large to import"))?;
    }
    // Refund rows may come before their order (a report newest first).
    for (_, first, refund) in orphan_refunds {
        match order_of_first.get(first).copied().unwrap_or(NONE) {
            NONE => summary.orphan_refunds += 1,
            own => {
                let own = own as usize;
                match extras.iter_mut().find(|(o, _)| *o == own) {
                    Some((_, e)) => e.refund_rows = plus(e.refund_rows, refund),
                    None => extras.push((
                        own,
                        Extra {
                            refund_rows: refund,
                            ..Extra::default()
                        },
                    )),
                }
            }
        }
    }
    let mut left_out = vec![false; if extras.is_empty() { 0 } else { rows.len() }];
    for (own, e) in &extras {
        let row = &mut rows.rows[*own];
        let refunds = plus(e.refunded, e.refund_rows);
        let mut status = e.status;
        if status < Status::Refunded && refunds > Amount::ZERO {
            status = if refunds >= row.amount {
                Status::Refunded
            } else {
                Status::PartlyRefunded
            };
        }
        match status {
            Status::Voided | Status::Refunded => {
                if status == Status::Voided {
                    summary.voided += 1;
                } else {
                    summary.refunded += 1;
                }
                left_out[*own] = true;
                let order_ref = rows.get(*own).order_ref;
                summary.withdrawn.extend(order_ref.map(str::to_string));
            }
            Status::PartlyRefunded if refunds > Amount::ZERO => {
                summary.partly_refunded += 1;
                summary.netted = plus(summary.netted, refunds);
                row.amount = Amount::from_raw(row.amount.raw() - refunds.raw());
            }
            Status::PartlyRefunded | Status::Counted => {}
        }
        summary.by_name += usize::from(e.by_name && !left_out[*own]);
    }
    if !left_out.is_empty() {
        let mut k = 0;
        rows.rows.retain(|_| {
            k += 1;
            !left_out[k - 1]
        });
    }
    summary.walk_in = rows.iter().filter(|r| r.customer.is_empty()).count();
    let mut columns: Vec<(usize, Vec<String>)> = Vec::new();
    for (r, i) in index.iter().enumerate() {
        if r == CUSTOMER {
            let names = layout.customers.iter().map(|(_, i)| header.name(*i));
            columns.push((r, names.collect()));
        } else if let Some(i) = i {
            columns.push((r, vec![header.name(*i)]));
        }
    }
    let columns_used = columns
        .iter()
        .map(|(r, names)| (ROLES[*r].name.to_string(), names.join(", then ")))
        .collect();
    Ok(OrderFile {
        rows,
        columns_used,
        date_format: format.map_or_else(|| "none (no rows)".to_string(), |f| f.describe()),
        date_form: format.map(|f| f.form()),
        columns,
        decimal_comma: mark == DecimalMark::Comma,
        summary,
        profile,
        detected: cols.profile.is_none(),
    })
}

/// A sum of refunds; each is within the amount limit, and a sum past what
/// an i64 holds is past every order's amount anyway.
fn plus(a: Amount, b: Amount) -> Amount {
    Amount::from_raw(a.raw().saturating_add(b.raw()))
}

fn control_message(noun: &str, text: &str, c: char) -> String {
    format!(
        "the {noun} {} contains a control character (U+{:04X})",
        quoted(text),
        c as u32
    )
}

/// `(row, first row)` for each row whose order id is on an earlier row,
/// in row order. Sorting hashes keeps memory access sequential: a hash
/// map of a million ids spends most of its time waiting on cache misses.
fn repeats<'a>(rows: usize, id: impl Fn(usize) -> &'a str) -> Vec<(usize, usize)> {
    let hash = |text: &str| {
        let mut h = FastHash::default();
        h.write(text.as_bytes());
        h.finish()
    };
    let mut keyed: Vec<(u64, usize)> = (0..rows)
        .filter_map(|r| Some(id(r)).filter(|t| !t.is_empty()).map(|t| (hash(t), r)))
        .collect();
    keyed.sort_unstable();
    let mut found = Vec::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        for (k, &(_, row)) in group.iter().enumerate().skip(1) {
            let text = id(row);
            // Rows ascend within a group, so this is the first appearance.
            if let Some(&(_, first)) = group[..k].iter().find(|(_, f)| id(*f) == text) {
                found.push((row, first));
            }
        }
    }
    found.sort_unstable();
    found
}

/// A quick multiply-rotate hash (as in rustc's FxHash) for order ids:
/// SipHash's protection against crafted keys buys nothing for a local file.
#[derive(Default)]
struct FastHash(u64);

impl Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// Finds the column of each role: flags first, then recognised headers;
/// for the customer, every recognised customer column, best first.
fn resolve(
    file: &str,
    header: &Header,
    cols: &OrderColumns,
    profile: OrderProfile,
) -> Result<Layout, ImportError> {
    let given = [
        &cols.order,
        &cols.customer,
        &cols.date,
        &cols.amount,
        &cols.segment,
    ];
    let mut index = [None; ROLE_COUNT];
    for (r, name) in given.iter().enumerate() {
        if let Some(name) = name {
            let i = header.find(name).ok_or_else(|| {
                ImportError::line(
                    file,
                    header.line,
                    name,
                    format!(
                        "{} names the column {}, which is not in the header (columns: {})",
                        ROLES[r].flag.unwrap_or_default(),
                        quoted(name),
                        header.list()
                    ),
                )
            })?;
            index[r] = Some(i);
        }
    }
    // The shop's own columns, where no flag named the role; with --from
    // the file must have them.
    for (r, own) in [ORDER, DATE, AMOUNT].into_iter().zip(profile.columns()) {
        let Some(own) = own else { continue };
        if index[r].is_some() {
            continue;
        }
        index[r] = header.find_alias(&[own], &[]);
        if index[r].is_none() && cols.profile.is_some() {
            return Err(ImportError::line(
                file,
                header.line,
                "",
                format!(
                    "read as a {} export, but there is no {} column (columns: {}); without --from the file's export is detected",
                    profile.name(),
                    quoted(own),
                    header.list()
                ),
            ));
        }
    }
    let mut customers: Vec<(usize, usize)> = index[CUSTOMER].map(|i| (0, i)).into_iter().collect();
    let taken = |index: &[Option<usize>], customers: &[(usize, usize)]| -> Vec<usize> {
        index
            .iter()
            .flatten()
            .copied()
            .chain(customers.iter().map(|c| c.1))
            .collect()
    };
    for r in 0..ROLE_COUNT {
        if r == CUSTOMER && customers.is_empty() {
            for (tier, aliases) in CUSTOMER_TIERS.iter().enumerate() {
                if let Some(i) = header.find_alias(aliases, &taken(&index, &customers)) {
                    customers.push((tier, i));
                }
            }
            index[CUSTOMER] = customers.first().map(|c| c.1);
        } else if index[r].is_none() && r != CUSTOMER {
            index[r] = header.find_alias(ROLES[r].aliases, &taken(&index, &customers));
        }
    }
    if let Some(r) = [CUSTOMER, DATE, AMOUNT]
        .into_iter()
        .find(|r| index[*r].is_none())
    {
        return Err(ImportError::line(
            file,
            header.line,
            "",
            format!(
                "no {} column found (columns: {}); name it with {} COLUMN",
                ROLES[r].noun,
                header.list(),
                ROLES[r].flag.unwrap_or_default()
            ),
        ));
    }
    Ok(Layout { index, customers })
}

/// Reads dates and amounts in the formats decided for their columns.
struct RowReader {
    format: Option<DateFormat>,
    mark: DecimalMark,
    money: Money,
    /// The currency the amount column's header names: `Total (USD)`.
    header_code: Option<String>,
}

impl RowReader {
    fn day(&self, text: &str) -> Result<NaiveDate, String> {
        match &self.format {
            Some(f) => f.parse(text),
            None => Err(dates::not_a_date_message(text)),
        }
    }

    /// An amount in the database's money, with the currency and rate it
    /// was converted from where the header, the row's `currency` cell or
    /// the cell's mark (`$`) says another currency.
    fn amount(
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
    fn differ_message(&self, prev: &OrderView, r: usize, before: &str, here: &str) -> String {
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
    fn differs<'a>(
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

#[cfg(test)]
mod tests;
