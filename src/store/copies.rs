//! Whole copies of the database: the backup written before a migration,
//! `funnel backup` (a consistent copy while others keep working) and
//! `funnel restore` (a copy put back in place of the database). Every copy
//! is written under a temporary name, checked, synced and only then given
//! its name, readable by its owner only: whole or absent, never half.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{
    Result, Store, StoreError, check_header, create_private, folder, schema, sidecar, sync_dir,
};

/// What `funnel backup` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
    pub tasks: i64,
    pub orders: i64,
}

/// What `funnel restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database as it was before is kept (none for a new file).
    pub kept: Option<PathBuf>,
    /// The restored copy's schema version (upgraded on open if older).
    pub version: i64,
    pub tasks: i64,
    pub orders: i64,
}

fn file_err(path: &Path, message: impl Into<String>) -> StoreError {
    StoreError::File {
        path: path.display().to_string(),
        message: message.into(),
    }
}

impl Store {
    /// Writes a consistent copy of the database to `target` while other
    /// processes keep reading and writing (it reads one snapshot). A file
    /// already at `target` is written over only when `replace` is given
    /// and it is a funnel database no process has open; the database
    /// itself (or its `-wal`), a folder, a symbolic link and a file that is
    /// not a database are refused.
    pub fn backup_to(&self, target: &Path, replace: bool) -> Result<Copied> {
        if target.is_dir() {
            return Err(file_err(
                target,
                "is a folder; give the backup file's name (such as backups/funnel-2026-12-07.db)",
            ));
        }
        let is_sidecar = ["-wal", "-shm", "-journal"]
            .iter()
            .any(|s| sidecar(&self.path, s) == target || target.to_string_lossy().ends_with(s));
        if same_file(&self.path, target) || is_sidecar {
            return Err(file_err(
                target,
                "is the database itself or its log; give another name",
            ));
        }
        if target.is_symlink() {
            return Err(file_err(
                target,
                "is a symbolic link; give the file's own name",
            ));
        }
        if !folder(target).is_dir() {
            return Err(file_err(
                target,
                format!("the folder {} does not exist", folder(target).display()),
            ));
        }
        let exists = check_header(target).map_err(|_| {
            file_err(
                target,
                "exists and is not a funnel backup; it was left as it is (give another name)",
            )
        })?;
        if exists {
            let funnel_file = open_copy(target)
                .and_then(|c| checked_version(&c, target))
                .is_ok();
            if !funnel_file {
                return Err(file_err(
                    target,
                    "exists and is not a funnel backup; it was left as it is (give another name)",
                ));
            }
            if super::sidecars::in_use(target) {
                return Err(file_err(
                    target,
                    "is a database open in another process (a dashboard?); it was left as it is (give another name)",
                ));
            }
            if !replace {
                return Err(file_err(
                    target,
                    "already holds a funnel database; it was left as it is: give a new name, or add --replace to write over it",
                ));
            }
        }
        write_copy(&self.conn, target)?;
        let copy = open_copy(target)?;
        Ok(Copied {
            path: target.to_path_buf(),
            bytes: std::fs::metadata(target).map_or(0, |m| m.len()),
            tasks: count(&copy, "tasks")?,
            orders: count(&copy, "orders")?,
        })
    }

    /// Writes `<file>.v<version>.bak` beside the database before a
    /// migration (see [`write_copy`]).
    pub(super) fn backup_before_migration(&self, version: i64) -> Result<()> {
        let mut target = self.path.clone().into_os_string();
        target.push(format!(".v{version}.bak"));
        write_copy(&self.conn, Path::new(&target)).map_err(|e| match e {
            StoreError::File { path, message } => StoreError::File {
                path,
                message: format!("{message}; not migrating"),
            },
            e => e,
        })
    }
}

/// Puts the database at `source` (a backup) in place of the one at `db`.
///
/// The backup is checked first (an SQLite file that passes `quick_check`,
/// made by this funnel or an older one). While any other process has `db`
/// open, nothing is done: the copy is made under an exclusive lock that
/// an open connection prevents. The database as it was is first copied to
/// `<db>.before-restore-<time>`, so a restore can itself be undone with
/// another.
/// It is never written over: each restore keeps its own (a time in the
/// name, see [`unused_name`]).
/// The pages are then copied through SQLite in one transaction, so a kill
/// leaves the old database or the new one, and its own write-ahead log
/// stays consistent with it. A missing (or empty) `db` is written as a new
/// file, after removing any write-ahead log or shared-memory file left
/// beside the path by a database that is no longer there: applied to the
/// new file, they would corrupt it.
pub fn restore(db: &Path, source: &Path) -> Result<Restored> {
    super::sidecars::refuse_foreign(db)?;
    if same_file(db, source) {
        return Err(file_err(
            source,
            "is the database itself; nothing to restore",
        ));
    }
    let src = open_copy(source)?;
    let version = checked_version(&src, source)?;
    let new_file = !check_header(db)?;
    let kept = if new_file {
        if !folder(db).is_dir() {
            return Err(file_err(
                db,
                format!("the folder {} does not exist", folder(db).display()),
            ));
        }
        for suffix in ["-wal", "-shm"] {
            let stale = sidecar(db, suffix);
            if stale.exists() {
                std::fs::remove_file(&stale).map_err(|e| file_err(&stale, e.to_string()))?;
            }
        }
        write_copy(&src, db)?;
        None
    } else {
        let mut dest = lock_exclusively(db)?;
        let kept = unused_name(db, ".before-restore");
        write_copy(&dest, &kept)?;
        let backup = rusqlite::backup::Backup::new(&src, &mut dest)?;
        let step = backup.step(-1);
        drop(backup);
        match step {
            Ok(rusqlite::backup::StepResult::Done) => {}
            Ok(_) => {
                return Err(file_err(db, "the copy did not finish; nothing was changed"));
            }
            Err(e) => {
                return Err(file_err(
                    db,
                    format!(
                        "cannot copy {} into it ({e}); nothing was changed",
                        source.display()
                    ),
                ));
            }
        }
        dest.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Some(kept)
    };
    drop(src);
    // Through the normal open: an older copy is upgraded, with its backup.
    let store = Store::open(db)?;
    Ok(Restored {
        kept,
        version,
        tasks: count(&store.conn, "tasks")?,
        orders: count(&store.conn, "orders")?,
    })
}

/// A connection to `db` that holds the file's exclusive lock until it is
/// closed. In WAL mode every open connection holds a shared lock for as
/// long as it is open, so this fails at once while any other process (a
/// dashboard, a command) has the file open.
fn lock_exclusively(db: &Path) -> Result<Connection> {
    let conn = Connection::open(db).map_err(|e| file_err(db, e.to_string()))?;
    conn.busy_timeout(std::time::Duration::ZERO)?;
    conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |r| {
        r.get::<_, String>(0)
    })?;
    let locked = conn
        .execute_batch("BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT;")
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => file_err(
                db,
                "is open in another process (a dashboard, or a command still running); close it and restore again; nothing was changed",
            ),
            _ => file_err(
                db,
                format!(
                    "cannot be read ({e}); move it and any {} and {} beside it away, then restore again",
                    sidecar(db, "-wal").display(),
                    sidecar(db, "-shm").display()
                ),
            ),
        });
    locked.map(|()| conn)
}

/// A backup (or a database) opened for reading only. Reading a file in
/// WAL mode makes SQLite create its `-wal` and `-shm`, which a read-only
/// connection cannot take away again: those it made are removed when the
/// copy is closed, so a look leaves the folder as it was.
struct ReadCopy {
    conn: Option<Connection>,
    made: Vec<PathBuf>,
}

impl std::ops::Deref for ReadCopy {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        // Only `Drop` takes the connection out.
        self.conn
            .as_ref()
            .unwrap_or_else(|| unreachable!("a closed copy is never read"))
    }
}

impl Drop for ReadCopy {
    fn drop(&mut self) {
        drop(self.conn.take());
        for made in &self.made {
            // Not one that another process has opened meanwhile.
            if !super::sidecars::in_use(made) {
                let _ = std::fs::remove_file(made);
            }
        }
    }
}

/// Opens `path` for reading only, refused unless it is an SQLite file.
fn open_copy(path: &Path) -> Result<ReadCopy> {
    let meta = std::fs::metadata(path).map_err(|e| file_err(path, e.to_string()))?;
    if !meta.is_file() {
        return Err(file_err(path, "is not a regular file"));
    }
    if !check_header(path)? {
        return Err(file_err(path, "is empty: not a backup"));
    }
    let sidecars = [sidecar(path, "-wal"), sidecar(path, "-shm")];
    let absent: Vec<PathBuf> = sidecars.into_iter().filter(|p| !p.exists()).collect();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(ReadCopy {
        conn: Some(conn),
        made: absent,
    })
}

/// The schema version of a backup that is whole and funnel's own.
fn checked_version(conn: &Connection, path: &Path) -> Result<i64> {
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| file_err(path, format!("cannot be read ({e}); nothing was changed")))?;
    if check != "ok" {
        return Err(file_err(
            path,
            format!(
                "is damaged ({}); nothing was changed",
                first_problem(&check)
            ),
        ));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = schema::MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew {
            path: path.display().to_string(),
            found: version,
            known,
        });
    }
    let has_tasks: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tasks')",
        [],
        |r| r.get(0),
    )?;
    if version < 1 || !has_tasks {
        return Err(StoreError::NotADatabase {
            path: path.display().to_string(),
            reason: super::NotFunnel::NotFunnel,
        });
    }
    Ok(version)
}

/// Writes a consistent copy of the database `conn` reads to `target`: into
/// a private file under a temporary name beside it, checked
/// (`quick_check`), synced to disk, then renamed over `target` (whose own
/// stale write-ahead log, if any, is removed first) and the folder synced.
/// A crash or a full disk at any moment leaves `target` as it was or whole.
fn write_copy(conn: &Connection, target: &Path) -> Result<()> {
    let mut partial = target.as_os_str().to_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(|e| file_err(&partial, e.to_string()))?;
    }
    // VACUUM INTO writes into an existing empty file as it finds it, so
    // the copy is private whatever the umask.
    create_private(&partial).map_err(|e| file_err(&partial, e.to_string()))?;
    let written = conn
        .execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])
        .map_err(|e| file_err(target, format!("cannot write the copy ({e})")))
        .and_then(|_| {
            let copy = Connection::open_with_flags(&partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if check == "ok" {
                Ok(())
            } else {
                Err(file_err(
                    target,
                    format!("the copy failed its check ({})", first_problem(&check)),
                ))
            }
        })
        .and_then(|()| {
            std::fs::File::open(&partial)
                .and_then(|f| f.sync_all())
                .and_then(|()| {
                    for suffix in ["-wal", "-shm"] {
                        match std::fs::remove_file(sidecar(target, suffix)) {
                            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                            _ => {}
                        }
                    }
                    std::fs::rename(&partial, target)
                })
                .and_then(|()| sync_dir(target))
                .map_err(|e| file_err(target, format!("cannot write the copy to disk ({e})")))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// Tasks and orders in the database (or backup) at `path`, read without
/// changing it and closed again.
pub fn count_tasks_and_orders(path: &Path) -> Result<(i64, i64)> {
    let conn = open_copy(path)?;
    Ok((count(&conn, "tasks")?, count(&conn, "orders")?))
}

/// The first line of SQLite's list of problems, and how many more: a
/// damaged file lists hundreds.
fn first_problem(check: &str) -> String {
    let mut lines = check
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"));
    let first = lines.next().unwrap_or(check);
    match lines.count() {
        0 => first.to_string(),
        n => format!("{first}, and {n} more problems"),
    }
}

/// `<path><suffix>-<UTC time>` for a file that must never be written
/// over: with `-2`, `-3` … where one of that second exists already.
fn unused_name(path: &Path, suffix: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let named = |n: u32| {
        let mut p = path.as_os_str().to_os_string();
        p.push(format!("{suffix}-{stamp}"));
        if n > 1 {
            p.push(format!("-{n}"));
        }
        PathBuf::from(p)
    };
    (1..)
        .map(named)
        .find(|p| !p.exists() && !sidecar(p, ".partial").exists())
        .unwrap_or_else(|| named(0))
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?,
    )
}

/// Whether two paths name the same file (both exist, same device and inode).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        a.canonicalize()
            .ok()
            .is_some_and(|x| b.canonicalize().ok() == Some(x))
    }
}
