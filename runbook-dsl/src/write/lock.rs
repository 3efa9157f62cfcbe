//! One doc writer at a time per output folder, as cargo does with its
//! build folder: a second run waits for the first, then plans afresh.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::Path;

/// Held while a run plans and writes; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

/// Takes the lock on `root`: exclusive to write, shared to only read
/// (`--check`), so that a check never sees half of another run's writes.
/// Calls `waiting` once if another run holds it, then blocks.
///
/// The lock is on the output folder itself, so it leaves no file behind. A
/// folder that does not exist has nothing to protect yet (a check of it
/// reports every file missing); a file system without locks is written
/// unlocked, as before.
pub fn lock(root: &Path, exclusive: bool, waiting: impl FnOnce()) -> io::Result<Lock> {
    if exclusive {
        fs::create_dir_all(root).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", root.display())))?;
    }
    let file = match File::open(root) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !exclusive => return Ok(Lock { _file: None }),
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", root.display()))),
    };
    let tried = if exclusive { file.try_lock() } else { file.try_lock_shared() };
    match tried {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting();
            if exclusive {
                file.lock()?;
            } else {
                file.lock_shared()?;
            }
        }
        Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => return Ok(Lock { _file: None }),
        Err(TryLockError::Error(e)) => return Err(io::Error::new(e.kind(), format!("{}: {e}", root.display()))),
    }
    Ok(Lock { _file: Some(file) })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A second writer waits, and says so, until the first lets go.
    #[test]
    fn a_second_writer_waits_for_the_first() {
        let tmp = tempfile::tempdir().expect("tmp");
        let first = lock(tmp.path(), true, || panic!("nobody holds it yet")).expect("first");
        let (said, heard) = mpsc::channel();
        let root = tmp.path().to_path_buf();
        let second = std::thread::spawn(move || {
            let _held = lock(&root, true, || said.send(()).expect("send")).expect("second");
        });
        heard.recv_timeout(Duration::from_secs(30)).expect("the second run said it waits");
        assert!(!second.is_finished(), "the second run went on while the first held the lock");
        drop(first);
        second.join().expect("the second run got the lock");
    }

    #[test]
    fn readers_share_and_a_missing_folder_needs_no_lock() {
        let tmp = tempfile::tempdir().expect("tmp");
        let _a = lock(tmp.path(), false, || panic!("readers share")).expect("a");
        let _b = lock(tmp.path(), false, || panic!("readers share")).expect("b");
        lock(&tmp.path().join("absent"), false, || panic!("nothing to wait for")).expect("absent");
    }
}
