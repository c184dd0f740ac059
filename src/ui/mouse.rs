//! Where a click or the wheel lands: a tab of the tab bar, a row of the
//! Tasks list, a card of the board, an item of the Strategy or Plan
//! lists, or elsewhere in the tab. Worked out from the same layout the
//! frame is drawn with, so it only reads.

use ratatui::layout::{Position, Rect};
use ratatui::widgets::Block;

use super::{BRAND, tab_label, tasks, theme, too_small};
use crate::app::tasks::TaskView;
use crate::app::{App, Tab};
use crate::text::width;

/// What is under the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Tab(Tab),
    /// A row of the Tasks list, by its place among all rows.
    TaskRow(usize),
    /// A card of the board: its column and its place in it.
    Card(usize, usize),
    /// An item of the Strategy tab's section or a campaign of the Plan
    /// tab, by its place among those the selection moves through.
    Item(usize),
    /// Elsewhere in the tab's body.
    Body,
    /// Outside the body, or on nothing that acts.
    Nothing,
}

/// The spot at column `x`, row `y` of a screen of `area`.
pub fn spot(app: &App, area: Rect, x: u16, y: u16) -> Spot {
    let at = Position { x, y };
    if too_small(area) || !area.contains(at) {
        return Spot::Nothing;
    }
    if y == area.y {
        return tab_at(app, x.saturating_sub(area.x)).map_or(Spot::Nothing, Spot::Tab);
    }
    let body = super::body_drawn(app, area, theme(app));
    if !body.contains(at) {
        return Spot::Nothing;
    }
    let item = match app.tab {
        Tab::Tasks => None,
        Tab::Kpis => return Spot::Body,
        Tab::Strategy => app
            .strategy
            .as_ref()
            .and_then(|s| super::strategy::item_at(app, s, body, theme(app), at)),
        Tab::Plan => app
            .plan
            .as_ref()
            .and_then(|p| super::plan::campaign_at(p, body, at)),
    };
    if app.tab != Tab::Tasks {
        return item.map_or(Spot::Body, Spot::Item);
    }
    let Some(main) = tasks::areas(app, body).main.filter(|m| m.contains(at)) else {
        return Spot::Body;
    };
    let tab = &app.tasks;
    match tab.view {
        TaskView::List => {
            let rows = tasks::rows_area(main);
            let row = tab.offset + usize::from(y.saturating_sub(rows.y));
            if rows.contains(at) && row < tab.rows.len() {
                return Spot::TaskRow(row);
            }
        }
        TaskView::Board => {
            for (c, rect) in tasks::board_columns(main).iter().enumerate() {
                let inner = Block::bordered().inner(*rect);
                if !inner.contains(at) {
                    continue;
                }
                let selected = tab.board_rows.get(c).copied().unwrap_or(0);
                let start = tasks::board_start(selected, usize::from(inner.height));
                let row = start + usize::from(y - inner.y);
                if tab.columns.get(c).is_some_and(|col| row < col.len()) {
                    return Spot::Card(c, row);
                }
            }
        }
    }
    Spot::Body
}

/// The tab whose label is at column `x` of the tab bar.
fn tab_at(app: &App, x: u16) -> Option<Tab> {
    let mut from = width(BRAND);
    for tab in Tab::ALL {
        let to = from + width(&tab_label(app, tab));
        if (from..to).contains(&usize::from(x)) {
            return Some(tab);
        }
        from = to;
    }
    None
}
