//! The canonical encoding of an audit entry and its hash: the one definition the writer, the
//! chaining migration and `verify` share.
//!
//! `hash = lower-case hex of SHA-256(TAG ‖ field₁ ‖ … ‖ field₁₃)` where `TAG` is the ASCII bytes
//! `chuyende-audit-v1` and the fields come in this order:
//! `id, prev_hash, at, actor, entity, entity_id, action, from_text, to_text, reason, from_state,
//! to_state, digest`. Each field is encoded as one byte `0x00` when NULL, or as one byte `0x01`,
//! the length of its UTF-8 bytes as 8 bytes big-endian, then those bytes. Integers (`id`,
//! `entity_id`) are written as their decimal text. The length prefix makes the encoding
//! unambiguous (no two different entries encode alike, whatever their text holds); the id in the
//! hash makes an entry moved to another place in the trail fail its own hash.
//!
//! `prev_hash` is the hash of the entry with the id before; the first entry's is [`GENESIS`].

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry of a trail.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const TAG: &[u8] = b"chuyende-audit-v1";

/// An audit entry's fields, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub id: i64,
    pub prev_hash: String,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub from_text: Option<String>,
    pub to_text: Option<String>,
    pub reason: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub digest: Option<String>,
}

impl Entry {
    pub fn hash(&self) -> String {
        let id = self.id.to_string();
        let entity_id = self.entity_id.to_string();
        hash_fields(&[
            Some(&id),
            Some(&self.prev_hash),
            Some(&self.at),
            Some(&self.actor),
            Some(&self.entity),
            Some(&entity_id),
            Some(&self.action),
            self.from_text.as_deref(),
            self.to_text.as_deref(),
            self.reason.as_deref(),
            self.from_state.as_deref(),
            self.to_state.as_deref(),
            self.digest.as_deref(),
        ])
    }
}

fn hash_fields(fields: &[Option<&str>]) -> String {
    let mut h = Sha256::new();
    h.update(TAG);
    for field in fields {
        match field {
            None => h.update([0u8]),
            Some(text) => {
                h.update([1u8]);
                h.update((text.len() as u64).to_be_bytes());
                h.update(text.as_bytes());
            }
        }
    }
    hex(&h.finalize())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `chuyende_audit_hash(id, prev_hash, at, actor, entity, entity_id, action, from_text, to_text,
/// reason, from_state, to_state, digest)`: [`Entry::hash`] for SQL.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "chuyende_audit_hash",
        13,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i: usize| ctx.get::<Option<String>>(i);
            Ok(Entry {
                id: ctx.get(0)?,
                prev_hash: ctx.get(1)?,
                at: ctx.get(2)?,
                actor: ctx.get(3)?,
                entity: ctx.get(4)?,
                entity_id: ctx.get(5)?,
                action: ctx.get(6)?,
                from_text: text(7)?,
                to_text: text(8)?,
                reason: text(9)?,
                from_state: text(10)?,
                to_state: text(11)?,
                digest: text(12)?,
            }
            .hash())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            id: 1,
            prev_hash: GENESIS.into(),
            at: "2026-11-30T10:00:00+07:00".into(),
            actor: "Nguyễn Văn A".into(),
            entity: "topic".into(),
            entity_id: 7,
            action: "Tạo chuyên đề".into(),
            from_text: None,
            to_text: Some("Quý I".into()),
            reason: None,
            from_state: None,
            to_state: None,
            digest: None,
        }
    }

    #[test]
    fn the_encoding_tells_a_missing_field_from_an_empty_one_and_text_moved_between_fields() {
        let a = entry();
        let mut empty = entry();
        empty.from_text = Some(String::new());
        let mut moved = entry();
        moved.from_text = Some("Quý I".into());
        moved.to_text = None;
        assert_ne!(a.hash(), empty.hash(), "NULL and '' hash differently");
        assert_ne!(
            a.hash(),
            moved.hash(),
            "the same text in another field hashes differently"
        );
        assert_eq!(
            a.hash(),
            entry().hash(),
            "the hash depends on the fields only"
        );
        assert_eq!(a.hash().len(), 64);
    }

    #[test]
    fn sql_computes_the_same_hash_as_the_writer() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let e = entry();
        let from_sql: String = conn
            .query_row(
                "SELECT chuyende_audit_hash(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                rusqlite::params![
                    e.id, e.prev_hash, e.at, e.actor, e.entity, e.entity_id, e.action, e.from_text,
                    e.to_text, e.reason, e.from_state, e.to_state, e.digest
                ],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(from_sql, e.hash());
    }
}
