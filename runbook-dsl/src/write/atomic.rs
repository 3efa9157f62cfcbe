//! Writing one file so that a reader, or an interrupted run, sees the old
//! file or the new one and never half of one.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file that takes the name
/// once it is whole (on Linux, a new file is written unnamed, then linked):
/// a reader sees the old file or the new one, never half of one.
///
/// The file keeps the permissions of the file it replaces; a new file gets
/// 0644 (less what the umask removes) on unix, like any file a tool writes
/// (the temporary file alone would be private, 0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let new = match fs::symlink_metadata(path) {
        Ok(_) => false,
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    };
    replace(path, bytes, new)?;
    // The rename of a replaced file is durable once its folder is synced.
    #[cfg(unix)]
    if !new {
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// `write_atomic` in a folder that exists, knowing whether the file does.
/// A new file is never put over a file that appeared since the caller
/// looked: that is an `AlreadyExists` error, and the other file is kept.
pub(super) fn replace(path: &Path, bytes: &[u8], new: bool) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    #[cfg(target_os = "linux")]
    if new {
        if let Some(done) = unnamed::create(dir, path, bytes) {
            return done;
        }
    }
    named(dir, path, bytes, new)
}

/// How the writer names its temporary files, so that a run can tell its
/// own leftovers (after a kill) from anyone else's files.
pub(super) const TEMP_PREFIX: &str = ".runbook-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// `replace` through a named temporary file beside `path`, renamed over it.
fn named(dir: &Path, path: &Path, bytes: &[u8], new: bool) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A new file gets its mode as it is created; a replaced one keeps the
    // old file's mode exactly, which the umask must not narrow.
    let keep = if new {
        if let Some(permissions) = new_file_permissions() {
            builder.permissions(permissions);
        }
        None
    } else {
        match fs::metadata(path) {
            Ok(meta) => Some(meta.permissions()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(permissions) = new_file_permissions() {
                    builder.permissions(permissions);
                }
                None
            }
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        }
    };
    let mut tmp = builder.tempfile_in(dir)?;
    if let Some(permissions) = keep {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.write_all(bytes)?;
    // A file that replaces another is synced before it takes the name, so
    // that a power cut cannot leave an empty file where the old one was.
    // A new file is not (here or in `unnamed`): an fsync per file was most
    // of the write time, and a blank file where there was none loses
    // nothing; the next run rewrites it.
    if !new {
        tmp.as_file().sync_data()?;
    }
    if new {
        tmp.persist_noclobber(path).map_err(|e| appeared(e.error))?;
    } else {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// The error for a new file whose name was taken meanwhile.
fn appeared(e: io::Error) -> io::Error {
    match e.kind() {
        io::ErrorKind::AlreadyExists => io::Error::new(
            e.kind(),
            "a file appeared there while the docs were being written; it was left as it is, run again",
        ),
        _ => e,
    }
}

/// Linux: a new file is written unnamed (`O_TMPFILE`), then linked under its
/// name: one change to the folder instead of two (create a temporary name,
/// rename it), and no temporary name left behind by an interrupted run.
#[cfg(target_os = "linux")]
mod unnamed {
    use std::fs::File;
    use std::io::{self, Write as _};
    use std::os::fd::AsRawFd as _;
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, Ordering};

    use rustix::fs::{linkat, openat, AtFlags, Mode, OFlags, CWD};
    use rustix::io::Errno;

    /// `None` where unnamed files cannot be made or linked (an older kernel,
    /// a file system without `O_TMPFILE`, no `/proc`): the caller falls back
    /// to a named temporary file.
    pub fn create(dir: &Path, path: &Path, bytes: &[u8]) -> Option<io::Result<()>> {
        let file = write_unnamed(dir, bytes)?;
        let file = match file {
            Ok(file) => file,
            Err(e) => return Some(Err(e)),
        };
        // A process that may (root, or `CAP_DAC_READ_SEARCH`) links the file
        // by its descriptor; any other is refused (with `ENOENT`; a sandbox
        // may say `EPERM`), once: then the link goes through `/proc`, which
        // costs a path walk per file and reports any real error itself.
        if BY_DESCRIPTOR.load(Ordering::Relaxed) {
            match by_descriptor(&file, path) {
                Ok(()) => return Some(Ok(())),
                Err(Errno::EXIST) => return Some(Err(super::appeared(Errno::EXIST.into()))),
                Err(_) => BY_DESCRIPTOR.store(false, Ordering::Relaxed),
            }
        }
        through_proc(&file, path)
    }

    /// An unnamed file in `dir` holding `bytes`; `None` if one cannot be
    /// made there (any failure to open falls back: the fallback reports it
    /// in its words).
    fn write_unnamed(dir: &Path, bytes: &[u8]) -> Option<io::Result<File>> {
        let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
        let mut file = File::from(openat(CWD, dir, flags, Mode::from_raw_mode(0o644)).ok()?);
        Some(file.write_all(bytes).map(|()| file))
    }

    fn by_descriptor(file: &File, path: &Path) -> Result<(), Errno> {
        linkat(file, "", CWD, path, AtFlags::EMPTY_PATH)
    }

    fn through_proc(file: &File, path: &Path) -> Option<io::Result<()>> {
        let fd = format!("/proc/self/fd/{}", file.as_raw_fd());
        match linkat(CWD, fd.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW) {
            Ok(()) => Some(Ok(())),
            Err(Errno::NOENT) if !Path::new("/proc/self/fd").exists() => None,
            Err(e) => Some(Err(super::appeared(e.into()))),
        }
    }

    /// Whether linking by descriptor is still worth trying in this process.
    static BY_DESCRIPTOR: AtomicBool = AtomicBool::new(true);

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Both ways of linking give the file its name with what was
        /// written; by descriptor is refused only for want of the privilege.
        #[test]
        fn both_ways_of_linking_name_the_whole_file() {
            let tmp = tempfile::tempdir().expect("tempdir");
            let dir = tmp.path();
            let Some(file) = write_unnamed(dir, b"by proc") else { return };
            through_proc(&file.expect("write"), &dir.join("proc.md")).expect("linkable").expect("link");
            assert_eq!(std::fs::read_to_string(dir.join("proc.md")).expect("read"), "by proc");
            let file = write_unnamed(dir, b"by descriptor").expect("unnamed").expect("write");
            match by_descriptor(&file, &dir.join("fd.md")) {
                Ok(()) => assert_eq!(std::fs::read_to_string(dir.join("fd.md")).expect("read"), "by descriptor"),
                Err(e) => assert_eq!(e, Errno::NOENT, "an unprivileged process is refused with ENOENT"),
            }
            let names = std::fs::read_dir(dir).expect("dir").count();
            assert!(names <= 2, "nothing but the named files is left");
        }
    }
}

/// An ordinary file's mode: what `fs::write` gives under the usual umask.
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(fs::Permissions::from_mode(0o644))
}

/// Elsewhere a temporary file is an ordinary file already.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of writing a new file refuse a name taken since the caller
    /// looked, and keep what is there.
    #[test]
    fn a_new_file_never_replaces_one_that_appeared() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let path = dir.join("doc.md");
        fs::write(&path, "mine").expect("write");
        let err = named(dir, &path, b"generated", true).expect_err("named");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        #[cfg(target_os = "linux")]
        if let Some(done) = unnamed::create(dir, &path, b"generated") {
            let err = done.expect_err("unnamed");
            assert_eq!(err.kind(), io::ErrorKind::AlreadyExists, "{err}");
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), "mine");
        let names: Vec<_> = fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, ["doc.md"], "no temporary file is left");
    }

    #[test]
    fn both_ways_write_a_new_file_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        named(dir, &dir.join("a.md"), b"named", true).expect("named");
        assert_eq!(fs::read_to_string(dir.join("a.md")).expect("read"), "named");
        #[cfg(target_os = "linux")]
        if let Some(done) = unnamed::create(dir, &dir.join("b.md"), b"unnamed") {
            done.expect("unnamed");
            assert_eq!(fs::read_to_string(dir.join("b.md")).expect("read"), "unnamed");
        }
    }
}
