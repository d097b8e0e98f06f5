//! One window per data folder. Two windows on the same database would each show the other's
//! changes late and race for the same session being taken down; the second one is refused with
//! a message instead. The lock is an OS file lock, released by the OS however the first window
//! ends (even killed), so it never has to be cleaned up by hand. The CLI does not take it:
//! administrators may query or export while the window is open (SQLite serialises writes).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{Error, Result};

const LOCK_FILE: &str = "chuyende.lock";

/// Held for as long as the window runs.
#[derive(Debug)]
pub struct InstanceLock {
    /// None in a folder that cannot be written and has no lock file: nothing can write there,
    /// so there is nothing to keep apart.
    _file: Option<File>,
}

impl InstanceLock {
    pub fn acquire(data_dir: &Path) -> Result<InstanceLock> {
        let io = |source: std::io::Error| Error::DataDir {
            path: data_dir.display().to_string(),
            source: source.into(),
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let path = data_dir.join(LOCK_FILE);
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(file) => file,
            // A read-only folder (the data is then opened read-only): lock the existing file
            // if there is one, which flock allows on a file opened for reading.
            Err(_) if !crate::fsutil::folder_is_writable(data_dir) => match File::open(&path) {
                Ok(file) => file,
                Err(_) => return Ok(InstanceLock { _file: None }),
            },
            Err(e2) => return Err(io(e2)),
        };
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(Error::AlreadyRunning),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_on_the_same_data_folder_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().unwrap();
        let first = InstanceLock::acquire(dir.path()).expect("the first window takes the folder");
        let second = InstanceLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(second, Error::AlreadyRunning), "{second:?}");
        assert!(second.to_string().contains("đang mở"), "{second}");
        drop(first);
        InstanceLock::acquire(dir.path()).expect("free again once the first has closed");
    }
}
