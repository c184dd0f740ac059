//! The Strategy and Plan tabs as overviews until their full versions:
//! objectives with progress, segments and channels; campaigns with budget
//! and spend.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::overview::Overview;
use crate::app::{App, Tab};
use crate::domain::CampaignStatus;
use crate::metrics::objective::ObjectiveStatus;
use crate::text::{fit, pad};

pub fn render(app: &App, tab: Tab, frame: &mut Frame<'_>, area: Rect, t: Theme) {
    let [note, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Span::styled(
            fit(app.words().ui.overview_note, note.width as usize),
            t.dim(),
        ),
        note,
    );
    let Some(o) = &app.overview else {
        return;
    };
    let lines = match tab {
        Tab::Strategy => strategy(app, o, main.width as usize, t),
        _ => plan(app, o, main.width as usize, t),
    };
    frame.render_widget(Paragraph::new(lines), main);
}

fn strategy(app: &App, o: &Overview, w: usize, t: Theme) -> Vec<Line<'static>> {
    let words = app.words();
    let fmt = app.format();
    let mut out = vec![Line::styled(words.ui.objectives.to_string(), t.heading())];
    let title_w = w.saturating_sub(34).max(10);
    for s in &o.objectives {
        let style = match s.progress.status {
            ObjectiveStatus::Met | ObjectiveStatus::OnTrack => t.good(),
            ObjectiveStatus::AtRisk => t.soon(),
            ObjectiveStatus::Missed => t.warning(),
            ObjectiveStatus::NoData => t.dim(),
        };
        let done = s
            .progress
            .done
            .map(|d| fmt.percent(d))
            .unwrap_or_else(|| "—".into());
        out.push(Line::from(vec![
            Span::raw(pad(&s.objective.title, title_w)),
            Span::raw(format!(" {} ", pad(&done, 8))),
            Span::styled(pad(words.objective_status(s.progress.status), 14), style),
            Span::styled(fmt.date(s.objective.deadline), t.dim()),
        ]));
    }
    out.push(Line::default());
    out.push(Line::styled(words.ui.segments.to_string(), t.heading()));
    for s in &o.segments {
        out.push(Line::from(vec![
            Span::raw(pad(&s.name, 24)),
            Span::styled(fit(&s.description, w.saturating_sub(25)), t.dim()),
        ]));
    }
    out.push(Line::default());
    out.push(Line::styled(words.ui.channels.to_string(), t.heading()));
    let names: Vec<String> = o
        .channels
        .iter()
        .map(|c| format!("{} ({})", c.name, c.kind))
        .collect();
    out.push(Line::raw(fit(&names.join(" · "), w)));
    out
}

fn plan(app: &App, o: &Overview, w: usize, t: Theme) -> Vec<Line<'static>> {
    let words = app.words();
    let fmt = app.format();
    let mut out = vec![Line::styled(words.ui.campaigns.to_string(), t.heading())];
    let name_w = w.saturating_sub(60).max(12);
    for (c, spent) in o.campaigns.iter().rev() {
        let style = match c.status {
            CampaignStatus::Active => t.good(),
            CampaignStatus::Planned => t.base(),
            _ => t.dim(),
        };
        let over = *spent > c.budget;
        out.push(Line::from(vec![
            Span::styled(pad(&c.name, name_w), style),
            Span::styled(format!(" {} ", pad(c.status.as_str(), 9)), style),
            Span::raw(format!("{} – {} ", fmt.date(c.start), fmt.date(c.end))),
            Span::styled(
                format!("{} / {}", fmt.money(*spent), fmt.money(c.budget)),
                if over { t.warning() } else { t.dim() },
            ),
        ]));
    }
    out
}
