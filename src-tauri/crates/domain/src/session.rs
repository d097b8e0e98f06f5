//! Sessions (*buổi sinh hoạt*): a thematic session presenting topics, or a regular monthly
//! meeting; when and where, who chaired and who kept the minutes, who attended, the chair's
//! conclusion. Comments are in [`crate::comment`].

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::member::{MemberId, Standing};
use crate::minutes::issuer::DocumentDefaults;
use crate::organisation::{self, OrganisationId, Placement};
use crate::outline::OutlineVersionId;
use crate::stored;
use crate::text;
use crate::topic::{self, TopicId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct SessionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Sinh hoạt chuyên đề.
    Thematic,
    /// Sinh hoạt chi bộ thường kỳ.
    Regular,
}

impl SessionKind {
    /// The kinds of session an organisation opens: a cell both, a đảng bộ only thematic
    /// sessions (*sinh hoạt chi bộ thường kỳ* is a cell's meeting; a đảng bộ's own meetings are
    /// conferences of its committee, which this app does not record). The session form offers
    /// these (`SessionPage::kinds`) and `create_session` refuses any other.
    pub fn held_by(placement: &Placement) -> Vec<SessionKind> {
        match placement {
            Placement::Cell { .. } => vec![SessionKind::Thematic, SessionKind::Regular],
            Placement::PartyCommitteeOrg { .. } => vec![SessionKind::Thematic],
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Thematic => "thematic",
            SessionKind::Regular => "regular",
        }
    }
}

/// Có mặt / vắng có lý do / vắng không lý do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    Excused,
    Unexcused,
}

/// A mark the attendance offers, its words, and whether it needs a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresenceChoice {
    pub presence: Presence,
    pub label: String,
    /// An excused absence is saved only with its reason.
    pub needs_reason: bool,
}

impl Presence {
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Excused, Presence::Unexcused];

    pub fn label(self) -> &'static str {
        match self {
            Presence::Present => "Có mặt",
            Presence::Excused => "Vắng có lý do",
            Presence::Unexcused => "Vắng không lý do",
        }
    }

    pub fn needs_reason(self) -> bool {
        self == Presence::Excused
    }

    pub fn choices() -> Vec<PresenceChoice> {
        Presence::ALL
            .into_iter()
            .map(|p| PresenceChoice {
                presence: p,
                label: p.label().into(),
                needs_reason: p.needs_reason(),
            })
            .collect()
    }

    fn as_str(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Excused => "excused",
            Presence::Unexcused => "unexcused",
        }
    }

    fn parse(s: &str) -> Option<Presence> {
        [Presence::Present, Presence::Excused, Presence::Unexcused]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceEntry {
    pub member_id: MemberId,
    pub full_name: String,
    pub standing: Standing,
    pub presence: Presence,
    pub reason: String,
    /// Exempt from meetings (miễn sinh hoạt) on the session's day: not called unless they come.
    pub exempt: bool,
    /// Temporarily attached (sinh hoạt tạm) on the session's day.
    pub attached: bool,
}

pub use crate::quorum::AttendanceTotals;
use crate::quorum::Quorum;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PresentedTopic {
    pub topic_id: TopicId,
    pub title: String,
    pub presenter: String,
    pub outline_version_id: Option<OutlineVersionId>,
    pub outline_version_number: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Session {
    pub id: SessionId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: Option<NaiveTime>,
    pub place: String,
    pub chair_id: Option<MemberId>,
    pub chair_name: Option<String>,
    pub secretary_id: Option<MemberId>,
    pub secretary_name: Option<String>,
    pub guests: String,
    pub conclusion: String,
    pub topics: Vec<PresentedTopic>,
    pub attendance: Vec<AttendanceEntry>,
    /// The marks the attendance offers (an excused one needs its reason).
    pub presence_choices: Vec<PresenceChoice>,
    pub totals: AttendanceTotals,
    /// When the meeting was shorter than the organisation's minimum.
    pub duration_warning: Option<String>,
    pub comment_count: i64,
    /// Set when an approval locked this session's record: why it is read-only, with the
    /// decision (the window shows it and offers no edit).
    pub locked: Option<String>,
}

/// What the form sends to open a session, or to correct its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionDraft {
    pub organisation_id: OrganisationId,
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: Option<NaiveTime>,
    pub place: String,
    pub chair_id: Option<MemberId>,
    pub secretary_id: Option<MemberId>,
    pub guests: String,
    /// The topics presented (a thematic session); empty for a regular meeting.
    pub topic_ids: Vec<TopicId>,
}

/// One line of `chuyende sessions` and of the sessions list ([`crate::session_list`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionSummary {
    pub id: SessionId,
    pub kind: SessionKind,
    pub held_on: NaiveDate,
    /// The cell (or the đảng bộ) that held it.
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub topics: Vec<String>,
    pub members: i64,
    /// The quorum's base: the members called.
    pub called: i64,
    pub present: i64,
    /// Members who must be present for the quorum.
    pub required: i64,
    pub quorum_met: bool,
    pub comment_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganisationSettings {
    /// The share of the members called who must be present (2/3 by default).
    pub quorum: Quorum,
    pub min_duration_minutes: i64,
    /// Days before the session the draft must be passed and sent to the members (1 by
    /// default: 42-HD/BTCTW, 2025).
    #[serde(default = "default_draft_lead_days")]
    pub draft_lead_days: i64,
    /// The place in the date line of documents: "Quảng Ninh".
    pub place_name: String,
    /// The organisation's symbol in document numbers: "CB" in "05-BB/CB".
    pub document_symbol: String,
    /// Day and month below 10 with a leading zero in dates of documents.
    pub date_leading_zero: bool,
    /// The header's upper line (the body above the issuer), as the organisation corrects it;
    /// empty: [`DocumentDefaults::header_parent`]. A line break typed here is kept.
    #[serde(default)]
    pub header_parent: String,
    /// The issuing body ("CHI BỘ …", "ĐẢNG ỦY …"); empty: the default.
    #[serde(default)]
    pub header_issuer: String,
    /// The full name printed under "T/M … / BÍ THƯ"; empty: the organisation's secretary.
    #[serde(default)]
    pub signer_name: String,
    /// Nơi nhận of the minutes, one recipient a line; empty: the default.
    #[serde(default)]
    pub minutes_recipients: String,
    /// Nơi nhận of the yearly plan, one recipient a line; empty: the default.
    #[serde(default)]
    pub plan_recipients: String,
    /// The yearly plan's Căn cứ (the guidance and the đảng ủy's instruction), one paragraph a
    /// line; empty: the default.
    #[serde(default)]
    pub plan_basis: String,
    /// The plan's "I. Mục đích, yêu cầu", one paragraph a line; empty: the default.
    #[serde(default)]
    pub plan_purpose: String,
    /// The plan's "III. Tổ chức thực hiện" (responsibilities, reporting), one paragraph a line;
    /// empty: the default. The deadlines of the outlines are printed from the topics.
    #[serde(default)]
    pub plan_implementation: String,
    /// What the library prints where the parts above are empty (read-only: sent back, ignored).
    #[serde(default)]
    pub defaults: DocumentDefaults,
    /// What the form may accept (read-only: sent back, ignored).
    #[serde(default)]
    pub limits: SettingsLimits,
}

/// The ranges an organisation's settings may take, for the form to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsLimits {
    pub quorum_max_denominator: i64,
    pub min_duration_minutes_from: i64,
    pub min_duration_minutes_to: i64,
    #[serde(default = "default_draft_lead_days_to")]
    pub draft_lead_days_to: i64,
}

fn default_draft_lead_days() -> i64 {
    1
}

fn default_draft_lead_days_to() -> i64 {
    *DRAFT_LEAD_DAYS_RANGE.end()
}

/// The days of notice a setting may ask for the draft.
pub const DRAFT_LEAD_DAYS_RANGE: std::ops::RangeInclusive<i64> = 0..=30;

impl Default for SettingsLimits {
    fn default() -> Self {
        SettingsLimits {
            quorum_max_denominator: Quorum::MAX_DENOMINATOR,
            min_duration_minutes_from: *MIN_DURATION_RANGE.start(),
            min_duration_minutes_to: *MIN_DURATION_RANGE.end(),
            draft_lead_days_to: default_draft_lead_days_to(),
        }
    }
}

impl Default for OrganisationSettings {
    fn default() -> Self {
        OrganisationSettings {
            quorum: Quorum::TWO_THIRDS,
            min_duration_minutes: 90,
            draft_lead_days: default_draft_lead_days(),
            place_name: String::new(),
            document_symbol: String::new(),
            date_leading_zero: true,
            header_parent: String::new(),
            header_issuer: String::new(),
            signer_name: String::new(),
            minutes_recipients: String::new(),
            plan_recipients: String::new(),
            plan_basis: String::new(),
            plan_purpose: String::new(),
            plan_implementation: String::new(),
            defaults: DocumentDefaults::default(),
            limits: SettingsLimits::default(),
        }
    }
}

/// The meeting's minimum length a setting may hold, in minutes.
pub const MIN_DURATION_RANGE: std::ops::RangeInclusive<i64> = 0..=600;

pub(crate) fn settings_of(conn: &Connection, org: OrganisationId) -> Result<OrganisationSettings> {
    let organisation = match organisation::get(conn, org) {
        Ok(o) => Some(o),
        // Settings of an organisation not (or no longer) there: the defaults, as before.
        Err(Error::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let mut settings = conn
        .query_row(
            "SELECT quorum_numerator, quorum_denominator, min_duration_minutes, place_name, document_symbol,
                    date_leading_zero, header_parent, header_issuer, signer_name, minutes_recipients,
                    plan_recipients, plan_basis, plan_purpose, plan_implementation, draft_lead_days
               FROM organisation_setting WHERE organisation_id = ?1",
            [org.0],
            |r| {
                Ok(OrganisationSettings {
                    quorum: Quorum {
                        numerator: r.get(0)?,
                        denominator: r.get(1)?,
                    },
                    min_duration_minutes: r.get(2)?,
                    draft_lead_days: r.get(14)?,
                    place_name: r.get(3)?,
                    document_symbol: r.get(4)?,
                    date_leading_zero: r.get(5)?,
                    header_parent: r.get(6)?,
                    header_issuer: r.get(7)?,
                    signer_name: r.get(8)?,
                    minutes_recipients: r.get(9)?,
                    plan_recipients: r.get(10)?,
                    plan_basis: r.get(11)?,
                    plan_purpose: r.get(12)?,
                    plan_implementation: r.get(13)?,
                    defaults: DocumentDefaults::default(),
                    limits: SettingsLimits::default(),
                })
            },
        )
        .optional()?
        .unwrap_or_default();
    if let Some(organisation) = organisation {
        settings.defaults = crate::minutes::issuer::defaults(conn, &organisation)?;
    }
    Ok(settings)
}

/// A multi-line setting as stored: each line cleaned, blank lines dropped.
fn clean_lines(s: &str) -> String {
    s.lines()
        .map(text::clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The SQL test of a member `m`'s period of `kind` covering the day `day`.
fn period_covers(kind: &str, day: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM member_period p WHERE p.member_id = m.id AND p.kind = '{kind}'
                    AND p.from_on <= {day} AND (p.to_on IS NULL OR p.to_on >= {day}))"
    )
}

/// The columns an attendance entry is read from, for a query that joins `attendance a`,
/// `member m` and `session s`.
pub(crate) fn attendance_columns() -> String {
    format!(
        "m.id, m.full_name, m.standing, a.status, a.reason, {}, {}",
        period_covers("exempt", "s.held_on"),
        period_covers("attached", "s.held_on")
    )
}

/// One entry from a row that starts with `attendance_columns()`.
pub(crate) fn attendance_entry(r: &rusqlite::Row) -> rusqlite::Result<AttendanceEntry> {
    let member: i64 = r.get(0)?;
    Ok(AttendanceEntry {
        member_id: MemberId(member),
        full_name: r.get(1)?,
        standing: stored::parse(
            Standing::parse,
            &r.get::<_, String>(2)?,
            "đảng viên",
            member,
            "standing",
        )?,
        presence: stored::parse(
            Presence::parse,
            &r.get::<_, String>(3)?,
            "điểm danh của đảng viên",
            member,
            "status",
        )?,
        reason: r.get(4)?,
        exempt: r.get(5)?,
        attached: r.get(6)?,
    })
}

fn attendance_of(conn: &Connection, id: SessionId) -> Result<Vec<AttendanceEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {}
           FROM attendance a JOIN member m ON m.id = a.member_id JOIN session s ON s.id = a.session_id
          WHERE a.session_id = ?1 ORDER BY CASE m.position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1
                WHEN 'committee_member' THEN 2 ELSE 3 END, m.full_name",
        attendance_columns()
    ))?;
    let rows = stmt.query_map([id.0], attendance_entry)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn get(conn: &Connection, id: SessionId) -> Result<Session> {
    let row = conn
        .query_row(
            "SELECT s.organisation_id, o.name, s.kind, s.held_on, s.starts_at, s.ends_at, s.place, s.chair_id, c.full_name,
                    s.secretary_id, sec.full_name, s.guests, s.conclusion,
                    (SELECT count(*) FROM comment WHERE session_id = s.id AND withdrawn_at IS NULL)
               FROM session s JOIN organisation o ON o.id = s.organisation_id
               LEFT JOIN member c ON c.id = s.chair_id LEFT JOIN member sec ON sec.id = s.secretary_id
              WHERE s.id = ?1",
            [id.0],
            |r| {
                Ok((
                    OrganisationId(r.get(0)?),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, NaiveDate>(3)?,
                    r.get::<_, NaiveTime>(4)?,
                    r.get::<_, Option<NaiveTime>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, i64>(13)?,
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: "buổi sinh hoạt", id: id.0 })?;
    let (
        org,
        org_name,
        kind,
        held_on,
        starts_at,
        ends_at,
        place,
        chair_id,
        chair_name,
        secretary_id,
        secretary_name,
        guests,
        conclusion,
        comments,
    ) = row;
    let mut stmt = conn.prepare_cached(
        "SELECT st.topic_id, t.title, st.outline_version_id, v.number,
                (SELECT group_concat(m.full_name, ', ') FROM topic_assignee a JOIN member m ON m.id = a.member_id WHERE a.topic_id = t.id)
           FROM session_topic st JOIN topic t ON t.id = st.topic_id LEFT JOIN outline_version v ON v.id = st.outline_version_id
          WHERE st.session_id = ?1 ORDER BY t.id",
    )?;
    let topics = stmt
        .query_map([id.0], |r| {
            Ok(PresentedTopic {
                topic_id: TopicId(r.get(0)?),
                title: r.get(1)?,
                outline_version_id: r.get::<_, Option<i64>>(2)?.map(OutlineVersionId),
                outline_version_number: r.get(3)?,
                presenter: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let settings = settings_of(conn, org)?;
    let attendance = attendance_of(conn, id)?;
    let duration_warning = ends_at.and_then(|end| {
        let minutes = (end - starts_at).num_minutes();
        (minutes < settings.min_duration_minutes).then(|| {
            format!(
                "Buổi sinh hoạt kéo dài {minutes} phút, ít hơn {} phút theo quy định.",
                settings.min_duration_minutes
            )
        })
    });
    Ok(Session {
        id,
        organisation_id: org,
        organisation_name: org_name,
        kind: if kind == "regular" {
            SessionKind::Regular
        } else {
            SessionKind::Thematic
        },
        held_on,
        starts_at,
        ends_at,
        place,
        chair_id: chair_id.map(MemberId),
        chair_name,
        secretary_id: secretary_id.map(MemberId),
        secretary_name,
        guests,
        conclusion,
        topics,
        totals: AttendanceTotals::of(&attendance, settings.quorum),
        presence_choices: Presence::choices(),
        attendance,
        duration_warning,
        comment_count: comments,
        locked: crate::approval::session_lock(conn, id.0)?,
    })
}

/// Whether `member` is an active member of `org` (or of one of its cells).
pub(crate) fn is_member_of(
    conn: &Connection,
    member: MemberId,
    org: OrganisationId,
) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM member m JOIN organisation c ON c.id = m.organisation_id
              WHERE m.id = ?1 AND m.moved_on IS NULL AND (c.id = ?2 OR c.parent_id = ?2)",
            params![member.0, org.0],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Checks a draft's details and returns the organisation it is for.
fn check_details(conn: &Connection, d: &SessionDraft) -> Result<organisation::Organisation> {
    let org = organisation::get(conn, d.organisation_id)?;
    if let Some(end) = d.ends_at {
        if end <= d.starts_at {
            return Err(Error::invalid(
                Field::EndsAt,
                "Giờ kết thúc phải sau giờ bắt đầu.",
            ));
        }
    }
    for (who, field, label) in [
        (d.chair_id, Field::ChairId, "Chủ trì"),
        (d.secretary_id, Field::SecretaryId, "Thư ký"),
    ] {
        if let Some(m) = who {
            if !is_member_of(conn, m, d.organisation_id)? {
                return Err(Error::invalid(
                    field,
                    format!("{label} phải là đảng viên đang sinh hoạt của tổ chức."),
                ));
            }
        }
    }
    if d.chair_id.is_some() && d.chair_id == d.secretary_id {
        return Err(Error::invalid(
            Field::SecretaryId,
            "Thư ký phải là người khác với chủ trì.",
        ));
    }
    Ok(org)
}

impl Database {
    /// Opens the record of a session: every active member listed as present (the secretary
    /// then marks who is absent), and for a thematic session each topic presented, with the
    /// outline version presented (its newest), moved to "discussed".
    pub fn create_session(&self, draft: &SessionDraft) -> Result<Session> {
        self.require(crate::permission::Action::CreateSession)?;
        self.write(|tx| {
            let organisation = check_details(tx, draft)?;
            if !SessionKind::held_by(&organisation.placement).contains(&draft.kind) {
                return Err(Error::invalid(
                    Field::Kind,
                    format!(
                        "{} là đảng bộ: sinh hoạt chi bộ thường kỳ là của chi bộ, đảng bộ chỉ mở buổi sinh hoạt chuyên đề.",
                        organisation.name
                    ),
                ));
            }
            match draft.kind {
                SessionKind::Thematic if draft.topic_ids.is_empty() => {
                    return Err(Error::invalid(Field::Topics, "Hãy chọn chuyên đề được trình bày trong buổi sinh hoạt."));
                }
                SessionKind::Regular if !draft.topic_ids.is_empty() => {
                    return Err(Error::invalid(Field::Topics, "Buổi sinh hoạt thường kỳ không trình bày chuyên đề."));
                }
                _ => {}
            }
            let at = now();
            tx.execute(
                "INSERT INTO session (organisation_id, kind, held_on, starts_at, ends_at, place, chair_id, secretary_id,
                                      guests, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    draft.organisation_id.0,
                    draft.kind.as_str(),
                    draft.held_on,
                    draft.starts_at,
                    draft.ends_at,
                    text::clean(&draft.place),
                    draft.chair_id.map(|m| m.0),
                    draft.secretary_id.map(|m| m.0),
                    draft.guests.trim(),
                    at
                ],
            )?;
            let id = SessionId(tx.last_insert_rowid());
            audit::record(
                tx,
                Change::new(Subject::Session(id.0), "Mở biên bản buổi sinh hoạt").to(format!(
                    "{} ngày {}",
                    match draft.kind {
                        SessionKind::Thematic => "Sinh hoạt chuyên đề",
                        SessionKind::Regular => "Sinh hoạt thường kỳ",
                    },
                    audit::date(draft.held_on)
                )),
            )?;
            // Everyone is listed; those exempt from meetings that day are listed as such (not
            // called), the others as present until the secretary marks who is absent.
            tx.execute(
                &format!(
                    "INSERT INTO attendance (session_id, member_id, status, reason)
                     SELECT ?1, m.id, CASE WHEN {exempt} THEN 'excused' ELSE 'present' END,
                            CASE WHEN {exempt} THEN 'Miễn sinh hoạt' ELSE '' END
                       FROM member m JOIN organisation c ON c.id = m.organisation_id
                      WHERE m.moved_on IS NULL AND (c.id = ?2 OR c.parent_id = ?2)",
                    exempt = period_covers("exempt", "?3")
                ),
                params![id.0, draft.organisation_id.0, draft.held_on],
            )?;
            let today = crate::clock::today();
            for topic_id in &draft.topic_ids {
                let t = topic::get(tx, *topic_id, today)?;
                if t.organisation_id != draft.organisation_id {
                    return Err(Error::invalid(Field::Topics, format!("Chuyên đề “{}” thuộc kế hoạch của tổ chức khác.", t.title)));
                }
                crate::cycle::present(tx, *topic_id, id)?;
            }
            get(tx, id)
        })
    }

    /// Corrects the details of a session (time, place, chair, secretary, guests).
    pub fn update_session(&self, id: SessionId, draft: &SessionDraft) -> Result<Session> {
        self.require(crate::permission::Action::RecordSession(id))?;
        self.write_durable(|tx| {
            let current = get(tx, id)?;
            if current.organisation_id != draft.organisation_id || current.kind != draft.kind {
                return Err(Error::invalid(Field::Kind, "Không đổi được tổ chức hay loại của buổi sinh hoạt đã mở."));
            }
            check_details(tx, draft)?;
            tx.execute(
                "UPDATE session SET held_on = ?2, starts_at = ?3, ends_at = ?4, place = ?5, chair_id = ?6,
                        secretary_id = ?7, guests = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id.0,
                    draft.held_on,
                    draft.starts_at,
                    draft.ends_at,
                    text::clean(&draft.place),
                    draft.chair_id.map(|m| m.0),
                    draft.secretary_id.map(|m| m.0),
                    draft.guests.trim(),
                    now()
                ],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Session(id.0), "Sửa thông tin buổi sinh hoạt")
                    .to(format!("Ngày {}, {}", audit::date(draft.held_on), text::clean(&draft.place))),
            )?;
            get(tx, id)
        })
    }

    pub fn session(&self, id: SessionId) -> Result<Session> {
        self.read(|c| get(c, id))
    }

    /// Marks one member present, excused (a reason is required) or absent without reason.
    pub fn set_attendance(
        &self,
        id: SessionId,
        member: MemberId,
        presence: Presence,
        reason: &str,
    ) -> Result<AttendanceTotals> {
        self.require(crate::permission::Action::RecordSession(id))?;
        let reason = text::clean(reason);
        if presence.needs_reason() && reason.is_empty() {
            return Err(Error::invalid(Field::Reason, "Hãy ghi lý do vắng mặt."));
        }
        self.write_durable(|tx| {
            let changed = tx.execute(
                "UPDATE attendance SET status = ?3, reason = ?4 WHERE session_id = ?1 AND member_id = ?2",
                params![id.0, member.0, presence.as_str(), if presence == Presence::Excused { reason.as_str() } else { "" }],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { what: "đảng viên trong danh sách điểm danh", id: member.0 });
            }
            let name: String = tx.query_row("SELECT full_name FROM member WHERE id = ?1", [member.0], |r| r.get(0))?;
            audit::record(
                tx,
                Change::new(Subject::Session(id.0), "Điểm danh")
                    .to(format!("{name}: {}", presence.label()))
                    .reason(if presence == Presence::Excused { reason.clone() } else { String::new() }),
            )?;
            Ok(get(tx, id)?.totals)
        })
    }

    /// The chair's conclusion (*kết luận*), saved as it is typed.
    pub fn set_conclusion(&self, id: SessionId, conclusion: &str) -> Result<()> {
        self.require(crate::permission::Action::RecordSession(id))?;
        self.write_durable(|tx| {
            let changed = tx.execute(
                "UPDATE session SET conclusion = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.0, conclusion, now()],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    what: "buổi sinh hoạt",
                    id: id.0,
                });
            }
            crate::search::reindex_conclusion(tx, id.0, conclusion)?;
            // Saved as typed: the trail keeps the text's digest, not a copy of each save.
            audit::record_digest(
                tx,
                Change::new(Subject::Session(id.0), "Ghi kết luận của chủ trì")
                    .to(format!("{} ký tự", conclusion.chars().count())),
                audit::digest_of(conclusion.as_bytes()),
            )?;
            Ok(())
        })
    }

    pub fn organisation_settings(&self, org: OrganisationId) -> Result<OrganisationSettings> {
        self.read(|c| settings_of(c, org))
    }

    pub fn set_organisation_settings(
        &self,
        org: OrganisationId,
        settings: OrganisationSettings,
    ) -> Result<OrganisationSettings> {
        self.require(crate::permission::Action::EditOrganisations)?;
        let quorum = Quorum::new(settings.quorum.numerator, settings.quorum.denominator)?;
        if !MIN_DURATION_RANGE.contains(&settings.min_duration_minutes) {
            return Err(Error::invalid(
                Field::MinDuration,
                format!(
                    "Thời lượng tối thiểu phải từ {} đến {} phút.",
                    MIN_DURATION_RANGE.start(),
                    MIN_DURATION_RANGE.end()
                ),
            ));
        }
        if !DRAFT_LEAD_DAYS_RANGE.contains(&settings.draft_lead_days) {
            return Err(Error::invalid(
                Field::DraftLeadDays,
                format!(
                    "Số ngày gửi dự thảo trước buổi sinh hoạt phải từ {} đến {}.",
                    DRAFT_LEAD_DAYS_RANGE.start(),
                    DRAFT_LEAD_DAYS_RANGE.end()
                ),
            ));
        }
        self.write(|tx| {
            organisation::get(tx, org)?;
            tx.execute(
                "INSERT INTO organisation_setting (organisation_id, quorum_numerator, quorum_denominator, min_duration_minutes,
                                                   place_name, document_symbol, date_leading_zero, header_parent,
                                                   header_issuer, signer_name, minutes_recipients, plan_recipients,
                                                   plan_basis, plan_purpose, plan_implementation, draft_lead_days)
                 VALUES (?1, ?2, ?7, ?3, ?4, ?5, ?6, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT (organisation_id) DO UPDATE SET quorum_numerator = excluded.quorum_numerator,
                        quorum_denominator = excluded.quorum_denominator, min_duration_minutes = excluded.min_duration_minutes, place_name = excluded.place_name,
                        document_symbol = excluded.document_symbol, date_leading_zero = excluded.date_leading_zero,
                        header_parent = excluded.header_parent, header_issuer = excluded.header_issuer,
                        signer_name = excluded.signer_name, minutes_recipients = excluded.minutes_recipients,
                        plan_recipients = excluded.plan_recipients, plan_basis = excluded.plan_basis,
                        plan_purpose = excluded.plan_purpose, plan_implementation = excluded.plan_implementation,
                        draft_lead_days = excluded.draft_lead_days",
                params![
                    org.0,
                    quorum.numerator,
                    settings.min_duration_minutes,
                    text::clean(&settings.place_name),
                    text::clean(&settings.document_symbol),
                    settings.date_leading_zero,
                    quorum.denominator,
                    clean_lines(&settings.header_parent),
                    clean_lines(&settings.header_issuer),
                    text::clean(&settings.signer_name),
                    clean_lines(&settings.minutes_recipients),
                    clean_lines(&settings.plan_recipients),
                    clean_lines(&settings.plan_basis),
                    clean_lines(&settings.plan_purpose),
                    clean_lines(&settings.plan_implementation),
                    settings.draft_lead_days
                ],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Organisation(org.0), "Sửa cài đặt của tổ chức").to(format!(
                    "Tỷ lệ có mặt tối thiểu {}/{}, thời lượng tối thiểu {} phút, gửi dự thảo trước {} ngày, địa danh “{}”, ký hiệu “{}”",
                    quorum.numerator,
                    quorum.denominator,
                    settings.min_duration_minutes,
                    settings.draft_lead_days,
                    text::clean(&settings.place_name),
                    text::clean(&settings.document_symbol)
                )),
            )?;
            settings_of(tx, org)
        })
    }
}
