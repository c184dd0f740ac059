//! The Strategy tab's Channels section: each channel's figures for the
//! month shown (spend, conversions, cost per conversion, revenue, ROAS),
//! the same figures the Plan tab's scoreboard gives each campaign, in
//! columns fitted to the width.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Theme, table};
use crate::app::App;
use crate::app::strategy::StrategyTab;
use crate::metrics::PeriodFigures;
use crate::scoreboard::Column;

/// The name column's least and most width.
const NAME: (usize, usize) = (14, 28);

/// Columns left to right: name, kind, spend, conversions, cost per
/// conversion, revenue, ROAS.
const KIND: usize = 1;
const SPEND: usize = 2;
const CONVERSIONS: usize = 3;
const COST: usize = 4;
const REVENUE: usize = 5;
const ROAS: usize = 6;

/// Which columns stay when the width runs short.
const KEPT_FIRST: [usize; 6] = [SPEND, CONVERSIONS, COST, ROAS, REVENUE, KIND];

/// The figures' cells of a channel's month: spend, conversions, cost per
/// conversion, revenue, ROAS; "—" where there is no data.
fn figures(app: &App, f: &PeriodFigures) -> [String; 5] {
    let fmt = app.format();
    let dash = || "—".to_string();
    [
        f.spend.map_or_else(dash, |a| fmt.money(a)),
        f.conversions.map_or_else(dash, |a| fmt.count(a)),
        f.cost_per_conversion().map_or_else(dash, |a| fmt.money(a)),
        f.revenue.map_or_else(dash, |a| fmt.money(a)),
        f.return_on_ad_spend().map_or_else(dash, |x| fmt.times(x)),
    ]
}

fn cells(app: &App, s: &StrategyTab) -> Vec<Vec<String>> {
    let words = app.words();
    let plan = &words.ui.plan;
    let heading = |c: Column| plan.columns[c.index()].to_string();
    let mut out = vec![vec![
        String::new(),
        words.ui.strategy.kind.to_string(),
        words.spend.to_string(),
        heading(Column::Conversions),
        heading(Column::CostPerConversion),
        heading(Column::Revenue),
        heading(Column::Roas),
    ]];
    for l in &s.channels {
        let mut row = vec![
            l.channel.name.clone(),
            words.ui.strategy.channel_kind(l.channel.kind).to_string(),
        ];
        row.extend(figures(app, &l.month));
        out.push(row);
    }
    out
}

/// A free column on the right, before the detail beside the list.
fn room(cols: usize) -> usize {
    cols.saturating_sub(1)
}

/// The section's rows in a list `cols` wide: the headings, then each
/// channel with the index it stands for.
pub(super) fn rows(
    app: &App,
    s: &StrategyTab,
    cols: usize,
    t: Theme,
) -> Vec<(Option<usize>, Line<'static>)> {
    let cells = cells(app, s);
    let fitted = table::fit_columns(&cells, room(cols), &KEPT_FIRST, NAME);
    let right = |c: usize| c >= SPEND;
    let mut out = vec![(
        None,
        table::row_line(&cells[0], &fitted, &right, &|_| t.dim()),
    )];
    for (i, (l, row)) in s.channels.iter().zip(&cells[1..]).enumerate() {
        let name = if l.channel.active { t.base() } else { t.dim() };
        let style = |c: usize| match c {
            0 => name,
            KIND => t.dim(),
            _ => t.base(),
        };
        out.push((Some(i), table::row_line(row, &fitted, &right, &style)));
    }
    out
}

/// The figures' lines of the detail: spend, conversions and cost per
/// conversion, then revenue and ROAS.
pub(super) fn detail_lines(app: &App, f: &PeriodFigures) -> [Line<'static>; 2] {
    let words = app.words();
    let h = |c: Column| words.ui.plan.columns[c.index()];
    let [spend, conversions, cost, revenue, roas] = figures(app, f);
    [
        Line::from(Span::raw(format!(
            "{} {spend} · {} {conversions} · {} {cost}",
            words.spend,
            h(Column::Conversions),
            h(Column::CostPerConversion)
        ))),
        Line::from(Span::raw(format!(
            "{} {revenue} · {} {roas}",
            h(Column::Revenue),
            h(Column::Roas)
        ))),
    ]
}

/// Where each column of the list starts on a screen of `screen` (its x)
/// and how wide it is: for tests that check no two columns touch.
pub fn column_spans(app: &App, screen: Rect) -> Vec<(u16, u16)> {
    let Some(s) = &app.strategy else {
        return Vec::new();
    };
    let list = super::strategy::list_area(s, super::body(app, screen));
    let fitted = table::fit_columns(&cells(app, s), room(list.width as usize), &KEPT_FIRST, NAME);
    table::spans(&fitted, list.x)
        .into_iter()
        .map(|(_, x, w)| (x, w))
        .collect()
}
