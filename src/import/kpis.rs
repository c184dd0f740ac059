//! `funnel kpi import`: a daily KPI export (analytics, ads, a spreadsheet)
//! read into one validated row per day, metric and cell.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates;
use super::error::{ImportError, quoted};
use super::numbers::{self, DecimalMark};
use super::table::{self, Header, fold};
use crate::domain::{Amount, Unit};

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

/// The database's currency, and the rates the user gave to convert
/// money in other currencies into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// ISO code: `VND`.
    pub currency: String,
    /// Decimals of its minor unit: 0 for VND, 2 for USD.
    pub places: u32,
    /// `--rate USD=25400`: `(code, units of the database's currency for one)`.
    pub rates: Vec<(String, Amount)>,
}

impl Money {
    /// The currency money is in, from what the header, the row and the
    /// cell say (the database's where none says); refused where two say
    /// different ones. `what` names the money (spend, the order total).
    pub(crate) fn code_said<'a>(
        &'a self,
        said: [Option<&'a str>; 3],
        what: &str,
    ) -> Result<&'a str, String> {
        let mut codes = said.into_iter().flatten();
        let code = codes.next().unwrap_or(&self.currency);
        match codes.find(|c| *c != code) {
            Some(other) => Err(format!(
                "this {what} is said to be both in {code} and in {other}, so it cannot be read"
            )),
            None => Ok(code),
        }
    }

    /// The `--rate` money said to be in `code` is converted at: `None` in
    /// the database's own currency; refused naming both currencies where
    /// no rate was given. `what` names the money (spend, the order total).
    pub(crate) fn rate_for(&self, code: &str, what: &str) -> Result<Option<Amount>, String> {
        if code == self.currency {
            return Ok(None);
        }
        match self.rates.iter().find(|(c, _)| c == code) {
            Some((_, rate)) => Ok(Some(*rate)),
            None => {
                let db = &self.currency;
                Err(format!(
                    "this {what} is in {code}, but the database keeps money in {db}; convert it with --rate {code}=RATE ({db} for 1 {code})"
                ))
            }
        }
    }

    /// `value` (the cell `text`) in `code` at `rate`, in the database's
    /// currency; refused past the largest amount.
    pub(crate) fn convert(
        &self,
        value: Amount,
        rate: Amount,
        code: &str,
        text: &str,
    ) -> Result<Amount, String> {
        convert(value, rate, self.places).ok_or_else(|| {
            format!(
                "{} at {rate} {} per {code} is too large (the largest amount is {})",
                quoted(text),
                self.currency,
                crate::domain::amount::LIMIT
            )
        })
    }
}

impl Default for Money {
    fn default() -> Self {
        Money {
            currency: "VND".into(),
            places: 0,
            rates: Vec::new(),
        }
    }
}

/// Whose export a file is: decides where the date is and how a platform's
/// quirks are read. Detected from the header unless `--from` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Ga4,
    Ua,
    GoogleAds,
    MetaAds,
    SearchConsole,
    Mailchimp,
    Generic,
}

impl Profile {
    pub const ALL: [Profile; 7] = [
        Profile::Ga4,
        Profile::Ua,
        Profile::GoogleAds,
        Profile::MetaAds,
        Profile::SearchConsole,
        Profile::Mailchimp,
        Profile::Generic,
    ];

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Ga4 => "ga4",
            Profile::Ua => "ua",
            Profile::GoogleAds => "google-ads",
            Profile::MetaAds => "meta-ads",
            Profile::SearchConsole => "search-console",
            Profile::Mailchimp => "mailchimp",
            Profile::Generic => "generic",
        }
    }

    /// The date column this export always has.
    fn date_header(self) -> Option<&'static str> {
        match self {
            Profile::Ga4 | Profile::SearchConsole => Some("Date"),
            Profile::Ua => Some("Day Index"),
            Profile::GoogleAds => Some("Day"),
            Profile::MetaAds => Some("Reporting starts"),
            Profile::Mailchimp => Some("Send Date"),
            Profile::Generic => None,
        }
    }

    /// The profile a header says: a column only that platform writes.
    fn detect(header: &Header) -> Profile {
        let names: Vec<String> = header.names.iter().map(|n| fold(n)).collect();
        let has = |wanted: &[&str]| wanted.iter().any(|w| names.iter().any(|n| n == w));
        let all = |wanted: &[&str]| wanted.iter().all(|w| names.iter().any(|n| n == w));
        if has(&["reportingstarts"]) {
            Profile::MetaAds
        } else if has(&["dayindex"]) {
            Profile::Ua
        } else if all(&["senddate", "title"]) {
            Profile::Mailchimp
        } else if has(&["currencycode", "impr", "conv"]) {
            Profile::GoogleAds
        } else if all(&["date", "clicks", "impressions", "ctr", "position"]) {
            Profile::SearchConsole
        } else if has(&[
            "sessionprimarychannelgroup",
            "sessiondefaultchannelgroup",
            "firstuserprimarychannelgroup",
            "keyevents",
            "engagedsessions",
            "engagementrate",
            "activeusers",
        ]) {
            Profile::Ga4
        } else {
            Profile::Generic
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        named(&Profile::ALL, Profile::name, s, "a KPI export profile")
    }
}

/// The profile of `all` that `--from` names (any case), or a refusal
/// listing them: `what` says what they are.
pub(crate) fn named<P: Copy>(
    all: &[P],
    name: fn(P) -> &'static str,
    text: &str,
    what: &str,
) -> Result<P, String> {
    let wanted = text.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|p| name(*p) == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|p| name(*p)).collect();
            format!(
                "--from {}: not {what} (one of: {})",
                quoted(text),
                names.join(", ")
            )
        })
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

/// `Day Index`: Universal Analytics; `Reporting starts`: Meta Ads Manager
/// (with `Reporting ends`); `Send Date`: Mailchimp's campaign report.
const DATE_ALIASES: &[&str] = &[
    "Date",
    "Day",
    "Ngày",
    "Day Index",
    "Reporting starts",
    "Send Date",
    "Thời gian",
];

/// The last day a row covers, where an export gives a range per row.
const END_ALIASES: &[&str] = &["Reporting ends"];

/// Cells that say "no value" (Google Ads' `--`, Mailchimp's `n/a`).
const NO_VALUE: &[&str] = &["--", "n/a", "N/A", "-"];

/// A column naming each row's currency (Google Ads' `Currency code`).
pub(crate) const CURRENCY_ALIASES: &[&str] =
    &["Currency code", "Currency", "Tiền tệ", "Mã tiền tệ"];

/// Dimensions: name, flag, recognised headers.
const DIMENSIONS: [(&str, &str, &[&str]); 3] = [
    ("segment", "--segment-column", &["Segment", "Phân khúc"]),
    (
        "channel",
        "--channel-column",
        &[
            "Channel",
            "Kênh",
            "Session primary channel group",
            "Session default channel group",
            "Default channel group",
            "Default Channel Grouping",
        ],
    ),
    (
        "campaign",
        "--campaign-column",
        &[
            "Campaign",
            "Campaign name",
            "Chiến dịch",
            "Session campaign",
        ],
    ),
];

/// Common analytics headers and the metric each means.
const METRIC_ALIASES: &[(&str, &str)] = &[
    ("Sessions", "visits"),
    ("Visits", "visits"),
    ("Lượt truy cập", "visits"),
    ("Conversions", "conversions"),
    ("Conv.", "conversions"),
    ("Transactions", "conversions"),
    ("Purchases", "conversions"),
    ("Key events", "conversions"),
    ("Đơn hàng", "conversions"),
    ("Leads", "leads"),
    ("Sign-ups", "leads"),
    ("Đăng ký", "leads"),
    ("Cost", "spend"),
    ("Spend", "spend"),
    ("Amount spent", "spend"),
    ("Chi phí", "spend"),
    ("Revenue", "revenue"),
    ("Purchase revenue", "revenue"),
    ("Total revenue", "revenue"),
    ("Doanh thu", "revenue"),
    ("Link clicks", "clicks"),
    ("Unique Clicks", "clicks"),
    ("Impr.", "impressions"),
    // Only where a metric of that name was added (`funnel metric add`).
    ("Unique Opens", "opens"),
];

/// Reads a KPI export. See the module docs of [`super`] for the rules.
/// `known_metrics` are the metrics a column may hold, with their units.
pub fn read_kpis(
    file_label: &str,
    bytes: &[u8],
    cols: &KpiColumns,
    known_metrics: &[(&str, Unit)],
) -> Result<KpiFile, ImportError> {
    let file = file_label;
    let sheet = super::sheet::as_table(file, bytes)?;
    let decoded = table::decode(file, &sheet)?;
    let bytes = &decoded[..];
    let header = table::read_header(file, bytes)?;
    let names: Vec<&str> = known_metrics.iter().map(|(n, _)| *n).collect();
    let layout = Layout::resolve(file, &header, cols, &names)?;
    let mut wanted = vec![layout.date];
    wanted.extend(layout.dims.iter().flatten());
    let currency_slot = layout.currency.map(|c| {
        wanted.push(c);
        wanted.len() - 1
    });
    let end_slot = layout.end.map(|c| {
        wanted.push(c);
        wanted.len() - 1
    });
    let first_metric = wanted.len();
    wanted.extend(layout.metrics.iter().map(|(i, _)| *i));
    let table_end = table::block_end(bytes, &header, |record| {
        record
            .get(layout.date)
            .and_then(|f| std::str::from_utf8(f).ok())
            .is_some_and(|t| dates::looks_like_date(t.trim()))
    });
    let ignored_from = (table_end < bytes.len()).then(|| {
        let blank = bytes[table_end..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|b| **b == b'\n')
            .count();
        1 + blank + bytes[..table_end].iter().filter(|b| **b == b'\n').count()
    });
    let cells = table::read_cells(file, &bytes[..table_end], &header, &wanted)?;
    let cell_error = |row: usize, k: usize, message: String| {
        let col = wanted[k];
        ImportError::cell(
            file,
            cells.lines[row],
            &header.name(col),
            col,
            cells.get(row, k),
            message,
        )
    };

    // Rows after the last dated one, without a date: totals.
    let mut dated = cells.len();
    while dated > 0 && !dates::looks_like_date(cells.get(dated - 1, 0)) {
        dated -= 1;
    }
    let skipped_totals = cells.lines[dated..].to_vec();
    // Universal Analytics writes US dates (`3/1/26`) whatever they show.
    let month_first = layout.profile == Profile::Ua;
    let format = dates::detect_preferring(cells.column(0).take(dated), month_first)
        .map_err(|row| cell_error(row, 0, dates::not_a_date_message(cells.get(row, 0))))?;
    let end_format = match end_slot {
        Some(k) => dates::detect(cells.column(k).take(dated))
            .map_err(|row| cell_error(row, k, dates::not_a_date_message(cells.get(row, k))))?,
        None => None,
    };
    let semicolon = header.delimiter == b';';
    let money = &cols.money;
    let mut columns = Vec::with_capacity(layout.metrics.len());
    for (m, (i, metric)) in layout.metrics.iter().enumerate() {
        let k = first_metric + m;
        let unit = known_metrics
            .iter()
            .find(|(n, _)| n == metric)
            .map_or(Unit::Number, |(_, u)| *u);
        let currency = header_currency(&header.names[*i]);
        // The most decimals a value of the column can honestly have.
        let places = match unit {
            Unit::Count if crate::domain::validate::fractional_count(metric) => 4,
            Unit::Count => 0,
            Unit::Money => currency.as_deref().map_or(money.places, minor_places),
            Unit::Percent | Unit::Number => 4,
        };
        let mark = match cols.decimal {
            Some(mark) => mark,
            None => numbers::decide(cells.column(k).take(dated), places, semicolon)
                .map_err(|two| cell_error(two.row, k, two.message))?,
        };
        columns.push((unit, currency, mark));
    }

    let mut rows = Vec::new();
    let mut converted: Vec<Converted> = Vec::new();
    let mut seen: HashMap<(NaiveDate, usize, usize, &str), usize> = HashMap::new();
    let mut skipped_summaries = Vec::new();
    for row in 0..dated {
        let date = cells.get(row, 0);
        let day = match (&format, date.is_empty()) {
            (_, true) => Err("the date is empty".to_string()),
            (Some(f), false) => f.parse(date),
            (None, false) => Err(dates::not_a_date_message(date)),
        }
        .map_err(|m| cell_error(row, 0, m))?;

        // Which dimension this row is about, if any: (kind, slot).
        let mut dimension: Option<(usize, usize)> = None;
        let mut k = 1;
        for (kind, dim) in layout.dims.iter().enumerate() {
            if dim.is_none() {
                continue;
            }
            if !cells.get(row, k).is_empty() {
                if let Some((first_kind, first_k)) = dimension {
                    let message = format!(
                        "a row can name only one of segment, channel and campaign (this row also has {} {})",
                        DIMENSIONS[first_kind].0,
                        quoted(cells.get(row, first_k))
                    );
                    return Err(cell_error(row, k, message));
                }
                dimension = Some((kind, k));
            }
            k += 1;
        }
        let dim_text = dimension.map_or("", |(_, k)| cells.get(row, k));
        let dim_kind = dimension.map_or(usize::MAX, |(kind, _)| kind);
        let of_kind = |kind: usize| (dim_kind == kind).then(|| dim_text.to_string());
        let row_currency = match currency_slot.map(|k| (k, cells.get(row, k))) {
            Some((k, text)) if !text.is_empty() => {
                Some(numbers::currency_code(text).ok_or_else(|| {
                    let message = format!(
                        "{} is not a currency code (such as VND or USD)",
                        quoted(text)
                    );
                    cell_error(row, k, message)
                })?)
            }
            _ => None,
        };
        if let (Some(k), Some(f)) = (end_slot, &end_format) {
            let text = cells.get(row, k);
            let last = f.parse(text).map_err(|m| cell_error(row, k, m))?;
            if last != day {
                if dimension.is_none() {
                    skipped_summaries.push((cells.lines[row], day, last));
                    continue;
                }
                let message = format!(
                    "this row covers {day} to {last}, not one day: export it broken down by day"
                );
                return Err(cell_error(row, k, message));
            }
        }

        for (m, (_, metric)) in layout.metrics.iter().enumerate() {
            let k = first_metric + m;
            let text = cells.get(row, k);
            if text.is_empty() || NO_VALUE.contains(&text) {
                continue;
            }
            let (unit, column_currency, mark) = &columns[m];
            let read =
                numbers::read(text, *mark, "a number").map_err(|msg| cell_error(row, k, msg))?;
            if read.percent && *unit != Unit::Percent {
                let message = format!("{} is a percentage, but {metric} is not", quoted(text));
                return Err(cell_error(row, k, message));
            }
            let mut value = read.amount;
            if *unit == Unit::Money {
                let said = [
                    column_currency.as_deref(),
                    row_currency.as_deref(),
                    read.currency,
                ];
                let code = money
                    .code_said(said, metric)
                    .map_err(|m| cell_error(row, k, m))?;
                if let Some(rate) = money
                    .rate_for(code, metric)
                    .map_err(|m| cell_error(row, k, m))?
                {
                    value = money
                        .convert(value, rate, code, text)
                        .map_err(|m| cell_error(row, k, m))?;
                    match converted
                        .iter_mut()
                        .find(|c| c.metric == *metric && c.from == code)
                    {
                        Some(c) => c.values += 1,
                        None => converted.push(Converted {
                            metric: metric.clone(),
                            from: code.to_string(),
                            rate,
                            values: 1,
                        }),
                    }
                }
            }
            if let Some(&earlier) = seen.get(&(day, m, dim_kind, dim_text)) {
                let prev: &KpiRow = &rows[earlier];
                if prev.value == value {
                    continue;
                }
                let message = format!(
                    "{metric} for {day}{} is also on line {} with {} (here {})",
                    dimension.map_or(String::new(), |(kind, _)| format!(
                        " ({} {})",
                        DIMENSIONS[kind].0,
                        quoted(dim_text)
                    )),
                    prev.line,
                    prev.value,
                    quoted(text)
                );
                return Err(cell_error(row, k, message));
            }
            seen.insert((day, m, dim_kind, dim_text), rows.len());
            rows.push(KpiRow {
                line: cells.lines[row],
                value_column: wanted[k],
                dimension_column: dimension.map(|(_, k)| wanted[k]),
                day,
                metric: metric.clone(),
                value,
                segment: of_kind(0),
                channel: of_kind(1),
                campaign: of_kind(2),
            });
        }
    }
    Ok(KpiFile {
        rows,
        mapped: layout
            .metrics
            .iter()
            .map(|(i, m)| (header.name(*i), m.clone()))
            .collect(),
        ignored_columns: layout.ignored.iter().map(|i| header.name(*i)).collect(),
        header: (0..header.names.len()).map(|i| header.name(i)).collect(),
        converted,
        skipped_totals,
        skipped_summaries,
        ignored_from,
        profile: layout.profile,
        detected: cols.profile.is_none(),
    })
}

/// The currency a header names in its trailing parentheses:
/// `Amount spent (USD)`.
pub(crate) fn header_currency(name: &str) -> Option<String> {
    let inner = name.trim().strip_suffix(')')?;
    let code = inner[inner.rfind('(')? + 1..].trim();
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// Decimals of a currency's minor unit (ISO 4217): none for the dong,
/// the yen and the won, two for the others funnel meets.
fn minor_places(code: &str) -> u32 {
    match code {
        "VND" | "JPY" | "KRW" => 0,
        _ => 2,
    }
}

/// `value × rate`, rounded half away from zero to `places` decimals (the
/// minor unit of the database's currency), or `None` past the limit.
fn convert(value: Amount, rate: Amount, places: u32) -> Option<Amount> {
    let one = i128::from(Amount::from_int(1).raw());
    let exact = i128::from(value.raw()) * i128::from(rate.raw());
    let step = one * 10i128.pow(crate::domain::amount::SCALE.saturating_sub(places));
    let half = step / 2;
    let rounded = if exact >= 0 {
        (exact + half) / step
    } else {
        (exact - half) / step
    };
    let raw = i64::try_from(rounded * step / one).ok()?;
    Some(Amount::from_raw(raw)).filter(|a| a.within_limit())
}

/// Which column holds what.
struct Layout {
    profile: Profile,
    date: usize,
    dims: [Option<usize>; 3],
    /// A column naming each row's currency.
    currency: Option<usize>,
    /// A column with the last day each row covers.
    end: Option<usize>,
    /// `(column, metric)` in file order.
    metrics: Vec<(usize, String)>,
    ignored: Vec<usize>,
}

impl Layout {
    fn resolve(
        file: &str,
        header: &Header,
        cols: &KpiColumns,
        known: &[&str],
    ) -> Result<Layout, ImportError> {
        let err = |text: &str, message: String| ImportError::line(file, header.line, text, message);
        let named = |flag: &str, name: &str| {
            header.find(name).ok_or_else(|| {
                err(
                    name,
                    format!(
                        "{flag} names the column {}, which is not in the header (columns: {})",
                        quoted(name),
                        header.list()
                    ),
                )
            })
        };
        let known_list = known.join(", ");
        let profile = cols.profile.unwrap_or_else(|| Profile::detect(header));
        let date = match (&cols.date, profile.date_header()) {
            (Some(name), _) => named("--date-column", name)?,
            (None, Some(wanted)) if cols.profile.is_some() => {
                header.find(wanted).ok_or_else(|| {
                    let message = format!(
                        "--from {}: this file has no {} column, so it is not that export (columns: {})",
                        profile.name(),
                        quoted(wanted),
                        header.list()
                    );
                    err("", message)
                })?
            }
            (None, _) => header.find_alias(DATE_ALIASES, &[]).ok_or_else(|| {
                let list = header.list();
                err(
                    "",
                    format!(
                        "no date column found (columns: {list}); name it with --date-column COLUMN"
                    ),
                )
            })?,
        };
        let mut taken = vec![date];
        let given = [&cols.segment, &cols.channel, &cols.campaign];
        let mut dims = [None; 3];
        for (kind, (_, flag, _)) in DIMENSIONS.iter().enumerate() {
            if let Some(name) = given[kind] {
                dims[kind] = Some(named(flag, name)?);
                taken.extend(dims[kind]);
            }
        }
        let mut metrics: Vec<(usize, String)> = Vec::new();
        for (column, metric) in &cols.map {
            let canonical = known
                .iter()
                .find(|k| fold(k) == fold(metric))
                .ok_or_else(|| {
                    err(
                        metric,
                        format!("unknown metric {} (known: {known_list})", quoted(metric)),
                    )
                })?;
            let i = named("--map", column)?;
            if taken.contains(&i) {
                let message = format!(
                    "--map {}: that column is the date or a dimension",
                    quoted(column)
                );
                return Err(err(column, message));
            }
            if let Some((j, _)) = metrics.iter().find(|(j, m)| *j == i || m == canonical) {
                let message = format!(
                    "--map gives {} and {} the same column or metric",
                    quoted(&header.name(*j)),
                    quoted(column)
                );
                return Err(err(column, message));
            }
            metrics.push((i, canonical.to_string()));
        }
        let explicit: Vec<usize> = metrics.iter().map(|(i, _)| *i).collect();
        for (kind, (_, _, aliases)) in DIMENSIONS.iter().enumerate() {
            if dims[kind].is_none() {
                let mut busy = taken.clone();
                busy.extend(&explicit);
                dims[kind] = header.find_alias(aliases, &busy);
                taken.extend(dims[kind]);
            }
        }
        let mut busy = taken.clone();
        busy.extend(&explicit);
        let currency = header.find_alias(CURRENCY_ALIASES, &busy);
        taken.extend(currency);
        let end = header.find_alias(END_ALIASES, &taken);
        taken.extend(end);
        // Mailchimp names each campaign in its `Title`.
        if dims[2].is_none() && profile == Profile::Mailchimp {
            dims[2] = header.find_alias(&["Title"], &taken);
            taken.extend(dims[2]);
        }
        let mut ignored = Vec::new();
        for (i, name) in header.names.iter().enumerate() {
            if taken.contains(&i) || explicit.contains(&i) {
                continue;
            }
            let f = fold(name);
            let metric = known.iter().find(|k| fold(k) == f).copied().or_else(|| {
                METRIC_ALIASES
                    .iter()
                    .find(|(alias, m)| fold(alias) == f && known.contains(m))
                    .map(|(_, m)| *m)
            });
            match metric {
                Some(m) if !f.is_empty() && !metrics.iter().any(|(_, used)| used == m) => {
                    metrics.push((i, m.to_string()));
                }
                _ => ignored.push(i),
            }
        }
        if metrics.is_empty() {
            let list = header.list();
            let message = format!(
                "no metric column found (columns: {list}); map one with --map COLUMN=METRIC (known: {known_list})"
            );
            return Err(err("", message));
        }
        metrics.sort_by_key(|(i, _)| *i);
        Ok(Layout {
            profile,
            date,
            dims,
            currency,
            end,
            metrics,
            ignored,
        })
    }
}

#[cfg(test)]
mod tests;
