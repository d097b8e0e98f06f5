//! Dated periods on a member that change how meetings count them: exemption from meetings
//! (*miễn sinh hoạt*, by a decision, for a while) and temporary attachment (*sinh hoạt tạm*:
//! a member attending this cell for a while). See [`crate::quorum`] for how they are counted.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::member::{Member, MemberId};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct MemberPeriodId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Miễn sinh hoạt: not called to meetings.
    Exempt,
    /// Sinh hoạt tạm: called to this cell's meetings while attached.
    Attached,
}

impl PeriodKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Exempt => "exempt",
            PeriodKind::Attached => "attached",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "exempt" => Some(PeriodKind::Exempt),
            "attached" => Some(PeriodKind::Attached),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Exempt => "Miễn sinh hoạt",
            PeriodKind::Attached => "Sinh hoạt tạm",
        }
    }
}

/// A period as the trail says it: "Miễn sinh hoạt từ 01/03/2026 đến 31/12/2026".
fn period_words(kind: PeriodKind, from: NaiveDate, to: Option<NaiveDate>) -> String {
    let to = to
        .map(|t| format!(" đến {}", audit::date(t)))
        .unwrap_or_default();
    format!("{} từ {}{to}", kind.label(), audit::date(from))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberPeriod {
    pub id: MemberPeriodId,
    pub member_id: MemberId,
    pub kind: PeriodKind,
    /// "Miễn sinh hoạt", "Sinh hoạt tạm".
    pub kind_label: String,
    pub from: NaiveDate,
    /// None: until further notice.
    pub to: Option<NaiveDate>,
    /// The decision, or where from: "QĐ 12-QĐ/ĐU, nghỉ hưu".
    pub note: String,
}

impl MemberPeriod {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// What the form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberPeriodDraft {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub note: String,
}

pub(crate) fn of_members(conn: &Connection, members: &[MemberId]) -> Result<Vec<MemberPeriod>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, kind, from_on, to_on, note FROM member_period
          WHERE member_id IN (SELECT value FROM json_each(?1)) ORDER BY member_id, from_on, id",
    )?;
    let ids = serde_json::to_string(&members.iter().map(|m| m.0).collect::<Vec<_>>())
        .expect("ids serialise");
    let rows = stmt.query_map([ids], |r| {
        let kind: String = r.get(2)?;
        let kind = PeriodKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, kind.into())
        })?;
        Ok(MemberPeriod {
            id: MemberPeriodId(r.get(0)?),
            member_id: MemberId(r.get(1)?),
            kind,
            kind_label: kind.label().into(),
            from: r.get(3)?,
            to: r.get(4)?,
            note: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Gives each member their periods (one query for the lot).
pub(crate) fn attach(conn: &Connection, members: &mut [Member]) -> Result<()> {
    let ids: Vec<MemberId> = members.iter().map(|m| m.id).collect();
    for p in of_members(conn, &ids)? {
        if let Some(m) = members.iter_mut().find(|m| m.id == p.member_id) {
            m.periods.push(p);
        }
    }
    let today = crate::clock::today();
    for m in members.iter_mut() {
        m.exempt_today = m
            .periods
            .iter()
            .any(|p| p.kind == PeriodKind::Exempt && p.covers(today));
        m.attached_today = m
            .periods
            .iter()
            .any(|p| p.kind == PeriodKind::Attached && p.covers(today));
    }
    Ok(())
}

impl Database {
    /// Adds a dated exemption or temporary attachment to a member. Two periods of one kind
    /// may not overlap.
    pub fn add_member_period(&self, member: MemberId, draft: &MemberPeriodDraft) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        if let Some(to) = draft.to {
            if to < draft.from {
                return Err(Error::invalid(
                    Field::PeriodTo,
                    "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
                ));
            }
        }
        let note = text::clean(&draft.note);
        self.write(|tx| {
            crate::member::get(tx, member)?;
            let clash: Option<(NaiveDate, Option<NaiveDate>)> = tx
                .query_row(
                    "SELECT from_on, to_on FROM member_period
                      WHERE member_id = ?1 AND kind = ?2
                        AND from_on <= ifnull(?4, '9999-12-31') AND ifnull(to_on, '9999-12-31') >= ?3",
                    params![member.0, draft.kind.as_str(), draft.from, draft.to],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((from, to)) = clash {
                return Err(Error::invalid(
                    Field::PeriodFrom,
                    format!(
                        "Đảng viên đã có thời gian {} từ {}{} trùng với thời gian này.",
                        draft.kind.label().to_lowercase(),
                        from.format("%d/%m/%Y"),
                        to.map(|t| format!(" đến {}", t.format("%d/%m/%Y"))).unwrap_or_default()
                    ),
                ));
            }
            tx.execute(
                "INSERT INTO member_period (member_id, kind, from_on, to_on, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![member.0, draft.kind.as_str(), draft.from, draft.to, note, now()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Member(member.0), "Thêm thời gian miễn sinh hoạt / sinh hoạt tạm")
                    .to(period_words(draft.kind, draft.from, draft.to))
                    .reason(note.clone()),
            )?;
            crate::member::get(tx, member)
        })
    }

    /// Removes a period recorded by mistake.
    pub fn remove_member_period(&self, id: MemberPeriodId) -> Result<Member> {
        self.require(crate::permission::Action::EditMembers)?;
        self.write(|tx| {
            let period: Option<(i64, String, NaiveDate, Option<NaiveDate>)> = tx
                .query_row(
                    "SELECT member_id, kind, from_on, to_on FROM member_period WHERE id = ?1",
                    [id.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (member, kind, from, to) = period.ok_or(Error::NotFound {
                what: "thời gian miễn sinh hoạt / sinh hoạt tạm",
                id: id.0,
            })?;
            tx.execute("DELETE FROM member_period WHERE id = ?1", [id.0])?;
            let words = PeriodKind::parse(&kind)
                .map(|k| period_words(k, from, to))
                .unwrap_or(kind);
            audit::record(
                tx,
                Change::new(
                    Subject::Member(member),
                    "Xoá thời gian miễn sinh hoạt / sinh hoạt tạm",
                )
                .from(words),
            )?;
            crate::member::get(tx, MemberId(member))
        })
    }
}
