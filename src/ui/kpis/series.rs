//! The chart catalogue and its formatting decisions: which figures each
//! chart plots and how they read, the marks, titles and axis labels.

use super::*;

/// One line chart over the window: its title, its values, the metric an
/// objective may target, and how its values read.
pub(super) struct Series {
    pub(super) title: &'static str,
    pub(super) values: Vec<Option<f64>>,
    pub(super) target_key: &'static str,
    pub(super) read: Reader,
}

pub(super) fn series(app: &App, k: &KpisTab, which: Which) -> Option<Series> {
    let w = app.words();
    let (title, target_key, pick, read): (_, _, fn(&PeriodFigures) -> Option<f64>, Reader) =
        match which {
            Which::Customers => (
                w.customers,
                "customers_end",
                |f| f.customers_end.map(Amount::to_f64),
                |app, v| app.format().count(Amount::from_int(v.round() as i64)),
            ),
            Which::ChurnRate => (
                w.churn_rate,
                "churn_rate",
                PeriodFigures::churn_rate,
                |app, v| app.format().percent(v),
            ),
            Which::ConversionRate => (
                w.conversion_rate,
                "conversion_rate",
                PeriodFigures::conversion_rate,
                |app, v| app.format().percent(v),
            ),
            Which::CostPerConversion => (
                w.cost_per_conversion,
                "cost_per_conversion",
                |f| f.cost_per_conversion().map(Amount::to_f64),
                |app, v| app.format().money(Amount::from_int(v.round() as i64)),
            ),
            Which::Segments | Which::Cohorts | Which::CohortRevenue => return None,
        };
    Some(Series {
        title,
        values: k.figures.iter().map(pick).collect(),
        target_key,
        read,
    })
}

/// The markers of a line, its target, the selected period and a period
/// with notes, with how each reads in the legend. The target is drawn
/// with its own mark, never the line's: without colour the two would be
/// the same dots.
pub(super) struct Markers {
    pub(super) line: Marker,
    pub(super) target: Marker,
    pub(super) point: Marker,
    pub(super) note: Marker,
    pub(super) line_sample: &'static str,
    pub(super) target_sample: &'static str,
    pub(super) point_sample: &'static str,
}

pub(super) fn markers(app: &App) -> Markers {
    if app.ascii {
        Markers {
            line: Marker::Custom('*'),
            target: Marker::Custom('='),
            point: Marker::Custom('o'),
            note: Marker::Custom('!'),
            line_sample: "*",
            target_sample: "=",
            point_sample: "o",
        }
    } else if app.config.braille {
        Markers {
            line: Marker::Braille,
            target: Marker::Custom('┄'),
            point: Marker::Dot,
            note: Marker::Custom('!'),
            line_sample: "⠒",
            target_sample: "┄",
            point_sample: "•",
        }
    } else {
        Markers {
            line: Marker::Dot,
            target: Marker::Custom('┄'),
            point: Marker::Block,
            note: Marker::Custom('!'),
            line_sample: "•",
            target_sample: "┄",
            point_sample: "█",
        }
    }
}

/// The columns a bordered chart's title has: between its corners.
pub(super) fn titled(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2))
}

/// A chart's title in `room` columns: its name, cut with an ellipsis only
/// when it alone does not fit, then whole legend items while they fit. An
/// item left out is said with "…": a count cut from 45 to 4 would read as
/// a figure.
pub(super) fn title_line(
    head: Span<'static>,
    items: Vec<Vec<Span<'static>>>,
    room: usize,
) -> Line<'static> {
    const MORE: &str = "… ";
    let head_w = width(&head.content);
    // The name alone, with "…" for the items it leaves no room for.
    let alone = |head: Span<'static>, dropped: bool| {
        let name = head.content.trim_end();
        // The space before the name gives way before the name does.
        let name = if dropped && width(name) >= room {
            name.trim_start()
        } else {
            name
        };
        let text = match (dropped, width(name) < room) {
            (true, true) => format!("{name}…"),
            (true, false) => fit(name, room.saturating_sub(1)),
            (false, _) => fit(name, room),
        };
        Line::from(Span::styled(text, head.style))
    };
    if head_w > room {
        return alone(head, !items.is_empty());
    }
    let widths: Vec<usize> = items
        .iter()
        .map(|i| i.iter().map(|s| width(&s.content)).sum())
        .collect();
    // The last item's trailing gap may fall on the corner.
    let trail = |i: usize| {
        items[i]
            .last()
            .map_or(0, |s| width(&s.content) - width(s.content.trim_end()))
    };
    let mut shown = 0;
    let mut used = head_w;
    while shown < items.len() {
        let last = shown + 1 == items.len();
        let need = if last {
            widths[shown] - trail(shown)
        } else {
            widths[shown]
        };
        // Room for this item and, if more follow, for the "…" after it.
        let more = if last { 0 } else { width(MORE.trim_end()) };
        let fits_alone = used + need <= room;
        let rest_fits = last
            || used + widths[shown] + widths[shown + 1..].iter().sum::<usize>()
                - trail(items.len() - 1)
                <= room;
        if !fits_alone || (!rest_fits && used + need + more > room) {
            break;
        }
        used += widths[shown];
        shown += 1;
    }
    let cut = shown < items.len();
    // No item and no room for the "…" after the name: the name says it.
    if cut && shown == 0 && head_w + 1 > room {
        return alone(head, true);
    }
    let mut spans = vec![head];
    spans.extend(items.into_iter().take(shown).flatten());
    if cut {
        spans.push(Span::raw(MORE));
    }
    Line::from(spans)
}

/// The first, middle and last periods of the window.
pub(super) fn x_labels(window: &[Period]) -> [String; 3] {
    let at = |i: usize| window.get(i).map(|p| p.label()).unwrap_or_default();
    [
        at(0),
        at(window.len() / 2),
        at(window.len().saturating_sub(1)),
    ]
}

/// "2026-10" → "10", "2026-W44" → "W44", "2026-Q4" → "Q4", "2026" → "2026".
pub(super) fn short_label(p: &Period) -> String {
    let l = p.label();
    match l.split_once('-') {
        Some((_, rest)) => rest.to_string(),
        None => l,
    }
}

pub(super) fn count_of(v: Option<Amount>) -> u64 {
    v.map_or(0, |a| a.to_f64().round().max(0.0) as u64)
}
