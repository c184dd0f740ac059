//! `funnel task …`: add, list, finish, start, edit and remove tasks.

use clap::{Args, Subcommand};
use serde::Serialize;

use std::collections::HashMap;

use chrono::NaiveDate;

use super::output::{count, fit, json_items, line, print_table};
use super::{CliError, CliResult, Context};
use crate::domain::RecordKind;
use crate::domain::{CampaignId, PersonId};
use crate::domain::{Priority, Recurrence, Task, TaskId, TaskStatus};
use crate::i18n::Format;
use crate::store::Store;
use crate::store::tasks::{NewTask, TaskPatch, TaskQuery};
use crate::taskview::quick::{Known, parse_quick};

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Add a task.
    Add(AddArgs),
    /// List tasks (open ones unless --status or --all).
    List(ListArgs),
    /// Mark tasks done.
    Done {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Mark a task as being worked on.
    Start { id: i64 },
    /// Change a task's fields.
    Edit(EditArgs),
    /// Remove a task (undo brings it back).
    Rm { id: i64 },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What to do; may set fields as the dashboard's add form does:
    /// "Gọi xưởng in due:fri @Ngọc #ops p:high campaign:tet" (text in
    /// double quotes stays in the title).
    pub title: String,
    /// Campaign, by id or name.
    #[arg(long)]
    pub campaign: Option<String>,
    /// Due date: 2026-11-22, 22/11/2026, today, tomorrow, fri, +3d, +2w.
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Who does it, by id or name.
    #[arg(long)]
    pub assignee: Option<String>,
    /// high, medium (the default) or low.
    #[arg(long)]
    pub priority: Option<Priority>,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// Repeats: day, week, 2w, month, mon,thu, 15 (day of the month).
    #[arg(long, conflicts_with = "after_done")]
    pub every: Option<String>,
    /// Repeats this long after it is done: 14d, 2w, 1m.
    #[arg(long)]
    pub after_done: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub status: Option<TaskStatus>,
    /// Include done tasks.
    #[arg(long)]
    pub all: bool,
    #[arg(long)]
    pub campaign: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    /// Only tasks due before this date.
    #[arg(long, allow_hyphen_values = true)]
    pub due_before: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: i64,
    #[arg(long)]
    pub title: Option<String>,
    /// Campaign by id or name; "none" clears it.
    #[arg(long)]
    pub campaign: Option<String>,
    /// A date; "none" clears it.
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Person by id or name; "none" clears it.
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub priority: Option<Priority>,
    #[arg(long)]
    pub status: Option<TaskStatus>,
    /// Replace the tags (repeatable); --tag none clears them.
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// The series' rule (any task of it): day, week, 2w, month, mon,thu,
    /// 15; "none" stops it.
    #[arg(long, conflicts_with = "after_done")]
    pub every: Option<String>,
    /// The series repeats this long after each is done: 14d, 2w, 1m;
    /// "none" stops it.
    #[arg(long)]
    pub after_done: Option<String>,
}

/// A task as `task list --json` prints it: the record plus the names its
/// ids point to.
#[derive(Debug, Serialize)]
struct TaskJson<'a> {
    #[serde(flatten)]
    task: &'a Task,
    campaign_name: Option<String>,
    assignee_name: Option<String>,
    overdue: bool,
}

fn is_none(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case("none")
}

/// The rule `--every` or `--after-done` gives: `None` where neither is
/// given, `Some(None)` for "none".
fn rule(every: Option<&str>, after: Option<&str>) -> CliResult<Option<Option<Recurrence>>> {
    let (arg, text, parse): (&str, _, fn(&str) -> _) = match (every, after) {
        (Some(e), _) => ("--every", e, Recurrence::parse_every),
        (None, Some(a)) => ("--after-done", a, Recurrence::parse_after),
        (None, None) => return Ok(None),
    };
    if is_none(text) {
        return Ok(Some(None));
    }
    parse(text)
        .map(|r| Some(Some(r)))
        .map_err(|e| CliError::user(format!("{arg}: {e}; nothing was written")))
}

fn campaign(store: &Store, key: Option<&str>) -> CliResult<Option<CampaignId>> {
    key.map(|k| store.resolve(RecordKind::Campaign, k).map(CampaignId))
        .transpose()
        .map_err(CliError::from)
}

fn person(store: &Store, key: Option<&str>) -> CliResult<Option<PersonId>> {
    key.map(|k| store.resolve(RecordKind::Person, k).map(PersonId))
        .transpose()
        .map_err(CliError::from)
}

/// The task `task add` adds: the title read for quick-add tokens, then
/// the options; a token and an option for the same field are an error, as
/// is a token that sets nothing.
fn new_task(ctx: &Context, store: &Store, a: AddArgs) -> CliResult<NewTask> {
    let people: Vec<(i64, String)> = store
        .people()?
        .into_iter()
        .map(|p| (p.id.0, p.name))
        .collect();
    let campaigns: Vec<(i64, String)> = store
        .campaigns()?
        .into_iter()
        .map(|c| (c.id.0, c.name))
        .collect();
    let known = Known {
        people: &people,
        campaigns: &campaigns,
    };
    let q = parse_quick(&a.title, ctx.today(), known)
        .map_err(|e| CliError::user(format!("{e}; nothing was written")))?;
    let both = |token, option| CliError::BothSet { token, option };
    let campaign = match (q.campaign, a.campaign.as_deref()) {
        (Some(_), Some(_)) => return Err(both("campaign:", "--campaign")),
        (Some(c), None) => Some(CampaignId(c)),
        (None, key) => campaign(store, key)?,
    };
    let assignee = match (q.assignee, a.assignee.as_deref()) {
        (Some(_), Some(_)) => return Err(both("@name", "--assignee")),
        (Some(p), None) => Some(PersonId(p)),
        (None, key) => person(store, key)?,
    };
    let due = match (q.due, a.due.as_deref()) {
        (Some(_), Some(_)) => return Err(both("due:", "--due")),
        (Some(d), None) => Some(d),
        (None, d) => d.map(|d| ctx.parse_date("--due", d)).transpose()?,
    };
    let priority = match (q.priority, a.priority) {
        (Some(_), Some(_)) => return Err(both("p:", "--priority")),
        (p, o) => p.or(o).unwrap_or(Priority::Medium),
    };
    let option = rule(a.every.as_deref(), a.after_done.as_deref())?.flatten();
    let recurrence = match (q.recurrence, option) {
        (Some(_), Some(_)) => return Err(both("every:/after:", "--every/--after-done")),
        (r, o) => r.or(o),
    };
    let mut tags = q.tags;
    tags.extend(a.tags);
    Ok(NewTask {
        campaign,
        assignee,
        due,
        priority,
        tags,
        notes: a.notes,
        recurrence,
        ..NewTask::titled(&q.title)
    })
}

pub fn run(ctx: &Context, cmd: TaskCommand) -> CliResult {
    let mut store = match cmd {
        TaskCommand::List(_) => ctx.open_existing()?,
        _ => ctx.open()?,
    };
    let w = &ctx.format().words().cli;
    match cmd {
        TaskCommand::Add(a) => {
            let new = new_task(ctx, &store, a)?;
            let t = store.add_task(&new)?;
            line(&Format::fill_all(w.task.added, &[&t.id, &t.title]))
        }
        TaskCommand::List(a) => list(ctx, &store, &a),
        TaskCommand::Done { ids } => {
            let ids: Vec<TaskId> = ids.into_iter().map(TaskId).collect();
            for set in store.set_task_status_following(&ids, TaskStatus::Done)? {
                let t = &set.task;
                let said = if set.changed {
                    w.task_done
                } else {
                    w.task_already_done
                };
                line(&Format::fill_all(said, &[&t.id, &t.title]))?;
                if let Some(n) = set.next {
                    let n = store.task(n)?;
                    let due = n.due.map(|d| ctx.format().date(d)).unwrap_or_default();
                    line(&Format::fill_all(w.task_next, &[&n.id, &due, &n.title]))?;
                }
            }
            Ok(())
        }
        TaskCommand::Start { id } => {
            let t = store.set_task_status(&[TaskId(id)], TaskStatus::Doing)?;
            for t in t {
                line(&Format::fill_all(w.task_doing, &[&t.id, &t.title]))?;
            }
            Ok(())
        }
        TaskCommand::Edit(a) => {
            let nothing = a.title.is_none()
                && a.campaign.is_none()
                && a.due.is_none()
                && a.assignee.is_none()
                && a.priority.is_none()
                && a.status.is_none()
                && a.tags.is_empty()
                && a.notes.is_none()
                && a.every.is_none()
                && a.after_done.is_none();
            if nothing {
                return Err(CliError::user(w.task_nothing_to_change));
            }
            let mut patch = TaskPatch {
                title: a.title,
                priority: a.priority,
                status: a.status,
                notes: a.notes,
                recurrence: rule(a.every.as_deref(), a.after_done.as_deref())?,
                ..TaskPatch::default()
            };
            if let Some(c) = a.campaign.as_deref() {
                patch.campaign = Some(if is_none(c) {
                    None
                } else {
                    campaign(&store, Some(c))?
                });
            }
            if let Some(p) = a.assignee.as_deref() {
                patch.assignee = Some(if is_none(p) {
                    None
                } else {
                    person(&store, Some(p))?
                });
            }
            if let Some(d) = a.due.as_deref() {
                patch.due = Some(if is_none(d) {
                    None
                } else {
                    Some(ctx.parse_date("--due", d)?)
                });
            }
            if !a.tags.is_empty() {
                patch.tags = Some(a.tags.into_iter().filter(|t| !is_none(t)).collect());
            }
            let (t, changed) = store.edit_task_changed(TaskId(a.id), &patch)?;
            let said = if changed {
                w.task.edited
            } else {
                w.task_unchanged
            };
            line(&Format::fill_all(said, &[&t.id, &t.title]))
        }
        TaskCommand::Rm { id } => {
            let t = store.delete_task(TaskId(id))?;
            line(&Format::fill_all(w.task.removed, &[&t.id, &t.title]))
        }
    }
}

fn list(ctx: &Context, store: &Store, a: &ListArgs) -> CliResult {
    let q = TaskQuery {
        status: a.status,
        open_only: a.status.is_none() && !a.all,
        campaign: campaign(store, a.campaign.as_deref())?,
        assignee: person(store, a.assignee.as_deref())?,
        due_before: a
            .due_before
            .as_deref()
            .map(|d| ctx.parse_date("--due-before", d))
            .transpose()?,
    };
    let campaigns: HashMap<CampaignId, String> = store
        .campaigns()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let people: HashMap<PersonId, String> = store
        .people()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let today = ctx.today();
    if a.json {
        let tasks = store.tasks(&q)?;
        return json_items(tasks.iter().map(|t| TaskJson {
            task: t,
            campaign_name: t.campaign.and_then(|id| campaigns.get(&id)).cloned(),
            assignee_name: t.assignee.and_then(|id| people.get(&id)).cloned(),
            overdue: t.status.is_open() && t.due.is_some_and(|d| d < today),
        }));
    }
    let lines = store.task_lines(&q)?;
    let fmt = ctx.format();
    let words = fmt.words();
    if lines.is_empty() {
        return line(words.cli.no_tasks_match);
    }
    // Most tasks share a few hundred due days: each is formatted once.
    let mut dates: HashMap<NaiveDate, String> = HashMap::new();
    let mut late = 0;
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|t| {
            let overdue = t.status.is_open() && t.due.is_some_and(|d| d < today);
            late += usize::from(overdue);
            let due = t
                .due
                .map(|d| {
                    let date = dates.entry(d).or_insert_with(|| fmt.date(d));
                    if overdue {
                        format!("{date} !")
                    } else {
                        date.clone()
                    }
                })
                .unwrap_or_default();
            let mut tags = String::with_capacity(t.tags.len() + 4);
            for g in t.tags.split_whitespace() {
                if !tags.is_empty() {
                    tags.push(' ');
                }
                tags.push('#');
                tags.push_str(g);
            }
            vec![
                t.id.to_string(),
                words.ui.task_status(t.status).to_string(),
                words.ui.priority(t.priority).to_string(),
                due,
                // The mark the dashboard gives a task of a series.
                match (t.repeats, ctx.ascii) {
                    (true, true) => fit(&format!("~ {}", t.title), 50),
                    (true, false) => fit(&format!("↻ {}", t.title), 50),
                    (false, _) => fit(&t.title, 50),
                },
                t.campaign
                    .and_then(|id| campaigns.get(&id))
                    .map(|c| fit(c, 24))
                    .unwrap_or_default(),
                t.assignee
                    .and_then(|id| people.get(&id))
                    .cloned()
                    .unwrap_or_default(),
                tags,
            ]
        })
        .collect();
    print_table(&words.cli.task_columns, &rows)?;
    let summary = if lines.len() == 1 {
        words.cli.tasks_summary_one
    } else {
        words.cli.tasks_summary
    };
    line(&Format::fill_all(
        summary,
        &[&count(fmt, lines.len()), &count(fmt, late)],
    ))
}
