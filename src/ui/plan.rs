//! The Plan tab: campaigns as bars on a calendar (a day or three days per
//! column, today marked), the selected campaign's detail beside or under
//! it, or each person's open tasks over the coming weeks.

use chrono::{Datelike, Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use crate::app::App;
use crate::app::plan::{CampaignRow, PlanTab, PlanView, Stage, Zoom};
use crate::domain::CampaignStatus;
use crate::i18n::Format;
use crate::scoreboard::Column;
use crate::taskview::workload::overload_threshold;
use crate::text::{fit, pad};

/// Widths from which the detail stands beside the timeline.
const SIDE_BY_SIDE: u16 = 120;
/// The detail's width beside the timeline: a third of the screen, within
/// what its lines need.
fn detail_width(total: u16) -> u16 {
    (total / 3).clamp(46, 64)
}
/// Rows the detail takes under the timeline at narrow widths.
const DETAIL_ROWS: u16 = 11;

/// Where the timeline (or the scoreboard) goes in the tab's `body`, and
/// the timeline's name column.
struct Areas {
    timeline: Rect,
    detail: Option<Rect>,
    name_w: u16,
}

fn areas(body: Rect) -> Areas {
    let [_, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
    let (timeline, detail) = if body.width >= SIDE_BY_SIDE {
        let [a, b] = Layout::horizontal([
            Constraint::Min(40),
            Constraint::Length(detail_width(body.width)),
        ])
        .areas(main);
        (a, Some(b))
    } else if main.height >= DETAIL_ROWS + 6 {
        let [a, b] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(DETAIL_ROWS)]).areas(main);
        (a, Some(b))
    } else {
        (main, None)
    };
    Areas {
        timeline,
        detail,
        name_w: (timeline.width / 4).clamp(8, 28),
    }
}

/// Where the scoreboard's table goes in the tab's `body`: the timeline's
/// place.
pub(super) fn table_area(body: Rect) -> Rect {
    areas(body).timeline
}

/// The timeline's columns and campaign rows on a tab body of `body`: the
/// update logic keeps the selection among what is shown.
pub fn timeline_fit(body: Rect) -> (usize, usize) {
    let a = areas(body);
    (
        a.timeline.width.saturating_sub(a.name_w + 1) as usize,
        a.timeline.height.saturating_sub(1) as usize,
    )
}

/// The campaign at `at` on the tab drawn on `area`, by its place among
/// those the selection moves through: a row of the timeline or of the
/// scoreboard; none on the workload, a heading or the detail.
pub(super) fn campaign_at(p: &PlanTab, area: Rect, at: ratatui::layout::Position) -> Option<usize> {
    let a = areas(area);
    let rows = a.timeline;
    if !rows.contains(at) {
        return None;
    }
    // The first row of both is their headings (the axis, the columns).
    let row = usize::from(at.y.checked_sub(rows.y)?.checked_sub(1)?);
    let (cols, room) = timeline_fit(area);
    let (first, count, room) = match p.view {
        PlanView::Workload => return None,
        PlanView::Timeline => (p.offset, p.visible(cols).len(), room),
        PlanView::Scoreboard => {
            let board = p.board();
            let room = usize::from(rows.height).saturating_sub(2).max(1);
            (
                super::scoreboard::first_row(p, &board, room),
                board.len(),
                room,
            )
        }
    };
    let i = first + row;
    (row < room && i < count).then_some(i)
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let Some(p) = &app.plan else {
        return;
    };
    let a = areas(area);
    let (cols, rows) = timeline_fit(area);
    let head = Rect { height: 1, ..area };
    let w = &app.words().ui.plan;
    let fmt = app.format();
    let zoom = match p.zoom {
        Zoom::Week => w.zooms[0],
        Zoom::Month => w.zooms[1],
    };
    let text = match p.view {
        PlanView::Timeline => format!(
            "{} ({zoom}) · {} {}",
            Format::fill_all(w.span, &[&fmt.date(p.from), &fmt.date(p.until(cols))]),
            t.separator(),
            w.today
        ),
        PlanView::Workload => w.workload.to_string(),
        PlanView::Scoreboard => super::scoreboard::heading(app, p),
    };
    frame.render_widget(
        Span::styled(fit(&text, area.width as usize), t.heading()),
        head,
    );
    match p.view {
        PlanView::Workload => {
            let body = Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            };
            render_workload(app, p, frame, body, t);
        }
        PlanView::Timeline => {
            render_timeline(app, p, frame, a.timeline, a.name_w, (cols, rows), t);
            if let Some(d) = a.detail {
                render_detail(app, p, frame, d, t);
            }
        }
        PlanView::Scoreboard => {
            super::scoreboard::render(app, p, frame, a.timeline, t);
            if let Some(d) = a.detail {
                render_detail(app, p, frame, d, t);
            }
        }
    }
}

/// The days a column holds.
fn column_days(p: &PlanTab, i: usize) -> (NaiveDate, NaiveDate) {
    let per = p.zoom.days_per_column();
    let start = p
        .from
        .checked_add_days(Days::new(i as u64 * per))
        .unwrap_or(p.from);
    let end = start.checked_add_days(Days::new(per - 1)).unwrap_or(start);
    (start, end)
}

/// A short date for the axis: "16/11" or "Nov 16"; a month "11/2026" or
/// "Nov 2026".
fn axis_label(app: &App, day: NaiveDate, month: bool) -> String {
    let vi = app.config.locale == crate::i18n::Locale::Vi;
    let pattern = match (month, vi) {
        (false, true) => "%d/%m",
        (false, false) => "%b %d",
        (true, true) => "%m/%Y",
        (true, false) => "%b %Y",
    };
    day.format(pattern).to_string()
}

pub fn status_style(s: CampaignStatus, t: Theme) -> Style {
    match s {
        CampaignStatus::Planned => t.title(),
        CampaignStatus::Active => t.good(),
        CampaignStatus::Paused => t.soon(),
        CampaignStatus::Done | CampaignStatus::Cancelled => t.dim(),
    }
}

fn render_timeline(
    app: &App,
    p: &PlanTab,
    frame: &mut Frame<'_>,
    area: Rect,
    name_w: u16,
    (cols, rows): (usize, usize),
    t: Theme,
) {
    if area.height == 0 || cols == 0 {
        return;
    }
    let w = &app.words().ui.plan;
    let today = app.today;
    let days: Vec<(NaiveDate, NaiveDate)> = (0..cols).map(|i| column_days(p, i)).collect();
    let today_col = days.iter().position(|(a, b)| *a <= today && today <= *b);
    // The axis: a label where a week (or a month) starts.
    let mut axis: Vec<char> = vec![' '; cols];
    let mut i = 0;
    while i < cols {
        let (a, b) = days[i];
        let starts = match p.zoom {
            Zoom::Week => a.weekday() == app.config.week_start,
            Zoom::Month => a.day() == 1 || (a.month() != b.month()),
        };
        if starts {
            let label = match p.zoom {
                Zoom::Week => axis_label(app, a, false),
                Zoom::Month => axis_label(app, b.with_day(1).unwrap_or(b), true),
            };
            let chars: Vec<char> = label.chars().collect();
            if i + chars.len() < cols {
                axis[i..i + chars.len()].copy_from_slice(&chars);
                i += chars.len() + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(name_w as usize + 1)),
        Span::styled(axis.iter().collect::<String>(), t.dim()),
    ])];
    let visible = p.visible(cols);
    if visible.is_empty() {
        let text = if p.campaigns.is_empty() {
            let key = app
                .keymap
                .key_text(crate::app::Context::Plan, crate::app::Action::Add)
                .unwrap_or_default();
            Format::fill(app.words().ui.guide.plan_empty, key)
        } else {
            Format::fill_all(
                w.none_in_span,
                &[
                    &app.format().date(p.from),
                    &app.format().date(p.until(cols)),
                ],
            )
        };
        let cols = area.width as usize;
        lines.extend(
            crate::text::wrap(&text, cols)
                .into_iter()
                .map(|l| Line::styled(fit(&l, cols), t.dim())),
        );
    }
    let (bar, cut, gone, mark) = if app.ascii {
        ("#", "-", "-", "|")
    } else {
        ("█", "─", "─", "│")
    };
    for row in visible.iter().skip(p.offset).take(rows) {
        let c = &row.campaign;
        let pace = row.score.pacing.pace;
        // An over-budget or off-pace bar carries its mark on its first
        // cell shown, in the pace's colour.
        let mut mark_at = pace
            .mark()
            .and_then(|_| days.iter().position(|(a, b)| c.start <= *b && c.end >= *a));
        let selected = p.selected == Some(c.id);
        let style = status_style(c.status, t);
        let name_style = if selected { t.selected() } else { style };
        let mut spans = vec![
            Span::styled(
                pad(&fit(&c.name, name_w as usize), name_w as usize),
                name_style,
            ),
            Span::raw(" "),
        ];
        for (i, (a, b)) in days.iter().enumerate() {
            let on = c.start <= *b && c.end >= *a;
            let (sym, st) = if on {
                let sym = if i == 0 && c.start < *a {
                    "<"
                } else if i + 1 == cols && c.end > *b {
                    ">"
                } else if c.status == CampaignStatus::Cancelled {
                    gone
                } else {
                    bar
                };
                let st = if selected {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                };
                (sym, st)
            } else if Some(i) == today_col {
                (mark, t.soon())
            } else if selected {
                (cut, t.dim())
            } else {
                (" ", t.base())
            };
            if mark_at == Some(i)
                && let Some(m) = pace.mark()
            {
                mark_at = None;
                spans.push(Span::styled(
                    m.to_string(),
                    super::scoreboard::pace_style(pace, t).add_modifier(Modifier::BOLD),
                ));
                continue;
            }
            spans.push(Span::styled(sym, st));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_detail(app: &App, p: &PlanTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let block = Block::bordered().border_set(t.border());
    let Some(row) = p.selected_row() else {
        frame.render_widget(block, area);
        return;
    };
    let c = &row.campaign;
    let block = block.title(Span::styled(format!(" {} ", c.name), t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = detail_lines(app, p, row, t);
    let cols = inner.width as usize;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| super::fit_line(l, cols))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail_lines(app: &App, p: &PlanTab, row: &CampaignRow, t: Theme) -> Vec<Line<'static>> {
    let w = &app.words().ui.plan;
    let fmt = app.format();
    let c = &row.campaign;
    let when = match row.stage(app.today) {
        Stage::Ended => Format::fill(w.ended, fmt.date(c.end)),
        Stage::StartsIn(n) => Format::fill(w.starts_in, n),
        Stage::Running { days, left } => Format::fill_all(w.days_left, &[&days, &left]),
    };
    let named = |label: &str, v: &Option<String>| -> Span<'static> {
        Span::raw(format!("{label}: {}", v.as_deref().unwrap_or("—")))
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(w.status(c.status).to_string(), status_style(c.status, t)),
            Span::raw(" · "),
            named(w.owner, &row.owner),
        ]),
        Line::raw(format!(
            "{} – {} · {when}",
            fmt.date(c.start),
            fmt.date(c.end)
        )),
        Line::from(named(w.objective, &row.objective)),
        Line::from(vec![
            named(w.segment, &row.segment),
            Span::raw(" · "),
            named(w.channel, &row.channel),
        ]),
    ];
    if let Some(pace) = &p.pacing {
        let used = pace
            .used
            .map(|u| format!(" ({})", fmt.percent(u)))
            .unwrap_or_default();
        lines.push(Line::raw(format!(
            "{} {} · {} {}{used}",
            w.budget,
            fmt.money(pace.budget),
            w.spent,
            fmt.money(pace.spent)
        )));
        lines.push(Line::from(vec![
            Span::styled(
                super::scoreboard::pace_text(w, pace.pace),
                super::scoreboard::pace_style(pace.pace, t),
            ),
            Span::raw(" · "),
            Span::styled(
                Format::fill(w.allowance, fmt.money(pace.allowance)),
                t.dim(),
            ),
        ]));
    }
    let cells = |a: Column, b: Column| {
        Line::raw(format!(
            "{} {} · {} {}",
            w.columns[a.index()],
            row.scored().cell(a, fmt, w),
            w.columns[b.index()],
            row.scored().cell(b, fmt, w)
        ))
    };
    lines.push(cells(Column::Conversions, Column::CostPerConversion));
    lines.push(cells(Column::Revenue, Column::Roas));
    let tasks = row.tasks;
    let mut task_line = vec![Span::raw(Format::fill_all(
        w.tasks_done,
        &[&tasks.done, &tasks.total],
    ))];
    if tasks.overdue > 0 {
        task_line.push(Span::raw(" · "));
        task_line.push(Span::styled(
            Format::fill(w.overdue, tasks.overdue),
            t.warning(),
        ));
    }
    lines.push(Line::from(task_line));
    lines
}

fn render_workload(app: &App, p: &PlanTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.plan;
    let cols = area.width as usize;
    if p.workload.is_empty() {
        frame.render_widget(Span::styled(fit(w.no_open_tasks, cols), t.dim()), area);
        return;
    }
    let cell = 7;
    let wide = 9;
    let name_w = (cols / 4).clamp(10, 24);
    // As many weeks as fit after the name, overdue and undated columns.
    let weeks = (cols.saturating_sub(name_w + 2 * wide) / cell).min(p.weeks.len());
    let heavy = overload_threshold(&p.workload);
    let mut header = vec![
        Span::raw(pad(w.person, name_w)),
        Span::raw(format!(
            "{:>wide$}",
            fit(app.words().ui.due_groups[0], wide - 1)
        )),
    ];
    for d in p.weeks.iter().take(weeks) {
        header.push(Span::raw(format!("{:>cell$}", axis_label(app, *d, false))));
    }
    header.push(Span::raw(format!("{:>wide$}", fit(w.no_date, wide - 1))));
    let mut lines = vec![Line::from(header).style(t.dim())];
    let room = (area.height as usize).saturating_sub(2);
    for l in p.workload.iter().take(room) {
        let name = l.person.as_deref().unwrap_or(w.nobody);
        let mut spans = vec![
            Span::raw(pad(&fit(name, name_w), name_w)),
            Span::styled(
                format!("{:>wide$}", l.overdue),
                if l.overdue > 0 { t.warning() } else { t.dim() },
            ),
        ];
        for n in l.weeks.iter().take(weeks) {
            let style = if *n >= heavy {
                t.warning()
            } else if *n == 0 {
                t.dim()
            } else {
                t.base()
            };
            spans.push(Span::styled(format!("{n:>cell$}"), style));
        }
        spans.push(Span::styled(format!("{:>wide$}", l.undated), t.dim()));
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(fit(w.overload_rule, cols), t.dim()));
    frame.render_widget(Paragraph::new(lines), area);
}
