//! The `?` overlay: every bound key, by context, from the keymap itself,
//! narrowed by what is typed, the selected line's action run by `Enter`
//! (see `app::help`); with nothing typed, the rules of the "next" order,
//! quick add, repeats, marks, saved views, the mouse and the filter below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::help::{Help, entries};
use crate::app::{App, Context};
use crate::i18n::Format;
use crate::text::{pad, wrap};
use unicode_width::UnicodeWidthStr;

/// The help text's lines at `cols` columns, for rendering and for tests,
/// and which of them is the selected key's. The rules' prose is broken
/// into lines here, so the count of lines is the count of rows and `End`
/// shows the last.
pub fn lines(app: &App, help: &Help, t: Theme, cols: usize) -> (Vec<Line<'static>>, usize) {
    let ui = &app.words().ui;
    let g = &ui.guide;
    let first = if help.query.is_empty() {
        Line::styled(g.help_type.to_string(), t.dim())
    } else {
        Line::styled(Format::fill(g.help_search, &help.query), t.key())
    };
    let mut out = vec![first];
    let mut selected_line = 0;
    let shown = entries(&app.keymap, ui, &help.query);
    if shown.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(g.help_none.to_string(), t.dim()));
    }
    let mut heading: Option<Context> = None;
    for (i, e) in shown.iter().enumerate() {
        if heading != Some(e.ctx) {
            heading = Some(e.ctx);
            out.push(Line::default());
            let at = Context::ALL.iter().position(|c| *c == e.ctx).unwrap_or(0);
            let name = ui.contexts.get(at).copied().unwrap_or_default();
            out.push(Line::styled(name.to_string(), t.heading()));
        }
        let name = e.action.name().unwrap_or_default();
        // A mark besides the colour, so the selection shows under NO_COLOR.
        let mark = match (i == help.selected, t.ascii) {
            (false, _) => "  ",
            (true, false) => "▸ ",
            (true, true) => "> ",
        };
        let mut line = Line::from(vec![
            Span::raw(mark),
            Span::styled(pad(&e.keys, 14), t.key()),
            Span::raw(pad(super::action_label(ui, e.ctx, name), 26)),
            Span::styled(name.to_string(), t.dim()),
        ]);
        if i == help.selected {
            selected_line = out.len();
            line = line.style(t.active_tab());
        }
        out.push(line);
    }
    if help.query.is_empty() {
        rules(app, t, cols, &mut out);
    }
    (out, selected_line)
}

/// The rules the keys follow, told in full.
fn rules(app: &App, t: Theme, cols: usize, out: &mut Vec<Line<'static>>) {
    let ui = &app.words().ui;
    for (title, rule) in [
        (ui.tasks.next_title, ui.tasks.next_rule),
        (ui.tasks.quick_title, ui.tasks.quick_rule),
        (ui.tasks.repeat_title, ui.tasks.repeat_rule),
        (ui.views.marks_title, ui.views.marks_rule),
        (ui.views.views_title, ui.views.views_rule),
        (ui.views.mouse_title, ui.views.mouse_rule),
    ] {
        out.push(Line::default());
        out.push(Line::styled(title.to_string(), t.heading()));
        for l in rule.iter() {
            if l.width() <= cols {
                out.push(Line::raw(l.to_string()));
            } else {
                out.extend(wrap(l, cols).into_iter().map(Line::raw));
            }
        }
    }
    out.push(Line::default());
    out.push(Line::styled(ui.filter_prompt.to_string(), t.heading()));
    out.extend(examples(ui.filter_help, cols).into_iter().map(Line::raw));
}

/// The filter's examples, two spaces apart, broken between examples.
fn examples(text: &str, cols: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for example in text.split("  ").filter(|e| !e.trim().is_empty()) {
        match lines.last_mut() {
            Some(line) if line.width() + 2 + example.width() <= cols => {
                line.push_str("  ");
                line.push_str(example);
            }
            _ => lines.push(example.to_string()),
        }
    }
    lines
}

/// The overlay's frame on a screen of `area`.
fn frame_of(area: Rect) -> Rect {
    centered(
        area,
        80.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2),
    )
}

pub fn render(app: &App, help: &Help, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let r = frame_of(area);
    frame.render_widget(Clear, r);
    let block = Block::bordered().border_set(t.border()).title(Span::styled(
        format!(" {} ", app.words().ui.help_title),
        t.title(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let (all, selected) = lines(app, help, t, usize::from(inner.width));
    let rows = inner.height as usize;
    let end = all.len().saturating_sub(rows);
    let keys = entries(&app.keymap, &app.words().ui, &help.query).len();
    // The selected line in view: at the top while it is near the start,
    // else kept a few lines above the bottom edge; the last key shows the
    // rules below it too.
    let skip = if help.selected + 1 >= keys {
        end
    } else {
        (selected + 3).saturating_sub(rows).min(end)
    };
    let shown: Vec<Line<'static>> = all.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), inner);
}
