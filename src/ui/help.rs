//! The `?` overlay: every bound key, by context, from the keymap itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::{App, Context};
use crate::text::pad;

/// The help text's lines, for rendering and for tests.
pub fn lines(app: &App, t: Theme) -> Vec<Line<'static>> {
    let ui = &app.words().ui;
    let mut out = Vec::new();
    for (i, ctx) in Context::ALL.iter().enumerate() {
        let listing = app.keymap.listing(*ctx);
        if listing.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        let heading = ui.contexts.get(i).copied().unwrap_or_default();
        out.push(Line::styled(heading.to_string(), t.heading()));
        for (keys, action) in listing {
            let name = action.name().unwrap_or_default();
            out.push(Line::from(vec![
                Span::styled(pad(&keys, 16), t.key()),
                Span::raw(pad(super::action_label(ui, *ctx, name), 26)),
                Span::styled(name.to_string(), t.dim()),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled(ui.tasks.next_title.to_string(), t.heading()));
    out.extend(ui.tasks.next_rule.iter().map(|l| Line::raw(l.to_string())));
    out.push(Line::default());
    out.push(Line::styled(ui.tasks.quick_title.to_string(), t.heading()));
    out.extend(ui.tasks.quick_rule.iter().map(|l| Line::raw(l.to_string())));
    out.push(Line::default());
    out.push(Line::styled(ui.tasks.repeat_title.to_string(), t.heading()));
    out.extend(
        ui.tasks
            .repeat_rule
            .iter()
            .map(|l| Line::raw(l.to_string())),
    );
    out.push(Line::default());
    out.push(Line::styled(ui.filter_prompt.to_string(), t.heading()));
    out.push(Line::raw(ui.filter_help.to_string()));
    out
}

/// The overlay's frame on a screen of `area`.
fn frame_of(area: Rect) -> Rect {
    centered(
        area,
        80.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2),
    )
}

/// How far the overlay scrolls on a screen of `area` to show its last line.
pub fn last_scroll(app: &App, area: Rect, t: Theme) -> usize {
    let inner = frame_of(area).height.saturating_sub(2);
    lines(app, t).len().saturating_sub(inner as usize)
}

pub fn render(app: &App, scroll: usize, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let r = frame_of(area);
    frame.render_widget(Clear, r);
    let block = Block::bordered().border_set(t.border()).title(Span::styled(
        format!(" {} ", app.words().ui.help_title),
        t.title(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let all = lines(app, t);
    let max = all.len().saturating_sub(inner.height as usize);
    let shown: Vec<Line<'static>> = all.into_iter().skip(scroll.min(max)).collect();
    frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), inner);
}
