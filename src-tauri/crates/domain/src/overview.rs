//! What needs doing (*Tổng quan*), for an organisation and its cells: an outline not in by its
//! topic's date, a draft not passed a day before the session, minutes of a past session not
//! signed, a submission waiting for the committee's decision — of this year and last year. Each item says what and where in
//! Vietnamese and names the screen where it is dealt with.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::db::Database;
use crate::error::Result;
use crate::organisation::{self, OrganisationId};
use crate::plan::Quarter;
use crate::settings::Screen;
use crate::topic_state::TopicState;

/// The most items the overview lists; the count says how many there are in all.
pub const MAX_ITEMS: usize = 100;

/// What is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OverdueKind {
    /// Đề cương chưa nộp: no outline by the topic's date.
    OutlineLate,
    /// Dự thảo chưa thông qua: not passed a day before the session.
    DraftNotPassed,
    /// Biên bản chưa ký.
    MinutesNotSigned,
    /// Chờ cấp ủy quyết định.
    DecisionWaiting,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverdueItem {
    pub kind: OverdueKind,
    /// The day it was due (or, for a decision, the day it was submitted).
    pub since: NaiveDate,
    /// In Vietnamese: what, of which cell.
    pub text: String,
    pub organisation_id: OrganisationId,
    /// Where it is dealt with.
    pub screen: Screen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Overdue {
    pub as_of: NaiveDate,
    /// The oldest first, at most [`MAX_ITEMS`].
    pub items: Vec<OverdueItem>,
    /// How many there are in all.
    pub total: i64,
}

/// The organisation and its cells, as SQL: `o` is the organisation row.
const OF_ORG: &str = "(o.id = ?1 OR o.parent_id = ?1) AND o.retired_on IS NULL";

fn topics_late(
    conn: &Connection,
    org: OrganisationId,
    today: NaiveDate,
) -> Result<Vec<OverdueItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.title, o.name, o.id, p.year, t.quarter, t.planned_on, t.state,
                EXISTS (SELECT 1 FROM outline_version v WHERE v.topic_id = t.id)
           FROM topic t JOIN plan p ON p.id = t.plan_id JOIN organisation o ON o.id = p.organisation_id
          WHERE {OF_ORG} AND t.state IN (?2, ?3) AND p.year BETWEEN ?4 - 1 AND ?4"
    ))?;
    let rows = stmt.query_map(
        params![
            org.0,
            TopicState::Planned.as_str(),
            TopicState::Drafting.as_str(),
            today.year()
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i32>(3)?,
                r.get::<_, u8>(4)?,
                r.get::<_, Option<NaiveDate>>(5)?,
                r.get::<_, bool>(7)?,
            ))
        },
    )?;
    let mut items = Vec::new();
    // Each cell's days of notice for the draft (a setting), read once per cell.
    let mut leads: Vec<(i64, i64)> = Vec::new();
    for row in rows {
        let (title, cell, cell_id, year, quarter, planned_on, has_outline) = row?;
        let lead = match leads.iter().find(|(id, _)| *id == cell_id) {
            Some((_, lead)) => *lead,
            None => {
                let lead =
                    crate::session::settings_of(conn, OrganisationId(cell_id))?.draft_lead_days;
                leads.push((cell_id, lead));
                lead
            }
        };
        let Some(quarter) = Quarter::new(quarter) else {
            continue;
        };
        let due = planned_on.unwrap_or_else(|| quarter.last_day(year));
        let item = |kind, since: NaiveDate, text: String| OverdueItem {
            kind,
            since,
            text,
            organisation_id: OrganisationId(cell_id),
            screen: Screen::Plans,
        };
        if !has_outline && due < today {
            items.push(item(
                OverdueKind::OutlineLate,
                due,
                format!(
                    "Chuyên đề “{title}” ({cell}): chưa có đề cương, hạn ngày {}.",
                    audit::date(due)
                ),
            ));
        } else if has_outline && today > due - Duration::days(lead) {
            let pass_by = due - Duration::days(lead);
            items.push(item(
                OverdueKind::DraftNotPassed,
                pass_by,
                format!(
                    "Chuyên đề “{title}” ({cell}): dự thảo chưa được thông qua và gửi đảng viên, hạn ngày {} (trước buổi sinh hoạt ngày {}).",
                    audit::date(pass_by),
                    audit::date(due)
                ),
            ));
        }
    }
    Ok(items)
}

fn minutes_not_signed(
    conn: &Connection,
    org: OrganisationId,
    today: NaiveDate,
) -> Result<Vec<OverdueItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT s.held_on, o.name, o.id FROM session s JOIN organisation o ON o.id = s.organisation_id
          WHERE {OF_ORG} AND s.held_on < ?2 AND s.held_on >= ?3
            AND NOT EXISTS (SELECT 1 FROM minutes_revision m WHERE m.session_id = s.id AND m.signed_on IS NOT NULL)
          ORDER BY s.held_on"
    ))?;
    // This year's and last year's, as for topics: older records are the archive's matter.
    let since = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
    let rows = stmt.query_map(params![org.0, today, since], |r| {
        Ok((
            r.get::<_, NaiveDate>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (held_on, cell, cell_id) = row?;
        Ok(OverdueItem {
            kind: OverdueKind::MinutesNotSigned,
            since: held_on,
            text: format!(
                "Biên bản buổi sinh hoạt ngày {} ({cell}) chưa được ký.",
                audit::date(held_on)
            ),
            organisation_id: OrganisationId(cell_id),
            screen: Screen::Sessions,
        })
    })
    .collect()
}

fn decisions_waiting(conn: &Connection, org: OrganisationId) -> Result<Vec<OverdueItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT substr(sub.submitted_at, 1, 10), t.title, o.name, o.id
           FROM submission sub JOIN topic t ON t.id = sub.topic_id JOIN plan p ON p.id = t.plan_id
           JOIN organisation o ON o.id = p.organisation_id
          WHERE {OF_ORG} AND sub.decision IS NULL ORDER BY sub.submitted_at"
    ))?;
    let rows = stmt.query_map([org.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (on, title, cell, cell_id) = row?;
        let Ok(since) = NaiveDate::parse_from_str(&on, "%Y-%m-%d") else {
            continue;
        };
        items.push(OverdueItem {
            kind: OverdueKind::DecisionWaiting,
            since,
            text: format!(
                "Chuyên đề “{title}” ({cell}) chờ cấp ủy quyết định từ ngày {}.",
                audit::date(since)
            ),
            organisation_id: OrganisationId(cell_id),
            screen: Screen::Approvals,
        });
    }
    Ok(items)
}

pub(crate) fn of(conn: &Connection, org: OrganisationId, today: NaiveDate) -> Result<Overdue> {
    organisation::get(conn, org)?;
    let mut items = topics_late(conn, org, today)?;
    items.extend(minutes_not_signed(conn, org, today)?);
    items.extend(decisions_waiting(conn, org)?);
    items.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.text.cmp(&b.text)));
    let total = items.len() as i64;
    items.truncate(MAX_ITEMS);
    Ok(Overdue {
        as_of: today,
        items,
        total,
    })
}

impl Database {
    /// What is overdue in `org` and its cells, today.
    pub fn overdue(&self, org: OrganisationId) -> Result<Overdue> {
        self.overdue_on(org, self.today())
    }

    /// Like [`Database::overdue`], as of `today`.
    pub fn overdue_on(&self, org: OrganisationId, today: NaiveDate) -> Result<Overdue> {
        self.read(|c| of(c, org, today))
    }
}

/// A topic still to be presented, by its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NextSession {
    pub on: NaiveDate,
    pub topic_title: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub state_label: String,
}

/// How many of a cell's topics of this quarter are in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StateCount {
    pub state: TopicState,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellQuarter {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// Only the states that have topics, in the cycle's order.
    pub states: Vec<StateCount>,
}

/// What comes next this year: the sessions ahead and this quarter's topics of each cell by
/// state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Upcoming {
    pub as_of: NaiveDate,
    pub quarter_label: String,
    /// The next few, soonest first.
    pub next_sessions: Vec<NextSession>,
    pub this_quarter: Vec<CellQuarter>,
}

/// How many sessions ahead the overview shows.
pub const NEXT_SESSIONS: usize = 5;

/// Topics of the organisation and its cells in `year`: (title, cell id, cell name, quarter,
/// planned on, state).
pub(crate) type TopicRow = (String, i64, String, u8, Option<NaiveDate>, String);

pub(crate) fn topics_of_year(conn: &Connection, org: OrganisationId, year: i32) -> Result<Vec<TopicRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.title, o.id, o.name, t.quarter, t.planned_on, t.state
           FROM topic t JOIN plan p ON p.id = t.plan_id JOIN organisation o ON o.id = p.organisation_id
          WHERE {OF_ORG} AND p.year = ?2 ORDER BY o.name_key, o.id, t.id"
    ))?;
    let rows = stmt.query_map(params![org.0, year], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn upcoming(
    conn: &Connection,
    org: OrganisationId,
    today: NaiveDate,
) -> Result<Upcoming> {
    organisation::get(conn, org)?;
    let quarter = Quarter::of(today);
    let year = today.year();
    let rows = topics_of_year(conn, org, year)?;
    let mut next = Vec::new();
    let mut cells: Vec<CellQuarter> = Vec::new();
    for (title, cell_id, cell, q, planned_on, state) in rows {
        let (Some(q), Some(state)) = (Quarter::new(q), TopicState::parse(&state)) else {
            continue;
        };
        let due = planned_on.unwrap_or_else(|| q.last_day(year));
        if state.before_session() && due >= today {
            next.push(NextSession {
                on: due,
                topic_title: title,
                organisation_id: OrganisationId(cell_id),
                organisation_name: cell.clone(),
                state_label: state.label().into(),
            });
        }
        if q == quarter {
            let entry = match cells.iter_mut().find(|c| c.organisation_id.0 == cell_id) {
                Some(e) => e,
                None => {
                    cells.push(CellQuarter {
                        organisation_id: OrganisationId(cell_id),
                        organisation_name: cell,
                        states: Vec::new(),
                    });
                    cells.last_mut().expect("just pushed")
                }
            };
            match entry.states.iter_mut().find(|s| s.state == state) {
                Some(s) => s.count += 1,
                None => entry.states.push(StateCount {
                    state,
                    label: state.label().into(),
                    count: 1,
                }),
            }
        }
    }
    next.sort_by(|a, b| {
        a.on.cmp(&b.on)
            .then_with(|| a.topic_title.cmp(&b.topic_title))
    });
    next.truncate(NEXT_SESSIONS);
    for c in &mut cells {
        c.states
            .sort_by_key(|s| TopicState::ALL.iter().position(|x| *x == s.state));
    }
    Ok(Upcoming {
        as_of: today,
        quarter_label: format!("{} năm {}", quarter.label(), today.year()),
        next_sessions: next,
        this_quarter: cells,
    })
}

impl Database {
    /// The sessions ahead and this quarter's topics by state, in `org` and its cells, today.
    pub fn upcoming(&self, org: OrganisationId) -> Result<Upcoming> {
        self.upcoming_on(org, self.today())
    }

    /// Like [`Database::upcoming`], as of `today`.
    pub fn upcoming_on(&self, org: OrganisationId, today: NaiveDate) -> Result<Upcoming> {
        self.read(|c| upcoming(c, org, today))
    }
}
