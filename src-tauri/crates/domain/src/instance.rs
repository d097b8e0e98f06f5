//! One window per data folder. Two windows on the same database would each show the other's
//! changes late and race for the same session being taken down; a second start brings the
//! running window to the front and ends, and says why when it cannot. The lock is an OS file
//! lock, released by the OS however the first window ends (even killed), so it never has to be
//! cleaned up by hand. The CLI does not take it: administrators may query or export while the
//! window is open (SQLite serialises writes).
//!
//! Bringing the window forward: the window that holds the lock listens on a loopback port and
//! writes the port and a random token into `chuyende.window` beside the lock (not into the lock
//! file itself: Windows forbids reading a locked file). A second start on the same folder reads
//! them, connects, sends the token and ends once the first window answered. Keyed on the data
//! folder, not on the app's identifier (tauri-plugin-single-instance's key, which would keep a
//! window on a USB stick's data from opening beside one on the office data, and which needs a
//! D-Bus session on Linux), and a plain loopback socket works the same on every system.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};

const LOCK_FILE: &str = "chuyende.lock";
/// Where the running window says how to reach it: "PORT TOKEN".
const WINDOW_FILE: &str = "chuyende.window";
const REQUEST: &str = "CHUYENDE-FOCUS";
const ANSWER: &str = "OK";
/// How long a second start waits for the running window's answer: a window that does not
/// answer in this time (hung, or a stale file after a crash) gets the message instead.
const ANSWER_WAIT: Duration = Duration::from_secs(3);

/// Held for as long as the window runs.
#[derive(Debug)]
pub struct InstanceLock {
    /// None in a folder that cannot be written and has no lock file: nothing can write there,
    /// so there is nothing to keep apart.
    _file: Option<File>,
    data_dir: PathBuf,
    /// Set when the listener for focus requests runs; it stops when the lock is dropped.
    listener: Option<(SocketAddr, Arc<AtomicBool>)>,
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
                Err(_) => {
                    return Ok(InstanceLock {
                        _file: None,
                        data_dir: data_dir.to_path_buf(),
                        listener: None,
                    })
                }
            },
            Err(e2) => return Err(io(e2)),
        };
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock {
                _file: Some(file),
                data_dir: data_dir.to_path_buf(),
                listener: None,
            }),
            Err(TryLockError::WouldBlock) => Err(Error::AlreadyRunning),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }

    /// Answers a second start on the same folder by calling `bring_forward` (the shell
    /// unminimizes and focuses its window), on a thread of its own, until the lock is dropped.
    /// Fails only when the port or the window file cannot be made (a read-only folder): a
    /// second start then gets the message instead.
    pub fn answer_second_starts(
        &mut self,
        bring_forward: impl Fn() + Send + 'static,
    ) -> Result<()> {
        let io = |source: std::io::Error| Error::DataDir {
            path: self.data_dir.display().to_string(),
            source: source.into(),
        };
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io)?;
        let address = listener.local_addr().map_err(io)?;
        let token = random_token();
        crate::fsutil::write_atomic(
            &self.data_dir.join(WINDOW_FILE),
            format!("{} {token}\n", address.port()).as_bytes(),
        )?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("second-start".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    // One request at a time, each bounded in time: a stray connection that
                    // sends nothing cannot keep the next start waiting long.
                    if let Ok(mut stream) = stream {
                        if asks_with(&mut stream, &token) {
                            bring_forward();
                            let _ = writeln!(stream, "{ANSWER}");
                        }
                    }
                }
            })
            .map_err(io)?;
        self.listener = Some((address, stop));
        Ok(())
    }
}

impl Drop for InstanceLock {
    fn drop(&mut self) {
        if let Some((address, stop)) = self.listener.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = std::fs::remove_file(self.data_dir.join(WINDOW_FILE));
            // Wakes the listener so it sees the flag and ends.
            let _ = TcpStream::connect_timeout(&address, ANSWER_WAIT);
        }
    }
}

/// Whether `stream` carries a focus request with the running window's token.
fn asks_with(stream: &mut TcpStream, token: &str) -> bool {
    if stream.set_read_timeout(Some(ANSWER_WAIT)).is_err() {
        return false;
    }
    let mut line = String::new();
    // At most one short line is read: nothing else is expected on this port.
    let mut reader = BufReader::new(std::io::Read::take(&mut *stream, 256));
    if reader.read_line(&mut line).is_err() {
        return false;
    }
    line.trim_end() == format!("{REQUEST} {token}")
}

/// Asks the window that holds `data_dir` to come to the front. True when it answered that it
/// did: the second start can then end without a window of its own. False when no window
/// listens there (none runs, an older version runs, or it hangs): the caller explains.
pub fn bring_running_window_forward(data_dir: &Path) -> bool {
    let Ok(content) = std::fs::read_to_string(data_dir.join(WINDOW_FILE)) else {
        return false;
    };
    let mut parts = content.split_whitespace();
    let (Some(Ok(port)), Some(token)) = (parts.next().map(str::parse::<u16>), parts.next()) else {
        return false;
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let ask = || -> std::io::Result<bool> {
        let mut stream = TcpStream::connect_timeout(&address, ANSWER_WAIT)?;
        stream.set_read_timeout(Some(ANSWER_WAIT))?;
        writeln!(stream, "{REQUEST} {token}")?;
        let mut answer = String::new();
        BufReader::new(std::io::Read::take(stream, 16)).read_line(&mut answer)?;
        Ok(answer.trim_end() == ANSWER)
    };
    ask().unwrap_or(false)
}

/// 128 bits the next start must show, so that another program on the machine (or one that took
/// over a stale port) is not taken for the window. The standard library's hasher keys come from
/// the OS's random source: enough for a token that only lets a caller raise a window.
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let half = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        h.write_u32(std::process::id());
        h.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A window holding `dir` that answers second starts; the receiver hears each request.
    fn window_that_answers(dir: &Path) -> (InstanceLock, std::sync::mpsc::Receiver<()>) {
        let mut lock = InstanceLock::acquire(dir).unwrap();
        let (told, heard) = std::sync::mpsc::channel();
        lock.answer_second_starts(move || told.send(()).unwrap())
            .unwrap();
        (lock, heard)
    }

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

    #[test]
    fn a_second_start_on_the_same_folder_brings_the_running_window_forward() {
        let dir = tempfile::tempdir().unwrap();
        let (_first, heard) = window_that_answers(dir.path());
        assert!(
            matches!(
                InstanceLock::acquire(dir.path()),
                Err(Error::AlreadyRunning)
            ),
            "the second start does not get the folder"
        );
        assert!(
            bring_running_window_forward(dir.path()),
            "the running window answers that it came forward"
        );
        heard
            .recv_timeout(Duration::from_secs(5))
            .expect("the running window was asked to come forward");
        assert!(
            bring_running_window_forward(dir.path()),
            "and again at a third start"
        );
    }

    #[test]
    fn a_window_on_another_folder_is_not_disturbed() {
        let office = tempfile::tempdir().unwrap();
        let stick = tempfile::tempdir().unwrap();
        let (_first, heard) = window_that_answers(office.path());
        let _second = InstanceLock::acquire(stick.path()).expect("another folder opens beside it");
        assert!(
            !bring_running_window_forward(stick.path()),
            "nothing to bring forward there"
        );
        assert!(
            heard.try_recv().is_err(),
            "the office window was not disturbed"
        );
    }

    #[test]
    fn a_second_start_explains_when_the_holder_does_not_answer() {
        let dir = tempfile::tempdir().unwrap();
        // Held by something that does not listen (a window of an older version, or a stale
        // file from a window that was killed).
        let _held = InstanceLock::acquire(dir.path()).unwrap();
        assert!(!bring_running_window_forward(dir.path()), "no window file");
        let silent = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = silent.local_addr().unwrap().port();
        std::fs::write(dir.path().join(WINDOW_FILE), format!("{port} abc\n")).unwrap();
        assert!(
            !bring_running_window_forward(dir.path()),
            "a port that never answers is not taken for the window"
        );
        drop(silent);
        assert!(
            !bring_running_window_forward(dir.path()),
            "a closed port neither"
        );
    }

    #[test]
    fn a_wrong_token_does_not_bring_the_window_forward() {
        let dir = tempfile::tempdir().unwrap();
        let (_first, heard) = window_that_answers(dir.path());
        let content = std::fs::read_to_string(dir.path().join(WINDOW_FILE)).unwrap();
        let port = content.split_whitespace().next().unwrap();
        std::fs::write(dir.path().join(WINDOW_FILE), format!("{port} guessed\n")).unwrap();
        assert!(!bring_running_window_forward(dir.path()));
        assert!(
            heard.try_recv().is_err(),
            "a caller without the token raises nothing"
        );
    }

    #[test]
    fn the_window_file_goes_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = InstanceLock::acquire(dir.path()).unwrap();
        first.answer_second_starts(|| {}).unwrap();
        assert!(dir.path().join(WINDOW_FILE).exists());
        drop(first);
        assert!(!dir.path().join(WINDOW_FILE).exists());
        assert!(!bring_running_window_forward(dir.path()));
    }
}
