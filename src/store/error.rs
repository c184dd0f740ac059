//! What can go wrong with the store, as the user reads it.

use rusqlite::ErrorCode;

use super::{Detachment, Reverted, busy_seconds, transfer};
use crate::domain::validate::Invalid;
use crate::domain::{DateError, kinds::UnknownValue};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a funnel database ({reason})")]
    NotADatabase { path: String, reason: String },
    #[error(
        "{path}: written by a newer funnel (schema version {found}, this funnel knows up to {known}); upgrade funnel to open it"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: needs an upgrade to schema version {known}; open it once without --read-only")]
    NeedsUpgrade { path: String, known: i64 },
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error(
        "the database is busy: another process has held its write lock for over {}s; nothing was written, try again",
        busy_seconds()
    )]
    Busy,
    #[error("the database was opened read-only; nothing was written")]
    ReadOnly,
    /// SQLite rolls the whole transaction back: the file is as it was.
    #[error("the disk is full: nothing was written; make room and try again")]
    DiskFull,
    /// The path no longer names the file the store opened.
    #[error("{path}: {how}; nothing was written")]
    Detached { path: String, how: Detachment },
    #[error("{what} '{key}' not found")]
    NotFound { what: &'static str, key: String },
    #[error("{0}")]
    Conflict(String),
    /// An edit's record changed or went since the edit read it (see
    /// [`Store::write_unchanged`]); nothing was written.
    #[error("{what} {key} was changed elsewhere since it was read; nothing was written")]
    Changed { what: &'static str, key: String },
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
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Unknown(#[from] UnknownValue),
    #[error(transparent)]
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
    #[error(
        "the file holds a value funnel cannot read ({0}); `funnel check` names its row, and `funnel export` writes the file out with the value as stored, to be fixed and imported into a new file"
    )]
    Unreadable(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
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
