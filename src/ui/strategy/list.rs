//! The Strategy tab's list of the selected section: objectives with
//! their progress, and each other kind's rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{WITH_FORECAST, budget_forecast, status_style};
use crate::app::App;
use crate::app::strategy::{Section, StrategyTab};
use crate::metrics::pacing::Pace;
use crate::report::forecast;
use crate::scoreboard::Column;
use crate::text::{fit, pad, width};
use crate::ui::Theme;
use crate::ui::scoreboard::pace_style;

/// A bar of `n` cells filled by `done` (0..=1), with `|` where time says
/// it should be.
pub(super) fn progress_bar(done: Option<f64>, elapsed: f64, n: usize, ascii: bool) -> String {
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
            let against = crate::ui::kpis::against(app, &s.shares_against);
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
        Section::Channels => rows.extend(crate::ui::channels::rows(app, s, cols, t)),
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

pub(super) fn render_list(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let cols = area.width as usize;
    let rows = list_rows(app, s, cols, t);
    let selected = s.selected();
    let at = rows
        .iter()
        .position(|(i, _)| *i == Some(selected))
        .unwrap_or(0);
    let height = area.height as usize;
    let skip = first_shown(at, height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(skip)
        .take(height)
        .map(|(i, l)| {
            let l = crate::ui::fit_line(l, cols);
            if i == Some(selected) {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The first of the list's rows drawn on `height` rows, the selected one
/// (at row `at`) kept on the last row at most.
fn first_shown(at: usize, height: usize) -> usize {
    at.saturating_sub(height.saturating_sub(1))
}

/// The item of the list drawn on `area` at screen row `y`, by its place
/// in the section: what a click there selects. A heading is none.
pub(in crate::ui) fn item_at(
    app: &App,
    s: &StrategyTab,
    area: Rect,
    t: Theme,
    y: u16,
) -> Option<usize> {
    let rows = list_rows(app, s, area.width as usize, t);
    let at = rows
        .iter()
        .position(|(i, _)| *i == Some(s.selected()))
        .unwrap_or(0);
    let skip = first_shown(at, area.height as usize);
    let row = skip + usize::from(y.checked_sub(area.y)?);
    rows.get(row).and_then(|(i, _)| *i)
}
