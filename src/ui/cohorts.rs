//! The KPIs tab's cohort tables: one row per acquisition month (the
//! latest that fit, up to the selected period), one column per month
//! after it, as many as fit the width (said under the table when some do
//! not). Retention shows the share who ordered again in month +k; revenue
//! what the cohort's orders came to per customer up to month +k. A month
//! still running is marked `*`, said under the table; no colour is needed
//! to read either.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use crate::app::App;
use crate::app::kpis::KpisTab;
use crate::domain::Amount;
use crate::i18n::Format;
use crate::metrics::Cohort;
use crate::text::{fit, pad, width};

/// Which of the two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Retention,
    Revenue,
}

const MONTH_W: usize = 8;
const NEW_W: usize = 7;

/// `s` right-aligned in `cols` columns (cut to them if longer).
fn right(s: &str, cols: usize) -> String {
    let s = fit(s, cols);
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(&s))))
}

/// A cell's text: the value, `*` where its month is still running, blank
/// where the month is not reached, `—` for a cohort of nobody.
fn cell(fmt: Format, table: Table, c: &Cohort, k: usize) -> Option<String> {
    let reached = match table {
        Table::Retention => k >= 1 && k <= c.ordered_again.len(),
        Table::Revenue => k < c.revenue.len(),
    };
    if !reached {
        return None;
    }
    let value = match table {
        Table::Retention => c.retained(k).map(|r| format!("{:.0}%", r * 100.0)),
        Table::Revenue => c
            .revenue_per_customer(k)
            .map(|a| fmt.count(Amount::from_int(a.round_to_int()))),
    };
    // The mark takes a column of its own, so the values stay aligned.
    let mark = if c.is_to_date(k) { "*" } else { " " };
    Some(format!("{}{mark}", value.as_deref().unwrap_or("—")))
}

pub fn render(app: &App, k: &KpisTab, table: Table, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let kw = &app.words().ui.kpi;
    let cw = &app.words().cohort;
    let fmt = app.format();
    let title = match table {
        Table::Retention => kw.cohorts.to_string(),
        Table::Revenue => format!("{} ({})", cw.revenue_title, fmt.currency.code()),
    };
    let block = Block::bordered().border_set(t.border()).title(Span::styled(
        format!(" {} ", fit(&title, (area.width as usize).saturating_sub(4))),
        t.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let Some(cohorts) = k.cohorts.as_deref().filter(|c| !c.is_empty()) else {
        frame.render_widget(
            Paragraph::new(fit(kw.cohorts_none, cols)).style(t.dim()),
            inner,
        );
        return;
    };
    let first_k = match table {
        Table::Retention => 1,
        Table::Revenue => 0,
    };
    // Room under the table for the notes on running and hidden months and
    // hidden cohorts, each on a line of its own where they do not fit on one.
    let rows = (inner.height as usize).saturating_sub(4).max(1);
    let shown = &cohorts[cohorts.len().saturating_sub(rows)..];
    // The oldest cohort shown reaches the most months.
    let last_k = shown
        .first()
        .map_or(0, |c| c.revenue.len().saturating_sub(1));
    let texts: Vec<Vec<Option<String>>> = shown
        .iter()
        .map(|c| (first_k..=last_k).map(|m| cell(fmt, table, c, m)).collect())
        .collect();
    // Each cell two columns wider than its widest value (the mark's column
    // included): columns never touch.
    let cell_w = texts
        .iter()
        .flatten()
        .flatten()
        .map(|s| width(s))
        .max()
        .unwrap_or(0)
        .max(4)
        + 2;
    let fitting = cols.saturating_sub(MONTH_W + NEW_W) / cell_w;
    let months = fitting.min(last_k + 1 - first_k);
    let mut header = format!(
        "{}{}",
        pad(kw.cohort_month, MONTH_W),
        right(kw.cohort_new, NEW_W)
    );
    for m in first_k..first_k + months {
        header.push_str(&right(&format!("+{m}"), cell_w - 1));
        header.push(' ');
    }
    let mut lines = vec![Line::styled(fit(&header, cols), t.dim())];
    for (c, texts) in shown.iter().zip(&texts) {
        let mut spans = vec![
            Span::raw(pad(&c.month.format("%Y-%m").to_string(), MONTH_W)),
            Span::raw(right(&fmt.count(Amount::from_int(c.acquired)), NEW_W)),
        ];
        for (i, text) in texts.iter().take(months).enumerate() {
            let style = match (table, c.retained(first_k + i)) {
                (Table::Retention, Some(r)) if r >= 0.5 => t.good(),
                (Table::Retention, Some(r)) if r < 0.25 => t.dim(),
                _ => t.base(),
            };
            spans.push(Span::styled(
                right(text.as_deref().unwrap_or(""), cell_w),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    let mut notes = Vec::new();
    if shown.iter().any(|c| c.running) {
        notes.push(Format::fill(cw.to_date, app.today.format("%Y-%m")));
    }
    if months + first_k <= last_k {
        let last_shown = (first_k + months).saturating_sub(1);
        notes.push(Format::fill_all(
            cw.shown,
            &[&first_k, &last_shown, &last_k],
        ));
    }
    if let (Some(first), Some(oldest), Some(last)) =
        (shown.first(), cohorts.first(), cohorts.last())
        && shown.len() < cohorts.len()
    {
        let month = |c: &Cohort| c.month.format("%Y-%m").to_string();
        notes.push(Format::fill_all(
            cw.cohorts_shown,
            &[&month(first), &month(last), &month(oldest), &month(last)],
        ));
    }
    let joined = notes.join(" · ");
    if width(&joined) <= cols {
        if !notes.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(joined, t.dim()));
    } else {
        lines.extend(notes.iter().map(|n| Line::styled(fit(n, cols), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
