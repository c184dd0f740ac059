//! An edit form's fields changed elsewhere too, in place of the form:
//! each with the value typed and the one it is now, and the answers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centered, fit_line};
use crate::app::edits::{Conflict, clash_lines};
use crate::app::{Action, App};
use crate::i18n::Format;
use crate::text::wrap;

/// As wide as the form it stands for.
const WIDTH: u16 = 72;

pub fn render(app: &App, c: &Conflict, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let fmt = app.format();
    let w = &fmt.words().ui.elsewhere;
    let keys = [Action::KeepMine, Action::TakeTheirs, Action::No].map(|a| app.answer_key(a));
    let answers = Format::fill_all(w.answers, &[&keys[0], &keys[1], &keys[2]]);
    let changed = format!("{}:", w.changed);
    let box_w = WIDTH.min(area.width);
    let cols = box_w.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'static>> = wrap(&changed, cols)
        .into_iter()
        .map(|l| Line::styled(l, t.warning()))
        .collect();
    for clash in clash_lines(&c.clashes, fmt) {
        lines.extend(wrap(&clash, cols).into_iter().map(Line::raw));
    }
    let r = centered(area, box_w, lines.len() as u16 + 4);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .border_style(t.warning())
        .title(Span::styled(format!(" {} ", c.title()), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [body, _, keys_row] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let lines: Vec<Line<'static>> = lines.into_iter().map(|l| fit_line(l, cols)).collect();
    frame.render_widget(Paragraph::new(lines), body);
    let answers = fit_line(Line::styled(answers, t.dim()), keys_row.width as usize);
    frame.render_widget(answers, keys_row);
}
