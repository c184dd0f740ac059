//! The Tasks tab: the list (optionally grouped) or the board, the filter
//! line, and the counts in the status line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use crate::app::App;
use crate::app::tasks::{Row, TaskView};
use crate::domain::{Priority, TaskStatus};
use crate::taskview::{DueBucket, GroupKey, Sort, TaskLine, is_overdue};
use crate::text::{fit, pad, width};

/// The rows the list has for tasks in `body`: all but the column heading
/// and the filter line.
pub fn list_rows(body: Rect) -> usize {
    body.height.saturating_sub(2) as usize
}

/// Where the tab draws in its `area`: the filter line, the list or the
/// board (none while the details stand in its place) and the details.
pub struct Areas {
    pub filter: Rect,
    pub main: Option<Rect>,
    pub pane: Option<Rect>,
}

/// The tab's [`Areas`] in `area`; a click is placed with them too.
pub fn areas(app: &App, area: Rect) -> Areas {
    let [filter, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    // The selected task whole: beside the list where it fits, else in
    // its place while open.
    let (main, pane) = if super::detail::beside(area) {
        let [list, pane] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(super::detail::pane_width(area)),
        ])
        .areas(main);
        (Some(list), Some(pane))
    } else if app.tasks.detail {
        (None, Some(main))
    } else {
        (Some(main), None)
    };
    Areas { filter, main, pane }
}

/// The list's task rows in its area: all but the column heading.
pub fn rows_area(list: Rect) -> Rect {
    let [_, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(list);
    rows
}

/// The board's four columns in its area.
pub fn board_columns(board: Rect) -> std::rc::Rc<[Rect]> {
    Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(board)
}

/// The first card shown of a column `height` cards high whose card
/// `selected` is selected.
pub fn board_start(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let a = areas(app, area);
    render_filter(app, frame, a.filter, t);
    if let Some(pane) = a.pane {
        super::detail::render(app, frame, pane, t, a.main.is_none());
    }
    match (a.main, app.tasks.view) {
        (None, _) => {}
        (Some(main), TaskView::List) => render_list(app, frame, main, t),
        (Some(main), TaskView::Board) => render_board(app, frame, main, t),
    }
}

/// The filter line, with the count shown and of done tasks hidden at its
/// right end, always in sight.
fn render_filter(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let view = app.tasks.active_view();
    // A printed frame shows a filter only where one is set.
    if !t.chrome && app.tasks.filter_text.is_empty() && view.is_none() {
        return;
    }
    let ui = &app.words().ui;
    // The saved view shown is named before its filter.
    let prompt = match (app.go_to, view) {
        (true, _) => ui.detail.go_to_prompt.to_string(),
        (false, Some(v)) => format!(
            "{} · {}: ",
            crate::i18n::Format::fill(ui.views.active, &v.name),
            ui.filter_prompt
        ),
        (false, None) => format!("{}: ", ui.filter_prompt),
    };
    let count = crate::i18n::Format::fill_all(
        ui.tasks.shown_hidden,
        &[&app.tasks.shown, &app.tasks.hidden_done],
    );
    let count = format!(" {count}");
    // The count gives way to the filter on a narrow screen.
    let count_w = if (area.width as usize) >= width(&prompt) + width(&count) + 20 {
        width(&count) as u16
    } else {
        0
    };
    let [label, rest, counted] = Layout::horizontal([
        Constraint::Length(width(&prompt) as u16),
        Constraint::Min(1),
        Constraint::Length(count_w),
    ])
    .areas(area);
    frame.render_widget(Span::styled(count, t.dim()), counted);
    frame.render_widget(Span::styled(prompt, t.dim()), label);
    match &app.filter_input {
        Some(input) => frame.render_widget(input, rest),
        None if app.tasks.filter_text.is_empty() => frame.render_widget(
            Span::styled(
                fit(
                    &crate::i18n::Format::fill(ui.filter_empty, ui.filter_help),
                    rest.width as usize,
                ),
                t.dim(),
            ),
            rest,
        ),
        None => frame.render_widget(
            Span::raw(fit(&app.tasks.filter_text, rest.width as usize)),
            rest,
        ),
    }
    if let Some(e) = &app.tasks.filter_error {
        let w = (width(e) as u16).min(rest.width / 2);
        let r = Rect {
            x: rest.x + rest.width - w,
            width: w,
            ..rest
        };
        frame.render_widget(Span::styled(fit(e, w as usize), t.warning()), r);
    }
}

/// Column widths for the list at `total` columns: check, priority, title,
/// campaign, assignee, due, tags (0 = hidden). Narrow screens drop tags,
/// then the assignee, then the campaign; the title takes what is left.
fn columns(total: usize) -> [usize; 7] {
    let (check, pri, due) = (4, 2, 11);
    let mut campaign = 18;
    let mut assignee = 14;
    let mut tags = 14;
    if total >= 150 {
        // Wide screens: the names get room before the title grows further.
        campaign = 30;
        assignee = 20;
        tags = 24;
    }
    if total < 100 {
        campaign = 14;
        assignee = 11;
        tags = 10;
    }
    if total < 90 {
        tags = 0;
    }
    if total < 64 {
        assignee = 0;
    }
    if total < 52 {
        campaign = 0;
    }
    let gaps = [campaign, assignee, tags]
        .iter()
        .filter(|w| **w > 0)
        .count();
    let title = total.saturating_sub(check + pri + due + campaign + assignee + tags + gaps + 1);
    [check, pri, title, campaign, assignee, due, tags]
}

fn priority_mark(app: &App, p: Priority) -> String {
    let word = app.words().ui.priority(p);
    word.chars()
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default()
}

/// A task's due date; where colour cannot tell them (no colour, or a
/// printed frame), an overdue date carries `!` and today's reads "today".
fn due_text(app: &App, line: &TaskLine, t: Theme) -> String {
    let Some(due) = line.task.due else {
        return String::new();
    };
    let date = app.format().date(due);
    if (t.color && t.chrome) || line.task.status == TaskStatus::Done {
        return date;
    }
    if is_overdue(&line.task, app.today) {
        format!("{date}!")
    } else if due == app.today {
        let today = DueBucket::ALL
            .iter()
            .position(|b| *b == DueBucket::Today)
            .unwrap_or(0);
        app.words().ui.due_groups[today].to_string()
    } else {
        date
    }
}

fn due_style(app: &App, line: &TaskLine, t: Theme) -> Style {
    let today = app.today;
    match line.task.due {
        _ if line.task.status == TaskStatus::Done => t.dim(),
        _ if is_overdue(&line.task, today) => t.warning(),
        Some(d) if d == today => t.soon(),
        _ => t.base(),
    }
}

fn task_line(
    app: &App,
    line: &TaskLine,
    cols: [usize; 7],
    selected: bool,
    t: Theme,
) -> Line<'static> {
    let done = line.task.status == TaskStatus::Done;
    let title_style = if done { t.done() } else { t.base() };
    let pri_style = match line.task.priority {
        Priority::High => t.warning(),
        Priority::Medium => t.base(),
        Priority::Low => t.dim(),
    };
    let status = app.words().ui.task_status(line.task.status);
    let check = match line.task.status {
        TaskStatus::Doing | TaskStatus::Blocked => {
            format!("[{}]", status.chars().next().unwrap_or('-'))
        }
        _ => t.check(done).to_string(),
    };
    // A marked task carries a mark after its box, with or without colour.
    let check = if app.tasks.marks.contains(&line.task.id) {
        format!("{check}{}", if t.ascii { "*" } else { "•" })
    } else {
        check
    };
    let tags: Vec<String> = line.task.tags.iter().map(|g| format!("#{g}")).collect();
    let mut spans = vec![
        Span::styled(pad(&check, cols[0]), t.base()),
        Span::styled(
            pad(&priority_mark(app, line.task.priority), cols[1]),
            pri_style,
        ),
        Span::styled(pad(&titled(line, t), cols[2]), title_style),
    ];
    let mut cell = |text: String, w: usize, style: Style| {
        if w > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad(&text, w), style));
        }
    };
    cell(line.campaign.clone().unwrap_or_default(), cols[3], t.dim());
    cell(line.assignee.clone().unwrap_or_default(), cols[4], t.base());
    cell(due_text(app, line, t), cols[5], due_style(app, line, t));
    cell(tags.join(" "), cols[6], t.dim());
    let l = Line::from(spans);
    if selected { l.style(t.selected()) } else { l }
}

/// The title, after a mark where the task repeats.
fn titled(line: &TaskLine, t: Theme) -> String {
    match line.task.recurrence {
        Some(_) => format!("{} {}", if t.ascii { "~" } else { "↻" }, line.task.title),
        None => line.task.title.clone(),
    }
}

fn group_label(app: &App, key: GroupKey, count: usize) -> String {
    let ui = &app.words().ui;
    let name = match key {
        GroupKey::All => String::new(),
        GroupKey::Status(s) => ui.task_status(s).to_string(),
        GroupKey::Due(b) => {
            let i = DueBucket::ALL.iter().position(|x| *x == b).unwrap_or(0);
            ui.due_groups[i].to_string()
        }
    };
    format!("{name} ({count})")
}

fn render_list(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let ui = &app.words().ui;
    let w = app.words();
    let cols = columns(area.width as usize);
    let [head, _] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let rows_area = rows_area(area);
    let mut heads = vec![
        Span::raw(pad("", cols[0] + cols[1])),
        Span::raw(pad(ui.title, cols[2])),
    ];
    for (i, name) in [(3, w.campaign), (4, w.assignee), (5, ui.due), (6, ui.tags)] {
        if cols[i] > 0 {
            heads.push(Span::raw(" "));
            heads.push(Span::raw(pad(name, cols[i])));
        }
    }
    frame.render_widget(Line::from(heads).style(t.dim()), head);
    let tab = &app.tasks;
    if tab.rows.is_empty() {
        let text = if tab.lines.is_empty() {
            let key = app
                .keymap
                .key_text(crate::app::Context::Tasks, crate::app::Action::Add)
                .unwrap_or_default();
            crate::i18n::Format::fill(ui.guide.tasks_empty, key)
        } else if tab.hidden_done > 0 {
            let key = app
                .keymap
                .key_text(
                    crate::app::Context::Tasks,
                    crate::app::Action::ToggleDoneShown,
                )
                .unwrap_or_default();
            crate::i18n::Format::fill_all(ui.tasks.all_done_hidden, &[&tab.hidden_done, &key])
        } else {
            ui.no_match.to_string()
        };
        frame.render_widget(
            Paragraph::new(text)
                .style(t.dim())
                .wrap(ratatui::widgets::Wrap { trim: false }),
            rows_area,
        );
        return;
    }
    let visible = rows_area.height as usize;
    let lines: Vec<Line<'static>> = tab
        .rows
        .iter()
        .enumerate()
        .skip(tab.offset)
        .take(visible)
        .map(|(i, row)| match row {
            Row::Heading(key, n) => Line::styled(group_label(app, *key, *n), t.heading()),
            Row::Task(li) => match tab.lines.get(*li) {
                Some(l) => task_line(app, l, cols, i == tab.cursor, t),
                None => Line::default(),
            },
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows_area);
}

fn render_board(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let ui = &app.words().ui;
    let tab = &app.tasks;
    let cols = board_columns(area);
    for (c, rect) in cols.iter().enumerate() {
        let title = format!(" {} ({}) ", ui.task_statuses[c], tab.columns[c].len());
        let focused = c == tab.board_column;
        let block = Block::bordered().border_set(t.border()).title(Span::styled(
            title,
            if focused { t.heading() } else { t.dim() },
        ));
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        let height = inner.height as usize;
        let sel = tab.board_rows[c];
        let start = board_start(sel, height);
        let inner_w = inner.width as usize;
        let lines: Vec<Line<'static>> = tab.columns[c]
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .filter_map(|(i, li)| tab.lines.get(*li).map(|l| (i, l)))
            .map(|(i, l)| {
                let mut mark = priority_mark(app, l.task.priority);
                if tab.marks.contains(&l.task.id) {
                    mark.push_str(if t.ascii { "*" } else { "•" });
                }
                // A narrow column shows the day short, marked when overdue
                // whatever the colours; a very narrow one keeps the title.
                let due = match l.task.due {
                    Some(_) if inner_w >= 30 => format!(" {}", due_text(app, l, t)),
                    Some(d) if inner_w >= 14 => {
                        let late = if is_overdue(&l.task, app.today) {
                            "!"
                        } else {
                            ""
                        };
                        format!(" {}{late}", app.format().day(d))
                    }
                    _ => String::new(),
                };
                let title_w = inner_w.saturating_sub(2 + width(&due));
                let mut line = Line::from(vec![
                    Span::raw(format!("{mark} ")),
                    Span::raw(pad(&titled(l, t), title_w)),
                    Span::styled(due, due_style(app, l, t)),
                ]);
                if focused && i == sel {
                    line = line.style(t.selected());
                }
                line
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The status line when there is no message: counts, order and filter.
pub fn summary(app: &App, t: Theme, cols: usize) -> Line<'static> {
    let ui = &app.words().ui;
    let tab = &app.tasks;
    // Done tasks that are hidden still count as done.
    let done = TaskStatus::Done.index();
    let counts: Vec<String> = (0..4)
        .map(|i| {
            let n = tab.counts[i] + if i == done { tab.hidden_done } else { 0 };
            format!("{n} {}", ui.task_statuses[i])
        })
        .collect();
    let order = match tab.sort {
        Sort::Next => ui.sort_next,
        _ => ui.sort_due,
    };
    let shown = crate::i18n::Format::fill(ui.shown_of, tab.shown);
    let mut text = format!("{} · {shown} · {order}", counts.join(" · "));
    // The marks come first, so an 80-column line never cuts them off.
    if !tab.marks.is_empty() {
        let marked = crate::i18n::Format::fill(ui.tasks.marked, tab.marks.len());
        text = format!("{marked} · {text}");
    }
    Line::styled(fit(&text, cols), t.dim())
}
