//! The mouse, where the config (`mouse = true`) or `--mouse` turns it on:
//! each event mapped to the action a key would give, then carried out as
//! a key's is. A click on a tab shows it, a click on a row, a card or an
//! item of the Strategy or Plan lists selects it, the wheel moves the selection of the list shown.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, Context};
use crate::ui::mouse::{Spot, spot};

/// The action `event` asks for on a screen of `area`, if any.
pub fn action(app: &App, event: &MouseEvent, area: Rect) -> Option<Action> {
    let at = spot(app, area, event.column, event.row);
    match (event.kind, at) {
        (_, Spot::Nothing) => None,
        (MouseEventKind::Down(MouseButton::Left), Spot::Tab(tab)) => Some(Action::Show(tab)),
        (MouseEventKind::Down(MouseButton::Left), Spot::TaskRow(row) | Spot::Item(row)) => {
            Some(Action::SelectRow(row))
        }
        (MouseEventKind::Down(MouseButton::Left), Spot::Card(column, row)) => {
            Some(Action::SelectCard(column, row))
        }
        (
            MouseEventKind::ScrollDown,
            Spot::Body | Spot::TaskRow(_) | Spot::Card(..) | Spot::Item(_),
        ) => Some(Action::Down),
        (
            MouseEventKind::ScrollUp,
            Spot::Body | Spot::TaskRow(_) | Spot::Card(..) | Spot::Item(_),
        ) => Some(Action::Up),
        _ => None,
    }
}

/// Carries out `event` on a screen of `area`. Only the tabs take it: an
/// open form, question, overlay or filter line keeps to its keys, as does
/// a screen too small to show anything or a write waiting for another
/// process.
pub fn on_mouse(app: &mut App, event: &MouseEvent, area: Rect) {
    let tabs = matches!(
        app.context(),
        Context::Tasks | Context::Kpis | Context::Plan | Context::Strategy | Context::Global
    );
    if !tabs || app.fit.too_small || app.is_waiting() {
        return;
    }
    if let Some(action) = action(app, event, area) {
        app.status = None;
        app.update(action);
    }
}
