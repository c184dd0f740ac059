//! What a tab's update sees and what it gives back. A tab changes its own
//! state only; what else should follow (a line said, an overlay opened,
//! what its write made stale, another tab shown) it returns as an
//! [`Effect`], which the `App` carries out.

use chrono::NaiveDate;

use super::editor::EditRequest;
use super::{Fit, Keymap, Overlay, Stale, Status};
use crate::config::Config;
use crate::i18n::{Format, Words};
use crate::store::Store;

/// The shared context of a tab's update: the store to read and write, the
/// settings, today and what fits on screen.
pub struct Env<'a> {
    pub store: &'a mut Store,
    pub config: &'a Config,
    pub keymap: &'a Keymap,
    pub today: NaiveDate,
    pub fit: Fit,
}

impl Env<'_> {
    pub fn format(&self) -> Format {
        Format {
            locale: self.config.locale,
            currency: self.config.currency,
        }
    }

    pub fn words(&self) -> &'static Words {
        self.format().words()
    }

    /// "u to undo", with the key really bound.
    pub fn undo_hint(&self) -> String {
        undo_hint(self.keymap, self.format())
    }
}

/// "u to undo", with the key really bound.
pub fn undo_hint(keymap: &Keymap, fmt: Format) -> String {
    let key = keymap
        .key_text(super::Context::Tasks, super::Action::Undo)
        .unwrap_or_else(|| "u".into());
    Format::fill(fmt.words().ui.msg_undo_hint, key)
}

/// What follows from a tab's update besides its own state.
#[must_use]
#[derive(Default)]
pub struct Effect {
    /// The line under the screen.
    pub status: Option<Status>,
    /// What covers the tab next.
    pub overlay: Option<Overlay>,
    /// What a write made stale.
    pub stale: Stale,
    /// Long text to open an editor on.
    pub edit: Option<EditRequest>,
    /// The Tasks tab shown with this filter (a campaign's tasks).
    pub tasks_filter: Option<String>,
}

impl Effect {
    /// Nothing beyond the tab's own state.
    pub fn none() -> Effect {
        Effect::default()
    }

    /// A line of feedback.
    pub fn said(text: String) -> Effect {
        Effect {
            status: Some(Status { text, error: false }),
            ..Effect::default()
        }
    }

    /// A line saying what went wrong.
    pub fn failed(text: String) -> Effect {
        Effect {
            status: Some(Status { text, error: true }),
            ..Effect::default()
        }
    }

    /// An overlay opened.
    pub fn open(overlay: Overlay) -> Effect {
        Effect {
            overlay: Some(overlay),
            ..Effect::default()
        }
    }

    /// An editor opened on `request`, where there is one.
    pub fn edit(request: Option<EditRequest>) -> Effect {
        Effect {
            edit: request,
            ..Effect::default()
        }
    }

    /// The same, with `stale` marked too.
    pub fn made_stale(self, stale: Stale) -> Effect {
        Effect {
            stale: self.stale.with(stale),
            ..self
        }
    }
}
