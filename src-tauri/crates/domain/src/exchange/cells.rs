//! The đảng bộ's view of its cells, built from the packages they sent: for each cell, its plan
//! of the year, the sessions it held and the approvals, per quarter, and when it last sent.
//! A cell belongs to this đảng bộ when the đảng bộ its records name is this one (the same UUID)
//! or bears the same name (each cell's machine keeps its own record of its đảng bộ).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::receive::{day, when};
use super::records::uid_of;
use crate::error::Result;
use crate::organisation::OrganisationId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedQuarter {
    pub quarter: u8,
    /// Topics of the plan in this quarter (cancelled ones left out).
    pub topics: u32,
    /// Thematic sessions held in this quarter.
    pub sessions_held: u32,
    /// Topics of this quarter the committee approved.
    pub approved: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedSession {
    pub uid: String,
    /// dd/mm/yyyy
    pub held_on: String,
    pub thematic: bool,
    pub topics: Vec<String>,
    pub present: u32,
    pub called: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellReport {
    pub uid: String,
    pub name: String,
    /// Who sent its last package.
    pub source_label: String,
    /// When its last package was made (dd/mm/yyyy hh:mm).
    pub last_sent: String,
    /// The plan of the year: None when none came; Some(approved on, or empty while a draft).
    pub plan_approved_on: Option<String>,
    pub quarters: Vec<ReceivedQuarter>,
    pub sessions: Vec<ReceivedSession>,
}

/// A topic of the đảng bộ's plan, as it came down to a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedTopic {
    pub title: String,
    pub quarter: u8,
    /// The topic's state, in words ("Đã duyệt").
    pub state: String,
    /// dd/mm/yyyy, or empty.
    pub planned_on: String,
    pub suggestions: String,
}

/// What the đảng bộ above a cell sent down: its plan of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuidanceReceived {
    pub organisation_name: String,
    pub source_label: String,
    pub last_sent: String,
    /// The plan of the year: None when none came; Some(approved on, or empty while a draft).
    pub plan_approved_on: Option<String>,
    pub topics: Vec<ReceivedTopic>,
}

/// The plan of `year` that the đảng bộ above `cell` sent down, if any came.
pub(crate) fn guidance_of(
    conn: &Connection,
    cell: OrganisationId,
    year: i32,
) -> Result<Option<GuidanceReceived>> {
    let parent: Option<(i64, String)> = conn
        .query_row(
            "SELECT p.id, p.name_key FROM organisation c JOIN organisation p ON p.id = c.parent_id WHERE c.id = ?1",
            [cell.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((parent_id, parent_key)) = parent else {
        return Ok(None);
    };
    let parent_uid = uid_of(conn, "organisation", parent_id)?.unwrap_or_default();
    let Some((uid, committee)) = bodies(conn, "organisation")?.into_iter().find(|(u, b)| {
        s(b, "kind") == "party_committee_org"
            && (*u == parent_uid || s(b, "name_key") == parent_key)
    }) else {
        return Ok(None);
    };
    let (source_label, created_at) = last_package(conn, &uid);
    let plan = bodies(conn, "plan")?.into_iter().find(|(_, p)| {
        s(p, "organisation") == uid && p.get("year").and_then(Value::as_i64) == Some(year as i64)
    });
    let mut topics: Vec<ReceivedTopic> = match &plan {
        Some((plan_uid, _)) => bodies(conn, "topic")?
            .into_iter()
            .filter(|(_, t)| s(t, "plan") == plan_uid)
            .map(|(_, t)| ReceivedTopic {
                title: s(&t, "title").to_string(),
                quarter: t.get("quarter").and_then(Value::as_u64).unwrap_or(0) as u8,
                state: crate::topic_state::TopicState::parse(s(&t, "state"))
                    .map(|st| st.label().to_string())
                    .unwrap_or_default(),
                planned_on: day(s(&t, "planned_on")),
                suggestions: s(&t, "suggestions").to_string(),
            })
            .collect(),
        None => Vec::new(),
    };
    topics.sort_by(|a, b| a.quarter.cmp(&b.quarter).then(a.title.cmp(&b.title)));
    Ok(Some(GuidanceReceived {
        organisation_name: s(&committee, "name").to_string(),
        source_label,
        last_sent: when(&created_at),
        plan_approved_on: plan.map(|(_, p)| day(s(&p, "approved_on"))),
        topics,
    }))
}

/// Who sent the newest package about organisation `uid`, and when it was made.
fn last_package(conn: &Connection, uid: &str) -> (String, String) {
    conn.query_row(
        "SELECT source_label, created_at FROM received_package
          WHERE json_extract(manifest, '$.scope.organisation') = ?1 ORDER BY created_at DESC LIMIT 1",
        [uid],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap_or_default()
}

fn bodies(conn: &Connection, kind: &str) -> Result<Vec<(String, Value)>> {
    let mut stmt =
        conn.prepare("SELECT uid, body FROM received_record WHERE kind = ?1 ORDER BY uid")?;
    let rows = stmt.query_map([kind], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (uid, body) = row?;
        out.push((uid, serde_json::from_str(&body).unwrap_or(Value::Null)));
    }
    Ok(out)
}

fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get(field).and_then(Value::as_str).unwrap_or("")
}

fn quarter_of(iso: &str) -> Option<u8> {
    iso.get(5..7)?.parse::<u8>().ok().map(|m| (m + 2) / 3)
}

pub(crate) fn cells_of(
    conn: &Connection,
    committee: OrganisationId,
    year: i32,
) -> Result<Vec<CellReport>> {
    let my_uid = uid_of(conn, "organisation", committee.0)?.unwrap_or_default();
    let my_key: String = conn.query_row(
        "SELECT name_key FROM organisation WHERE id = ?1",
        [committee.0],
        |r| r.get(0),
    )?;
    let organisations = bodies(conn, "organisation")?;
    let name_key_of = |uid: &str| {
        organisations
            .iter()
            .find(|(u, _)| u == uid)
            .map(|(_, b)| s(b, "name_key").to_string())
    };
    let plans = bodies(conn, "plan")?;
    let topics = bodies(conn, "topic")?;
    let sessions = bodies(conn, "session")?;
    let submissions = bodies(conn, "submission")?;
    let mut reports = Vec::new();
    for (uid, cell) in &organisations {
        let parent = s(cell, "parent");
        if s(cell, "kind") != "cell"
            || (parent != my_uid && name_key_of(parent).as_deref() != Some(my_key.as_str()))
        {
            continue;
        }
        let (source_label, created_at) = last_package(conn, uid);
        let plan = plans.iter().find(|(_, p)| {
            s(p, "organisation") == uid
                && p.get("year").and_then(Value::as_i64) == Some(year as i64)
        });
        let mut quarters: BTreeMap<u8, ReceivedQuarter> = (1..=4)
            .map(|q| {
                (
                    q,
                    ReceivedQuarter {
                        quarter: q,
                        topics: 0,
                        sessions_held: 0,
                        approved: 0,
                    },
                )
            })
            .collect();
        let mut titles = BTreeMap::new();
        if let Some((plan_uid, _)) = plan {
            for (topic_uid, t) in topics.iter().filter(|(_, t)| s(t, "plan") == plan_uid) {
                titles.insert(topic_uid.clone(), s(t, "title").to_string());
                let q = t.get("quarter").and_then(Value::as_u64).unwrap_or(0) as u8;
                let Some(entry) = quarters.get_mut(&q) else {
                    continue;
                };
                if s(t, "state") != "cancelled" {
                    entry.topics += 1;
                }
                if submissions.iter().any(|(_, sub)| {
                    s(sub, "topic") == topic_uid && s(sub, "decision") == "approved"
                }) {
                    entry.approved += 1;
                }
            }
        }
        let mut held = Vec::new();
        for (session_uid, session) in sessions.iter().filter(|(_, x)| s(x, "organisation") == uid) {
            let on = s(session, "held_on");
            if !on.starts_with(&year.to_string()) {
                continue;
            }
            let thematic = s(session, "kind") == "thematic";
            if let (true, Some(q)) = (thematic, quarter_of(on)) {
                if let Some(entry) = quarters.get_mut(&q) {
                    entry.sessions_held += 1;
                }
            }
            let attendance = session
                .get("attendance")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            held.push((
                on.to_string(),
                ReceivedSession {
                    uid: session_uid.clone(),
                    held_on: day(on),
                    thematic,
                    topics: session
                        .get("topics")
                        .and_then(Value::as_array)
                        .map(|ts| {
                            ts.iter()
                                .filter_map(|t| titles.get(s(t, "topic")).cloned())
                                .collect()
                        })
                        .unwrap_or_default(),
                    present: attendance
                        .iter()
                        .filter(|a| s(a, "status") == "present")
                        .count() as u32,
                    called: attendance.len() as u32,
                },
            ));
        }
        held.sort_by(|a, b| a.0.cmp(&b.0));
        reports.push(CellReport {
            uid: uid.clone(),
            name: s(cell, "name").to_string(),
            source_label,
            last_sent: when(&created_at),
            plan_approved_on: plan.map(|(_, p)| day(s(p, "approved_on")).to_string()),
            quarters: quarters.into_values().collect(),
            sessions: held.into_iter().map(|(_, session)| session).collect(),
        });
    }
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(reports)
}
