//! The Plan tab's keys: selection, time, zoom, workload and scoreboard,
//! the way to a campaign's tasks, and the forms and question of what
//! writes (see `records`).

use super::{PlanTab, PlanView};
use crate::app::effect::{Effect, Env};
use crate::app::forms;
use crate::app::tasks::names;
use crate::app::{Action, Overlay, deleting, records};
use crate::domain::{RecordKind, RecordRef};

impl PlanTab {
    /// Carries out a key of the Plan tab.
    pub fn update(&mut self, action: Action, env: &Env) -> Effect {
        if matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::AddTaskToCampaign
        ) {
            return self.update_records(action, env);
        }
        let cols = env.fit.timeline_cols;
        let rows = env.fit.timeline_rows;
        let week_start = env.config.week_start;
        match action {
            Action::SelectRow(i) => self.select_at(i, cols),
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

impl PlanTab {
    /// The keys that write: add a campaign (running the first week shown,
    /// unless that is past: a new campaign is never pre-filled already
    /// over), edit or delete the selected one, add a task to it.
    fn update_records(&self, action: Action, env: &Env) -> Effect {
        let selected = self.selected_row().map(|r| &r.campaign);
        match (action, selected) {
            (Action::Add, _) => {
                records::open_new(RecordKind::Campaign, env, self.from.max(env.today))
            }
            (Action::Edit, Some(c)) => records::open_edit(RecordRef::of(c.id), env),
            (Action::Delete, Some(c)) => deleting::ask(RecordRef::of(c.id), env),
            (Action::AddTaskToCampaign, Some(c)) => {
                let mut form = forms::task::open(None, names(env.store), env.format());
                form.set(forms::task::Field::Campaign, &c.name);
                Effect::open(Overlay::Form(Box::new(form)))
            }
            _ => Effect::none(),
        }
    }
}
