//! The headline figures: their columns, rows and the widths they take.

use super::*;

/// The columns of the figures, each as wide as its widest cell, two
/// spaces apart (one after the labels, whose column ends ragged). Where
/// the labels would be cut short the changes are shown short; then labels
/// are cut (to no fewer than a few letters), then the target column, each
/// with an ellipsis.
pub(super) struct FigureColumns {
    pub(super) label: usize,
    pub(super) value: usize,
    pub(super) change: usize,
    pub(super) target: usize,
    /// Which of the change texts: 0 in full, 1 short.
    pub(super) short: usize,
}

pub(super) const GAP: usize = 2;
/// The room under which labels are cut enough to change the layout.
pub(super) const LABEL_ROOM: usize = 22;

/// Widths of the label, value, full and short change and target cells.
pub(super) struct Widest {
    pub(super) label: usize,
    pub(super) value: usize,
    pub(super) change: [usize; 2],
    pub(super) target: usize,
}

pub(super) fn figure_columns(width: usize, w: Widest) -> FigureColumns {
    // A column of margin: nothing touches the charts beside.
    let width = width.saturating_sub(1);
    let room = |change: usize| width.saturating_sub(w.value + change + 2 * GAP + 1 + w.target);
    let short = usize::from(room(w.change[0]) < LABEL_ROOM.min(w.label));
    let change = w.change[short];
    let fixed = w.value + change + 2 * GAP + 1;
    let label = w
        .label
        .min(width.saturating_sub(fixed + w.target))
        .max(w.label.min(LABEL_ROOM));
    let target = w.target.min(width.saturating_sub(fixed + label));
    FigureColumns {
        label,
        value: w.value,
        change,
        target,
        short,
    }
}

/// A row of the figures: label, value, change cells and their style, and
/// the target's progress and its style.
pub(super) type FigureRow = (
    &'static str,
    String,
    ([String; 2], Style),
    Option<(String, Style)>,
);

/// The figures' headings, rows and the widths of their cells.
pub(super) fn figure_rows(
    app: &App,
    k: &KpisTab,
    t: Theme,
) -> (String, String, Vec<FigureRow>, Widest) {
    let w = app.words();
    let fmt = app.format();
    let (current, against) = figure_headings(app, k);
    let rows: Vec<FigureRow> = k
        .headlines
        .iter()
        .map(|h| {
            let target = k.target_of(h.key).map(|s| {
                let done = s
                    .progress
                    .done
                    .map(|d| fmt.percent(d))
                    .unwrap_or_else(|| "—".into());
                (
                    format!("{done} {}", w.objective_status(s.progress.status)),
                    status_style(s.progress.status, t),
                )
            });
            let value = show(fmt, h.measure, h.current);
            (label(w, h.key), value, change_cells(app, h, t), target)
        })
        .collect();
    let widest = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0);
    let changes = |i: usize| widest(&mut rows.iter().map(|r| width(&r.2.0[i])));
    let sizes = Widest {
        label: widest(&mut rows.iter().map(|r| width(r.0))),
        value: widest(&mut rows.iter().map(|r| width(&r.1)).chain([width(&current)])),
        // The heading is as wide as the column gets: labels give way first.
        change: [changes(0), changes(1)].map(|c| c.max(width(&against))),
        target: widest(
            &mut rows
                .iter()
                .filter_map(|r| r.3.as_ref().map(|t| width(&t.0)))
                .chain([width(w.ui.vs_target)]),
        ),
    };
    (current, against, rows, sizes)
}

/// The columns the figures take with every cell whole (and the margin).
pub(super) fn figures_need(app: &App, k: &KpisTab, t: Theme) -> u16 {
    let (_, _, _, w) = figure_rows(app, k, t);
    let need = 1 + w.label + 1 + w.value + GAP + w.change[0] + GAP + w.target;
    u16::try_from(need).unwrap_or(u16::MAX)
}

pub(super) fn render_figures(app: &App, k: &KpisTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    if k.show_funnel {
        return crate::ui::funnel::render(app, k, frame, area, t);
    }
    let w = app.words();
    let (current, against, rows, sizes) = figure_rows(app, k, t);
    let cols = figure_columns(area.width as usize, sizes);
    let gap = " ".repeat(GAP);
    let heading = fit(&against, cols.change);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(pad("", cols.label)),
            Span::raw(format!(" {}{gap}", pad(&current, cols.value))),
            Span::raw(format!("{}{gap}", pad(&heading, cols.change))),
            Span::raw(fit(w.ui.vs_target, cols.target)),
        ])
        .style(t.dim()),
    ];
    for (name, value, (chg, chg_style), target) in rows {
        let mut spans = vec![
            Span::raw(pad(name, cols.label)),
            Span::raw(format!(" {}{gap}", pad(&value, cols.value))),
            Span::styled(pad(&chg[cols.short], cols.change), chg_style),
        ];
        if let Some((text, style)) = target {
            spans.push(Span::raw(gap.clone()));
            spans.push(Span::styled(fit(&text, cols.target), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub(super) fn status_style(s: ObjectiveStatus, t: Theme) -> Style {
    match s {
        ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
        ObjectiveStatus::AtRisk => t.soon(),
        ObjectiveStatus::Missed => t.warning(),
        ObjectiveStatus::NoData => t.dim(),
    }
}

/// How a chart's values read on its axis.
pub(super) type Reader = fn(&App, f64) -> String;

#[cfg(test)]
mod figure_column_tests {
    use super::*;

    #[test]
    fn changes_go_short_before_labels_are_cut_short_and_targets_come_last() {
        // 80 columns less one of margin; "Cost per conversion" is 19 wide.
        let en = figure_columns(
            80,
            Widest {
                label: 19,
                value: 16,
                change: [28, 20],
                target: 14,
            },
        );
        // In full: 19 + 1 + 16 + 2 + 28 + 2 + 14 = 82 > 79, so short
        // changes; then 19 + 1 + 16 + 2 + 20 + 2 + 14 = 74 fits whole.
        assert_eq!(
            (en.label, en.value, en.change, en.target, en.short),
            (19, 16, 20, 14, 1)
        );
        // Vietnamese labels up to 39 wide keep 22 columns; the target
        // column has the 79 − (22 + 1 + 17 + 2 + 20 + 2) = 15 left.
        let vi = figure_columns(
            80,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!((vi.label, vi.change, vi.target, vi.short), (22, 20, 15, 1));
        // Wide: everything whole, changes in full.
        let wide = figure_columns(
            160,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!(
            (wide.label, wide.change, wide.target, wide.short),
            (39, 30, 18, 0)
        );
        // A terminal too narrow for anything: no panic, nothing negative.
        let tiny = figure_columns(
            3,
            Widest {
                label: 39,
                value: 17,
                change: [30, 20],
                target: 18,
            },
        );
        assert_eq!((tiny.label, tiny.target), (22, 0));
    }
}
