//! The form of the marked tasks submitted: one change to all of them
//! (the Tasks tab writes it; see `tasks::marks`).

use super::edits::Attempt;
use super::form::FieldError;
use super::{App, Overlay, env, forms};

impl App {
    /// Enter on the form of the marked tasks: one change to all of them;
    /// a mistake keeps the form open on its field.
    pub(super) fn submit_marked(&mut self) -> Attempt {
        let Overlay::Form(form) = &self.overlay else {
            return Attempt::Done;
        };
        let edit = match forms::marked::read(form, &self.store, self.format()) {
            Ok(edit) => edit,
            Err(e) => {
                self.form_failed(e);
                return Attempt::Done;
            }
        };
        let effect = self.tasks.patch_marked(|t| edit.patch(t), &mut env!(self));
        match &effect.status {
            Some(s) if s.error => self.form_failed(FieldError::general(s.text.clone())),
            _ => {
                self.overlay = Overlay::None;
                self.apply(effect);
            }
        }
        Attempt::Done
    }
}
