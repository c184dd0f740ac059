//! The small demo's tasks: a few per campaign, due across the campaign's
//! dates, and general ones around today, with statuses that fit their due
//! dates (overdue, due today, this week, later, done).

use chrono::NaiveDate;
use fastrand::Rng;

use super::super::at;
use super::super::calendar::{days_between, shift};
use super::super::texts::{self, TaskLine};
use super::{Planned, person};
use crate::domain::{CampaignId, NoteId, Priority, Task, TaskId, TaskStatus};

fn pick_priority(rng: &mut Rng, tags: &str) -> Priority {
    let x = rng.f64() + if tags.contains("ads") { 0.25 } else { 0.0 };
    if x > 0.8 {
        Priority::High
    } else if x > 0.3 {
        Priority::Medium
    } else {
        Priority::Low
    }
}

/// A task's status from where its due date lies: done long ago, maybe
/// overdue lately, mostly open ahead.
fn pick_status(rng: &mut Rng, due: Option<NaiveDate>, today: NaiveDate) -> TaskStatus {
    let x = rng.f64();
    match due.map(|d| days_between(today, d)) {
        Some(..=-22) => TaskStatus::Done,
        Some(-21..=-1) if x < 0.6 => TaskStatus::Done,
        Some(-21..=-1) if x < 0.8 => TaskStatus::Doing,
        Some(-21..=-1) => TaskStatus::Blocked,
        _ if x < 0.1 => TaskStatus::Done,
        _ if x < 0.4 => TaskStatus::Doing,
        _ if x < 0.5 => TaskStatus::Blocked,
        _ => TaskStatus::Todo,
    }
}

/// Days from today for tasks that are not tied to a campaign's dates;
/// the first ones make sure the Tasks tab has overdue, today and this week.
const AROUND_TODAY: [(Option<i64>, Option<TaskStatus>); 12] = [
    (Some(-3), Some(TaskStatus::Doing)),
    (Some(0), Some(TaskStatus::Todo)),
    (Some(2), Some(TaskStatus::Todo)),
    (Some(-6), Some(TaskStatus::Blocked)),
    (Some(1), None),
    (Some(-1), None),
    (Some(4), None),
    (Some(9), None),
    (None, Some(TaskStatus::Todo)),
    (Some(16), None),
    (Some(-12), None),
    (Some(30), None),
];

struct TaskMaker<'a> {
    rng: &'a mut Rng,
    today: NaiveDate,
    people: usize,
    tasks: Vec<Task>,
}

impl TaskMaker<'_> {
    fn add(
        &mut self,
        line: &TaskLine,
        campaign: Option<CampaignId>,
        due: Option<NaiveDate>,
        status: Option<TaskStatus>,
    ) -> &mut Task {
        let rng = &mut *self.rng;
        let today = self.today;
        let status = status.unwrap_or_else(|| pick_status(rng, due, today));
        let anchor = due.map_or(today, |d| d.min(today));
        let created = shift(anchor, -rng.i64(5..=20));
        let done_at = (status == TaskStatus::Done).then(|| {
            let day = shift(anchor, -rng.i64(0..=2)).max(created);
            at(day, rng.u32(1..=10), rng.u32(0..60))
        });
        let touched = shift(created, rng.i64(0..=days_between(created, today).max(0)));
        let created_at = at(created, rng.u32(1..=10), rng.u32(0..60));
        let updated_at = done_at.unwrap_or_else(|| at(touched, 11, rng.u32(0..60)).max(created_at));
        let tags: Vec<String> = line.tags.split_whitespace().map(str::to_string).collect();
        self.tasks.push(Task {
            id: TaskId(self.tasks.len() as i64 + 1),
            title: line.title.to_string(),
            campaign,
            assignee: person(line.assignee, self.people),
            status,
            priority: pick_priority(rng, line.tags),
            due,
            tags,
            notes: String::new(),
            follows_note: None,
            created_at,
            updated_at,
            done_at,
            recurrence: None,
            series: None,
            repeats: None,
        });
        let last = self.tasks.len() - 1;
        &mut self.tasks[last]
    }
}

pub(super) fn tasks(
    rng: &mut Rng,
    today: NaiveDate,
    plan: &[Planned],
    people: usize,
    follow: Option<NoteId>,
) -> Vec<Task> {
    let lines = texts::task_lines();
    let mut maker = TaskMaker {
        rng,
        today,
        people,
        tasks: Vec::with_capacity(80),
    };
    for (i, p) in plan.iter().enumerate() {
        let k = &p.campaign;
        let mine: Vec<&TaskLine> = lines.iter().filter(|l| l.key == p.key).collect();
        if matches!(p.key, "seo" | "zalo") {
            const ALWAYS_ON: [i64; 9] = [-9, -4, -1, 0, 2, 5, 9, 16, 30];
            for (j, line) in mine.iter().enumerate() {
                let due = shift(
                    today,
                    ALWAYS_ON[j % ALWAYS_ON.len()] + i64::from(p.key == "zalo"),
                );
                maker.add(line, Some(k.id), Some(due), None);
            }
            continue;
        }
        // An older run of a yearly campaign, once the next has begun,
        // keeps only its first two tasks.
        let superseded = plan[i + 1..]
            .iter()
            .any(|q| q.key == p.key && q.campaign.start <= today);
        let keep = if superseded { 2 } else { mine.len() };
        let span = days_between(k.start, k.end) + 5;
        for (j, line) in mine.iter().take(keep).enumerate() {
            let due = shift(k.start, -7 + span * (j as i64 + 1) / (keep as i64 + 1));
            maker.add(line, Some(k.id), Some(due), None);
        }
    }
    for (j, line) in lines.iter().filter(|l| l.key == "general").enumerate() {
        let (offset, status) = AROUND_TODAY[j % AROUND_TODAY.len()];
        maker.add(line, None, offset.map(|o| shift(today, o)), status);
    }
    for line in lines.iter().filter(|l| l.key == "follow") {
        let zalo = plan.iter().find(|p| p.key == "zalo").map(|p| p.campaign.id);
        let task = maker.add(line, zalo, Some(shift(today, 5)), Some(TaskStatus::Todo));
        task.follows_note = follow;
        task.priority = Priority::High;
        task.notes = "Từ review note tháng trước: khách rời bỏ sau 90 ngày.".into();
    }
    maker.tasks
}
