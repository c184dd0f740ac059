//! The database file on disk: telling an SQLite file from anything else,
//! its folder and sidecars, whether it can be written, and whether it is
//! on a network filesystem.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Result, StoreError, sidecars};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// `Ok(true)` for an SQLite file, `Ok(false)` for a missing or empty one,
/// an error for anything else (a FIFO or a device too).
pub(super) fn check_header(path: &Path) -> Result<bool> {
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
            reason: super::NotFunnel::NotSqlite,
        });
    }
    Ok(true)
}

/// The folder holding `path` (`.` for a bare file name).
pub(super) fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes the directory holding `path` to the disk, so that a file
/// created or renamed there stays after a power loss.
pub(super) fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder(path))?.sync_all()?;
    Ok(())
}

/// `funnel.db-wal` for `funnel.db`.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether this process may write `path`: create files in a folder, or
/// write a file.
pub(super) fn writable(path: &Path) -> bool {
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

pub(super) fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
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
