//! `funnel orders import`: an order export (any shop or CRM) read into
//! validated order rows, one per order.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates::{self, DateFormat};
use super::error::{ImportError, quoted};
use super::numbers::{self, DecimalMark};
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
}

/// One order as read, with the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    pub line: usize,
    /// `None` where the file has no order id column (or the cell is empty):
    /// the store then keys the order by customer, day and amount.
    pub order_ref: Option<String>,
    pub customer: String,
    pub day: NaiveDate,
    pub amount: Amount,
    pub segment: Option<String>,
}

/// A whole order file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFile {
    pub rows: Vec<OrderRow>,
    /// `(role, header)`: `("amount", "Total")`, in role order.
    pub columns_used: Vec<(String, String)>,
    /// The date format detected, for the dry-run message (`dd/mm/yyyy`).
    pub date_format: String,
    /// Whether the amount column uses a decimal comma (`1.234,5`).
    pub decimal_comma: bool,
}

struct Role {
    name: &'static str,
    noun: &'static str,
    flag: &'static str,
    /// Recognised headers, by priority (see [`super`] for the rules).
    aliases: &'static [&'static str],
}

const ORDER: usize = 0;
const CUSTOMER: usize = 1;
const DATE: usize = 2;
const AMOUNT: usize = 3;
const SEGMENT: usize = 4;

const ROLES: [Role; 5] = [
    Role {
        name: "order",
        noun: "order id",
        flag: "--order-column",
        aliases: &[
            "Order ID",
            "Order Number",
            "Order No",
            "Order",
            "Mã đơn hàng",
            "Mã đơn",
            "Name",
        ],
    },
    Role {
        name: "customer",
        noun: "customer",
        flag: "--customer-column",
        aliases: &[
            "Customer ID",
            "Mã khách hàng",
            "Email",
            "Customer Email",
            "Phone",
            "Số điện thoại",
            "Customer",
            "Khách hàng",
        ],
    },
    Role {
        name: "date",
        noun: "date",
        flag: "--date-column",
        aliases: &[
            "Order Date",
            "Created at",
            "Date",
            "Ngày đặt",
            "Ngày tạo",
            "Ngày",
        ],
    },
    Role {
        name: "amount",
        noun: "amount",
        flag: "--amount-column",
        aliases: &[
            "Total",
            "Order Total",
            "Total Price",
            "Amount",
            "Tổng tiền",
            "Thành tiền",
            "Revenue",
        ],
    },
    Role {
        name: "segment",
        noun: "segment",
        flag: "--segment-column",
        aliases: &["Segment", "Phân khúc"],
    },
];

/// Reads an order export. See the module docs of [`super`] for the rules.
pub fn read_orders(
    file_label: &str,
    bytes: &[u8],
    cols: &OrderColumns,
) -> Result<OrderFile, ImportError> {
    let file = file_label;
    let header = table::read_header(file, bytes)?;
    let mut index = resolve(file, &header, cols)?;
    let wanted: Vec<usize> = index.iter().flatten().copied().collect();
    let slot = |r: usize, index: &[Option<usize>; 5]| index[..r].iter().flatten().count();
    let cells = table::read_cells(file, bytes, &header, &wanted)?;

    // Shopify's `Name` holds `#1001`; elsewhere `Name` is a person's name.
    if cols.order.is_none()
        && let Some(i) = index[ORDER]
        && table::fold(&header.names[i]) == "name"
        // The order column is the first wanted one.
        && !cells.column(0).find(|v| !v.is_empty()).is_some_and(|v| v.starts_with('#'))
    {
        index[ORDER] = None;
    }
    let slots: [usize; 5] = std::array::from_fn(|r| slot(r, &index));
    let cell_error = |row: usize, r: usize, text: &str, message: String| {
        let col = index[r].unwrap_or(0);
        ImportError::cell(
            file,
            cells.lines[row],
            &header.name(col),
            col,
            text,
            message,
        )
    };

    let format = dates::detect(cells.column(slots[DATE])).map_err(|row| {
        let text = cells.get(row, slots[DATE]);
        cell_error(row, DATE, text, dates::not_a_date_message(text))
    })?;
    let mark = numbers::detect(cells.column(slots[AMOUNT]), header.delimiter == b';');

    let reader = RowReader { format, mark };
    let mut rows: Vec<OrderRow> = Vec::with_capacity(cells.len());
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(cells.len());
    for row in 0..cells.len() {
        let get = |r: usize| index[r].map_or("", |_| cells.get(row, slots[r]));
        let order_ref = get(ORDER);
        if !order_ref.is_empty()
            && let Some(&earlier) = seen.get(order_ref)
        {
            let prev = &rows[earlier];
            if let Some((r, message)) = reader.differs(prev, &get) {
                return Err(cell_error(row, r, get(r), message));
            }
            continue;
        }
        let required = |r: usize| {
            let text = get(r);
            if text.is_empty() {
                let noun = ROLES[r].noun;
                Err(cell_error(
                    row,
                    r,
                    text,
                    format!("the {noun} is empty (every order needs one)"),
                ))
            } else {
                Ok(text)
            }
        };
        let customer = required(CUSTOMER)?;
        let day = reader
            .day(required(DATE)?)
            .map_err(|m| cell_error(row, DATE, get(DATE), m))?;
        let amount = reader
            .amount(required(AMOUNT)?)
            .map_err(|m| cell_error(row, AMOUNT, get(AMOUNT), m))?;
        if !order_ref.is_empty() {
            seen.insert(order_ref, rows.len());
        }
        let segment = get(SEGMENT);
        rows.push(OrderRow {
            line: cells.lines[row],
            order_ref: (!order_ref.is_empty()).then(|| order_ref.to_string()),
            customer: customer.to_string(),
            day,
            amount,
            segment: (!segment.is_empty()).then(|| segment.to_string()),
        });
    }
    let columns_used = (0..5)
        .filter_map(|r| index[r].map(|i| (ROLES[r].name.to_string(), header.name(i))))
        .collect();
    Ok(OrderFile {
        rows,
        columns_used,
        date_format: format.map_or_else(|| "none (no rows)".to_string(), |f| f.describe()),
        decimal_comma: mark == DecimalMark::Comma,
    })
}

/// Finds the column of each role: flags first, then recognised headers.
fn resolve(
    file: &str,
    header: &Header,
    cols: &OrderColumns,
) -> Result<[Option<usize>; 5], ImportError> {
    let given = [
        &cols.order,
        &cols.customer,
        &cols.date,
        &cols.amount,
        &cols.segment,
    ];
    let mut index = [None; 5];
    for (r, name) in given.iter().enumerate() {
        if let Some(name) = name {
            let i = header.find(name).ok_or_else(|| {
                ImportError::line(
                    file,
                    header.line,
                    name,
                    format!(
                        "{} names the column {}, which is not in the header (columns: {})",
                        ROLES[r].flag,
                        quoted(name),
                        header.list()
                    ),
                )
            })?;
            index[r] = Some(i);
        }
    }
    for r in 0..5 {
        if index[r].is_none() {
            let taken: Vec<usize> = index.iter().flatten().copied().collect();
            index[r] = header.find_alias(ROLES[r].aliases, &taken);
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
                ROLES[r].flag
            ),
        ));
    }
    Ok(index)
}

/// Reads dates and amounts in the formats decided for their columns.
struct RowReader {
    format: Option<DateFormat>,
    mark: DecimalMark,
}

impl RowReader {
    fn day(&self, text: &str) -> Result<NaiveDate, String> {
        match &self.format {
            Some(f) => f.parse(text),
            None => Err(dates::not_a_date_message(text)),
        }
    }

    fn amount(&self, text: &str) -> Result<Amount, String> {
        numbers::parse(text, self.mark, "an amount")
    }

    /// For a row repeating an order id: `Some((role, message))` where a
    /// non-empty cell cannot be read or disagrees with the earlier row.
    /// Empty cells agree, so the extra line-item rows of a Shopify export
    /// (which leave the order's total empty) are accepted.
    fn differs<'a>(
        &self,
        prev: &OrderRow,
        get: &dyn Fn(usize) -> &'a str,
    ) -> Option<(usize, String)> {
        let differ = |r: usize, before: String| {
            let message = format!(
                "order {} is also on line {} with a different {} ({} there, {} here)",
                quoted(prev.order_ref.as_deref().unwrap_or("")),
                prev.line,
                ROLES[r].noun,
                before,
                quoted(get(r))
            );
            Some((r, message))
        };
        let customer = get(CUSTOMER);
        if !customer.is_empty() && customer != prev.customer {
            return differ(CUSTOMER, quoted(&prev.customer));
        }
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
            match self.amount(amount) {
                Err(message) => return Some((AMOUNT, message)),
                Ok(a) if a != prev.amount => return differ(AMOUNT, prev.amount.to_string()),
                Ok(_) => {}
            }
        }
        let segment = get(SEGMENT);
        if !segment.is_empty() && prev.segment.as_deref() != Some(segment) {
            return differ(
                SEGMENT,
                prev.segment.as_deref().map_or("none".into(), quoted),
            );
        }
        None
    }
}
