//! The yearly plan (*kế hoạch sinh hoạt chuyên đề năm*) of an organisation: its topics per
//! quarter. Drafted at the start of the year, approved by the committee, amended after approval
//! (every amendment is in the audit trail), and copied from last year to start the next.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, AuditEvent, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::organisation::{self, Organisation, OrganisationId};
use crate::topic::{self, Topic};
use crate::topic_group::{self, TopicGroup};

/// Quý I–IV. Always valid: built only from 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "u8", into = "u8")]
#[ts(type = "1 | 2 | 3 | 4")]
pub struct Quarter(u8);

impl TryFrom<u8> for Quarter {
    type Error = String;
    fn try_from(n: u8) -> std::result::Result<Self, String> {
        Quarter::new(n).ok_or_else(|| format!("Quý phải từ 1 đến 4, không phải {n}."))
    }
}

impl From<Quarter> for u8 {
    fn from(q: Quarter) -> u8 {
        q.0
    }
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter(1), Quarter(2), Quarter(3), Quarter(4)];

    pub fn new(n: u8) -> Option<Self> {
        (1..=4).contains(&n).then_some(Quarter(n))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// "Quý III", as the Party's documents write it.
    pub fn label(self) -> &'static str {
        ["Quý I", "Quý II", "Quý III", "Quý IV"][self.0 as usize - 1]
    }

    /// "III": the numeral alone, for "quý III" inside a sentence.
    pub fn numeral(self) -> &'static str {
        ["I", "II", "III", "IV"][self.0 as usize - 1]
    }

    pub fn of(date: NaiveDate) -> Quarter {
        Quarter(((date.month0() / 3) + 1) as u8)
    }

    pub fn first_day(self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, u32::from(self.0) * 3 - 2, 1)
            .expect("a quarter starts on a valid day")
    }

    pub fn last_day(self, year: i32) -> NaiveDate {
        match Quarter::new(self.0 + 1) {
            Some(next) => next.first_day(year).pred_opt().expect("valid"),
            None => NaiveDate::from_ymd_opt(year, 12, 31).expect("valid"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct PlanId(pub i64);

/// The committee's approval of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanApproval {
    pub on: NaiveDate,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub id: PlanId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub year: i32,
    /// None while the plan is a draft.
    pub approval: Option<PlanApproval>,
    pub notes: String,
}

/// Everything the plan screen shows for one organisation and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanBoard {
    pub organisation: Organisation,
    pub year: i32,
    /// None when no plan was made for that year yet.
    pub plan: Option<Plan>,
    /// Whether last year's plan exists to copy from.
    pub can_copy_previous: bool,
    pub topics: Vec<Topic>,
    pub groups: Vec<TopicGroup>,
}

const SELECT: &str = "
    SELECT p.id, p.organisation_id, o.name AS organisation_name, p.year, p.approved_on,
           p.approved_by, p.notes
      FROM plan p JOIN organisation o ON o.id = p.organisation_id";

fn from_row(r: &Row) -> rusqlite::Result<Plan> {
    let on: Option<NaiveDate> = r.get("approved_on")?;
    let by: Option<String> = r.get("approved_by")?;
    Ok(Plan {
        id: PlanId(r.get("id")?),
        organisation_id: OrganisationId(r.get("organisation_id")?),
        organisation_name: r.get("organisation_name")?,
        year: r.get("year")?,
        approval: on.zip(by).map(|(on, by)| PlanApproval { on, by }),
        notes: r.get("notes")?,
    })
}

pub(crate) fn get(conn: &Connection, id: PlanId) -> Result<Plan> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "kế hoạch",
            id: id.0,
        })
}

pub(crate) fn find(conn: &Connection, org: OrganisationId, year: i32) -> Result<Option<Plan>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE p.organisation_id = ?1 AND p.year = ?2"),
            params![org.0, year],
            from_row,
        )
        .optional()?)
}

fn check_year(year: i32) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::invalid(
            Field::Year,
            format!("Năm {year} không hợp lệ (từ 2000 đến 2100)."),
        ))
    }
}

fn insert(conn: &Connection, org: OrganisationId, year: i32, action: &str) -> Result<Plan> {
    check_year(year)?;
    let organisation = organisation::get(conn, org)?;
    if organisation.retired_on.is_some() {
        return Err(Error::invalid(
            Field::Name,
            format!("{} đã ngừng hoạt động.", organisation.name),
        ));
    }
    if find(conn, org, year)?.is_some() {
        return Err(Error::invalid(
            Field::Year,
            format!("{} đã có kế hoạch năm {year}.", organisation.name),
        ));
    }
    let at = now();
    conn.execute(
        "INSERT INTO plan (organisation_id, year, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![org.0, year, at],
    )?;
    let plan = get(conn, PlanId(conn.last_insert_rowid()))?;
    audit::record(
        conn,
        Change {
            subject: Subject::Plan(plan.id.0),
            action,
            from: None,
            to: Some(format!("Năm {year}")),
            reason: None,
        },
    )?;
    Ok(plan)
}

pub(crate) fn board(
    conn: &Connection,
    org: OrganisationId,
    year: i32,
    today: NaiveDate,
) -> Result<PlanBoard> {
    let organisation = organisation::get(conn, org)?;
    let plan = find(conn, org, year)?;
    let topics = match &plan {
        Some(p) => topic::of_plan(conn, p.id, today)?,
        None => Vec::new(),
    };
    Ok(PlanBoard {
        can_copy_previous: plan.is_none() && find(conn, org, year - 1)?.is_some(),
        groups: topic_group::available(conn, org)?,
        organisation,
        year,
        plan,
        topics,
    })
}

impl Database {
    /// The plan of `org` for `year`, its topics and what the screen needs to edit them.
    pub fn plan_board(&self, org: OrganisationId, year: i32) -> Result<PlanBoard> {
        self.read(|c| board(c, org, year, crate::clock::today()))
    }

    /// Like [`Database::plan_board`], with "today" given (for overdue topics), for tests.
    pub fn plan_board_on(
        &self,
        org: OrganisationId,
        year: i32,
        today: NaiveDate,
    ) -> Result<PlanBoard> {
        self.read(|c| board(c, org, year, today))
    }

    pub fn plan(&self, id: PlanId) -> Result<Plan> {
        self.read(|c| get(c, id))
    }

    pub fn create_plan(&self, org: OrganisationId, year: i32) -> Result<Plan> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| insert(tx, org, year, "Lập kế hoạch"))
    }

    /// Starts `year`'s plan from last year's topics: same titles, groups, quarters and
    /// suggestions, planned dates moved a year on, nobody assigned, every topic planned.
    pub fn copy_previous_plan(&self, org: OrganisationId, year: i32) -> Result<Plan> {
        self.require(crate::permission::Action::EditPlans)?;
        self.write(|tx| {
            let previous = find(tx, org, year - 1)?.ok_or_else(|| {
                Error::invalid(
                    Field::Year,
                    format!("Không có kế hoạch năm {} để sao chép.", year - 1),
                )
            })?;
            let plan = insert(
                tx,
                org,
                year,
                &format!("Lập kế hoạch (sao chép từ kế hoạch năm {})", year - 1),
            )?;
            topic::copy_all(tx, previous.id, &plan)?;
            Ok(plan)
        })
    }

    /// The committee approves the plan. Later changes to its topics are amendments, and are
    /// recorded as such.
    pub fn approve_plan(&self, id: PlanId, on: NaiveDate) -> Result<Plan> {
        self.require(crate::permission::Action::ApprovePlan)?;
        self.write(|tx| {
            let plan = get(tx, id)?;
            if let Some(approval) = &plan.approval {
                return Err(Error::invalid(
                    Field::Year,
                    format!(
                        "Kế hoạch đã được duyệt ngày {}.",
                        approval.on.format("%d/%m/%Y")
                    ),
                ));
            }
            let by = crate::settings::actor(tx)?;
            tx.execute(
                "UPDATE plan SET approved_on = ?2, approved_by = ?3, updated_at = ?4 WHERE id = ?1",
                params![id.0, on, by, now()],
            )?;
            // The plan as approved is kept: printed later, it is this one.
            crate::minutes::plan_snapshot::take(tx, id, plan.organisation_id, plan.year)?;
            audit::record(
                tx,
                Change {
                    subject: Subject::Plan(id.0),
                    action: "Cấp ủy duyệt kế hoạch",
                    from: Some("Dự thảo".into()),
                    to: Some(format!("Đã duyệt ngày {}", on.format("%d/%m/%Y"))),
                    reason: None,
                },
            )?;
            get(tx, id)
        })
    }

    pub fn plan_history(&self, id: PlanId) -> Result<Vec<AuditEvent>> {
        self.read(|c| audit::history(c, Subject::Plan(id.0)))
    }
}
