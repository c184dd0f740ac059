//! Lines to test with: a plain task built from an id and a title, whose
//! other fields each test sets as it needs.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::TaskLine;
use crate::domain::{Priority, Task, TaskId, TaskStatus};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// Sunday 2026-11-22, the day most tests run on.
pub fn sunday() -> NaiveDate {
    day(2026, 11, 22)
}

/// A todo of medium priority, in no campaign, unassigned, with no due
/// date, created `id` minutes after 2026-11-01 00:00 UTC.
pub fn line(id: i64, title: &str) -> TaskLine {
    let created: DateTime<Utc> = day(2026, 11, 1)
        .and_hms_opt(0, 0, 0)
        .expect("valid time")
        .and_utc()
        + Duration::minutes(id);
    TaskLine {
        task: Task {
            id: TaskId(id),
            title: title.to_string(),
            campaign: None,
            assignee: None,
            status: TaskStatus::Todo,
            priority: Priority::Medium,
            due: None,
            tags: Vec::new(),
            notes: String::new(),
            follows_note: None,
            created_at: created,
            updated_at: created,
            done_at: None,
            recurrence: None,
            series: None,
            repeats: None,
        },
        campaign: None,
        campaign_end: None,
        assignee: None,
    }
}

/// The task's position in `lines` for each id, in order.
pub fn ids(lines: &[TaskLine], rows: &[usize]) -> Vec<i64> {
    rows.iter().map(|&i| lines[i].task.id.0).collect()
}
