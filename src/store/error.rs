//! What can go wrong with the store, typed; the catalogs word it for the
//! reader (see [`crate::i18n::Localized`]), and `Display` in English.

use rusqlite::ErrorCode;

use super::{Detachment, Reverted, transfer};
use crate::domain::validate::Invalid;
use crate::domain::{DateError, RecordKind, kinds::UnknownValue};

/// What the store looked for, or found changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Record(RecordKind),
    Task,
    Note,
    Message,
    Metric,
}

/// Why a file is not a funnel database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotFunnel {
    NotSqlite,
    /// An SQLite header, but damaged or encrypted.
    Damaged,
    /// An SQLite file with other tables.
    OtherTables,
    /// An SQLite file, but not a funnel database (a backup to restore).
    NotFunnel,
}

/// What needs an empty database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyFor {
    Import,
    Demo,
    /// A document loaded as a database's starting state.
    Load,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", english(self))]
    NotADatabase { path: String, reason: NotFunnel },
    #[error("{}", english(self))]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{}", english(self))]
    NeedsUpgrade { path: String, known: i64 },
    #[error("{}", english(self))]
    File { path: String, message: String },
    #[error("{}", english(self))]
    Busy,
    #[error("{}", english(self))]
    ReadOnly,
    /// SQLite rolls the whole transaction back: the file is as it was.
    #[error("{}", english(self))]
    DiskFull,
    /// The path no longer names the file the store opened.
    #[error("{}", english(self))]
    Detached { path: String, how: Detachment },
    #[error("{}", english(self))]
    NotFound { what: Thing, key: String },
    /// Another record of the kind already has the name.
    #[error("{}", english(self))]
    Duplicate { what: Thing, name: String },
    /// A budget for the period already exists.
    #[error("{}", english(self))]
    BudgetExists(String),
    /// A name that is part of several records' names: `matches` lists them.
    #[error("{}", english(self))]
    Ambiguous {
        what: Thing,
        key: String,
        matches: String,
    },
    /// A metric by a name no metric has; `known` lists them.
    #[error("{}", english(self))]
    UnknownMetric { name: String, known: String },
    /// A write that needs an empty database, on one that is not.
    #[error("{}", english(self))]
    NotEmpty(EmptyFor),
    /// An export document of a format this funnel does not read.
    #[error("{}", english(self))]
    ExportFormat { found: u32, known: u32 },
    /// An edit's record changed or went since the edit read it (see
    /// [`Store::write_unchanged`]); nothing was written.
    #[error("{}", english(self))]
    Changed { what: Thing, key: String },
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// Nothing of the caller's to undo or redo, while `other` (made by
    /// someone else) could be.
    #[error("nothing of yours to {what}; the latest change that could be is {} (made {} from {})", other.label, other.at, other.by)]
    NothingOwn {
        what: &'static str,
        other: Box<Reverted>,
    },
    /// Undoing or redoing `change` would overwrite records that `later`,
    /// made since by someone else, changed; nothing was changed.
    #[error("cannot {what} {} (made {} from {}): {} (made {} from {}) changed the same records since; nothing was changed", change.label, change.at, change.by, later.label, later.at, later.by)]
    UndoConflict {
        what: &'static str,
        change: Box<Reverted>,
        later: Box<Reverted>,
    },
    /// Undoing or redoing `change` would meet records not as it left
    /// them, changed by something the journal no longer holds; nothing was
    /// changed.
    #[error("cannot {what} {} (made {} from {}): the records it would change are no longer as it left them, changed by something no longer in the undo history; nothing was changed", change.label, change.at, change.by)]
    UndoBlocked {
        what: &'static str,
        change: Box<Reverted>,
    },
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("{}", english(self))]
    Unknown(#[from] UnknownValue),
    #[error("{}", english(self))]
    Date(#[from] DateError),
    /// A value of an export document given to `import` that breaks a
    /// rule, at `place` (and, for a duplicate, the other at `also`).
    #[error("{place}: {message}{}", also.as_ref().map(|a| format!(" (also at {a})")).unwrap_or_default())]
    Document {
        place: transfer::Place,
        message: String,
        also: Option<transfer::Place>,
    },
    /// A stored value no reader can take: written by another tool, or by
    /// an older funnel that let it in.
    #[error("{}", english(self))]
    Unreadable(String),
    #[error("{}", english(self))]
    Sqlite(rusqlite::Error),
}

fn english(e: &StoreError) -> String {
    crate::i18n::Localized::localized(e, crate::i18n::Format::ENGLISH)
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::Error as E;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => match e {
                E::FromSqlConversionFailure(_, _, why) => StoreError::Unreadable(why.to_string()),
                E::InvalidColumnType(_, column, kind) => {
                    StoreError::Unreadable(format!("{kind} in column {column}"))
                }
                E::IntegralValueOutOfRange(_, n) => {
                    StoreError::Unreadable(format!("{n} is out of range"))
                }
                E::Utf8Error(..) => StoreError::Unreadable("text that is not UTF-8".into()),
                e => StoreError::Sqlite(e),
            },
        }
    }
}
