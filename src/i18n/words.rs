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

