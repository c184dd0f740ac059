//! The Tasks tab's keys: moving, the quick changes a key writes (Space,
//! s, +, -, p), the form to add or edit a task, the question before a
//! delete, the order, grouping and view.

use chrono::Days;

use super::{TaskView, TasksTab, load::line_of};
use crate::app::effect::{Effect, Env};
use crate::app::{Action, Overlay, Pending, Stale, forms};
use crate::domain::{Priority, TaskId, TaskStatus};
use crate::i18n::Format;
use crate::store::Store;
use crate::store::tasks::TaskPatch;
use crate::taskview::{Sort, TaskLine};

impl TasksTab {
    /// Carries out a key of the Tasks tab.
    pub fn update(&mut self, action: Action, env: &mut Env) -> Effect {
        let today = env.today;
        let height = env.fit.list_height;
        if let Some(effect) = self.update_marked(action, env) {
            return effect;
        }
        match action {
            Action::Up => self.move_by(-1, height),
            Action::Down => self.move_by(1, height),
            Action::PageUp => self.move_by(-(height.max(2) as isize - 1), height),
            Action::PageDown => self.move_by(height.max(2) as isize - 1, height),
            Action::HalfPageUp => self.move_by(-((height / 2).max(1) as isize), height),
            Action::HalfPageDown => self.move_by((height / 2).max(1) as isize, height),
            Action::Top => self.jump(false, height),
            Action::Bottom => self.jump(true, height),
            Action::Left => self.move_column(-1),
            Action::SelectRow(row) => self.select_row(row, height),
            Action::SelectCard(column, row) => self.select_card(column, row),
            Action::Right => self.move_column(1),
            Action::ToggleDone
            | Action::CycleStatus
            | Action::StatusBack
            | Action::StatusForward
            | Action::DueLater
            | Action::DueEarlier
            | Action::CyclePriority => {
                if let Some((line, patch)) = self.quick_change(action, today) {
                    return self.write(line, &patch, true, env);
                }
            }
            Action::Add => return self.form(None, env),
            Action::Edit => {
                if let Some(id) = self.selected().map(|l| l.task.id) {
                    return self.form(Some(id), env);
                }
            }
            Action::Delete => {
                if let Some(l) = self.selected() {
                    let id = l.task.id;
                    let question = Format::fill(
                        env.words().ui.confirm_delete,
                        format!("{id} \u{201c}{}\u{201d}", l.task.title),
                    );
                    return Effect::open(Overlay::Confirm {
                        question,
                        pending: Pending::DeleteTask(id),
                    });
                }
            }
            Action::Detail => self.detail = !self.detail,
            Action::SaveView => return self.view_form(env),
            Action::NextView => return self.cycle_view(1, env),
            Action::PrevView => return self.cycle_view(-1, env),
            // Esc closes the details shown alone before it clears the
            // filter; beside the list (the screen grew) they stay.
            Action::ClearFilter if self.detail && !env.fit.detail_beside => self.detail = false,
            Action::ClearFilter => self.set_filter("", today),
            Action::CycleGrouping => {
                self.grouping = self.grouping.cycled();
                self.refresh(today);
                self.scroll_into_view(height);
            }
            Action::ToggleNext => {
                self.sort = match self.sort {
                    Sort::Next => Sort::Due,
                    _ => Sort::Next,
                };
                self.refresh(today);
                self.scroll_into_view(height);
            }
            Action::ToggleDoneShown => {
                self.toggle_done_shown(today);
                self.scroll_into_view(height);
            }
            Action::ToggleBoard => {
                let id = self.selected().map(|l| l.task.id);
                self.view = match self.view {
                    TaskView::List => TaskView::Board,
                    TaskView::Board => TaskView::List,
                };
                if let Some(id) = id {
                    self.select(id);
                }
                self.scroll_into_view(height);
            }
            _ => {}
        }
        Effect::none()
    }

    /// The form of a new task, or of the task `editing` as listed.
    fn form(&self, editing: Option<TaskId>, env: &Env) -> Effect {
        let line =
            editing.and_then(|id| self.lines.lines().iter().find(|l| l.task.id == id).cloned());
        let form = forms::task::open(line.as_ref(), names(env.store), env.format());
        Effect::open(Overlay::Form(Box::new(form)))
    }

    /// The change a quick key (Space, s, +, -, p) makes to the selected
    /// task, worked out from the task as shown: the task and the change.
    /// The selection follows the task, so a second Space takes back the
    /// first.
    pub fn quick_change(
        &self,
        action: Action,
        today: chrono::NaiveDate,
    ) -> Option<(TaskLine, TaskPatch)> {
        let line = self.selected()?.clone();
        let patch = patch_of(&line.task, action, today)?;
        Some((line, patch))
    }

    /// Writes a quick change to the task of `line` and puts the result
    /// back.
    pub fn write(&mut self, line: TaskLine, p: &TaskPatch, follow: bool, env: &mut Env) -> Effect {
        let task = match env.store.edit_task(line.task.id, p) {
            Ok(task) => task,
            Err(e) => return Effect::failed(env.format().error(&e)),
        };
        let ui = &env.words().ui;
        let finished = task.status == TaskStatus::Done && line.task.status != TaskStatus::Done;
        // A repeating task's next one joins the list; the cursor stays.
        let next = match finished && task.recurrence.is_some() {
            true => env.store.next_in_series(task.id).ok().flatten(),
            false => None,
        };
        let text = if let Some(n) = &next {
            let due = n.due.map(|d| env.format().date(d)).unwrap_or_default();
            Format::fill_all(ui.tasks.msg_done_next, &[&task.id, &n.id, &due])
        } else if finished {
            Format::fill(ui.msg_done, task.id)
        } else {
            let what = if p.status.is_some() {
                ui.task_status(task.status).to_string()
            } else if p.priority.is_some() {
                ui.priority(task.priority).to_string()
            } else {
                match task.due {
                    Some(d) => format!("{} {}", ui.due, env.format().date(d)),
                    None => ui.no_due.to_string(),
                }
            };
            format!("{} {what}.", Format::fill(ui.msg_task, task.id))
        };
        let hint = env.undo_hint();
        if let Some(n) = next {
            let next_line = line_of(env.store, n);
            self.put(next_line, env.today, false);
        }
        self.put(TaskLine { task, ..line }, env.today, follow);
        self.scroll_into_view(env.fit.list_height);
        Effect::said(format!("{text} {hint}")).made_stale(Stale::DERIVED)
    }

    /// Deletes the task `id` once the question is answered.
    pub fn delete(&mut self, id: TaskId, env: &mut Env) -> Effect {
        match env.store.delete_task(id) {
            Ok(t) => {
                let text = Format::fill(env.words().ui.msg_deleted, t.id);
                let hint = env.undo_hint();
                self.drop_task(id, env.today);
                self.scroll_into_view(env.fit.list_height);
                Effect::said(format!("{text} {hint}")).made_stale(Stale::DERIVED)
            }
            Err(e) => Effect::failed(env.format().error(&e)),
        }
    }

    /// A task just written, with its names, put into the list and shown.
    pub fn put_written(&mut self, task: crate::domain::Task, env: &Env) {
        let line = line_of(env.store, task);
        self.put(line, env.today, true);
        self.scroll_into_view(env.fit.list_height);
    }
}

/// The change a quick key (Space, s, +, -, p) makes to `t`, worked out
/// from the task as shown.
pub(super) fn patch_of(
    t: &crate::domain::Task,
    action: Action,
    today: chrono::NaiveDate,
) -> Option<TaskPatch> {
    Some(match action {
        Action::ToggleDone => {
            let to = if t.status == TaskStatus::Done {
                TaskStatus::Todo
            } else {
                TaskStatus::Done
            };
            TaskPatch {
                status: Some(to),
                ..TaskPatch::default()
            }
        }
        Action::CycleStatus => TaskPatch {
            status: Some(t.status.cycled()),
            ..TaskPatch::default()
        },
        // The board's columns in order; the first and last stay put.
        Action::StatusBack | Action::StatusForward => {
            let i = t.status.index();
            let to = match action {
                Action::StatusBack => i.checked_sub(1),
                _ => Some(i + 1),
            };
            TaskPatch {
                status: Some(*to.and_then(|i| TaskStatus::ALL.get(i))?),
                ..TaskPatch::default()
            }
        }
        Action::DueLater | Action::DueEarlier => {
            let base = t.due.unwrap_or(today);
            let due = if t.due.is_none() {
                Some(today)
            } else if action == Action::DueLater {
                base.checked_add_days(Days::new(1))
            } else {
                base.checked_sub_days(Days::new(1))
            };
            TaskPatch {
                due: Some(due.or(t.due)),
                ..TaskPatch::default()
            }
        }
        Action::CyclePriority => TaskPatch {
            priority: Some(match t.priority {
                Priority::High => Priority::Medium,
                Priority::Medium => Priority::Low,
                Priority::Low => Priority::High,
            }),
            ..TaskPatch::default()
        },
        _ => return None,
    })
}

/// The names the task form completes to: running and planned campaigns
/// first, the latest first (the ones a new task most likely belongs to),
/// and people.
pub fn names(store: &Store) -> forms::task::Names {
    let mut list = store.campaigns().unwrap_or_default();
    list.sort_by_key(|c| {
        let closed = matches!(
            c.status,
            crate::domain::CampaignStatus::Done | crate::domain::CampaignStatus::Cancelled
        );
        (closed, std::cmp::Reverse(c.end))
    });
    let campaigns = list.into_iter().map(|c| c.name).collect();
    let people = store
        .people()
        .map(|v| v.into_iter().map(|p| p.name).collect())
        .unwrap_or_default();
    forms::task::Names { campaigns, people }
}
