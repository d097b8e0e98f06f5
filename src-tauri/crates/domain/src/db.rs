//! The one place that opens the database: one SQLite file, WAL, foreign keys on, a busy timeout,
//! migrations applied in order. A file written by a newer Chuyên Đề is refused before anything is
//! written to it (even switching to WAL writes the header).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::migrations::{self, MIGRATIONS};
use crate::paths;

/// The database of one data folder. Cheap to share behind an `Arc`; every call takes the
/// connection for its duration, so callers in async code run it on a blocking thread.
pub struct Database {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl Database {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_in(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.display().to_string(),
            source: source.into(),
        })?;
        Self::open(&paths::database_path(data_dir))
    }

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;

        let not_a_db = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.display().to_string(),
            },
            _ => Error::from(e),
        };
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_a_db)?;
        if found > migrations::latest() {
            return Err(Error::NewerSchema {
                found,
                supported: migrations::latest(),
            });
        }

        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_a_db)?;
        // NORMAL is durable across application crashes in WAL mode; a power cut can lose the
        // last transactions but never corrupts the file.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut db = Database {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
        };
        db.migrate(found)?;
        Ok(db)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let conn = self.conn.get_mut().unwrap_or_else(|p| p.into_inner());
        for (index, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))
    }

    /// Runs read-only work on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    /// Like [`Database::write`], synced to disk before it returns (`synchronous = FULL` for
    /// this transaction): for what people type live in a meeting, which must survive a power
    /// cut, not only a crash of the app.
    pub fn write_durable<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        result
    }

    /// Runs `f` in one immediate transaction: committed when it returns `Ok`, rolled back, with
    /// nothing changed, when it returns `Err`. Every change to the data goes through here.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The schema version this build writes: the number of migrations it knows.
pub fn latest_schema_version() -> i64 {
    migrations::latest()
}

/// The current time as stored in `created_at` / `updated_at` columns (RFC 3339, local offset).
pub(crate) fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}
