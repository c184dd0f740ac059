//! The tasks a report lists: those overdue today and those due from today
//! to the end of this week, with their assignee's and campaign's names.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Task, TaskStatus};
use crate::store::tasks::TaskQuery;
use crate::store::{Result, Store};

/// An open task with a due date, as a report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DueTask {
    pub id: i64,
    pub title: String,
    pub due: NaiveDate,
    /// Days past the due date (0 for a task due today or later).
    pub days_late: i64,
    pub assignee: Option<String>,
    pub campaign: Option<String>,
}

/// Open tasks due before `before`, the most late first (the store's order).
fn due_before(store: &Store, before: NaiveDate, today: NaiveDate) -> Result<Vec<DueTask>> {
    let campaigns = store.campaigns()?;
    let people = store.people()?;
    let named = |t: Task| {
        let due = t.due?;
        Some(DueTask {
            id: t.id.0,
            days_late: (today - due).num_days().max(0),
            due,
            assignee: t
                .assignee
                .and_then(|a| people.iter().find(|p| p.id == a))
                .map(|p| p.name.clone()),
            campaign: t
                .campaign
                .and_then(|c| campaigns.iter().find(|k| k.id == c))
                .map(|k| k.name.clone()),
            title: t.title,
        })
    };
    Ok(store
        .tasks(&TaskQuery {
            open_only: true,
            due_before: Some(before),
            ..TaskQuery::default()
        })?
        .into_iter()
        .filter(|t| t.status != TaskStatus::Done)
        .filter_map(named)
        .collect())
}

/// Open tasks due before today.
pub fn overdue(store: &Store, today: NaiveDate) -> Result<Vec<DueTask>> {
    due_before(store, today, today)
}

/// Open tasks due from today through `week_end`, the soonest first.
pub fn due_this_week(store: &Store, today: NaiveDate, week_end: NaiveDate) -> Result<Vec<DueTask>> {
    let Some(after_week) = week_end.succ_opt() else {
        return Ok(Vec::new());
    };
    let mut soon: Vec<DueTask> = due_before(store, after_week, today)?
        .into_iter()
        .filter(|t| t.due >= today)
        .collect();
    soon.sort_by_key(|t| (t.due, t.id));
    Ok(soon)
}
