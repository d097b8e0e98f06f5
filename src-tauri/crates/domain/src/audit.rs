//! The audit trail: who changed what, when, from what to what, and why. Rows are written by
//! the same transaction as the change they describe, so a change that fails leaves none.
//!
//! The trail is tamper-evident: each entry carries the hash of the entry before it and its own
//! hash over a canonical encoding of its fields (see [`chain`]); [`verify`] walks it. The
//! `audit_head` row remembers the newest entry, so removing entries at the end shows too.
//!
//! Every change the library makes to the data is one entry, written in the change's own
//! transaction: organisations, members and their periods, terms, topic groups, plans, topics,
//! outline versions, the cycle's steps (submissions and decisions among them), sessions,
//! attendance, guests, comments, answers, the conclusion and its vote, minutes, settings and
//! exported files. Some changes carry a second entry for what they set off (a session moves
//! the topics presented in it; the last answer can complete a revision). Not recorded, on
//! purpose: what someone is typing and has not saved (`draft`), the window's last place, the
//! search index (derived from recorded data) and backups (copies, not changes). Text saved as
//! it is typed (the conclusion, the minutes' body) is recorded by its SHA-256 (`digest`), not
//! copied into each entry.

mod chain;
pub mod verify;

pub use chain::GENESIS;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::now;
use crate::error::Result;
use crate::settings;
use crate::topic_state::TopicState;

/// What an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Organisation(i64),
    Member(i64),
    Plan(i64),
    Topic(i64),
    /// A session and what belongs to it: attendance, guests, comments, the conclusion and its
    /// vote, the minutes.
    Session(i64),
    /// This workstation's settings (the profile name), the keys of others it confirmed, and
    /// sign-ins under a name with no account.
    Workstation,
    /// An exchange package received (its row in `received_package`).
    Package(i64),
    /// An account: its creation, resets, deactivation, sign-ins.
    Account(i64),
}

impl Subject {
    pub(crate) fn parts(self) -> (&'static str, i64) {
        match self {
            Subject::Organisation(id) => ("organisation", id),
            Subject::Member(id) => ("member", id),
            Subject::Plan(id) => ("plan", id),
            Subject::Topic(id) => ("topic", id),
            Subject::Session(id) => ("session", id),
            Subject::Workstation => ("workstation", 0),
            Subject::Package(id) => ("package", id),
            Subject::Account(id) => ("account", id),
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

impl<'a> Change<'a> {
    /// A change with only its subject and action; `to`, `from` and `reason` add the rest.
    pub fn new(subject: Subject, action: &'a str) -> Self {
        Change {
            subject,
            action,
            from: None,
            to: None,
            reason: None,
        }
    }

    pub fn to(mut self, to: impl Into<String>) -> Self {
        self.to = Some(to.into());
        self
    }

    pub fn from(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        self.reason = (!reason.trim().is_empty()).then_some(reason);
        self
    }
}

/// A date as the trail (and every screen) writes it: 06/06/2024.
pub(crate) fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub(crate) fn record(conn: &Connection, change: Change) -> Result<()> {
    insert(conn, change, None, None)
}

/// Records a change made by `actor` rather than the account acting: a sign-in, whose person is
/// not signed in yet.
pub(crate) fn record_as(conn: &Connection, change: Change, actor: &str) -> Result<()> {
    insert_as(conn, change, None, None, Some(actor))
}

/// Records a change together with the SHA-256 (hex) of what it stored or wrote: an outline's
/// original, an exported file, a text too long to keep in the trail itself (a conclusion typed
/// in a meeting). `verify` checks stored originals against the digest recorded at import.
pub(crate) fn record_digest(conn: &Connection, change: Change, digest: String) -> Result<()> {
    insert(conn, change, None, Some(digest))
}

/// The SHA-256 of a text, as the trail records it (lower-case hex).
pub(crate) fn digest_of(bytes: &[u8]) -> String {
    chain::sha256_hex(bytes)
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
    insert(conn, change, Some((from, to)), None)
}

/// Appends the entry after the newest one, chained to it. The caller's write transaction
/// (immediate) holds the lock, so no other writer can slip an entry in between.
fn insert(
    conn: &Connection,
    change: Change,
    states: Option<(TopicState, TopicState)>,
    digest: Option<String>,
) -> Result<()> {
    insert_as(conn, change, states, digest, None)
}

fn insert_as(
    conn: &Connection,
    change: Change,
    states: Option<(TopicState, TopicState)>,
    digest: Option<String>,
    actor: Option<&str>,
) -> Result<()> {
    let (entity, entity_id) = change.subject.parts();
    let (last_id, prev_hash): (i64, String) = conn
        .query_row(
            "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_string()));
    let entry = chain::Entry {
        id: last_id + 1,
        prev_hash,
        at: now(),
        actor: match actor {
            Some(a) => a.to_string(),
            None => settings::actor(conn)?,
        },
        entity: entity.to_string(),
        entity_id,
        action: change.action.to_string(),
        from_text: change.from,
        to_text: change.to,
        reason: change.reason,
        from_state: states.map(|s| s.0.as_str().to_string()),
        to_state: states.map(|s| s.1.as_str().to_string()),
        digest,
    };
    let hash = entry.hash();
    conn.execute(
        "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, from_text, to_text, reason,
                                  from_state, to_state, digest, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            entry.id,
            entry.at,
            entry.actor,
            entry.entity,
            entry.entity_id,
            entry.action,
            entry.from_text,
            entry.to_text,
            entry.reason,
            entry.from_state,
            entry.to_state,
            entry.digest,
            entry.prev_hash,
            hash,
        ],
    )?;
    Ok(())
}

/// Makes the trail's hash available to SQL as `chuyende_audit_hash(…)`, for the migration that
/// chains the entries written before the chain existed. Nothing in the schema calls it, so
/// the file stays usable with any SQLite tool.
pub(crate) fn register_sql_hash(conn: &Connection) -> rusqlite::Result<()> {
    chain::register(conn)
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
