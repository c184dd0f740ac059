//! Opening a database: creating it, checking what the path holds,
//! configuring the connection, and reading it read-only.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::files::{check_header, create_private, folder, sidecar, writable};
use super::{
    MMAP_BYTES, Origin, Result, Store, StoreError, busy_timeout, identity, schema, sidecars,
};

impl Store {
    /// A store over `conn`, opened at `path`, with the settings every
    /// store starts with: the command line's, waiting the busy timeout.
    fn over(conn: Connection, path: &Path, no_write_permission: bool) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            no_write_permission,
            origin: Origin::CommandLine,
            expect: None,
            identity: identity::Identity::of(path),
            write_wait: busy_timeout(),
            write_busy: Cell::new(false),
            imported_points: RefCell::new(None),
            clock: crate::domain::Clock::System,
        }
    }

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
        let mut store = Store::over(conn, path, no_write_permission);
        store.conn.busy_timeout(busy_timeout())?;
        // A newer funnel's file is refused before anything (even the
        // journal mode) is set on it: it is left exactly as it was.
        let version = store.schema_version().map_err(|e| match e {
            StoreError::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
                StoreError::NotADatabase {
                    path: path.display().to_string(),
                    reason: super::NotFunnel::Damaged,
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
    pub(super) fn check_writable(&self) -> Result<()> {
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
        let store = Store::over(conn, path, false);
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
            clock: crate::domain::Clock::System,
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
    pub(super) fn configure(&self) -> Result<()> {
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

    pub(super) fn too_new(&self, found: i64) -> StoreError {
        StoreError::TooNew {
            path: self.path.display().to_string(),
            found,
            known: schema::MIGRATIONS.len() as i64,
        }
    }
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
