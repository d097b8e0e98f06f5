//! Checking the trail (`chuyende verify`, and the window at start): every entry's hash against
//! its fields, every entry's link to the one before, the head against the newest entry, and
//! every outline original against the SHA-256 recorded when it was imported, and what each
//! approval locked against the digest recorded at decision time.
//!
//! What it shows: a change made to the file with another tool (sqlite3, after dropping the
//! triggers) that edits, removes, inserts or reorders entries, or edits a stored original. What
//! it cannot show alone: someone who rewrites the whole trail after the change and recomputes
//! every hash with this module's public encoding — only a copy of an earlier head kept
//! elsewhere (a backup, a printed document) reveals that.

use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::chain::{self, Entry, GENESIS};
use crate::db::Database;
use crate::error::Result;

/// How much a check may look at. The full check (`chuyende verify`) has no bounds; the window's
/// check at start looks at the newest entries and originals for a few seconds at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The newest this many entries (and the head).
    pub entries: Option<u64>,
    /// The newest this many outline versions.
    pub originals: Option<u64>,
    /// The newest this many approvals' locked records (their digests recomputed).
    pub locks: Option<u64>,
    /// Stops when this much time has gone, saying what it did not reach.
    pub time: Option<Duration>,
}

impl Limits {
    pub const FULL: Limits = Limits {
        entries: None,
        originals: None,
        locks: None,
        time: None,
    };

    /// The window's check at start: bounded, so a large database does not keep a core busy.
    pub const AT_START: Limits = Limits {
        entries: Some(50_000),
        originals: Some(200),
        locks: Some(200),
        time: Some(Duration::from_secs(5)),
    };
}

/// Something the check found that the app did not write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tampering {
    /// The entry's fields do not give its hash: edited, or moved to another place.
    EntryAltered { id: i64 },
    /// Entries `first`..=`last` are gone from the middle or the start of the trail.
    EntriesMissing { first: i64, last: i64 },
    /// The entry does not name the one before it: an entry before it was inserted, removed or
    /// moved.
    LinkBroken { id: i64 },
    /// The trail ends before the newest entry the app wrote: entries removed at the end.
    EntriesRemovedAtEnd { last_id: i64, head_id: i64 },
    /// Entries after the newest one the app wrote: added with another tool.
    EntriesAddedAtEnd { first: i64, last: i64 },
    /// The record of the newest entry is gone.
    HeadMissing,
    /// An outline original no longer has the SHA-256 (or size) it was imported with.
    OriginalAltered {
        version_id: i64,
        topic_id: i64,
        /// The topic's title, as the message names it.
        topic_title: String,
        number: i64,
        file_name: String,
    },
    /// An outline version whose SHA-256 no import in the trail recorded: added or rewritten
    /// with another tool.
    VersionNotInTrail {
        version_id: i64,
        topic_id: i64,
        /// The topic's title, as the message names it.
        topic_title: String,
        number: i64,
        file_name: String,
    },
    /// What an approval locked (the version, its session record, comments, answers, signed
    /// minutes, the decision) no longer gives the digest recorded at decision time, or that
    /// digest is not the one the trail recorded (see [`crate::approval::locked_digest`]).
    LockedRecordsAltered {
        submission_id: i64,
        topic_id: i64,
        number: i64,
        /// What [`crate::approval::LockMismatch`] says, in Vietnamese.
        detail: String,
    },
}

impl Tampering {
    /// The entry this finding names, for "the first broken entry".
    pub fn entry_id(&self) -> Option<i64> {
        match self {
            Tampering::EntryAltered { id } | Tampering::LinkBroken { id } => Some(*id),
            Tampering::EntriesMissing { first, .. }
            | Tampering::EntriesAddedAtEnd { first, .. } => Some(*first),
            Tampering::EntriesRemovedAtEnd { last_id, .. } => Some(last_id + 1),
            _ => None,
        }
    }

    /// What was found, in Vietnamese, for the window's banner and the CLI.
    pub fn message(&self) -> String {
        match self {
            Tampering::EntryAltered { id } => format!(
                "Mục số {id} của nhật ký thay đổi đã bị sửa hoặc bị chuyển chỗ (nội dung không khớp với mã băm của nó)."
            ),
            Tampering::EntriesMissing { first, last } if first == last => {
                format!("Mục số {first} của nhật ký thay đổi đã bị xoá.")
            }
            Tampering::EntriesMissing { first, last } => {
                format!("Các mục số {first} đến {last} của nhật ký thay đổi đã bị xoá.")
            }
            Tampering::LinkBroken { id } => format!(
                "Mục số {id} của nhật ký thay đổi không nối tiếp mục trước nó: có mục đã bị chèn, xoá hoặc đổi chỗ ngay trước nó."
            ),
            Tampering::EntriesRemovedAtEnd { last_id, head_id } => format!(
                "Nhật ký thay đổi dừng ở mục số {last_id} trong khi ứng dụng đã ghi đến mục số {head_id}: các mục cuối đã bị xoá."
            ),
            Tampering::EntriesAddedAtEnd { first, last } => format!(
                "Các mục số {first} đến {last} của nhật ký thay đổi không do ứng dụng ghi (được thêm bằng công cụ khác)."
            ),
            Tampering::HeadMissing => {
                "Dấu mốc mục mới nhất của nhật ký thay đổi đã bị xoá.".to_string()
            }
            Tampering::OriginalAltered {
                topic_title,
                number,
                file_name,
                ..
            } => format!(
                "Tệp gốc của đề cương phiên bản {number} ({file_name}) của chuyên đề “{topic_title}” đã bị thay đổi: mã SHA-256 không còn khớp với lúc nhập."
            ),
            Tampering::VersionNotInTrail {
                topic_title,
                number,
                file_name,
                ..
            } => format!(
                "Đề cương phiên bản {number} ({file_name}) của chuyên đề “{topic_title}” không có trong nhật ký thay đổi: nó đã được thêm hoặc sửa bằng công cụ khác."
            ),
            Tampering::LockedRecordsAltered { detail, .. } => detail.clone(),
        }
    }
}

/// One finding with its message, as the window and `chuyende verify --json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub tampering: Tampering,
    pub message: String,
}

/// What a check looked at and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrailReport {
    pub entries_total: i64,
    pub entries_checked: i64,
    pub originals_total: i64,
    pub originals_checked: i64,
    /// False when a limit stopped the check before it looked at everything.
    pub complete: bool,
    /// The first entry found broken, if any.
    pub first_broken_entry: Option<i64>,
    pub findings: Vec<Finding>,
    /// The report in one Vietnamese paragraph: what was checked, and what was found.
    pub summary: String,
}

impl TrailReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }

    fn compose_summary(&self) -> String {
        let scope = format!(
            "Đã kiểm tra {} trên {} mục nhật ký thay đổi và {} trên {} tệp gốc đề cương{}.",
            self.entries_checked,
            self.entries_total,
            self.originals_checked,
            self.originals_total,
            if self.complete {
                ""
            } else {
                " (kiểm tra nhanh khi khởi động; chạy `chuyende verify` để kiểm tra toàn bộ)"
            }
        );
        match self.first_broken_entry {
            _ if self.is_intact() => format!("Dữ liệu nguyên vẹn. {scope}"),
            Some(id) => format!(
                "Dữ liệu đã bị thay đổi ngoài ứng dụng: mục hỏng đầu tiên của nhật ký là mục số {id}. {scope}"
            ),
            None => format!("Dữ liệu đã bị thay đổi ngoài ứng dụng. {scope}"),
        }
    }
}

impl Database {
    /// Checks the trail and the stored originals through a connection of its own (read-only),
    /// so a long check does not hold up the window's writes.
    pub fn verify_trail(&self, limits: Limits) -> Result<TrailReport> {
        let conn = crate::db::open_read_only(self.path())?;
        conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
        // One snapshot: the trail and the originals as of the same moment.
        conn.execute_batch("BEGIN")?;
        let report = verify(&conn, limits);
        conn.execute_batch("COMMIT")?;
        report
    }
}

/// The check itself, over any connection to the file.
pub fn verify(conn: &Connection, limits: Limits) -> Result<TrailReport> {
    let started = Instant::now();
    let out_of_time = || limits.time.is_some_and(|t| started.elapsed() >= t);
    let mut findings = Vec::new();
    let mut complete = true;

    let (entries_total, newest): (i64, i64) = conn.query_row(
        "SELECT count(*), ifnull(max(id), 0) FROM audit_event",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let first_id = match limits.entries {
        Some(n) if (n as i64) < newest => {
            complete = false;
            newest - n as i64 + 1
        }
        _ => 1,
    };

    // The chain, oldest first from where the check starts. Starting past the first entry, the
    // first entry looked at is taken at its word for the hash before it.
    let mut entries_checked = 0;
    let mut stmt = conn.prepare(
        "SELECT id, prev_hash, at, actor, entity, entity_id, action, from_text, to_text, reason,
                from_state, to_state, digest, hash
           FROM audit_event WHERE id >= ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([first_id])?;
    let mut previous: Option<(i64, String)> = (first_id == 1).then(|| (0, GENESIS.to_string()));
    while let Some(r) = rows.next()? {
        if out_of_time() {
            complete = false;
            break;
        }
        let entry = Entry {
            id: r.get(0)?,
            prev_hash: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            action: r.get(6)?,
            from_text: r.get(7)?,
            to_text: r.get(8)?,
            reason: r.get(9)?,
            from_state: r.get(10)?,
            to_state: r.get(11)?,
            digest: r.get(12)?,
        };
        let hash: String = r.get(13)?;
        entries_checked += 1;
        if let Some((previous_id, previous_hash)) = &previous {
            if entry.id > previous_id + 1 {
                findings.push(Tampering::EntriesMissing {
                    first: previous_id + 1,
                    last: entry.id - 1,
                });
            } else if &entry.prev_hash != previous_hash {
                findings.push(Tampering::LinkBroken { id: entry.id });
            }
        }
        if entry.hash() != hash {
            findings.push(Tampering::EntryAltered { id: entry.id });
        }
        previous = Some((entry.id, hash));
    }
    drop(rows);

    // The head: the newest entry the app wrote.
    let head: Option<(i64, String)> = conn
        .query_row("SELECT last_id, hash FROM audit_head", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match head {
        None => findings.push(Tampering::HeadMissing),
        Some((head_id, head_hash)) => {
            if newest < head_id {
                findings.push(Tampering::EntriesRemovedAtEnd {
                    last_id: newest,
                    head_id,
                });
            } else if newest > head_id {
                findings.push(Tampering::EntriesAddedAtEnd {
                    first: head_id + 1,
                    last: newest,
                });
            } else if head_id > 0 {
                let newest_hash: String = conn.query_row(
                    "SELECT hash FROM audit_event WHERE id = ?1",
                    [head_id],
                    |r| r.get(0),
                )?;
                if newest_hash != head_hash {
                    findings.push(Tampering::EntryAltered { id: head_id });
                }
            }
        }
    }

    // The originals, newest first.
    let originals_total: i64 =
        conn.query_row("SELECT count(*) FROM outline_version", [], |r| r.get(0))?;
    let mut originals_checked = 0;
    let mut stmt = conn.prepare(
        "SELECT id, topic_id, number, file_name, size, sha256, original,
                EXISTS (SELECT 1 FROM audit_event a
                         WHERE a.digest = v.sha256 AND a.entity = 'topic' AND a.entity_id = v.topic_id),
                ifnull((SELECT title FROM topic t WHERE t.id = v.topic_id), '')
           FROM outline_version v ORDER BY id DESC LIMIT ?1",
    )?;
    let mut rows = stmt.query([limits.originals.map_or(-1, |n| n as i64)])?;
    while let Some(r) = rows.next()? {
        if out_of_time() {
            break;
        }
        let version_id: i64 = r.get(0)?;
        let topic_id: i64 = r.get(1)?;
        let number: i64 = r.get(2)?;
        let file_name: String = r.get(3)?;
        let size: i64 = r.get(4)?;
        let sha256: String = r.get(5)?;
        let original = r.get_ref(6)?.as_blob().unwrap_or_default();
        let in_trail: bool = r.get(7)?;
        let topic_title: String = r.get(8)?;
        originals_checked += 1;
        if original.len() as i64 != size || chain::sha256_hex(original) != sha256 {
            findings.push(Tampering::OriginalAltered {
                version_id,
                topic_id,
                topic_title,
                number,
                file_name,
            });
        } else if !in_trail {
            findings.push(Tampering::VersionNotInTrail {
                version_id,
                topic_id,
                topic_title,
                number,
                file_name,
            });
        }
    }
    if originals_checked < originals_total {
        complete = false;
    }
    // What approvals locked, against the digest recorded at decision time (and in the trail).
    let (mismatches, all_locks) =
        crate::approval::check_newest_locks(conn, limits.locks, &out_of_time)?;
    complete &= all_locks;
    for lock in mismatches {
        findings.push(Tampering::LockedRecordsAltered {
            submission_id: lock.submission_id.0,
            topic_id: lock.topic_id.0,
            number: lock.version_number,
            detail: lock.to_string(),
        });
    }

    let first_broken_entry = findings.iter().filter_map(Tampering::entry_id).min();
    let mut report = TrailReport {
        entries_total,
        entries_checked,
        originals_total,
        originals_checked,
        complete,
        first_broken_entry,
        findings: findings
            .into_iter()
            .map(|tampering| Finding {
                message: tampering.message(),
                tampering,
            })
            .collect(),
        summary: String::new(),
    };
    report.summary = report.compose_summary();
    Ok(report)
}
