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

fn entry(
    kind: TimelineKind,
    at: String,
    who: String,
    title: String,
    detail: Option<String>,
) -> TimelineEntry {
    TimelineEntry {
        kind,
        when: when_of(&at),
        at,
        who,
        title,
        detail,
    }
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

pub(crate) fn of_topic(conn: &Connection, topic: TopicId) -> Result<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT number, file_name, imported_by, imported_at, note, sha256 FROM outline_version
          WHERE topic_id = ?1 ORDER BY number",
    )?;
    let mut rows = stmt.query([topic.0])?;
    while let Some(r) = rows.next()? {
        let note: String = r.get(4)?;
        let sha: String = r.get(5)?;
        out.push(entry(
            TimelineKind::Version,
            r.get(3)?,
            r.get(2)?,
            format!(
                "Phiên bản {}: {}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?
            ),
            Some(if note.is_empty() {
                format!("SHA-256 {sha}")
            } else {
                format!("{note} — SHA-256 {sha}")
            }),
        ));
    }

    for e in audit::history(conn, Subject::Topic(topic.0))? {
        if STEPS_FROM_THE_TRAIL.iter().any(|s| s.label() == e.action) {
            let detail = match (e.to, e.reason) {
                (Some(to), Some(why)) => Some(format!("{to} — lý do: {why}")),
                (to, why) => to.or(why),
            };
            out.push(entry(TimelineKind::Step, e.at, e.actor, e.action, detail));
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT s.held_on, s.starts_at, s.place, v.number,
                (SELECT count(*) FROM comment c WHERE c.session_id = s.id AND c.topic_id = st.topic_id),
                ifnull(m.full_name, '')
           FROM session_topic st JOIN session s ON s.id = st.session_id
           LEFT JOIN outline_version v ON v.id = st.outline_version_id
           LEFT JOIN member m ON m.id = s.chair_id
          WHERE st.topic_id = ?1 ORDER BY s.held_on, s.id",
    )?;
    let mut rows = stmt.query([topic.0])?;
    while let Some(r) = rows.next()? {
        let held_on: NaiveDate = r.get(0)?;
        let starts_at: NaiveTime = r.get(1)?;
        let place: String = r.get(2)?;
        let version: Option<i64> = r.get(3)?;
        let comments: i64 = r.get(4)?;
        let chair: String = r.get(5)?;
        let at = held_on.and_time(starts_at);
        out.push(TimelineEntry {
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
        });
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
            TimelineKind::Answer,
            r.get(0)?,
            r.get(1)?,
            format!("{how} ý kiến của đồng chí {}", speaker.unwrap_or_default()),
            text.filter(|t| !t.trim().is_empty()),
        ));
    }

    for s in approval::of_topic(conn, topic)? {
        out.push(entry(
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
            out.push(entry(
                match d.outcome {
                    Outcome::Approved => TimelineKind::Approved,
                    Outcome::Returned => TimelineKind::Returned,
                },
                d.decided_at,
                d.decided_by,
                format!(
                    "Cấp ủy {} phiên bản {}",
                    match d.outcome {
                        Outcome::Approved => "duyệt",
                        Outcome::Returned => "trả lại",
                    },
                    s.version_number
                ),
                (!detail.is_empty()).then(|| detail.join("; ")),
            ));
        }
    }
    // Stable: what happened at the same second keeps the order it was read in (versions,
    // steps, sessions, answers, submissions).
    out.sort_by(|a, b| a.at.get(..19).cmp(&b.at.get(..19)));
    Ok(out)
}

impl Database {
    /// A topic's timeline, oldest first.
    pub fn topic_timeline(&self, topic: TopicId) -> Result<Vec<TimelineEntry>> {
        self.read(|c| {
            crate::topic::get(c, topic, chrono::Local::now().date_naive())?;
            of_topic(c, topic)
        })
    }
}
