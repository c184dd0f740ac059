//! Any form as an overlay: labelled fields, the focused one with a cursor,
//! its completions (or else its hint) under them, and the last mistake,
//! naming its field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::form::Form;
use crate::app::{Action, App, Context};
use crate::i18n::Format;
use crate::text::{fit, pad, width};

/// Rows under the fields: completions or hint, the mistake (two rows, so
/// a long one wraps), the keys.
const BELOW: u16 = 4;

pub fn render(app: &App, form: &Form, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let ui = &app.words().ui;
    let fields = form.fields();
    let r = centered(area, 72, fields.len() as u16 + BELOW + 2);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {} ", form.title), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [list, below, error, keys] = Layout::vertical([
        Constraint::Length(fields.len() as u16),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(inner);
    let rows = Layout::vertical(vec![Constraint::Length(1); fields.len()]).split(list);
    let longest = fields.iter().map(|f| width(f.label)).max().unwrap_or(0) as u16;
    let label_w = (longest + 2).max(12).min(inner.width / 3);
    for (i, (f, row)) in fields.iter().zip(rows.iter()).enumerate() {
        let [l, v] =
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(*row);
        let style = if form.error_field == Some(i) {
            t.warning()
        } else if form.focus == i {
            t.key()
        } else {
            t.dim()
        };
        frame.render_widget(Span::styled(pad(f.label, label_w as usize), style), l);
        if form.focus == i {
            frame.render_widget(f.input(), v);
        } else {
            let text = f.input().lines().join(" ");
            frame.render_widget(Span::raw(fit(&text, v.width as usize)), v);
        }
    }
    let cols = inner.width as usize;
    let completions = form.completions();
    if !completions.is_empty() {
        let key = app
            .keymap
            .key_text(Context::Form, Action::Complete)
            .map(|k| super::footer::arrow(k, t))
            .unwrap_or_default();
        let takes = Format::fill(ui.form.complete, key);
        let text = format!("{takes} {}", completions.join(" · "));
        frame.render_widget(Span::styled(fit(&text, cols), t.soon()), below);
    } else if let Some(hint) = form.hint() {
        frame.render_widget(Span::styled(fit(hint, cols), t.dim()), below);
    }
    if let Some(e) = form.error_line() {
        frame.render_widget(
            Paragraph::new(Line::styled(e, t.warning())).wrap(Wrap { trim: true }),
            error,
        );
    }
    frame.render_widget(Span::styled(fit(ui.form_keys, cols), t.dim()), keys);
}
