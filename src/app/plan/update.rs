//! The Plan tab's keys: selection, time, zoom, workload and scoreboard,
//! and the way to a campaign's tasks. What writes is `records`'.

use super::{PlanTab, PlanView};
use crate::app::Action;
use crate::app::effect::{Effect, Env};

impl PlanTab {
    /// Carries out a key of the Plan tab that reads only.
    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        let cols = env.fit.timeline_cols;
        let rows = env.fit.timeline_rows;
        let week_start = env.config.week_start;
        match action {
            Action::Up => self.move_by(-1, cols),
            Action::Down => self.move_by(1, cols),
            Action::PageUp => self.move_by(-(rows.max(2) as isize - 1), cols),
            Action::PageDown => self.move_by(rows.max(2) as isize - 1, cols),
            Action::HalfPageUp => self.move_by(-((rows / 2).max(1) as isize), cols),
            Action::HalfPageDown => self.move_by((rows / 2).max(1) as isize, cols),
            Action::Top => self.move_by(isize::MIN / 2, cols),
            Action::Bottom => self.move_by(isize::MAX / 2, cols),
            Action::PrevPeriod => self.scroll(false),
            Action::NextPeriod => self.scroll(true),
            Action::CurrentPeriod => self.to_today(env.today, week_start),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::ToggleScoreboard => self.toggle_scoreboard(cols, week_start),
            // The sort keys act on the table shown only, never on a
            // hidden one.
            Action::CycleSort if self.view == PlanView::Scoreboard => {
                self.cycle_sort(&env.fit.board_columns)
            }
            Action::ReverseSort if self.view == PlanView::Scoreboard => self.reverse_sort(),
            Action::ToggleWorkload => {
                self.view = match self.view {
                    PlanView::Workload => PlanView::Timeline,
                    _ => PlanView::Workload,
                }
            }
            Action::OpenTasks => {
                let Some(name) = self.selected_row().map(|r| r.campaign.name.clone()) else {
                    return Effect::none();
                };
                let quoted = name.replace('"', "");
                return Effect {
                    tasks_filter: Some(format!("campaign:\"{quoted}\"")),
                    ..Effect::default()
                };
            }
            _ => return Effect::none(),
        }
        self.settle(cols, rows);
        Effect::none()
    }
}
