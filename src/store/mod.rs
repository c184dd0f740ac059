//! The SQLite store: opening and migrating the file, and every query the
//! product runs. Nothing outside this module writes SQL; every value is a
//! bound parameter.

mod check;
mod copies;
mod dump;
mod identity;
mod journal;
mod schema;
mod sidecars;

pub mod kpis;
pub mod links;
pub mod orders;
pub mod plan;
pub mod rollup;
pub mod seen;
pub mod strategy;
pub mod task_lines;
pub mod tasks;
pub mod transfer;

use std::cell::{Cell, RefCell};
use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use copies::{Copied, Restored, count_tasks_and_orders, restore};
pub use dump::Dump;
pub use identity::Detachment;
pub use journal::{Origin, Reverted};
pub use schema::builtin_metric_names;

use crate::domain::validate::Invalid;
use crate::domain::{DateError, kinds::UnknownValue};

/// How long a writer waits for another process's write lock before it
/// gives up with [`StoreError::Busy`], unless a test sets `FUNNEL_BUSY_MS`
/// (see [`busy_timeout`]).
pub const BUSY_TIMEOUT: Duration = crate::knobs::DEFAULT_BUSY;

/// How long a writer waits for another process's write lock: [`BUSY_TIMEOUT`]
/// or the test knob `FUNNEL_BUSY_MS`.
pub fn busy_timeout() -> Duration {
    crate::knobs::get().busy
}

/// The busy timeout as the busy message says it: whole seconds, or tenths
/// below ten seconds where a test set a shorter wait.
fn busy_seconds() -> String {
    let wait = busy_timeout();
    if wait.subsec_millis() == 0 {
        wait.as_secs().to_string()
    } else {
        format!("{:.1}", wait.as_secs_f64())
    }
}

/// Past this size, a closing store copies the WAL into the file and
/// empties it (see `Drop for Store`).
const WAL_TRUNCATE_BYTES: u64 = 1024 * 1024;

/// Reads through a memory map instead of a copy per page read.
const MMAP_BYTES: i64 = 256 * 1024 * 1024;

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

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open funnel database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file itself cannot be written (no permission): reading works,
    /// a write is refused up front with the reason. (A store opened with
    /// `open_read_only` is refused by SQLite: [`StoreError::ReadOnly`].)
    no_write_permission: bool,
    /// Who this store's changes are journaled as made by.
    origin: Origin,
    /// What the next change's record must still be once it holds the
    /// write lock (see [`Store::write_unchanged`]).
    expect: Option<seen::Seen>,
    /// The file the store opened, to tell whether the path still names it.
    identity: identity::Identity,
    /// How long a write waits for another process's write lock.
    write_wait: Duration,
    /// The last write gave up on another process's write lock.
    write_busy: Cell<bool>,
    /// The points of the orders an import just stored into an empty
    /// table, with the orders generation they are of: what building the
    /// rollups would otherwise read back (see `Store::take_imported_points`).
    imported_points: RefCell<Option<(i64, orders::OrderPoints)>>,
}

/// The last connection to close folds the WAL into the file and deletes
/// it (SQLite's own close), so a closed database is one file that a plain
/// copy takes whole. While others keep the file open (a dashboard), a
/// closing one-shot command cannot: SQLite empties the WAL only when a
/// writer finds it wholly copied into the file, so commands beside an open
/// dashboard would grow it without end (33 KB per `task done` on the large
/// data set), and each of them reads all of it back before its first
/// query. So a store closing over a WAL past [`WAL_TRUNCATE_BYTES`] copies
/// and empties it, without waiting: while another process reads, the
/// checkpoint gives up and a later close tries again. Nothing committed
/// depends on it.
impl Drop for Store {
    fn drop(&mut self) {
        // A store whose path names another file now (or none) closes
        // without touching the path: see `identity`.
        if self.check_file().is_some() {
            return;
        }
        let wal = sidecar(&self.path, "-wal");
        let big = std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_TRUNCATE_BYTES);
        if big && self.conn.busy_timeout(Duration::ZERO).is_ok() {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

/// A change being written: its transaction, and the label its journal
/// entry gets ("done task 12"), shown by undo.
pub struct Change<'a> {
    pub(crate) tx: Transaction<'a>,
    entry: i64,
    pub label: String,
}

impl Change<'_> {
    pub(crate) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens the database at `path`, creating it (readable by its owner
    /// only) if it does not exist, and migrating it to the current schema
    /// after writing a backup copy beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let file_err = |message: String| StoreError::File {
            path: path.display().to_string(),
            message,
        };
        if path.is_dir() {
            return Err(file_err("is a directory, not a database file".into()));
        }
        let dir = folder(path);
        if !dir.is_dir() {
            return Err(file_err(format!(
                "the folder {} does not exist; create it first, or check --db",
                dir.display()
            )));
        }
        // 0 bytes (`touch`) counts as no database yet: it is initialised.
        // Before anything is made at the path (an empty file there would
        // be taken with the other file's log too), and before the header
        // is read: closing a descriptor of the file drops every lock this
        // process holds on it, another store's too, which would make its
        // log look like another file's.
        sidecars::refuse_foreign(path)?;
        let existed = check_header(path)?;
        if !existed {
            create_private(path).map_err(|e| {
                let why = match e.kind() {
                    // An empty file (`touch`) without write permission.
                    std::io::ErrorKind::PermissionDenied if path.exists() => {
                        "the file is read-only (no write permission)".to_string()
                    }
                    std::io::ErrorKind::PermissionDenied => {
                        format!("the folder {} is not writable", dir.display())
                    }
                    _ => e.to_string(),
                };
                file_err(format!("cannot create the database: {why}"))
            })?;
        } else if !writable(&dir) && !sidecar(path, "-shm").exists() {
            return Err(file_err(format!(
                "the folder {} is not writable, and SQLite must create {} and {} beside the database while it is open; make the folder writable or move the database",
                dir.display(),
                sidecar(path, "-wal").display(),
                sidecar(path, "-shm").display()
            )));
        }
        let conn = Connection::open(path).map_err(|e| file_err(e.to_string()))?;
        let no_write_permission = conn.is_readonly(rusqlite::MAIN_DB)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            no_write_permission,
            origin: Origin::CommandLine,
            expect: None,
            identity: identity::Identity::of(path),
            write_wait: busy_timeout(),
            write_busy: Cell::new(false),
            imported_points: RefCell::new(None),
        };
        store.conn.busy_timeout(busy_timeout())?;
        // A newer funnel's file is refused before anything (even the
        // journal mode) is set on it: it is left exactly as it was.
        let version = store.schema_version().map_err(|e| match e {
            StoreError::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                StoreError::NotADatabase {
                    path: path.display().to_string(),
                    reason: "an SQLite header, but damaged or encrypted: SQLite cannot read it"
                        .into(),
                }
            }
            e => e,
        })?;
        if version > schema::MIGRATIONS.len() as i64 {
            return Err(store.too_new(version));
        }
        if no_write_permission && version < schema::MIGRATIONS.len() as i64 {
            return Err(file_err(format!(
                "the file is read-only and needs an upgrade to schema version {}; make it writable once (chmod u+w)",
                schema::MIGRATIONS.len()
            )));
        }
        store.configure()?;
        store.migrate(existed)?;
        store.note_sidecars();
        Ok(store)
    }

    /// Refuses a write up front where the file cannot be written, or
    /// where the path no longer names the file.
    fn check_writable(&self) -> Result<()> {
        self.check_attached()?;
        if !self.no_write_permission {
            return Ok(());
        }
        Err(StoreError::File {
            path: self.path.display().to_string(),
            message: "the file is read-only (no write permission); nothing was written".into(),
        })
    }

    /// Opens an existing database for reading only: no migration, and
    /// every write fails with [`StoreError::ReadOnly`].
    ///
    /// Where the file and its folder can be written, the connection is a
    /// read-write one with `query_only` on: every change is refused all the
    /// same, yet closing last it can fold the WAL into the file (which
    /// changes no content), so a closed database stays one file. A
    /// connection opened read-only cannot, and is the fallback.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        sidecars::refuse_foreign(path)?;
        if !check_header(path)? {
            return Err(StoreError::File {
                path: path.display().to_string(),
                message: "no such database".into(),
            });
        }
        let conn = if writable(path) && writable(&folder(path)) {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.pragma_update(None, "query_only", true)?;
            conn
        } else {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        };
        conn.busy_timeout(busy_timeout())?;
        stable_plans(&conn)?;
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            no_write_permission: false,
            origin: Origin::CommandLine,
            expect: None,
            identity: identity::Identity::of(path),
            write_wait: busy_timeout(),
            write_busy: Cell::new(false),
            imported_points: RefCell::new(None),
        };
        let version = store.schema_version()?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(store.too_new(version));
        }
        if version < known {
            return Err(StoreError::NeedsUpgrade {
                path: path.display().to_string(),
                known,
            });
        }
        store.note_sidecars();
        Ok(store)
    }

    /// Whether the store can write nothing at all: opened read-only (see
    /// [`Store::open_read_only`]) or on a file it may not write.
    pub(crate) fn writes_nothing(&self) -> Result<bool> {
        Ok(self.conn.is_readonly(rusqlite::MAIN_DB)?
            || self
                .conn
                .query_row("PRAGMA query_only", [], |r| r.get::<_, bool>(0))?)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            no_write_permission: false,
            origin: Origin::CommandLine,
            expect: None,
            identity: identity::Identity::default(),
            write_wait: busy_timeout(),
            write_busy: Cell::new(false),
            imported_points: RefCell::new(None),
        };
        store.configure()?;
        store.migrate(false)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who the changes made through this store are journaled as made by
    /// (the command line unless set): undo and redo pick that maker's own.
    pub fn set_origin(&mut self, origin: Origin) {
        self.origin = origin;
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Changes whenever another connection commits to the file: the TUI
    /// polls it to notice writes made by other processes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// `synchronous = NORMAL` in WAL mode: a process crash or kill loses
    /// nothing committed; only a power loss may lose the last commits,
    /// which saves an fsync per commit on every quick task update. The
    /// last connection to close checkpoints the WAL into the file (see
    /// `Drop for Store`): one sync per command, not one per commit.
    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(busy_timeout())?;
        stable_plans(&self.conn)?;
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;",
        )?;
        self.conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        Ok(())
    }

    fn too_new(&self, found: i64) -> StoreError {
        StoreError::TooNew {
            path: self.path.display().to_string(),
            found,
            known: schema::MIGRATIONS.len() as i64,
        }
    }

    fn migrate(&mut self, existed: bool) -> Result<()> {
        let version = self.schema_version()?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(self.too_new(version));
        }
        if version == known {
            return Ok(());
        }
        if version == 0 {
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(StoreError::NotADatabase {
                    path: self.path.display().to_string(),
                    reason: "an SQLite file with other tables".into(),
                });
            }
        } else if existed {
            self.backup_before_migration(version)?;
        }
        // Foreign keys are off while tables are rebuilt (a dropped parent
        // table would otherwise empty its children's links), which SQLite
        // allows only outside a transaction; the links are checked before
        // the commit instead.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let migrated = self.run_migrations(known);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        migrated
    }

    /// Every step in one transaction: a migration killed half way leaves
    /// the file at its old version, never at one between. The version is
    /// read again under the lock: another process may have migrated the
    /// file meanwhile.
    fn run_migrations(&mut self, known: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.display().to_string(),
                found: version,
                known,
            });
        }
        let dangling = |tx: &Transaction<'_>| {
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get::<_, i64>(0)
            })
        };
        let before = dangling(&tx)?;
        for migration in schema::MIGRATIONS.iter().skip(version.max(0) as usize) {
            migration(&tx)?;
        }
        let after = dangling(&tx)?;
        if after > before {
            return Err(StoreError::File {
                path: self.path.display().to_string(),
                message: format!(
                    "the upgrade to schema version {known} would leave {} links pointing nowhere; nothing was changed",
                    after - before
                ),
            });
        }
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` as one change: a write transaction that takes the lock up
    /// front (BEGIN IMMEDIATE), journaled for undo, committed at once.
    pub fn change<T>(&mut self, f: impl FnOnce(&mut Change<'_>) -> Result<T>) -> Result<T> {
        self.change_or_preview(true, f)
    }

    /// Like [`Store::change`], but with `commit` false everything is
    /// rolled back at the end: a dry run that reports exactly what the
    /// change would do.
    pub(crate) fn change_or_preview<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        let origin = self.origin.clone();
        let expect = self.expect.take();
        let probe = self.identity.probe(&self.path);
        self.with_bulk_cache(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(seen) = &expect {
                seen.still(&tx)?;
            }
            let entry = journal::open(&tx, "change", &origin)?;
            let mut change = Change {
                tx,
                entry,
                label: String::new(),
            };
            let out = f(&mut change)?;
            change.tx.execute(
                "UPDATE journal_entry SET label = ?1 WHERE id = ?2",
                (&change.label, entry),
            )?;
            journal::close(&change.tx, entry)?;
            if commit {
                probe.still_here()?;
                change.tx.commit()?;
            }
            Ok(out)
        })
    }

    /// A write that is not journaled (demo data, a whole-file import into
    /// an empty database), still all or nothing.
    pub(crate) fn unjournaled<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let probe = self.identity.probe(&self.path);
        self.with_bulk_cache(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            probe.still_here()?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Runs a write with a page cache large enough to hold the indexes a
    /// bulk load fills (inserts into an index in random order otherwise
    /// spill pages to the WAL and read them back), then gives the memory
    /// back. A small change only ever touches a few pages of it.
    pub(crate) fn with_bulk_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        const BULK_CACHE_KIB: i64 = 256 * 1024;
        self.check_writable()?;
        let normal: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = self.waiting_as_set(f);
        self.conn.pragma_update(None, "cache_size", normal)?;
        out
    }

    /// How long this store's writes wait for another process's write
    /// lock ([`BUSY_TIMEOUT`] unless set): the dashboard waits not at all
    /// and tries again itself, so that its screen never freezes.
    pub fn set_write_wait(&mut self, wait: Duration) {
        self.write_wait = wait;
    }

    /// Whether the last write gave up on another process's write lock
    /// ([`StoreError::Busy`]), whichever call made it; asking clears it.
    pub fn take_write_busy(&self) -> bool {
        self.write_busy.replace(false)
    }

    /// Runs a write waiting [`Store::set_write_wait`] for the lock, and
    /// notes whether it gave up.
    fn waiting_as_set<T>(&mut self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let own = self.write_wait != busy_timeout();
        if own {
            self.conn.busy_timeout(self.write_wait)?;
        }
        let out = f(&mut self.conn);
        if own {
            self.conn.busy_timeout(busy_timeout())?;
        }
        self.write_busy.set(matches!(out, Err(StoreError::Busy)));
        out
    }

    /// Reverts this store's latest change (see [`Store::set_origin`]).
    /// Changes made since by others are left alone; where one of them
    /// changed the same records, nothing is reverted and
    /// [`StoreError::UndoConflict`] names it.
    pub fn undo(&mut self) -> Result<Reverted> {
        let origin = self.origin.clone();
        self.journal_step(|tx| journal::undo(tx, journal::Whose::Mine(&origin)))
    }

    /// Reverts the latest change, whoever made it.
    pub fn undo_any(&mut self) -> Result<Reverted> {
        self.journal_step(|tx| journal::undo(tx, journal::Whose::Anyone))
    }

    /// Repeats this store's change undone most recently, unless a change
    /// made since changed the same records.
    pub fn redo(&mut self) -> Result<Reverted> {
        let origin = self.origin.clone();
        self.journal_step(|tx| journal::redo(tx, journal::Whose::Mine(&origin)))
    }

    /// Repeats the change undone most recently, whoever made it.
    pub fn redo_any(&mut self) -> Result<Reverted> {
        self.journal_step(|tx| journal::redo(tx, journal::Whose::Anyone))
    }

    fn journal_step(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<Reverted>,
    ) -> Result<Reverted> {
        self.check_writable()?;
        let probe = self.identity.probe(&self.path);
        self.waiting_as_set(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let r = f(&tx)?;
            probe.still_here()?;
            tx.commit()?;
            Ok(r)
        })
    }

    /// Copies the WAL into the database file and empties it.
    pub fn checkpoint(&self) -> Result<()> {
        self.check_attached()?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// SQLite's integrity check; `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Foreign keys that point nowhere (`table rowid -> parent`).
    pub fn foreign_key_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the database holds anything a user entered.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM campaigns)
                  + (SELECT count(*) FROM objectives) + (SELECT count(*) FROM segments)
                  + (SELECT count(*) FROM channels) + (SELECT count(*) FROM people)
                  + (SELECT count(*) FROM orders) + (SELECT count(*) FROM kpi_values)
                  + (SELECT count(*) FROM notes) + (SELECT count(*) FROM procedures)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }
}

/// `Ok(true)` for an SQLite file, `Ok(false)` for a missing or empty one,
/// an error for anything else (a FIFO or a device too).
fn check_header(path: &Path) -> Result<bool> {
    // A file SQLite has open in this process is one, and is not opened
    // here: closing the descriptor would drop SQLite's locks on it.
    if sidecars::held_here(path) {
        return Ok(true);
    }
    // Not a plain open: a FIFO would block it, and SQLite would leave a
    // `/dev/null-journal` beside a device.
    let mut file = match crate::files::open_regular(path) {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(false),
        Err(e) => {
            return Err(StoreError::File {
                path: path.display().to_string(),
                message: e.to_string(),
            });
        }
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(StoreError::File {
                    path: path.display().to_string(),
                    message: e.to_string(),
                });
            }
        }
    }
    if read == 0 {
        return Ok(false);
    }
    if read < head.len() || &head != SQLITE_MAGIC {
        return Err(StoreError::NotADatabase {
            path: path.display().to_string(),
            reason: "not an SQLite file".into(),
        });
    }
    Ok(true)
}

/// The folder holding `path` (`.` for a bare file name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes the directory holding `path` to the disk, so that a file
/// created or renamed there stays after a power loss.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder(path))?.sync_all()?;
    Ok(())
}

/// `funnel.db-wal` for `funnel.db`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether this process may write `path`: create files in a folder, or
/// write a file.
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        !std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
    }
}

/// The kind of network filesystem `path` (or its folder, for a file not
/// made yet) is on, if it is one: SQLite's locks are unreliable there, so
/// two writers may corrupt the file.
pub fn network_filesystem(path: &Path) -> Option<&'static str> {
    #[cfg(target_os = "linux")]
    {
        let target = if path.exists() {
            path.to_path_buf()
        } else {
            folder(path)
        };
        let fs = rustix::fs::statfs(&target).ok()?;
        // `f_type` is a signed word of platform width; the magic numbers
        // are 32 bits.
        #[allow(clippy::unnecessary_cast)]
        network_kind(fs.f_type as i64 as u32)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// The network filesystem a statfs `f_type` magic number (linux/magic.h)
/// stands for.
pub fn network_kind(f_type: u32) -> Option<&'static str> {
    Some(match f_type {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "CIFS",
        0xFE53_4D42 => "SMB2",
        0x6573_5546 => "FUSE (such as sshfs)",
        0x0102_1997 => "9P",
        0x5346_414F => "AFS",
        0x00C3_6400 => "Ceph",
        0x7375_7245 => "Coda",
        0x564C => "NCP",
        0x0116_1970 => "GFS2",
        0x7461_636F => "OCFS2",
        0x0BD0_0BD0 => "Lustre",
        _ => return None,
    })
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// The current time as stored: RFC 3339 in UTC, to the second.
pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Keeps a cached statement's query plan when new values are bound.
/// Otherwise SQLite prepares a statement again at each new binding of a
/// parameter it compared while planning (the `IFNULL(?, 0)` of every KPI
/// series read): 40 % of the Strategy tab's first frame was re-parsing
/// the series query. funnel keeps no planner statistics, so the plan
/// chosen does not depend on the values anyway.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

pub(crate) fn day_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    // Not chrono's strftime: this runs once per row of a million-row import.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads a stored ISO day; a malformed one is reported as a database error.
pub(crate) fn parse_day(s: &str) -> rusqlite::Result<NaiveDate> {
    // Not chrono's format parser: this runs once per order when the
    // customer metrics read a million orders.
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b.get(r).and_then(|d| {
            d.iter().try_fold(0u32, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        })
    };
    let parsed = match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("'{s}' is not a stored day (YYYY-MM-DD)").into(),
        )
    })
}

/// The id to write: `NULL` (SQLite picks one) for a new record.
pub(super) fn new_or(id: i64) -> Option<i64> {
    (id > 0).then_some(id)
}

pub(super) fn written_id(conn: &Connection, id: i64) -> i64 {
    if id > 0 { id } else { conn.last_insert_rowid() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_filesystems_are_told_by_their_magic_number() {
        // linux/magic.h: NFS, SMB, CIFS, SMB2, FUSE (sshfs), 9P (WSL).
        assert_eq!(network_kind(0x6969), Some("NFS"));
        assert_eq!(network_kind(0x517B), Some("SMB"));
        assert_eq!(network_kind(0xFF53_4D42), Some("CIFS"));
        assert_eq!(network_kind(0xFE53_4D42), Some("SMB2"));
        assert_eq!(network_kind(0x6573_5546), Some("FUSE (such as sshfs)"));
        assert_eq!(network_kind(0x0102_1997), Some("9P"));
        // ext4, btrfs, xfs, tmpfs, overlayfs: local.
        for local in [0xEF53, 0x9123_683E, 0x5846_5342, 0x0102_1994, 0x794C_7630] {
            assert_eq!(network_kind(local), None, "{local:#x}");
        }
        // Here (a local disk) nothing is reported.
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(network_filesystem(&dir.path().join("new.db")), None);
    }
}
