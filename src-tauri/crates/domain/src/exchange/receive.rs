//! Receiving a package: first a plan of what it would add, change and find in conflict, shown
//! before anything is written (`--dry-run`, the window's preview); then the same plan, made
//! again inside one transaction, applied.
//!
//! The rule for each record, by its UUID:
//! - a record this workstation made itself (it is in `record_uid`): the same body is already
//!   here; a different body is a conflict. A workstation's own records are changed only by
//!   its own verbs, never by a package, so nothing of ours is overwritten;
//! - a record received before: the same body is already here; a newer body from the same
//!   workstation that sent it replaces it (only that workstation changes it); a different body
//!   from another workstation is a conflict;
//! - otherwise it is added.
//! A conflict keeps both sides (`exchange_conflict`) until a person chooses; the same conflict
//! found again is not recorded twice. The same package received twice changes nothing.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::identity::{fingerprint, Workstation};
use super::package::{self, Opened, Record};
use super::problem::PackageProblem;
use super::records::{self, canonical};
use crate::audit::{self, Change, Subject};
use crate::db::now;
use crate::error::{Error, Result};

/// One record of a plan, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedRecord {
    pub uid: String,
    pub kind: String,
    /// "Chuyên đề", "Ý kiến", …
    pub kind_label: String,
    /// What it is: a topic's title, a comment's words, a session's date.
    pub summary: String,
}

/// What receiving a package does (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivePlan {
    pub package: String,
    pub source_label: String,
    pub source_workstation: String,
    pub fingerprint: String,
    pub created_at: String,
    pub organisation_name: String,
    pub year: i32,
    /// This very package was received before: nothing to do.
    pub already_received: bool,
    pub added: Vec<PlannedRecord>,
    pub changed: Vec<PlannedRecord>,
    pub conflicts: Vec<PlannedRecord>,
    #[ts(type = "number")]
    pub unchanged: usize,
    #[ts(type = "number")]
    pub documents: usize,
    /// Written (false: a dry run).
    pub applied: bool,
}

enum Outcome {
    Unchanged,
    Added,
    Changed,
    /// Ours: where it is ('local' or 'received') and its body.
    Conflict(&'static str, String),
}

pub(crate) fn open_for(
    conn: &Connection,
    own: &Workstation,
    name: &str,
    bytes: &[u8],
) -> Result<Opened> {
    let opened = package::open(name, bytes, |workstation| known_key(conn, workstation))?;
    if opened.manifest.source.workstation == own.id {
        return Err(Error::Package(PackageProblem::OwnPackage {
            name: name.to_string(),
        }));
    }
    Ok(opened)
}

pub(crate) fn known_key(conn: &Connection, workstation: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT public_key FROM known_key WHERE workstation_uid = ?1",
            [workstation],
            |r| r.get(0),
        )
        .optional()?)
}

fn outcome(conn: &Connection, source: &str, record: &Record, theirs: &str) -> Result<Outcome> {
    let digest = audit::digest_of(theirs.as_bytes());
    let recorded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM exchange_conflict WHERE uid = ?1 AND theirs_digest = ?2)",
        params![record.uid, digest],
        |r| r.get(0),
    )?;
    if let Some((entity, id)) = records::local_of(conn, &record.uid)? {
        let kind = records::kind(&entity).ok_or(Error::NotFound {
            what: "loại bản ghi",
            id,
        })?;
        let ours = canonical(&records::body(conn, kind, id)?.1);
        return Ok(if ours == theirs || recorded {
            Outcome::Unchanged
        } else {
            Outcome::Conflict("local", ours)
        });
    }
    let held: Option<(String, String, String)> = conn
        .query_row(
            "SELECT source_workstation, digest, body FROM received_record WHERE uid = ?1",
            [&record.uid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match held {
        None => Outcome::Added,
        Some((_, held_digest, _)) if held_digest == digest => Outcome::Unchanged,
        Some((from, _, _)) if from == source => Outcome::Changed,
        Some(_) if recorded => Outcome::Unchanged,
        Some((_, _, body)) => Outcome::Conflict("received", body),
    })
}

/// The plan of receiving `opened`; with `apply`, written in the caller's transaction.
pub(crate) fn plan(conn: &Connection, opened: &Opened, apply: bool) -> Result<ReceivePlan> {
    let m = &opened.manifest;
    let mut plan = ReceivePlan {
        package: m.package.clone(),
        source_label: m.source.label.clone(),
        source_workstation: m.source.workstation.clone(),
        fingerprint: fingerprint(&m.source.public_key),
        created_at: m.created_at.clone(),
        organisation_name: m.scope.organisation_name.clone(),
        year: m.scope.year,
        already_received: conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM received_package WHERE package_uid = ?1)",
            [&m.package],
            |r| r.get(0),
        )?,
        added: Vec::new(),
        changed: Vec::new(),
        conflicts: Vec::new(),
        unchanged: 0,
        documents: 0,
        applied: false,
    };
    if plan.already_received {
        plan.unchanged = opened.records.len();
        return Ok(plan);
    }
    let package_id = if apply {
        conn.execute(
            "INSERT INTO received_package (package_uid, source_workstation, source_label, created_at,
                                           received_at, received_by, sha256, manifest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                m.package,
                m.source.workstation,
                m.source.label,
                m.created_at,
                now(),
                crate::settings::actor(conn)?,
                opened.sha256,
                String::from_utf8_lossy(&opened.manifest_bytes),
            ],
        )?;
        conn.last_insert_rowid()
    } else {
        0
    };
    let source = &m.source.workstation;
    // In the order people read a year: the organisation, its members, the plan, … the trail.
    let mut ordered: Vec<&Record> = opened.records.iter().collect();
    ordered.sort_by_key(|r| records::KINDS.iter().position(|k| k.name == r.kind));
    for record in ordered {
        let theirs = canonical(&record.body);
        let item = planned(record);
        let digest = audit::digest_of(theirs.as_bytes());
        match outcome(conn, source, record, &theirs)? {
            Outcome::Unchanged => plan.unchanged += 1,
            found @ (Outcome::Added | Outcome::Changed) => {
                if apply {
                    conn.execute(
                        "INSERT INTO received_record (uid, kind, source_workstation, body, digest, package_id, received_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT (uid) DO UPDATE SET body = excluded.body, digest = excluded.digest,
                             package_id = excluded.package_id, received_at = excluded.received_at",
                        params![record.uid, record.kind, source, theirs, digest, package_id, now()],
                    )?;
                }
                match found {
                    Outcome::Added => plan.added.push(item),
                    _ => plan.changed.push(item),
                }
            }
            Outcome::Conflict(ours_from, ours) => {
                if apply {
                    conn.execute(
                        "INSERT OR IGNORE INTO exchange_conflict (uid, kind, ours_from, ours_body, theirs_body, theirs_digest,
                                                        source_workstation, package_id, found_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        params![record.uid, record.kind, ours_from, ours, theirs, digest, source, package_id, now()],
                    )?;
                }
                plan.conflicts.push(item);
            }
        }
    }
    for (sha, bytes) in &opened.documents {
        let have: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM received_document WHERE sha256 = ?1)
                 OR EXISTS (SELECT 1 FROM outline_version WHERE sha256 = ?1)",
            [sha],
            |r| r.get(0),
        )?;
        if !have {
            plan.documents += 1;
            if apply {
                conn.execute(
                    "INSERT INTO received_document (sha256, bytes) VALUES (?1, ?2)",
                    params![sha, bytes],
                )?;
            }
        }
    }
    if apply {
        audit::record_digest(
            conn,
            Change::new(Subject::Package(package_id), "Nhận gói trao đổi").to(format!(
                "{} — {} năm {}: thêm {}, cập nhật {}, xung đột {}, đã có {}",
                m.source.label,
                m.scope.organisation_name,
                m.scope.year,
                plan.added.len(),
                plan.changed.len(),
                plan.conflicts.len(),
                plan.unchanged
            )),
            opened.sha256.clone(),
        )?;
        plan.applied = true;
    }
    Ok(plan)
}

/// A record's kind and what it is, in Vietnamese.
pub(crate) fn planned(record: &Record) -> PlannedRecord {
    let text = |field: &str| {
        record
            .body
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (label, summary) = match record.kind.as_str() {
        "organisation" => ("Tổ chức", text("name")),
        "member" => ("Đảng viên", text("full_name")),
        "plan" => (
            "Kế hoạch năm",
            record
                .body
                .get("year")
                .map(|y| y.to_string())
                .unwrap_or_default(),
        ),
        "topic" => ("Chuyên đề", text("title")),
        "outline_version" => ("Phiên bản đề cương", text("file_name")),
        "session" => ("Buổi sinh hoạt", day(&text("held_on"))),
        "session_guest" => ("Khách mời", text("full_name")),
        "comment" => ("Ý kiến", text("text")),
        "submission" => ("Trình cấp ủy duyệt", when(&text("submitted_at"))),
        "minutes_revision" => (
            "Biên bản",
            format!(
                "lần {}",
                record
                    .body
                    .get("revision")
                    .map(|r| r.to_string())
                    .unwrap_or_default()
            ),
        ),
        _ => (
            "Nhật ký thay đổi",
            format!("{}: {}", when(&text("at")), text("action")),
        ),
    };
    PlannedRecord {
        uid: record.uid.clone(),
        kind: record.kind.clone(),
        kind_label: label.to_string(),
        summary,
    }
}

/// "2025-04-20" as people write it: 20/04/2025.
pub(crate) fn day(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d") {
        Ok(d) => audit::date(d),
        Err(_) => iso.to_string(),
    }
}

/// An RFC 3339 time as people read it: 20/04/2025 16:05.
pub(crate) fn when(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.format("%d/%m/%Y %H:%M").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}
