//! The Strategy tab: a bar of its six sections, the selected section's
//! list, and the selected item's detail beside it (from 120 columns) or
//! under it. The message reads as wrapped text, procedures' steps too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::app::strategy::{Section, StrategyTab};
use crate::app::{Action, App, Context};
use crate::i18n::Format;
use crate::metrics::forecast::Outlook;
use crate::metrics::objective::ObjectiveStatus;
use crate::report::forecast;

mod detail;
mod list;

use detail::render_detail;
use list::render_list;

const SIDE_BY_SIDE: u16 = 120;
/// From how many columns the objective list shows each forecast.
const WITH_FORECAST: usize = 100;
const DETAIL_WIDTH: u16 = 50;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let Some(s) = &app.strategy else {
        return;
    };
    let [bar, body] = bar_and_body(area);
    render_sections(app, s, frame, bar, t);
    match s.section {
        Section::Message => return render_message(app, s, frame, body, t),
        _ if s.len(s.section) == 0 => return render_empty(app, s, frame, body, t),
        _ => {}
    }
    let (list, detail) = list_and_detail(s, body);
    render_list(app, s, frame, list, t);
    if let Some(d) = detail {
        render_detail(app, s, frame, d, t);
    }
}

/// An empty section: what it is for and the key that adds to it, then
/// the workflow's checklist.
fn render_empty(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let key = app
        .keymap
        .key_text(Context::Strategy, Action::Add)
        .unwrap_or_default();
    let what = app.words().ui.guide.sections_empty[s.section.index()];
    let mut lines = vec![Line::raw(Format::fill(what, key)), Line::default()];
    lines.extend(super::checklist::lines(app, &s.workflow, t));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn bar_and_body(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
}

/// Where the list and the detail go under the sections' bar.
fn list_and_detail(s: &StrategyTab, body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= SIDE_BY_SIDE {
        let [a, b] =
            Layout::horizontal([Constraint::Min(50), Constraint::Length(DETAIL_WIDTH)]).areas(body);
        (a, Some(b))
    } else if body.height >= 16 {
        let rows = if s.section == Section::Procedures {
            body.height / 2
        } else {
            8
        };
        let [a, b] = Layout::vertical([Constraint::Min(4), Constraint::Length(rows)]).areas(body);
        (a, Some(b))
    } else {
        (body, None)
    }
}

/// Where the selected section's list goes on the tab's `area`.
pub(super) fn list_area(s: &StrategyTab, area: Rect) -> Rect {
    let [_, body] = bar_and_body(area);
    list_and_detail(s, body).0
}

/// The item of the section's list at `at` on the tab drawn on `area`, by
/// its place in the section; none on a heading, the message or an empty
/// section.
pub(super) fn item_at(
    app: &App,
    s: &StrategyTab,
    area: Rect,
    t: Theme,
    at: ratatui::layout::Position,
) -> Option<usize> {
    if s.section == Section::Message || s.len(s.section) == 0 {
        return None;
    }
    let list = list_area(s, area);
    if !list.contains(at) {
        return None;
    }
    list::item_at(app, s, list, t, at.y)
}

fn render_sections(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.strategy;
    let mut spans = Vec::new();
    for (i, name) in w.sections.iter().enumerate() {
        let style = if i == s.section.index() {
            t.active_tab()
        } else {
            t.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
    }
    frame.render_widget(Line::from(spans), area);
}

fn status_style(st: ObjectiveStatus, t: Theme) -> Style {
    match st {
        ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
        ObjectiveStatus::AtRisk => t.soon(),
        ObjectiveStatus::Missed => t.warning(),
        ObjectiveStatus::NoData => t.dim(),
    }
}

/// When a budget runs out at the current pace: the day (or that it
/// lasts), with where its spend lands in the detail; the outlook where it
/// says something (over, too early); nothing for past and future periods.
fn budget_forecast(fmt: Format, b: &crate::app::strategy::BudgetLine, detail: bool) -> String {
    let f = &b.forecast;
    match f.outlook {
        Outlook::Projected => {
            let [lands, day] = forecast::budget(fmt, f);
            if detail {
                format!("{lands} · {day}")
            } else {
                day
            }
        }
        Outlook::Exceeded | Outlook::TooEarly => fmt.words().forecast.outlook(f.outlook).into(),
        _ if detail => "—".into(),
        _ => String::new(),
    }
}

fn render_message(app: &App, s: &StrategyTab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let w = &app.words().ui.strategy;
    let heading = |i: usize| {
        if s.selected() == i {
            t.heading().patch(t.selected())
        } else {
            t.heading()
        }
    };
    let mut lines = vec![Line::styled(w.brand_message.to_string(), heading(0))];
    let text = |v: &str| -> Vec<Line<'static>> {
        if v.trim().is_empty() {
            vec![Line::styled(w.empty.to_string(), t.dim())]
        } else {
            v.lines().map(|l| Line::raw(l.to_string())).collect()
        }
    };
    lines.extend(text(&s.message.brand_message));
    lines.push(Line::default());
    lines.push(Line::styled(w.positioning.to_string(), heading(1)));
    lines.extend(text(&s.message.positioning));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
