//! A `-wal` and `-shm` beside a database path that belong to another file.
//!
//! SQLite finds a database's log by name: `funnel.db-wal`. When the file
//! at the path is moved away, replaced or deleted while a process (a
//! dashboard) still has it open, that process's log keeps those names
//! until it notices (within one poll: see `identity`). A process opening
//! the path meanwhile would take the old file's log as the new file's own:
//! it would read the old file's pages, write its own commits into a log
//! that is then taken away, and give ids a second time.
//!
//! Every open SQLite connection holds a read lock on one byte of the
//! `-shm` (its "DMS" byte, 128) and, in WAL mode, a shared lock on the
//! database file (bytes 1073741826 to 1073742335) for as long as it is
//! open. So a `-shm` locked by someone while nobody locks the database
//! file at the path belongs to another file. The locks of every process
//! are listed in `/proc/locks`; elsewhere than Linux nothing is checked.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Result, StoreError, sidecar};

/// How long an opener waits for the process that owns the log to notice
/// that its file is gone and take the log away (it looks twice a second).
const WAIT: Duration = Duration::from_secs(2);

/// Waits until the log beside `path` is the file's own (or there is none);
/// refuses if it still belongs to another file after [`WAIT`].
pub(super) fn refuse_foreign(path: &Path) -> Result<()> {
    let start = Instant::now();
    loop {
        if !foreign(path) {
            return Ok(());
        }
        if start.elapsed() >= WAIT {
            return Err(StoreError::File {
                path: path.display().to_string(),
                message: format!(
                    "{} and {} beside it belong to another database file, still open in another process (a dashboard whose file was moved, replaced or deleted); nothing was opened or written: close that dashboard, or let it notice, and try again",
                    sidecar(path, "-wal").display(),
                    sidecar(path, "-shm").display()
                ),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether the `-shm` beside `path` is in use by another process that
/// does not hold the file at `path`. This process's own locks are left
/// out: its stores know their own files (see `identity`), and closing any
/// descriptor of a file drops all of a process's locks on it, so they
/// cannot be relied on here.
fn foreign(path: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Some(shm) = id(&sidecar(path, "-shm")) else {
            return false;
        };
        let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
            return false;
        };
        let db = id(path);
        let me = std::process::id();
        let held: Vec<Lock> = locks.lines().filter_map(parse).collect();
        const DMS: u64 = 128;
        const SHARED: (u64, u64) = (1_073_741_826, 1_073_742_335);
        held.iter()
            .filter(|l| l.pid != me && l.file == shm && l.start <= DMS && l.end >= DMS)
            .any(|user| {
                !held.iter().any(|l| {
                    l.pid == user.pid
                        && Some(l.file) == db
                        && l.start <= SHARED.1
                        && l.end >= SHARED.0
                })
            })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        false
    }
}

/// Whether any process holds a lock on the file at `path` (an SQLite
/// connection has it open); `false` where that cannot be told.
pub(super) fn in_use(path: &Path) -> bool {
    locked_by(path, |_| true)
}

/// Whether this process holds a lock on the file at `path`: an SQLite
/// connection of its own has it open. Such a file must not be opened and
/// closed again by other code here: closing any descriptor of a file
/// drops every POSIX lock the process holds on it, SQLite's included,
/// and another process could then take the file as unused (and, closing
/// last, delete its log under this one).
pub(super) fn held_here(path: &Path) -> bool {
    // A connection in WAL mode always has the `-shm` beside it: without
    // one there is nothing to look up (a lone command's usual case).
    if !sidecar(path, "-shm").exists() {
        return false;
    }
    let me = std::process::id();
    locked_by(path, |pid| pid == me)
}

/// Whether a process that `whose` picks (by its id) holds a lock on the
/// file at `path`; `false` where that cannot be told.
fn locked_by(path: &Path, whose: impl Fn(u32) -> bool) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Some(file) = id(path) else {
            return false;
        };
        std::fs::read_to_string("/proc/locks").is_ok_and(|locks| {
            locks
                .lines()
                .filter_map(parse)
                .any(|l| l.file == file && whose(l.pid))
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (path, whose);
        false
    }
}

/// A file as `/proc/locks` names it: major and minor device, inode.
type Id = (u32, u32, u64);

#[cfg(target_os = "linux")]
fn id(path: &Path) -> Option<Id> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((
        rustix::fs::major(m.dev()),
        rustix::fs::minor(m.dev()),
        m.ino(),
    ))
}

/// One held POSIX lock.
#[derive(Debug, PartialEq, Eq)]
struct Lock {
    pid: u32,
    file: Id,
    start: u64,
    end: u64,
}

/// A line of `/proc/locks`: `1: POSIX  ADVISORY  READ 8291 fe:00:10084706
/// 128 128` (device numbers in hexadecimal, the last byte `EOF` for a lock
/// to the end); waiters (`->`) hold nothing.
fn parse(line: &str) -> Option<Lock> {
    let mut words = line.split_whitespace().skip(1);
    if words.next()? != "POSIX" {
        return None;
    }
    let mut words = words.skip(2);
    let pid = words.next()?.parse().ok()?;
    let mut file = words.next()?.split(':');
    let major = u32::from_str_radix(file.next()?, 16).ok()?;
    let minor = u32::from_str_radix(file.next()?, 16).ok()?;
    let inode = file.next()?.parse().ok()?;
    let start = words.next()?.parse().ok()?;
    let end = match words.next()? {
        "EOF" => u64::MAX,
        n => n.parse().ok()?,
    };
    Some(Lock {
        pid,
        file: (major, minor, inode),
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_locks_lines_are_read_and_waiters_skipped() {
        assert_eq!(
            parse("1: POSIX  ADVISORY  READ 8291 fe:00:10084706 128 128"),
            Some(Lock {
                pid: 8291,
                file: (0xfe, 0, 10_084_706),
                start: 128,
                end: 128
            })
        );
        assert_eq!(
            parse("2: POSIX  ADVISORY  WRITE 17 08:11:42 0 EOF"),
            Some(Lock {
                pid: 17,
                file: (8, 0x11, 42),
                start: 0,
                end: u64::MAX
            })
        );
        assert_eq!(parse("3: FLOCK  ADVISORY  WRITE 17 08:11:42 0 EOF"), None);
        assert_eq!(
            parse("3: -> POSIX  ADVISORY  WRITE 17 08:11:42 0 EOF"),
            None
        );
        assert_eq!(parse(""), None);
    }
}
