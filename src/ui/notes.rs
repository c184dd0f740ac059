//! The cause and review notes of the selected period on the KPIs tab: two
//! rows a note (kind, category, days, metric and follow-up tasks; then
//! its text), the selected one marked and kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::notes::{NoteLine, PeriodNotes};
use crate::app::{Action, App, Context};
use crate::domain::NoteKind;
use crate::i18n::Format;
use crate::metrics::Period;
use crate::text::{fit, width};

/// Rows the list needs to be worth showing: its heading and two notes.
pub const MIN_ROWS: u16 = 5;

/// Rows a note takes.
const NOTE_ROWS: usize = 2;

pub fn render_notes(
    app: &App,
    notes: &PeriodNotes,
    period: Period,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
    let ui = &app.words().ui;
    let cols = area.width as usize;
    let heading = format!(
        "{} · {} ({})",
        app.words().notes,
        period.label(),
        notes.lines.len()
    );
    let mut lines = vec![Line::styled(fit(&heading, cols), t.heading())];
    if notes.lines.is_empty() {
        let mut text = Format::fill(ui.no_notes, period.label());
        if let (false, Some(key)) = (
            app.read_only,
            app.keymap.key_text(Context::Kpis, Action::Add),
        ) {
            text = format!("{text} {}", Format::fill(ui.add_note_hint, key));
        }
        lines.push(Line::styled(fit(&text, cols), t.dim()));
    }
    let room = (area.height as usize).saturating_sub(1) / NOTE_ROWS;
    let first = (notes.selected + 1).saturating_sub(room.max(1));
    for (i, line) in notes.lines.iter().enumerate().skip(first).take(room) {
        let [meta, text] = note_lines(app, line, i == notes.selected, cols, t);
        lines.push(meta);
        lines.push(text);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A note's two rows, fitted to `cols` columns.
fn note_lines(
    app: &App,
    line: &NoteLine,
    selected: bool,
    cols: usize,
    t: Theme,
) -> [Line<'static>; 2] {
    let w = app.words();
    let fmt = app.format();
    let n = &line.note;
    let marker = match (selected, t.ascii) {
        (false, _) => "  ",
        (true, true) => "> ",
        (true, false) => "▶ ",
    };
    let kind = w.note_kind(n.kind);
    let days = if n.start == n.end {
        fmt.date(n.start)
    } else {
        format!("{} – {}", fmt.date(n.start), fmt.date(n.end))
    };
    let mut rest = format!(" · {} · {days}", w.category(n.category));
    if let Some(m) = &n.metric {
        let label = match crate::report::text::label(w, m) {
            "" => m.as_str(),
            l => l,
        };
        rest.push_str(&format!(" · {label}"));
    }
    // The follow-up tasks keep their room; the days and metric give way.
    let follow = if line.follow_ups.is_empty() {
        String::new()
    } else {
        let ids: Vec<String> = line.follow_ups.iter().map(|id| id.to_string()).collect();
        format!("  {}", Format::fill(w.ui.follow_ups, ids.join(", ")))
    };
    let room = cols.saturating_sub(width(marker));
    let kind = fit(kind, room);
    let follow = fit(&follow, room.saturating_sub(width(&kind)));
    let rest = fit(&rest, room.saturating_sub(width(&kind) + width(&follow)));
    let kind_style = match n.kind {
        NoteKind::Cause => t.soon(),
        NoteKind::Review => t.good(),
    };
    let (base, kind_style, follow_style) = if selected {
        (t.selected(), t.selected(), t.selected())
    } else {
        (t.base(), kind_style, t.dim())
    };
    let meta = Line::from(vec![
        Span::styled(marker, t.key()),
        Span::styled(kind, kind_style),
        Span::styled(rest, base),
        Span::styled(follow, follow_style),
    ]);
    let text = fit(
        &n.text.split_whitespace().collect::<Vec<_>>().join(" "),
        room,
    );
    let body = Line::from(vec![Span::raw("  "), Span::raw(text)]);
    [meta, body]
}
