//! The add/edit task form as an overlay: labelled fields, the focused one
//! with a cursor, completions under it, and the last error.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::App;
use crate::app::form::{Field, TaskForm};
use crate::text::{fit, pad};

fn label(app: &App, f: Field) -> &'static str {
    let w = app.words();
    match f {
        Field::Title => w.ui.title,
        Field::Campaign => w.campaign,
        Field::Due => w.ui.due,
        Field::Assignee => w.assignee,
        Field::Priority => w.ui.priority,
        Field::Tags => w.ui.tags,
    }
}

pub fn render(app: &App, form: &TaskForm, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let ui = &app.words().ui;
    let r = centered(area, 72, 14);
    frame.render_widget(Clear, r);
    let title = if form.editing.is_some() {
        ui.edit_task
    } else {
        ui.new_task
    };
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {title} "), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let rows = Layout::vertical([Constraint::Length(1); 10]).split(inner);
    let label_w = 12u16.min(inner.width / 3);
    for (i, f) in Field::ALL.iter().enumerate() {
        let Some(row) = rows.get(i) else { break };
        let [l, v] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(*row);
        let focused = form.field() == *f;
        let style = if focused { t.key() } else { t.dim() };
        frame.render_widget(
            Span::styled(pad(label(app, *f), label_w as usize), style),
            l,
        );
        if let Some(input) = form.input(*f) {
            if focused {
                frame.render_widget(input, v);
            } else {
                let text = input.lines().join(" ");
                frame.render_widget(Span::raw(fit(&text, v.width as usize)), v);
            }
        }
    }
    let width = inner.width as usize;
    if let Some(row) = rows.get(6) {
        let completions = form.completions();
        if !completions.is_empty() {
            let text = format!("→ {}", completions.join(" · "));
            frame.render_widget(Span::styled(fit(&text, width), t.soon()), *row);
        }
    }
    if let (Some(row), Some(e)) = (rows.get(7), &form.error) {
        frame.render_widget(
            Paragraph::new(Line::styled(fit(e, width), t.warning())),
            *row,
        );
    }
    if let Some(row) = rows.get(9) {
        frame.render_widget(Span::styled(fit(ui.form_keys, width), t.dim()), *row);
    }
}
