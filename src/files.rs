//! Files around the database: a path a user named, opened only where it
//! is a regular file; temporary files and folders that go however the
//! process ends.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Opens `path` (through symlinks) for reading where it is a regular
/// file: `Ok(None)` where nothing is there, an error saying what it is
/// otherwise. It looks before it opens, since opening a FIFO waits for a
/// writer and opening a device may act on it, and checks again what it
/// opened, without waiting, in case the path changed in between.
pub fn open_regular(path: &Path) -> io::Result<Option<File>> {
    match std::fs::metadata(path) {
        Ok(m) => regular(&m)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    regular(&file.metadata()?)?;
    Ok(Some(file))
}

/// An error naming what `m` is unless it is a regular file.
fn regular(m: &std::fs::Metadata) -> io::Result<()> {
    let t = m.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() { "a folder" } else { kind(&t) };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("is {what}, not a regular file"),
    ))
}

#[cfg(unix)]
fn kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind(_: &std::fs::FileType) -> &'static str {
    "a device"
}

/// Temporary paths alive now: a signal ends the process with `exit`,
/// which runs no destructor, so its watcher removes these first.
static SCRATCH: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file or folder registered for [`remove_scratch`] while
/// this lives; its owner (a `TempDir`, a `NamedTempFile`) removes it on
/// every other way out.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn register(path: &Path) -> Scratch {
        let mut live = SCRATCH.lock().unwrap_or_else(|p| p.into_inner());
        live.push(path.to_path_buf());
        Scratch(path.to_path_buf())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let mut live = SCRATCH.lock().unwrap_or_else(|p| p.into_inner());
        live.retain(|p| *p != self.0);
    }
}

/// Removes every registered temporary path: for a process about to end
/// without unwinding.
pub fn remove_scratch() {
    let live = SCRATCH.lock().unwrap_or_else(|p| p.into_inner());
    for path in live.iter() {
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
    }
}

/// A private folder (0700) of the system's temporary directory, removed
/// however the process ends (see [`Scratch`]).
pub struct ScratchDir {
    dir: tempfile::TempDir,
    _registered: Scratch,
}

impl ScratchDir {
    pub fn new(prefix: &str) -> io::Result<ScratchDir> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(prefix);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let dir = builder.tempdir()?;
        let registered = Scratch::register(dir.path());
        Ok(ScratchDir {
            dir,
            _registered: registered,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_opens() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("f");
        std::fs::write(&file, "x").expect("write");
        assert!(open_regular(&file).expect("opens").is_some());
        assert!(
            open_regular(&dir.path().join("none"))
                .expect("ok")
                .is_none()
        );
        let e = open_regular(dir.path()).expect_err("a folder");
        assert_eq!(e.to_string(), "is a folder, not a regular file");
        let e = open_regular(Path::new("/dev/null")).expect_err("a device");
        assert_eq!(e.to_string(), "is a character device, not a regular file");
    }

    #[test]
    fn scratch_paths_go_when_the_process_ends_without_unwinding() {
        let dir = ScratchDir::new("funnel-test-").expect("dir");
        std::fs::write(dir.path().join("demo.db"), "x").expect("write");
        let kept = tempfile::tempdir().expect("dir");
        remove_scratch();
        assert!(!dir.path().exists());
        assert!(kept.path().exists(), "only registered paths go");
    }
}
