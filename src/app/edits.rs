//! Edit forms meeting changes made elsewhere while they were open. A
//! form remembers what each field held when it opened; Enter reads the
//! record again and brings the form up to it (see [`Form::catch_up`]):
//! what only the user changed is written, what only another process
//! changed stays, and a field both changed, differently, is shown with
//! both values for the user to choose: keep mine, take theirs, or back
//! to the form. The write then checks, under the write lock, that the
//! record is still as read (see [`Store::write_unchanged`]); where it is
//! not, all of it happens again. A record deleted meanwhile is said, and
//! not written back. Long text edited in an editor (the brand message,
//! the positioning, a procedure's steps) is one such field.

use super::editor::{EditRequest, EditTarget};
use super::form::{Clash, FieldError, Form};
use super::forms::{self, Purpose};
use super::{Action, App, Context, Overlay};
use crate::domain::{Amount, RecordKind};
use crate::i18n::Format;
use crate::store::seen::{Seen, Table};
use crate::store::{Result, Store, StoreError};
use crate::text::fit;

/// Fields changed both here and elsewhere: the edit waits for the user's
/// choice.
pub struct Conflict {
    pub edit: Edit,
    pub clashes: Vec<Clash>,
}

/// What a conflict goes back to.
pub enum Edit {
    /// The form, caught up: the fields that clash hold what was typed.
    Form(Box<Form>),
    /// Long text: what was typed, stored as changed elsewhere.
    Text(EditRequest),
}

impl Conflict {
    /// What is being edited: "Edit task", "Positioning".
    pub fn title(&self) -> &str {
        match &self.edit {
            Edit::Form(form) => form.title,
            Edit::Text(request) => &request.title,
        }
    }
}

/// The answers a conflict takes; no goes back to the form.
pub const ANSWERS: &[Action] = &[Action::KeepMine, Action::TakeTheirs, Action::No];

/// How often one Enter reads and merges again when the record changes
/// between its reading and its writing.
const ATTEMPTS: usize = 3;

/// How writing a form ended.
pub(super) enum Attempt {
    /// Written, or kept open with a mistake.
    Done,
    /// The record changed between its reading and the write: nothing
    /// was written.
    Again,
}

/// Why a form was not written.
pub(super) enum Failure {
    /// A mistake, shown on its field.
    Field(FieldError),
    /// The record changed since it was read.
    Changed,
}

impl From<FieldError> for Failure {
    fn from(e: FieldError) -> Failure {
        Failure::Field(e)
    }
}

impl Failure {
    /// Keeps the form open with the mistake, or asks for another attempt.
    pub(super) fn shown(self, app: &mut App) -> Attempt {
        match self {
            Failure::Field(e) => {
                app.form_failed(e);
                Attempt::Done
            }
            Failure::Changed => Attempt::Again,
        }
    }
}

/// What the store refused, on the field `refused` puts it on; a record
/// changed since it was read apart.
pub(super) fn refusal(
    refused: impl Fn(StoreError) -> FieldError,
) -> impl Fn(StoreError) -> Failure {
    move |e| match e {
        StoreError::Changed { .. } => Failure::Changed,
        e => Failure::Field(refused(e)),
    }
}

/// `write`, checked against `seen` where the form edits a record.
pub(super) fn checked<T>(
    store: &mut Store,
    seen: Option<&Seen>,
    write: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    match seen {
        Some(seen) => store.write_unchanged(seen, write),
        None => write(store),
    }
}

/// Longest a value is shown in a conflict, in columns: both values of a
/// long text fit on the screen.
const SHOWN: usize = 120;

/// Each clash as a line: "Due: yours 2026-12-24, now 2026-12-15"; an
/// amount of money as money is shown ("65.000.000 ₫"), not as typed.
pub fn clash_lines(clashes: &[Clash], fmt: Format) -> Vec<String> {
    let w = &fmt.words().ui.elsewhere;
    let shown = |v: &str, money: bool| match v {
        "" => w.empty.to_string(),
        v => match v.parse::<Amount>() {
            Ok(a) if money => fmt.money(a),
            _ => fit(&v.replace('\n', " "), SHOWN),
        },
    };
    clashes
        .iter()
        .map(|c| {
            let (mine, theirs) = (shown(&c.mine, c.money), shown(&c.theirs, c.money));
            Format::fill_all(w.field, &[&c.label, &mine, &theirs])
        })
        .collect()
}

/// What catching up with the record left to write.
enum CaughtUp {
    /// A new record: nothing to catch up with.
    New,
    /// An edit, to write where the record is still as `Seen`.
    Edit(Seen),
    /// Nothing: the record is gone, or fields clash (each said).
    Stop,
}

impl App {
    /// Enter on a form: writes it, an edit once caught up with its record.
    pub(super) fn submit(&mut self) {
        for _ in 0..ATTEMPTS {
            let Overlay::Form(form) = &self.overlay else {
                return;
            };
            let purpose = form.purpose;
            if purpose == Purpose::Record {
                return self.submit_record();
            }
            if purpose == Purpose::View {
                return self.submit_view();
            }
            let seen = match self.catch_up() {
                CaughtUp::New => None,
                CaughtUp::Edit(seen) => Some(seen),
                CaughtUp::Stop => return,
            };
            if seen.is_some() && !matches!(&self.overlay, Overlay::Form(f) if f.edited()) {
                self.overlay = Overlay::None;
                return self.say(self.words().ui.elsewhere.unchanged.into());
            }
            let attempt = match purpose {
                Purpose::Task(_) => self.submit_task(seen.as_ref()),
                Purpose::Note(_) => self.submit_note(seen.as_ref()),
                Purpose::Marked => self.submit_marked(),
                _ => self.submit_item(purpose, seen.as_ref()),
            };
            if let Attempt::Done = attempt {
                return;
            }
        }
        self.form_failed(FieldError::general(self.words().ui.elsewhere.again));
    }

    /// The record `purpose` edits as the store has it now, in the form
    /// `e` opens on it, with what its write checks; none for a new record.
    pub(super) fn form_as_stored(&self, purpose: Purpose) -> Result<Option<(Form, Seen)>> {
        let (store, fmt, today) = (&self.store, self.format(), self.today);
        Ok(Some(match purpose {
            Purpose::Task(Some(id)) => {
                let (line, seen) = store.read_to_edit(Table::Tasks, id.0, |s| {
                    Ok(super::tasks::load::line_of(s, s.task(id)?))
                })?;
                (
                    forms::task::open(Some(&line), super::tasks::names(&self.store), fmt),
                    seen,
                )
            }
            Purpose::Note(Some(id)) => {
                let (n, seen) = store.read_to_edit(Table::Notes, id.0, |s| s.note(id))?;
                (forms::note::open(&n, self.metric_names(), fmt), seen)
            }
            Purpose::Edit(r) => forms::kinds::open_stored(store, r, today, fmt)?,
            _ => return Ok(None),
        }))
    }

    /// Brings the open form up to its record as the store has it now.
    fn catch_up(&mut self) -> CaughtUp {
        let Overlay::Form(form) = &self.overlay else {
            return CaughtUp::Stop;
        };
        let (now, seen) = match self.form_as_stored(form.purpose) {
            Ok(Some(now)) => now,
            Ok(None) => return CaughtUp::New,
            Err(StoreError::NotFound { .. }) => {
                self.form_failed(FieldError::general(self.words().ui.elsewhere.gone));
                return CaughtUp::Stop;
            }
            Err(e) => {
                self.form_failed(FieldError::general(self.format().error(&e)));
                return CaughtUp::Stop;
            }
        };
        let Overlay::Form(form) = &mut self.overlay else {
            return CaughtUp::Stop;
        };
        let clashes = form.catch_up(&now);
        if clashes.is_empty() {
            return CaughtUp::Edit(seen);
        }
        if let Overlay::Form(form) = std::mem::replace(&mut self.overlay, Overlay::None) {
            self.overlay = Overlay::Conflict(Box::new(Conflict {
                edit: Edit::Form(form),
                clashes,
            }));
        }
        CaughtUp::Stop
    }

    /// The answer to a conflict: keep what was typed, take the values
    /// changed elsewhere (the form's other changes are written either
    /// way), or go back to the form, which says what changed.
    pub(super) fn update_conflict(&mut self, action: Action) {
        if !ANSWERS.contains(&action) {
            return;
        }
        let Overlay::Conflict(conflict) = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        let Conflict { edit, clashes } = *conflict;
        let mut form = match edit {
            Edit::Form(form) => form,
            Edit::Text(request) => return self.answer_text(request, &clashes, action),
        };
        match action {
            Action::TakeTheirs => {
                for c in &clashes {
                    form.set(c.field, &c.theirs);
                }
            }
            Action::No => {
                // Enter in the form now writes what it holds, those
                // fields too: said first, where the eye starts reading.
                let key = self
                    .keymap
                    .key_text(Context::Form, Action::Submit)
                    .unwrap_or_else(|| "Enter".into());
                let labels: Vec<&str> = clashes.iter().map(|c| c.label).collect();
                let kept =
                    Format::fill_all(self.words().ui.elsewhere.kept, &[&key, &labels.join(", ")]);
                let told = self.told(&clashes);
                form.fail(FieldError::general(format!("{kept} {told}")));
                self.overlay = Overlay::Form(form);
                return;
            }
            _ => {}
        }
        self.overlay = Overlay::Form(form);
        self.submit();
    }

    /// "Changed elsewhere since you opened this form: Due: yours …, now …".
    fn told(&self, clashes: &[Clash]) -> String {
        let lines = clash_lines(clashes, self.format()).join("; ");
        format!("{}: {lines}", self.words().ui.elsewhere.changed)
    }

    /// The answer to a conflict over long text: keep what was typed,
    /// keep the text as changed elsewhere, or back to the editor, which
    /// holds what was typed.
    fn answer_text(&mut self, request: EditRequest, clashes: &[Clash], action: Action) {
        match action {
            Action::KeepMine => {
                let text = request.text.clone();
                self.write_text(&request, text);
            }
            Action::TakeTheirs => self.say(self.words().ui.elsewhere.unchanged.into()),
            _ => {
                self.say(self.told(clashes));
                self.edit_request = Some(request);
            }
        }
    }

    /// The long text `target` as stored now, with what its write checks.
    fn stored_text(&self, target: EditTarget) -> Result<(String, Seen)> {
        match target {
            EditTarget::BrandMessage => self
                .store
                .read_to_edit(Table::Message, 1, |s| Ok(s.message()?.brand_message)),
            EditTarget::Positioning => self
                .store
                .read_to_edit(Table::Message, 1, |s| Ok(s.message()?.positioning)),
            EditTarget::Steps(id) => {
                self.store
                    .read_to_edit(Table::Record(RecordKind::Procedure), id.0, |s| {
                        Ok(s.procedure(id)?.steps)
                    })
            }
            EditTarget::TaskNotes(id) => self
                .store
                .read_to_edit(Table::Tasks, id.0, |s| Ok(s.task(id)?.notes)),
        }
    }

    /// Writes long text edited in an editor: where the stored text changed
    /// since the editing began, as a form's field (see the module's
    /// comment).
    pub(super) fn write_text(&mut self, request: &EditRequest, text: String) {
        let ui = &self.words().ui;
        for _ in 0..ATTEMPTS {
            let (now, seen) = match self.stored_text(request.target) {
                Ok(found) => found,
                Err(StoreError::NotFound { .. }) => {
                    return self.fail(ui.elsewhere.gone_text.into());
                }
                Err(e) => return self.fail(self.format().error(&e)),
            };
            let now = now.trim_end().to_string();
            if now != request.stored.trim_end() && now != text {
                let label = match request.target {
                    EditTarget::BrandMessage => ui.strategy.brand_message,
                    EditTarget::Positioning => ui.strategy.positioning,
                    EditTarget::Steps(_) => ui.strategy.steps,
                    EditTarget::TaskNotes(_) => ui.detail.notes,
                };
                let clash = Clash {
                    field: 0,
                    label,
                    mine: text.clone(),
                    theirs: now.clone(),
                    money: false,
                };
                let edit = Edit::Text(EditRequest {
                    text,
                    stored: now,
                    ..request.clone()
                });
                self.overlay = Overlay::Conflict(Box::new(Conflict {
                    edit,
                    clashes: vec![clash],
                }));
                return;
            }
            let written = self.store.write_unchanged(&seen, |s| match request.target {
                EditTarget::BrandMessage | EditTarget::Positioning => {
                    let mut m = s.message()?;
                    if request.target == EditTarget::BrandMessage {
                        m.brand_message = text.clone();
                    } else {
                        m.positioning = text.clone();
                    }
                    s.set_message(&m)
                }
                EditTarget::Steps(id) => s.set_procedure_steps(id, &text),
                EditTarget::TaskNotes(id) => {
                    let notes = crate::store::tasks::TaskPatch {
                        notes: Some(text.clone()),
                        ..Default::default()
                    };
                    s.edit_task(id, &notes).map(|_| ())
                }
            });
            match written {
                Ok(()) => {
                    let said = Format::fill(ui.strategy.saved, &request.title);
                    let hint = self.undo_hint();
                    self.say(format!("{said} {hint}"));
                    // A task's notes show in its line's details.
                    let stale = match request.target {
                        EditTarget::TaskNotes(_) => super::Stale::ALL,
                        _ => super::Stale::DERIVED,
                    };
                    return self.made_stale(stale);
                }
                Err(StoreError::Changed { .. }) => {}
                Err(e) => return self.fail(self.format().error(&e)),
            }
        }
        self.fail(ui.elsewhere.again.into());
    }
}
