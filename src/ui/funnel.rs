//! The KPIs tab's funnel view (`v`, in place of the figures): visits →
//! leads → conversions → new customers for the selected period and scope,
//! each step's count and rate from the step before with their change
//! against the period the figures compare with, and the biggest drop
//! marked in colour and with a word, so it reads without colour too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::App;
use crate::app::kpis::KpisTab;
use crate::report::funnel::{cells, legend};
use crate::text::{fit, pad, width};

/// Columns stand this far apart, in both locales.
const GAP: usize = 2;

/// `s` right-aligned in `cols` columns.
fn right(s: &str, cols: usize) -> String {
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(s))))
}

/// A change with the word saying whether it is good news, where there is
/// no colour to say it. Every step of the funnel is better higher.
fn judged(app: &App, text: String, change: Option<f64>, t: Theme) -> String {
    let c = &app.words().compare;
    let word = match change {
        _ if t.color && !t.ascii => return text,
        Some(v) if v > 0.0 => c.better,
        Some(v) if v < 0.0 => c.worse,
        _ => return text,
    };
    format!("{text} {word}")
}

pub fn render(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = app.words();
    let fw = &w.funnel;
    let fmt = app.format();
    let cols = area.width as usize;
    let mut lines = vec![Line::styled(
        fit(&format!("{} · {}", fw.title, k.period.label()), cols),
        t.heading(),
    )];
    if k.funnel.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(fit(fw.none, cols), t.dim()));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let header = [fw.step, fw.count, fw.change, fw.rate, fw.change];
    let rows: Vec<[String; 5]> = k
        .funnel
        .steps
        .iter()
        .map(|s| {
            let [step, count, count_change, rate, rate_change] = cells(fmt, s);
            [
                step,
                count,
                judged(app, count_change, s.count_change(), t),
                rate,
                judged(app, rate_change, s.rate_change(), t),
            ]
        })
        .collect();
    // Each column as wide as its widest cell.
    let widths: [usize; 5] = std::array::from_fn(|i| {
        rows.iter()
            .map(|r| width(&r[i]))
            .chain([width(header[i])])
            .max()
            .unwrap_or(0)
    });
    let gap = " ".repeat(GAP);
    let mut head = Vec::new();
    for (i, (h, cw)) in header.iter().zip(widths).enumerate() {
        let text = if i == 0 { pad(h, cw) } else { right(h, cw) };
        head.push(Span::raw(format!("{text}{gap}")));
    }
    lines.push(fit_line(head, cols).style(t.dim()));
    let mark = if t.ascii { "<" } else { "◀" };
    for (s, cells) in k.funnel.steps.iter().zip(&rows) {
        let mut spans = Vec::new();
        for (i, (text, cw)) in cells.iter().zip(widths).enumerate() {
            let text = if i == 0 {
                pad(text, cw)
            } else {
                right(text, cw)
            };
            let style = match i {
                2 | 4 if text.trim_start().starts_with('-') => t.soon(),
                3 if s.biggest_drop => t.warning(),
                _ => t.base(),
            };
            spans.push(Span::styled(format!("{text}{gap}"), style));
        }
        if s.biggest_drop {
            spans.push(Span::styled(
                format!("{mark} {}", fw.biggest_drop),
                t.warning(),
            ));
        }
        lines.push(fit_line(spans, cols));
    }
    lines.push(Line::default());
    let span = k
        .compared
        .previous
        .as_ref()
        .map(|_| super::kpis::compared_span(app, &k.compared.comparison));
    let legend = legend(fmt, k.compare, span.as_deref());
    // Where the footnote does not fit, each of its parts takes a line.
    let parts: Vec<&str> = if width(&legend) <= cols {
        vec![&legend]
    } else {
        legend.split(" · ").collect()
    };
    for part in parts {
        lines.push(Line::styled(fit(part, cols), t.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A line of spans cut to `cols` columns, the last span that does not fit
/// ending with `…`.
fn fit_line(spans: Vec<Span<'static>>, cols: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for s in spans {
        let room = cols.saturating_sub(used);
        if room == 0 {
            break;
        }
        let text = fit(s.content.trim_end_matches(' '), room);
        let text = if width(&s.content) <= room {
            s.content.to_string()
        } else {
            text
        };
        used += width(&text);
        out.push(Span::styled(text, s.style));
    }
    Line::from(out)
}
