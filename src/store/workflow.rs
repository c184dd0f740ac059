//! The counts the workflow checklist is ticked from, in one query.

use super::{Result, Store};
use crate::domain::workflow::WorkflowCounts;

impl Store {
    /// How many records of each kind the workflow's steps look at. An
    /// objective counts as edited while its edit is in the undo journal.
    pub fn workflow_counts(&self) -> Result<WorkflowCounts> {
        Ok(self.conn.query_row(
            "SELECT
                (SELECT count(*) FROM segments),
                (SELECT count(*) FROM notes),
                (SELECT count(*) FROM notes WHERE kind = 'review'),
                (SELECT count(*) FROM objectives),
                (SELECT count(*) FROM journal_entry
                   WHERE state = 'done' AND (label LIKE 'edit objective %'
                     OR label LIKE '{\"do\":\"record\",\"verb\":\"edit\",\"what\":\"objective\",%')),
                (SELECT count(*) FROM channels),
                (SELECT count(*) FROM campaigns),
                (SELECT count(*) FROM tasks WHERE assignee_id IS NOT NULL),
                (SELECT count(*) FROM tasks WHERE status = 'done'),
                (SELECT count(*) FROM kpi_values),
                (SELECT count(*) FROM orders)",
            [],
            |r| {
                Ok(WorkflowCounts {
                    segments: r.get(0)?,
                    notes: r.get(1)?,
                    review_notes: r.get(2)?,
                    objectives: r.get(3)?,
                    objectives_edited: r.get(4)?,
                    channels: r.get(5)?,
                    campaigns: r.get(6)?,
                    tasks_assigned: r.get(7)?,
                    tasks_done: r.get(8)?,
                    kpi_values: r.get(9)?,
                    orders: r.get(10)?,
                })
            },
        )?)
    }
}
