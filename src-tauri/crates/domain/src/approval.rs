//! The committee's approval (*trình cấp ủy duyệt*; *duyệt* or *trả lại*): what a submission
//! and a decision record, what an approval locks, and the digest that lets the locked records
//! be checked later. The steps themselves (submit, decide) are verbs of [`crate::cycle`], the
//! only mover of a topic's state; this module writes and reads their records.
//!
//! The lock: when the committee approves, the sessions where the topic was presented are
//! named in `approval_lock_session`, and migration 10's triggers refuse from then on any UPDATE
//! or DELETE of those sessions' record (the session row, attendance, topics presented, guests,
//! the vote) and of the topic's comments and answers in them (and of the comments about no
//! topic). The approved version was immutable already, and so were signed minutes. The SHA-256
//! of a canonical encoding of all of it ([`locked_digest`]) is kept in `approval_lock`: a
//! record changed behind the triggers' back (say, by someone who dropped them) no longer
//! matches ([`check_locks`]).

use chrono::NaiveDate;
use rusqlite::{params, types::ValueRef, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::audit::{self, digest_of as sha256_hex, Change, Subject};
use crate::cycle::{Decision, Refusal};
use crate::db::{now, Database};
use crate::error::Result;
use crate::member::MemberId;
use crate::organisation::{self, OrganisationId, Placement};
use crate::outline::OutlineVersionId;
use crate::topic::TopicId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct SubmissionId(pub i64);

/// What the committee decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Duyệt.
    Approved,
    /// Trả lại.
    Returned,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Returned => "returned",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Outcome::Approved, Outcome::Returned]
            .into_iter()
            .find(|o| o.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Approved => "Duyệt",
            Outcome::Returned => "Trả lại",
        }
    }
}

/// What the decision dialog sends: the committee's meeting, who took part, who signs, the
/// version decided on (by SHA-256, as the dialog showed it), and the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommitteeDecision {
    pub meeting_on: NaiveDate,
    pub participant_ids: Vec<MemberId>,
    pub signer_id: MemberId,
    pub version_sha256: String,
    pub decision: Decision,
}

/// Who signs on the committee's behalf, as printed: "T/M CHI ỦY", "BÍ THƯ", the full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signer {
    pub on_behalf: String,
    pub title: String,
    pub full_name: String,
}

/// A committee member who took part, with the position held then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub member_id: MemberId,
    pub full_name: String,
    pub position: String,
}

/// The committee's decision on a submission, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionRecord {
    pub outcome: Outcome,
    pub outcome_label: String,
    /// Why it was returned (none for an approval).
    pub reasons: Option<String>,
    /// The committee's meeting (none for a decision recorded before meetings were kept).
    pub meeting_on: Option<NaiveDate>,
    pub participants: Vec<Participant>,
    pub signer: Option<Signer>,
    /// Who recorded it in the app, and when (RFC 3339).
    pub decided_by: String,
    pub decided_at: String,
    /// The SHA-256 of the records the approval locked (approvals only).
    pub locked_digest: Option<String>,
}

/// One submission to the committee, and its decision once taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Submission {
    pub id: SubmissionId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// The assigned member(s), who present the topic.
    pub presenter: String,
    pub version_id: OutlineVersionId,
    pub version_number: i64,
    pub version_sha256: String,
    /// How the comments were taken in, drawn from the answers when it was submitted.
    pub summary: String,
    pub submitted_by: String,
    pub submitted_at: String,
    pub decision: Option<DecisionRecord>,
}

/// How many decisions the *Phê duyệt* screen shows at once: a đảng bộ's decisions grow with
/// the years, so the board holds the newest page and each older page is asked for.
pub const DECIDED_PAGE: u32 = 50;

/// The *Phê duyệt* screen: what waits for the committee, and what it decided lately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovalBoard {
    /// Oldest first: what has waited longest comes first. Bounded by the topics of the
    /// organisation's plans that are submitted (one waiting submission each).
    pub waiting: Vec<Submission>,
    /// The newest [`DECIDED_PAGE`] decisions, newest first; older ones through
    /// [`Database::older_decisions`].
    pub decided: DecidedPage,
    /// The waiting topics the account signed in may decide: the window offers the decision
    /// on these only (a member's screen offers none; the library refuses it anyway).
    pub decidable: Vec<TopicId>,
}

/// One page of the committee's decisions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecidedPage {
    pub decisions: Vec<Submission>,
    /// Whether older decisions remain: ask for them with the last decision's submission id.
    pub older: bool,
}

/// A committee member the decision dialog offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommitteeMember {
    pub id: MemberId,
    pub full_name: String,
    pub position: String,
    /// A secretary or deputy secretary may sign on the committee's behalf.
    pub may_sign: bool,
}

/// What the decision dialog needs: the version waiting, and the committee to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionForm {
    pub submission: Submission,
    /// "T/M CHI ỦY" for a cell, "T/M ĐẢNG ỦY" for a đảng bộ.
    pub on_behalf: String,
    pub committee: Vec<CommitteeMember>,
}

/// A locked record that no longer matches what was locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LockMismatch {
    pub submission_id: SubmissionId,
    pub topic_id: TopicId,
    pub topic_title: String,
    pub version_number: i64,
    /// The digest kept at decision time.
    pub recorded: String,
    /// The digest of the records as they are now.
    pub found: String,
    /// Whether the trail holds the digest kept at decision time (if not, the kept digest
    /// itself was rewritten).
    pub in_trail: bool,
}

impl std::fmt::Display for LockMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.recorded != self.found {
            write!(
                f,
                "Hồ sơ đã khóa khi duyệt chuyên đề “{}” (phiên bản {}) đã bị thay đổi ngoài ứng dụng: mã kiểm tra lúc duyệt {}, nay {}.",
                self.topic_title, self.version_number, self.recorded, self.found
            )
        } else {
            write!(
                f,
                "Mã kiểm tra hồ sơ đã duyệt của chuyên đề “{}” (phiên bản {}) không có trong nhật ký thay đổi: nó đã bị ghi lại bằng công cụ khác.",
                self.topic_title, self.version_number
            )
        }
    }
}

const SELECT: &str = "
    SELECT s.id, s.topic_id, t.title, o.id, o.name, v.id, v.number, ifnull(s.version_sha256, v.sha256),
           s.summary, s.submitted_by, s.submitted_at, s.decision, s.reasons, s.meeting_on,
           s.signer_on_behalf, s.signer_title, s.signer_name, s.decided_by, s.decided_at, l.digest,
           (SELECT group_concat(m.full_name, ', ') FROM
               (SELECT m.full_name FROM topic_assignee a JOIN member m ON m.id = a.member_id
                 WHERE a.topic_id = s.topic_id ORDER BY m.full_name) m)
      FROM submission s JOIN topic t ON t.id = s.topic_id JOIN plan p ON p.id = t.plan_id
      JOIN organisation o ON o.id = p.organisation_id JOIN outline_version v ON v.id = s.version_id
      LEFT JOIN approval_lock l ON l.submission_id = s.id";

fn submissions(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Submission>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE {filter}"))?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = SubmissionId(r.get(0)?);
        let decision: Option<String> = r.get(11)?;
        let decision = match decision
            .as_deref()
            .map(|d| crate::stored::parse(Outcome::parse, d, "lần trình cấp ủy", id.0, "decision"))
        {
            None => None,
            Some(outcome) => {
                let outcome = outcome?;
                let signer_name: Option<String> = r.get(16)?;
                Some(DecisionRecord {
                    outcome,
                    outcome_label: outcome.label().into(),
                    reasons: r.get(12)?,
                    meeting_on: r.get(13)?,
                    participants: participants(conn, id)?,
                    signer: match signer_name {
                        Some(full_name) => Some(Signer {
                            on_behalf: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
                            title: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
                            full_name,
                        }),
                        None => None,
                    },
                    decided_by: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
                    decided_at: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                    locked_digest: r.get(19)?,
                })
            }
        };
        out.push(Submission {
            id,
            topic_id: TopicId(r.get(1)?),
            topic_title: r.get(2)?,
            organisation_id: OrganisationId(r.get(3)?),
            organisation_name: r.get(4)?,
            version_id: OutlineVersionId(r.get(5)?),
            version_number: r.get(6)?,
            version_sha256: r.get(7)?,
            summary: r.get(8)?,
            submitted_by: r.get(9)?,
            submitted_at: r.get(10)?,
            decision,
            presenter: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
        });
    }
    Ok(out)
}

fn participants(conn: &Connection, id: SubmissionId) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, full_name, position FROM decision_participant WHERE submission_id = ?1
          ORDER BY full_name",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(Participant {
            member_id: MemberId(r.get(0)?),
            full_name: r.get(1)?,
            position: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The submissions of a topic, oldest first.
pub(crate) fn of_topic(conn: &Connection, topic: TopicId) -> Result<Vec<Submission>> {
    submissions(conn, "s.topic_id = ?1 ORDER BY s.id", [topic.0])
}

fn get(conn: &Connection, id: SubmissionId) -> Result<Submission> {
    submissions(conn, "s.id = ?1", [id.0])?
        .pop()
        .ok_or(crate::Error::NotFound {
            what: "lần trình cấp ủy",
            id: id.0,
        })
}

/// The latest submission of a topic, if any.
pub(crate) fn latest(conn: &Connection, topic: TopicId) -> Result<Option<Submission>> {
    Ok(submissions(conn, "s.topic_id = ?1 ORDER BY s.id DESC LIMIT 1", [topic.0])?.pop())
}

/// The latest submission of each topic of a plan that has one (one query for the board).
pub(crate) fn latest_of_plan(
    conn: &Connection,
    plan: crate::plan::PlanId,
) -> Result<std::collections::HashMap<TopicId, Submission>> {
    Ok(submissions(
        conn,
        "s.id IN (SELECT max(x.id) FROM submission x JOIN topic y ON y.id = x.topic_id
                   WHERE y.plan_id = ?1 GROUP BY x.topic_id)",
        [plan.0],
    )?
    .into_iter()
    .map(|s| (s.topic_id, s))
    .collect())
}

/// How the comments were taken in, from the answers: what the submission says of the revision.
pub(crate) fn answers_summary(conn: &Connection, topic: TopicId) -> Result<String> {
    let (needs, incorporated, explained, reflections): (i64, i64, i64, i64) = conn.query_row(
        "SELECT count(*) FILTER (WHERE kind IN ('contribution', 'measure')),
                count(*) FILTER (WHERE kind IN ('contribution', 'measure') AND answer_kind = 'incorporated'),
                count(*) FILTER (WHERE kind IN ('contribution', 'measure') AND answer_kind = 'explained'),
                count(*) FILTER (WHERE kind = 'understanding')
           FROM comment WHERE topic_id = ?1 AND withdrawn_at IS NULL",
        [topic.0],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut summary = if needs == 0 {
        "Buổi sinh hoạt không có ý kiến góp ý, đề xuất cần trả lời".to_string()
    } else {
        format!(
            "Đã trả lời {} ý kiến góp ý, đề xuất: tiếp thu {incorporated}, giải trình {explained}",
            incorporated + explained
        )
    };
    if reflections > 0 {
        summary.push_str(&format!("; {reflections} ý kiến nêu nhận thức"));
    }
    if let Some(returned) = latest(conn, topic)?.and_then(|s| {
        s.decision
            .filter(|d| d.outcome == Outcome::Returned)
            .map(|d| (s.version_number, d.reasons.unwrap_or_default()))
    }) {
        summary.push_str(&format!(
            ". Đã sửa phiên bản {} theo ý kiến cấp ủy trả lại: {}",
            returned.0, returned.1
        ));
    }
    summary.push('.');
    Ok(summary)
}

fn on_behalf(conn: &Connection, org: OrganisationId) -> Result<String> {
    Ok(match organisation::get(conn, org)?.placement {
        Placement::Cell { .. } => "T/M CHI ỦY".into(),
        Placement::PartyCommitteeOrg { .. } => "T/M ĐẢNG ỦY".into(),
    })
}

/// The committee of `org`: its members who hold a committee position (for a đảng bộ, also
/// those of its cells), secretary first.
fn committee(
    conn: &Connection,
    org: OrganisationId,
) -> Result<Vec<(CommitteeMember, &'static str)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.full_name, m.position FROM member m JOIN organisation c ON c.id = m.organisation_id
          WHERE m.moved_on IS NULL AND (c.id = ?1 OR c.parent_id = ?1) AND m.position <> 'member'
          ORDER BY CASE m.position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1 ELSE 2 END,
                   m.full_name",
    )?;
    let rows = stmt.query_map([org.0], |r| {
        Ok((
            MemberId(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, full_name, position) = row?;
        let (label, title) = match position.as_str() {
            "secretary" => ("Bí thư", "BÍ THƯ"),
            "deputy_secretary" => ("Phó Bí thư", "PHÓ BÍ THƯ"),
            _ => ("Cấp ủy viên", ""),
        };
        out.push((
            CommitteeMember {
                id,
                full_name,
                position: label.into(),
                may_sign: !title.is_empty(),
            },
            title,
        ));
    }
    Ok(out)
}

/// The decision, checked against what was submitted and who sits on the committee.
pub(crate) struct CheckedDecision {
    participants: Vec<CommitteeMember>,
    signer: Signer,
    signer_id: MemberId,
}

/// Checks the dialog's decision on `submission` (the topic's latest, undecided).
pub(crate) fn check_decision(
    conn: &Connection,
    submission: &Submission,
    d: &CommitteeDecision,
) -> Result<CheckedDecision> {
    if d.version_sha256.trim() != submission.version_sha256 {
        return Err(Refusal::NotTheSubmittedVersion {
            number: submission.version_number,
            sha256: submission.version_sha256.clone(),
        }
        .into());
    }
    let submitted_on =
        NaiveDate::parse_from_str(submission.submitted_at.get(..10).unwrap_or(""), "%Y-%m-%d")
            .unwrap_or(d.meeting_on);
    if d.meeting_on < submitted_on {
        return Err(Refusal::MeetingBeforeSubmission { submitted_on }.into());
    }
    if d.meeting_on > crate::clock::today() {
        return Err(Refusal::MeetingInFuture.into());
    }
    let committee = committee(conn, submission.organisation_id)?;
    if d.participant_ids.is_empty() {
        return Err(Refusal::NoParticipants.into());
    }
    let mut participants = Vec::new();
    for id in &d.participant_ids {
        match committee.iter().find(|(m, _)| m.id == *id) {
            Some((m, _)) if !participants.iter().any(|p: &CommitteeMember| p.id == m.id) => {
                participants.push(m.clone())
            }
            Some(_) => {}
            None => {
                let name: Option<String> = conn
                    .query_row("SELECT full_name FROM member WHERE id = ?1", [id.0], |r| {
                        r.get(0)
                    })
                    .optional()?;
                return Err(Refusal::NotOnCommittee {
                    name: name.unwrap_or_else(|| format!("mã {}", id.0)),
                }
                .into());
            }
        }
    }
    let signer = committee
        .iter()
        .find(|(m, title)| m.id == d.signer_id && !title.is_empty())
        .filter(|(m, _)| participants.iter().any(|p| p.id == m.id))
        .ok_or(Refusal::SignerNotLeader)?;
    Ok(CheckedDecision {
        signer: Signer {
            on_behalf: on_behalf(conn, submission.organisation_id)?,
            title: signer.1.into(),
            full_name: signer.0.full_name.clone(),
        },
        signer_id: signer.0.id,
        participants,
    })
}

/// Writes the decision on the submission; an approval also locks the topic's records and
/// keeps their digest. Called by the cycle's decide verb, in its transaction.
pub(crate) fn record_decision(
    conn: &Connection,
    submission: &Submission,
    checked: &CheckedDecision,
    meeting_on: NaiveDate,
    outcome: Outcome,
    reasons: Option<&str>,
    actor: &str,
) -> Result<()> {
    for p in &checked.participants {
        conn.execute(
            "INSERT INTO decision_participant (submission_id, member_id, full_name, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![submission.id.0, p.id.0, p.full_name, p.position],
        )?;
    }
    let at = now();
    conn.execute(
        "UPDATE submission SET decision = ?2, reasons = ?3, decided_by = ?4, decided_at = ?5, meeting_on = ?6,
                signer_id = ?7, signer_on_behalf = ?8, signer_title = ?9, signer_name = ?10
          WHERE id = ?1",
        params![
            submission.id.0,
            outcome.as_str(),
            reasons,
            actor,
            at,
            meeting_on,
            checked.signer_id.0,
            checked.signer.on_behalf,
            checked.signer.title,
            checked.signer.full_name
        ],
    )?;
    if outcome == Outcome::Approved {
        lock(conn, submission, &at)?;
    }
    Ok(())
}

/// Names the sessions the approval locks (those where the topic was presented) with the
/// minutes signed by then, and keeps the digest of everything locked.
fn lock(conn: &Connection, submission: &Submission, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO approval_lock_session (submission_id, session_id, signed_minutes)
         SELECT ?1, st.session_id,
                (SELECT json_group_array(id) FROM (SELECT id FROM minutes_revision
                  WHERE session_id = st.session_id AND signed_on IS NOT NULL ORDER BY id))
           FROM session_topic st WHERE st.topic_id = ?2",
        params![submission.id.0, submission.topic_id.0],
    )?;
    let digest = locked_digest(conn, submission.id)?;
    conn.execute(
        "INSERT INTO approval_lock (submission_id, digest, locked_at) VALUES (?1, ?2, ?3)",
        params![submission.id.0, digest, at],
    )?;
    // The digest goes into the chained trail too: rewriting it in `approval_lock` as well as
    // the records would still show (verify looks for it there).
    audit::record_digest(
        conn,
        Change {
            subject: Subject::Topic(submission.topic_id.0),
            action: "Khóa hồ sơ đã duyệt",
            from: None,
            to: Some(format!(
                "đề cương phiên bản {}, hồ sơ buổi sinh hoạt, ý kiến và trả lời, biên bản đã ký (mã kiểm tra {digest})",
                submission.version_number
            )),
            reason: None,
        },
        digest,
    )?;
    Ok(())
}

/// One SQL value in the canonical encoding: integers and text as themselves, reals by their
/// shortest round-trip text, blobs by their SHA-256.
fn canonical(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(format!("{f:?}")),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(format!("sha256:{}", sha256_hex(b))),
    }
}

fn rows(conn: &Connection, sql: &str, param: i64) -> Result<Value> {
    let mut stmt = conn.prepare(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([param])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(columns);
        for i in 0..columns {
            row.push(canonical(r.get_ref(i)?));
        }
        out.push(Value::Array(row));
    }
    Ok(Value::Array(out))
}

/// What the digest covers, table by table: named columns (a later migration that adds one
/// does not change the digest of an earlier approval), rows in key order.
const LOCKED: &[(&str, &str)] = &[
    ("submission",
     "SELECT id, topic_id, version_id, version_sha256, summary, submitted_by, submitted_at, decision, reasons,
             decided_by, decided_at, meeting_on, signer_id, signer_on_behalf, signer_title, signer_name
        FROM submission WHERE id = ?1"),
    ("decision_participant",
     "SELECT member_id, full_name, position FROM decision_participant WHERE submission_id = ?1 ORDER BY member_id"),
    ("outline_version",
     "SELECT v.id, v.topic_id, v.number, v.file_name, v.format, v.size, v.sha256, v.original, v.imported_by,
             v.imported_at, v.text_status, v.blocks
        FROM outline_version v JOIN submission s ON s.version_id = v.id WHERE s.id = ?1"),
    ("session",
     "SELECT s.id, s.organisation_id, s.kind, s.held_on, s.starts_at, s.ends_at, s.place, s.chair_id,
             s.secretary_id, s.guests, s.conclusion
        FROM session s JOIN approval_lock_session l ON l.session_id = s.id WHERE l.submission_id = ?1 ORDER BY s.id"),
    ("attendance",
     "SELECT a.session_id, a.member_id, a.status, a.reason
        FROM attendance a JOIN approval_lock_session l ON l.session_id = a.session_id
       WHERE l.submission_id = ?1 ORDER BY a.session_id, a.member_id"),
    ("session_topic",
     "SELECT st.session_id, st.topic_id, st.outline_version_id
        FROM session_topic st JOIN approval_lock_session l ON l.session_id = st.session_id
       WHERE l.submission_id = ?1 ORDER BY st.session_id, st.topic_id"),
    ("session_guest",
     "SELECT g.id, g.session_id, g.full_name, g.title
        FROM session_guest g JOIN approval_lock_session l ON l.session_id = g.session_id
       WHERE l.submission_id = ?1 ORDER BY g.id"),
    ("conclusion_vote",
     "SELECT v.session_id, v.method, v.agreed, v.disagreed, v.abstained
        FROM conclusion_vote v JOIN approval_lock_session l ON l.session_id = v.session_id
       WHERE l.submission_id = ?1 ORDER BY v.session_id"),
    ("comment",
     "SELECT c.id, c.session_id, c.topic_id, c.speaker_id, c.guest_id, c.kind, c.text, c.anchor_version_id,
             c.anchor_block, c.anchor_heading, c.created_at, c.answer_kind, c.answer_text, c.answer_version_id,
             c.answered_by, c.answered_at, c.withdrawn_at, c.withdrawn_by, c.withdrawn_reason
        FROM comment c JOIN approval_lock_session l ON l.session_id = c.session_id
        JOIN submission s ON s.id = l.submission_id
       WHERE l.submission_id = ?1 AND (c.topic_id IS NULL OR c.topic_id = s.topic_id) ORDER BY c.id"),
    ("minutes_revision",
     "SELECT m.id, m.session_id, m.revision, m.number, m.signed_on, m.signed_by, m.signed_document
        FROM minutes_revision m JOIN approval_lock_session l ON l.session_id = m.session_id
       WHERE l.submission_id = ?1 AND m.id IN (SELECT value FROM json_each(l.signed_minutes)) ORDER BY m.id"),
    ("approval_lock_session",
     "SELECT session_id, signed_minutes FROM approval_lock_session WHERE submission_id = ?1 ORDER BY session_id"),
];

/// The SHA-256 (hex) of the canonical encoding of what `submission`'s approval locks: the
/// decision, the approved version (its original by SHA-256), and the record of the sessions
/// where the topic was presented. Recorded at decision time; `chuyende verify` recomputes it.
/// The encoding is a JSON array of `[table, rows]`, each row an array of its columns.
pub fn locked_digest(conn: &Connection, submission: SubmissionId) -> Result<String> {
    let mut encoded = Vec::with_capacity(LOCKED.len());
    for (table, sql) in LOCKED {
        encoded.push(Value::Array(vec![
            Value::from(*table),
            rows(conn, sql, submission.0)?,
        ]));
    }
    let bytes = serde_json::to_vec(&Value::Array(encoded)).expect("JSON values serialise");
    Ok(sha256_hex(&bytes))
}

/// Every approval whose locked records no longer match the digest recorded at decision time.
pub fn check_locks(conn: &Connection) -> Result<Vec<LockMismatch>> {
    Ok(check_newest_locks(conn, None, &|| false)?.0)
}

/// The same for the `newest` approvals (all when None), newest first, until `stop` says the
/// time is up (the window's bounded check at start): the mismatches, and whether every lock
/// was looked at.
pub(crate) fn check_newest_locks(
    conn: &Connection,
    newest: Option<u64>,
    stop: &dyn Fn() -> bool,
) -> Result<(Vec<LockMismatch>, bool)> {
    let total: i64 = conn.query_row("SELECT count(*) FROM approval_lock", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(
        "SELECT l.submission_id, l.digest, t.id, t.title, v.number,
                EXISTS (SELECT 1 FROM audit_event a WHERE a.digest = l.digest AND a.entity = 'topic'
                           AND a.entity_id = s.topic_id)
           FROM approval_lock l JOIN submission s ON s.id = l.submission_id JOIN topic t ON t.id = s.topic_id
           JOIN outline_version v ON v.id = s.version_id ORDER BY l.submission_id DESC LIMIT ?1",
    )?;
    let locks = stmt
        .query_map([newest.map_or(-1, |n| n as i64)], |r| {
            Ok(LockMismatch {
                submission_id: SubmissionId(r.get(0)?),
                recorded: r.get(1)?,
                topic_id: TopicId(r.get(2)?),
                topic_title: r.get(3)?,
                version_number: r.get(4)?,
                in_trail: r.get(5)?,
                found: String::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    let mut checked = 0;
    for mut lock in locks {
        if stop() {
            break;
        }
        checked += 1;
        lock.found = locked_digest(conn, lock.submission_id)?;
        if lock.found != lock.recorded || !lock.in_trail {
            out.push(lock);
        }
    }
    // Reported oldest first, as the trail reads.
    out.reverse();
    Ok((out, checked == total))
}

/// Whether a session's record is locked by an approval, and by which: the window shows it
/// read-only with the decision.
pub(crate) fn session_lock(conn: &Connection, session: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT t.title, v.number, s.meeting_on FROM approval_lock_session l
               JOIN submission s ON s.id = l.submission_id JOIN topic t ON t.id = s.topic_id
               JOIN outline_version v ON v.id = s.version_id
              WHERE l.session_id = ?1 ORDER BY s.id LIMIT 1",
            [session],
            |r| {
                let on: Option<NaiveDate> = r.get(2)?;
                Ok(format!(
                    "Chuyên đề “{}” (phiên bản {}) đã được cấp ủy duyệt{}: hồ sơ buổi sinh hoạt, ý kiến và trả lời chỉ xem, không sửa được.",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    on.map(|d| format!(" ngày {}", d.format("%d/%m/%Y"))).unwrap_or_default()
                ))
            },
        )
        .optional()?)
}

/// A page of `org`'s decisions (a đảng bộ: with its cells'), newest first, from the one
/// recorded before `before`'s decision (from the newest when None). One row more than the page
/// is read to tell whether older ones remain.
fn decided_page(
    conn: &Connection,
    org: OrganisationId,
    before: Option<SubmissionId>,
) -> Result<DecidedPage> {
    let mut decisions = submissions(
        conn,
        "(o.id = ?1 OR o.parent_id = ?1) AND s.decision IS NOT NULL
           AND (?2 IS NULL OR (s.decided_at, s.id) <
                (SELECT b.decided_at, b.id FROM submission b WHERE b.id = ?2))
         ORDER BY s.decided_at DESC, s.id DESC LIMIT ?3",
        params![org.0, before.map(|b| b.0), DECIDED_PAGE + 1],
    )?;
    let older = decisions.len() > DECIDED_PAGE as usize;
    decisions.truncate(DECIDED_PAGE as usize);
    Ok(DecidedPage { decisions, older })
}

impl Database {
    /// What waits for the committee of `org` (a đảng bộ: with its cells'), and what it decided.
    pub fn approvals(&self, org: OrganisationId) -> Result<ApprovalBoard> {
        self.read(|c| {
            let waiting = submissions(
                c,
                "(o.id = ?1 OR o.parent_id = ?1) AND s.decision IS NULL
                 ORDER BY s.submitted_at, s.id",
                [org.0],
            )?;
            let who = crate::permission::who(c)?;
            let mut decidable = Vec::new();
            for s in &waiting {
                let action = crate::permission::Action::DecideTopic(s.topic_id);
                match crate::permission::check(c, &who, action) {
                    Ok(()) => decidable.push(s.topic_id),
                    Err(crate::Error::Denied(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(ApprovalBoard {
                waiting,
                decided: decided_page(c, org, None)?,
                decidable,
            })
        })
    }

    /// The page of `org`'s decisions recorded before the decision on `before` (the last one
    /// the screen shows), newest first.
    pub fn older_decisions(
        &self,
        org: OrganisationId,
        before: SubmissionId,
    ) -> Result<DecidedPage> {
        self.read(|c| decided_page(c, org, Some(before)))
    }

    /// A topic's submissions, oldest first, each with its decision.
    pub fn topic_submissions(&self, topic: TopicId) -> Result<Vec<Submission>> {
        self.read(|c| of_topic(c, topic))
    }

    /// What the decision dialog offers for a submitted topic.
    pub fn decision_form(&self, topic: TopicId) -> Result<DecisionForm> {
        // Only who may record the decision opens its dialog.
        self.require(crate::permission::Action::DecideTopic(topic))?;
        self.read(|c| {
            let submission = latest(c, topic)?
                .filter(|s| s.decision.is_none())
                .ok_or(Refusal::NothingSubmitted)?;
            Ok(DecisionForm {
                on_behalf: on_behalf(c, submission.organisation_id)?,
                committee: committee(c, submission.organisation_id)?
                    .into_iter()
                    .map(|m| m.0)
                    .collect(),
                submission,
            })
        })
    }

    /// One submission with its decision.
    pub fn submission(&self, id: SubmissionId) -> Result<Submission> {
        self.read(|c| get(c, id))
    }

    /// Approvals whose locked records no longer match their digest (empty when all do).
    pub fn check_approval_locks(&self) -> Result<Vec<LockMismatch>> {
        self.read(check_locks)
    }
}
