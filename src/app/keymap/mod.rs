//! Keys to actions, per context. The footer hints and the help overlay
//! read the same table, so they always show the keys really bound; the
//! config file's `[keys]` table rebinds an action by its name.

mod defaults;
mod error;
mod key;
mod resolve;
#[cfg(test)]
mod tests;

pub use error::{BadKey, KeymapError};
pub use key::{Context, Key};

use super::action::Action;

/// The bindings: an ordered list of (context, key, action).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Context, Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults::defaults(),
        }
    }
}
