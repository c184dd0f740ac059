//! The Strategy tab: a bar of its six sections, the selected section's
//! list, and the selected item's detail beside it (from 120 columns) or
//! under it. The message reads as wrapped text, procedures' steps too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use super::scoreboard::pace_style;
use crate::app::strategy::{Section, StrategyTab};
use crate::app::{Action, App, Context};
use crate::i18n::Format;
use crate::metrics::forecast::Outlook;
use crate::metrics::kpi::metric_label;
use crate::metrics::objective::ObjectiveStatus;
use crate::metrics::pacing::Pace;
use crate::report::forecast;
use crate::report::text::in_unit;
use crate::scoreboard::Column;
use crate::text::{fit, pad, width};

const SIDE_BY_SIDE: u16 = 120;
/// From how many columns the objective list shows each forecast.
const WITH_FORECAST: usize = 100;
const DETAIL_WIDTH: u16 = 50;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let Some(s) = &app.strategy else {
        return;
    };
    let [bar, body] = bar_and_body(area);
    render_sections(app, s, frame, bar, t);
    match s.section {
        Section::Message => return render_message(app, s, frame, body, t),
        _ if s.len(s.section) == 0 => return render_empty(app, s, frame, body, t),
        _ => {}
    }
    let (list, detail) = list_and_detail(s, body);
    render_list(app, s, frame, list, t);
    if let Some(d) = detail {
        render_detail(app, s, frame, d, t);
    }
}

/// An empty section: what it is for and the key that adds to it, then
/// the workflow's checklist.
fn render_empty(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let key = app
        .keymap
        .key_text(Context::Strategy, Action::Add)
        .unwrap_or_default();
    let what = app.words().ui.guide.sections_empty[s.section.index()];
    let mut lines = vec![Line::raw(Format::fill(what, key)), Line::default()];
    lines.extend(super::checklist::lines(app, &s.workflow, t));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn bar_and_body(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
}

/// Where the list and the detail go under the sections' bar.
fn list_and_detail(s: &StrategyTab, body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= SIDE_BY_SIDE {
        let [a, b] =
            Layout::horizontal([Constraint::Min(50), Constraint::Length(DETAIL_WIDTH)]).areas(body);
        (a, Some(b))
    } else if body.height >= 16 {
        let rows = if s.section == Section::Procedures {
            body.height / 2
        } else {
            8
        };
        let [a, b] = Layout::vertical([Constraint::Min(4), Constraint::Length(rows)]).areas(body);
        (a, Some(b))
    } else {
        (body, None)
    }
}

/// Where the selected section's list goes on the tab's `area`.
pub(super) fn list_area(s: &StrategyTab, area: Rect) -> Rect {
    let [_, body] = bar_and_body(area);
    list_and_detail(s, body).0
}

fn render_sections(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.strategy;
    let mut spans = Vec::new();
    for (i, name) in w.sections.iter().enumerate() {
        let style = if i == s.section.index() {
            t.active_tab()
        } else {
            t.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    frame.render_widget(Line::from(spans), area);
}

fn status_style(st: ObjectiveStatus, t: Theme) -> Style {
    match st {
        ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
        ObjectiveStatus::AtRisk => t.soon(),
        ObjectiveStatus::Missed => t.warning(),
        ObjectiveStatus::NoData => t.dim(),
    }
}

/// A bar of `n` cells filled by `done` (0..=1), with `|` where time says
/// it should be.
fn progress_bar(done: Option<f64>, elapsed: f64, n: usize, ascii: bool) -> String {
    let (full, empty) = if ascii { ('#', '.') } else { ('█', '░') };
    let filled = (done.unwrap_or(0.0).clamp(0.0, 1.0) * n as f64).round() as usize;
    let mark = ((elapsed.clamp(0.0, 1.0) * n as f64).round() as usize).min(n.saturating_sub(1));
    (0..n)
        .map(|i| {
            if i == mark && i >= filled {
                '|'
            } else if i < filled {
                full
            } else {
                empty
            }
        })
        .collect()
}

/// The rows of the selected section's list, with the index each row
/// stands for (headings stand for none).
fn list_rows(
    app: &App,
    s: &StrategyTab,
    cols: usize,
    t: Theme,
) -> Vec<(Option<usize>, Line<'static>)> {
    let words = app.words();
    let w = &words.ui.strategy;
    let fmt = app.format();
    let dash = || "—".to_string();
    let mut rows = Vec::new();
    match s.section {
        Section::Objectives => {
            // Each column as wide as its widest word in the locale, one
            // space between: a status never runs into the date.
            let status_w = words
                .objective_statuses
                .iter()
                .map(|x| width(x))
                .max()
                .unwrap_or(0);
            let date_w = width(&fmt.date(s.month.start));
            let summaries: Vec<String> = s
                .objectives
                .iter()
                .map(|o| forecast::summary(fmt, o))
                .collect();
            // The forecast beside the deadline where the list is wide.
            let forecast_w = if cols >= WITH_FORECAST {
                summaries
                    .iter()
                    .map(|x| width(x))
                    .max()
                    .unwrap_or(0)
                    .min(36)
            } else {
                0
            };
            let fixed = 12 + 8 + status_w + 1 + date_w + forecast_w.min(1) + forecast_w;
            // One column spare: the forecast never touches the detail beside.
            let title_w = cols.saturating_sub(fixed + forecast_w.min(1)).max(10);
            let mut heading = format!(
                "{}{:>7} {} {}",
                pad("", title_w + 12),
                "",
                pad(words.status, status_w),
                pad(w.deadline, date_w)
            );
            if forecast_w > 0 {
                heading.push(' ');
                heading.push_str(&fit(words.forecast.columns[0], forecast_w));
            }
            rows.push((None, Line::styled(heading, t.dim())));
            for (i, (o, summary)) in s.objectives.iter().zip(&summaries).enumerate() {
                let st = o.progress.status;
                let done = o.progress.done.map(|d| fmt.percent(d)).unwrap_or_else(dash);
                let mut spans = vec![
                    Span::raw(pad(&fit(&o.objective.title, title_w), title_w)),
                    Span::styled(
                        format!(
                            " {} ",
                            progress_bar(o.progress.done, o.progress.elapsed, 10, app.ascii)
                        ),
                        status_style(st, t),
                    ),
                    Span::raw(format!("{:>7} ", done)),
                    Span::styled(
                        pad(words.objective_status(st), status_w),
                        status_style(st, t),
                    ),
                    Span::styled(
                        format!(" {}", pad(&fmt.date(o.objective.deadline), date_w)),
                        t.dim(),
                    ),
                ];
                if forecast_w > 0 {
                    spans.push(Span::raw(format!(" {}", fit(summary, forecast_w))));
                }
                rows.push((Some(i), Line::from(spans)));
            }
        }
        Section::Segments => {
            // The moves are against the same days as on the KPIs tab,
            // under the same heading.
            let against = super::kpis::against(app, &s.shares_against);
            let chg_w = width(&against).max(13);
            let name_w = cols.saturating_sub(18 + chg_w).clamp(10, 30);
            rows.push((
                None,
                Line::styled(
                    format!(
                        "{} {:>8} {:>7} {}",
                        pad("", name_w),
                        fit(words.customers, 8),
                        fit(w.share, 7),
                        fit(&against, chg_w)
                    ),
                    t.dim(),
                ),
            ));
            for (i, l) in s.segments.iter().enumerate() {
                let sh = l.share.as_ref();
                let moved = sh
                    .and_then(|x| x.moved())
                    .map_or_else(dash, |m| fmt.points(m));
                rows.push((
                    Some(i),
                    Line::from(vec![
                        Span::raw(pad(&fit(&l.segment.name, name_w), name_w)),
                        Span::raw(format!(
                            " {:>8}",
                            sh.and_then(|x| x.customers)
                                .map(|c| fmt.count(c))
                                .unwrap_or_else(dash)
                        )),
                        Span::raw(format!(
                            " {:>7}",
                            sh.and_then(|x| x.share)
                                .map(|v| fmt.percent(v))
                                .unwrap_or_else(dash)
                        )),
                        Span::styled(
                            format!(" {moved:>chg_w$}"),
                            if moved.starts_with('-') {
                                t.soon()
                            } else {
                                t.dim()
                            },
                        ),
                    ]),
                ));
            }
        }
        Section::Channels => rows.extend(super::channels::rows(app, s, cols, t)),
        Section::Resources => {
            let mut i = 0;
            // The scoreboard's headings, and its share used after the
            // pace's mark, so that over budget reads the same in both.
            let columns = &words.ui.plan.columns;
            rows.push((
                None,
                Line::from(vec![
                    Span::styled(pad(w.budgets, 9), t.heading()),
                    Span::styled(
                        format!(
                            " {:>16} {:>16} {:>9} {}",
                            fit(w.planned, 16),
                            fit(columns[Column::Spent.index()], 16),
                            fit(columns[Column::Used.index()], 9),
                            words.forecast.columns[4]
                        ),
                        t.dim(),
                    ),
                ]),
            ));
            for b in &s.budgets {
                let mark = b.pace.and_then(Pace::mark).unwrap_or(' ');
                let used = b
                    .spent
                    .and_then(|x| x.ratio(b.budget.amount))
                    .map(|r| format!("{mark} {}", fmt.percent(r)))
                    .unwrap_or_else(dash);
                let pace = b.pace.map_or_else(|| t.base(), |p| pace_style(p, t));
                let runs_out = budget_forecast(fmt, b, false);
                rows.push((
                    Some(i),
                    Line::from(vec![
                        Span::raw(format!(
                            "{} {:>16} {:>16} ",
                            pad(&b.budget.period, 9),
                            fmt.money(b.budget.amount),
                            b.spent.map(|a| fmt.money(a)).unwrap_or_else(dash),
                        )),
                        Span::styled(format!("{used:>9}"), pace),
                        Span::raw(if runs_out.is_empty() {
                            String::new()
                        } else {
                            format!(" {runs_out}")
                        }),
                    ]),
                ));
                i += 1;
            }
            rows.push((None, Line::styled(w.people.to_string(), t.heading())));
            for p in &s.people {
                rows.push((
                    Some(i),
                    Line::raw(format!(
                        "{} {} {}",
                        pad(&p.name, 22),
                        pad(&p.role, 22),
                        p.contact
                    )),
                ));
                i += 1;
            }
            rows.push((None, Line::styled(w.tools.to_string(), t.heading())));
            for tool in &s.tools {
                rows.push((
                    Some(i),
                    Line::raw(format!("{} {}", pad(&tool.name, 22), tool.purpose)),
                ));
                i += 1;
            }
        }
        Section::Procedures => {
            for (i, (p, owner)) in s.procedures.iter().enumerate() {
                rows.push((
                    Some(i),
                    Line::from(vec![
                        Span::raw(pad(&p.title, cols.saturating_sub(24).max(10))),
                        Span::styled(format!(" {}", owner.as_deref().unwrap_or("—")), t.dim()),
                    ]),
                ));
            }
        }
        Section::Message => {}
    }
    rows
}

fn render_list(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let cols = area.width as usize;
    let rows = list_rows(app, s, cols, t);
    let selected = s.selected();
    let at = rows
        .iter()
        .position(|(i, _)| *i == Some(selected))
        .unwrap_or(0);
    let height = area.height as usize;
    let skip = at.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(skip)
        .take(height)
        .map(|(i, l)| {
            let l = super::fit_line(l, cols);
            if i == Some(selected) {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

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

/// When a budget runs out at the current pace: the day (or that it
/// lasts), with where its spend lands in the detail; the outlook where it
/// says something (over, too early); nothing for past and future periods.
fn budget_forecast(fmt: Format, b: &crate::app::strategy::BudgetLine, detail: bool) -> String {
    let f = &b.forecast;
    match f.outlook {
        Outlook::Projected => {
            let [lands, day] = forecast::budget(fmt, f);
            if detail {
                format!("{lands} · {day}")
            } else {
                day
            }
        }
        Outlook::Exceeded | Outlook::TooEarly => fmt.words().forecast.outlook(f.outlook).into(),
        _ if detail => "—".into(),
        _ => String::new(),
    }
}

/// "Label: value" lines for the detail pane.
fn field(label: &str, value: String) -> Line<'static> {
    Line::raw(format!("{label}: {value}"))
}

fn render_detail(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
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
            let [figures_a, figures_b] = super::channels::detail_lines(app, &l.month);
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
                                |p| super::scoreboard::pace_text(&words.ui.plan, p),
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

fn render_message(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.strategy;
    let heading = |i: usize| {
        if s.selected() == i {
            t.heading().patch(t.selected())
        } else {
            t.heading()
        }
    };
    let mut lines = vec![Line::styled(w.brand_message.to_string(), heading(0))];
    let text = |v: &str| -> Vec<Line<'static>> {
        if v.trim().is_empty() {
            vec![Line::styled(w.empty.to_string(), t.dim())]
        } else {
            v.lines().map(|l| Line::raw(l.to_string())).collect()
        }
    };
    lines.extend(text(&s.message.brand_message));
    lines.push(Line::default());
    lines.push(Line::styled(w.positioning.to_string(), heading(1)));
    lines.extend(text(&s.message.positioning));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
