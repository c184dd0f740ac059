//! `funnel kpi import`: a daily KPI export (analytics, ads, a spreadsheet)
//! read into one validated row per day, metric and cell.

mod columns;
mod money;
mod profile;
mod read;

use chrono::NaiveDate;

use super::numbers::DecimalMark;
use crate::domain::Amount;

pub(crate) use columns::CURRENCY_ALIASES;
pub use money::Money;
pub(crate) use money::header_currency;
pub use profile::Profile;
pub(crate) use profile::named;
pub use read::read_kpis;

/// Columns named by the command-line flags; `None`: recognise the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiColumns {
    pub date: Option<String>,
    /// `--map COLUMN=METRIC` entries, as `(column, metric)`.
    pub map: Vec<(String, String)>,
    pub segment: Option<String>,
    pub channel: Option<String>,
    pub campaign: Option<String>,
    /// `--decimal-point` / `--decimal-comma`: every column uses this mark.
    pub decimal: Option<DecimalMark>,
    /// `--from PROFILE`: read the file as that platform's export.
    pub profile: Option<Profile>,
    pub money: Money,
}

/// Money of one metric converted from another currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub metric: String,
    pub from: String,
    pub rate: Amount,
    pub values: usize,
}

/// One value of one metric on one day, with the physical line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRow {
    pub line: usize,
    /// The 0-based column of the value, and of the dimension if any: a
    /// check made later (a count below 0) can name the cell.
    pub value_column: usize,
    pub dimension_column: Option<usize>,
    pub day: NaiveDate,
    pub metric: String,
    pub value: Amount,
    pub segment: Option<String>,
    pub channel: Option<String>,
    pub campaign: Option<String>,
}

/// A whole KPI file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiFile {
    pub rows: Vec<KpiRow>,
    /// `(column, metric)` in file order.
    pub mapped: Vec<(String, String)>,
    /// Columns neither mapped nor recognised (nor date or dimension).
    pub ignored_columns: Vec<String>,
    /// The header names, in file order (`column N` where blank).
    pub header: Vec<String>,
    /// Money converted at a `--rate`, per metric and currency.
    pub converted: Vec<Converted>,
    /// Lines after the last dated row without a date of their own: the
    /// totals rows of GA4, Universal Analytics and Google Ads.
    pub skipped_totals: Vec<usize>,
    /// Rows covering more than one day without a channel or campaign:
    /// Meta's account summary. `(line, first day, last day)`.
    pub skipped_summaries: Vec<(usize, NaiveDate, NaiveDate)>,
    /// The line where a second table starts after a blank line (Universal
    /// Analytics' summary block), not read.
    pub ignored_from: Option<usize>,
    /// Whose export it was read as, and whether that was detected (not
    /// given with `--from`).
    pub profile: Profile,
    pub detected: bool,
}

#[cfg(test)]
mod tests;
