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

use super::Theme;
use super::cohorts::{self, Table};
use super::notes::{self, render_notes};
use crate::analysis::Origin;
use crate::app::App;
use crate::app::kpis::{Chart as Which, KpisTab, NOTES_VIEW};
use crate::domain::{Amount, Dimension};
use crate::metrics::objective::ObjectiveStatus;
use crate::metrics::{Comparison, Granularity, Period, PeriodFigures};
use crate::report::text::{change, change_short, label, marked, show};
use crate::text::{fit, pad, width};

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
    t.asciify(frame.buffer_mut(), body);
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

/// The columns of the figures, each as wide as its widest cell, two
/// spaces apart (one after the labels, whose column ends ragged). Where
/// the labels would be cut short the changes are shown short; then labels
/// are cut (to no fewer than a few letters), then the target column, each
/// with an ellipsis.
struct FigureColumns {
    label: usize,
    value: usize,
    change: usize,
    target: usize,
    /// Which of the change texts: 0 in full, 1 short.
    short: usize,
}

const GAP: usize = 2;
/// The room under which labels are cut enough to change the layout.
const LABEL_ROOM: usize = 22;

/// Widths of the label, value, full and short change and target cells.
struct Widest {
    label: usize,
    value: usize,
    change: [usize; 2],
    target: usize,
}

fn figure_columns(width: usize, w: Widest) -> FigureColumns {
    // A column of margin: nothing touches the charts beside.
    let width = width.saturating_sub(1);
    let room = |change: usize| width.saturating_sub(w.value + change + 2 * GAP + 1 + w.target);
    let short = usize::from(room(w.change[0]) < LABEL_ROOM.min(w.label));
    let change = w.change[short];
    let fixed = w.value + change + 2 * GAP + 1;
    let label = w
        .label
        .min(width.saturating_sub(fixed + w.target))
        .max(w.label.min(LABEL_ROOM));
    let target = w.target.min(width.saturating_sub(fixed + label));
    FigureColumns {
        label,
        value: w.value,
        change,
        target,
        short,
    }
}

/// A row of the figures: label, value, change cells and their style, and
/// the target's progress and its style.
type FigureRow = (
    &'static str,
    String,
    ([String; 2], Style),
    Option<(String, Style)>,
);

/// The figures' headings, rows and the widths of their cells.
fn figure_rows(app: &App, k: &KpisTab, t: Theme) -> (String, String, Vec<FigureRow>, Widest) {
    let w = app.words();
    let fmt = app.format();
    let (current, against) = figure_headings(app, k);
    let rows: Vec<FigureRow> = k
        .headlines
        .iter()
        .map(|h| {
            let target = k.target_of(h.key).map(|s| {
                let done = s
                    .progress
                    .done
                    .map(|d| fmt.percent(d))
                    .unwrap_or_else(|| "—".into());
                (
                    format!("{done} {}", w.objective_status(s.progress.status)),
                    status_style(s.progress.status, t),
                )
            });
            let value = show(fmt, h.measure, h.current);
            (label(w, h.key), value, change_cells(app, h, t), target)
        })
        .collect();
    let widest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0);
    let changes = |i: usize| widest(&mut rows.iter().map(|r| width(&r.2.0[i])));
    let sizes = Widest {
        label: widest(&mut rows.iter().map(|r| width(r.0))),
        value: widest(&mut rows.iter().map(|r| width(&r.1)).chain([width(&current)])),
        // The heading is as wide as the column gets: labels give way first.
        change: [changes(0), changes(1)].map(|c| c.max(width(&against))),
        target: widest(
            &mut rows
                .iter()
                .filter_map(|r| r.3.as_ref().map(|t| width(&t.0)))
                .chain([width(w.ui.vs_target)]),
        ),
    };
    (current, against, rows, sizes)
}

/// The columns the figures take with every cell whole (and the margin).
fn figures_need(app: &App, k: &KpisTab, t: Theme) -> u16 {
    let (_, _, _, w) = figure_rows(app, k, t);
    let need = 1 + w.label + 1 + w.value + GAP + w.change[0] + GAP + w.target;
    u16::try_from(need).unwrap_or(u16::MAX)
}

fn render_figures(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    if k.show_funnel {
        return super::funnel::render(app, k, frame, area, t);
    }
    let w = app.words();
    let (current, against, rows, sizes) = figure_rows(app, k, t);
    let cols = figure_columns(area.width as usize, sizes);
    let gap = " ".repeat(GAP);
    let heading = fit(&against, cols.change);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(pad("", cols.label)),
            Span::raw(format!(" {}{gap}", pad(&current, cols.value))),
            Span::raw(format!("{}{gap}", pad(&heading, cols.change))),
            Span::raw(fit(w.ui.vs_target, cols.target)),
        ])
        .style(t.dim()),
    ];
    for (name, value, (chg, chg_style), target) in rows {
        let mut spans = vec![
            Span::raw(pad(name, cols.label)),
            Span::raw(format!(" {}{gap}", pad(&value, cols.value))),
            Span::styled(pad(&chg[cols.short], cols.change), chg_style),
        ];
        if let Some((text, style)) = target {
            spans.push(Span::raw(gap.clone()));
            spans.push(Span::styled(fit(&text, cols.target), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn status_style(s: ObjectiveStatus, t: Theme) -> Style {
    match s {
        ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
        ObjectiveStatus::AtRisk => t.soon(),
        ObjectiveStatus::Missed => t.warning(),
        ObjectiveStatus::NoData => t.dim(),
    }
}

/// How a chart's values read on its axis.
type Reader = fn(&App, f64) -> String;

/// One line chart over the window: its title, its values, the metric an
/// objective may target, and how its values read.
struct Series {
    title: &'static str,
    values: Vec<Option<f64>>,
    target_key: &'static str,
    read: Reader,
}

fn series(app: &App, k: &KpisTab, which: Which) -> Option<Series> {
    let w = app.words();
    let (title, target_key, pick, read): (_, _, fn(&PeriodFigures) -> Option<f64>, Reader) =
        match which {
            Which::Customers => (
                w.customers,
                "customers_end",
                |f| f.customers_end.map(Amount::to_f64),
                |app, v| app.format().count(Amount::from_int(v.round() as i64)),
            ),
            Which::ChurnRate => (
                w.churn_rate,
                "churn_rate",
                PeriodFigures::churn_rate,
                |app, v| app.format().percent(v),
            ),
            Which::ConversionRate => (
                w.conversion_rate,
                "conversion_rate",
                PeriodFigures::conversion_rate,
                |app, v| app.format().percent(v),
            ),
            Which::CostPerConversion => (
                w.cost_per_conversion,
                "cost_per_conversion",
                |f| f.cost_per_conversion().map(Amount::to_f64),
                |app, v| app.format().money(Amount::from_int(v.round() as i64)),
            ),
            Which::Segments | Which::Cohorts | Which::CohortRevenue => return None,
        };
    Some(Series {
        title,
        values: k.figures.iter().map(pick).collect(),
        target_key,
        read,
    })
}

fn render_chart(app: &App, k: &KpisTab, which: Which, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    match which {
        Which::Segments => render_segments(app, k, frame, area, t),
        Which::Cohorts => cohorts::render(app, k, Table::Retention, frame, area, t),
        Which::CohortRevenue => cohorts::render(app, k, Table::Revenue, frame, area, t),
        Which::Customers if area.height >= 14 => {
            let bars_h = area.height * 2 / 5;
            let [line, bars] =
                Layout::vertical([Constraint::Min(8), Constraint::Length(bars_h)]).areas(area);
            if let Some(s) = series(app, k, which) {
                render_line(app, k, &s, frame, line, t);
            }
            render_new_vs_churned(app, k, frame, bars, t);
        }
        _ => {
            if let Some(s) = series(app, k, which) {
                render_line(app, k, &s, frame, area, t);
            }
        }
    }
}

/// The markers of a line, its target, the selected period and a period
/// with notes, with how each reads in the legend. The target is drawn
/// with its own mark, never the line's: without colour the two would be
/// the same dots.
struct Markers {
    line: Marker,
    target: Marker,
    point: Marker,
    note: Marker,
    line_sample: &'static str,
    target_sample: &'static str,
    point_sample: &'static str,
}

fn markers(app: &App) -> Markers {
    if app.ascii {
        Markers {
            line: Marker::Custom('*'),
            target: Marker::Custom('='),
            point: Marker::Custom('o'),
            note: Marker::Custom('!'),
            line_sample: "*",
            target_sample: "=",
            point_sample: "o",
        }
    } else if app.config.braille {
        Markers {
            line: Marker::Braille,
            target: Marker::Custom('┄'),
            point: Marker::Dot,
            note: Marker::Custom('!'),
            line_sample: "⠒",
            target_sample: "┄",
            point_sample: "•",
        }
    } else {
        Markers {
            line: Marker::Dot,
            target: Marker::Custom('┄'),
            point: Marker::Block,
            note: Marker::Custom('!'),
            line_sample: "•",
            target_sample: "┄",
            point_sample: "█",
        }
    }
}

fn render_line(app: &App, k: &KpisTab, s: &Series, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let points: Vec<(f64, f64)> = s
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
        .collect();
    let block = Block::bordered().border_set(t.border());
    if points.is_empty() {
        let block = block.title(Span::styled(format!(" {} ", s.title), t.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new("—").style(t.dim()), inner);
        return;
    }
    let target = k.chart_target(s.target_key);
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
    let m = markers(app);
    // The selected period is the window's last; mark it where it has a value.
    let selected: Vec<(f64, f64)> = points
        .last()
        .filter(|p| p.0 == last)
        .copied()
        .into_iter()
        .collect();
    // A period still running stands apart: the line stops at the last
    // whole period, so a month counted to its 7th day is no cliff.
    let c = &k.compared.comparison;
    let line: &[(f64, f64)] = match points.split_last() {
        Some((p, rest)) if c.partial() && p.0 == last => rest,
        _ => &points,
    };
    let target_line: Vec<(f64, f64)> = target
        .map(|v| vec![(0.0, v), (last, v)])
        .unwrap_or_default();
    let noted: Vec<(f64, f64)> = k
        .window
        .iter()
        .enumerate()
        .filter(|(_, p)| k.notes_in(p).next().is_some())
        .map(|(i, _)| (i as f64, lo))
        .collect();
    let w = app.words();
    // The legend stands in the title, where it never covers the data.
    let head = Span::styled(format!(" {} {} ", m.line_sample, s.title), t.title());
    let mut legend = Vec::new();
    let mut entry = |sample: &str, style: Style, name: &str| {
        legend.push(vec![
            Span::styled(sample.to_string(), style),
            Span::raw(format!(" {name}  ")),
        ]);
    };
    let mut datasets = vec![
        Dataset::default()
            .marker(m.line)
            .graph_type(GraphType::Line)
            .style(t.title())
            .data(line),
    ];
    if !target_line.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(m.target)
                .graph_type(GraphType::Line)
                .style(t.good())
                .data(&target_line),
        );
    }
    if !selected.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(m.point)
                .graph_type(GraphType::Scatter)
                .style(t.key())
                .data(&selected),
        );
    }
    if !noted.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(m.note)
                .graph_type(GraphType::Scatter)
                .style(t.warning())
                .data(&noted),
        );
    }
    if !target_line.is_empty() {
        entry(m.target_sample, t.good(), w.target);
    }
    if !selected.is_empty() {
        let name = so_far(app, &k.period.label(), c.current.end, c.partial());
        let name = if c.partial() {
            format!("{name} ({})", w.compare.partial)
        } else {
            name
        };
        entry(m.point_sample, t.key(), &name);
    }
    if !noted.is_empty() {
        entry("!", t.warning(), w.notes);
    }
    let chart = Chart::new(datasets)
        .legend_position(None)
        .block(block.title(title_line(head, legend, titled(area))))
        .x_axis(
            Axis::default()
                .bounds([0.0, last.max(1.0)])
                .labels(x_labels(&k.window))
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels([
                    (s.read)(app, lo),
                    (s.read)(app, (lo + hi) / 2.0),
                    (s.read)(app, hi),
                ])
                .style(t.dim()),
        )
        .style(Style::new());
    frame.render_widget(chart, area);
}

/// The columns a bordered chart's title has: between its corners.
fn titled(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2))
}

/// A chart's title in `room` columns: its name, cut with an ellipsis only
/// when it alone does not fit, then whole legend items while they fit. An
/// item left out is said with "…": a count cut from 45 to 4 would read as
/// a figure.
fn title_line(head: Span<'static>, items: Vec<Vec<Span<'static>>>, room: usize) -> Line<'static> {
    const MORE: &str = "… ";
    let head_w = width(&head.content);
    // The name alone, with "…" for the items it leaves no room for.
    let alone = |head: Span<'static>, dropped: bool| {
        let name = head.content.trim_end();
        // The space before the name gives way before the name does.
        let name = if dropped && width(name) >= room {
            name.trim_start()
        } else {
            name
        };
        let text = match (dropped, width(name) < room) {
            (true, true) => format!("{name}…"),
            (true, false) => fit(name, room.saturating_sub(1)),
            (false, _) => fit(name, room),
        };
        Line::from(Span::styled(text, head.style))
    };
    if head_w > room {
        return alone(head, !items.is_empty());
    }
    let widths: Vec<usize> = items
        .iter()
        .map(|i| i.iter().map(|s| width(&s.content)).sum())
        .collect();
    // The last item's trailing gap may fall on the corner.
    let trail = |i: usize| {
        items[i]
            .last()
            .map_or(0, |s| width(&s.content) - width(s.content.trim_end()))
    };
    let mut shown = 0;
    let mut used = head_w;
    while shown < items.len() {
        let last = shown + 1 == items.len();
        let need = if last {
            widths[shown] - trail(shown)
        } else {
            widths[shown]
        };
        // Room for this item and, if more follow, for the "…" after it.
        let more = if last { 0 } else { width(MORE.trim_end()) };
        let fits_alone = used + need <= room;
        let rest_fits = last
            || used + widths[shown] + widths[shown + 1..].iter().sum::<usize>()
                - trail(items.len() - 1)
                <= room;
        if !fits_alone || (!rest_fits && used + need + more > room) {
            break;
        }
        used += widths[shown];
        shown += 1;
    }
    let cut = shown < items.len();
    // No item and no room for the "…" after the name: the name says it.
    if cut && shown == 0 && head_w + 1 > room {
        return alone(head, true);
    }
    let mut spans = vec![head];
    spans.extend(items.into_iter().take(shown).flatten());
    if cut {
        spans.push(Span::raw(MORE));
    }
    Line::from(spans)
}

/// The first, middle and last periods of the window.
fn x_labels(window: &[Period]) -> [String; 3] {
    let at = |i: usize| window.get(i).map(|p| p.label()).unwrap_or_default();
    [
        at(0),
        at(window.len() / 2),
        at(window.len().saturating_sub(1)),
    ]
}

/// "2026-10" → "10", "2026-W44" → "W44", "2026-Q4" → "Q4", "2026" → "2026".
fn short_label(p: &Period) -> String {
    let l = p.label();
    match l.split_once('-') {
        Some((_, rest)) => rest.to_string(),
        None => l,
    }
}

fn count_of(v: Option<Amount>) -> u64 {
    v.map_or(0, |a| a.to_f64().round().max(0.0) as u64)
}

/// New and churned customers per period as pairs of bars.
fn render_new_vs_churned(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let kw = &w.ui.kpi;
    let fmt = app.format();
    let current = k.figures.last();
    let bars = pair_marks(app.ascii);
    let show_count = |v: Option<Amount>| v.map_or_else(|| "—".to_string(), |a| fmt.count(a));
    let head = Span::styled(
        format!(
            " {} · {} ",
            kw.new_vs_churned,
            so_far(
                app,
                &k.period.label(),
                k.compared.comparison.current.end,
                k.compared.comparison.partial()
            )
        ),
        t.title(),
    );
    let items = vec![
        vec![Span::styled(
            format!(
                "{} {} {}  ",
                bars.new,
                kw.new,
                show_count(current.and_then(|f| f.new_customers))
            ),
            t.good(),
        )],
        vec![Span::styled(
            format!(
                "{} {} {} ",
                bars.churned,
                kw.churned,
                show_count(current.and_then(|f| f.churned_customers))
            ),
            t.warning(),
        )],
    ];
    let title = title_line(head, items, titled(area));
    let block = Block::bordered().border_set(t.border()).title(title);
    let inner = block.inner(area);
    let periods = k.window.len().max(1) as u16;
    // Two bars and a gap per period.
    let per_period = inner.width / periods;
    let bar_width = (per_period.saturating_sub(1) / 2).max(1);
    let mut chart = BarChart::default()
        .block(block)
        .bar_width(bar_width)
        .bar_gap(0)
        .group_gap(per_period.saturating_sub(2 * bar_width).max(1))
        .label_style(t.dim());
    if app.ascii {
        chart = chart.bar_set(ASCII_BARS);
    }
    for (p, f) in k.window.iter().zip(&k.figures) {
        let bar = |v: Option<Amount>, style: Style| {
            let b = Bar::default().value(count_of(v)).style(style);
            if bar_width < 3 { b.text_value("") } else { b }
        };
        let label = if p == &k.period {
            Line::styled(short_label(p), t.key())
        } else {
            Line::from(short_label(p))
        };
        chart = chart.data(BarGroup::default().label(label).bars(&[
            bar(f.new_customers, t.good()),
            bar(f.churned_customers, t.warning()),
        ]));
    }
    frame.render_widget(chart, area);
    // The chart draws every bar with one family of symbols; churned bars
    // get their own, top cells too, so the pair reads apart without colour.
    let set = if app.ascii {
        ASCII_BARS
    } else {
        bar::NINE_LEVELS
    };
    let step = 2 * bar_width + per_period.saturating_sub(2 * bar_width).max(1);
    let buf = frame.buffer_mut();
    let inner = inner.intersection(buf.area);
    for g in 0..periods {
        let from = inner
            .left()
            .saturating_add(g.saturating_mul(step))
            .saturating_add(bar_width);
        for x in from..from.saturating_add(bar_width).min(inner.right()) {
            for y in inner.top()..inner.bottom() {
                let cell = &mut buf[(x, y)];
                if let Some(own) = bars.churned_for(&set, cell.symbol()) {
                    cell.set_symbol(own);
                }
            }
        }
    }
}

/// The full marks of a new bar and a churned one, and the churned bar's
/// marks for a top cell filled above and below half.
struct PairMarks {
    new: &'static str,
    churned: &'static str,
    churned_high: &'static str,
    churned_low: &'static str,
}

impl PairMarks {
    /// The churned bar's mark in place of the new bar's `symbol` of `set`;
    /// `None` for what is no bar (blank, a value, a label).
    fn churned_for(&self, set: &bar::Set, symbol: &str) -> Option<&'static str> {
        if symbol == set.full {
            Some(self.churned)
        } else if [set.seven_eighths, set.three_quarters, set.five_eighths].contains(&symbol) {
            Some(self.churned_high)
        } else if [set.half, set.three_eighths, set.one_quarter, set.one_eighth].contains(&symbol) {
            Some(self.churned_low)
        } else {
            None
        }
    }
}

fn pair_marks(ascii: bool) -> PairMarks {
    if ascii {
        PairMarks {
            new: ASCII_BARS.full,
            churned: "x",
            churned_high: "~",
            churned_low: ",",
        }
    } else {
        PairMarks {
            new: bar::NINE_LEVELS.full,
            churned: "▒",
            churned_high: "▒",
            churned_low: "░",
        }
    }
}

/// Each segment's share of the customers at the end of the period, as a
/// bar, with its move in points since the period before.
fn render_segments(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let kw = &w.ui.kpi;
    let fmt = app.format();
    let c = &k.compared.comparison;
    // A running period's shares are of the days counted so far.
    let title = if c.partial() {
        crate::i18n::Format::fill(
            kw.structure_so_far,
            so_far(app, &k.period.label(), c.current.end, true),
        )
    } else {
        crate::i18n::Format::fill(kw.structure, k.period.label())
    };
    let block = Block::bordered().border_set(t.border()).title(title_line(
        Span::styled(format!(" {title} "), t.title()),
        Vec::new(),
        titled(area),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let note = match k.scope.dimension {
        Dimension::Total if k.segments.is_empty() => Some(kw.no_segments),
        Dimension::Total => None,
        _ => Some(kw.structure_whole_only),
    };
    if let Some(note) = note {
        frame.render_widget(Paragraph::new(fit(note, cols)).style(t.dim()), inner);
        return;
    }
    let before = compared_span(app, c);
    let name_w = k
        .segments
        .iter()
        .map(|s| width(&s.name))
        .max()
        .unwrap_or(0)
        .clamp(6, 32)
        .min(cols / 3);
    let count_w = 7;
    let pct_w = 7;
    let chg_w = 13;
    let bar_w = cols.saturating_sub(name_w + count_w + pct_w + chg_w + 4);
    let (full, empty) = if app.ascii {
        ("#", ".")
    } else {
        ("█", "░")
    };
    let mut lines = vec![Line::styled(
        fit(&crate::i18n::Format::fill(kw.share_vs, &before), cols),
        t.dim(),
    )];
    let room = (inner.height as usize).saturating_sub(1);
    let (listed, more) = if k.segments.len() > room {
        (
            room.saturating_sub(1),
            k.segments.len() - room.saturating_sub(1),
        )
    } else {
        (k.segments.len(), 0)
    };
    // The largest share fills the bar: small shares stay visible.
    let largest = k
        .segments
        .iter()
        .filter_map(|s| s.share)
        .fold(0.0, f64::max);
    for s in k.segments.iter().take(listed) {
        let filled = match s.share {
            Some(v) if largest > 0.0 => ((v / largest).clamp(0.0, 1.0) * bar_w as f64).round(),
            _ => 0.0,
        } as usize;
        let moved = s.moved().map_or_else(|| "—".to_string(), |m| fmt.points(m));
        let moved_style = if moved.starts_with('-') {
            t.soon()
        } else {
            t.base()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", pad(&fit(&s.name, name_w), name_w))),
            Span::styled(full.repeat(filled), t.title()),
            Span::styled(empty.repeat(bar_w - filled.min(bar_w)), t.dim()),
            Span::raw(format!(
                " {:>pct_w$}",
                s.share.map_or_else(|| "—".to_string(), |v| fmt.percent(v))
            )),
            Span::styled(format!(" {:>chg_w$}", moved), moved_style),
            Span::raw(format!(
                " {:>count_w$}",
                s.customers
                    .map_or_else(|| "—".to_string(), |a| fmt.count(a))
            )),
        ]));
    }
    if more > 0 {
        lines.push(Line::styled(
            crate::i18n::Format::fill(w.and_more, more),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod figure_column_tests {
    use super::*;

    #[test]
    fn changes_go_short_before_labels_are_cut_short_and_targets_come_last() {
        // 80 columns less one of margin; "Cost per conversion" is 19 wide.
        let en = figure_columns(
            80,
            Widest {
                label: 19,
                value: 16,
                change: [28, 20],
                target: 14,
            },
        );
        // In full: 19 + 1 + 16 + 2 + 28 + 2 + 14 = 82 > 79, so short
        // changes; then 19 + 1 + 16 + 2 + 20 + 2 + 14 = 74 fits whole.
        assert_eq!(
            (en.label, en.value, en.change, en.target, en.short),
            (19, 16, 20, 14, 1)
        );
        // Vietnamese labels up to 39 wide keep 22 columns; the target
        // column has the 79 − (22 + 1 + 17 + 2 + 20 + 2) = 15 left.
        let vi = figure_columns(
            80,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!((vi.label, vi.change, vi.target, vi.short), (22, 20, 15, 1));
        // Wide: everything whole, changes in full.
        let wide = figure_columns(
            160,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!(
            (wide.label, wide.change, wide.target, wide.short),
            (39, 30, 18, 0)
        );
        // A terminal too narrow for anything: no panic, nothing negative.
        let tiny = figure_columns(
            3,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!((tiny.label, tiny.target), (22, 0));
    }
}
