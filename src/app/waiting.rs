//! A write that meets another process's write lock. The dashboard's
//! store never waits inside SQLite (the screen would freeze for up to
//! five seconds with nothing on it); a write that finds the lock taken is
//! kept, the screen says it waits, and the terminal loop tries it again
//! every [`RETRY_EVERY`] until it goes through or [`App::write_wait`] has
//! passed, when the dashboard says nothing was written.
//!
//! Meanwhile the dashboard stays live: keys that only look (moving,
//! tabs, help, the filter) work; keys that would write are refused with
//! a line saying so, and so is every key of a form whose saving waits
//! (typing would change what is being written); Esc stops waiting. The
//! quit key first says that the change would not be written, and quits
//! when pressed again (Ctrl-c quits at once, as everywhere). A retried
//! write is what the key asked for when it was pressed: a quick key
//! changes the task it was pressed on, whatever is selected by then, and
//! a deletion the record it asked about.

use std::time::{Duration, Instant};

use super::editor::EditRequest;
use super::{Action, App, Context, Overlay, Pending};
use crate::domain::Note;
use crate::i18n::Format;
use crate::store::tasks::TaskPatch;
use crate::taskview::TaskLine;

/// How often a waiting write is tried again.
pub const RETRY_EVERY: Duration = Duration::from_millis(100);

/// A write to try again, as its key asked for it.
#[derive(Clone)]
pub(super) enum Retry {
    /// A quick key's change to a task (Space, s, +, -, p).
    Task {
        line: Box<TaskLine>,
        patch: TaskPatch,
    },
    Undo {
        redo: bool,
    },
    /// The answer to a deletion's question.
    Answer {
        pending: Pending,
        action: Action,
    },
    /// Saving the open form, kept as it was.
    Submit,
    /// Long text from an editor.
    Edit {
        request: EditRequest,
        text: String,
    },
    /// A task following up a note.
    FollowUp(Note),
}

/// A write waiting for another process's write lock.
pub(super) struct Waiting {
    retry: Retry,
    since: Instant,
    next_try: Instant,
    said: Said,
}

/// What the waiting line says besides that the write waits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Said {
    Waiting,
    /// A key was refused meanwhile.
    Refused,
    /// The quit key was pressed: pressed again, it quits without the write.
    QuitAsked,
}

impl App {
    /// Whether a write waits for another process (the terminal loop then
    /// calls [`App::retry_write`] every [`RETRY_EVERY`]).
    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// The line shown while a write waits.
    pub fn waiting_line(&self) -> Option<String> {
        let w = self.waiting.as_ref()?;
        let ui = &self.words().ui;
        let key = self
            .keymap
            .key_text(Context::Waiting, Action::Cancel)
            .unwrap_or_else(|| "Esc".into());
        Some(match w.said {
            Said::Waiting => Format::fill(ui.waiting, key),
            Said::Refused => Format::fill(ui.waiting_refused, key),
            Said::QuitAsked => {
                let quit = self
                    .keymap
                    .key_text(Context::Global, Action::Quit)
                    .unwrap_or_else(|| "Ctrl-c".into());
                Format::fill_all(ui.waiting_quit, &[&quit, &key])
            }
        })
    }

    /// Whether `action`, where the keys go now, writes (or leads to a
    /// write: the forms and questions that end in one).
    pub(super) fn writes_now(&self, action: Action) -> bool {
        action.writes()
            || matches!(
                (self.context(), action),
                (Context::Form | Context::Editor, Action::Submit) | (Context::Confirm, Action::Yes)
            )
    }

    /// What `action` would write, to try again if it meets the lock;
    /// `None` for a write that is not safe to repeat later.
    pub(super) fn retry_for(&self, action: Action) -> Option<Retry> {
        match (self.context(), action) {
            (Context::Form, Action::Submit) => Some(Retry::Submit),
            (Context::Confirm, _) => match &self.overlay {
                Overlay::Confirm { pending, .. } if pending.answers().contains(&action) => {
                    Some(Retry::Answer {
                        pending: pending.clone(),
                        action,
                    })
                }
                _ => None,
            },
            (_, Action::Undo | Action::Redo) => Some(Retry::Undo {
                redo: action == Action::Redo,
            }),
            // A change to the marked tasks is not repeated later: the
            // marks may have changed by then.
            (Context::Tasks, _) if !self.tasks.marks.is_empty() => None,
            (Context::Tasks, _) => {
                self.tasks
                    .quick_change(action, self.today)
                    .map(|(line, patch)| Retry::Task {
                        line: Box::new(line),
                        patch,
                    })
            }
            (Context::Kpis, Action::FollowUp) => self.selected_note().map(Retry::FollowUp),
            _ => None,
        }
    }

    /// Keys while a write waits: whether `action` was dealt with here
    /// (stopped the wait, or refused).
    pub(super) fn while_waiting(&mut self, action: Action, writes: bool) -> bool {
        if action == Action::Quit {
            // Quitting drops the waiting change: said first, done when
            // asked again.
            return match &mut self.waiting {
                Some(w) if w.said != Said::QuitAsked => {
                    w.said = Said::QuitAsked;
                    self.show_waiting();
                    true
                }
                _ => false,
            };
        }
        if action == Action::Cancel {
            self.end_waiting(self.words().ui.waiting_stopped.into());
            return true;
        }
        if writes || matches!(self.overlay, Overlay::Form(_)) {
            if let Some(w) = &mut self.waiting {
                w.said = Said::Refused;
            }
            self.show_waiting();
            return true;
        }
        false
    }

    /// Starts waiting for the lock to write `retry`; without one, says at
    /// once that nothing was written.
    pub(super) fn wait(&mut self, retry: Option<Retry>) {
        let Some(retry) = retry else {
            return self.end_waiting(self.gave_up());
        };
        let now = Instant::now();
        self.waiting = Some(Waiting {
            retry,
            since: now,
            next_try: now + RETRY_EVERY,
            said: Said::Waiting,
        });
        // Not the failed attempt's "busy" message: it is not over yet.
        self.status = None;
        self.show_waiting();
    }

    /// Tries the waiting write again if it is time; whether the screen
    /// changed (the write went through, failed, or was given up).
    pub fn retry_write(&mut self) -> bool {
        let now = Instant::now();
        if self.waiting.as_ref().is_none_or(|w| now < w.next_try) {
            return false;
        }
        let Some(w) = self.waiting.take() else {
            return false;
        };
        if self.store.check_file().is_some() {
            self.end_waiting(self.detached_refused());
            return true;
        }
        if now.duration_since(w.since) >= self.write_wait {
            self.end_waiting(self.gave_up());
            return true;
        }
        // The selection stays where the keys moved it meanwhile.
        let selected = self.tasks.selected().map(|l| l.task.id);
        match w.retry.clone() {
            Retry::Task { line, patch } => {
                let effect = self
                    .tasks
                    .write(*line, &patch, false, &mut super::env!(self));
                self.apply(effect);
            }
            Retry::Undo { redo } => self.undo(redo),
            Retry::Answer { pending, action } => self.answer(pending, action),
            Retry::Submit => {
                if matches!(self.overlay, Overlay::Form(_)) {
                    self.update_form(Action::Submit);
                }
            }
            Retry::Edit { request, text } => self.write_text(&request, text),
            Retry::FollowUp(note) => self.follow_up_note(note),
        }
        if self.store.take_write_busy() {
            self.waiting = Some(Waiting {
                next_try: now + RETRY_EVERY,
                ..w
            });
            self.status = None;
            self.show_waiting();
            return false;
        }
        // Written (or refused for another reason, said by the write):
        // whatever tab is shown now reads it.
        self.reload();
        if let Some(id) = selected {
            self.tasks.select(id);
            self.tasks.scroll_into_view(self.fit.list_height);
        }
        true
    }

    /// The waiting line also in the open form, whose own line is where
    /// the eye is.
    fn show_waiting(&mut self) {
        let line = self.waiting_line();
        if let Overlay::Form(form) = &mut self.overlay {
            form.error = line;
            form.error_field = None;
        }
    }

    /// Stops waiting, saying `message` where the write was asked for.
    fn end_waiting(&mut self, message: String) {
        self.waiting = None;
        self.refuse_write(message);
    }

    /// Says that a write was not done: in the open form, or in the
    /// status line (closing a question, which can no longer be answered).
    pub(super) fn refuse_write(&mut self, message: String) {
        match &mut self.overlay {
            Overlay::Form(form) => {
                form.error = Some(message);
                form.error_field = None;
            }
            Overlay::Confirm { .. } => {
                self.overlay = Overlay::None;
                self.fail(message);
            }
            _ => self.fail(message),
        }
    }

    fn gave_up(&self) -> String {
        Format::fill(self.words().ui.busy_gave_up, self.write_wait.as_secs())
    }
}
