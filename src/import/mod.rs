//! Reading CSV exports (orders, KPI series) into validated rows.
//!
//! Pure parsing: bytes in, rows out, no SQLite. The store writes the rows
//! later, all or nothing, so any error here means nothing is imported.
//! Every error names the file, the physical line (1-based, counting
//! comment lines and the lines inside quoted multi-line fields), the column
//! (number and header) and the offending text.
//!
//! # The file
//!
//! - An orders or KPI import also takes a spreadsheet (`.xlsx`, `.xls`,
//!   `.ods`, recognised by its content): its first sheet is read as the CSV Excel
//!   would save, numbers plain, date cells as `2026-11-29 22:34:34`,
//!   merged cells as their top-left value over blanks; line and column
//!   numbers in errors are the sheet's rows and columns.
//! - CSV with a header row. A UTF-8 BOM is stripped; UTF-16 (little or
//!   big endian) with its BOM is decoded. Otherwise the whole file must be
//!   UTF-8: else the error names the line and column (in characters) of
//!   the first bad byte and suggests converting a legacy Vietnamese
//!   encoding (Windows-1258, TCVN3, VNI) with iconv. There is no
//!   `--encoding` option: those code pages cannot be told apart from each
//!   other reliably, and one conversion by iconv is explicit.
//! - Leading blank lines and lines starting with `#` (Google Analytics'
//!   preamble) are skipped before the header; later `#` lines are data
//!   (Shopify order names are `#1001`). Excel's `sep=;` first line is
//!   honoured.
//! - The delimiter is `,`, `;` or tab, whichever is most frequent outside
//!   quotes on the header line (`,` on a tie).
//! - Quoted fields may hold delimiters, `""` quotes and line breaks.
//!   Cells are trimmed (also of NBSP). Blank rows, and rows whose cells are
//!   all empty (`;;;`), are skipped. A row with more non-empty fields than
//!   the header is an error (usually a value with an unquoted delimiter);
//!   so is a row with fewer fields, and a quoted field that never closes.
//!
//! # Headers
//!
//! Line breaks and runs of spaces inside a header become one space
//! (spreadsheets wrap long headers). Compared case-insensitively, ignoring
//! spaces, `_`, `-`, `.`, accents
//! (`Ngay dat` = `Ngày đặt`, also when the text is decomposed) and a
//! trailing `(…)` such as `(VND)`. A flag's column is matched exactly
//! first, then the same way. Where several headers fit a role, the first
//! in the lists below wins.
//!
//! Orders (flags first, then the shop's own columns, then these; a column
//! used by a flag is not recognised for another role):
//! - the profile (whose export it is) is the shop whose order id, date
//!   and amount columns the header has: Shopify `Name`/`Created at`/
//!   `Total` (with `Financial Status`), WooCommerce `Order #`/`Date`/
//!   `Net sales`, Haravan `Mã đơn hàng`/`Ngày tạo`/`Tổng tiền`, Sapo
//!   `Mã đơn hàng`/`Ngày tạo đơn`/`Khách phải trả`, KiotViet `Mã hóa đơn`/
//!   `Thời gian`/`Khách cần trả`, else generic. `OrderColumns::profile`
//!   (`--from`) overrides it, and then the file must have those columns.
//! - order id: `Order ID`, `Order Number`, `Order No`, `Order #`, `Order`,
//!   `Mã đơn hàng`, `Mã đơn`, `Mã hóa đơn`, `Name` (Shopify's; only when
//!   its first value starts with `#`, since elsewhere `Name` is a person's
//!   name). Optional: without it `order_ref` is `None` and the store keys
//!   orders by customer, day, amount and occurrence: rows alike in all
//!   three are as many orders, and importing the file again finds each one.
//! - customer: every column found of `Customer ID`/`Customer Code`/
//!   `Mã khách hàng`/`Mã KH`, then `Email`/`Customer Email`/`Billing Email`,
//!   then `Phone`/`Số điện thoại`/`Điện thoại`/`SĐT`/…, then `Customer`,
//!   then a name (`Customer Name`, `Khách hàng`, `Tên khách hàng`,
//!   `Billing Name`); each row takes the first of these it fills. An email
//!   address is compared ignoring case. A row whose customer is known by a
//!   name only is counted in the summary (two people of one name are one
//!   customer). A row with none, or `Khách lẻ`/`Khách vãng lai`/`Walk-in`,
//!   is a sale without a customer: an order and revenue, but no customer.
//! - date: `Order Date`, `Created at`, `Date`, `Ngày đặt`, `Ngày đặt hàng`,
//!   `Ngày tạo`, `Ngày tạo đơn`, `Thời gian`, `Ngày`.
//! - amount (the order's total, never a line's): `Total`, `Order Total`,
//!   `Total Price`, `Amount`, `Net sales`, `Khách cần trả`,
//!   `Khách phải trả`, `Tổng tiền`, `Thành tiền`, `Revenue`.
//! - segment (optional): `Segment`, `Phân khúc`.
//! - status (optional): `Status`/`Order Status`/`Trạng thái`/
//!   `Trạng thái đơn hàng`/`Tình trạng` and `Financial Status`/
//!   `Payment Status`/`Trạng thái thanh toán`/`Thanh toán`; `Cancelled at`/
//!   `Ngày hủy` filled means cancelled. Cancelled, voided or failed
//!   (`Đã hủy`, `Hủy`) orders are left out; so are fully refunded or
//!   returned ones (`refunded`, `Đã hoàn tiền`, `Đã chuyển hoàn`). Every other status (paid, pending, unpaid,
//!   processing, completed, one funnel does not know) counts: an order
//!   placed is an order (most Vietnamese orders are paid on delivery), and
//!   a later export that shows it cancelled or refunded takes the stored
//!   copy out again (by its order id).
//! - refunded amount (optional): `Refunded Amount`, `Refund Amount`,
//!   `Số tiền hoàn trả`, `Tiền hoàn trả`: taken off the order's amount
//!   (all of it: the order is refunded).
//! - currency (optional): `Currency code`, `Currency`, `Tiền tệ`,
//!   `Mã tiền tệ`. An order's money (total, refunds) is in the currency
//!   its row's currency cell, the amount header (`Total (USD)`) or the
//!   cell's mark (`$12.50`) says, else the database's; two saying
//!   different ones is an error. Money in another currency than the
//!   database's is an error naming both unless `OrderColumns::money` has
//!   a rate for it (`--rate USD=25400`): then it is converted, rounded to
//!   the database currency's minor unit, and the summary counts the
//!   orders converted.
//!
//! A missing customer, date or amount column is an error listing the
//! columns found and the flag that names it. Date and amount must not be
//! empty on an order's first row. A row with a negative amount under an
//! order id seen in the file (WooCommerce writes a refund so, before or
//! after the order) is a refund netted into that order; one whose order is
//! not in the file is counted and not netted; a negative amount without an
//! order id is an error. Order ids, customers and segments must hold no
//! control character or bidirectional override, and a segment name at
//! most 80 characters. An order id seen again: where every non-empty
//! cell of the later row agrees with the first, the later row is a line
//! of the same order (a Shopify line-item row leaves the total empty);
//! otherwise an error names both lines. A row whose order id, date and
//! amount are all blank, under an order with an id, is a line of that
//! order (Sapo leaves the order cells of product lines blank, as under a
//! merged cell). An order's amount is its total: line prices and line
//! totals are never added up into it. The summary says what was left out
//! or netted, by reason. The refunded amounts are read with the order
//! totals' decimal mark.
//!
//! KPIs (the exports of GA4, Universal Analytics, Google Ads, Meta Ads
//! Manager, Search Console and Mailchimp are read as they come):
//! - the header may follow one-cell lines (Google Ads' report title and
//!   date range) as well as `#` comments.
//! - the profile (whose export it is) is detected from the header: Meta
//!   by `Reporting starts`, UA by `Day Index`, Mailchimp by `Send Date`
//!   and `Title`, Google Ads by `Currency code`/`Impr.`/`Conv.`, Search
//!   Console by `Date, Clicks, Impressions, CTR, Position`, GA4 by its
//!   own columns (`Key events`, `Session primary channel group` …), else
//!   generic; `KpiColumns::profile` (`--from`) overrides it, and then the
//!   file must have that export's date column.
//! - date: `--date-column`, else `Date`, `Day`, `Ngày`, `Day Index`
//!   (Universal Analytics: numeric dates read month first where no part
//!   tells), `Reporting starts` (Meta), `Send Date` (Mailchimp,
//!   `Sep 02, 2026 09:00 am`), `Thời gian` (required). With `Reporting
//!   ends`, a row whose last day is not its first covers a range, not a
//!   day: skipped if it names no segment, channel or campaign (Meta's
//!   account summary), refused otherwise.
//! - rows after the last dated row without a date of their own (GA4's
//!   and UA's totals, Google Ads' `Total: Account`) are skipped and
//!   counted; an undated row before that is an error. A blank line
//!   followed by a line whose date cell is no date ends the table (UA's
//!   summary block): the rest is not read, and the summary says where.
//! - dimensions: `Segment`/`Phân khúc`, `Channel`/`Kênh`/`Session primary
//!   channel group`/`Session default channel group`/`Default channel
//!   group`/`Default Channel Grouping`, `Campaign`/`Campaign name`/`Chiến
//!   dịch`/`Session campaign`, and Mailchimp's `Title` beside `Send Date`
//!   (or the `KpiColumns` names). A row may fill at most one of them.
//! - metrics: each `--map COLUMN=METRIC` first (the metric must be known,
//!   the column must exist); then a header equal to a known metric
//!   (`New customers` → `new_customers`); then `Sessions`, `Visits`,
//!   `Lượt truy cập` → visits; `Conversions`, `Conv.`, `Transactions`,
//!   `Purchases`, `Key events`, `Đơn hàng` → conversions; `Leads`,
//!   `Sign-ups`, `Signups`, `Đăng ký` → leads; `Cost`, `Spend`, `Amount
//!   spent`, `Chi phí` → spend; `Revenue`, `Purchase revenue`, `Total
//!   revenue`, `Doanh thu` → revenue; `Link clicks`/`Unique Clicks` →
//!   clicks, `Impr.` → impressions (Search Console's and Google Ads'
//!   `Clicks`, Meta's `Impressions` by their names); and where a metric of
//!   that name was added, `Unique Opens` → opens. A second column for a metric already taken is
//!   ignored. Other columns are listed in `ignored_columns`. No metric
//!   column at all is an error.
//! - an empty metric cell, `--` or `n/a` gives no row; the same day,
//!   metric and dimension twice in a file is dropped if equal, an error
//!   naming both lines if not.
//! - each value must fit its metric's unit (`funnel kpi import` checks):
//!   a count is a whole number, 0 or more (conversions may be fractional,
//!   as data-driven attribution shares them out); money is 0 or more (a
//!   refund of ad spend is not a negative spend: record the day's net
//!   spend); the error names the line and column. `NaN` and `inf` are no
//!   number.
//! - a channel or campaign the file names that does not exist (named
//!   exactly, ignoring case and accents) is created by `funnel kpi
//!   import`, and the summary lists them; `--no-create` refuses instead.
//!   A campaign made so runs from the first to the last day of its rows.
//!
//! # Numbers
//!
//! An optional sign and currency marks (`₫`, `đ`, `VND`, `VNĐ`, `$`, `€`,
//! `£`, `USD`, `EUR`) before or after, and `%` after; digits grouped by
//! thousands with `,`, `.`, a space or NBSP; one decimal mark. The decimal
//! mark is decided per column: every value only one convention can read
//! votes (`1234,5`, `1.234.567` and `1 234,50` say comma; `1,234.5`,
//! `1.25` and `0.500` say point); the majority wins, a tie goes to the
//! first vote. With no vote, a value with one separator before three
//! digits (`850.000`, `1,250`) groups thousands where the column cannot
//! hold three decimals: a count, or money in a currency whose minor unit
//! has fewer (VND none, USD two), so `850.000` is 850,000 ₫. Elsewhere
//! (a gauge such as a position) a `;` delimiter means a decimal comma;
//! else the column is refused with the cell and both readings, and
//! `--decimal-point` / `--decimal-comma` decide. Every value is then read
//! that way; one that cannot be (`1.2.3,4,5`, `12kg`, `12,5` in a point
//! column) is an error. More than 4 decimals (beyond zeros) is an error,
//! as for `Amount`. A `%` is allowed only for a percent metric.
//!
//! # Currency (KPIs)
//!
//! A money value's currency is said by its header (`Amount spent (USD)`),
//! by a `Currency code` / `Currency` / `Tiền tệ` column on its row, or by
//! its own mark (`$12`); where none says, it is the database's. Two that
//! disagree are an error. Money in another currency than the database's
//! is refused naming both, unless a rate is given (`--rate USD=25400`,
//! at most 4 decimals): then it is multiplied and rounded half away from
//! zero to the minor unit of the database's currency, and the summary
//! says how many values were converted at which rate.
//!
//! # Dates
//!
//! ISO `2026-11-22` (also `/`), ISO with a time and offset
//! (`2026-11-22 10:22:03 +0700`, `2026-11-22T10:22:03Z`: the date as
//! written, no time zone shift), `20261122`, and numeric dates with `/`,
//! `-` or `.` and a four-digit year, optionally followed by a time. The
//! format is decided per column from its first value (the family and the
//! separator) and, for numeric dates, from all values: a first part above
//! 12 anywhere means day-first; else a second part above 12 means
//! month-first (`11/22/2026`); else day-first is assumed (the Vietnamese
//! convention, `05/01/2026` is 5 January). A value that does not fit the
//! column's format is an error naming it.

mod dates;
mod error;
mod kpis;
mod landing;
mod numbers;
mod orders;
mod sheet;
mod table;

pub use dates::DateForm;
pub use error::ImportError;
pub use kpis::{Converted, KpiColumns, KpiFile, KpiRow, Money, Profile, read_kpis};
pub use landing::{MonthLanding, orders_per_month};
pub use numbers::{DecimalMark, currency_code};
pub use orders::{
    OrderColumns, OrderFile, OrderProfile, OrderRow, OrderView, Orders, read_order_table,
    read_orders,
};
pub use table::decode;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::domain::Unit;

    const KNOWN: &[(&str, Unit)] = &[
        ("visits", Unit::Count),
        ("conversions", Unit::Count),
        ("spend", Unit::Money),
        ("revenue", Unit::Money),
    ];

    proptest! {
        /// Whatever the bytes, reading returns rows or an error; it never
        /// panics, and every error is one line.
        #[test]
        fn never_panics(body in "[0-9a-z#;,.\"/: \n\r\t₫đ-]{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            for head in ["Order,Customer,Date,Amount,Segment\n", "Date;Sessions;Cost;Channel\n", ""] {
                let text = format!("{head}{body}");
                for input in [text.as_bytes(), &bytes[..]] {
                    if let Err(e) = read_orders("o.csv", input, &OrderColumns::default()) {
                        prop_assert!(!e.to_string().contains('\n'), "{e}");
                    }
                    if let Err(e) = read_kpis("k.csv", input, &KpiColumns::default(), KNOWN) {
                        prop_assert!(!e.to_string().contains('\n'), "{e}");
                    }
                }
            }
        }
    }
}
