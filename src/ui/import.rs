//! The KPIs tab's import as an overlay: the path being typed with what
//! it completes to, then the dry run (what the file was read as, which
//! column became what, what was skipped, the figures per month) above the
//! keys that import it or cancel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{Theme, centered};
use crate::app::kpis::import::{Import, Preview, count};
use crate::app::{Action, App, Context};
use crate::i18n::Format;
use crate::import::OrderProfile;
use crate::text::{fit, pad, width, wrap};

pub fn render(app: &App, import: &Import, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    match import.preview() {
        Some(p) => render_preview(app, import, p, frame, area, t),
        None => render_prompt(app, import, frame, area, t),
    }
}

/// A bordered box of `w` x `h` in the middle of `area`, cleared; its inside.
fn boxed(title: &str, w: u16, h: u16, frame: &mut Frame<'_>, area: Rect, t: Theme) -> Rect {
    let r = centered(area, w, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Span::styled(format!(" {title} "), t.title()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

/// `lines` wrapped to `cols`, each in `style`.
fn wrapped(text: &str, cols: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, cols)
        .into_iter()
        .map(|l| Line::styled(fit(&l, cols), style))
        .collect()
}

fn render_prompt(app: &App, import: &Import, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.import;
    let box_w = area.width.saturating_sub(4).min(76);
    let cols = box_w.saturating_sub(2) as usize;
    let mut below: Vec<Line<'static>> = Vec::new();
    if import.pending() {
        below.extend(wrapped(
            &Format::fill(w.reading, import.typed()),
            cols,
            t.soon(),
        ));
    } else {
        if import.matches.len() > 1 {
            below.extend(
                wrapped(&import.matches.join(" · "), cols, t.soon())
                    .into_iter()
                    .take(3),
            );
        }
        below.extend(wrapped(w.path_hint, cols, t.dim()));
    }
    if let Some(e) = &import.error {
        below.extend(wrapped(e, cols, t.warning()));
    }
    let h = (below.len() as u16 + 3).min(area.height);
    let inner = boxed(w.title, box_w, h, frame, area, t);
    let [input, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let [label, typed] = Layout::horizontal([
        Constraint::Length(width(w.path_label) as u16),
        Constraint::Min(1),
    ])
    .areas(input);
    frame.render_widget(Span::styled(w.path_label, t.key()), label);
    frame.render_widget(&import.input, typed);
    frame.render_widget(Paragraph::new(below), rest);
}

/// The text right-aligned in `cols` columns.
fn right(s: &str, cols: usize) -> String {
    let s = fit(s, cols);
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(&s))))
}

/// The month as the tab's periods write it: `2026-11`.
fn month(m: chrono::NaiveDate) -> String {
    m.format("%Y-%m").to_string()
}

/// What the file was read as, how, and what was left out, as the dry run
/// on the command line says it.
fn about(app: &App, p: &Preview) -> Vec<String> {
    let fmt = app.format();
    let w = &app.words().ui.import;
    let cw = &app.words().cli;
    let file = &p.file;
    let profile = OrderProfile::ALL
        .iter()
        .position(|x| *x == file.profile)
        .and_then(|i| w.profiles.get(i))
        .copied()
        .unwrap_or_default();
    let dates = match &file.date_form {
        None => cw.dates_no_rows.to_string(),
        Some(form) => {
            let mut text = form.pattern.clone();
            let notes = [
                (form.month_first, cw.dates_month_first),
                (form.assumed_day_first, cw.dates_day_first_assumed),
                (form.time_ignored, cw.dates_time_ignored),
            ];
            for (_, note) in notes.iter().filter(|(on, _)| *on) {
                text.push(' ');
                text.push_str(note);
            }
            text
        }
    };
    let columns: Vec<String> = file
        .columns
        .iter()
        .map(|(role, cols)| {
            let role = cw.order_roles.get(*role).copied().unwrap_or_default();
            format!("{role} ← {}", cols.join(cw.orders_customer_then))
        })
        .collect();
    let s = &file.summary;
    let mut skipped: Vec<String> = [
        (s.voided, cw.orders_voided),
        (s.refunded, cw.orders_refunded),
        (s.orphan_refunds, cw.orders_orphan_refunds),
        (s.walk_in, cw.orders_walk_in),
        (s.by_name, cw.orders_by_name),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, text)| Format::fill(text, count(fmt, *n)))
    .collect();
    if s.partly_refunded > 0 {
        let netted = Format::fill_all(
            cw.orders_partly_refunded,
            &[&count(fmt, s.partly_refunded), &fmt.money(s.netted)],
        );
        // After the orders left out, before the ones counted.
        let at = [s.voided, s.refunded, s.orphan_refunds]
            .iter()
            .filter(|n| **n > 0)
            .count();
        skipped.insert(at, netted);
    }
    let mut read = Format::fill_all(
        w.orders_rows,
        &[&count(fmt, file.rows.len()), &count(fmt, s.rows), &dates],
    );
    if file.decimal_comma {
        read.push_str(cw.decimal_comma);
    }
    let skipped = if skipped.is_empty() {
        w.nothing_skipped.to_string()
    } else {
        skipped.join("; ")
    };
    vec![
        p.label.clone(),
        Format::fill(w.read_as, profile),
        read,
        format!("{}: {}", w.columns, columns.join(", ")),
        format!("{}: {skipped}", w.skipped),
    ]
}

fn render_preview(
    app: &App,
    import: &Import,
    p: &Preview,
    frame: &mut Frame<'_>,
    area: Rect,
    t: Theme,
) {
    let w = &app.words().ui.import;
    let fmt = app.format();
    let box_w = area.width.saturating_sub(2).min(100);
    let cols = box_w.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, text) in about(app, p).iter().enumerate() {
        let style = if i == 1 { t.heading() } else { t.base() };
        lines.extend(wrapped(text, cols, style));
    }
    lines.push(Line::default());
    let last = if import.pending() {
        Line::styled(
            fit(
                &Format::fill(w.writing, count(fmt, p.file.rows.len())),
                cols,
            ),
            t.soon(),
        )
    } else {
        let undo = app
            .keymap
            .key_text(Context::Kpis, Action::Undo)
            .unwrap_or_default();
        Line::styled(fit(&Format::fill(w.confirm, undo), cols), t.key())
    };
    let h = area.height.saturating_sub(2);
    // The box's inside: what it was read as, the months table (its heading
    // and as many months as fit, the latest kept), the keys.
    let room = (h as usize).saturating_sub(2 + lines.len() + 2);
    let months = &p.months;
    let cells: Vec<[String; 4]> = months
        .iter()
        .map(|m| {
            [
                month(m.month),
                count(fmt, m.orders),
                fmt.money(m.revenue),
                count(fmt, m.new_customers),
            ]
        })
        .collect();
    let heads = w.month_heads.map(str::to_string);
    // Each column as wide as its widest cell, two spaces apart: a year's
    // revenue in đồng runs to fifteen characters.
    let widths: [usize; 4] = std::array::from_fn(|i| {
        cells
            .iter()
            .chain([&heads])
            .map(|c| width(&c[i]))
            .max()
            .unwrap_or(0)
    });
    let row = |c: &[String; 4]| {
        let mut text = pad(&c[0], widths[0]);
        for i in 1..4 {
            text.push_str("  ");
            text.push_str(&right(&c[i], widths[i]));
        }
        text
    };
    lines.push(Line::styled(fit(&row(&heads), cols), t.heading()));
    let shown = if months.len() > room.saturating_sub(1) {
        room.saturating_sub(2)
    } else {
        months.len()
    };
    let hidden = months.len() - shown.min(months.len());
    if hidden > 0 {
        lines.push(Line::styled(
            fit(&Format::fill(w.more_months, count(fmt, hidden)), cols),
            t.dim(),
        ));
    }
    for c in &cells[hidden..] {
        lines.push(Line::raw(fit(&row(c), cols)));
    }
    // The keys keep their row however little room is left.
    let h = (lines.len() as u16 + 4).min(h.max(4));
    let inner = boxed(w.preview_title, box_w, h, frame, area, t);
    let [body, _, keys] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(lines), body);
    frame.render_widget(last, keys);
}
