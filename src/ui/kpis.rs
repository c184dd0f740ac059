//! The KPIs tab: the selected period's headline figures against the period
//! before and the objectives' targets, and charts over the periods ending
//! at it. Wide screens show figures and charts side by side; at 80 columns
//! `c` cycles between them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph};

use super::Theme;
use super::notes::{self, render_notes};
use crate::app::App;
use crate::app::kpis::{Chart as Which, KpisTab, NOTES_VIEW};
use crate::metrics::objective::ObjectiveStatus;
use crate::metrics::{Granularity, PeriodFigures};
use crate::report::text::{change, label, show};
use crate::text::{fit, pad};

/// Widths from which figures and charts stand side by side.
const SIDE_BY_SIDE: u16 = 120;

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
    if area.width >= SIDE_BY_SIDE {
        let [figures, charts] =
            Layout::horizontal([Constraint::Length(80), Constraint::Min(20)]).areas(body);
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
        let n = if charts.height >= 36 {
            3
        } else if charts.height >= 22 {
            2
        } else {
            1
        };
        let rows = Layout::vertical(vec![Constraint::Ratio(1, n); n as usize]).split(charts);
        for (i, r) in rows.iter().enumerate() {
            render_chart(app, k, Which::ALL[i], frame, *r, t);
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

fn render_head(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let fmt = app.format();
    let source = match k.customer_source {
        crate::analysis::CustomerSource::Orders => w.from_orders,
        crate::analysis::CustomerSource::Recorded => w.recorded,
    };
    let text = format!(
        "{} {} ({}) {} – {} · {}: {}",
        w.period,
        k.period.label(),
        w.ui.granularities[granularity_index(k.granularity)],
        fmt.date(k.period.start),
        fmt.date(k.period.end),
        w.customers,
        source
    );
    frame.render_widget(
        Span::styled(fit(&text, area.width as usize), t.heading()),
        area,
    );
}

fn render_figures(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let fmt = app.format();
    let label_w = (area.width as usize).saturating_sub(52).clamp(12, 26);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(pad("", label_w)),
            Span::raw(format!(" {} ", pad(&k.period.label(), 16))),
            Span::raw(pad(w.vs_previous, 22)),
            Span::raw(w.ui.vs_target),
        ])
        .style(t.dim()),
    ];
    for h in &k.headlines {
        let target = k.target_of(h.key).map(|s| {
            let done = s
                .progress
                .done
                .map(|d| fmt.percent(d))
                .unwrap_or_else(|| "—".into());
            let style = match s.progress.status {
                ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
                ObjectiveStatus::AtRisk => t.soon(),
                ObjectiveStatus::Missed => t.warning(),
                ObjectiveStatus::NoData => t.dim(),
            };
            Span::styled(
                format!("{done} {}", w.objective_status(s.progress.status)),
                style,
            )
        });
        let chg = change(fmt, h);
        let chg_style = if chg.starts_with('-') {
            t.soon()
        } else {
            t.base()
        };
        let mut spans = vec![
            Span::raw(pad(label(w, h.key), label_w)),
            Span::raw(format!(" {} ", pad(&show(fmt, h.measure, h.current), 16))),
            Span::styled(pad(&chg, 22), chg_style),
        ];
        spans.extend(target);
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// How a chart's values read on its axis.
type Reader = fn(&App, f64) -> String;

/// The series a chart draws, with its title, and how a value reads.
fn series(app: &App, k: &KpisTab, which: Which) -> (String, Vec<Option<f64>>, Reader) {
    let w = app.words();
    let pick: fn(&PeriodFigures) -> Option<f64> = match which {
        Which::Customers => |f| f.customers_end.map(|a| a.to_f64()),
        Which::ChurnRate => PeriodFigures::churn_rate,
        Which::ConversionRate => PeriodFigures::conversion_rate,
    };
    let title = match which {
        Which::Customers => w.customers,
        Which::ChurnRate => w.churn_rate,
        Which::ConversionRate => w.conversion_rate,
    };
    let read: Reader = match which {
        Which::Customers => |app, v| {
            app.format()
                .count(crate::domain::Amount::from_int(v.round() as i64))
        },
        _ => |app, v| app.format().percent(v),
    };
    (
        title.to_string(),
        k.figures.iter().map(pick).collect(),
        read,
    )
}

fn render_chart(app: &App, k: &KpisTab, which: Which, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let (title, values, read) = series(app, k, which);
    let points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
        .collect();
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {title} "), t.title()));
    if points.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new("—").style(t.dim()), inner);
        return;
    }
    let target = match which {
        Which::Customers => k
            .target_of("customers_end")
            .map(|s| s.objective.target.to_f64()),
        _ => None,
    };
    let lo = points
        .iter()
        .map(|p| p.1)
        .chain(target)
        .fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.1)
        .chain(target)
        .fold(f64::NEG_INFINITY, f64::max);
    let pad_y = ((hi - lo) * 0.1).max(hi.abs() * 0.02).max(1e-9);
    let (lo, hi) = ((lo - pad_y).max(0.0), hi + pad_y);
    let last = (k.window.len().saturating_sub(1)) as f64;
    let marker = if app.ascii {
        Marker::Dot
    } else {
        Marker::Braille
    };
    let selected: Vec<(f64, f64)> = points.last().copied().into_iter().collect();
    let target_line: Vec<(f64, f64)> = target
        .map(|v| vec![(0.0, v), (last, v)])
        .unwrap_or_default();
    let noted: Vec<(f64, f64)> = k
        .window
        .iter()
        .enumerate()
        .filter(|(_, p)| k.notes.iter().any(|n| n.start <= p.end && n.end >= p.start))
        .map(|(i, _)| (i as f64, lo))
        .collect();
    let w = app.words();
    let mut datasets = vec![
        Dataset::default()
            .name(k.period.granularity.as_str())
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(t.title())
            .data(&points),
    ];
    if !target_line.is_empty() {
        datasets.push(
            Dataset::default()
                .name(w.target)
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(t.good())
                .data(&target_line),
        );
    }
    datasets.push(
        Dataset::default()
            .name(k.period.label())
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(t.key())
            .data(&selected),
    );
    if !noted.is_empty() {
        datasets.push(
            Dataset::default()
                .name(w.notes)
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(t.warning())
                .data(&noted),
        );
    }
    let first_label = k.window.first().map(|p| p.label()).unwrap_or_default();
    let mid_label = k
        .window
        .get(k.window.len() / 2)
        .map(|p| p.label())
        .unwrap_or_default();
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([0.0, last.max(1.0)])
                .labels([first_label, mid_label, k.period.label()])
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([read(app, lo), read(app, (lo + hi) / 2.0), read(app, hi)])
                .style(t.dim()),
        )
        .style(Style::new());
    frame.render_widget(chart, area);
}
