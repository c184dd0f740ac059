//! `funnel kpi import`: a daily KPI export (analytics, ads, a spreadsheet)
//! read into one validated row per day, metric and cell.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::dates;
use super::error::{ImportError, quoted};
use super::numbers;
use super::table::{self, Header, fold};
use crate::domain::Amount;

/// Columns named by the command-line flags; `None`: recognise the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiColumns {
    pub date: Option<String>,
    /// `--map COLUMN=METRIC` entries, as `(column, metric)`.
    pub map: Vec<(String, String)>,
    pub segment: Option<String>,
    pub channel: Option<String>,
    pub campaign: Option<String>,
}

/// One value of one metric on one day, with the physical line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRow {
    pub line: usize,
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
}

const DATE_ALIASES: &[&str] = &["Date", "Day", "Ngày"];

/// Dimensions: name, flag, recognised headers.
const DIMENSIONS: [(&str, &str, &[&str]); 3] = [
    ("segment", "--segment-column", &["Segment", "Phân khúc"]),
    ("channel", "--channel-column", &["Channel", "Kênh"]),
    (
        "campaign",
        "--campaign-column",
        &["Campaign", "Campaign name", "Chiến dịch"],
    ),
];

/// Common analytics headers and the metric each means.
const METRIC_ALIASES: &[(&str, &str)] = &[
    ("Sessions", "visits"),
    ("Visits", "visits"),
    ("Lượt truy cập", "visits"),
    ("Conversions", "conversions"),
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
];

/// Reads a KPI export. See the module docs of [`super`] for the rules.
pub fn read_kpis(
    file_label: &str,
    bytes: &[u8],
    cols: &KpiColumns,
    known_metrics: &[&str],
) -> Result<KpiFile, ImportError> {
    let file = file_label;
    let header = table::read_header(file, bytes)?;
    let layout = Layout::resolve(file, &header, cols, known_metrics)?;
    let mut wanted = vec![layout.date];
    wanted.extend(layout.dims.iter().flatten());
    let first_metric = wanted.len();
    wanted.extend(layout.metrics.iter().map(|(i, _)| *i));
    let cells = table::read_cells(file, bytes, &header, &wanted)?;
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

    let format = dates::detect(cells.column(0))
        .map_err(|row| cell_error(row, 0, dates::not_a_date_message(cells.get(row, 0))))?;
    let semicolon = header.delimiter == b';';
    let marks: Vec<_> = (first_metric..wanted.len())
        .map(|k| numbers::detect(cells.column(k), semicolon))
        .collect();

    let mut rows = Vec::new();
    let mut seen: HashMap<(NaiveDate, usize, usize, &str), usize> = HashMap::new();
    for row in 0..cells.len() {
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

        for (m, (_, metric)) in layout.metrics.iter().enumerate() {
            let k = first_metric + m;
            let text = cells.get(row, k);
            if text.is_empty() {
                continue;
            }
            let value = numbers::parse(text, marks[m], "a number")
                .map_err(|msg| cell_error(row, k, msg))?;
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
    })
}

/// Which column holds what.
struct Layout {
    date: usize,
    dims: [Option<usize>; 3],
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
        let date = match &cols.date {
            Some(name) => named("--date-column", name)?,
            None => header.find_alias(DATE_ALIASES, &[]).ok_or_else(|| {
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
            date,
            dims,
            metrics,
            ignored,
        })
    }
}
