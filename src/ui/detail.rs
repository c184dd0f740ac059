//! The Tasks tab's detail pane: the selected task whole — title, notes,
//! campaign, assignee, dates, how it repeats, the note it follows up.
//! Beside the list on a wide screen; in the list's place on a narrow one
//! while it is open.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::Theme;
use crate::app::{Action, App, Context};
use crate::i18n::Format;
use crate::taskview::is_overdue;
use crate::text::{fit, pad, width, wrap};

/// From this many columns the pane stands beside the list.
pub const BESIDE_FROM: u16 = 120;

/// Whether the body `area` has room for the pane beside the list.
pub fn beside(area: Rect) -> bool {
    area.width >= BESIDE_FROM
}

/// The pane's width beside a list in `area`: the list keeps at least 80
/// columns.
pub fn pane_width(area: Rect) -> u16 {
    (area.width * 3 / 10).clamp(40, 64)
}

/// A time as stored, in the reader's date form: "2026-11-20 09:30 UTC".
fn stamp(fmt: Format, at: DateTime<Utc>) -> String {
    format!("{} {} UTC", fmt.date(at.date_naive()), at.format("%H:%M"))
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme, alone: bool) {
    let words = app.words();
    let d = &words.ui.detail;
    let Some(line) = app.tasks.selected() else {
        let block = Block::bordered().border_set(t.border());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Span::styled(fit(d.nothing, inner.width as usize), t.dim()),
            inner,
        );
        return;
    };
    let task = &line.task;
    let fmt = app.format();
    let key = |a: Action| app.keymap.key_text(Context::Tasks, a).unwrap_or_default();
    let mut block = Block::bordered()
        .border_set(t.border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {} ", Format::fill(d.title, task.id)),
            t.title(),
        ));
    if alone && t.chrome {
        let closes = Format::fill(d.closes, key(Action::ClearFilter));
        block = block.title_bottom(Span::styled(format!(" {closes} "), t.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let mut lines: Vec<Line<'static>> = wrap(&task.title, cols)
        .into_iter()
        .map(|l| Line::styled(l, t.heading()))
        .collect();
    lines.push(Line::default());
    let labels = [
        d.status,
        words.campaign,
        words.assignee,
        words.ui.due,
        words.ui.tags,
        words.ui.tasks.repeat,
        d.follows,
        d.created,
        d.updated,
        d.done,
    ];
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 1;
    let ui = &words.ui;
    let or_none = |v: Option<String>| v.unwrap_or_else(|| d.none.to_string());
    let status = format!(
        "{} · {} {}",
        ui.task_status(task.status),
        ui.priority,
        ui.priority(task.priority)
    );
    let due = task.due.map(|day| {
        let date = fmt.date(day);
        if is_overdue(task, app.today) {
            format!("{date}!")
        } else {
            date
        }
    });
    let tags = (!task.tags.is_empty()).then(|| {
        task.tags
            .iter()
            .map(|g| format!("#{g}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    // The note's text as read on selection (see `tasks::followed`).
    let follows = task.follows_note.map(|id| {
        let note = Format::fill(d.note, id);
        let text = app
            .tasks
            .followed
            .as_ref()
            .filter(|f| f.task == task.id && f.note == id)
            .and_then(|f| f.text.as_ref());
        match text {
            Some(text) => format!("{note}: {text}"),
            None => note,
        }
    });
    let values = [
        status,
        or_none(line.campaign.clone()),
        or_none(line.assignee.clone()),
        or_none(due),
        or_none(tags),
        or_none(task.recurrence.map(|r| r.to_string())),
        or_none(follows),
        stamp(fmt, task.created_at),
        stamp(fmt, task.updated_at),
        or_none(task.done_at.map(|at| stamp(fmt, at))),
    ];
    let overdue = is_overdue(task, app.today);
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let style = if i == 3 && overdue {
            t.warning()
        } else {
            t.base()
        };
        let room = cols.saturating_sub(label_w);
        lines.push(Line::from(vec![
            Span::styled(pad(label, label_w), t.dim()),
            Span::styled(fit(&value, room), style),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(d.notes.to_string(), t.heading()));
    if task.notes.trim().is_empty() {
        let text = Format::fill(d.no_notes, key(Action::EditNotes));
        lines.extend(
            wrap(&text, cols)
                .into_iter()
                .map(|l| Line::styled(l, t.dim())),
        );
    } else {
        for para in task.notes.lines() {
            match wrap(para, cols) {
                w if w.is_empty() => lines.push(Line::default()),
                w => lines.extend(w.into_iter().map(Line::raw)),
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
