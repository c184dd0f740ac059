//! What is wrong with the config file's `[keys]` table, typed; the
//! catalogs word it (see [`crate::i18n::Localized`]).

/// A key that does not read, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    /// `known` lists the action names.
    UnknownAction {
        name: String,
        known: String,
    },
    BadKey {
        name: String,
        key: BadKey,
    },
    /// `quit = []`.
    NoQuit,
    /// Ctrl-c given to an action other than quit.
    Reserved {
        name: String,
    },
    Twice {
        key: String,
        other: String,
        name: String,
    },
    /// Every key of quit is taken by another action on `tab`: `uses`
    /// pairs each key with that action.
    Shadowed {
        tab: &'static str,
        uses: Vec<(String, &'static str)>,
    },
}

impl std::error::Error for KeymapError {}

impl std::fmt::Display for KeymapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}

impl std::fmt::Display for BadKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Localized::localized(
            self,
            crate::i18n::Format::ENGLISH,
        ))
    }
}
