//! Why the last undo or redo was refused: the change, the later change in
//! its way, each field both changed with its value now and the value the
//! step would write, and the answers (step past, undo anyway, close).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centered, fit_line};
use crate::app::undoing::Refused;
use crate::app::{Action, App};
use crate::i18n::Format;
use crate::text::wrap;

/// As wide as the edit forms' conflict box.
const WIDTH: u16 = 76;

pub fn render(app: &App, r: &Refused, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let fmt = app.format();
    let w = &fmt.words().undo;
    let me = app.origin();
    let box_w = WIDTH.min(area.width);
    let cols = box_w.saturating_sub(2) as usize;
    let mut text: Vec<(String, bool)> = vec![(
        Format::fill_all(
            w.details_change,
            &[
                &fmt.change(&r.change.what),
                &fmt.who(&r.change.by, me),
                &fmt.stamp(&r.change.at),
            ],
        ),
        false,
    )];
    if let Some(later) = &r.later {
        text.push((
            Format::fill_all(
                w.details_later,
                &[
                    &fmt.change(&later.what),
                    &fmt.who(&later.by, me),
                    &fmt.stamp(&later.at),
                ],
            ),
            true,
        ));
    }
    if r.clashes.is_empty() {
        text.push((w.clash_none.to_string(), false));
    }
    for c in &r.clashes {
        text.push((format!("• {}", fmt.clash_line(c, r.redo)), false));
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (t_, warn) in text {
        lines.extend(wrap(&t_, cols).into_iter().map(|l| {
            if warn {
                Line::styled(l, t.warning())
            } else {
                Line::raw(l)
            }
        }));
    }
    let keys = if r.redo {
        Format::fill(w.details_close, app.answer_key(Action::No))
    } else {
        let k = [Action::SkipChange, Action::UndoAnyway, Action::No].map(|a| app.answer_key(a));
        Format::fill_all(w.details_keys, &[&k[0], &k[1], &k[2]])
    };
    let key_lines: Vec<Line<'static>> = wrap(&keys, cols)
        .into_iter()
        .map(|l| Line::styled(l, t.dim()))
        .collect();
    let height = (lines.len() + key_lines.len()) as u16 + 3;
    let r_ = centered(area, box_w, height);
    frame.render_widget(Clear, r_);
    let title = w.details_title[usize::from(r.redo)];
    let block = Block::bordered()
        .border_set(t.border())
        .border_style(t.warning())
        .title(Span::styled(format!(" {title} "), t.title()));
    let inner = block.inner(r_);
    frame.render_widget(block, r_);
    let [body, _, keys_rows] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(key_lines.len() as u16),
    ])
    .areas(inner);
    let fit = |ls: Vec<Line<'static>>| -> Vec<Line<'static>> {
        ls.into_iter().map(|l| fit_line(l, cols)).collect()
    };
    frame.render_widget(Paragraph::new(fit(lines)), body);
    frame.render_widget(Paragraph::new(fit(key_lines)), keys_rows);
}
