//! The audit trail: who changed what, when, from what to what, and why. Rows are written by
//! the same transaction as the change they describe, so a change that fails leaves none.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::now;
use crate::error::Result;
use crate::settings;
use crate::topic_state::TopicState;

/// What an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Plan(i64),
    Topic(i64),
}

impl Subject {
    fn parts(self) -> (&'static str, i64) {
        match self {
            Subject::Plan(id) => ("plan", id),
            Subject::Topic(id) => ("topic", id),
        }
    }
}

/// One change, as recorded. `from` and `to` are kept as the words people saw ("Quý I",
/// "Đang soạn đề cương"), so the trail reads the same whatever later versions rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEvent {
    pub at: String,
    pub actor: String,
    /// What happened, in Vietnamese: "Tạo chuyên đề", "Hoãn sang quý khác", …
    pub action: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: Option<String>,
}

/// A change about to be recorded.
pub(crate) struct Change<'a> {
    pub subject: Subject,
    pub action: &'a str,
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: Option<String>,
}

pub(crate) fn record(conn: &Connection, change: Change) -> Result<()> {
    insert(conn, change, None)
}

/// Records a change of a topic's state. Written BEFORE the topic's row changes: the row's
/// raw states leave the ticket that the database's trigger asks of the UPDATE (migration 5).
/// Only the cycle module calls this.
pub(crate) fn record_state_change(
    conn: &Connection,
    change: Change,
    from: TopicState,
    to: TopicState,
) -> Result<()> {
    insert(conn, change, Some((from, to)))
}

fn insert(
    conn: &Connection,
    change: Change,
    states: Option<(TopicState, TopicState)>,
) -> Result<()> {
    let (entity, id) = change.subject.parts();
    conn.execute(
        "INSERT INTO audit_event (at, actor, entity, entity_id, action, from_text, to_text, reason,
                                  from_state, to_state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            now(),
            settings::actor(conn)?,
            entity,
            id,
            change.action,
            change.from,
            change.to,
            change.reason,
            states.map(|s| s.0.as_str()),
            states.map(|s| s.1.as_str()),
        ],
    )?;
    Ok(())
}

pub(crate) fn history(conn: &Connection, subject: Subject) -> Result<Vec<AuditEvent>> {
    let (entity, id) = subject.parts();
    let mut stmt = conn.prepare(
        "SELECT at, actor, action, from_text, to_text, reason FROM audit_event
          WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, id], |r| {
        Ok(AuditEvent {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            from: r.get(3)?,
            to: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Number of audit rows, for tests that check a failed change left none.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0))?)
}
