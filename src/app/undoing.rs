//! Undo and redo in the dashboard. A refused step says so in one line
//! naming the details key; the details say field by field what stands in
//! the way, and offer to step past the refused change (the next `u` undoes
//! the one before, the refused one stays done) or to undo it anyway after
//! a question (one journaled change that `u` takes back).

use super::overlay::{Overlay, Pending};
use super::{Action, App, Context, Stale};
use crate::i18n::Format;
use crate::store::{Clash, Reverted, StoreError};

/// The status line fits this many columns, the narrowest screen funnel
/// is made for.
const LINE_COLS: usize = 80;

/// The last refused undo or redo, for its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub redo: bool,
    /// The change refused.
    pub change: Reverted,
    /// The later change in the way, where the journal still holds it.
    pub later: Option<Reverted>,
    /// Field by field, where it was.
    pub clashes: Vec<Clash>,
}

impl Refused {
    /// The answers the details take: step past or undo anyway an undo; a
    /// redo's only close.
    pub fn answers(&self) -> &'static [Action] {
        if self.redo {
            &[Action::No]
        } else {
            &[Action::SkipChange, Action::UndoAnyway, Action::No]
        }
    }
}

/// This session's undo state.
#[derive(Debug, Default)]
pub struct Undoing {
    /// Journal entries the user stepped past: `u` passes over them.
    past: Vec<i64>,
    /// The last refusal, until the next undo or redo.
    refused: Option<Refused>,
}

impl App {
    /// Who this dashboard's changes are journaled as made by.
    pub fn origin(&self) -> &crate::store::Origin {
        self.store.origin()
    }

    /// Undoes or redoes this dashboard's own latest change (passing over
    /// those stepped past); one made since elsewhere to the same fields
    /// makes it refuse, in one line naming the details key.
    pub(super) fn undo(&mut self, redo: bool) {
        self.undoing.refused = None;
        let r = if redo {
            self.store.redo()
        } else {
            self.store.undo_past(&self.undoing.past)
        };
        match r {
            Ok(r) => {
                let ui = &self.words().ui;
                let t = if redo { ui.msg_redid } else { ui.msg_undid };
                self.say(Format::fill(t, self.format().change(&r.what)));
                self.reload_all(Stale::RESTORED);
            }
            Err(e) => self.refused(e, redo),
        }
    }

    /// Says why an undo or redo was refused, keeping the details.
    fn refused(&mut self, e: StoreError, redo: bool) {
        let me = self.store.origin().clone();
        let key = self.details_key();
        let fmt = self.format();
        if let Some(line) = fmt.refusal_line(&e, &me, &key, LINE_COLS) {
            let (change, later) = match e {
                StoreError::UndoConflict { change, later, .. } => (*change, Some(*later)),
                StoreError::UndoBlocked { change, .. } => (*change, None),
                _ => return self.fail(line),
            };
            let clashes = self
                .store
                .undo_clashes(change.entry, redo)
                .unwrap_or_default();
            self.undoing.refused = Some(Refused {
                redo,
                change,
                later,
                clashes,
            });
            return self.fail(line);
        }
        let msg = fmt
            .journal_refusal(&e, &me)
            .unwrap_or_else(|| fmt.error(&e));
        self.fail(msg);
    }

    fn details_key(&self) -> String {
        self.keymap
            .key_text(Context::Global, Action::UndoDetails)
            .unwrap_or_default()
    }

    /// Opens the details of the last refusal.
    pub(super) fn undo_details(&mut self) {
        match &self.undoing.refused {
            Some(r) => self.overlay = Overlay::UndoRefused(Box::new(r.clone())),
            None => self.say(self.words().undo.no_refusal.into()),
        }
    }

    /// An answer in the details: step past, undo anyway (asks first), or
    /// close.
    pub(super) fn update_undo_refused(&mut self, action: Action) {
        let Overlay::UndoRefused(r) = &self.overlay else {
            return;
        };
        if !r.answers().contains(&action) {
            return;
        }
        let change = r.change.clone();
        self.overlay = Overlay::None;
        let w = &self.words().undo;
        let fmt = self.format();
        match action {
            Action::SkipChange => {
                self.undoing.past.push(change.entry);
                self.undoing.refused = None;
                let key = self.undo_key();
                let room = LINE_COLS.saturating_sub(crate::text::width(&Format::fill_all(
                    w.skipped,
                    &[&"", &key],
                )));
                let name = crate::text::fit(&fmt.change(&change.what), room);
                self.say(Format::fill_all(w.skipped, &[&name, &key]));
            }
            Action::UndoAnyway => {
                self.overlay = Overlay::Confirm {
                    question: Format::fill(w.anyway_question, fmt.change(&change.what)),
                    pending: Pending::UndoAnyway(change.entry),
                };
            }
            _ => {}
        }
    }

    fn undo_key(&self) -> String {
        self.keymap
            .key_text(Context::Global, Action::Undo)
            .unwrap_or_default()
    }

    /// Undoes the change of journal entry `entry` over the later changes
    /// in its way, as one change of this dashboard's, and steps past it.
    pub(super) fn undo_anyway(&mut self, entry: i64) {
        self.undoing.refused = None;
        match self.store.undo_anyway(entry) {
            Ok(r) => {
                self.undoing.past.push(entry);
                let w = &self.words().undo;
                let text = Format::fill_all(
                    w.undid_anyway,
                    &[&self.format().change(&r.what), &self.undo_key()],
                );
                self.say(text);
                self.reload_all(Stale::RESTORED);
            }
            Err(e) => self.refused(e, false),
        }
    }
}
