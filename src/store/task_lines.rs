//! What `funnel task list` prints of each task, and what the Tasks tab
//! sorts and counts each task by, read alone: the notes and time stamps
//! of 10,000 tasks are most of their bytes, and decoding them was most of
//! the command (and of the tab's first frame).

use chrono::{DateTime, NaiveDate, Utc};

use super::tasks::{QUERY_FILTER, TaskQuery, day_col, enum_col, timestamp};
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

/// What the Tasks tab orders and counts a task by, without its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskKeyRow {
    pub id: TaskId,
    pub campaign: Option<CampaignId>,
    pub status: TaskStatus,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Every task's [`TaskKeyRow`], by id: the Tasks tab's first frame
    /// sorts and counts these and reads whole only the tasks it shows.
    pub fn task_keys(&self) -> Result<Vec<TaskKeyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, campaign_id, status, priority, due, created_at, done_at
             FROM tasks ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TaskKeyRow {
                id: TaskId(r.get(0)?),
                campaign: r.get::<_, Option<i64>>(1)?.map(CampaignId),
                status: enum_col(r, 2)?,
                priority: enum_col(r, 3)?,
                due: day_col(r, 4)?,
                created_at: timestamp(r.get_ref(5)?.as_str()?)?,
                done_at: r.get_ref(6)?.as_str_or_null()?.map(timestamp).transpose()?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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
