//! The KPIs tab: the selected period's headline figures against the period
//! before and the objectives' targets, and charts over the periods ending
//! at it. Wide screens show figures and several charts side by side; at 80
//! columns `c` cycles between the figures and one chart at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::{Marker, bar};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph,
};

mod charts;
mod figures;
mod series;

use charts::*;
use figures::*;
use series::*;

use super::Theme;
use super::cohorts::{self, Table};
use super::notes::{self, render_notes};
use crate::analysis::Origin;
use crate::app::App;
use crate::app::kpis::{Chart as Which, KpisTab, NOTES_VIEW};
use crate::domain::{Amount, Dimension};
use crate::i18n::Format;
use crate::metrics::objective::ObjectiveStatus;
use crate::metrics::{Comparison, Granularity, Period, PeriodFigures};
use crate::report::text::{change, change_short, label, marked, show};
use crate::text::{fit, pad, width, wrap};

/// Widths from which figures and charts stand side by side.
const SIDE_BY_SIDE: u16 = 120;
/// The width the figures take beside the charts: room for the target
/// column's Vietnamese words from 160 columns, and on wider screens the
/// room `need`ed for whole labels while two charts still stand abreast.
fn figures_width(total: u16, need: u16) -> u16 {
    let base = if total >= 160 { 88 } else { 80 };
    need.clamp(base, total.saturating_sub(2 * CELL_WIDTH).max(base))
}
/// Charts are laid out in cells at least this wide and high.
const CELL_WIDTH: u16 = 48;
const CELL_HEIGHT: u16 = 12;

/// Bars drawn with `#` where block elements are not wanted; `=` is left
/// to the target line.
const ASCII_BARS: bar::Set = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: ":",
    half: ":",
    three_eighths: ":",
    one_quarter: ".",
    one_eighth: ".",
    empty: " ",
};

/// How figures come in, under the empty figures of a database that has
/// none yet; returns the rows left above it.
fn render_guide(app: &App, frame: &mut Frame<'_>, body: Rect, t: Theme) -> Rect {
    let key = |a| {
        app.keymap
            .key_text(crate::app::Context::Kpis, a)
            .unwrap_or_default()
    };
    let [first, import, kpis] = app.words().ui.guide.kpis_empty;
    let cols = body.width as usize;
    let lines: Vec<Line<'static>> = [
        Format::fill(first, key(crate::app::Action::Record)),
        Format::fill(import, key(crate::app::Action::Import)),
        kpis.into(),
    ]
    .iter()
    .flat_map(|l| wrap(l, cols))
    .map(|l| Line::styled(fit(&l, cols), t.heading()))
    .collect();
    let rows = (lines.len() as u16 + 1).min(body.height / 2);
    let [rest, _, guide] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(u16::from(rows > 1)),
        Constraint::Length(rows.saturating_sub(1)),
    ])
    .areas(body);
    frame.render_widget(Paragraph::new(lines), guide);
    rest
}

/// Whether a body of `area` shows the notes under the figures (side by
/// side with the charts, and room for a few notes).
pub fn notes_beside(k: &KpisTab, area: Rect) -> bool {
    // The period line, the column heading, the headlines and a blank row.
    let figures = 3 + k.headlines.len() as u16;
    area.width >= SIDE_BY_SIDE && area.height.saturating_sub(figures) >= notes::MIN_ROWS
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let Some(k) = &app.kpis else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    render_head(app, k, frame, head, t);
    let body = if k.no_figures {
        render_guide(app, frame, body, t)
    } else {
        body
    };
    if area.width >= SIDE_BY_SIDE {
        let [figures, charts] = Layout::horizontal([
            Constraint::Length(figures_width(area.width, figures_need(app, k, t))),
            Constraint::Min(20),
        ])
        .areas(body);
        if notes_beside(k, area) {
            let rows = 1 + k.headlines.len() as u16;
            let [figures, below] =
                Layout::vertical([Constraint::Length(rows + 1), Constraint::Min(0)]).areas(figures);
            render_figures(app, k, frame, figures, t);
            render_notes(app, &k.period_notes, k.period, frame, below, t);
        } else if k.view == NOTES_VIEW {
            render_notes(app, &k.period_notes, k.period, frame, figures, t);
        } else {
            render_figures(app, k, frame, figures, t);
        }
        let cols = (charts.width / CELL_WIDTH).clamp(1, 2);
        let rows = (charts.height / CELL_HEIGHT).clamp(1, 3);
        let shown = usize::from(cols * rows).min(Which::ALL.len());
        let rows_of = (shown as u16).div_ceil(cols);
        let lines = Layout::vertical(vec![Constraint::Ratio(1, rows_of.into()); rows_of.into()])
            .split(charts);
        for (i, row) in lines.iter().enumerate() {
            let in_row = (shown - i * usize::from(cols)).min(cols.into()) as u32;
            let cells =
                Layout::horizontal(vec![Constraint::Ratio(1, in_row); in_row as usize]).split(*row);
            for (j, cell) in cells.iter().enumerate() {
                let n = (k.view + i * usize::from(cols) + j) % Which::ALL.len();
                render_chart(app, k, Which::ALL[n], frame, *cell, t);
            }
        }
    } else {
        match k
            .view
            .checked_sub(NOTES_VIEW + 1)
            .and_then(|i| Which::ALL.get(i))
        {
            Some(which) => render_chart(app, k, *which, frame, body, t),
            None if k.view == NOTES_VIEW => {
                render_notes(app, &k.period_notes, k.period, frame, body, t)
            }
            None => render_figures(app, k, frame, body, t),
        }
    }
}

fn granularity_index(g: Granularity) -> usize {
    Granularity::ALL.iter().position(|x| *x == g).unwrap_or(1)
}

/// "segment Văn phòng", or "Whole business".
fn scope_text(app: &App, k: &KpisTab) -> String {
    let kw = &app.words().ui.kpi;
    let kind = match k.scope.dimension {
        Dimension::Total => return kw.whole.to_string(),
        Dimension::Segment(_) => kw.segment,
        Dimension::Channel(_) => kw.channel,
        Dimension::Campaign(_) => kw.campaign,
    };
    format!("{kind} {}", k.scope.name)
}

fn render_head(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let fmt = app.format();
    let source = match k.customer_source {
        crate::analysis::CustomerSource::Orders => w.from_orders,
        crate::analysis::CustomerSource::Recorded => w.recorded,
    };
    let scope = match k.scope.dimension {
        Dimension::Total => String::new(),
        _ => format!("{} · ", scope_text(app, k)),
    };
    let c = &k.compared.comparison;
    // A period still running says how far it is counted: "to 7 Dec".
    let through = if c.partial() {
        format!(
            ", {}",
            crate::i18n::Format::fill(w.compare.through, fmt.day(c.current.end))
        )
    } else {
        String::new()
    };
    let mut text = format!(
        "{scope}{} {} ({}) {} – {}{through} · {}: {}",
        w.period,
        k.period.label(),
        w.ui.granularities[granularity_index(k.granularity)],
        fmt.date(k.period.start),
        fmt.date(k.period.end),
        w.customers,
        source
    );
    // Only what is summed up is said: a recorded total is the rule.
    for (metric, origins) in &k.origins {
        let label = crate::report::text::label(w, metric);
        for o in origins {
            let said = match o {
                Origin::Channels => w.ui.kpi.summed_channels,
                Origin::Campaigns => w.ui.kpi.summed_campaigns,
                Origin::Recorded | Origin::Orders => continue,
            };
            text.push_str(" · ");
            text.push_str(&crate::i18n::Format::fill(said, label));
        }
    }
    frame.render_widget(
        Span::styled(fit(&text, area.width as usize), t.heading()),
        area,
    );
}

/// A period's column heading: "2026-12 to 7 Dec" while it runs.
fn so_far(app: &App, label: &str, end: chrono::NaiveDate, partial: bool) -> String {
    if partial {
        let through = crate::i18n::Format::fill(app.words().compare.through, app.format().day(end));
        format!("{label} {through}")
    } else {
        label.to_string()
    }
}

/// The headings of the figures' value and change columns: the period so
/// far, and what it is compared with over the same days ("vs 2026-11 to
/// 7 Nov"): the span is always said, as the changes mean nothing without it.
fn figure_headings(app: &App, k: &KpisTab) -> (String, String) {
    let c = &k.compared.comparison;
    let partial = c.partial();
    let current = so_far(app, &k.period.label(), c.current.end, partial);
    let cw = &app.words().compare;
    if k.compared.previous.is_none() {
        return (current, cw.nothing_before.to_string());
    }
    (current, against(app, c))
}

/// The span the changes are against: "2026-11 to 7 Nov".
pub(super) fn compared_span(app: &App, c: &Comparison) -> String {
    so_far(app, &c.other.label(), c.previous.end, c.partial())
}

/// What the changes are against, as a heading: "vs 2026-11 to 7 Nov".
pub(super) fn against(app: &App, c: &Comparison) -> String {
    crate::i18n::Format::fill(app.words().compare.vs, compared_span(app, c))
}

/// A change as the figures show it, in full and short (see
/// [`change_short`]): in colour where there is colour, else with the word
/// that says whether it is good news.
fn change_cells(app: &App, h: &crate::report::Headline, t: Theme) -> ([String; 2], Style) {
    use crate::report::Verdict;
    let fmt = app.format();
    let style = match h.verdict {
        Some(Verdict::Better) => t.good(),
        Some(Verdict::Worse) => t.warning(),
        Some(Verdict::Same) | None => t.base(),
    };
    let (full, short) = (change(fmt, h), change_short(fmt, h));
    if t.color && !t.ascii {
        ([full, short], style)
    } else {
        ([marked(fmt, h, full), marked(fmt, h, short)], style)
    }
}
