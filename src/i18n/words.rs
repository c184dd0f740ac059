//! The shape of a locale's catalog: every word the program shows.

use crate::domain::{CauseCategory, NoteKind};
use crate::metrics::objective::ObjectiveStatus;

/// The words of reports and summaries, one catalog per locale.
#[derive(Debug)]
pub struct Words {
    pub report_title: &'static str,
    pub period: &'static str,
    pub vs_previous: &'static str,
    pub customers: &'static str,
    pub new_customers: &'static str,
    pub churned_customers: &'static str,
    pub reactivated_customers: &'static str,
    pub loyal_customers: &'static str,
    pub loyal_share: &'static str,
    pub churn_rate: &'static str,
    pub retention_rate: &'static str,
    pub growth_rate: &'static str,
    pub visits: &'static str,
    pub leads: &'static str,
    pub conversions: &'static str,
    pub conversion_rate: &'static str,
    pub spend: &'static str,
    pub cost_per_conversion: &'static str,
    pub customer_acquisition_cost: &'static str,
    pub revenue: &'static str,
    pub return_on_ad_spend: &'static str,
    pub objectives: &'static str,
    pub overdue_tasks: &'static str,
    pub over_budget: &'static str,
    pub none: &'static str,
    pub target: &'static str,
    pub due: &'static str,
    pub budget: &'static str,
    pub spent: &'static str,
    pub from_orders: &'static str,
    pub recorded: &'static str,
    pub notes: &'static str,
    pub customers_start: &'static str,
    pub as_of: &'static str,
    pub task: &'static str,
    pub assignee: &'static str,
    pub campaign: &'static str,
    pub metric: &'static str,
    pub now: &'static str,
    pub status: &'static str,
    /// Objective statuses: met, on track, at risk, missed, no data.
    pub objective_statuses: [&'static str; 5],
    /// "{} days late"
    pub days_late: &'static str,
    /// "to {}" after a running period's label
    pub to_date: &'static str,
    /// "… and {} more"
    pub and_more: &'static str,
    /// Note kinds: cause, review.
    pub note_kinds: [&'static str; 2],
    /// Cause categories, in `CauseCategory::ALL` order.
    pub categories: [&'static str; 7],
    /// Unit of a change in a rate: "pt".
    pub points: &'static str,
    pub ui: UiWords,
}

impl Words {
    pub fn objective_status(&self, s: ObjectiveStatus) -> &'static str {
        let i = match s {
            ObjectiveStatus::Met => 0,
            ObjectiveStatus::OnTrack => 1,
            ObjectiveStatus::AtRisk => 2,
            ObjectiveStatus::Missed => 3,
            ObjectiveStatus::NoData => 4,
        };
        self.objective_statuses[i]
    }

    pub fn note_kind(&self, k: NoteKind) -> &'static str {
        match k {
            NoteKind::Cause => self.note_kinds[0],
            NoteKind::Review => self.note_kinds[1],
        }
    }

    pub fn category(&self, c: CauseCategory) -> &'static str {
        let i = CauseCategory::ALL.iter().position(|x| *x == c).unwrap_or(6);
        self.categories[i]
    }
}

/// The words of the full-screen dashboard.
#[derive(Debug)]
pub struct UiWords {
    /// Strategy, Plan, Tasks, KPIs.
    pub tabs: [&'static str; 4],
    /// Task statuses: todo, doing, blocked, done.
    pub task_statuses: [&'static str; 4],
    /// Priorities: high, medium, low.
    pub priorities: [&'static str; 3],
    /// Due groups: overdue, today, this week, later, no date, done.
    pub due_groups: [&'static str; 6],
    /// Help sections: everywhere, tasks, filter line, forms, questions, help.
    pub contexts: [&'static str; 6],
    /// (action name, label) for the footer and the help overlay.
    pub actions: &'static [(&'static str, &'static str)],
    pub title: &'static str,
    pub tags: &'static str,
    pub priority: &'static str,
    pub help_title: &'static str,
    pub new_task: &'static str,
    pub edit_task: &'static str,
    pub form_keys: &'static str,
    pub filter_prompt: &'static str,
    pub filter_help: &'static str,
    /// "{} shown of {}"
    pub shown_of: &'static str,
    pub sort_due: &'static str,
    pub sort_next: &'static str,
    pub no_tasks: &'static str,
    pub no_match: &'static str,
    /// "needs at least {}"
    pub too_small: &'static str,
    pub read_only: &'static str,
    pub read_only_refused: &'static str,
    /// "Delete task {}? y/n"
    pub confirm_delete: &'static str,
    /// "Task {} done."
    pub msg_done: &'static str,
    /// "Task {}: "
    pub msg_task: &'static str,
    /// "{} to undo"
    pub msg_undo_hint: &'static str,
    /// "Added task {}"
    pub msg_added: &'static str,
    /// "Saved task {}"
    pub msg_saved: &'static str,
    /// "Deleted task {}"
    pub msg_deleted: &'static str,
    /// "Undid: {}"
    pub msg_undid: &'static str,
    /// "Redid: {}"
    pub msg_redid: &'static str,
    pub msg_reloaded: &'static str,
    pub due: &'static str,
    pub no_due: &'static str,
    pub overview_note: &'static str,
    pub objectives: &'static str,
    pub segments: &'static str,
    pub channels: &'static str,
    pub campaigns: &'static str,
    pub this_month: &'static str,
    pub unknown_name: &'static str,
}

impl UiWords {
    /// The label of an action by its config name; the name itself where the
    /// catalog has none.
    pub fn action<'a>(&self, name: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, l)| *l)
    }
}
