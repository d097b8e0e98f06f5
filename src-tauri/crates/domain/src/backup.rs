//! Backups (bản sao lưu) and restore (khôi phục).
//!
//! A backup is taken with SQLite's online backup API through the open connection, inside one
//! read transaction: a consistent snapshot even while the window or the CLI keeps writing (WAL
//! readers do not block writers), with what is still in the `-wal` included — which copying the
//! file by hand misses. It is written beside its final name, switched to a self-contained
//! single file (rollback journal, no `-wal`), verified (integrity check, row counts equal to
//! the snapshot's), synced, then renamed into place and named with its date and time.
//!
//! The data folder keeps its own backups in `backups/`, in rotation: the newest of each of the
//! last 7 days, of the last 4 weeks and of the last 12 months. A backup taken just before a
//! restore is kept apart from the rotation (the last [`BEFORE_RESTORE_KEPT`] of them).
//!
//! Restoring goes through SQLite too: the backup's pages are copied into the live database in
//! one write transaction, so a leftover `-wal` or another open connection cannot mix old and
//! new pages. A database too damaged to open is set aside (renamed, with its `-wal` and
//! `-shm`), never overwritten, and the backup is written in its place.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, Local, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::db::{Database, APPLICATION_ID};
use crate::error::{Error, Result};
use crate::{fsutil, migrations, paths};

/// The folder, inside the data folder, that holds the automatic backups.
pub const BACKUP_FOLDER: &str = "backups";
/// How many backups of each period the rotation keeps.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;
/// Backups of the state just before a restore, kept apart from the rotation.
pub const BEFORE_RESTORE_KEPT: usize = 5;
/// An automatic backup at start-up is due when the newest is older than this.
pub const BACKUP_INTERVAL_HOURS: i64 = 24;

const PREFIX: &str = "chuyende-";
const BEFORE_RESTORE: &str = "-truoc-khoi-phuc";
const EXTENSION: &str = "sqlite3";
const STAMP: &str = "%Y-%m-%d-%H%M%S";

/// What a backup holds, counted, so that a person can recognise it before restoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupContents {
    pub organisations: i64,
    pub members: i64,
    pub topics: i64,
    pub outline_versions: i64,
    pub sessions: i64,
    pub comments: i64,
}

/// One backup file, as read back and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// When it was taken (from its name; the file's time when it was renamed by hand).
    #[ts(type = "string")]
    pub taken_at: NaiveDateTime,
    /// The same, as people read it: "30/11/2026 10:45".
    pub taken_at_label: String,
    pub size: i64,
    pub schema_version: i64,
    pub contents: BackupContents,
    /// Taken automatically just before a restore (the state that the restore replaced).
    pub before_restore: bool,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreOutcome {
    pub restored: BackupInfo,
    /// The backup of the state just before the restore, when the database could be read.
    pub previous_state: Option<BackupInfo>,
    /// Where a damaged database was set aside (renamed, never deleted).
    pub set_aside: Option<String>,
}

/// A data folder's backups, as the Settings screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupList {
    pub folder: String,
    /// Newest first, each read back (checked whole before a restore: [`read_backup`]).
    pub backups: Vec<BackupInfo>,
    /// Names of backup files that cannot be read as ours (not offered for restoring).
    pub damaged: Vec<String>,
}

/// The backups of `data_dir`'s rotation (and its before-restore ones).
pub fn backup_list(data_dir: &Path) -> Result<BackupList> {
    let folder = backup_folder(data_dir);
    let (backups, damaged) = list_backups(&folder)?;
    Ok(BackupList {
        folder: folder.display().to_string(),
        backups,
        damaged,
    })
}

/// The folder of a data folder's automatic backups.
pub fn backup_folder(data_dir: &Path) -> PathBuf {
    data_dir.join(BACKUP_FOLDER)
}

/// The name a backup taken at `at` gets.
pub fn backup_file_name(at: NaiveDateTime, before_restore: bool) -> String {
    let tag = if before_restore { BEFORE_RESTORE } else { "" };
    format!("{PREFIX}{}{tag}.{EXTENSION}", at.format(STAMP))
}

/// The time in a backup's name, and whether it is a before-restore one; None for other files.
fn parse_name(name: &str) -> Option<(NaiveDateTime, bool)> {
    let stem = name
        .strip_prefix(PREFIX)?
        .strip_suffix(EXTENSION)?
        .strip_suffix('.')?;
    let (stamp, before) = match stem.strip_suffix(BEFORE_RESTORE) {
        Some(s) => (s, true),
        None => (stem, false),
    };
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| (t, before))
}

fn label(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

fn count(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Ok(0);
    }
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
}

fn contents(conn: &Connection) -> rusqlite::Result<BackupContents> {
    Ok(BackupContents {
        organisations: count(conn, "organisation")?,
        members: count(conn, "member")?,
        topics: count(conn, "topic")?,
        outline_versions: count(conn, "outline_version")?,
        sessions: count(conn, "session")?,
        comments: count(conn, "comment")?,
    })
}

/// Opens a file for reading only, never writing to it, nor to anything beside it (`immutable`:
/// no `-shm`, no journal rolled back, no checkpoint).
fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Copies every page of `source` into `target` in one step (one read transaction on the
/// source, so a consistent snapshot; one write transaction on the target).
pub(crate) fn copy_all(source: &Connection, target: &mut Connection) -> rusqlite::Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(source, target)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Another connection holds a lock for a moment: wait as the busy timeout would.
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// How much of a backup file is read.
#[derive(Clone, Copy, PartialEq)]
enum Check {
    /// Its header, version and contents: what the list shows. Reading every page to check it
    /// took 0.3 s a backup at 30 cells (debug build) and the rotation keeps some 23, so the
    /// list does not; every backup was checked whole when it was taken, and is again before a
    /// restore relies on it.
    Glance,
    /// Also `PRAGMA integrity_check` and the foreign-key check, reading every page.
    Whole,
}

/// Reads a backup file and checks it whole before anyone relies on it: an SQLite file, ours,
/// not from a newer version, passing `PRAGMA integrity_check` and the foreign-key check. The
/// file is never written to. This is also what reads a file a person picks to restore from.
pub fn read_backup(path: &Path) -> Result<BackupInfo> {
    read_backup_as(path, Check::Whole)
}

fn read_backup_as(path: &Path, check: Check) -> Result<BackupInfo> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let refuse = |why: &str| Error::Backup {
        message: format!("Tệp {name} không dùng được để khôi phục: {why}."),
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(&fsutil::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(refuse("đây không phải là một tệp"));
    }
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| refuse(&fsutil::io_reason(&e)))?;
        if f.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
            return Err(refuse("đây không phải là bản sao lưu của Chuyên Đề"));
        }
    }
    let damaged = |_| refuse("tệp đã bị hỏng");
    let conn = open_untouched(path).map_err(damaged)?;
    let (application_id, schema_version): (i32, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(damaged)?;
    let has_our_tables = count(&conn, "organisation").is_ok()
        && ["organisation", "member", "setting"].iter().all(|t| {
            conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [t],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n == 1)
            .unwrap_or(false)
        });
    if !(application_id == APPLICATION_ID || (application_id == 0 && has_our_tables)) {
        return Err(refuse(
            "đây là cơ sở dữ liệu của chương trình khác, không phải của Chuyên Đề",
        ));
    }
    if schema_version > migrations::latest() {
        return Err(refuse(
            "bản sao lưu được tạo bởi phiên bản Chuyên Đề mới hơn; hãy cài phiên bản mới nhất",
        ));
    }
    if check == Check::Whole {
        let problems: Vec<String> = conn
            .prepare("PRAGMA integrity_check(5)")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(damaged)?;
        if problems != ["ok"] {
            return Err(refuse("tệp đã bị hỏng (kiểm tra toàn vẹn không đạt)"));
        }
        let orphans: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(damaged)?;
        if orphans > 0 {
            return Err(refuse(
                "tệp có dữ liệu không khớp nhau (kiểm tra khóa ngoại không đạt)",
            ));
        }
    }
    let contents = contents(&conn).map_err(damaged)?;
    let (taken_at, before_restore) = parse_name(&name).unwrap_or_else(|| {
        let modified = meta
            .modified()
            .map(|t| chrono::DateTime::<Local>::from(t).naive_local())
            .unwrap_or_default();
        (modified, false)
    });
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        taken_at,
        taken_at_label: label(taken_at),
        size: meta.len() as i64,
        schema_version,
        contents,
        before_restore,
    })
}

/// The backups in a folder, newest first, each read back (its header, version and contents;
/// the whole check is [`read_backup`]'s, before a restore). Files that are not backups are
/// ignored; one that cannot be read as ours is left out (and named in `damaged`).
pub fn list_backups(folder: &Path) -> Result<(Vec<BackupInfo>, Vec<String>)> {
    let mut good = Vec::new();
    let mut damaged = Vec::new();
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((good, damaged)),
        Err(e) => return Err(fsutil::write_error(folder, &e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if parse_name(&name).is_none() {
            continue;
        }
        match read_backup_as(&entry.path(), Check::Glance) {
            Ok(info) => good.push(info),
            Err(_) => damaged.push(name),
        }
    }
    good.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then(b.file_name.cmp(&a.file_name))
    });
    damaged.sort();
    Ok((good, damaged))
}

/// The newest backup of the rotation (not a before-restore one) that passes the whole check:
/// what a damaged database is offered to be restored from.
pub fn newest_restorable(folder: &Path) -> Result<Option<BackupInfo>> {
    let (listed, _) = list_backups(folder)?;
    Ok(listed
        .iter()
        .filter(|b| !b.before_restore)
        .find_map(|b| read_backup(Path::new(&b.path)).ok()))
}

/// Which of the rotated backups (not the before-restore ones) to delete: all but the newest of
/// each of the last 7 days, 4 weeks and 12 months that have a backup.
pub fn rotation_victims(mut taken: Vec<NaiveDateTime>) -> Vec<NaiveDateTime> {
    taken.sort_by(|a, b| b.cmp(a));
    let mut keep = HashSet::new();
    let mut periods = |key: &dyn Fn(&NaiveDateTime) -> (i32, u32), limit: usize| {
        let mut seen = Vec::new();
        for t in &taken {
            let k = key(t);
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                keep.insert(*t);
            }
        }
    };
    periods(&|t| (t.year(), t.ordinal()), KEEP_DAILY);
    periods(&|t| (t.iso_week().year(), t.iso_week().week()), KEEP_WEEKLY);
    periods(&|t| (t.year(), t.month()), KEEP_MONTHLY);
    taken.into_iter().filter(|t| !keep.contains(t)).collect()
}

/// Deletes the backups in `folder` the rotation no longer keeps. Returns how many.
pub fn rotate(folder: &Path) -> Result<usize> {
    let mut rotated = Vec::new();
    let mut before = Vec::new();
    for entry in std::fs::read_dir(folder)
        .map_err(|e| fsutil::write_error(folder, &e))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        match parse_name(&name) {
            Some((t, false)) => rotated.push((t, entry.path())),
            Some((t, true)) => before.push((t, entry.path())),
            None => {}
        }
    }
    let victims: HashSet<NaiveDateTime> =
        rotation_victims(rotated.iter().map(|(t, _)| *t).collect())
            .into_iter()
            .collect();
    before.sort_by(|a, b| b.0.cmp(&a.0));
    let mut removed = 0;
    for path in rotated
        .iter()
        .filter(|(t, _)| victims.contains(t))
        .map(|(_, p)| p)
        .chain(before.iter().skip(BEFORE_RESTORE_KEPT).map(|(_, p)| p))
    {
        if std::fs::remove_file(path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

impl Database {
    /// Writes a verified backup of the whole database to `target` (replaced atomically).
    /// Consistent while other connections write; does not block them.
    pub fn backup_to(&self, target: &Path) -> Result<BackupInfo> {
        fsutil::replace_with(target, |tmp| {
            self.read(|source| {
                let mut copy = Connection::open(tmp)?;
                // One read transaction: the counts and the copied pages are the same snapshot.
                source.execute_batch("BEGIN")?;
                let result = (|| {
                    let expected = contents(source)?;
                    copy_all(source, &mut copy)?;
                    Ok::<_, rusqlite::Error>(expected)
                })();
                source.execute_batch("COMMIT")?;
                let expected = result?;
                // A backup is one self-contained file: no -wal beside it to forget.
                copy.pragma_update(None, "journal_mode", "DELETE")?;
                let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
                let found = contents(&copy)?;
                copy.close().map_err(|(_, e)| e)?;
                if check != "ok" || found != expected {
                    return Err(Error::Backup {
                        message: format!(
                            "Bản sao lưu vừa ghi ra {} không khớp với dữ liệu (kiểm tra sau khi ghi không đạt); đã bỏ bản sao này. Hãy thử lại, hoặc ghi ra ổ đĩa khác.",
                            target.display()
                        ),
                    });
                }
                Ok(())
            })
        })?;
        read_backup(target)
    }

    /// A backup named with the current date and time, in `folder` (created if needed).
    pub fn backup_into(&self, folder: &Path) -> Result<BackupInfo> {
        self.backup_named(folder, false)
    }

    fn backup_named(&self, folder: &Path, before_restore: bool) -> Result<BackupInfo> {
        std::fs::create_dir_all(folder).map_err(|e| fsutil::write_error(folder, &e))?;
        let mut at = Local::now().naive_local();
        // Two backups in the same second (at exit right after one on demand) must not clash.
        while folder.join(backup_file_name(at, before_restore)).exists() {
            at += chrono::Duration::seconds(1);
        }
        self.backup_to(&folder.join(backup_file_name(at, before_restore)))
    }

    /// A backup into the data folder's rotation, then the rotation applied.
    pub fn backup_in_rotation(&self, data_dir: &Path) -> Result<BackupInfo> {
        let folder = backup_folder(data_dir);
        let info = self.backup_named(&folder, false)?;
        rotate(&folder)?;
        Ok(info)
    }

    /// At start-up: a backup when the newest of the rotation is older than a day. Returns the
    /// backup taken, if one was due.
    pub fn backup_if_due(&self, data_dir: &Path) -> Result<Option<BackupInfo>> {
        let folder = backup_folder(data_dir);
        let newest = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| parse_name(&e.file_name().to_string_lossy()))
            .filter(|(_, before)| !before)
            .map(|(t, _)| t)
            .max();
        let due = newest.is_none_or(|t| {
            Local::now().naive_local() - t >= chrono::Duration::hours(BACKUP_INTERVAL_HOURS)
        });
        if !due {
            return Ok(None);
        }
        self.backup_in_rotation(data_dir).map(Some)
    }

    /// Restores `backup` into this database: first a backup of the current state into
    /// `data_dir`'s backups (kept apart from the rotation), then the backup's pages copied in,
    /// in one write transaction, then the schema brought up to date (an older backup).
    pub fn restore_from(&self, backup: &Path, data_dir: &Path) -> Result<RestoreOutcome> {
        self.require(crate::permission::Action::RestoreBackup)?;
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        let restored = read_backup(backup)?;
        let previous = self.backup_named(&backup_folder(data_dir), true)?;
        let source = open_untouched(backup)?;
        self.replace_all(&source, restored.schema_version)?;
        // The accounts are now the backup's: the one signed in may not exist there, or be
        // another person's under the same id, or have another role. Whoever continues signs
        // in again against the restored accounts.
        self.sign_out();
        Ok(RestoreOutcome {
            restored,
            previous_state: Some(previous),
            set_aside: None,
        })
    }
}

/// Restores `backup` into the data folder whose database cannot be opened (damaged): the
/// damaged file is renamed with its `-wal` and `-shm` (kept for whoever wants to look at it,
/// never overwritten), and the backup written in its place.
pub fn restore_over_damaged(data_dir: &Path, backup: &Path) -> Result<RestoreOutcome> {
    let restored = read_backup(backup)?;
    let target = paths::database_path(data_dir);
    let stamp = Local::now().format("%Y-%m-%d-%H%M%S");
    let aside = data_dir.join(format!("{}.hong-{stamp}", paths::DATABASE_FILE));
    let mut set_aside = None;
    if target.exists() {
        std::fs::rename(&target, &aside).map_err(|e| fsutil::write_error(&target, &e))?;
        set_aside = Some(aside.display().to_string());
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = data_dir.join(format!("{}{suffix}", paths::DATABASE_FILE));
        if side.exists() {
            let to = data_dir.join(format!("{}.hong-{stamp}{suffix}", paths::DATABASE_FILE));
            std::fs::rename(&side, &to).map_err(|e| fsutil::write_error(&side, &e))?;
        }
    }
    fsutil::replace_with(&target, |tmp| {
        let source = open_untouched(backup)?;
        let mut copy = Connection::open(tmp)?;
        copy_all(&source, &mut copy)?;
        copy.close().map_err(|(_, e)| e)?;
        Ok(())
    })?;
    // Opening it migrates an older backup and checks it like any start.
    Database::open(&target)?;
    Ok(RestoreOutcome {
        restored,
        previous_state: None,
        set_aside,
    })
}

/// A text dump of every row of every table (blobs by their SHA-256), in a stable order, with
/// the schema version: two databases holding the same data give the same dump. Reads the file
/// as SQLite sees it, `-wal` included; writes nothing.
pub fn dump(path: &Path) -> Result<String> {
    dump_connection(&crate::db::open_read_only(path)?)
}

pub(crate) fn dump_connection(conn: &Connection) -> Result<String> {
    use rusqlite::types::ValueRef;
    let mut out = String::new();
    let (version, app): (i64, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT application_id FROM pragma_application_id)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    out.push_str(&format!("user_version {version}\napplication_id {app}\n"));
    let tables: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, ifnull(sql, '') FROM sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, sql) in tables {
        if sql.starts_with("CREATE VIRTUAL TABLE") {
            continue; // its rows live in its shadow tables, dumped as tables
        }
        out.push_str(&format!("table {table}\n"));
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..columns {
                    let cell = match r.get_ref(i)? {
                        ValueRef::Null => "NULL".to_string(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => format!("{x:?}"),
                        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                        ValueRef::Blob(b) => format!(
                            "blob:{}",
                            Sha256::digest(b)
                                .iter()
                                .map(|b| format!("{b:02x}"))
                                .collect::<String>()
                        ),
                    };
                    line.push_str(&cell);
                    line.push('|');
                }
                Ok(line)
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    Ok(out)
}
