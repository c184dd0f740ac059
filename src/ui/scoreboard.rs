//! The Plan tab's scoreboard: every campaign, past ones included, as a
//! sortable table of dates, status, budget, spend, pacing, conversions,
//! cost per conversion, revenue, ROAS and task progress.

use ratatui::style::Style;

use super::Theme;
use crate::i18n::PlanWords;
use crate::metrics::pacing::Pace;

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
