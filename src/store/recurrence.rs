//! Repeating tasks in the store. Each task of a series carries the rule
//! (`recurrence`) and the id of the series' first task (`series_id`,
//! NULL on the first itself), so a series is changed or stopped from any
//! of its tasks. A task made because another was done names that one in
//! `repeats_id`, unique: however often or from however many processes a
//! task is marked done, at most one task follows it.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::tasks::{COLUMNS, day_col, task_row};
use super::{Change, Result, Store, day_text, journal, now_text};
use crate::domain::{Clock, Recurrence, Task, TaskId, TaskStatus};

/// The rule, the series and the link to the task done before; the
/// journal's triggers of `tasks` are made again so undo and redo carry the
/// new columns.
pub(super) fn migration(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE tasks ADD COLUMN recurrence TEXT;
         ALTER TABLE tasks ADD COLUMN series_id INTEGER;
         ALTER TABLE tasks ADD COLUMN repeats_id INTEGER;
         CREATE UNIQUE INDEX tasks_by_repeats ON tasks(repeats_id) WHERE repeats_id IS NOT NULL;
         CREATE INDEX tasks_by_series ON tasks(series_id) WHERE series_id IS NOT NULL;",
    )?;
    let triggers: Vec<String> = {
        let mut stmt = tx.prepare(
            r"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tasks'
              AND name LIKE 'journal\_%' ESCAPE '\'",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for name in triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    journal::create_triggers(tx, "tasks", journal::Record::All)
}

impl Store {
    /// Where "today" comes from for the next task of a series; the
    /// system's local date unless set.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The task made when `id` was done, if any.
    pub fn next_in_series(&self, id: TaskId) -> Result<Option<Task>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM tasks WHERE repeats_id = ?1"
        ))?;
        Ok(stmt.query_row([id.0], task_row).optional()?)
    }
}

/// Sets (or, with `None`, stops) the rule of the whole series `id` is in;
/// how many of its tasks had another.
pub(super) fn set_rule(c: &Change<'_>, id: TaskId, rule: Option<Recurrence>) -> Result<usize> {
    let series: i64 = c.tx().query_row(
        "SELECT coalesce(series_id, id) FROM tasks WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    Ok(c.tx().execute(
        "UPDATE tasks SET recurrence = ?2 WHERE (id = ?1 OR series_id = ?1) AND recurrence IS NOT ?2",
        params![series, rule.map(|r| r.to_string())],
    )?)
}

/// After `task` was marked done (`was_done`: it already was), the next
/// task of its series, due by its rule counted from `today`; the one made
/// before if there is one. `None` for a task that does not repeat, or
/// whose next day is past the last year kept.
pub(super) fn follow(
    c: &Change<'_>,
    task: &Task,
    was_done: bool,
    clock: Clock,
) -> Result<Option<TaskId>> {
    if was_done || task.status != TaskStatus::Done {
        return Ok(None);
    }
    let Some(rule) = task.recurrence else {
        return Ok(None);
    };
    let made: Option<i64> = c
        .tx()
        .query_row(
            "SELECT id FROM tasks WHERE repeats_id = ?1",
            [task.id.0],
            |r| r.get(0),
        )
        .optional()?;
    if made.is_some() {
        return Ok(None);
    }
    // The series' first due day: where a short month cut the day of the
    // month, the next month has it back.
    let first: Option<NaiveDate> = c
        .tx()
        .query_row(
            "SELECT t.due FROM tasks AS t,
                    (SELECT coalesce(series_id, id) AS id FROM tasks WHERE id = ?1) AS s
             WHERE (t.id = s.id OR t.series_id = s.id) AND t.due IS NOT NULL
             ORDER BY t.id LIMIT 1",
            [task.id.0],
            |r| day_col(r, 0),
        )
        .optional()?
        .flatten();
    let Some(due) = rule.next_due(task.due, first, clock.today()) else {
        return Ok(None);
    };
    c.tx().execute(
        "INSERT INTO tasks (title, campaign_id, assignee_id, status, priority, due, tags, notes,
                            created_at, updated_at, recurrence, series_id, repeats_id)
         SELECT title, campaign_id, assignee_id, 'todo', priority, ?2, tags, notes, ?3, ?3,
                recurrence, coalesce(series_id, id), id
         FROM tasks WHERE id = ?1",
        params![task.id.0, day_text(due), now_text()],
    )?;
    Ok(Some(TaskId(c.tx().last_insert_rowid())))
}
