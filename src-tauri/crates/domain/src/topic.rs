//! Topics (*chuyên đề*) of a yearly plan: what, which group, which quarter, who prepares it,
//! what the committee suggests, and where it stands in its cycle ([`TopicState`]).

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditEvent, Change, Subject};
use crate::cycle;
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::member::MemberId;
use crate::organisation::OrganisationId;
use crate::plan::{self, Plan, PlanId, Quarter};
use crate::stored;
use crate::text;
use crate::topic_group::{self, TopicGroupId};
use crate::topic_state::TopicState;

pub const MAX_TITLE_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct TopicId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assignee {
    pub id: MemberId,
    pub full_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Topic {
    pub id: TopicId,
    pub plan_id: PlanId,
    pub organisation_id: OrganisationId,
    pub year: i32,
    pub title: String,
    pub group_id: TopicGroupId,
    pub group_name: String,
    pub quarter: Quarter,
    pub planned_on: Option<NaiveDate>,
    /// The planned date, or the quarter's last day when none is set.
    pub due_on: NaiveDate,
    /// The session has not been held and its due date has passed.
    pub overdue: bool,
    /// *Gợi ý của cấp ủy*: the angles the committee suggests.
    pub suggestions: String,
    pub notes: String,
    pub state: TopicState,
    /// The state in words ("Đang soạn đề cương"), as the audit trail says it.
    pub state_label: String,
    pub assignees: Vec<Assignee>,
    /// What may be done with it now, with the reason when not (decided by [`crate::cycle`]).
    pub actions: cycle::TopicActions,
    /// Its latest submission to the committee, with the decision once taken (the reasons of a
    /// return are shown beside the outline).
    pub submission: Option<crate::approval::Submission>,
}

/// What the topic form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopicDraft {
    pub title: String,
    pub group_id: TopicGroupId,
    pub quarter: Quarter,
    pub planned_on: Option<NaiveDate>,
    pub suggestions: String,
    pub notes: String,
    pub assignee_ids: Vec<MemberId>,
}

const SELECT: &str = "
    SELECT t.id, t.plan_id, p.organisation_id, p.year, t.title, t.group_id, g.name AS group_name,
           t.quarter, t.planned_on, t.suggestions, t.notes, t.state, p.approved_on IS NOT NULL AS plan_approved
      FROM topic t JOIN plan p ON p.id = t.plan_id JOIN topic_group g ON g.id = t.group_id";

fn from_row(r: &Row, today: NaiveDate) -> rusqlite::Result<(Topic, bool)> {
    let quarter_n: u8 = r.get("quarter")?;
    let state_s: String = r.get("state")?;
    let id: i64 = r.get("id")?;
    let quarter = stored::parse(
        |_| Quarter::new(quarter_n),
        &quarter_n.to_string(),
        "chuyên đề",
        id,
        "quarter",
    )?;
    let state = stored::parse(TopicState::parse, &state_s, "chuyên đề", id, "state")?;
    let year: i32 = r.get("year")?;
    let planned_on: Option<NaiveDate> = r.get("planned_on")?;
    let due_on = planned_on.unwrap_or_else(|| quarter.last_day(year));
    let plan_approved: bool = r.get("plan_approved")?;
    let topic = Topic {
        id: TopicId(r.get("id")?),
        plan_id: PlanId(r.get("plan_id")?),
        organisation_id: OrganisationId(r.get("organisation_id")?),
        year,
        title: r.get("title")?,
        group_id: TopicGroupId(r.get("group_id")?),
        group_name: r.get("group_name")?,
        quarter,
        planned_on,
        due_on,
        overdue: state.before_session() && due_on < today,
        suggestions: r.get("suggestions")?,
        notes: r.get("notes")?,
        state,
        state_label: state.label().to_string(),
        assignees: Vec::new(),
        actions: cycle::TopicActions::none(),
        submission: None,
    };
    Ok((topic, plan_approved))
}

fn assignees_of(conn: &Connection, topic: TopicId) -> Result<Vec<Assignee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.full_name FROM topic_assignee a JOIN member m ON m.id = a.member_id
          WHERE a.topic_id = ?1 ORDER BY m.full_name",
    )?;
    let rows = stmt.query_map([topic.0], |r| {
        Ok(Assignee {
            id: MemberId(r.get(0)?),
            full_name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn get(conn: &Connection, id: TopicId, today: NaiveDate) -> Result<Topic> {
    let (mut topic, plan_approved) = conn
        .query_row(&format!("{SELECT} WHERE t.id = ?1"), [id.0], |r| {
            from_row(r, today)
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "chuyên đề",
            id: id.0,
        })?;
    topic.assignees = assignees_of(conn, id)?;
    topic.actions = cycle::actions(conn, &topic, plan_approved)?;
    topic.submission = crate::approval::latest(conn, id)?;
    Ok(topic)
}

/// The topics of a plan, by quarter and date, with their assignees (two queries in all).
pub(crate) fn of_plan(conn: &Connection, plan: PlanId, today: NaiveDate) -> Result<Vec<Topic>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE t.plan_id = ?1 ORDER BY t.quarter, t.planned_on IS NULL, t.planned_on, t.id"
    ))?;
    let rows = stmt
        .query_map([plan.0], |r| from_row(r, today))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let plan_approved = rows.first().is_some_and(|r| r.1);
    let mut topics: Vec<Topic> = rows.into_iter().map(|r| r.0).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT a.topic_id, m.id, m.full_name FROM topic_assignee a
           JOIN member m ON m.id = a.member_id JOIN topic t ON t.id = a.topic_id
          WHERE t.plan_id = ?1 ORDER BY m.full_name",
    )?;
    let mut rows = stmt.query([plan.0])?;
    while let Some(r) = rows.next()? {
        let topic_id = TopicId(r.get(0)?);
        if let Some(t) = topics.iter_mut().find(|t| t.id == topic_id) {
            t.assignees.push(Assignee {
                id: MemberId(r.get(1)?),
                full_name: r.get(2)?,
            });
        }
    }
    let mut latest = crate::approval::latest_of_plan(conn, plan)?;
    for t in topics.iter_mut() {
        t.actions = cycle::actions(conn, t, plan_approved)?;
        t.submission = latest.remove(&t.id);
    }
    Ok(topics)
}

fn today() -> NaiveDate {
    crate::clock::today()
}

/// A checked draft, cleaned.
struct Checked {
    title: String,
    suggestions: String,
    notes: String,
}

fn check(conn: &Connection, plan: &Plan, draft: &TopicDraft) -> Result<Checked> {
    let title = text::clean(&draft.title);
    if title.is_empty() {
        return Err(Error::invalid(Field::Title, "Hãy nhập tên chuyên đề."));
    }
    if text::char_len(&title) > MAX_TITLE_CHARS {
        return Err(Error::invalid(
            Field::Title,
            format!("Tên chuyên đề quá dài (tối đa {MAX_TITLE_CHARS} ký tự)."),
        ));
    }
    if !topic_group::available(conn, plan.organisation_id)?
        .iter()
        .any(|g| g.id == draft.group_id)
    {
        return Err(Error::invalid(
            Field::GroupId,
            "Hãy chọn nhóm vấn đề của chuyên đề.",
        ));
    }
    if let Some(day) = draft.planned_on {
        let (first, last) = (
            draft.quarter.first_day(plan.year),
            draft.quarter.last_day(plan.year),
        );
        if day < first || day > last {
            return Err(Error::invalid(
                Field::PlannedOn,
                format!(
                    "Ngày dự kiến phải nằm trong {} năm {} (từ {} đến {}).",
                    draft.quarter.label(),
                    plan.year,
                    first.format("%d/%m/%Y"),
                    last.format("%d/%m/%Y")
                ),
            ));
        }
    }
    for member in &draft.assignee_ids {
        // An assignee is an active member of the organisation: of the cell itself, or of one of
        // the đảng bộ's cells.
        let ok: Option<i64> = conn
            .query_row(
                "SELECT m.id FROM member m JOIN organisation c ON c.id = m.organisation_id
                  WHERE m.id = ?1 AND m.moved_on IS NULL AND (c.id = ?2 OR c.parent_id = ?2)",
                params![member.0, plan.organisation_id.0],
                |r| r.get(0),
            )
            .optional()?;
        if ok.is_none() {
            return Err(Error::invalid(
                Field::Assignees,
                format!(
                    "Chỉ phân công được đảng viên đang sinh hoạt trong {}.",
                    plan.organisation_name
                ),
            ));
        }
    }
    Ok(Checked {
        title,
        suggestions: draft.suggestions.trim().to_string(),
        notes: draft.notes.trim().to_string(),
    })
}

fn set_assignees(conn: &Connection, id: TopicId, members: &[MemberId]) -> Result<()> {
    conn.execute("DELETE FROM topic_assignee WHERE topic_id = ?1", [id.0])?;
    for m in members {
        conn.execute(
            "INSERT OR IGNORE INTO topic_assignee (topic_id, member_id) VALUES (?1, ?2)",
            params![id.0, m.0],
        )?;
    }
    Ok(())
}

fn names(assignees: &[Assignee]) -> String {
    if assignees.is_empty() {
        "(chưa phân công)".into()
    } else {
        assignees
            .iter()
            .map(|a| a.full_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| "(chưa định ngày)".into())
}

/// Records each field that changed, as "an amendment" once the plan is approved.
fn record_edits(conn: &Connection, plan: &Plan, before: &Topic, after: &Topic) -> Result<()> {
    let amendment = if plan.approval.is_some() {
        " (điều chỉnh kế hoạch đã duyệt)"
    } else {
        ""
    };
    let mut changes: Vec<(&str, String, String)> = Vec::new();
    if before.title != after.title {
        changes.push((
            "Sửa tên chuyên đề",
            before.title.clone(),
            after.title.clone(),
        ));
    }
    if before.group_id != after.group_id {
        changes.push((
            "Đổi nhóm vấn đề",
            before.group_name.clone(),
            after.group_name.clone(),
        ));
    }
    if before.quarter != after.quarter {
        changes.push((
            "Đổi quý",
            before.quarter.label().into(),
            after.quarter.label().into(),
        ));
    }
    if before.planned_on != after.planned_on {
        changes.push((
            "Đổi ngày dự kiến",
            date_text(before.planned_on),
            date_text(after.planned_on),
        ));
    }
    if before.assignees != after.assignees {
        changes.push((
            "Phân công đảng viên",
            names(&before.assignees),
            names(&after.assignees),
        ));
    }
    if before.suggestions != after.suggestions {
        changes.push((
            "Sửa gợi ý của cấp ủy",
            before.suggestions.clone(),
            after.suggestions.clone(),
        ));
    }
    if before.notes != after.notes {
        changes.push(("Sửa ghi chú", before.notes.clone(), after.notes.clone()));
    }
    for (action, from, to) in changes {
        audit::record(
            conn,
            Change {
                subject: Subject::Topic(after.id.0),
                action: &format!("{action}{amendment}"),
                from: Some(from),
                to: Some(to),
                reason: None,
            },
        )?;
    }
    Ok(())
}

fn insert(conn: &Connection, plan: &Plan, draft: &TopicDraft, action: &str) -> Result<Topic> {
    let ok = check(conn, plan, draft)?;
    let at = now();
    conn.execute(
        "INSERT INTO topic (plan_id, title, group_id, quarter, planned_on, suggestions, notes, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?8)",
        params![plan.id.0, ok.title, draft.group_id.0, draft.quarter.number(), draft.planned_on, ok.suggestions, ok.notes, at],
    )?;
    let id = TopicId(conn.last_insert_rowid());
    set_assignees(conn, id, &draft.assignee_ids)?;
    let topic = get(conn, id, today())?;
    let amendment = if plan.approval.is_some() {
        " (điều chỉnh kế hoạch đã duyệt)"
    } else {
        ""
    };
    audit::record(
        conn,
        Change {
            subject: Subject::Topic(id.0),
            action: &format!("{action}{amendment}"),
            from: None,
            to: Some(format!(
                "{}: {} — {}",
                topic.quarter.label(),
                topic.title,
                names(&topic.assignees)
            )),
            reason: None,
        },
    )?;
    Ok(topic)
}

/// Copies the topics of `from` into the new plan `to` (see `Database::copy_previous_plan`).
pub(crate) fn copy_all(conn: &Connection, from: PlanId, to: &Plan) -> Result<()> {
    for t in of_plan(conn, from, today())? {
        let planned_on = t.planned_on.map(|d| {
            d.with_year(to.year)
                .unwrap_or_else(|| NaiveDate::from_ymd_opt(to.year, 2, 28).expect("valid"))
        });
        let draft = TopicDraft {
            title: t.title,
            group_id: t.group_id,
            quarter: t.quarter,
            planned_on,
            suggestions: t.suggestions,
            notes: String::new(),
            assignee_ids: Vec::new(),
        };
        insert(
            conn,
            to,
            &draft,
            &format!("Tạo chuyên đề (sao chép từ kế hoạch năm {})", to.year - 1),
        )?;
    }
    Ok(())
}

impl Database {
    pub fn topic(&self, id: TopicId) -> Result<Topic> {
        self.read(|c| get(c, id, today()))
    }

    pub fn topic_history(&self, id: TopicId) -> Result<Vec<AuditEvent>> {
        self.read(|c| {
            get(c, id, today())?;
            audit::history(c, Subject::Topic(id.0))
        })
    }

    pub fn create_topic(&self, plan: PlanId, draft: &TopicDraft) -> Result<Topic> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| {
            let plan = plan::get(tx, plan)?;
            insert(tx, &plan, draft, "Thêm chuyên đề")
        })
    }

    /// Edits a topic. Once the plan is approved, its quarter changes only by postponing.
    pub fn update_topic(&self, id: TopicId, draft: &TopicDraft) -> Result<Topic> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| {
            let before = get(tx, id, today())?;
            let plan = plan::get(tx, before.plan_id)?;
            cycle::check_edit(&before)?;
            if draft.quarter != before.quarter {
                cycle::check_quarter_change(plan.approval.is_some())?;
            }
            let ok = check(tx, &plan, draft)?;
            tx.execute(
                "UPDATE topic SET title = ?2, group_id = ?3, quarter = ?4, planned_on = ?5, suggestions = ?6,
                        notes = ?7, updated_at = ?8 WHERE id = ?1",
                params![id.0, ok.title, draft.group_id.0, draft.quarter.number(), draft.planned_on, ok.suggestions, ok.notes, now()],
            )?;
            set_assignees(tx, id, &draft.assignee_ids)?;
            let after = get(tx, id, today())?;
            record_edits(tx, &plan, &before, &after)?;
            Ok(after)
        })
    }
}
