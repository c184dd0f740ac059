//! Whether a store's path still names the file it opened. A database
//! moved away, replaced (`mv other.db funnel.db`) or deleted under an open
//! store keeps working through the store's open descriptors, so without a
//! check every write would go on landing in a file nobody will read, and
//! the store's `-wal` and `-shm`, left at their names beside whatever is
//! at the path now, would be taken by the next process as that file's own
//! log: SQLite would fold the old file's pages into the new one.
//!
//! So every write first checks the path (one `stat`), and once the path
//! names another file or none the store is detached for good:
//!
//! - it writes nothing more (`StoreError::Detached`);
//! - at once, it folds its log into the file it has open, through its own
//!   descriptors, so a file that was moved away takes its last commits
//!   with it;
//! - it takes its own `-wal` and `-shm` out of the path (only those, told
//!   by device and inode: a log that came with a replacing file is that
//!   file's) once they hold nothing the file lacks, or once another file
//!   is at the path, which they would otherwise corrupt;
//! - it closes without a checkpoint: SQLite's close-time checkpoint
//!   deletes `-wal` and `-shm` by name, which may by then be another
//!   file's (SQLite skips it for a file that moved, but a later explicit
//!   checkpoint on close would not know).
//!
//! The fold happens only at the first sight of the change: later, someone
//! may have opened the moved file under its new name with a fresh log,
//! and folding then would write older pages over theirs.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;

use super::{Result, Store, StoreError};

/// A file's identity: its device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The identity of the file `path` names now; `None` where it names
    /// none (or cannot be looked at, which to a writer is the same).
    pub(super) fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| FileId {
                dev: m.dev(),
                ino: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// How a store lost its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detachment {
    /// Another file is at the path now.
    Replaced,
    /// Nothing is at the path now: the file was moved away or deleted.
    Missing,
}

impl std::fmt::Display for Detachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Detachment::Replaced => "another file replaced the database since funnel opened it",
            Detachment::Missing => "the database was moved or deleted since funnel opened it",
        })
    }
}

/// What a store knows of the file it opened.
#[derive(Debug, Default)]
pub(super) struct Identity {
    /// The file at the path when the store opened it; `None` in memory
    /// (or where identities are unknown), which never detaches.
    file: Option<FileId>,
    /// The `-wal` and `-shm` files SQLite had open beside it, by the names
    /// SQLite gave them, as long as they may still be at those names.
    sidecars: RefCell<Vec<(PathBuf, FileId)>>,
    /// Set at the first sight of the path naming another file or none;
    /// never cleared: a reopened file is a new store.
    detached: Cell<Option<Detachment>>,
    /// Whether the log was wholly folded into the file at that moment.
    folded: Cell<bool>,
}

impl Identity {
    /// The identity of what `path` names, taken right after SQLite
    /// opened it.
    pub(super) fn of(path: &Path) -> Identity {
        Identity {
            file: FileId::of(path),
            ..Identity::default()
        }
    }

    /// A cheap check for a write about to commit, usable while the
    /// connection is borrowed.
    pub(super) fn probe(&self, path: &Path) -> Probe {
        Probe {
            path: path.to_path_buf(),
            file: self.file,
        }
    }
}

/// The path and the file a write expects it to name.
pub(super) struct Probe {
    path: PathBuf,
    file: Option<FileId>,
}

impl Probe {
    /// Refuses the write where the path no longer names the file.
    pub(super) fn still_here(&self) -> Result<()> {
        match (self.file, FileId::of(&self.path)) {
            (None, _) => Ok(()),
            (Some(f), Some(now)) if f == now => Ok(()),
            (Some(_), now) => Err(StoreError::Detached {
                path: self.path.display().to_string(),
                how: if now.is_some() {
                    Detachment::Replaced
                } else {
                    Detachment::Missing
                },
            }),
        }
    }
}

impl Store {
    /// Notes the `-wal` and `-shm` files SQLite opened beside the file,
    /// once the store is open (see [`Store::check_file`]).
    pub(super) fn note_sidecars(&self) {
        let Some(name) = self.conn.path().filter(|p| !p.is_empty()) else {
            return;
        };
        let found = ["-wal", "-shm"]
            .iter()
            .filter_map(|s| {
                let p = PathBuf::from(format!("{name}{s}"));
                FileId::of(&p).map(|id| (p, id))
            })
            .collect();
        *self.identity.sidecars.borrow_mut() = found;
    }

    /// Whether the path still names the file this store opened: `None`
    /// while it does, else how it lost it. One `stat` while attached; the
    /// first time it finds the file gone, the store is detached for good
    /// (see the module's comment). The dashboard calls it at every poll;
    /// every write calls it first.
    pub fn check_file(&self) -> Option<Detachment> {
        let file = self.identity.file?;
        let at_path = FileId::of(&self.path);
        if self.identity.detached.get().is_none() {
            if at_path == Some(file) {
                return None;
            }
            self.detach();
        }
        // Once detached, always: the file at the path, even this very
        // file moved back, is opened afresh by a reopen.
        let how = match at_path {
            Some(_) => Detachment::Replaced,
            None => Detachment::Missing,
        };
        self.identity.detached.set(Some(how));
        let other_file = at_path.is_some_and(|id| id != file);
        if self.identity.folded.get() || other_file {
            self.clear_sidecars();
        }
        Some(how)
    }

    /// Stops this store from ever writing again and folds its log into
    /// the file it has open (once: see the module's comment).
    fn detach(&self) {
        // The connection closes without a checkpoint, which would delete
        // `-wal` and `-shm` by name.
        let _ = self
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        // PASSIVE waits for nobody: frames a reader still needs stay in
        // the log, and the log then stays at its name until another file
        // is at the path. A read-only store cannot fold at all.
        let folded = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .is_ok_and(|(busy, log, done)| busy == 0 && log >= 0 && log == done);
        self.identity.folded.set(folded);
    }

    /// Takes this store's own `-wal` and `-shm` out of the path; a file
    /// at those names that is not the one SQLite opened is left alone.
    fn clear_sidecars(&self) {
        for (name, id) in self.identity.sidecars.borrow_mut().drain(..) {
            if FileId::of(&name) == Some(id) {
                let _ = std::fs::remove_file(&name);
            }
        }
    }

    /// Refuses a write where the path no longer names the file.
    pub(super) fn check_attached(&self) -> Result<()> {
        match self.check_file() {
            None => Ok(()),
            Some(how) => Err(StoreError::Detached {
                path: self.path.display().to_string(),
                how,
            }),
        }
    }

    /// Whether the store found its file gone (without looking again).
    pub fn detached(&self) -> Option<Detachment> {
        self.identity.detached.get()
    }

    /// Opens what is at this store's path now, as [`Store::open`] (or
    /// [`Store::open_read_only`]) opens any file: a foreign or newer file
    /// is refused with its reason. Nothing (or an empty file) at the path
    /// is refused too ([`Detachment::Missing`]) rather than made a new
    /// empty database.
    ///
    /// This store's own `-wal` and `-shm` are out of the path by then
    /// (see [`Store::check_file`]), so both can be open at once; but the
    /// very file moved back is one SQLite shares lock and index state for
    /// within a process, so this store lets go of it first and can only
    /// read nothing afterwards.
    pub fn open_again(&mut self, read_only: bool) -> Result<Store> {
        // An empty file (a copy cut short, a `touch`) would be made a new
        // empty database: as good as nothing there.
        let something = std::fs::metadata(&self.path).is_ok_and(|m| m.len() > 0);
        if !something {
            return Err(StoreError::Detached {
                path: self.path.display().to_string(),
                how: Detachment::Missing,
            });
        }
        if self.identity.file.is_some() && self.identity.file == FileId::of(&self.path) {
            self.conn = rusqlite::Connection::open_in_memory()?;
        }
        let mut store = if read_only {
            Store::open_read_only(&self.path)
        } else {
            Store::open(&self.path)
        }?;
        store.clock = self.clock;
        Ok(store)
    }
}
