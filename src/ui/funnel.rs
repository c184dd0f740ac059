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

/// Column widths: step, count, its change, rate, its change. Each column
/// is followed by one space, so none touches the next.
const WIDTHS: [usize; 5] = [16, 11, 9, 7, 13];

/// `s` right-aligned in `cols` columns (cut to them if longer).
fn right(s: &str, cols: usize) -> String {
    let s = fit(s, cols);
    format!("{}{s}", " ".repeat(cols.saturating_sub(width(&s))))
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
    let mut head = String::new();
    for (i, (h, cw)) in header.iter().zip(WIDTHS).enumerate() {
        head.push_str(&if i == 0 { pad(h, cw) } else { right(h, cw) });
        head.push(' ');
    }
    lines.push(Line::styled(fit(head.trim_end(), cols), t.dim()));
    let mark = if t.ascii { "<" } else { "◀" };
    for s in &k.funnel.steps {
        let cells = cells(fmt, s);
        let mut spans = Vec::new();
        for (i, (text, cw)) in cells.iter().zip(WIDTHS).enumerate() {
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
            spans.push(Span::styled(format!("{text} "), style));
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
