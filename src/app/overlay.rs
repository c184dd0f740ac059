//! What covers a tab: the help, a question, a form, an edit's conflict,
//! the scope picker, the built-in editor, and the filter line; each takes
//! the keys while it is open.

use ratatui_textarea::TextArea;

use super::form::{FieldError, Form};
use super::{
    Action, App, KpisTab, Stale, editor, edits, env, forms, kpis, typing, undoing, waiting,
};
use crate::domain::{NoteId, TaskId};
use crate::i18n::Format;
use crate::store;

/// A question waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteTask(TaskId),
    /// The marked tasks, deleted as one change.
    DeleteTasks(Vec<TaskId>),
    DeleteNote(NoteId),
    /// Another follow-up task for a note that already has one: y/n.
    FollowUpAgain(NoteId),
    /// A record of the Strategy or Plan tab: y/n.
    Delete(crate::domain::RecordRef),
    /// A campaign with tasks: keep them (unlinked) or delete them too.
    DeleteCampaign {
        id: crate::domain::CampaignId,
        tasks: i64,
    },
    /// A refused undo of journal entry `.0`, to be undone anyway: y/n.
    UndoAnyway(i64),
}

impl Pending {
    /// The answers the question takes.
    pub fn answers(&self) -> &'static [Action] {
        match self {
            Pending::DeleteCampaign { .. } => {
                &[Action::KeepTasks, Action::DeleteTasksToo, Action::No]
            }
            Pending::DeleteTask(_)
            | Pending::DeleteTasks(_)
            | Pending::DeleteNote(_)
            | Pending::FollowUpAgain(_)
            | Pending::Delete(_)
            | Pending::UndoAnyway(_) => &[Action::Yes, Action::No],
        }
    }
}

/// What covers the tab, if anything.
pub enum Overlay {
    None,
    /// The keys, narrowed by what is typed (see `help`).
    Help(super::help::Help),
    Confirm {
        question: String,
        pending: Pending,
    },
    Form(Box<Form>),
    /// An edit form's fields changed elsewhere too: which to keep.
    Conflict(Box<edits::Conflict>),
    /// The KPIs tab's choice of segment, channel or campaign.
    Picker(Box<kpis::Picker>),
    /// The built-in editor of long text.
    Editor(Box<editor::TextEditor>),
    /// The KPIs tab's import of a file: its path, then its dry run.
    Import(Box<kpis::import::Import>),
    /// Why the last undo or redo was refused, and what to do.
    UndoRefused(Box<undoing::Refused>),
}

impl Overlay {
    /// The answers the question shown takes, if any.
    pub fn answers(&self) -> &'static [Action] {
        match self {
            Overlay::Confirm { pending, .. } => pending.answers(),
            Overlay::Conflict(_) => edits::ANSWERS,
            Overlay::Import(i) => i.answers(),
            Overlay::UndoRefused(r) => r.answers(),
            _ => &[],
        }
    }
}

impl App {
    /// Opens the filter line on the filter as it is.
    pub(super) fn open_filter(&mut self) {
        self.filter_before = self.tasks.filter_text.clone();
        let mut t = TextArea::new(vec![self.tasks.filter_text.clone()]);
        t.move_cursor(ratatui_textarea::CursorMove::End);
        self.filter_input = Some(t);
    }

    /// Text an action asked to edit: the terminal loop opens `$VISUAL` or
    /// `$EDITOR` on it, or [`App::edit_inside`] where there is none.
    pub fn take_edit_request(&mut self) -> Option<editor::EditRequest> {
        self.edit_request.take()
    }

    /// Asks for the selected task's notes in an editor.
    pub(super) fn edit_notes(&mut self) {
        let Some(line) = self.tasks.selected() else {
            return;
        };
        let task = &line.task;
        self.edit_request = Some(editor::EditRequest {
            target: editor::EditTarget::TaskNotes(task.id),
            title: Format::fill(self.words().ui.detail.notes_of, task.id),
            text: task.notes.clone(),
            stored: task.notes.clone(),
        });
    }

    /// Opens the built-in editor on `request`.
    pub fn edit_inside(&mut self, request: editor::EditRequest) {
        self.overlay = Overlay::Editor(Box::new(editor::TextEditor::new(request)));
    }

    /// Writes what the editor left (see `edits` for text changed
    /// elsewhere meanwhile); an error (the editor failed) is shown.
    pub fn finish_edit(&mut self, request: &editor::EditRequest, edited: Result<String, String>) {
        let w = &self.words().ui.strategy;
        let text = match edited {
            Ok(t) => t.trim_end().to_string(),
            Err(e) => return self.fail(Format::fill(w.editor_failed, e)),
        };
        if text == request.stored.trim_end() {
            return self.say(w.unchanged.into());
        }
        if self.read_only {
            return self.fail(self.words().ui.read_only_refused.into());
        }
        if self.store.check_file().is_some() {
            return self.fail(self.detached_refused());
        }
        self.write_text(request, text.clone());
        if self.store.take_write_busy() {
            let request = request.clone();
            self.wait(Some(waiting::Retry::Edit { request, text }));
        }
    }

    pub(super) fn update_editor(&mut self, action: Action) {
        let Overlay::Editor(ed) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Type(k) => typing::type_key(&mut ed.area, k),
            Action::Submit => {
                let request = ed.request.clone();
                let text = ed.text();
                self.overlay = Overlay::None;
                self.finish_edit(&request, Ok(text));
            }
            _ => {}
        }
    }

    pub(super) fn update_form(&mut self, action: Action) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Complete => form.complete(),
            Action::Type(k) => form.type_key(k),
            Action::Submit => self.submit(),
            _ => {}
        }
    }

    /// Keeps the form open with a mistake.
    pub(super) fn form_failed(&mut self, e: FieldError) {
        if let Overlay::Form(form) = &mut self.overlay {
            form.fail(e);
        }
    }

    /// Validates the task form and writes the task, an edit only the
    /// fields changed in the form (where the task is still as `seen`); on
    /// a mistake the form stays open with the message.
    pub(super) fn submit_task(&mut self, seen: Option<&store::seen::Seen>) -> edits::Attempt {
        let Overlay::Form(form) = &self.overlay else {
            return edits::Attempt::Done;
        };
        let today = self.today;
        let fmt = self.format();
        let editing = forms::task::editing(form);
        let result = forms::task::read(form, &self.store, today, fmt)
            .map_err(edits::Failure::from)
            .and_then(|new| {
                let written = match editing {
                    None => self.store.add_task(&new),
                    Some(id) => {
                        let patch = forms::task::patch(form, &new);
                        edits::checked(&mut self.store, seen, |s| s.edit_task(id, &patch))
                    }
                };
                written.map_err(edits::refusal(|e| FieldError::general(fmt.error(&e))))
            });
        match result {
            Ok(task) => {
                let ui = &fmt.words().ui;
                let template = if editing.is_some() {
                    ui.msg_saved
                } else {
                    ui.msg_added
                };
                let text = Format::fill(template, task.id);
                self.overlay = Overlay::None;
                let hint = self.undo_hint();
                self.say(format!("{text} {hint}"));
                self.tasks.put_written(task, &env!(self));
                // A task added from the Plan tab: its progress shows there.
                self.made_stale(Stale::DERIVED);
                edits::Attempt::Done
            }
            Err(e) => e.shown(self),
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        if let Overlay::Import(_) = &self.overlay {
            return self.update_import(action);
        }
        if let Overlay::Conflict(_) = &self.overlay {
            return self.update_conflict(action);
        }
        if let Overlay::UndoRefused(_) = &self.overlay {
            return self.update_undo_refused(action);
        }
        let Overlay::Confirm { pending, .. } = &self.overlay else {
            return;
        };
        let pending = pending.clone();
        if !pending.answers().contains(&action) {
            return;
        }
        self.overlay = Overlay::None;
        self.answer(pending, action);
    }

    /// Carries out the answer `action` to the question `pending`.
    pub(super) fn answer(&mut self, pending: Pending, action: Action) {
        match action {
            Action::KeepTasks | Action::DeleteTasksToo => {
                if let Pending::DeleteCampaign { id, tasks } = pending {
                    let too = (action == Action::DeleteTasksToo).then_some(tasks);
                    self.delete_item(crate::domain::RecordRef::of(id), too);
                }
            }
            Action::Yes => {
                if self.read_only {
                    return self.fail(self.words().ui.read_only_refused.into());
                }
                match pending {
                    Pending::Delete(item) => self.delete_item(item, None),
                    Pending::DeleteCampaign { .. } => {}
                    Pending::DeleteNote(id) => self.delete_note(id),
                    Pending::FollowUpAgain(id) => match self.store.note(id) {
                        Ok(note) => self.follow_up_note(note),
                        Err(e) => self.fail(self.format().error(&e)),
                    },
                    Pending::DeleteTask(id) => {
                        let effect = self.tasks.delete(id, &mut env!(self));
                        self.apply(effect);
                    }
                    Pending::DeleteTasks(ids) => {
                        let effect = self.tasks.delete_many(&ids, &mut env!(self));
                        self.apply(effect);
                    }
                    Pending::UndoAnyway(entry) => self.undo_anyway(entry),
                }
            }
            _ => {}
        }
    }

    /// Typing narrows the picker's list; Enter shows the figures of the
    /// chosen scope, Esc leaves the tab as it was.
    /// The import's path prompt and dry run (see `kpis::import`).
    pub(super) fn update_import(&mut self, action: Action) {
        let Overlay::Import(import) = &mut self.overlay else {
            return;
        };
        let effect = import.update(action, &env!(self));
        self.apply(effect);
    }

    /// Work an overlay left for after the frame that says it is under way
    /// (reading or importing a file); whether there was any, so the
    /// terminal loop draws again.
    pub fn run_deferred(&mut self) -> bool {
        let Overlay::Import(import) = &mut self.overlay else {
            return false;
        };
        if !import.pending() {
            return false;
        }
        let effect = import.run(&mut env!(self));
        self.apply(effect);
        true
    }

    pub(super) fn update_picker(&mut self, action: Action) {
        let Overlay::Picker(picker) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Up => picker.move_by(-1),
            Action::Down => picker.move_by(1),
            Action::PageUp => picker.move_by(-10),
            Action::PageDown => picker.move_by(10),
            Action::Type(k) => {
                typing::type_key(&mut picker.input, k);
                picker.narrow();
            }
            Action::Submit => {
                let Some(scope) = picker.chosen().cloned() else {
                    return;
                };
                self.overlay = Overlay::None;
                if let Some(at) = self.kpis.as_ref().map(KpisTab::position) {
                    self.load_kpis(kpis::KpisPosition { scope, ..at });
                }
            }
            _ => {}
        }
    }

    /// Typing narrows the help's lines; the arrows select one, `Enter`
    /// runs its action (see `help`), `Esc` closes.
    pub(super) fn update_help(&mut self, action: Action) {
        let ui = &self.words().ui;
        let Overlay::Help(h) = &mut self.overlay else {
            return;
        };
        let shown = super::help::entries(&self.keymap, ui, &h.query);
        let last = shown.len().saturating_sub(1);
        match action {
            Action::Down => h.selected = (h.selected + 1).min(last),
            Action::Up => h.selected = h.selected.saturating_sub(1),
            Action::PageDown => h.selected = (h.selected + 10).min(last),
            Action::PageUp => h.selected = h.selected.saturating_sub(10),
            Action::Top => h.selected = 0,
            Action::Bottom => h.selected = last,
            Action::Type(k) => {
                use ratatui::crossterm::event::{KeyCode, KeyModifiers};
                match k.code {
                    KeyCode::Backspace => {
                        h.query.pop();
                    }
                    KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                        h.query.push(c)
                    }
                    _ => return,
                }
                h.selected = 0;
            }
            Action::Submit => {
                let Some(entry) = shown.get(h.selected) else {
                    return;
                };
                let Some(tab) = entry.runs_on() else {
                    return;
                };
                let action = entry.action;
                self.overlay = Overlay::None;
                if let Some(tab) = tab
                    && tab != self.tab
                {
                    self.show(tab);
                }
                self.update(action);
            }
            Action::No | Action::Help | Action::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    /// Opens the line to type a task's id on.
    pub(super) fn open_go_to(&mut self) {
        self.go_to = true;
        self.filter_input = Some(TextArea::default());
    }

    /// The task whose id was typed, selected: shown again where the
    /// filter or hidden done tasks kept it out of the list.
    fn go_to_task(&mut self, typed: &str) {
        self.go_to = false;
        self.filter_input = None;
        let w = &self.words().ui.detail;
        let typed = typed.trim().trim_start_matches('#');
        let Ok(id) = typed.parse::<i64>() else {
            return self.fail(Format::fill(w.go_to_bad, typed));
        };
        let id = crate::domain::TaskId(id);
        let Some(line) = self.tasks.lines.lines().iter().find(|l| l.task.id == id) else {
            return self.fail(Format::fill(w.go_to_missing, id));
        };
        let done = line.task.status == crate::domain::TaskStatus::Done;
        let shown =
            |tasks: &super::tasks::TasksTab| tasks.selected().is_some_and(|l| l.task.id == id);
        self.tasks.select(id);
        if !shown(&self.tasks) && !self.tasks.filter_text.is_empty() {
            self.tasks.set_filter("", self.today);
            self.tasks.select(id);
        }
        if !shown(&self.tasks) && done && !self.tasks.show_done {
            self.tasks.toggle_done_shown(self.today);
            self.tasks.select(id);
        }
        self.tasks.scroll_into_view(self.fit.list_height);
    }

    pub(super) fn update_filter(&mut self, action: Action) {
        if self.go_to {
            match action {
                Action::Submit => {
                    let typed = self
                        .filter_input
                        .as_ref()
                        .map(|t| t.lines().join(""))
                        .unwrap_or_default();
                    self.go_to_task(&typed);
                }
                Action::Cancel => {
                    self.go_to = false;
                    self.filter_input = None;
                }
                Action::Type(k) => {
                    if let Some(t) = &mut self.filter_input {
                        typing::type_key(t, k);
                    }
                }
                _ => {}
            }
            return;
        }
        let today = self.today;
        match action {
            Action::Submit => {
                self.settle();
                self.filter_input = None;
            }
            Action::Cancel => {
                self.filter_input = None;
                self.filter_pending = false;
                let before = std::mem::take(&mut self.filter_before);
                self.tasks.set_filter(&before, today);
            }
            Action::Type(k) => {
                if let Some(t) = &mut self.filter_input {
                    typing::type_key(t, k);
                    self.filter_pending = true;
                }
            }
            _ => {}
        }
        self.tasks.scroll_into_view(self.fit.list_height);
    }

    /// Applies what typing left pending (the filter) before the next frame:
    /// a burst of keys, such as a paste, filters once, not once per key.
    /// Then reads what the frame shows of the selected task beyond its
    /// line (the note it follows up), so drawing only reads state.
    pub fn settle(&mut self) {
        if std::mem::take(&mut self.filter_pending) {
            if let Some(t) = &self.filter_input {
                let text = t.lines().join(" ");
                self.tasks.set_filter(&text, self.today);
            }
            self.tasks.scroll_into_view(self.fit.list_height);
        }
        self.tasks.read_followed(&self.store);
    }
}
