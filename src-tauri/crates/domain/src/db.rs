//! The one place that opens the database: one SQLite file, WAL, foreign keys on, a busy timeout,
//! migrations applied in order. A file written by a newer Chuyên Đề is refused before anything is
//! written to it (even switching to WAL writes the header).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::account::{Acting, Scope};
use crate::clock;
use crate::error::{Error, Result};
use crate::migrations::{self, MIGRATIONS};
use crate::paths;

/// Marks our files (`PRAGMA application_id`, bytes 68–71 of the header): "CDE1". An SQLite file
/// with another mark, or with none and tables that are not ours, belongs to another program and
/// is refused untouched rather than "migrated".
pub const APPLICATION_ID: i32 = 0x4344_4531;

/// How long a write waits for another writer (a CLI import, a backup, demo data) before giving
/// up. Longer than the longest write this app makes: imports and generators write in short
/// transactions (well under a second each), a backup copies in steps of a few pages.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Tables every Chuyên Đề database has had since the first release. A file without our
/// application_id (made before it was set) is adopted only when it has these.
const OUR_TABLES: &[&str] = &["organisation", "member", "setting"];

/// The database of one data folder. Cheap to share behind an `Arc`; every call takes a
/// connection for its duration, so callers in async code run it on a blocking thread.
///
/// One connection writes (every write waits for the one before it, as SQLite would make it
/// anyway); reads take a connection of their own from a small pool, so that a screen opening
/// never waits behind a write being synced to disk: in WAL mode a reader sees the last commit
/// while a write is under way.
pub struct Database {
    path: PathBuf,
    conn: Mutex<Connection>,
    readers: Readers,
    read_only: bool,
    /// The file the connection was opened on. A connection keeps writing to its open file
    /// even when the folder was moved, deleted or unmounted under it (a USB stick pulled out
    /// while the window runs): each write first checks that the path still leads to it.
    identity: FileIdentity,
    /// Inside [`Database::batch`]: each write is a savepoint of the batch's transaction.
    in_batch: bool,
    /// The account signed in through this handle ([`Database::sign_in`]): who the verbs act
    /// for and the trail names.
    acting: RwLock<Option<Acting>>,
    /// The moment the verbs read as now ([`Database::set_clock`]); the system's when `None`.
    clock: RwLock<Option<chrono::DateTime<chrono::Local>>>,
}

/// What a look at a file, before anything is written to it, found.
struct Probe {
    user_version: i64,
}

impl Database {
    /// Opens (creating if needed) the database in `data_dir`. The folder is created when
    /// missing: the window's own folder on first start. The CLI refuses a missing folder unless
    /// told to create it ([`Database::open_existing_dir`]).
    pub fn open_in(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.display().to_string(),
            source: source.into(),
        })?;
        Self::open(&paths::database_path(data_dir))
    }

    /// Opens the database in a folder that must already exist (a folder named by hand may be
    /// mistyped, or on a USB stick that is not plugged in: creating an empty database there
    /// would look like lost data).
    pub fn open_existing_dir(data_dir: &Path) -> Result<Self> {
        if !data_dir.is_dir() {
            return Err(Error::DataDirMissing {
                path: data_dir.display().to_string(),
            });
        }
        Self::open(&paths::database_path(data_dir))
    }

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    ///
    /// Before anything is written, the file is looked at through a read-only connection (which
    /// never checkpoints a WAL into it nor changes its header): a file that is not SQLite, an
    /// SQLite file of another program, a file from a newer version, or a damaged one (`PRAGMA
    /// quick_check`) is refused and left byte for byte as it was. A folder that cannot be
    /// written opens the data read-only.
    pub fn open(path: &Path) -> Result<Self> {
        let exists = std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let folder = path.parent().unwrap_or(Path::new("."));
        let writable = crate::fsutil::folder_is_writable(folder)
            && (!exists || std::fs::OpenOptions::new().write(true).open(path).is_ok());
        let mut found = 0;
        if exists {
            let (probe_conn, probe) = Self::probe(path)?;
            found = probe.user_version;
            if !writable {
                if found < migrations::latest() {
                    return Err(Error::ReadOnlyOutdated {
                        path: path.display().to_string(),
                    });
                }
                probe_conn.pragma_update(None, "foreign_keys", true)?;
                return Ok(Database {
                    path: path.to_path_buf(),
                    conn: Mutex::new(probe_conn),
                    // One connection does: nothing writes, so nothing can hold reads up.
                    readers: Readers::none(),
                    read_only: true,
                    identity: FileIdentity::of(path).map_err(|_| Error::Unavailable)?,
                    in_batch: false,
                    acting: RwLock::new(None),
                    clock: RwLock::new(None),
                });
            }
        } else if !writable {
            return Err(Error::ReadOnly);
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| on_open(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| on_open(path, e))?;
        // NORMAL is durable across application crashes in WAL mode; a power cut can lose the
        // last transactions but never corrupts the file. What people type live is written
        // with FULL (see `write_durable`).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut db = Database {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            readers: Readers::of(path),
            read_only: false,
            identity: FileIdentity::of(path).map_err(|_| Error::Unavailable)?,
            in_batch: false,
            acting: RwLock::new(None),
            clock: RwLock::new(None),
        };
        db.migrate(found)?;
        Ok(db)
    }

    /// Looks at an existing file without writing to it: is it SQLite, is it ours, which
    /// version, is it whole. Returns the read-only connection it used.
    fn probe(path: &Path) -> Result<(Connection, Probe)> {
        let conn = open_read_only(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let err = |e| on_open(path, e);
        let user_version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        let application_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(err)?;
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(err)?;
        let ours = application_id == APPLICATION_ID
            || (application_id == 0 && tables.is_empty() && user_version == 0)
            || (application_id == 0
                && user_version >= 1
                && OUR_TABLES.iter().all(|t| tables.iter().any(|n| n == t)));
        if !ours {
            return Err(Error::Foreign {
                path: path.display().to_string(),
            });
        }
        if user_version > migrations::latest() {
            return Err(Error::NewerSchema {
                found: user_version,
                supported: migrations::latest(),
            });
        }
        // The check itself failing (an FTS index that cannot be read) is damage too.
        let problems: Vec<String> = conn
            .prepare("PRAGMA quick_check(5)")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| match on_open(path, e) {
                Error::Database(e) => Error::Damaged {
                    path: path.display().to_string(),
                    detail: format!(" ({e})"),
                },
                other => other,
            })?;
        if problems != ["ok"] {
            return Err(Error::Damaged {
                path: path.display().to_string(),
                detail: format!(" ({})", problems.join("; ")),
            });
        }
        Ok((conn, Probe { user_version }))
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let conn = self.conn.get_mut().unwrap_or_else(|p| p.into_inner());
        migrate(conn, from)
    }

    /// Replaces every page of this database with `source`'s (a backup being restored), in one
    /// write transaction, then brings the schema up to date.
    pub(crate) fn replace_all(&self, source: &Connection, source_version: i64) -> Result<()> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        crate::backup::copy_all(source, &mut conn)?;
        migrate(&mut conn, source_version)
    }

    /// Creates a database file with only the first `version` steps of the schema applied, as
    /// an older release of Chuyên Đề left it: for tests of the later steps on real old files.
    #[doc(hidden)]
    pub fn create_at_schema_version(path: &Path, version: i64) -> Result<()> {
        let mut conn = Connection::open(path)?;
        crate::audit::register_sql_hash(&conn)?;
        for (index, step) in MIGRATIONS.iter().enumerate().take(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The account acting through this handle.
    pub(crate) fn acting(&self) -> Option<Acting> {
        self.acting
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn clock(&self) -> Option<chrono::DateTime<chrono::Local>> {
        *self.clock.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes the verbs called through this handle read `at` as now (their trail, their dates,
    /// their "today"), or the system's clock again with `None`: for the demo data, which lives
    /// past years through the library's verbs, and for tests. Other handles keep their own.
    pub fn set_clock(&self, at: Option<chrono::DateTime<chrono::Local>>) {
        *self.clock.write().unwrap_or_else(|p| p.into_inner()) = at;
    }

    /// The moment it is for this handle: its clock, or the system's.
    pub fn now(&self) -> chrono::DateTime<chrono::Local> {
        self.clock().unwrap_or_else(chrono::Local::now)
    }

    /// The day it is for this handle.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date_naive()
    }

    pub(crate) fn set_acting(&self, acting: Option<Acting>) {
        *self.acting.write().unwrap_or_else(|p| p.into_inner()) = acting;
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the data was opened read-only (the folder cannot be written): every change is
    /// refused with [`Error::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Waits at most `timeout` for another writer (tests use a short one).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.busy_timeout(timeout)?;
        self.readers.set_busy_timeout(timeout)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
    }

    /// Runs read-only work on a read connection of its own: it sees the last commit and never
    /// waits for a write under way. Changes go through [`Database::write`]; settings of the
    /// connection made here (pragmas, temporary triggers) do not reach the writer's.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let _scope = Scope::enter(self.acting());
        let _clock = clock::Scope::enter(self.clock());
        if let Some(conn) = self.readers.take(self.identity) {
            let value = f(&conn);
            self.readers.give_back(conn);
            return value;
        }
        // A read-only file, inside a batch, or the folder gone from under us: the writer's
        // connection still has the file open.
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    /// The writer's connection itself, outside any transaction: for tests that set up faults
    /// on the connection the writes go through (a temporary trigger, a per-connection pragma,
    /// the journal mode of a file made to look old). Reads do not see what is set here.
    #[doc(hidden)]
    pub fn on_writer_connection<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    /// Like [`Database::write`], synced to disk before it returns (`synchronous = FULL` for
    /// this transaction): for what people type live in a meeting, which must survive a power
    /// cut, not only a crash of the app. When another process holds the write lock past the
    /// busy timeout (a long import from the CLI), it tries again a bounded number of times
    /// before saying so: the text stays in the window either way.
    pub fn write_durable<T>(&self, mut f: impl FnMut(&Connection) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        if self.in_batch {
            // The batch's commit decides; generators do not type live.
            return self.write(f);
        }
        let _scope = Scope::enter(self.acting());
        let _clock = clock::Scope::enter(self.clock());
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        self.check_still_there()?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mut attempt = 0;
        let result = loop {
            let outcome = (|| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = f(&tx)?;
                tx.commit()?;
                Ok(value)
            })();
            match outcome {
                Err(Error::Busy) if attempt < DURABLE_RETRIES => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(200));
                }
                other => break other,
            }
        };
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        result
    }

    /// Runs `f` in one immediate transaction: committed when it returns `Ok`, rolled back, with
    /// nothing changed, when it returns `Err`. Every change to the data goes through here.
    pub fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        let _scope = Scope::enter(self.acting());
        let _clock = clock::Scope::enter(self.clock());
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        self.check_still_there()?;
        if self.in_batch {
            let savepoint = conn.savepoint()?;
            let value = f(&savepoint)?;
            savepoint.commit()?;
            return Ok(value);
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs several changes made through the library's own verbs (`f` gets a `Database` to call
    /// them on) as one transaction: all of them or none. For generators (the large demo data),
    /// which write a whole cell at a time: one short transaction per unit that makes sense on
    /// its own, instead of one per row (slow, and a kill leaves half a cell) or one for the
    /// whole run (which would hold the write lock for many seconds). Other users of this
    /// `Database` wait for the batch to end, as they would for another process's writes.
    pub fn batch<T>(&self, f: impl FnOnce(&Database) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        self.check_still_there()?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        // The connection moves into the batch's own `Database` while this one stays locked; a
        // placeholder holds its place and is never used (the lock is held until it is back).
        let placeholder = Connection::open_in_memory()?;
        let inner = Database {
            path: self.path.clone(),
            conn: Mutex::new(std::mem::replace(&mut *conn, placeholder)),
            // Reads inside the batch see its writes: they use its connection.
            readers: Readers::none(),
            read_only: false,
            identity: self.identity,
            in_batch: true,
            acting: RwLock::new(self.acting()),
            clock: RwLock::new(self.clock()),
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&inner)));
        *conn = inner.conn.into_inner().unwrap_or_else(|p| p.into_inner());
        match outcome {
            Ok(Ok(value)) => {
                conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Ok(Err(e)) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
            Err(panic) => {
                let _ = conn.execute_batch("ROLLBACK");
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Refuses to write when the database's path no longer leads to the file the connection
    /// has open: the data folder vanished (a USB stick pulled out, a network share lost, the
    /// folder moved away). Writing on would put the change in a file nobody will find again;
    /// refused, the text stays in the window to save once the folder is back.
    fn check_still_there(&self) -> Result<()> {
        match FileIdentity::of(&self.path) {
            Ok(now) if now == self.identity => Ok(()),
            _ => Err(Error::Unavailable),
        }
    }
}

/// The read connections of a [`Database`]: opened when first needed, kept for the next read
/// (at most [`Readers::KEEP`] of them idle).
struct Readers {
    /// None: every read uses the writer's connection.
    path: Option<PathBuf>,
    idle: Mutex<Vec<Connection>>,
    busy_timeout: Mutex<Duration>,
}

impl Readers {
    /// Idle read connections kept open: the window reads from a few threads at once at most.
    const KEEP: usize = 4;

    fn of(path: &Path) -> Readers {
        Readers {
            path: Some(path.to_path_buf()),
            idle: Mutex::new(Vec::new()),
            busy_timeout: Mutex::new(BUSY_TIMEOUT),
        }
    }

    fn none() -> Readers {
        Readers {
            path: None,
            idle: Mutex::new(Vec::new()),
            busy_timeout: Mutex::new(BUSY_TIMEOUT),
        }
    }

    /// An idle read connection, or a new one. None when reads must use the writer: no pool, or
    /// the path no longer leads to the file the writer has open (a new connection would read
    /// another file, or none).
    fn take(&self, identity: FileIdentity) -> Option<Connection> {
        let path = self.path.as_deref()?;
        if let Some(conn) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Some(conn);
        }
        if FileIdentity::of(path).ok()? != identity {
            return None;
        }
        let timeout = *self.busy_timeout.lock().unwrap_or_else(|p| p.into_inner());
        let open = || -> rusqlite::Result<Connection> {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(timeout)?;
            // As the writer's: what a read reports of the connection is the database's.
            conn.pragma_update(None, "foreign_keys", true)?;
            crate::audit::register_sql_hash(&conn)?;
            Ok(conn)
        };
        match open() {
            Ok(conn) => Some(conn),
            Err(e) => {
                tracing::warn!(error = %e, "a read connection could not be opened; reading on the writer's");
                None
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < Self::KEEP && conn.is_autocommit() {
            idle.push(conn);
        }
    }

    fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        *self.busy_timeout.lock().unwrap_or_else(|p| p.into_inner()) = timeout;
        for conn in self.idle.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            conn.busy_timeout(timeout)?;
        }
        Ok(())
    }
}

/// Which file a path leads to: device and inode on Unix. Elsewhere only whether the file is
/// there (Windows refuses to delete or move an open database, and a pulled stick fails every
/// write with an I/O error anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileIdentity(u64, u64);

impl FileIdentity {
    fn of(path: &Path) -> std::io::Result<FileIdentity> {
        let meta = std::fs::metadata(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Ok(FileIdentity(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Ok(FileIdentity(0, 0))
        }
    }
}

fn migrate(conn: &mut Connection, from: i64) -> Result<()> {
    let marked: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if marked != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    crate::audit::register_sql_hash(conn)?;
    for (index, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// How many more times a durable capture waits for the busy timeout before giving up.
const DURABLE_RETRIES: u32 = 3;

/// Opens a file read-only. A WAL file in a folder that cannot be written has no `-shm` to
/// share; SQLite can then still read it as immutable (nothing else can be writing there).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| on_open(path, e))?;
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            drop(conn);
            let mut uri = String::from("file:");
            for b in path.to_string_lossy().bytes() {
                if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
                    uri.push(b as char);
                } else {
                    uri.push_str(&format!("%{b:02X}"));
                }
            }
            Connection::open_with_flags(
                format!("{uri}?immutable=1"),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| on_open(path, e))
        }
        _ => Ok(conn),
    }
}

/// An error met while opening `path`, as a person should read it.
fn on_open(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => Error::NotADatabase {
            path: path.display().to_string(),
        },
        Some(C::DatabaseCorrupt) => Error::Damaged {
            path: path.display().to_string(),
            detail: String::new(),
        },
        _ => Error::from(e),
    }
}

/// The schema version this build writes: the number of migrations it knows.
pub fn latest_schema_version() -> i64 {
    migrations::latest()
}

/// The current time as stored in `created_at` / `updated_at` columns (RFC 3339, local offset).
pub(crate) fn now() -> String {
    clock::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
