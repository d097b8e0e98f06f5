//! The cycle of a topic (DOMAIN.md, "The cycle of one topic"): the ONE place that moves a
//! topic's state. One verb per step — start drafting, pass the draft, present (in a session),
//! complete the revision, submit to the committee, decide (approve, or return with reasons),
//! postpone, cancel — each checks its precondition and writes the new state with its audit row
//! in the caller's single transaction. The database refuses a state change that comes without
//! its audit row (migration 5's trigger), so nothing else can set a state.
//!
//! The preconditions also answer "what may be done now" ([`TopicActions`]), which the window
//! shows as it is: the screens decide no rule of their own.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::approval::{self, CommitteeDecision, Outcome};
use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Field, Result};
use crate::outline::OutlineVersionId;
use crate::plan::{self, Quarter};
use crate::session::SessionId;
use crate::settings;
use crate::text;
use crate::topic::{self, Topic, TopicId};
use crate::topic_state::{TopicState, Transition};

/// Why a step of the cycle cannot be taken now, in the words a cell secretary reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Không thể “{}” khi chuyên đề đang ở trạng thái “{}”.", step.label().to_lowercase(), state.label())]
    NotFromState { step: Transition, state: TopicState },

    #[error("Hãy phân công đảng viên chuẩn bị chuyên đề trước khi bắt đầu soạn đề cương.")]
    NoAssignee,

    #[error("Chưa có đề cương đọc được nội dung: hãy nhập đề cương (.docx, .odt, .pdf có chữ, .txt, .md) trước khi thông qua. Bản .doc cũ hay bản PDF scan được lưu lại nhưng không thông qua được.")]
    NoReadableOutline,

    #[error("Hãy ghi lý do để “{}”.", step.label().to_lowercase())]
    ReasonRequired { step: Transition },

    #[error("Chỉ hoãn được sang một quý sau {} của năm {year}.", quarter.label())]
    PostponeNotLater { quarter: Quarter, year: i32 },

    #[error("Kế hoạch đã duyệt: để chuyển chuyên đề sang quý khác, hãy dùng “Hoãn sang quý khác” và ghi lý do.")]
    QuarterOfApprovedPlan,

    #[error("Chuyên đề “{title}” {} nên không sửa được nữa.", state.label().to_lowercase())]
    LockedForEdit { title: String, state: TopicState },

    #[error("Chuyên đề “{title}” {} nên không nhập thêm phiên bản đề cương.", state.label().to_lowercase())]
    LockedForImport { title: String, state: TopicState },

    #[error("Chuyên đề “{title}” đang ở trạng thái “{}”: chỉ trình bày được chuyên đề đã thông qua dự thảo (sẵn sàng sinh hoạt).", state.label())]
    NotReadyForSession { title: String, state: TopicState },

    #[error("{}", revision_missing(*open, *needs_version_after))]
    RevisionIncomplete {
        /// Comments that need an answer (contributions, proposed measures) and have none.
        open: i64,
        /// The version a newer readable one is still awaited after, when it is.
        needs_version_after: Option<Baseline>,
    },

    #[error("Chuyên đề chưa được trình bày trong buổi sinh hoạt nào nên chưa hoàn chỉnh được.")]
    NotPresented,

    #[error("Hãy chọn một phiên bản mới hơn phiên bản {presented} đã trình bày (nhập bản hoàn chỉnh trước).")]
    AnswerNeedsNewerVersion { presented: i64 },

    #[error("Chuyên đề chưa được trình cấp ủy (hoặc cấp ủy đã quyết định lần trình gần nhất): không có gì để quyết định.")]
    NothingSubmitted,

    #[error("Cấp ủy chỉ quyết định đúng phiên bản đã trình: phiên bản {number} (SHA-256 {sha256}). Phiên bản trong hộp thoại đã khác; hãy mở lại hộp thoại.")]
    NotTheSubmittedVersion { number: i64, sha256: String },

    #[error("Ngày họp cấp ủy không thể trước ngày trình ({}).", submitted_on.format("%d/%m/%Y"))]
    MeetingBeforeSubmission { submitted_on: chrono::NaiveDate },

    #[error("Ngày họp cấp ủy chưa đến: hãy ghi quyết định sau cuộc họp.")]
    MeetingInFuture,

    #[error("Hãy chọn các đồng chí cấp ủy viên đã dự họp và quyết định.")]
    NoParticipants,

    #[error("Đồng chí {name} không phải cấp ủy viên của tổ chức nên không ghi là người dự họp cấp ủy được.")]
    NotOnCommittee { name: String },

    #[error("Người ký thay mặt cấp ủy phải là Bí thư hoặc Phó Bí thư đã dự họp.")]
    SignerNotLeader,

    #[error("Chuyên đề chưa có phiên bản đề cương nào được cấp ủy duyệt.")]
    NotApproved,
}

impl Refusal {
    /// The form field the message belongs next to, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            Refusal::NoAssignee => Some(Field::Assignees),
            Refusal::ReasonRequired { .. } => Some(Field::Reason),
            Refusal::PostponeNotLater { .. } | Refusal::QuarterOfApprovedPlan => {
                Some(Field::Quarter)
            }
            Refusal::LockedForEdit { .. } => Some(Field::Title),
            Refusal::NotReadyForSession { .. } | Refusal::NoReadableOutline => Some(Field::Topics),
            Refusal::AnswerNeedsNewerVersion { .. } => Some(Field::Answer),
            Refusal::MeetingBeforeSubmission { .. } | Refusal::MeetingInFuture => {
                Some(Field::MeetingOn)
            }
            Refusal::NoParticipants | Refusal::NotOnCommittee { .. } => Some(Field::Participants),
            Refusal::SignerNotLeader => Some(Field::SignerId),
            _ => None,
        }
    }
}

/// What a revision measures "newer" against: the version presented in the session, or, after
/// the committee returned the topic, the version it returned, or, for a correction after an
/// approval, the version approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
pub enum Baseline {
    Presented(i64),
    Returned(i64),
    Approved(i64),
}

impl Baseline {
    pub fn number(self) -> i64 {
        match self {
            Baseline::Presented(n) | Baseline::Returned(n) | Baseline::Approved(n) => n,
        }
    }
}

fn revision_missing(open: i64, after: Option<Baseline>) -> String {
    let version = match after {
        Some(Baseline::Presented(n)) => Some(format!(
            "chưa có phiên bản đề cương đọc được mới hơn phiên bản {n} đã trình bày: hãy nhập bản hoàn chỉnh"
        )),
        Some(Baseline::Returned(n)) => Some(format!(
            "chưa có phiên bản đề cương đọc được mới hơn phiên bản {n} mà cấp ủy đã trả lại: hãy nhập bản sửa theo ý kiến của cấp ủy"
        )),
        Some(Baseline::Approved(n)) => Some(format!(
            "chưa có phiên bản đề cương đọc được mới hơn phiên bản {n} đã được cấp ủy duyệt: muốn đính chính, hãy nhập bản sửa đổi"
        )),
        None => None,
    };
    match (open, version) {
        (0, Some(v)) => {
            let mut chars = v.chars();
            let first = chars
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            format!("{first}{}.", chars.as_str())
        }
        (0, None) => "Chuyên đề đã đủ điều kiện hoàn chỉnh.".into(),
        (n, None) => {
            format!("Còn {n} ý kiến góp ý, đề xuất chưa được trả lời (tiếp thu hoặc giải trình).")
        }
        (n, Some(v)) => format!(
            "Còn {n} ý kiến góp ý, đề xuất chưa được trả lời (tiếp thu hoặc giải trình), và {v}."
        ),
    }
}

/// The committee's decision on a submitted topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// Duyệt.
    Approve,
    /// Trả lại, with the reasons the member revises by.
    Return { reasons: String },
}

/// Where a topic's revision stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevisionStatus {
    pub comments: i64,
    /// Contributions and proposed measures: the comments that need an answer.
    pub needs_answer: i64,
    /// Comments that need an answer and have none (a reflection needs none).
    pub open: i64,
    pub presented_version: Option<i64>,
    /// What "newer" is measured against.
    pub baseline: Option<Baseline>,
    pub newer_version: bool,
    /// What is still missing, in Vietnamese, or None when the topic can be (or is) revised.
    pub missing: Option<String>,
    /// The versions an answer "taken in" may name: those newer than the one presented.
    pub incorporate_into: Vec<VersionChoice>,
}

/// A version as a choice in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionChoice {
    pub id: OutlineVersionId,
    pub number: i64,
}

/// One thing the window could offer on a record, whether it may be done now, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Allowed {
    pub allowed: bool,
    /// Why not, in Vietnamese, when it is not allowed.
    pub reason: Option<String>,
    /// Whether the window offers it at all: a step that belongs to another state of the cycle
    /// is not shown; one that belongs here but is not possible yet is shown with its reason.
    pub shown: bool,
}

impl Allowed {
    pub fn yes() -> Self {
        Allowed {
            allowed: true,
            reason: None,
            shown: true,
        }
    }

    pub fn no(reason: impl Into<String>) -> Self {
        Allowed {
            allowed: false,
            reason: Some(reason.into()),
            shown: true,
        }
    }

    fn of(check: std::result::Result<(), Refusal>) -> Self {
        match check {
            Ok(()) => Allowed::yes(),
            Err(r @ Refusal::NotFromState { .. }) => Allowed {
                shown: false,
                ..Allowed::no(r.to_string())
            },
            Err(r) => Allowed::no(r.to_string()),
        }
    }
}

/// What may be done with a topic now: each step of the cycle, and editing its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopicActions {
    pub edit: Allowed,
    /// Whether its quarter may be changed in the form (not once the plan is approved).
    pub change_quarter: Allowed,
    pub import_outline: Allowed,
    pub start_drafting: Allowed,
    pub pass_draft: Allowed,
    /// The number of the version passing the draft sends to the members: the newest readable
    /// one (a scan or an old .doc is kept but never offered).
    pub draft_version: Option<i64>,
    /// Whether it can be chosen as a topic presented in a new session.
    pub present: Allowed,
    pub submit: Allowed,
    pub decide: Allowed,
    pub postpone: Allowed,
    pub cancel: Allowed,
}

impl TopicActions {
    /// Nothing allowed: a placeholder until the actions are computed.
    pub(crate) fn none() -> Self {
        let no = || Allowed {
            allowed: false,
            reason: None,
            shown: false,
        };
        TopicActions {
            edit: no(),
            change_quarter: no(),
            import_outline: no(),
            start_drafting: no(),
            pass_draft: no(),
            draft_version: None,
            present: no(),
            submit: no(),
            decide: no(),
            postpone: no(),
            cancel: no(),
        }
    }
}

fn today() -> chrono::NaiveDate {
    crate::clock::today()
}

fn in_state(topic: &Topic, step: Transition) -> std::result::Result<TopicState, Refusal> {
    topic.state.after(step).map_err(|_| Refusal::NotFromState {
        step,
        state: topic.state,
    })
}

fn reason_for(step: Transition, reason: &str) -> std::result::Result<String, Refusal> {
    let reason = text::clean(reason);
    if reason.is_empty() {
        return Err(Refusal::ReasonRequired { step });
    }
    Ok(reason)
}

/// Writes the step: the audit row first (leaving the ticket the trigger asks for), then the
/// state. Private: every caller is a verb of this module that checked its precondition.
fn apply(
    conn: &Connection,
    before: &Topic,
    step: Transition,
    reason: Option<String>,
    detail: Option<String>,
) -> Result<Topic> {
    let next = in_state(before, step)?;
    let to = match detail {
        Some(d) => format!("{} — {d}", next.label()),
        None => next.label().to_string(),
    };
    audit::record_state_change(
        conn,
        Change {
            subject: Subject::Topic(before.id.0),
            action: step.label(),
            from: Some(before.state.label().into()),
            to: Some(to),
            reason,
        },
        before.state,
        next,
    )?;
    conn.execute(
        "UPDATE topic SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![before.id.0, next.as_str(), now()],
    )?;
    topic::get(conn, before.id, today())
}

// ---- preconditions, each a plain check on what the database holds ----

fn check_start_drafting(t: &Topic) -> std::result::Result<(), Refusal> {
    in_state(t, Transition::StartDrafting)?;
    if t.assignees.is_empty() {
        return Err(Refusal::NoAssignee);
    }
    Ok(())
}

/// The newest version of the topic whose text could be read: what is passed, presented and
/// submitted (an unreadable one is kept, never offered).
pub(crate) fn newest_readable(
    conn: &Connection,
    topic: TopicId,
) -> Result<Option<(OutlineVersionId, i64)>> {
    Ok(conn
        .query_row(
            "SELECT id, number FROM outline_version WHERE topic_id = ?1 AND text_status = 'read'
              ORDER BY number DESC LIMIT 1",
            [topic.0],
            |r| Ok((OutlineVersionId(r.get(0)?), r.get(1)?)),
        )
        .optional()?)
}

fn check_pass_draft(
    conn: &Connection,
    t: &Topic,
) -> Result<std::result::Result<(OutlineVersionId, i64), Refusal>> {
    if let Err(r) = in_state(t, Transition::MarkReady) {
        return Ok(Err(r));
    }
    Ok(newest_readable(conn, t.id)?.ok_or(Refusal::NoReadableOutline))
}

fn check_present(t: &Topic) -> std::result::Result<(), Refusal> {
    if t.state != TopicState::ReadyForSession {
        return Err(Refusal::NotReadyForSession {
            title: t.title.clone(),
            state: t.state,
        });
    }
    Ok(())
}

pub(crate) fn check_edit(t: &Topic) -> std::result::Result<(), Refusal> {
    if matches!(t.state, TopicState::Approved | TopicState::Cancelled) {
        return Err(Refusal::LockedForEdit {
            title: t.title.clone(),
            state: t.state,
        });
    }
    Ok(())
}

/// A new version may come in at any step but a cancelled topic: after an approval it is a
/// correction, which goes through the committee again ([`reopen_after_approval`]).
pub(crate) fn check_import(t: &Topic) -> std::result::Result<(), Refusal> {
    if matches!(t.state, TopicState::Cancelled) {
        return Err(Refusal::LockedForImport {
            title: t.title.clone(),
            state: t.state,
        });
    }
    Ok(())
}

/// A topic's quarter changes in the form only while its plan is not approved.
pub(crate) fn check_quarter_change(plan_approved: bool) -> std::result::Result<(), Refusal> {
    if plan_approved {
        return Err(Refusal::QuarterOfApprovedPlan);
    }
    Ok(())
}

/// The version presented for `topic` in its latest session.
pub(crate) fn presented_version(
    conn: &Connection,
    topic: TopicId,
) -> Result<Option<(OutlineVersionId, i64)>> {
    Ok(conn
        .query_row(
            "SELECT v.id, v.number FROM session_topic st JOIN session s ON s.id = st.session_id
               JOIN outline_version v ON v.id = st.outline_version_id
              WHERE st.topic_id = ?1 ORDER BY s.held_on DESC, s.id DESC LIMIT 1",
            [topic.0],
            |r| Ok((OutlineVersionId(r.get(0)?), r.get(1)?)),
        )
        .optional()?)
}

/// The latest submission of the topic: its id, the version's number, and the decision.
fn latest_submission(
    conn: &Connection,
    topic: TopicId,
) -> Result<Option<(i64, i64, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT s.id, v.number, s.decision FROM submission s
               JOIN outline_version v ON v.id = s.version_id
              WHERE s.topic_id = ?1 ORDER BY s.id DESC LIMIT 1",
            [topic.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub(crate) fn revision_status(conn: &Connection, topic: TopicId) -> Result<RevisionStatus> {
    // Only contributions and proposed measures need an answer; a member's reflection on what
    // the topic means to them (nhận thức) may be answered but needs none.
    let (comments, needs_answer, open): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE kind IN ('contribution', 'measure')),
                count(*) FILTER (WHERE answer_kind IS NULL AND kind IN ('contribution', 'measure'))
           FROM comment WHERE topic_id = ?1 AND withdrawn_at IS NULL",
        [topic.0],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let presented = presented_version(conn, topic)?.map(|p| p.1);
    let baseline = match latest_submission(conn, topic)? {
        Some((_, number, Some(decision))) if decision == "returned" => {
            Some(Baseline::Returned(number))
        }
        Some((_, number, Some(decision))) if decision == "approved" => {
            Some(Baseline::Approved(number))
        }
        _ => presented.map(Baseline::Presented),
    };
    let newest = newest_readable(conn, topic)?.map(|v| v.1);
    let newer_version = matches!((baseline, newest), (Some(b), Some(n)) if n > b.number());
    let missing = match baseline {
        None => Some(Refusal::NotPresented.to_string()),
        Some(_) if open == 0 && newer_version => None,
        // Approved: nothing is missing; a correction is a new version, by choice.
        Some(Baseline::Approved(_)) if open == 0 => None,
        Some(b) => Some(
            Refusal::RevisionIncomplete {
                open,
                needs_version_after: (!newer_version).then_some(b),
            }
            .to_string(),
        ),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, number FROM outline_version WHERE topic_id = ?1 AND number > ?2 ORDER BY number DESC",
    )?;
    let incorporate_into = match presented {
        None => Vec::new(),
        Some(p) => stmt
            .query_map(params![topic.0, p], |r| {
                Ok(VersionChoice {
                    id: OutlineVersionId(r.get(0)?),
                    number: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(RevisionStatus {
        comments,
        needs_answer,
        open,
        presented_version: presented,
        baseline,
        newer_version,
        missing,
        incorporate_into,
    })
}

fn check_revision(conn: &Connection, t: &Topic) -> Result<std::result::Result<(), Refusal>> {
    let status = revision_status(conn, t.id)?;
    if status.baseline.is_none() {
        return Ok(Err(Refusal::NotPresented));
    }
    if status.open > 0 || !status.newer_version {
        return Ok(Err(Refusal::RevisionIncomplete {
            open: status.open,
            needs_version_after: if status.newer_version {
                None
            } else {
                status.baseline
            },
        }));
    }
    Ok(Ok(()))
}

fn check_complete_revision(
    conn: &Connection,
    t: &Topic,
) -> Result<std::result::Result<(), Refusal>> {
    if let Err(r) = in_state(t, Transition::CompleteRevision) {
        return Ok(Err(r));
    }
    check_revision(conn, t)
}

fn check_submit(conn: &Connection, t: &Topic) -> Result<std::result::Result<(), Refusal>> {
    if let Err(r) = in_state(t, Transition::Submit) {
        // While the revision is under way, what is missing is the better answer: the
        // comments still open, the revised version not yet in.
        if matches!(t.state, TopicState::Discussed | TopicState::Returned) {
            if let Err(missing) = check_revision(conn, t)? {
                return Ok(Err(missing));
            }
        }
        return Ok(Err(r));
    }
    // Revised says so already; checked again so that nothing reached "revised" by a path
    // that skipped it.
    check_revision(conn, t)
}

fn check_postpone(t: &Topic, to: Option<Quarter>) -> std::result::Result<(), Refusal> {
    in_state(t, Transition::Postpone)?;
    let later = match to {
        Some(q) => q > t.quarter,
        None => t.quarter.number() < 4,
    };
    if !later {
        return Err(Refusal::PostponeNotLater {
            quarter: t.quarter,
            year: t.year,
        });
    }
    Ok(())
}

/// What may be done with `t` now, as the window offers it: the cycle's answer, and the role's
/// of the account acting (a step its role may not take is not offered at all).
pub(crate) fn actions(conn: &Connection, t: &Topic, plan_approved: bool) -> Result<TopicActions> {
    use crate::permission::{self, Action};
    let who = permission::who(conn)?;
    let may = |cycle: Allowed, action: Action| -> Result<Allowed> {
        if !cycle.allowed && !cycle.shown {
            return Ok(cycle);
        }
        match permission::check(conn, &who, action) {
            Ok(()) => Ok(cycle),
            Err(crate::Error::Denied(denied)) => Ok(Allowed {
                shown: false,
                ..Allowed::no(denied.to_string())
            }),
            Err(e) => Err(e),
        }
    };
    Ok(TopicActions {
        edit: may(Allowed::of(check_edit(t)), Action::EditPlans)?,
        change_quarter: may(
            Allowed::of(check_edit(t).and(check_quarter_change(plan_approved))),
            Action::EditPlans,
        )?,
        import_outline: may(Allowed::of(check_import(t)), Action::ImportOutline(t.id))?,
        start_drafting: may(
            Allowed::of(check_start_drafting(t)),
            Action::StartDrafting(t.id),
        )?,
        pass_draft: may(
            Allowed::of(check_pass_draft(conn, t)?.map(|_| ())),
            Action::PassDraft(t.id),
        )?,
        draft_version: newest_readable(conn, t.id)?.map(|(_, number)| number),
        present: may(Allowed::of(check_present(t)), Action::CreateSession)?,
        submit: may(Allowed::of(check_submit(conn, t)?), Action::SubmitTopic(t.id))?,
        decide: may(
            Allowed::of(in_state(t, Transition::Approve).map(|_| ())),
            Action::DecideTopic(t.id),
        )?,
        postpone: may(Allowed::of(check_postpone(t, None)), Action::EditPlans)?,
        cancel: may(
            Allowed::of(in_state(t, Transition::Cancel).map(|_| ())),
            Action::EditPlans,
        )?,
    })
}

// ---- the verbs inside a transaction, for the features whose step moves the cycle ----

/// The topic is presented in `session`: the newest readable version is the one presented.
/// Called by `Database::create_session` in its transaction.
pub(crate) fn present(conn: &Connection, id: TopicId, session: SessionId) -> Result<Topic> {
    let t = topic::get(conn, id, today())?;
    check_present(&t)?;
    let version = newest_readable(conn, id)?;
    conn.execute(
        "INSERT INTO session_topic (session_id, topic_id, outline_version_id) VALUES (?1, ?2, ?3)",
        params![session.0, id.0, version.map(|v| v.0 .0)],
    )?;
    apply(
        conn,
        &t,
        Transition::RecordDiscussion,
        None,
        version.map(|v| format!("trình bày đề cương phiên bản {}", v.1)),
    )
}

/// Moves a discussed (or returned) topic to "revised" once its revision is complete. Called
/// after each answer and each import, in their transaction.
pub(crate) fn complete_revision_if_ready(conn: &Connection, id: TopicId) -> Result<()> {
    let t = topic::get(conn, id, today())?;
    if check_complete_revision(conn, &t)?.is_ok() {
        apply(conn, &t, Transition::CompleteRevision, None, None)?;
    }
    Ok(())
}

/// A readable version imported into an approved topic is a correction: the topic goes back to
/// "revised", to be submitted and decided again. The approval stays in its history, and what
/// it locked stays locked. Called by the import, in its transaction.
pub(crate) fn reopen_after_approval(conn: &Connection, id: TopicId, number: i64) -> Result<()> {
    let t = topic::get(conn, id, today())?;
    if t.state == TopicState::Approved {
        apply(
            conn,
            &t,
            Transition::Correct,
            None,
            Some(format!("bản sửa đổi, phiên bản {number}")),
        )?;
    }
    Ok(())
}

/// The incorporated answer names a version newer than the one presented.
pub(crate) fn check_incorporated_in(
    conn: &Connection,
    topic: TopicId,
    version_owner: TopicId,
    version_number: i64,
) -> Result<()> {
    let presented = presented_version(conn, topic)?.map(|p| p.1).unwrap_or(0);
    if version_owner != topic || version_number <= presented {
        return Err(Refusal::AnswerNeedsNewerVersion { presented }.into());
    }
    Ok(())
}

impl Database {
    /// The assigned member starts the outline (planned → drafting).
    pub fn start_drafting(&self, id: TopicId) -> Result<Topic> {
        self.require(crate::permission::Action::StartDrafting(id))?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            check_start_drafting(&t)?;
            apply(tx, &t, Transition::StartDrafting, None, None)
        })
    }

    /// The secretary or cell committee passes the draft and it goes to the members: the topic
    /// is then ready for its session. The newest version whose text could be read is the one
    /// passed.
    pub fn pass_draft(&self, id: TopicId) -> Result<Topic> {
        self.require(crate::permission::Action::PassDraft(id))?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            let (_, number) = check_pass_draft(tx, &t)??;
            apply(
                tx,
                &t,
                Transition::MarkReady,
                None,
                Some(format!("thông qua đề cương phiên bản {number}")),
            )
        })
    }

    /// Completes the revision by hand (it also completes by itself once the last answer or
    /// the revised version comes in).
    pub fn complete_revision(&self, id: TopicId) -> Result<Topic> {
        self.require(crate::permission::Action::CompleteRevision(id))?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            check_complete_revision(tx, &t)??;
            apply(tx, &t, Transition::CompleteRevision, None, None)
        })
    }

    /// The final version goes to the committee: the newest readable version, named in the
    /// submission.
    pub fn submit_topic(&self, id: TopicId) -> Result<Topic> {
        self.require(crate::permission::Action::SubmitTopic(id))?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            check_submit(tx, &t)??;
            let (version, number) = newest_readable(tx, id)?.ok_or(Refusal::NoReadableOutline)?;
            let sha: String = tx.query_row(
                "SELECT sha256 FROM outline_version WHERE id = ?1",
                [version.0],
                |r| r.get(0),
            )?;
            let summary = approval::answers_summary(tx, id)?;
            tx.execute(
                "INSERT INTO submission (topic_id, version_id, version_sha256, summary, submitted_by, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, version.0, sha, summary, settings::actor(tx)?, now()],
            )?;
            apply(
                tx,
                &t,
                Transition::Submit,
                None,
                Some(format!("đề cương phiên bản {number} (SHA-256 {sha})")),
            )
        })
    }

    /// The committee's decision on the submitted version, taken at its meeting by the members
    /// who took part and signed by the secretary (or a deputy) on its behalf: approved, which
    /// locks the version's record (see [`crate::approval`]), or returned with reasons (back to
    /// revision, which then needs a version newer than the one returned). Refused on anything
    /// but the version submitted, named by its SHA-256.
    pub fn decide_topic(&self, id: TopicId, d: &CommitteeDecision) -> Result<Topic> {
        self.require(crate::permission::Action::DecideTopic(id))?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            let (step, outcome) = match d.decision {
                Decision::Approve => (Transition::Approve, Outcome::Approved),
                Decision::Return { .. } => (Transition::Return, Outcome::Returned),
            };
            in_state(&t, step)?;
            let reasons = match &d.decision {
                Decision::Approve => None,
                Decision::Return { reasons } => Some(reason_for(step, reasons)?),
            };
            let submission = approval::latest(tx, id)?
                .filter(|s| s.decision.is_none())
                .ok_or(Refusal::NothingSubmitted)?;
            let checked = approval::check_decision(tx, &submission, d)?;
            approval::record_decision(
                tx,
                &submission,
                &checked,
                d.meeting_on,
                outcome,
                reasons.as_deref(),
                &settings::actor(tx)?,
            )?;
            apply(
                tx,
                &t,
                step,
                reasons,
                Some(format!(
                    "đề cương phiên bản {} (SHA-256 {}), họp cấp ủy ngày {}",
                    submission.version_number,
                    submission.version_sha256,
                    d.meeting_on.format("%d/%m/%Y")
                )),
            )
        })
    }

    /// Postpones a topic to a later quarter of the same year, with the reason. Its state stays.
    pub fn postpone_topic(&self, id: TopicId, to: Quarter, reason: &str) -> Result<Topic> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| {
            let before = topic::get(tx, id, today())?;
            check_postpone(&before, Some(to))?;
            let reason = reason_for(Transition::Postpone, reason)?;
            // A planned date belonged to the old quarter.
            tx.execute(
                "UPDATE topic SET quarter = ?2, planned_on = NULL, updated_at = ?3 WHERE id = ?1",
                params![id.0, to.number(), now()],
            )?;
            audit::record(
                tx,
                Change {
                    subject: Subject::Topic(id.0),
                    action: Transition::Postpone.label(),
                    from: Some(format!(
                        "{}, {}",
                        before.quarter.label(),
                        topic::date_text(before.planned_on)
                    )),
                    to: Some(to.label().into()),
                    reason: Some(reason),
                },
            )?;
            topic::get(tx, id, today())
        })
    }

    /// Cancels a topic, with the reason.
    pub fn cancel_topic(&self, id: TopicId, reason: &str) -> Result<Topic> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| {
            let t = topic::get(tx, id, today())?;
            in_state(&t, Transition::Cancel)?;
            let reason = reason_for(Transition::Cancel, reason)?;
            apply(tx, &t, Transition::Cancel, Some(reason), None)
        })
    }

    pub fn revision_status(&self, topic: TopicId) -> Result<RevisionStatus> {
        self.read(|c| revision_status(c, topic))
    }

    /// What may be done with a topic now.
    pub fn topic_actions(&self, id: TopicId) -> Result<TopicActions> {
        self.read(|c| {
            let t = topic::get(c, id, today())?;
            let approved = plan::get(c, t.plan_id)?.approval.is_some();
            actions(c, &t, approved)
        })
    }
}
