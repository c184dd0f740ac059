//! What links to a record, so that deleting it can say what happens to
//! the rest: tasks, campaigns, objectives and procedures that point at it
//! lose the link (the schema sets it to NULL), the KPI values recorded for
//! a segment, channel or campaign go with it (the schema cascades), and a
//! campaign's tasks may instead be deleted with it. Every deletion is one
//! journaled change, so undo brings all of it back.

use rusqlite::params;

use super::{Result, Store};
use crate::domain::{Campaign, CampaignId, RecordRef};

/// How many records link to one: those that lose the link on deletion,
/// and the values deleted with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Links {
    pub tasks: i64,
    pub campaigns: i64,
    pub objectives: i64,
    pub procedures: i64,
    /// Channels reaching the segment.
    pub channels: i64,
    /// Orders of the segment (they stay, without a segment).
    pub orders: i64,
    /// KPI values recorded for it: deleted with it.
    pub kpi_values: i64,
}

/// One of the counts of [`Links`], in the order the catalog words them
/// (`RecordWords::counts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Tasks,
    Campaigns,
    Objectives,
    Procedures,
    Channels,
    Orders,
    KpiValues,
}

impl Links {
    fn of(&mut self, what: Linked) -> &mut i64 {
        match what {
            Linked::Tasks => &mut self.tasks,
            Linked::Campaigns => &mut self.campaigns,
            Linked::Objectives => &mut self.objectives,
            Linked::Procedures => &mut self.procedures,
            Linked::Channels => &mut self.channels,
            Linked::Orders => &mut self.orders,
            Linked::KpiValues => &mut self.kpi_values,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Links::default()
    }
}

impl Store {
    fn count(&self, sql: &str, id: i64) -> Result<i64> {
        Ok(self.conn.query_row(sql, params![id], |r| r.get(0))?)
    }

    /// What links to `what`, as its kind's store module lists it
    /// (`Kept::LINKS`): nothing links to tools, budgets and procedures.
    pub fn links(&self, what: impl Into<RecordRef>) -> Result<Links> {
        let RecordRef { kind, id } = what.into();
        let mut links = Links::default();
        for (what, sql) in super::records::links(kind) {
            *links.of(*what) = self.count(sql, id)?;
        }
        Ok(links)
    }

    /// Deletes a campaign and its tasks as one change (undo brings both
    /// back); `delete_campaign` keeps the tasks instead.
    pub fn delete_campaign_and_tasks(&mut self, id: CampaignId) -> Result<Campaign> {
        let old = self.campaign(id)?;
        self.change(|c| {
            c.tx()
                .execute("DELETE FROM tasks WHERE campaign_id = ?1", [id.0])?;
            c.tx()
                .execute("DELETE FROM campaigns WHERE id = ?1", [id.0])?;
            c.label = crate::store::ChangeLabel::DeleteCampaignWithTasks {
                name: old.name.clone(),
            };
            Ok(())
        })?;
        Ok(old)
    }
}
