//! Members' comments in a session (*ý kiến thảo luận, góp ý*), and the assigned member's answer
//! to each (*tiếp thu* in a new version, or *giải trình*: why not). A topic becomes "revised"
//! only when every comment on it has an answer and a version newer than the one presented
//! exists.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::cycle;
pub use crate::cycle::RevisionStatus;
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::guest::{self, GuestId};
use crate::member::MemberId;
use crate::outline::blocks::{Block, BlockKind};
use crate::outline::{align, OutlineVersionId};
use crate::session::{self, SessionId};
use crate::settings;
use crate::stored;
use crate::topic::TopicId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct CommentId(pub i64);

/// What a member says, as the guidance lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommentKind {
    /// Their understanding of the topic and what it means for them.
    Understanding,
    /// A contribution to complete the draft.
    Contribution,
    /// A measure proposed for the cell's leadership.
    Measure,
}

impl CommentKind {
    /// In the order the window offers them (keys 1, 2, 3 while capturing).
    pub const ALL: [CommentKind; 3] = [
        CommentKind::Understanding,
        CommentKind::Contribution,
        CommentKind::Measure,
    ];

    /// The heading of the guidance's three kinds of remarks, as the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            CommentKind::Understanding => "Nhận thức về chuyên đề, tác dụng với bản thân",
            CommentKind::Contribution => "Góp ý hoàn thiện dự thảo",
            CommentKind::Measure => "Đề xuất biện pháp lãnh đạo của chi bộ",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            CommentKind::Understanding => "understanding",
            CommentKind::Contribution => "contribution",
            CommentKind::Measure => "measure",
        }
    }

    fn parse(s: &str) -> Option<CommentKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The section of the presented outline a comment is about, as it was when the comment was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anchor {
    pub version_id: OutlineVersionId,
    pub version_number: i64,
    /// Index of the heading among the version's blocks.
    pub block: i64,
    pub heading: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKind {
    /// Tiếp thu: taken into this version.
    Incorporated {
        version_id: OutlineVersionId,
        version_number: i64,
    },
    /// Giải trình: why it was not taken in.
    Explained { text: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Answer {
    #[serde(flatten)]
    pub kind: AnswerKind,
    pub answered_by: String,
    pub answered_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub id: CommentId,
    pub session_id: SessionId,
    pub topic_id: Option<TopicId>,
    /// The member who spoke, or
    pub speaker_id: Option<MemberId>,
    /// the invited guest who spoke.
    pub guest_id: Option<GuestId>,
    pub speaker_name: String,
    /// A guest's title, printed after their name in the minutes; empty for a member.
    pub speaker_title: String,
    pub kind: CommentKind,
    pub text: String,
    pub anchor: Option<Anchor>,
    pub answer: Option<Answer>,
    pub created_at: String,
    /// Withdrawn by the meeting secretary (said by mistake, or under the wrong name): kept and
    /// shown as such, left out of the minutes and of the answers the revision needs.
    pub withdrawn: Option<Withdrawal>,
    /// Why the comment can no longer be corrected nor withdrawn (Vietnamese), or None when it can.
    pub correction_refused: Option<String>,
}

/// When, by whom and why a comment was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Withdrawal {
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// Who spoke, as a correction names them: a member present, or an invited guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Speaker {
    Member(MemberId),
    Guest(GuestId),
}

/// A comment as the meeting secretary corrects it: every part of it but the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommentCorrection {
    pub speaker: Speaker,
    pub kind: CommentKind,
    /// Index of a heading in the presented outline version, or None for the whole outline.
    pub anchor_block: Option<i64>,
    pub text: String,
}

/// What the capture form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommentDraft {
    pub topic_id: Option<TopicId>,
    pub speaker_id: MemberId,
    pub kind: CommentKind,
    pub text: String,
    /// Index of a heading in the presented outline version.
    pub anchor_block: Option<i64>,
}

/// What an invited guest said, as the capture form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuestRemarkDraft {
    pub topic_id: Option<TopicId>,
    pub guest_id: GuestId,
    pub text: String,
}

/// The answer form's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerDraft {
    Incorporated { version_id: OutlineVersionId },
    Explained { text: String },
}

/// A comment placed in a version of the outline: beside which block it now stands, and whether
/// the section it was made on has been renamed (the comment still says where it was made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlacedComment {
    pub comment: Comment,
    /// The block of this version the comment's section corresponds to, if any.
    pub block: Option<i64>,
    /// The section's heading in this version, when it differs from the one commented on.
    pub renamed_to: Option<String>,
}

const SELECT: &str = "
    SELECT c.id, c.session_id, c.topic_id, c.speaker_id, coalesce(m.full_name, g.full_name), c.kind, c.text, c.anchor_version_id,
           av.number, c.anchor_block, c.anchor_heading, c.created_at, c.answer_kind, c.answer_text,
           c.answer_version_id, ansv.number, c.answered_by, c.answered_at, c.guest_id, g.title,
           c.withdrawn_at, c.withdrawn_by, c.withdrawn_reason,
           (SELECT max(signed_on) FROM minutes_revision mr WHERE mr.session_id = c.session_id)
      FROM comment c LEFT JOIN member m ON m.id = c.speaker_id
      LEFT JOIN session_guest g ON g.id = c.guest_id
      LEFT JOIN outline_version av ON av.id = c.anchor_version_id
      LEFT JOIN outline_version ansv ON ansv.id = c.answer_version_id";

fn from_row(r: &Row) -> rusqlite::Result<Comment> {
    let id: i64 = r.get(0)?;
    let anchor = match (
        r.get::<_, Option<i64>>(7)?,
        r.get::<_, Option<i64>>(8)?,
        r.get::<_, Option<i64>>(9)?,
        r.get::<_, Option<String>>(10)?,
    ) {
        (Some(v), Some(n), Some(block), Some(heading)) => Some(Anchor {
            version_id: OutlineVersionId(v),
            version_number: n,
            block,
            heading,
        }),
        _ => None,
    };
    let answer_kind = match r.get::<_, Option<String>>(12)?.as_deref() {
        Some("incorporated") => Some(AnswerKind::Incorporated {
            version_id: OutlineVersionId(r.get(14)?),
            version_number: r.get(15)?,
        }),
        Some("explained") => Some(AnswerKind::Explained {
            text: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
        }),
        Some(other) => {
            return Err(stored::unreadable(
                "ý kiến",
                id,
                "answer_kind",
                other,
                "không phải cách trả lời đã biết",
            ))
        }
        None => None,
    };
    Ok(Comment {
        id: CommentId(id),
        session_id: SessionId(r.get(1)?),
        topic_id: r.get::<_, Option<i64>>(2)?.map(TopicId),
        speaker_id: r.get::<_, Option<i64>>(3)?.map(MemberId),
        guest_id: r.get::<_, Option<i64>>(18)?.map(GuestId),
        speaker_name: r.get(4)?,
        speaker_title: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
        kind: stored::parse(
            CommentKind::parse,
            &r.get::<_, String>(5)?,
            "ý kiến",
            id,
            "kind",
        )?,
        text: r.get(6)?,
        anchor,
        answer: match answer_kind {
            Some(kind) => Some(Answer {
                kind,
                answered_by: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
                answered_at: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
            }),
            None => None,
        },
        created_at: r.get(11)?,
        withdrawn: match r.get::<_, Option<String>>(20)? {
            Some(at) => Some(Withdrawal {
                at,
                by: r.get::<_, Option<String>>(21)?.unwrap_or_default(),
                reason: r.get::<_, Option<String>>(22)?.unwrap_or_default(),
            }),
            None => None,
        },
        correction_refused: r
            .get::<_, Option<chrono::NaiveDate>>(23)?
            .map(|signed_on| closed(signed_on).to_string()),
    })
}

/// Signed minutes are what was signed on paper: the comments they record stay as they are.
fn closed(signed_on: chrono::NaiveDate) -> Error {
    Error::CommentsClosed {
        signed_on: signed_on.format("%d/%m/%Y").to_string(),
    }
}

fn get(conn: &Connection, id: CommentId) -> Result<Comment> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "ý kiến",
            id: id.0,
        })
}

fn blocks_of(conn: &Connection, version: OutlineVersionId) -> Result<Vec<Block>> {
    let json: String = conn.query_row(
        "SELECT blocks FROM outline_version WHERE id = ?1",
        [version.0],
        |r| r.get(0),
    )?;
    serde_json::from_str(&json).map_err(|e| {
        Error::Unreadable(stored::UnreadableValue::new(
            "phiên bản đề cương",
            version.0,
            "blocks",
            &json,
            e,
        ))
    })
}

/// What was said in a session, in the order of speaking.
pub(crate) fn comments_of(conn: &Connection, session: SessionId) -> Result<Vec<Comment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE c.session_id = ?1 ORDER BY c.id"))?;
    let rows = stmt.query_map([session.0], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One thing said in a session, by a member or a guest.
struct Spoken<'a> {
    topic_id: Option<TopicId>,
    speaker: (Option<MemberId>, Option<GuestId>),
    kind: CommentKind,
    text: &'a str,
    anchor_block: Option<i64>,
}

/// The section a comment is about: the heading at `block` of the presented version, with its
/// text as it is now (kept even if a later version renames it).
fn anchor_in(
    tx: &Connection,
    presented: Option<OutlineVersionId>,
    block: Option<i64>,
) -> Result<(Option<OutlineVersionId>, Option<String>)> {
    match (block, presented) {
        (Some(block), Some(version)) => {
            let blocks = blocks_of(tx, version)?;
            let heading = usize::try_from(block)
                .ok()
                .and_then(|b| blocks.get(b))
                .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
                .ok_or_else(|| {
                    Error::invalid(
                        Field::Text,
                        "Mục được chọn không có trong đề cương đã trình bày.",
                    )
                })?;
            Ok((Some(version), Some(heading.text.clone())))
        }
        _ => Ok((None, None)),
    }
}

/// A member may speak only when marked present; a guest only in the session they were invited to.
fn check_speaker(tx: &Connection, s: &session::Session, speaker: Speaker) -> Result<()> {
    match speaker {
        Speaker::Member(id) => {
            let entry = s
                .attendance
                .iter()
                .find(|a| a.member_id == id)
                .ok_or_else(|| {
                    Error::invalid(
                        Field::SpeakerId,
                        "Người phát biểu phải là đảng viên trong danh sách điểm danh.",
                    )
                })?;
            if entry.presence != crate::session::Presence::Present {
                return Err(Error::invalid(
                    Field::SpeakerId,
                    format!("Đồng chí {} được ghi là vắng mặt.", entry.full_name),
                ));
            }
        }
        Speaker::Guest(id) => {
            if guest::get(tx, id)?.session_id != s.id {
                return Err(Error::invalid(
                    Field::SpeakerId,
                    "Người phát biểu phải là khách mời của buổi sinh hoạt này.",
                ));
            }
        }
    }
    Ok(())
}

/// How a comment reads in the trail: "Đồng chí X (kind, mục “…”): text".
fn described(c: &Comment) -> String {
    let kind = if c.guest_id.is_some() {
        "khách mời"
    } else {
        c.kind.label()
    };
    let section = c
        .anchor
        .as_ref()
        .map(|a| format!(", mục “{}”", a.heading))
        .unwrap_or_default();
    format!("Đồng chí {} ({kind}{section}): {}", c.speaker_name, c.text)
}

/// The comment, if it may still be corrected or withdrawn: not once its session's minutes are
/// signed, nor once withdrawn.
fn correctable(tx: &Connection, id: CommentId) -> Result<Comment> {
    let comment = get(tx, id)?;
    let signed: Option<chrono::NaiveDate> = tx.query_row(
        "SELECT max(signed_on) FROM minutes_revision WHERE session_id = ?1",
        [comment.session_id.0],
        |r| r.get(0),
    )?;
    if let Some(on) = signed {
        return Err(closed(on));
    }
    if let Some(why) = crate::approval::session_lock(tx, comment.session_id.0)? {
        return Err(Error::Transition { message: why });
    }
    if comment.withdrawn.is_some() {
        return Err(Error::Transition {
            message: "Ý kiến này đã được rút khỏi biên bản nên không sửa được nữa.".into(),
        });
    }
    Ok(comment)
}

enum Correction {
    Corrected,
    Withdrawn,
}

/// Keeps the comment as it was before a correction or a withdrawal: in its own history, and in
/// the trail. Called after the change, in its transaction.
fn keep_before(tx: &Connection, before: &Comment, action: Correction) -> Result<()> {
    let (code, label) = match action {
        Correction::Corrected => ("corrected", "Sửa ý kiến"),
        Correction::Withdrawn => ("withdrawn", "Rút ý kiến"),
    };
    tx.execute(
        "INSERT INTO comment_correction (comment_id, at, actor, action, before) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            before.id.0,
            now(),
            settings::actor(tx)?,
            code,
            serde_json::to_string(before).expect("a comment serialises")
        ],
    )?;
    let after = get(tx, before.id)?;
    let (to, reason) = match &after.withdrawn {
        Some(w) => (None, Some(w.reason.clone())),
        None => (Some(described(&after)), None),
    };
    audit::record(
        tx,
        Change {
            // In the topic's history, where the revision is followed; a comment of a regular
            // meeting without a topic, in its session's.
            subject: match before.topic_id {
                Some(topic) => Subject::Topic(topic.0),
                None => Subject::Session(before.session_id.0),
            },
            action: label,
            from: Some(described(before)),
            to,
            reason,
        },
    )?;
    Ok(())
}

fn insert(tx: &Connection, s: &session::Session, spoken: Spoken) -> Result<Comment> {
    let presented = match spoken.topic_id {
        Some(t) => Some(s.topics.iter().find(|p| p.topic_id == t).ok_or_else(|| {
            Error::invalid(
                Field::Topics,
                "Chuyên đề này không được trình bày trong buổi sinh hoạt.",
            )
        })?),
        None if s.topics.len() == 1 => s.topics.first(),
        None => None,
    };
    let topic_id = presented.map(|p| p.topic_id);
    let (anchor_version, anchor_heading) = anchor_in(
        tx,
        presented.and_then(|p| p.outline_version_id),
        spoken.anchor_block,
    )?;
    tx.execute(
        "INSERT INTO comment (session_id, topic_id, speaker_id, guest_id, kind, text, anchor_version_id, anchor_block,
                              anchor_heading, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            s.id.0,
            topic_id.map(|t| t.0),
            spoken.speaker.0.map(|m| m.0),
            spoken.speaker.1.map(|g| g.0),
            spoken.kind.as_str(),
            spoken.text,
            anchor_version.map(|v| v.0),
            anchor_heading.as_ref().and(spoken.anchor_block),
            anchor_heading,
            now()
        ],
    )?;
    let id = CommentId(tx.last_insert_rowid());
    crate::search::index_comment(tx, id.0, spoken.text)?;
    let comment = get(tx, id)?;
    // Where its corrections go too (see `keep_before`): the topic's history, or the session's.
    let subject = match comment.topic_id {
        Some(topic) => Subject::Topic(topic.0),
        None => Subject::Session(s.id.0),
    };
    audit::record(tx, Change::new(subject, "Ghi ý kiến").to(described(&comment)))?;
    Ok(comment)
}

impl Database {
    /// Records what a member said. Saved to disk before it returns (see `write_durable`).
    pub fn add_comment(&self, session: SessionId, draft: &CommentDraft) -> Result<Comment> {
        self.require(crate::permission::Action::RecordSession(session))?;
        let text = draft.text.trim();
        if text.is_empty() {
            return Err(Error::invalid(Field::Text, "Hãy ghi nội dung ý kiến."));
        }
        self.write_durable(|tx| {
            let s = session::get(tx, session)?;
            check_speaker(tx, &s, Speaker::Member(draft.speaker_id))?;
            insert(
                tx,
                &s,
                Spoken {
                    topic_id: draft.topic_id,
                    speaker: (Some(draft.speaker_id), None),
                    kind: draft.kind,
                    text,
                    anchor_block: draft.anchor_block,
                },
            )
        })
    }

    /// Records what an invited guest said: in the minutes under their name and title, among
    /// the members' comments in the order of speaking.
    pub fn add_guest_remark(
        &self,
        session: SessionId,
        draft: &GuestRemarkDraft,
    ) -> Result<Comment> {
        self.require(crate::permission::Action::RecordSession(session))?;
        let text = draft.text.trim();
        if text.is_empty() {
            return Err(Error::invalid(Field::Text, "Hãy ghi nội dung ý kiến."));
        }
        self.write_durable(|tx| {
            let s = session::get(tx, session)?;
            check_speaker(tx, &s, Speaker::Guest(draft.guest_id))?;
            insert(
                tx,
                &s,
                Spoken {
                    topic_id: draft.topic_id,
                    speaker: (None, Some(draft.guest_id)),
                    // The guidance's three kinds are the members'; a guest's remarks are
                    // contributions to the topic.
                    kind: CommentKind::Contribution,
                    text,
                    anchor_block: None,
                },
            )
        })
    }

    /// Corrects a comment (who spoke, its kind, its section, its words) until the session's
    /// minutes are signed. The comment as it was is kept (see `keep_before`); an answer already
    /// given stays with it.
    pub fn correct_comment(
        &self,
        id: CommentId,
        correction: &CommentCorrection,
    ) -> Result<Comment> {
        self.require(crate::permission::Action::EditComment(id))?;
        let text = correction.text.trim();
        if text.is_empty() {
            return Err(Error::invalid(Field::Text, "Hãy ghi nội dung ý kiến."));
        }
        self.write_durable(|tx| {
            let before = correctable(tx, id)?;
            let s = session::get(tx, before.session_id)?;
            check_speaker(tx, &s, correction.speaker)?;
            let (member, guest, kind) = match correction.speaker {
                Speaker::Member(m) => (Some(m), None, correction.kind),
                // A guest's remarks are contributions (see `add_guest_remark`).
                Speaker::Guest(g) => (None, Some(g), CommentKind::Contribution),
            };
            let presented = before.topic_id.and_then(|t| {
                s.topics
                    .iter()
                    .find(|p| p.topic_id == t)
                    .and_then(|p| p.outline_version_id)
            });
            let (anchor_version, heading) = anchor_in(tx, presented, correction.anchor_block)?;
            let anchor_block = heading.as_ref().and(correction.anchor_block);
            let unchanged = before.speaker_id == member
                && before.guest_id == guest
                && before.kind == kind
                && before.text == text
                && before.anchor.as_ref().map(|a| a.block) == anchor_block;
            if unchanged {
                return Ok(before);
            }
            tx.execute(
                "UPDATE comment SET speaker_id = ?2, guest_id = ?3, kind = ?4, text = ?5, anchor_version_id = ?6,
                        anchor_block = ?7, anchor_heading = ?8
                  WHERE id = ?1",
                params![
                    id.0,
                    member.map(|m| m.0),
                    guest.map(|g| g.0),
                    kind.as_str(),
                    text,
                    anchor_version.map(|v| v.0),
                    anchor_block,
                    heading
                ],
            )?;
            let indexed = match before.answer.as_ref().map(|a| &a.kind) {
                Some(AnswerKind::Explained { text: answer }) => format!("{text}\n{answer}"),
                _ => text.to_string(),
            };
            crate::search::index_comment(tx, id.0, &indexed)?;
            keep_before(tx, &before, Correction::Corrected)?;
            if let Some(topic) = before.topic_id {
                // A contribution corrected into a reflection needs no answer any more.
                cycle::complete_revision_if_ready(tx, topic)?;
            }
            get(tx, id)
        })
    }

    /// Withdraws a comment (said by mistake, or recorded twice) until the session's minutes are
    /// signed: it stays, marked, with who withdrew it and why; the minutes leave it out and the
    /// revision no longer waits for its answer.
    pub fn withdraw_comment(&self, id: CommentId, reason: &str) -> Result<Comment> {
        self.require(crate::permission::Action::EditComment(id))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid(Field::Reason, "Hãy ghi lý do rút ý kiến."));
        }
        self.write_durable(|tx| {
            let before = correctable(tx, id)?;
            tx.execute(
                "UPDATE comment SET withdrawn_at = ?2, withdrawn_by = ?3, withdrawn_reason = ?4 WHERE id = ?1",
                params![id.0, now(), settings::actor(tx)?, reason],
            )?;
            tx.execute(
                "DELETE FROM search_index WHERE kind = 'comment' AND ref_id = ?1",
                [id.0],
            )?;
            keep_before(tx, &before, Correction::Withdrawn)?;
            if let Some(topic) = before.topic_id {
                cycle::complete_revision_if_ready(tx, topic)?;
            }
            get(tx, id)
        })
    }

    /// Everything said in a session, in the order of speaking, withdrawn comments included
    /// (marked as such).
    pub fn session_comments(&self, session: SessionId) -> Result<Vec<Comment>> {
        self.read(|c| {
            let mut comments = comments_of(c, session)?;
            // An approval locks them too (without signed minutes): the window says why.
            if let Some(why) = crate::approval::session_lock(c, session.0)? {
                for comment in comments.iter_mut().filter(|x| x.correction_refused.is_none()) {
                    comment.correction_refused = Some(why.clone());
                }
            }
            Ok(comments)
        })
    }

    /// The comments on a topic that stand (withdrawn ones left out): those the revision answers.
    pub fn topic_comments(&self, topic: TopicId) -> Result<Vec<Comment>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE c.topic_id = ?1 AND c.withdrawn_at IS NULL ORDER BY c.session_id, c.id"
            ))?;
            let rows = stmt.query_map([topic.0], from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The topic's comments placed beside the sections of `version`: a comment made on a
    /// section of an earlier version follows that section (even renamed) into this one.
    pub fn comments_on_version(
        &self,
        topic: TopicId,
        version: OutlineVersionId,
    ) -> Result<Vec<PlacedComment>> {
        let comments = self.topic_comments(topic)?;
        self.read(|c| {
            let target = blocks_of(c, version)?;
            let mut placed = Vec::with_capacity(comments.len());
            // Most comments were made on the same presented version: read each version once.
            let mut sources: std::collections::HashMap<OutlineVersionId, Vec<Block>> =
                std::collections::HashMap::new();
            for comment in comments {
                let (block, renamed_to) = match &comment.anchor {
                    None => (None, None),
                    Some(a) if a.version_id == version => (Some(a.block), None),
                    Some(a) => {
                        if !sources.contains_key(&a.version_id) {
                            sources.insert(a.version_id, blocks_of(c, a.version_id)?);
                        }
                        match align::follow(&sources[&a.version_id], &target, a.block as usize) {
                            Some(i) => {
                                let now = &target[i].text;
                                (Some(i as i64), (now != &a.heading).then(|| now.clone()))
                            }
                            None => (None, None),
                        }
                    }
                };
                placed.push(PlacedComment {
                    comment,
                    block,
                    renamed_to,
                });
            }
            Ok(placed)
        })
    }

    /// The assigned member's answer to a comment.
    pub fn answer_comment(&self, id: CommentId, answer: &AnswerDraft) -> Result<Comment> {
        self.require(crate::permission::Action::AnswerComment(id))?;
        self.write_durable(|tx| {
            let comment = get(tx, id)?;
            let topic = comment.topic_id.ok_or_else(|| Error::invalid(Field::Answer, "Ý kiến này không gắn với chuyên đề nào."))?;
            let by = settings::actor(tx)?;
            let at = now();
            let (kind, text, version, described) = match answer {
                AnswerDraft::Incorporated { version_id } => {
                    let (owner, number): (i64, i64) = tx
                        .query_row("SELECT topic_id, number FROM outline_version WHERE id = ?1", [version_id.0], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?
                        .ok_or_else(|| Error::invalid(Field::Answer, "Hãy chọn phiên bản đề cương đã tiếp thu ý kiến."))?;
                    cycle::check_incorporated_in(tx, topic, TopicId(owner), number)?;
                    ("incorporated", None, Some(version_id.0), format!("Tiếp thu trong phiên bản {number}"))
                }
                AnswerDraft::Explained { text } => {
                    let text = text.trim();
                    if text.is_empty() {
                        return Err(Error::invalid(Field::Answer, "Hãy ghi lý do không tiếp thu (giải trình)."));
                    }
                    ("explained", Some(text.to_string()), None, format!("Giải trình: {text}"))
                }
            };
            tx.execute(
                "UPDATE comment SET answer_kind = ?2, answer_text = ?3, answer_version_id = ?4, answered_by = ?5, answered_at = ?6 WHERE id = ?1",
                params![id.0, kind, text, version, by, at],
            )?;
            if let Some(text) = &text {
                crate::search::index_comment(tx, id.0, &format!("{}\n{text}", comment.text))?;
            }
            audit::record(tx, Change {
                subject: Subject::Topic(topic.0),
                action: "Trả lời ý kiến",
                from: Some(format!("{}: {}", comment.speaker_name, comment.text)),
                to: Some(described),
                reason: None,
            })?;
            cycle::complete_revision_if_ready(tx, topic)?;
            get(tx, id)
        })
    }
}
