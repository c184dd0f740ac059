//! The task lines: every task with its campaign's and assignee's names;
//! for a first frame, every task's key and whole only the lines it shows.

use std::collections::HashMap;

use super::{Row, TaskView, TasksTab};
use crate::store::{Store, StoreError};
use crate::taskview::{TaskKey, TaskLine, TaskLines};

/// Every task with its campaign's and assignee's names.
pub fn load_lines(store: &Store) -> Result<Vec<TaskLine>, StoreError> {
    let campaigns: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|c| (c.id, (c.name, c.end)))
        .collect();
    let people: HashMap<_, _> = store
        .people()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(store
        .all_tasks()?
        .into_iter()
        .map(|task| {
            let campaign = task.campaign.and_then(|c| campaigns.get(&c));
            TaskLine {
                campaign: campaign.map(|c| c.0.clone()),
                campaign_end: campaign.map(|c| c.1),
                assignee: task.assignee.and_then(|p| people.get(&p)).cloned(),
                task,
            }
        })
        .collect())
}

/// Every task's key, in the order of [`load_lines`], none read whole: what
/// the first frame sorts and counts. Reading 50,000 tasks whole (their
/// notes, tags, time stamps and names) was most of that frame.
pub fn load_keys(store: &Store) -> Result<TaskLines, StoreError> {
    let ends: HashMap<_, _> = store
        .campaigns()?
        .into_iter()
        .map(|c| (c.id, c.end))
        .collect();
    let keys = store
        .task_keys()?
        .into_iter()
        .map(|k| TaskKey {
            id: k.id,
            status: k.status,
            priority: k.priority,
            due: k.due,
            campaign_end: k.campaign.and_then(|c| ends.get(&c).copied()),
            created_at: k.created_at,
            done_at: k.done_at,
        })
        .collect();
    Ok(TaskLines::first(keys))
}

/// A task with its campaign's and assignee's names.
pub fn line_of(store: &Store, task: crate::domain::Task) -> TaskLine {
    let campaign = task.campaign.and_then(|c| store.campaign(c).ok());
    TaskLine {
        campaign: campaign.as_ref().map(|c| c.name.clone()),
        campaign_end: campaign.map(|c| c.end),
        assignee: task
            .assignee
            .and_then(|p| store.person(p).ok())
            .map(|p| p.name),
        task,
    }
}

impl TasksTab {
    /// The lines the list shows in `height` rows from the top row, and the
    /// selected one (the detail pane's), that are not read whole yet.
    pub(in crate::app) fn unread_shown(&self, height: usize) -> Vec<usize> {
        if self.lines.is_whole() || self.view != TaskView::List {
            return Vec::new();
        }
        let shown = self.rows.iter().skip(self.offset).take(height);
        let selected = self.rows.get(self.cursor);
        shown
            .chain(selected)
            .filter_map(|r| match r {
                Row::Task(i) if self.lines.get(*i).is_none() => Some(*i),
                _ => None,
            })
            .collect()
    }
}
