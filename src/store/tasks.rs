//! Tasks: who does what by when.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    Change, ChangeLabel, Result, Store, StoreError, Subject, Verb, day_text, now_text, recurrence,
};
use crate::domain::validate;
use crate::domain::{CampaignId, NoteId, PersonId, Priority, Recurrence, Task, TaskId, TaskStatus};

mod counts;
mod row;

pub use counts::{CampaignTaskCounts, DueBucket, OpenTaskCount};
pub(super) use row::{COLUMNS, task_row, timestamp};
pub(crate) use row::{day_col, enum_col};

/// A task about to be added.
#[derive(Debug, Clone)]
pub struct NewTask {
    pub title: String,
    pub campaign: Option<CampaignId>,
    pub assignee: Option<PersonId>,
    pub status: TaskStatus,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    pub tags: Vec<String>,
    pub notes: String,
    pub follows_note: Option<NoteId>,
    pub recurrence: Option<Recurrence>,
}

impl NewTask {
    pub fn titled(title: &str) -> NewTask {
        NewTask {
            title: title.to_string(),
            campaign: None,
            assignee: None,
            status: TaskStatus::Todo,
            priority: Priority::Medium,
            due: None,
            tags: Vec::new(),
            notes: String::new(),
            follows_note: None,
            recurrence: None,
        }
    }
}

/// The fields of a task to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub campaign: Option<Option<CampaignId>>,
    pub assignee: Option<Option<PersonId>>,
    pub status: Option<TaskStatus>,
    pub priority: Option<Priority>,
    pub due: Option<Option<NaiveDate>>,
    pub tags: Option<Vec<String>>,
    pub notes: Option<String>,
    /// The rule of the task's whole series; `Some(None)` stops it.
    pub recurrence: Option<Option<Recurrence>>,
}

/// One task of [`Store::set_task_status_following`].
#[derive(Debug, Clone)]
pub struct StatusSet {
    pub task: Task,
    /// The next task of its series this change made.
    pub next: Option<TaskId>,
    /// False where the task already had the status: nothing was written.
    pub changed: bool,
}

/// Which tasks to list.
#[derive(Debug, Clone, Default)]
pub struct TaskQuery {
    pub status: Option<TaskStatus>,
    /// Only tasks not done.
    pub open_only: bool,
    pub campaign: Option<CampaignId>,
    pub assignee: Option<PersonId>,
    /// Only tasks due strictly before this day.
    pub due_before: Option<NaiveDate>,
}

/// The rows a [`TaskQuery`] picks, with [`TaskQuery::params`].
pub(super) const QUERY_FILTER: &str = "(?1 IS NULL OR status = ?1)
    AND (?2 = 0 OR status <> 'done')
    AND (?3 IS NULL OR campaign_id = ?3)
    AND (?4 IS NULL OR assignee_id = ?4)
    AND (?5 IS NULL OR (due IS NOT NULL AND due < ?5))";

impl TaskQuery {
    pub(super) fn params(&self) -> impl rusqlite::Params {
        (
            self.status.map(|s| s.as_str()),
            self.open_only,
            self.campaign.map(|c| c.0),
            self.assignee.map(|p| p.0),
            self.due_before.map(day_text),
        )
    }
}

fn clean_tags(tags: &[String]) -> Result<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = validate::tag(t)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out.join(" "))
}

impl Store {
    pub fn add_task(&mut self, new: &NewTask) -> Result<Task> {
        let title = validate::title(crate::domain::validate::Field::TaskTitle, &new.title)?;
        let notes = validate::text(crate::domain::validate::Field::TaskNotes, &new.notes)?;
        let tags = clean_tags(&new.tags)?;
        new.due
            .map(|d| validate::day(crate::domain::validate::Field::TaskDue, d))
            .transpose()?;
        let due = new
            .due
            .or_else(|| new.recurrence?.first_due(self.clock.today()));
        self.change(|c| {
            let now = now_text();
            let done_at = (new.status == TaskStatus::Done).then(|| now.clone());
            c.tx().execute(
                "INSERT INTO tasks (title, campaign_id, assignee_id, status, priority, due, tags,
                                    notes, note_id, created_at, updated_at, done_at, recurrence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)",
                params![
                    title,
                    new.campaign.map(|c| c.0),
                    new.assignee.map(|p| p.0),
                    new.status.as_str(),
                    new.priority.as_str(),
                    due.map(day_text),
                    tags,
                    notes,
                    new.follows_note.map(|n| n.0),
                    now,
                    done_at,
                    new.recurrence.map(|r| r.to_string()),
                ],
            )?;
            let id = TaskId(c.tx().last_insert_rowid());
            c.label = task_label(Verb::Add, id);
            task_in(c, id)
        })
    }

    pub fn task(&self, id: TaskId) -> Result<Task> {
        load_task(&self.conn, id)
    }

    /// Every task, by id: for a caller that orders them itself (the TUI
    /// sorts in memory; SQLite sorting 50,000 whole rows costs more).
    pub fn all_tasks(&self) -> Result<Vec<Task>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM tasks ORDER BY id"))?;
        let rows = stmt.query_map([], task_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Tasks matching `q`, by due day (none last), then id. They are read
    /// by id and sorted here: SQLite's sorter copies whole rows, notes
    /// and all, and took a quarter of `funnel task list` of 10,000 tasks.
    pub fn tasks(&self, q: &TaskQuery) -> Result<Vec<Task>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM tasks WHERE {QUERY_FILTER} ORDER BY id"
        ))?;
        let rows = stmt.query_map(q.params(), task_row)?;
        let mut tasks: Vec<Task> = rows.collect::<Result<_, _>>()?;
        tasks.sort_by_key(|t| (t.due.is_none(), t.due));
        Ok(tasks)
    }

    pub fn edit_task(&mut self, id: TaskId, patch: &TaskPatch) -> Result<Task> {
        Ok(self.edit_task_changed(id, patch)?.0)
    }

    /// [`Store::edit_task`], and whether it changed anything: a patch of
    /// the values the task (and its series' rule) already has writes and
    /// journals nothing.
    pub fn edit_task_changed(&mut self, id: TaskId, patch: &TaskPatch) -> Result<(Task, bool)> {
        let clock = self.clock;
        self.change(|c| {
            let (task, next, changed) = patch_in(c, id, patch, clock)?;
            c.label = ChangeLabel::EditTask {
                id: id.0,
                next: next.map(|n| n.0).into_iter().collect(),
            };
            Ok((task, changed))
        })
    }

    /// Changes or deletes several tasks as one change: all or nothing,
    /// and one undo takes all of it back. Each changed task comes back
    /// with the next one of its series this change made.
    pub fn change_tasks(&mut self, what: &ManyTasks) -> Result<Vec<(Task, Option<TaskId>)>> {
        let clock = self.clock;
        self.change(|c| {
            let (verb, ids, out) = match what {
                ManyTasks::Patch(edits) => {
                    let mut out = Vec::with_capacity(edits.len());
                    for (id, patch) in edits {
                        let (task, next, _) = patch_in(c, *id, patch, clock)?;
                        out.push((task, next));
                    }
                    let ids: Vec<TaskId> = edits.iter().map(|(id, _)| *id).collect();
                    (Verb::Edit, ids, out)
                }
                ManyTasks::Delete(ids) => {
                    let mut out = Vec::with_capacity(ids.len());
                    for id in ids {
                        let old = task_in(c, *id)?;
                        c.tx().execute("DELETE FROM tasks WHERE id = ?1", [id.0])?;
                        out.push((old, None));
                    }
                    (Verb::Delete, ids.clone(), out)
                }
            };
            c.label = ChangeLabel::Tasks {
                verb,
                ids: ids.iter().map(|i| i.0).collect(),
                next: out.iter().filter_map(|(_, n)| n.map(|n| n.0)).collect(),
            };
            Ok(out)
        })
    }

    /// Sets the status of several tasks in one change (all or nothing).
    pub fn set_task_status(&mut self, ids: &[TaskId], status: TaskStatus) -> Result<Vec<Task>> {
        let changed = self.set_task_status_following(ids, status)?;
        Ok(changed.into_iter().map(|s| s.task).collect())
    }

    /// [`Store::set_task_status`], with each task the id of the next one
    /// of its series this change made (never one made before), and
    /// whether it changed: one already in `status` is left as it is, and
    /// a change of none of them journals nothing to undo.
    pub fn set_task_status_following(
        &mut self,
        ids: &[TaskId],
        status: TaskStatus,
    ) -> Result<Vec<StatusSet>> {
        let clock = self.clock;
        self.change(|c| {
            let now = now_text();
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let old: Option<TaskStatus> = c
                    .tx()
                    .query_row("SELECT status FROM tasks WHERE id = ?1", [id.0], |r| {
                        enum_col(r, 0)
                    })
                    .optional()?;
                let Some(old) = old else {
                    return Err(StoreError::NotFound {
                        what: super::Thing::Task,
                        key: id.to_string(),
                    });
                };
                let changed = old != status;
                if changed {
                    c.tx().execute(
                        "UPDATE tasks SET status = ?2, updated_at = ?3,
                                done_at = CASE WHEN ?2 = 'done' THEN COALESCE(done_at, ?3) END
                         WHERE id = ?1",
                        params![id.0, status.as_str(), now],
                    )?;
                }
                let task = task_in(c, *id)?;
                let next = recurrence::follow(c, &task, old == TaskStatus::Done, clock)?;
                out.push(StatusSet {
                    task,
                    next,
                    changed,
                });
            }
            c.label = ChangeLabel::SetStatus {
                ids: out
                    .iter()
                    .filter(|s| s.changed)
                    .map(|s| s.task.id.0)
                    .collect(),
                status: status.as_str().into(),
                next: out.iter().filter_map(|s| s.next.map(|n| n.0)).collect(),
            };
            Ok(out)
        })
    }

    pub fn delete_task(&mut self, id: TaskId) -> Result<Task> {
        self.change(|c| {
            let old = task_in(c, id)?;
            c.tx().execute("DELETE FROM tasks WHERE id = ?1", [id.0])?;
            c.label = task_label(Verb::Delete, id);
            Ok(old)
        })
    }

    /// The tasks that follow up `note`, oldest first.
    pub fn tasks_following(&self, note: NoteId) -> Result<Vec<Task>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM tasks WHERE note_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([note.0], task_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn count_tasks(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))?)
    }
}

/// Writes `patch` to the task `id` within the change `c`: the task as
/// written, and the next one of its series if this made one.
fn patch_in(
    c: &Change<'_>,
    id: TaskId,
    patch: &TaskPatch,
    clock: crate::domain::Clock,
) -> Result<(Task, Option<TaskId>, bool)> {
    let title = patch
        .title
        .as_deref()
        .map(|t| validate::title(crate::domain::validate::Field::TaskTitle, t))
        .transpose()?;
    let notes = patch
        .notes
        .as_deref()
        .map(|t| validate::text(crate::domain::validate::Field::TaskNotes, t))
        .transpose()?;
    let tags = patch.tags.as_deref().map(clean_tags).transpose()?;
    patch
        .due
        .flatten()
        .map(|d| validate::day(crate::domain::validate::Field::TaskDue, d))
        .transpose()?;
    let old = task_in(c, id)?;
    let status = patch.status.unwrap_or(old.status);
    // A patch of the values the task already has changes no row, so the
    // change journals nothing.
    let fields = c.tx().execute(
        "UPDATE tasks SET title = ?2, campaign_id = ?3, assignee_id = ?4, status = ?5,
                priority = ?6, due = ?7, tags = ?8, notes = ?9, updated_at = ?10,
                done_at = CASE WHEN ?5 = 'done' THEN COALESCE(done_at, ?10) END
         WHERE id = ?1
           AND (title IS NOT ?2 OR campaign_id IS NOT ?3 OR assignee_id IS NOT ?4
                OR status IS NOT ?5 OR priority IS NOT ?6 OR due IS NOT ?7
                OR tags IS NOT ?8 OR notes IS NOT ?9)",
        params![
            id.0,
            title.unwrap_or(old.title),
            patch.campaign.unwrap_or(old.campaign).map(|x| x.0),
            patch.assignee.unwrap_or(old.assignee).map(|x| x.0),
            status.as_str(),
            patch.priority.unwrap_or(old.priority).as_str(),
            patch.due.unwrap_or(old.due).map(day_text),
            tags.unwrap_or_else(|| old.tags.join(" ")),
            notes.unwrap_or(old.notes),
            now_text(),
        ],
    )?;
    let rules = match patch.recurrence {
        Some(rule) => recurrence::set_rule(c, id, rule)?,
        None => 0,
    };
    let task = task_in(c, id)?;
    let next = recurrence::follow(c, &task, old.status == TaskStatus::Done, clock)?;
    let changed = fields + rules > 0 || next.is_some();
    Ok((task, next, changed))
}

/// What a change does to several tasks at once.
#[derive(Debug, Clone)]
pub enum ManyTasks {
    /// Each task with its own change (a due day moved from its own).
    Patch(Vec<(TaskId, TaskPatch)>),
    Delete(Vec<TaskId>),
}

/// What a change's label adds for the next task of a series it made.
/// The journal's label of an add or a delete of task `id`.
fn task_label(verb: Verb, id: TaskId) -> ChangeLabel {
    ChangeLabel::Record {
        verb,
        what: Subject::Task,
        name: id.to_string(),
    }
}

fn task_in(c: &Change<'_>, id: TaskId) -> Result<Task> {
    load_task(c.tx(), id)
}

fn load_task(conn: &Connection, id: TaskId) -> Result<Task> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1"),
        [id.0],
        task_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: super::Thing::Task,
        key: id.to_string(),
    })
}
