//! The Plan tab's scoreboard: every campaign, past ones included, as a
//! sortable table of dates, status, budget, spend, pacing, conversions,
//! cost per conversion, revenue, ROAS and task progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::plan::status_style;
use super::{Theme, table};
use crate::app::App;
use crate::app::plan::{CampaignRow, PlanTab};
use crate::i18n::{Format, PlanWords};
use crate::metrics::pacing::Pace;
use crate::scoreboard::Column;
use crate::text::fit;

/// A pace's colour: over budget in the warning colour, off pace in the
/// "soon" one, on pace good, the rest dim.
pub fn pace_style(p: Pace, t: Theme) -> Style {
    match p {
        Pace::Over => t.warning(),
        Pace::Ahead | Pace::Behind => t.soon(),
        Pace::OnPace => t.good(),
        Pace::NotStarted | Pace::Ended | Pace::NoBudget => t.dim(),
    }
}

/// A pace in words, after its mark when it has one ("! over budget"), so
/// that it reads the same without colour.
pub fn pace_text(w: &PlanWords, p: Pace) -> String {
    match p.mark() {
        Some(m) => format!("{m} {}", w.pace(p)),
        None => w.pace(p).to_string(),
    }
}

/// The name column's width: at least this, at most [`NAME_MAX`].
const NAME_MIN: usize = 18;
const NAME_MAX: usize = 32;

/// The heading over the table: how many campaigns and how they are
/// sorted.
pub fn heading(app: &App, p: &PlanTab) -> String {
    let w = &app.words().ui.plan;
    let column = w.columns[p.sort.index()];
    let sort = if p.reversed {
        Format::fill(w.reversed, column)
    } else {
        column.to_string()
    };
    Format::fill_all(w.board_heading, &[&p.campaigns.len(), &sort])
}

/// Every cell of the table, the headings first, in `Column::ALL` order.
fn cells(app: &App, rows: &[&CampaignRow]) -> Vec<Vec<String>> {
    let w = &app.words().ui.plan;
    let fmt = app.format();
    let mut out = vec![w.columns.iter().map(|s| s.to_string()).collect()];
    for r in rows {
        let s = r.scored();
        out.push(Column::ALL.iter().map(|c| s.cell(*c, fmt, w)).collect());
    }
    out
}

/// The columns shown in a table `total` wide and each one's width:
/// columns give way in `Column::KEPT_FIRST`'s order from the last.
fn fit_columns(cells: &[Vec<String>], total: usize) -> Vec<(usize, usize)> {
    let kept: Vec<usize> = Column::KEPT_FIRST.iter().map(|c| c.index()).collect();
    table::fit_columns(cells, total, &kept, (NAME_MIN, NAME_MAX))
}

/// Where each column of the table starts on a screen of `screen` (its
/// x) and how wide it is: for tests that check no two columns touch.
pub fn column_spans(app: &App, screen: Rect) -> Vec<(Column, u16, u16)> {
    let Some(p) = &app.plan else {
        return Vec::new();
    };
    let area = super::plan::table_area(super::body(app, screen));
    let fitted = fit_columns(
        &cells(app, &p.board()),
        (area.width as usize).saturating_sub(1),
    );
    table::spans(&fitted, area.x)
        .into_iter()
        .map(|(c, x, w)| (Column::ALL[c], x, w))
        .collect()
}

/// Which columns a screen of `screen` shows, in `Column::ALL` order: the
/// ones the sort goes round.
pub fn shown_columns(app: &App, screen: Rect) -> [bool; Column::ALL.len()] {
    let mut shown = [false; Column::ALL.len()];
    for (c, _, _) in column_spans(app, screen) {
        shown[c.index()] = true;
    }
    shown
}

/// The first of `board`'s rows drawn on `room` rows: the selected one
/// kept on the last at most.
pub(super) fn first_row(p: &PlanTab, board: &[&CampaignRow], room: usize) -> usize {
    let at = p
        .selected
        .and_then(|id| board.iter().position(|r| r.campaign.id == id))
        .unwrap_or(0);
    (at + 1).saturating_sub(room)
}

pub fn render(app: &App, p: &PlanTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = &app.words().ui.plan;
    // A column kept free on the right, before the detail beside it.
    let total = (area.width as usize).saturating_sub(1);
    let board = p.board();
    if board.is_empty() {
        frame.render_widget(Span::styled(fit(w.no_campaigns, total), t.dim()), area);
        return;
    }
    let cells = cells(app, &board);
    let fitted = fit_columns(&cells, total);
    let right = |c: usize| Column::ALL[c].right_aligned();
    let mut lines = vec![table::row_line(&cells[0], &fitted, &right, &|_| t.dim())];
    // Rows between the headings and the line saying what the marks mean.
    let room = (area.height as usize).saturating_sub(2).max(1);
    let first = first_row(p, &board, room);
    for (r, row) in board.iter().zip(&cells[1..]).skip(first).take(room) {
        let selected = p.selected == Some(r.campaign.id);
        let pace = r.score.pacing.pace;
        let status = status_style(r.campaign.status, t);
        let style = |c: usize| match Column::ALL[c] {
            Column::Name if selected => t.selected(),
            Column::Name | Column::Status => status,
            Column::Used | Column::Pace => pace_style(pace, t),
            _ => t.base(),
        };
        lines.push(table::row_line(row, &fitted, &right, &style));
    }
    if area.height >= 3 {
        lines.push(Line::styled(fit(w.marks, total), t.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
