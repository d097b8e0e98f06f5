//! What a package holds: an organisation's year (its plan, topics, their outlines, the sessions
//! it held that year with what was said and decided, the minutes, the trail of all of it), or one
//! topic of that year with the sessions that presented it.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::{kind, Kind};
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;
use crate::topic::TopicId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportScope {
    pub organisation_id: OrganisationId,
    pub year: i32,
    /// Only this topic of the year (and the sessions that presented it).
    pub topic_id: Option<TopicId>,
}

fn ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("ids serialise")
}

/// The records of `scope`, each kind in the order of [`super::records::KINDS`].
pub(crate) fn select(conn: &Connection, scope: ExportScope) -> Result<Vec<(&'static Kind, i64)>> {
    if !(2000..=2100).contains(&scope.year) {
        return Err(Error::invalid(
            Field::Year,
            "Năm phải trong khoảng 2000–2100.",
        ));
    }
    let org = scope.organisation_id.0;
    let organisations = ids(
        conn,
        "SELECT id FROM organisation WHERE id = ?1
         UNION SELECT parent_id FROM organisation WHERE id = ?1 AND parent_id IS NOT NULL",
        [org],
    )?;
    if organisations.is_empty() {
        return Err(Error::NotFound {
            what: "tổ chức",
            id: org,
        });
    }
    let members = ids(
        conn,
        "SELECT id FROM member WHERE organisation_id = ?1 ORDER BY id",
        [org],
    )?;
    let plans = ids(
        conn,
        "SELECT id FROM plan WHERE organisation_id = ?1 AND year = ?2",
        rusqlite::params![org, scope.year],
    )?;
    let topics = ids(
        conn,
        "SELECT id FROM topic WHERE plan_id IN (SELECT value FROM json_each(?1))
            AND (?2 IS NULL OR id = ?2) ORDER BY id",
        rusqlite::params![json(&plans), scope.topic_id.map(|t| t.0)],
    )?;
    if let Some(topic) = scope.topic_id {
        if topics.is_empty() {
            return Err(Error::NotFound {
                what: "chuyên đề trong kế hoạch năm này",
                id: topic.0,
            });
        }
    }
    let sessions = ids(
        conn,
        "SELECT id FROM session WHERE organisation_id = ?1 AND substr(held_on, 1, 4) = ?2
            AND (?3 IS NULL OR id IN (SELECT session_id FROM session_topic WHERE topic_id = ?3))
          ORDER BY id",
        rusqlite::params![org, scope.year.to_string(), scope.topic_id.map(|t| t.0)],
    )?;
    let (t, s) = (json(&topics), json(&sessions));
    let in_topics = "IN (SELECT value FROM json_each(?1))";
    let versions = ids(
        conn,
        &format!("SELECT id FROM outline_version WHERE topic_id {in_topics} ORDER BY id"),
        [&t],
    )?;
    let guests = ids(
        conn,
        &format!("SELECT id FROM session_guest WHERE session_id {in_topics} ORDER BY id"),
        [&s],
    )?;
    let comments = ids(
        conn,
        &format!("SELECT id FROM comment WHERE session_id {in_topics} ORDER BY id"),
        [&s],
    )?;
    let submissions = ids(
        conn,
        &format!("SELECT id FROM submission WHERE topic_id {in_topics} ORDER BY id"),
        [&t],
    )?;
    let minutes = ids(
        conn,
        &format!("SELECT id FROM minutes_revision WHERE session_id {in_topics} ORDER BY id"),
        [&s],
    )?;
    let audit = ids(
        conn,
        "SELECT id FROM audit_event
          WHERE (entity = 'organisation' AND entity_id = ?1 AND ?6 IS NULL)
             OR (entity = 'member' AND entity_id IN (SELECT value FROM json_each(?2)) AND ?6 IS NULL)
             OR (entity = 'plan' AND entity_id IN (SELECT value FROM json_each(?3)) AND ?6 IS NULL)
             OR (entity = 'topic' AND entity_id IN (SELECT value FROM json_each(?4)))
             OR (entity = 'session' AND entity_id IN (SELECT value FROM json_each(?5)))
          ORDER BY id",
        rusqlite::params![org, json(&members), json(&plans), t, s, scope.topic_id.map(|t| t.0)],
    )?;
    let mut out = Vec::new();
    for (name, list) in [
        ("organisation", organisations),
        ("member", members),
        ("plan", plans),
        ("topic", topics),
        ("outline_version", versions),
        ("session", sessions),
        ("session_guest", guests),
        ("comment", comments),
        ("submission", submissions),
        ("minutes_revision", minutes),
        ("audit_event", audit),
    ] {
        let k = kind(name).expect("every kind selected is a kind that travels");
        out.extend(list.into_iter().map(|id| (k, id)));
    }
    Ok(out)
}
