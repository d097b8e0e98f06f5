//! Members (*đảng viên*) of a cell: their position in the cell's committee, whether they are full
//! or probationary members, and whether they still attend or have moved away.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::member_period::{self, MemberPeriod};
use crate::organisation::{self, OrganisationId, Placement};
use crate::stored;
use crate::text;

pub const MAX_NAME_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct MemberId(pub i64);

/// The member's place in the cell's committee (*chi ủy*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Bí thư
    Secretary,
    /// Phó bí thư
    DeputySecretary,
    /// Cấp ủy viên
    CommitteeMember,
    /// Đảng viên
    Member,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Secretary,
        Position::DeputySecretary,
        Position::CommitteeMember,
        Position::Member,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Secretary => "secretary",
            Position::DeputySecretary => "deputy_secretary",
            Position::CommitteeMember => "committee_member",
            Position::Member => "member",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Position::Secretary => "Bí thư",
            Position::DeputySecretary => "Phó Bí thư",
            Position::CommitteeMember => "Cấp ủy viên",
            Position::Member => "Đảng viên",
        }
    }
}

/// Đảng viên chính thức / dự bị.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Full,
    Probationary,
}

impl Standing {
    pub const ALL: [Standing; 2] = [Standing::Full, Standing::Probationary];

    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Full => "full",
            Standing::Probationary => "probationary",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::Full => "Chính thức",
            Standing::Probationary => "Dự bị",
        }
    }
}

/// Whether the member still attends the cell's meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    /// Moved to another organisation (*chuyển sinh hoạt*), retired, or otherwise left; kept for
    /// the history of the meetings they attended.
    MovedAway {
        moved_on: NaiveDate,
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    pub id: MemberId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub full_name: String,
    pub position: Position,
    pub standing: Standing,
    #[serde(flatten)]
    pub status: MemberStatus,
    /// Dated exemptions from meetings and temporary attachments, oldest first.
    pub periods: Vec<MemberPeriod>,
    /// Exempt from meetings today (miễn sinh hoạt).
    pub exempt_today: bool,
    /// Temporarily attached today (sinh hoạt tạm).
    pub attached_today: bool,
    /// What a member list in Excel carries (see [`crate::member_sheet`]); unknown until recorded.
    #[serde(flatten)]
    pub record: MemberRecord,
}

/// A member's dates and card, as a cell's member list (*danh sách đảng viên*) keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberRecord {
    /// Ngày sinh.
    pub born_on: Option<NaiveDate>,
    /// Ngày vào Đảng (kết nạp).
    pub joined_on: Option<NaiveDate>,
    /// Số thẻ đảng viên.
    pub card_number: Option<String>,
}

/// What a form sends to add or edit a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberDraft {
    pub organisation_id: OrganisationId,
    pub full_name: String,
    pub position: Position,
    pub standing: Standing,
    /// Date of birth, of joining the Party and card number: each may stay unknown.
    #[serde(flatten)]
    pub record: MemberRecord,
}

/// The longest card number kept (the Party's cards carry up to 8 digits; some lists write a
/// prefix before them).
pub const MAX_CARD_CHARS: usize = 20;

/// What is wrong with a member's dates, as said to the person: a date after today, or joining
/// the Party not after being born. Shared by the form and the member list in Excel.
pub(crate) fn dates_problem(
    born_on: Option<NaiveDate>,
    joined_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(Field, String)> {
    for (field, label, date) in [
        (Field::BornOn, "Ngày sinh", born_on),
        (Field::JoinedOn, "Ngày vào Đảng", joined_on),
    ] {
        if let Some(d) = date.filter(|d| *d > today) {
            return Some((field, format!("{label} {} ở tương lai.", d.format("%d/%m/%Y"))));
        }
    }
    if let (Some(born), Some(joined)) = (born_on, joined_on) {
        if joined <= born {
            return Some((
                Field::JoinedOn,
                format!(
                    "Ngày vào Đảng {} không sau ngày sinh {}.",
                    joined.format("%d/%m/%Y"),
                    born.format("%d/%m/%Y")
                ),
            ));
        }
    }
    None
}

/// Recorded when a member leaves the cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Departure {
    pub moved_on: NaiveDate,
    /// Where to or why, e.g. "Chuyển sinh hoạt về Chi bộ Tài chính".
    pub note: String,
}

const SELECT: &str = "
    SELECT m.id, m.organisation_id, o.name AS organisation_name, m.full_name, m.position,
           m.standing, m.moved_on, m.moved_note, m.born_on, m.joined_on, m.card_number
      FROM member m JOIN organisation o ON o.id = m.organisation_id";

fn from_row(r: &Row) -> rusqlite::Result<Member> {
    let id: i64 = r.get("id")?;
    let position: String = r.get("position")?;
    let standing: String = r.get("standing")?;
    let moved_on: Option<NaiveDate> = r.get("moved_on")?;
    Ok(Member {
        id: MemberId(id),
        organisation_id: OrganisationId(r.get("organisation_id")?),
        organisation_name: r.get("organisation_name")?,
        full_name: r.get("full_name")?,
        position: stored::parse(Position::parse, &position, "đảng viên", id, "position")?,
        standing: stored::parse(Standing::parse, &standing, "đảng viên", id, "standing")?,
        status: match moved_on {
            None => MemberStatus::Active,
            Some(moved_on) => MemberStatus::MovedAway {
                moved_on,
                note: r
                    .get::<_, Option<String>>("moved_note")?
                    .unwrap_or_default(),
            },
        },
        periods: Vec::new(),
        exempt_today: false,
        attached_today: false,
        record: MemberRecord {
            born_on: r.get("born_on")?,
            joined_on: r.get("joined_on")?,
            card_number: r.get("card_number")?,
        },
    })
}

pub(crate) fn get(conn: &Connection, id: MemberId) -> Result<Member> {
    let member = conn
        .query_row(&format!("{SELECT} WHERE m.id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "đảng viên",
            id: id.0,
        })?;
    let mut one = [member];
    member_period::attach(conn, &mut one)?;
    let [member] = one;
    Ok(member)
}

/// Checks a draft against the rules; returns the cleaned name and its comparison key, and the
/// dates and card as they will be kept.
pub(crate) fn check(
    conn: &Connection,
    draft: &MemberDraft,
    editing: Option<MemberId>,
) -> Result<(String, String, MemberRecord)> {
    let full_name = text::clean(&draft.full_name);
    if full_name.is_empty() {
        return Err(Error::invalid(
            Field::FullName,
            "Hãy nhập họ và tên đảng viên.",
        ));
    }
    if text::char_len(&full_name) > MAX_NAME_CHARS {
        return Err(Error::invalid(
            Field::FullName,
            format!("Họ và tên quá dài (tối đa {MAX_NAME_CHARS} ký tự)."),
        ));
    }
    let cell = organisation::get(conn, draft.organisation_id)
        .map_err(|_| Error::invalid(Field::OrganisationId, "Hãy chọn chi bộ của đảng viên."))?;
    if !matches!(cell.placement, Placement::Cell { .. }) {
        return Err(Error::invalid(
            Field::OrganisationId,
            "Đảng viên sinh hoạt ở chi bộ: hãy chọn một chi bộ, không phải đảng bộ.",
        ));
    }
    if cell.retired_on.is_some() {
        return Err(Error::invalid(
            Field::OrganisationId,
            format!("{} đã ngừng hoạt động.", cell.name),
        ));
    }

    let name_key = text::identity_key(&full_name);
    let editing = editing.map(|m| m.0);
    let clash: Option<String> = conn
        .query_row(
            "SELECT full_name FROM member WHERE organisation_id = ?1 AND name_key = ?2
                AND moved_on IS NULL AND id <> ifnull(?3, -1)",
            params![draft.organisation_id.0, name_key, editing],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = clash {
        return Err(Error::invalid(
            Field::FullName,
            format!("{} đã có đảng viên “{existing}”.", cell.name),
        ));
    }

    // A cell has one secretary at a time: record the new one after changing the old one's position.
    if draft.position == Position::Secretary {
        let current: Option<String> = conn
            .query_row(
                "SELECT full_name FROM member WHERE organisation_id = ?1 AND position = 'secretary'
                    AND moved_on IS NULL AND id <> ifnull(?2, -1)",
                params![draft.organisation_id.0, editing],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(current) = current {
            return Err(Error::invalid(
                Field::Position,
                format!(
                    "{} đã có Bí thư là đồng chí {current}. Hãy đổi chức vụ của đồng chí ấy trước.",
                    cell.name
                ),
            ));
        }
    }
    let record = check_record(conn, &draft.record, editing)?;
    Ok((full_name, name_key, record))
}

/// The dates and card of a draft: dates not after today and joining after birth; a card
/// number, spaces dropped, held by no other member still active (it is the person's own,
/// whichever cell they are in).
fn check_record(
    conn: &Connection,
    record: &MemberRecord,
    editing: Option<i64>,
) -> Result<MemberRecord> {
    if let Some((field, message)) =
        dates_problem(record.born_on, record.joined_on, crate::clock::today())
    {
        return Err(Error::invalid(field, message));
    }
    let card_number = record
        .card_number
        .as_deref()
        .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|c| !c.is_empty());
    if let Some(card) = &card_number {
        if text::char_len(card) > MAX_CARD_CHARS {
            return Err(Error::invalid(
                Field::CardNumber,
                format!("Số thẻ đảng viên quá dài (tối đa {MAX_CARD_CHARS} ký tự)."),
            ));
        }
        let holder: Option<(String, String)> = conn
            .query_row(
                "SELECT m.full_name, o.name FROM member m JOIN organisation o ON o.id = m.organisation_id
                  WHERE m.card_number = ?1 AND m.moved_on IS NULL AND m.id <> ifnull(?2, -1)",
                params![card, editing],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((holder, cell)) = holder {
            return Err(Error::invalid(
                Field::CardNumber,
                format!("Số thẻ {card} đã là của đồng chí {holder} ({cell})."),
            ));
        }
    }
    Ok(MemberRecord {
        card_number,
        ..record.clone()
    })
}

/// Adds a member after checking the rules, with one trail entry ("Thêm đảng viên"); `source`
/// says where the member came from when it was not the form (a member list in Excel).
pub(crate) fn insert(
    tx: &Connection,
    draft: &MemberDraft,
    source: Option<String>,
) -> Result<MemberId> {
    let (full_name, name_key, record) = check(tx, draft, None)?;
    let at = now();
    tx.execute(
        "INSERT INTO member (organisation_id, full_name, name_key, position, standing, born_on,
                             joined_on, card_number, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            draft.organisation_id.0,
            full_name,
            name_key,
            draft.position.as_str(),
            draft.standing.as_str(),
            record.born_on,
            record.joined_on,
            record.card_number,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut change = Change::new(Subject::Member(id), "Thêm đảng viên").to(full_name);
    if let Some(source) = source {
        change = change.reason(source);
    }
    audit::record(tx, change)?;
    Ok(MemberId(id))
}

/// At most this many members answer one search of a roll ([`Database::find_members`]): a
/// đảng bộ of 250 cells has some 2,000; a person narrows the search by typing.
pub const FOUND_MEMBERS_PAGE: usize = 50;

/// The members of a roll whose name or cell contains what was typed: the first
/// [`FOUND_MEMBERS_PAGE`] in the roll's order, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FoundMembers {
    pub members: Vec<Member>,
    pub total: i64,
}

impl Database {
    /// Active members of `organisation` (a đảng bộ: of all its cells) whose name or cell
    /// contains `text` (case and spacing aside; an empty text matches everyone), bounded by
    /// [`FOUND_MEMBERS_PAGE`]: how a đảng bộ's roll is searched instead of listed whole.
    /// No organisation: every organisation's roll (whom an account may be linked to).
    pub fn find_members(
        &self,
        organisation: Option<OrganisationId>,
        text: &str,
    ) -> Result<FoundMembers> {
        let needle = crate::text::identity_key(text);
        let organisation = organisation.map(|o| o.0);
        self.read(|c| {
            let filter = "WHERE (?1 IS NULL OR o.id = ?1 OR o.parent_id = ?1) AND m.moved_on IS NULL
                            AND (instr(m.name_key, ?2) > 0 OR instr(o.name_key, ?2) > 0)";
            let total: i64 = c.query_row(
                &format!(
                    "SELECT count(*) FROM member m JOIN organisation o ON o.id = m.organisation_id {filter}"
                ),
                params![organisation, needle],
                |r| r.get(0),
            )?;
            let sql = format!(
                "{SELECT} {filter}
                 ORDER BY o.name,
                          CASE m.position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1
                                          WHEN 'committee_member' THEN 2 ELSE 3 END,
                          m.full_name
                 LIMIT ?3"
            );
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(
                params![organisation, needle, FOUND_MEMBERS_PAGE as i64],
                from_row,
            )?;
            let mut members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            member_period::attach(c, &mut members)?;
            Ok(FoundMembers { members, total })
        })
    }

    /// Members of one organisation (a đảng bộ lists the members of all its cells), or of all,
    /// committee positions first, then by name.
    pub fn members(
        &self,
        organisation: Option<OrganisationId>,
        include_moved: bool,
    ) -> Result<Vec<Member>> {
        self.read(|c| {
            let sql = format!(
                "{SELECT} WHERE (?1 IS NULL OR o.id = ?1 OR o.parent_id = ?1)
                   AND (?2 OR m.moved_on IS NULL)
                 ORDER BY o.name, m.moved_on IS NOT NULL,
                          CASE m.position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1
                                          WHEN 'committee_member' THEN 2 ELSE 3 END,
                          m.full_name"
            );
            let mut stmt = c.prepare(&sql)?;
            let rows =
                stmt.query_map(params![organisation.map(|o| o.0), include_moved], from_row)?;
            let mut members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            member_period::attach(c, &mut members)?;
            Ok(members)
        })
    }

    pub fn member(&self, id: MemberId) -> Result<Member> {
        self.read(|c| get(c, id))
    }

    pub fn create_member(&self, draft: &MemberDraft) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        self.write(|tx| {
            let id = insert(tx, draft, None)?;
            get(tx, id)
        })
    }

    pub fn update_member(&self, id: MemberId, draft: &MemberDraft) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        self.write(|tx| {
            let member = get(tx, id)?;
            if matches!(member.status, MemberStatus::MovedAway { .. }) {
                return Err(Error::invalid(Field::FullName, "Đảng viên này đã chuyển đi; hãy ghi nhận trở lại trước khi sửa."));
            }
            let (full_name, name_key, record) = check(tx, draft, Some(id))?;
            tx.execute(
                "UPDATE member SET organisation_id = ?2, full_name = ?3, name_key = ?4, position = ?5,
                        standing = ?6, born_on = ?7, joined_on = ?8, card_number = ?9, updated_at = ?10
                  WHERE id = ?1",
                params![
                    id.0,
                    draft.organisation_id.0,
                    full_name,
                    name_key,
                    draft.position.as_str(),
                    draft.standing.as_str(),
                    record.born_on,
                    record.joined_on,
                    record.card_number,
                    now()
                ],
            )?;
            // The trail says what changed in the dates and card too (a card number is what a
            // later check of the member list compares).
            let mut change = Change::new(Subject::Member(id.0), "Sửa thông tin đảng viên")
                .from(member.full_name)
                .to(full_name);
            if record != member.record {
                change = change.reason(format!(
                    "ngày sinh {}, ngày vào Đảng {}, số thẻ {}",
                    record_part(record.born_on.map(audit::date)),
                    record_part(record.joined_on.map(audit::date)),
                    record_part(record.card_number.clone()),
                ));
            }
            audit::record(tx, change)?;
            get(tx, id)
        })
    }

    /// Records that a member left the cell. They stay in the records of past meetings.
    pub fn record_departure(&self, id: MemberId, departure: &Departure) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        self.write(|tx| {
            let member = get(tx, id)?;
            if let MemberStatus::MovedAway { moved_on, .. } = member.status {
                return Err(Error::invalid(
                    Field::MovedOn,
                    format!(
                        "Đảng viên này đã chuyển đi từ ngày {}.",
                        moved_on.format("%d/%m/%Y")
                    ),
                ));
            }
            if departure.moved_on > crate::clock::today() {
                return Err(Error::invalid(
                    Field::MovedOn,
                    "Ngày chuyển đi không được ở tương lai.",
                ));
            }
            tx.execute(
                "UPDATE member SET moved_on = ?2, moved_note = ?3, updated_at = ?4 WHERE id = ?1",
                params![
                    id.0,
                    departure.moved_on,
                    text::clean(&departure.note),
                    now()
                ],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Member(id.0), "Chuyển sinh hoạt đi")
                    .to(audit::date(departure.moved_on))
                    .reason(text::clean(&departure.note)),
            )?;
            get(tx, id)
        })
    }

    /// Undoes a departure recorded by mistake, or records a member's return.
    pub fn reinstate_member(&self, id: MemberId) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        self.write(|tx| {
            let member = get(tx, id)?;
            if member.status == MemberStatus::Active {
                return Ok(member);
            }
            let draft = MemberDraft {
                organisation_id: member.organisation_id,
                full_name: member.full_name.clone(),
                position: member.position,
                standing: member.standing,
                record: member.record.clone(),
            };
            // The rules of an active member apply again (a namesake may have joined meanwhile).
            check(tx, &draft, Some(id))?;
            tx.execute(
                "UPDATE member SET moved_on = NULL, moved_note = NULL, updated_at = ?2 WHERE id = ?1",
                params![id.0, now()],
            )?;
            audit::record(tx, Change::new(Subject::Member(id.0), "Ghi nhận trở lại sinh hoạt"))?;
            get(tx, id)
        })
    }
}

/// A date or card in the trail, "chưa ghi" when unknown.
fn record_part(value: Option<String>) -> String {
    value.unwrap_or_else(|| "chưa ghi".to_string())
}
