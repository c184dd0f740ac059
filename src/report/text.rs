//! Figures as a reader sees them: labels from the locale's catalog,
//! values in their unit, "—" where undefined, signed changes.

use super::{Figure, Headline, Kpi, Measure, Verdict};
use crate::domain::{Amount, Unit};
use crate::i18n::{Format, Words};
use crate::text::{fit, width};

/// The catalog's label of a headline figure by its key; empty for a key
/// that names none.
pub fn label(w: &Words, key: &str) -> &'static str {
    Kpi::from_key(key).map_or("", |k| k.label(w))
}

pub const DASH: &str = "—";

/// A figure for reading; "—" where undefined.
pub fn show(fmt: Format, measure: Measure, v: Option<Figure>) -> String {
    match (measure, v) {
        (_, None) => DASH.into(),
        (Measure::Count, Some(Figure::Amount(a))) => fmt.count(a),
        (Measure::Money, Some(Figure::Amount(a))) => fmt.money(a),
        (Measure::Rate, Some(Figure::Rate(r))) if r.is_finite() => fmt.percent(r),
        (Measure::Multiple, Some(Figure::Rate(r))) if r.is_finite() => fmt.times(r),
        _ => DASH.into(),
    }
}

/// A plus sign before a positive change; none before zero.
fn signed(s: String) -> String {
    let zero = !s.chars().any(|c| c.is_ascii_digit() && c != '0');
    if s.starts_with('-') || s.starts_with('+') || zero {
        s
    } else {
        format!("+{s}")
    }
}

/// The change against the previous period: absolute, and relative for
/// amounts; in points for rates.
pub fn change(fmt: Format, h: &Headline) -> String {
    match (h.measure, h.change) {
        (_, None) => DASH.into(),
        (Measure::Rate, Some(Figure::Rate(p))) => fmt.points(p),
        (Measure::Multiple, Some(Figure::Rate(p))) => signed(fmt.times(p)),
        (m, c) => {
            let pct = h
                .change_ratio
                .map(|r| format!(" ({})", signed(fmt.percent(r))))
                .unwrap_or_default();
            format!("{}{pct}", signed(show(fmt, m, c)))
        }
    }
}

/// The change where room is short: an amount's relative change alone
/// ("-12.6%"), a rate's in points, a multiple's as is.
pub fn change_short(fmt: Format, h: &Headline) -> String {
    match (h.measure, h.change_ratio) {
        (Measure::Count | Measure::Money, Some(r)) => signed(fmt.percent(r)),
        _ => change(fmt, h),
    }
}

/// An objective's value in its metric's unit.
pub fn in_unit(fmt: Format, unit: Unit, v: Amount) -> String {
    match unit {
        Unit::Count => fmt.count(v),
        Unit::Money => fmt.money(v),
        Unit::Percent | Unit::Number => fmt.number(v, 2),
    }
}

/// The change with what it means in words: "-8.99 pt better". Text
/// without colour says it; the sign alone would paint a drop in churn as
/// bad news.
pub fn judged(fmt: Format, h: &Headline) -> String {
    marked(fmt, h, change(fmt, h))
}

/// `text`, a change of `h`, followed by the word saying whether it is
/// good news; as is where the figure did not move.
pub fn marked(fmt: Format, h: &Headline, text: String) -> String {
    let c = &fmt.words().compare;
    let word = match h.verdict {
        Some(Verdict::Better) => c.better,
        Some(Verdict::Worse) => c.worse,
        Some(Verdict::Same) | None => return text,
    };
    format!("{text} {word}")
}

/// The widest a text report's table is: a mail or a terminal of 100
/// columns.
pub const REPORT_WIDTH: usize = 100;

/// Cuts the cells of column `col` (with "…") so that the table of `header`
/// and `rows`, its cells two spaces apart, is at most `max` columns wide,
/// the other columns keeping their width. The column keeps at least 16.
pub fn fit_column(header: &[&str], rows: &mut [Vec<String>], col: usize, max: usize) {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows.iter() {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != col)
        .map(|(_, w)| w + 2)
        .sum();
    let room = max.saturating_sub(others).max(16);
    for row in rows.iter_mut() {
        if let Some(cell) = row.get_mut(col).filter(|c| width(c) > room) {
            *cell = fit(cell, room);
        }
    }
}

/// `s` with its first letter in capitals, for a table's heading.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
