//! Drawing the charts: a line over the window, new against churned
//! customers, the segments' shares.

use super::*;

pub(super) fn render_chart(
    app: &App,
    k: &KpisTab,
    which: Which,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
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

pub(super) fn render_line(
    app: &App,
    k: &KpisTab,
    s: &Series,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
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

/// New and churned customers per period as pairs of bars.
pub(super) fn render_new_vs_churned(
    app: &App,
    k: &KpisTab,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
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
pub(super) struct PairMarks {
    pub(super) new: &'static str,
    pub(super) churned: &'static str,
    pub(super) churned_high: &'static str,
    pub(super) churned_low: &'static str,
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

pub(super) fn pair_marks(ascii: bool) -> PairMarks {
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
pub(super) fn render_segments(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
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
