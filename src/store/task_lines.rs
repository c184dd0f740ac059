//! What `funnel task list` prints of each task, read alone: the notes and
//! time stamps of 10,000 tasks are most of their bytes, and decoding them
//! was most of the command.

use chrono::NaiveDate;

use super::tasks::{QUERY_FILTER, TaskQuery, day_col, enum_col};
use super::{Result, Store};
use crate::domain::{CampaignId, PersonId, Priority, TaskId, TaskStatus};

/// One line of the task list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskLine {
    pub id: TaskId,
    pub title: String,
    pub campaign: Option<CampaignId>,
    pub assignee: Option<PersonId>,
    pub status: TaskStatus,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    /// Space separated, as stored.
    pub tags: String,
    /// Whether the task is of a series (has a repeat rule).
    pub repeats: bool,
}

impl Store {
    /// The lines of the tasks matching `q`, in [`Store::tasks`]' order (by
    /// due day, none last, then id).
    pub fn task_lines(&self, q: &TaskQuery) -> Result<Vec<TaskLine>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, title, campaign_id, assignee_id, status, priority, due, tags,
                    recurrence IS NOT NULL
             FROM tasks WHERE {QUERY_FILTER} ORDER BY id"
        ))?;
        let rows = stmt.query_map(q.params(), |r| {
            Ok(TaskLine {
                id: TaskId(r.get(0)?),
                title: r.get(1)?,
                campaign: r.get::<_, Option<i64>>(2)?.map(CampaignId),
                assignee: r.get::<_, Option<i64>>(3)?.map(PersonId),
                status: enum_col(r, 4)?,
                priority: enum_col(r, 5)?,
                due: day_col(r, 6)?,
                tags: r.get(7)?,
                repeats: r.get(8)?,
            })
        })?;
        let mut lines: Vec<TaskLine> = rows.collect::<rusqlite::Result<_>>()?;
        lines.sort_by_key(|t| (t.due.is_none(), t.due));
        Ok(lines)
    }
}
