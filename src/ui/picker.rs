//! The KPIs tab's scope picker as an overlay: what was typed, and the
//! segments, channels and campaigns it matches, the selected one marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::App;
use crate::app::kpis::Picker;
use crate::text::{fit, pad, width};

pub fn render(app: &App, picker: &Picker, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let kw = &app.words().ui.kpi;
    let r = centered(area, 64, area.height.saturating_sub(4).clamp(8, 22));
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {} ", kw.pick_title), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [input, list, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [prompt, typed] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(input);
    frame.render_widget(Span::styled("> ", t.key()), prompt);
    frame.render_widget(&picker.input, typed);
    let cols = list.width as usize;
    let rows = list.height as usize;
    let kind_w = picker
        .rows()
        .map(|(c, _)| width(c.kind))
        .max()
        .unwrap_or(0)
        .min(cols / 3);
    // Keep the selected row on screen.
    let skip = picker.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = picker
        .rows()
        .skip(skip)
        .take(rows)
        .map(|(c, selected)| {
            let text = format!("{} {}", pad(c.kind, kind_w), c.scope.name);
            let style = if selected { t.selected() } else { t.base() };
            Line::styled(pad(&fit(&text, cols), cols), style)
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Span::styled(kw.nothing_matches, t.dim()), list);
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
    frame.render_widget(
        Span::styled(fit(kw.pick_help, help.width as usize), t.dim()),
        help,
    );
}
