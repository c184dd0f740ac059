//! The Tasks tab's logic without a screen: the `/` filter language, the
//! "next" urgency ordering, sorting, and grouping by status or due date.
//! Pure functions of the lines and of `today`, which the caller passes in.
//!
//! # Filter language
//!
//! The language of the `/` filter and of quick add is described for users
//! in docs/filter.md; `filter.rs` and `quick.rs` implement it.
//!
//! # Dates
//!
//! Weeks start on the configured day (`week_start`, Monday unless set), the
//! same week the KPIs and the Plan tab use
//! ([`last_of_week`](crate::domain::last_of_week)). "This week" is the days
//! after today through the week's last day; on that last day (a Sunday for
//! a Monday start) it is empty. "Overdue" is a task not done whose due date
//! is before today.

mod filter;

mod group;
mod index;
mod lines;
mod order;
pub mod quick;
pub mod views;
pub mod workload;

#[cfg(test)]
mod filter_tests;
#[cfg(test)]
pub(crate) mod testdata;

pub use filter::{FilterError, TaskFilter, parse_filter};
pub use group::{DueBucket, Group, GroupKey, Grouping, due_bucket, group, status_counts};
pub use lines::TaskLines;
pub use order::{Sort, TaskKey, next_order, sort_keys, sort_rows, sorted_position, urgency_cmp};

use chrono::NaiveDate;

use crate::domain::Task;

/// A task with the names its ids point to, as the Tasks tab shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskLine {
    pub task: Task,
    /// The campaign's name.
    pub campaign: Option<String>,
    /// The campaign's last day; tasks of a campaign ending soon rank higher.
    pub campaign_end: Option<NaiveDate>,
    /// The assignee's name.
    pub assignee: Option<String>,
}

/// Whether the task is overdue: not done, and due before `today`.
pub fn is_overdue(task: &Task, today: NaiveDate) -> bool {
    task.status.is_open() && task.due.is_some_and(|d| d < today)
}
