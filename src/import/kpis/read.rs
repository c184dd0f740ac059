//! Reading a whole KPI file into rows.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{DIMENSIONS, Layout, NO_VALUE};
use super::money::{header_currency, minor_places};
use super::{Converted, KpiColumns, KpiFile, KpiRow, Profile};
use crate::domain::Unit;
use crate::import::dates;
use crate::import::error::{ImportError, quoted};
use crate::import::numbers::{self};
use crate::import::table;

/// Reads a KPI export. See the module docs of [`super`] for the rules.
/// `known_metrics` are the metrics a column may hold, with their units.
pub fn read_kpis(
    file_label: &str,
    bytes: &[u8],
    cols: &KpiColumns,
    known_metrics: &[(&str, Unit)],
) -> Result<KpiFile, ImportError> {
    let file = file_label;
    let sheet = crate::import::sheet::as_table(file, bytes)?;
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
