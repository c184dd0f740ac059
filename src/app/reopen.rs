//! The database file gone from its path under the open dashboard (moved
//! away, replaced, deleted). The store notices at the next poll or write
//! and writes nothing more (see `store::identity`); the dashboard keeps
//! showing what it had, with a line that stays saying what happened and
//! which key opens what is at the path now. Until then it is read-only.

use super::{Action, App, Context};
use crate::i18n::Format;
use crate::store::{Detachment, Origin, StoreError};

impl App {
    /// The line that stays while the file is gone from its path: what
    /// happened, and what to do (two lines where one is too narrow).
    pub fn notice(&self) -> Option<[String; 2]> {
        let how = self.store.detached()?;
        let ui = &self.words().ui;
        let what = match how {
            Detachment::Missing => ui.detached_missing,
            Detachment::Replaced => ui.detached_replaced,
        };
        let then = match self.reopen_key() {
            Some(key) => Format::fill(ui.detached_reopen, key),
            None => ui.detached_restart.to_string(),
        };
        Some([Format::fill(what, &self.db_name), then])
    }

    fn reopen_key(&self) -> Option<String> {
        self.keymap.key_text(Context::Global, Action::Reopen)
    }

    /// Why a write key did nothing once the file is gone.
    pub(super) fn detached_refused(&self) -> String {
        Format::fill(self.words().ui.detached_refused, &self.db_name)
    }

    /// Opens what is at the path now, through the same checks as any
    /// start: a foreign or newer file is refused with its reason, and
    /// nothing at the path is not made a new empty database.
    pub(super) fn reopen(&mut self) {
        let ui = &self.words().ui;
        if self.store.check_file().is_none() {
            return self.say(Format::fill(ui.reopen_not_needed, &self.db_name));
        }
        self.waiting = None;
        match self.store.open_again(self.read_only) {
            Ok(mut store) => {
                // A new session: the old file's changes cannot be undone
                // in this one.
                store.set_origin(Origin::new_dashboard());
                store.set_write_wait(std::time::Duration::ZERO);
                self.store = store;
                self.reload();
                self.say(Format::fill(ui.reopened, &self.db_name));
            }
            Err(StoreError::Detached {
                how: Detachment::Missing,
                ..
            }) => {
                let key = self.reopen_key().unwrap_or_default();
                self.fail(Format::fill_all(ui.reopen_nothing, &[&self.db_name, &key]));
            }
            Err(e) => self.fail(Format::fill_all(ui.reopen_failed, &[&self.db_name, &e])),
        }
    }
}
