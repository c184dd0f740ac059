//! The Strategy tab's detail of the selected item, and procedures'
//! steps as wrapped text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::list::progress_bar;
use super::{budget_forecast, status_style};
use crate::app::App;
use crate::app::strategy::{Section, StrategyTab};
use crate::i18n::Format;
use crate::metrics::forecast::Outlook;
use crate::metrics::kpi::metric_label;
use crate::report::forecast;
use crate::report::text::in_unit;
use crate::scoreboard::Column;
use crate::text::fit;
use crate::ui::Theme;

/// Where an objective's pace leads, the day it reaches its target and
/// what it needs from now; or why nothing is projected.
fn forecast_line(fmt: Format, o: &crate::analysis::ObjectiveState) -> Line<'static> {
    let w = &fmt.words().forecast;
    let cells = forecast::objective(fmt, o);
    let text = if o.forecast.outlook == Outlook::Projected {
        cells.join(" · ")
    } else {
        w.outlook(o.forecast.outlook).to_string()
    };
    field(w.at_this_pace, text)
}

/// "Label: value" lines for the detail pane.
fn field(label: &str, value: String) -> Line<'static> {
    Line::raw(format!("{label}: {value}"))
}

pub(super) fn render_detail(
    app: &App,
    s: &StrategyTab,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
    let words = app.words();
    let w = &words.ui.strategy;
    let fmt = app.format();
    let i = s.selected();
    let or_dash = |v: &str| {
        if v.trim().is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    let (title, lines): (String, Vec<Line>) = match s.section {
        Section::Objectives => {
            let Some(o) = s.objectives.get(i) else { return };
            let ob = &o.objective;
            let st = o.progress.status;
            let current = o
                .current
                .map(|v| in_unit(fmt, o.unit, v))
                .unwrap_or_else(|| "—".into());
            (
                ob.title.clone(),
                vec![
                    Line::from(vec![
                        Span::styled(words.objective_status(st).to_string(), status_style(st, t)),
                        Span::raw(format!(
                            " · {} {}",
                            o.progress
                                .done
                                .map(|d| fmt.percent(d))
                                .unwrap_or_else(|| "—".into()),
                            progress_bar(o.progress.done, o.progress.elapsed, 12, app.ascii)
                        )),
                    ]),
                    forecast_line(fmt, o),
                    field(
                        words.metric,
                        format!(
                            "{} ({})",
                            metric_label(&ob.metric, words),
                            w.direction(ob.direction)
                        ),
                    ),
                    field(
                        w.baseline,
                        format!(
                            "{} → {} {}",
                            in_unit(fmt, o.unit, ob.baseline),
                            words.target,
                            in_unit(fmt, o.unit, ob.target)
                        ),
                    ),
                    field(words.now, current),
                    field(
                        w.start,
                        format!(
                            "{} · {} {}",
                            fmt.date(ob.start),
                            w.deadline,
                            fmt.date(ob.deadline)
                        ),
                    ),
                    Line::styled(
                        Format::fill(
                            if o.kind == crate::domain::MetricKind::Counter
                                && ob.direction == crate::domain::Direction::Decrease
                            {
                                w.expected_ceiling
                            } else {
                                w.expected
                            },
                            fmt.percent(o.progress.elapsed),
                        ),
                        t.dim(),
                    ),
                ],
            )
        }
        Section::Segments => {
            let Some(l) = s.segments.get(i) else { return };
            let g = &l.segment;
            let customers = l.share.as_ref().and_then(|x| x.customers);
            let reach = l.of_market().map_or_else(String::new, |r| {
                format!(" ({})", Format::fill(w.of_market, fmt.percent(r)))
            });
            (
                g.name.clone(),
                vec![
                    field(
                        words.customers,
                        format!(
                            "{}{reach} · {}",
                            customers
                                .map(|c| fmt.count(c))
                                .unwrap_or_else(|| "—".into()),
                            Format::fill(w.this_month, s.month.label())
                        ),
                    ),
                    field(
                        w.market_size,
                        g.market_size
                            .map(|m| fmt.count(crate::domain::Amount::from_int(m)))
                            .unwrap_or_else(|| "—".into()),
                    ),
                    field(w.description, or_dash(&g.description)),
                    field(w.demographics, or_dash(&g.demographics)),
                    field(w.needs, or_dash(&g.needs)),
                    field(w.habits, or_dash(&g.habits)),
                ],
            )
        }
        Section::Channels => {
            let Some(l) = s.channels.get(i) else { return };
            let c = &l.channel;
            let [figures_a, figures_b] = crate::ui::channels::detail_lines(app, &l.month);
            (
                c.name.clone(),
                vec![
                    field(
                        w.kind,
                        format!(
                            "{} · {}",
                            w.channel_kind(c.kind),
                            if c.active { w.active } else { w.inactive }
                        ),
                    ),
                    field(w.reaches, or_dash(&l.reaches.join(", "))),
                    Line::styled(Format::fill(w.this_month, s.month.label()), t.dim()),
                    figures_a,
                    figures_b,
                    field(w.description, or_dash(&c.description)),
                ],
            )
        }
        Section::Resources => {
            let nb = s.budgets.len();
            let np = s.people.len();
            if let Some(b) = s.budgets.get(i) {
                (
                    b.budget.period.clone(),
                    vec![
                        field(w.planned, fmt.money(b.budget.amount)),
                        field(
                            words.ui.plan.columns[Column::Spent.index()],
                            b.spent.map(|a| fmt.money(a)).unwrap_or_else(|| "—".into()),
                        ),
                        field(
                            words.ui.plan.columns[Column::Pace.index()],
                            b.pace.map_or_else(
                                || "—".into(),
                                |p| crate::ui::scoreboard::pace_text(&words.ui.plan, p),
                            ),
                        ),
                        field(words.forecast.at_this_pace, budget_forecast(fmt, b, true)),
                        Line::raw(or_dash(&b.budget.note)),
                    ],
                )
            } else if let Some(p) = i.checked_sub(nb).and_then(|j| s.people.get(j)) {
                (
                    p.name.clone(),
                    vec![
                        field(w.role, or_dash(&p.role)),
                        field(w.contact, or_dash(&p.contact)),
                    ],
                )
            } else if let Some(tool) = i.checked_sub(nb + np).and_then(|j| s.tools.get(j)) {
                (
                    tool.name.clone(),
                    vec![field(w.purpose, or_dash(&tool.purpose))],
                )
            } else {
                return;
            }
        }
        Section::Procedures => {
            let Some((p, owner)) = s.procedures.get(i) else {
                return;
            };
            let mut lines = vec![field(w.owner, owner.clone().unwrap_or_else(|| "—".into()))];
            lines.extend(p.steps.lines().map(|l| Line::raw(l.to_string())));
            (p.title.clone(), lines)
        }
        Section::Message => return,
    };
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {} ", fit(&title, 40)), t.title()));
    let scroll = if s.section == Section::Procedures {
        s.steps_scroll
    } else {
        0
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}
