//! A topic's timeline: every version, the draft's passing, each session where it was presented
//! (with the number of comments on it), each answer, each submission and each decision, with
//! who and when, in one column, oldest first. Drawn from the records themselves and, for the
//! steps that leave no record of their own, from the audit trail.

use chrono::{DateTime, NaiveDate, NaiveTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::approval::{self, Outcome};
use crate::audit::{self, Subject};
use crate::db::Database;
use crate::error::Result;
use crate::topic::TopicId;
use crate::topic_state::Transition;

/// What a line of the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Version,
    /// A step of the cycle with no record of its own (drafting started, the draft passed, …).
    Step,
    Session,
    Answer,
    Submission,
    Approved,
    Returned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    pub kind: TimelineKind,
    /// When, for ordering (RFC 3339, or a date and time for a session).
    pub at: String,
    /// When, as people read it: "20/04/2025 14:00".
    pub when: String,
    pub who: String,
    pub title: String,
    pub detail: Option<String>,
}

fn when_of(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// A line, and the order the app wrote it in (its entry in the topic's trail), which breaks
/// ties between what happened within the same second.
fn entry(
    seq: i64,
    kind: TimelineKind,
    at: String,
    who: String,
    title: String,
    detail: Option<String>,
) -> (i64, TimelineEntry) {
    let when = when_of(&at);
    (
        seq,
        TimelineEntry {
            kind,
            at,
            when,
            who,
            title,
            detail,
        },
    )
}

/// The steps the trail alone tells (the others have records of their own, read below).
const STEPS_FROM_THE_TRAIL: [Transition; 6] = [
    Transition::StartDrafting,
    Transition::MarkReady,
    Transition::CompleteRevision,
    Transition::Postpone,
    Transition::Cancel,
    Transition::Correct,
];

/// The topic's trail entries (id, action, to), in the order written: the n-th record of a
/// kind is matched with the n-th entry of its action.
struct Trail(Vec<(i64, String, Option<String>)>);

impl Trail {
    fn read(conn: &Connection, topic: TopicId) -> Result<Trail> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, action, to_text FROM audit_event WHERE entity = 'topic' AND entity_id = ?1
              ORDER BY id",
        )?;
        let rows = stmt.query_map([topic.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(Trail(rows.collect::<rusqlite::Result<Vec<_>>>()?))
    }

    /// The id of the `n`-th entry (0-based) whose action is one of `actions`.
    fn nth(&self, actions: &[&str], n: usize) -> i64 {
        self.0
            .iter()
            .filter(|e| actions.contains(&e.1.as_str()))
            .nth(n)
            .map_or(i64::MAX, |e| e.0)
    }

    /// The id of the import of version `number`.
    fn import_of(&self, number: i64) -> i64 {
        let prefix = format!("Phiên bản {number}:");
        self.0
            .iter()
            .find(|e| {
                e.1 == "Nhập đề cương" && e.2.as_deref().is_some_and(|t| t.starts_with(&prefix))
            })
            .map_or(i64::MAX, |e| e.0)
    }
}

pub(crate) fn of_topic(conn: &Connection, topic: TopicId) -> Result<Vec<TimelineEntry>> {
    let trail = Trail::read(conn, topic)?;
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT number, file_name, imported_by, imported_at, note, sha256 FROM outline_version
          WHERE topic_id = ?1 ORDER BY number",
    )?;
    let mut rows = stmt.query([topic.0])?;
    while let Some(r) = rows.next()? {
        let number: i64 = r.get(0)?;
        let file_name: String = r.get(1)?;
        let note: String = r.get(4)?;
        let sha: String = r.get(5)?;
        out.push(entry(
            trail.import_of(number),
            TimelineKind::Version,
            r.get(3)?,
            r.get(2)?,
            format!("Phiên bản {number}: {file_name}"),
            Some(if note.is_empty() {
                format!("SHA-256 {sha}")
            } else {
                format!("{note} — SHA-256 {sha}")
            }),
        ));
    }

    let history = audit::history(conn, Subject::Topic(topic.0))?;
    for (e, (id, ..)) in history.into_iter().zip(&trail.0) {
        if STEPS_FROM_THE_TRAIL.iter().any(|s| s.label() == e.action) {
            let detail = match (e.to, e.reason) {
                (Some(to), Some(why)) => Some(format!("{to} — lý do: {why}")),
                (to, why) => to.or(why),
            };
            out.push(entry(
                *id,
                TimelineKind::Step,
                e.at,
                e.actor,
                e.action,
                detail,
            ));
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT s.held_on, s.starts_at, s.place, v.number,
                (SELECT count(*) FROM comment c WHERE c.session_id = s.id AND c.topic_id = st.topic_id
                  AND c.withdrawn_at IS NULL),
                ifnull(m.full_name, '')
           FROM session_topic st JOIN session s ON s.id = st.session_id
           LEFT JOIN outline_version v ON v.id = st.outline_version_id
           LEFT JOIN member m ON m.id = s.chair_id
          WHERE st.topic_id = ?1 ORDER BY s.held_on, s.id",
    )?;
    let mut rows = stmt.query([topic.0])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let held_on: NaiveDate = r.get(0)?;
        let starts_at: NaiveTime = r.get(1)?;
        let place: String = r.get(2)?;
        let version: Option<i64> = r.get(3)?;
        let comments: i64 = r.get(4)?;
        let chair: String = r.get(5)?;
        let at = held_on.and_time(starts_at);
        out.push((
            trail.nth(&[Transition::RecordDiscussion.label()], n),
            TimelineEntry {
                kind: TimelineKind::Session,
                at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                when: at.format("%d/%m/%Y %H:%M").to_string(),
                who: if chair.is_empty() {
                    String::new()
                } else {
                    format!("Chủ trì: {chair}")
                },
                title: format!(
                    "Sinh hoạt chuyên đề{}",
                    version
                        .map(|n| format!(", trình bày phiên bản {n}"))
                        .unwrap_or_default()
                ),
                detail: Some(format!(
                    "{comments} ý kiến{}",
                    if place.is_empty() {
                        String::new()
                    } else {
                        format!(" — {place}")
                    }
                )),
            },
        ));
        n += 1;
    }

    let mut stmt = conn.prepare_cached(
        "SELECT c.answered_at, ifnull(c.answered_by, ''), c.answer_kind, v.number,
                ifnull(m.full_name, g.full_name), c.answer_text
           FROM comment c LEFT JOIN member m ON m.id = c.speaker_id
           LEFT JOIN session_guest g ON g.id = c.guest_id
           LEFT JOIN outline_version v ON v.id = c.answer_version_id
          WHERE c.topic_id = ?1 AND c.answered_at IS NOT NULL ORDER BY c.answered_at, c.id",
    )?;
    let mut rows = stmt.query([topic.0])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        let number: Option<i64> = r.get(3)?;
        let speaker: Option<String> = r.get(4)?;
        let text: Option<String> = r.get(5)?;
        let how = match (kind.as_str(), number) {
            ("incorporated", Some(n)) => format!("Tiếp thu vào phiên bản {n}"),
            ("incorporated", None) => "Tiếp thu".to_string(),
            _ => "Giải trình".to_string(),
        };
        out.push(entry(
            trail.nth(&["Trả lời ý kiến"], n),
            TimelineKind::Answer,
            r.get(0)?,
            r.get(1)?,
            format!("{how} ý kiến của đồng chí {}", speaker.unwrap_or_default()),
            text.filter(|t| !t.trim().is_empty()),
        ));
        n += 1;
    }

    let decisions = [Transition::Approve.label(), Transition::Return.label()];
    let mut decided = 0;
    for (n, s) in approval::of_topic(conn, topic)?.into_iter().enumerate() {
        out.push(entry(
            trail.nth(&[Transition::Submit.label()], n),
            TimelineKind::Submission,
            s.submitted_at.clone(),
            s.submitted_by.clone(),
            format!("Trình cấp ủy phiên bản {}", s.version_number),
            Some(format!("{} SHA-256 {}", s.summary, s.version_sha256)),
        ));
        if let Some(d) = s.decision {
            let meeting = d
                .meeting_on
                .map(|m| format!("họp cấp ủy ngày {}", m.format("%d/%m/%Y")));
            let signer = d
                .signer
                .map(|g| format!("{} {} {}", g.on_behalf, g.title, g.full_name));
            let mut detail: Vec<String> = meeting.into_iter().chain(signer).collect();
            if let Some(reasons) = d.reasons {
                detail.push(format!("lý do: {reasons}"));
            }
            let (kind, verb) = match d.outcome {
                Outcome::Approved => (TimelineKind::Approved, "duyệt"),
                Outcome::Returned => (TimelineKind::Returned, "trả lại"),
            };
            out.push(entry(
                trail.nth(&decisions, decided),
                kind,
                d.decided_at,
                d.decided_by,
                format!("Cấp ủy {verb} phiên bản {}", s.version_number),
                (!detail.is_empty()).then(|| detail.join("; ")),
            ));
            decided += 1;
        }
    }
    // By time to the second, then in the order the app wrote them.
    out.sort_by(|a, b| (a.1.at.get(..19), a.0).cmp(&(b.1.at.get(..19), b.0)));
    Ok(out.into_iter().map(|(_, e)| e).collect())
}

impl Database {
    /// A topic's timeline, oldest first.
    pub fn topic_timeline(&self, topic: TopicId) -> Result<Vec<TimelineEntry>> {
        self.read(|c| {
            crate::topic::get(c, topic, crate::clock::today())?;
            of_topic(c, topic)
        })
    }
}
