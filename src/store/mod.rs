//! The SQLite store: opening and migrating the file, and every query the
//! product runs. Nothing outside this module writes SQL; every value is a
//! bound parameter.

mod journal;
mod schema;

pub mod kpis;
pub mod links;
pub mod orders;
pub mod plan;
pub mod rollup;
pub mod strategy;
pub mod tasks;
pub mod transfer;

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use journal::Reverted;
pub use schema::builtin_metric_names;

use crate::domain::validate::Invalid;
use crate::domain::{DateError, kinds::UnknownValue};

/// How long a writer waits for another process's write lock before it
/// gives up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
    #[error("the database is busy: another funnel process held the write lock for {}s; nothing was written, try again", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("the database was opened read-only; nothing was written")]
    ReadOnly,
    #[error("{what} '{key}' not found")]
    NotFound { what: &'static str, key: String },
    #[error("{0}")]
    Conflict(String),
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Unknown(#[from] UnknownValue),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open funnel database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// SQLite empties the WAL only when a writer finds it wholly copied into
/// the file, which never happens to a process that opens the file alone:
/// its shared index is rebuilt from the WAL, forgetting what was copied.
/// One-shot commands would grow the WAL without end (33 KB per `task
/// done` on the large data set), and each of them reads all of it back
/// before its first query. So a store closing over a WAL past
/// [`WAL_TRUNCATE_BYTES`] copies and empties it, without waiting: while
/// another process reads, the checkpoint gives up and a later close tries
/// again. Nothing committed depends on it.
impl Drop for Store {
    fn drop(&mut self) {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
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
        let existed = check_header(path)?;
        if !existed {
            create_private(path).map_err(|e| file_err(e.to_string()))?;
        }
        let conn = Connection::open(path).map_err(|e| file_err(e.to_string()))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate(existed)?;
        Ok(store)
    }

    /// Opens an existing database for reading only: no migration, and
    /// every write fails with [`StoreError::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !check_header(path)? {
            return Err(StoreError::File {
                path: path.display().to_string(),
                message: "no such database".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
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
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate(false)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
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
    /// which saves an fsync per commit on every quick task update. For the
    /// same reason a closing connection leaves the WAL to be checkpointed
    /// by SQLite's automatic checkpoint instead of syncing it into the file
    /// at every exit of a one-shot command.
    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;",
        )?;
        self.conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        Ok(())
    }

    fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
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
            self.backup(version)?;
        }
        for (i, migration) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            migration(&tx)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Writes `<file>.v<version>.bak` beside the database before a
    /// migration, and checks the copy.
    fn backup(&self, version: i64) -> Result<()> {
        let mut target = self.path.clone().into_os_string();
        target.push(format!(".v{version}.bak"));
        let target = PathBuf::from(target);
        if target.exists() {
            std::fs::remove_file(&target).map_err(|e| StoreError::File {
                path: target.display().to_string(),
                message: e.to_string(),
            })?;
        }
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])?;
        let copy = Connection::open_with_flags(&target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::File {
                path: target.display().to_string(),
                message: format!("backup failed its check ({check}); not migrating"),
            });
        }
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
        self.with_bulk_cache(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let entry = journal::open(&tx, "change")?;
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
        self.with_bulk_cache(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
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
        let normal: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = f(&mut self.conn);
        self.conn.pragma_update(None, "cache_size", normal)?;
        out
    }

    /// Reverts the latest change, whoever made it.
    pub fn undo(&mut self) -> Result<Reverted> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let r = journal::undo(&tx)?;
        tx.commit()?;
        Ok(r)
    }

    /// Repeats the change undone most recently.
    pub fn redo(&mut self) -> Result<Reverted> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let r = journal::redo(&tx)?;
        tx.commit()?;
        Ok(r)
    }

    /// Copies the WAL into the database file and empties it.
    pub fn checkpoint(&self) -> Result<()> {
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
/// an error for anything else.
fn check_header(path: &Path) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
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

fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
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
