//! The task lines: every task with its campaign's and assignee's names.

use std::collections::HashMap;

use crate::store::{Store, StoreError};
use crate::taskview::TaskLine;

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
