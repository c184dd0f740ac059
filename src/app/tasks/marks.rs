//! Marking many tasks: `m` marks or unmarks the selected task, `M` marks
//! every task shown (or clears the marks). While tasks are marked, the
//! quick keys and delete act on all of them as one change, which one undo
//! takes back.

use super::{Row, TaskView, TasksTab, load::line_of, update::patch_of};
use crate::app::effect::{Effect, Env};
use crate::app::{Action, Overlay, Pending, Stale, forms};
use crate::domain::{Task, TaskId, TaskStatus};
use crate::i18n::Format;
use crate::store::tasks::{ManyTasks, TaskPatch};
use crate::taskview::TaskLine;

impl TasksTab {
    /// The effect of `action` where it concerns marks: marking, or a
    /// change to every marked task. `None` leaves the action to the
    /// selected task.
    pub(super) fn update_marked(&mut self, action: Action, env: &mut Env) -> Option<Effect> {
        match action {
            Action::ToggleMark => {
                let id = self.selected()?.task.id;
                if !self.marks.remove(&id) {
                    self.marks.insert(id);
                }
                self.move_by(1, env.fit.list_height);
                Some(Effect::none())
            }
            Action::MarkAll => {
                if self.marks.is_empty() {
                    self.marks = self.shown_ids().into_iter().collect();
                } else {
                    self.marks.clear();
                }
                Some(Effect::none())
            }
            _ if self.marks.is_empty() => None,
            Action::Delete => {
                let ids: Vec<TaskId> = self.marks.iter().copied().collect();
                let question = Format::fill(env.words().ui.tasks.confirm_delete_marked, ids.len());
                Some(Effect::open(Overlay::Confirm {
                    question,
                    pending: Pending::DeleteTasks(ids),
                }))
            }
            Action::ToggleDone
            | Action::CycleStatus
            | Action::DueLater
            | Action::DueEarlier
            | Action::CyclePriority => Some(self.write_marked(action, env)),
            Action::Edit => {
                let form = forms::marked::open(super::names(env.store), env.format());
                Some(Effect::open(Overlay::Form(Box::new(form))))
            }
            _ => None,
        }
    }

    /// The tasks shown, in the list or on the board.
    fn shown_ids(&self) -> Vec<TaskId> {
        let lines: Vec<usize> = match self.view {
            TaskView::List => self
                .rows
                .iter()
                .filter_map(|r| match r {
                    Row::Task(i) => Some(*i),
                    Row::Heading(..) => None,
                })
                .collect(),
            TaskView::Board => self.columns.iter().flatten().copied().collect(),
        };
        lines
            .into_iter()
            .filter_map(|i| self.lines.get(i).map(|l| l.task.id))
            .collect()
    }

    /// The marked tasks as listed.
    fn marked_lines(&self) -> Vec<TaskLine> {
        self.lines
            .lines()
            .iter()
            .filter(|l| self.marks.contains(&l.task.id))
            .cloned()
            .collect()
    }

    /// A quick key's change to every marked task, as one change. `Space`
    /// marks them all done, or all to do where all are done already; the
    /// other keys change each from its own value (its next status or
    /// priority, its own due day a day later or earlier).
    fn write_marked(&mut self, action: Action, env: &mut Env) -> Effect {
        let all_done = self
            .marked_lines()
            .iter()
            .all(|l| l.task.status == TaskStatus::Done);
        let today = env.today;
        self.patch_marked(
            |t| match action {
                Action::ToggleDone => Some(TaskPatch {
                    status: Some(if all_done {
                        TaskStatus::Todo
                    } else {
                        TaskStatus::Done
                    }),
                    ..TaskPatch::default()
                }),
                _ => patch_of(t, action, today),
            },
            env,
        )
    }

    /// Writes the change `patch` gives each marked task (none: left
    /// alone) as one change, and puts the tasks back.
    pub(in crate::app) fn patch_marked(
        &mut self,
        patch: impl Fn(&Task) -> Option<TaskPatch>,
        env: &mut Env,
    ) -> Effect {
        let edits: Vec<(TaskId, TaskPatch)> = self
            .marked_lines()
            .iter()
            .filter_map(|l| Some((l.task.id, patch(&l.task)?)))
            .collect();
        if edits.is_empty() {
            return Effect::said(env.words().ui.elsewhere.unchanged.into());
        }
        let written = match env.store.change_tasks(&ManyTasks::Patch(edits)) {
            Ok(w) => w,
            Err(e) => return Effect::failed(env.format().error(&e)),
        };
        let keep = self.selected().map(|l| l.task.id);
        let n = written.len();
        for (task, next) in written {
            if let Some(next) = next.and_then(|id| env.store.task(id).ok()) {
                let line = line_of(env.store, next);
                self.put(line, env.today, false);
            }
            // A task marked done here stays in sight, so a second Space
            // takes them all back.
            if task.status == TaskStatus::Done {
                self.kept.insert(task.id);
            }
            let line = line_of(env.store, task);
            self.put(line, env.today, false);
        }
        if let Some(id) = keep {
            self.select(id);
        }
        self.scroll_into_view(env.fit.list_height);
        let text = Format::fill(env.words().ui.tasks.msg_marked_changed, n);
        Effect::said(format!("{text} {}", env.undo_hint())).made_stale(Stale::DERIVED)
    }

    /// Deletes the tasks `ids` as one change, once the question is
    /// answered.
    pub fn delete_many(&mut self, ids: &[TaskId], env: &mut Env) -> Effect {
        match env.store.change_tasks(&ManyTasks::Delete(ids.to_vec())) {
            Ok(gone) => {
                for (t, _) in &gone {
                    self.marks.remove(&t.id);
                    self.drop_task(t.id, env.today);
                }
                self.scroll_into_view(env.fit.list_height);
                let text = Format::fill(env.words().ui.tasks.msg_marked_deleted, gone.len());
                Effect::said(format!("{text} {}", env.undo_hint())).made_stale(Stale::DERIVED)
            }
            Err(e) => Effect::failed(env.format().error(&e)),
        }
    }

    /// Keeps the marks of the tasks that still exist after the lines were
    /// read again.
    pub(super) fn keep_existing_marks(&mut self) {
        if self.marks.is_empty() {
            return;
        }
        let ids: std::collections::HashSet<TaskId> =
            self.lines.lines().iter().map(|l| l.task.id).collect();
        self.marks.retain(|id| ids.contains(id));
    }
}
