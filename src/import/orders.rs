//! `funnel orders import`: an order export (any shop or CRM) read into
//! validated order rows, one per order.

use std::hash::Hasher;

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
    /// the store then keys the order by customer, day, amount and how many
    /// such rows came before it in the file.
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

/// A customer as the metrics count them: an email address ignores case
/// (`AN@example.com` is `an@example.com`); other ids are kept as written.
fn customer_key(customer: &str) -> String {
    if customer.contains('@') {
        customer.to_lowercase()
    } else {
        customer.to_string()
    }
}

/// Reads an order export. See the module docs of [`super`] for the rules.
pub fn read_orders(
    file_label: &str,
    bytes: &[u8],
    cols: &OrderColumns,
) -> Result<OrderFile, ImportError> {
    let file = file_label;
    let decoded = table::decode(file, bytes)?;
    let bytes = &decoded[..];
    let header = table::read_header(file, bytes)?;
    let mut index = resolve(file, &header, cols)?;
    let wanted: Vec<usize> = index.iter().flatten().copied().collect();
    // Where each role's cells are among the wanted ones.
    let slots: [usize; 5] = std::array::from_fn(|r| index[..r].iter().flatten().count());
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
    let ids = |row: usize| index[ORDER].map_or("", |_| cells.get(row, slots[ORDER]));
    let repeats = repeats(cells.len(), ids);
    let mut next_repeat = repeats.iter().peekable();
    let mut last_date: Option<(&str, NaiveDate)> = None;
    for row in 0..cells.len() {
        let get = |r: usize| index[r].map_or("", |_| cells.get(row, slots[r]));
        let order_ref = get(ORDER);
        if let Some(&(_, first)) = next_repeat.next_if(|(r, _)| *r == row) {
            // The first row is in `rows`, after the repeats before it.
            let prev = &rows[first - repeats.partition_point(|(r, _)| *r < first)];
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
        let date = required(DATE)?;
        // Ids and names are kept and shown: nothing that would act on a
        // terminal (an escape sequence, a bidirectional override).
        for r in [ORDER, CUSTOMER, SEGMENT] {
            let text = get(r);
            if let Some(c) = text.chars().find(|c| crate::text::is_hostile(*c)) {
                let message = format!(
                    "the {} {} contains a control character (U+{:04X})",
                    ROLES[r].noun,
                    quoted(text),
                    c as u32
                );
                return Err(cell_error(row, r, text, message));
            }
        }
        // Exports are mostly in date order: many rows repeat the last date.
        let day = match last_date {
            Some((text, day)) if text == date => day,
            _ => reader
                .day(date)
                .map_err(|m| cell_error(row, DATE, date, m))?,
        };
        last_date = Some((date, day));
        let amount = reader
            .amount(required(AMOUNT)?)
            .map_err(|m| cell_error(row, AMOUNT, get(AMOUNT), m))?;
        if amount < Amount::ZERO {
            let message = format!(
                "{} is below 0: a refund is not an order (leave refunds out of the export, or net them into the order's total)",
                quoted(get(AMOUNT))
            );
            return Err(cell_error(row, AMOUNT, get(AMOUNT), message));
        }
        let segment = get(SEGMENT);
        if segment.chars().count() > crate::domain::validate::MAX_NAME {
            let message = format!(
                "the segment name is too long: {} characters, at most {}",
                segment.chars().count(),
                crate::domain::validate::MAX_NAME
            );
            return Err(cell_error(row, SEGMENT, segment, message));
        }
        rows.push(OrderRow {
            line: cells.lines[row],
            order_ref: (!order_ref.is_empty()).then(|| order_ref.to_string()),
            customer: customer_key(customer),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn amount(s: &str) -> Amount {
        s.parse().expect("valid amount")
    }

    fn read(csv: &str) -> Result<OrderFile, ImportError> {
        read_orders("orders.csv", csv.as_bytes(), &OrderColumns::default())
    }

    fn fails(csv: &str) -> String {
        read(csv).expect_err("an import error").to_string()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn shopify_export_one_row_per_order() {
        let csv = "Name,Email,Financial Status,Created at,Lineitem name,Total,Billing Name\n\
            #1001,an@example.com,paid,2026-01-05 10:22:03 +0700,Mug,120.50,An\n\
            #1001,an@example.com,paid,2026-01-05 10:22:03 +0700,Tea,,An\n\
            #1002,binh@example.com,paid,2026-01-06T23:10:00+07:00,\"Mug, large\",\"1,250.00\",Binh\n";
        let f = read(csv).expect("shopify export");
        assert_eq!(
            f.rows,
            [
                OrderRow {
                    line: 2,
                    order_ref: Some("#1001".into()),
                    customer: "an@example.com".into(),
                    day: day(2026, 1, 5),
                    amount: amount("120.5"),
                    segment: None,
                },
                OrderRow {
                    line: 4,
                    order_ref: Some("#1002".into()),
                    customer: "binh@example.com".into(),
                    day: day(2026, 1, 6),
                    amount: amount("1250"),
                    segment: None,
                },
            ]
        );
        let used = [
            ("order", "Name"),
            ("customer", "Email"),
            ("date", "Created at"),
            ("amount", "Total"),
        ];
        assert_eq!(f.columns_used, pairs(&used));
        assert_eq!(f.date_format, "yyyy-mm-dd (time ignored)");
        assert!(!f.decimal_comma);
    }

    const VIETNAMESE: &str = "\u{feff}# Xuất từ cửa hàng, 22/01/2026\n\
        Mã đơn hàng;Khách hàng;Số điện thoại;Ngày đặt;Tổng tiền;Phân khúc;Ghi chú\n\
        DH001;Nguyễn Văn An;0901234567;05/01/2026;1.234.567,5 ₫;VIP;\"Giao giờ hành chính; gọi trước\nTầng 3\"\n\
        DH002; Trần Bình ;0912345678;22/01/2026;150.000;;\n";

    #[test]
    fn vietnamese_export_with_semicolons_bom_and_decimal_commas() {
        let f = read(VIETNAMESE).expect("vietnamese export");
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].line, 3);
        assert_eq!(f.rows[0].order_ref.as_deref(), Some("DH001"));
        assert_eq!(f.rows[0].customer, "0901234567", "the phone beats the name");
        assert_eq!(customer_key("AN@Example.com"), "an@example.com");
        assert_eq!(customer_key("KH00123"), "KH00123");
        assert_eq!(f.rows[0].day, day(2026, 1, 5));
        assert_eq!(f.rows[0].amount, amount("1234567.5"));
        assert_eq!(f.rows[0].segment.as_deref(), Some("VIP"));
        assert_eq!(f.rows[1].line, 5, "after a two-line quoted note");
        assert_eq!(f.rows[1].amount, amount("150000"));
        assert_eq!(f.rows[1].day, day(2026, 1, 22));
        assert_eq!(f.rows[1].segment, None);
        assert!(f.decimal_comma);
        assert_eq!(f.date_format, "dd/mm/yyyy");
        let used = [
            ("order", "Mã đơn hàng"),
            ("customer", "Số điện thoại"),
            ("date", "Ngày đặt"),
            ("amount", "Tổng tiền"),
            ("segment", "Phân khúc"),
        ];
        assert_eq!(f.columns_used, pairs(&used));
    }

    #[test]
    fn flags_name_the_columns() {
        let cols = OrderColumns {
            customer: Some("khach hang".into()),
            ..OrderColumns::default()
        };
        let f = read_orders("don.csv", VIETNAMESE.as_bytes(), &cols).expect("with a flag");
        assert_eq!(f.rows[1].customer, "Trần Bình");
        assert_eq!(
            f.columns_used[1],
            ("customer".to_string(), "Khách hàng".to_string())
        );

        let cols = OrderColumns {
            amount: Some("Giá".into()),
            ..OrderColumns::default()
        };
        let e = read_orders("don.csv", VIETNAMESE.as_bytes(), &cols).expect_err("no such column");
        assert_eq!(
            e.to_string(),
            "don.csv:2: --amount-column names the column 'Giá', which is not in the header \
             (columns: Mã đơn hàng, Khách hàng, Số điện thoại, Ngày đặt, Tổng tiền, Phân khúc, Ghi chú)"
        );
    }

    #[test]
    fn errors_name_line_column_and_text() {
        let bad_amount = format!("{VIETNAMESE}DH003;Chi;0987;23/01/2026;12kg;;\n");
        assert_eq!(
            fails(&bad_amount),
            "orders.csv:6:5 (Tổng tiền): '12kg' is not an amount"
        );
        let bad_date = "# c\nOrder,Customer,Date,Amount\n1,a,2026-01-05,10\n2,b,2026-13-01,5\n";
        assert_eq!(
            fails(bad_date),
            "orders.csv:4:3 (Date): '2026-13-01' is not a valid date (read as yyyy-mm-dd)"
        );
        let first_date = "Order,Customer,Date,Amount\n1,a,soon,10\n";
        assert_eq!(
            fails(first_date),
            "orders.csv:2:3 (Date): 'soon' is not a date (use 2026-11-22, 22/11/2026 or 11/22/2026, optionally with a time)"
        );
        let empty_customer = "Order,Customer,Date,Amount\n1,a,2026-01-05,10\n2, ,2026-01-06,5\n";
        assert_eq!(
            fails(empty_customer),
            "orders.csv:3:2 (Customer): the customer is empty (every order needs one)"
        );
        let precise = "Customer;Date;Amount\na;2026-01-05;1,23456\n";
        assert_eq!(
            fails(precise),
            "orders.csv:2:3 (Amount): '1,23456' has more than 4 decimal places"
        );
        let mixed =
            "Customer,Date,Amount\na,2026-01-05,\"1,5\"\nb,2026-01-05,2.5\nc,2026-01-05,3.5\n";
        assert_eq!(
            fails(mixed),
            "orders.csv:2:3 (Amount): '1,5' is not an amount in this column's format (it uses a decimal point, as in 1,234.5)"
        );
    }

    #[test]
    fn missing_columns_list_what_was_found() {
        assert_eq!(
            fails("Name,Email,Created at\n#1,a@b.c,2026-01-05\n"),
            "orders.csv:1: no amount column found (columns: Name, Email, Created at); name it with --amount-column COLUMN"
        );
        assert_eq!(
            fails("# from the CRM\nWho,When,Total\n"),
            "orders.csv:2: no customer column found (columns: Who, When, Total); name it with --customer-column COLUMN"
        );
        let f = read("Customer,Date,Amount\n").expect("a header and no rows is no error");
        assert!(f.rows.is_empty());
    }

    #[test]
    fn repeated_order_ids() {
        let same = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,05/01/2026,10.00\n";
        let e = read(same).expect_err("a different date format in one column");
        assert_eq!(e.line, 4);
        let same = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,2026-01-05,10.00\n";
        let f = read(same).expect("an identical repeat");
        assert_eq!(f.rows.len(), 2);
        let different = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,2026-01-05,12\n";
        assert_eq!(
            fails(different),
            "orders.csv:4:4 (Amount): order 'A1' is also on line 2 with a different amount (10 there, '12' here)"
        );
        let other_customer = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA1,b,,\n";
        assert_eq!(
            fails(other_customer),
            "orders.csv:3:2 (Customer): order 'A1' is also on line 2 with a different customer ('a' there, 'b' here)"
        );
    }

    #[test]
    fn without_an_order_column_rows_have_no_ref() {
        let csv = "Name,Email,Date,Total\nAn,a@x.vn,2026-01-05,10\nAn,a@x.vn,2026-01-05,10\n";
        let f = read(csv).expect("no order column");
        assert_eq!(f.rows.len(), 2, "no id: the store decides");
        assert!(f.rows.iter().all(|r| r.order_ref.is_none()));
        assert_eq!(
            f.columns_used[0],
            ("customer".to_string(), "Email".to_string())
        );
    }

    #[test]
    fn month_first_dates_when_the_column_says_so() {
        let csv = "Order,Customer,Date,Amount\n1,a,01/05/2026,10\n2,b,11/22/2026,5\n";
        let f = read(csv).expect("month first");
        assert_eq!(f.rows[0].day, day(2026, 1, 5));
        assert_eq!(f.rows[1].day, day(2026, 11, 22));
        assert_eq!(f.date_format, "mm/dd/yyyy (month first)");
        let csv = "Order,Customer,Date,Amount\n1,a,01/05/2026,10\n2,b,11/12/2026,5\n";
        let f = read(csv).expect("ambiguous");
        assert_eq!(
            f.rows[0].day,
            day(2026, 5, 1),
            "day first when nothing tells"
        );
    }
}
