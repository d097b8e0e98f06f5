//! Records as they travel: each row of a table that can travel, as canonical JSON keyed by its
//! UUID, its local integer keys replaced by the UUIDs of what they point at (topic groups, which
//! every workstation numbers on its own, by name). What belongs to a record without an id of its
//! own (a session's attendance, a topic's assignees) travels inside it. The same function makes
//! the body on the workstation that sends and on the one that compares, so "the same record"
//! means the same bytes.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// What a column of integer keys points at.
#[derive(Clone, Copy)]
enum Ref {
    /// Another record that travels: its UUID.
    Uid(&'static str),
    /// A topic group: its name (groups are numbered by each workstation).
    GroupName,
    /// An audit entry's subject: the UUID of the record named by its `entity` column.
    AuditSubject,
}

/// Rows without an id of their own, carried inside their parent record.
struct Child {
    field: &'static str,
    table: &'static str,
    parent: &'static str,
    refs: &'static [(&'static str, Ref)],
}

/// One kind of record that travels.
pub(crate) struct Kind {
    pub name: &'static str,
    table: &'static str,
    refs: &'static [(&'static str, Ref)],
    children: &'static [Child],
}

use Ref::*;

/// Every kind of record that travels, parents before what points at them.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        name: "organisation",
        table: "organisation",
        refs: &[("parent_id", Uid("organisation"))],
        children: &[],
    },
    Kind {
        name: "member",
        table: "member",
        refs: &[("organisation_id", Uid("organisation"))],
        children: &[],
    },
    Kind {
        name: "plan",
        table: "plan",
        refs: &[("organisation_id", Uid("organisation"))],
        children: &[],
    },
    Kind {
        name: "topic",
        table: "topic",
        refs: &[("plan_id", Uid("plan")), ("group_id", GroupName)],
        children: &[Child {
            field: "assignees",
            table: "topic_assignee",
            parent: "topic_id",
            refs: &[("member_id", Uid("member"))],
        }],
    },
    Kind {
        name: "outline_version",
        table: "outline_version",
        refs: &[("topic_id", Uid("topic"))],
        children: &[],
    },
    Kind {
        name: "session",
        table: "session",
        refs: &[
            ("organisation_id", Uid("organisation")),
            ("chair_id", Uid("member")),
            ("secretary_id", Uid("member")),
        ],
        children: &[
            Child {
                field: "attendance",
                table: "attendance",
                parent: "session_id",
                refs: &[("member_id", Uid("member"))],
            },
            Child {
                field: "topics",
                table: "session_topic",
                parent: "session_id",
                refs: &[
                    ("topic_id", Uid("topic")),
                    ("outline_version_id", Uid("outline_version")),
                ],
            },
            Child {
                field: "vote",
                table: "conclusion_vote",
                parent: "session_id",
                refs: &[],
            },
        ],
    },
    Kind {
        name: "session_guest",
        table: "session_guest",
        refs: &[("session_id", Uid("session"))],
        children: &[],
    },
    Kind {
        name: "comment",
        table: "comment",
        refs: &[
            ("session_id", Uid("session")),
            ("topic_id", Uid("topic")),
            ("speaker_id", Uid("member")),
            ("guest_id", Uid("session_guest")),
            ("anchor_version_id", Uid("outline_version")),
            ("answer_version_id", Uid("outline_version")),
        ],
        children: &[],
    },
    Kind {
        name: "submission",
        table: "submission",
        refs: &[
            ("topic_id", Uid("topic")),
            ("version_id", Uid("outline_version")),
            ("signer_id", Uid("member")),
        ],
        children: &[Child {
            field: "participants",
            table: "decision_participant",
            parent: "submission_id",
            refs: &[("member_id", Uid("member"))],
        }],
    },
    Kind {
        name: "minutes_revision",
        table: "minutes_revision",
        refs: &[("session_id", Uid("session"))],
        children: &[],
    },
    Kind {
        name: "audit_event",
        table: "audit_event",
        refs: &[("entity_id", AuditSubject)],
        children: &[],
    },
];

pub(crate) fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The UUID of a local record.
pub(crate) fn uid_of(conn: &Connection, entity: &str, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT uid FROM record_uid WHERE entity = ?1 AND local_id = ?2",
            params![entity, id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The local record a UUID names, if this workstation has it as its own.
pub(crate) fn local_of(conn: &Connection, uid: &str) -> Result<Option<(String, i64)>> {
    Ok(conn
        .query_row(
            "SELECT entity, local_id FROM record_uid WHERE uid = ?1",
            [uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// A record of this workstation as it travels: its UUID and its body.
pub(crate) fn body(conn: &Connection, kind: &Kind, id: i64) -> Result<(String, Value)> {
    let uid = uid_of(conn, kind.name, id)?.ok_or(Error::NotFound {
        what: "mã toàn cục của bản ghi",
        id,
    })?;
    let sql = format!("SELECT * FROM {} WHERE id = ?1", kind.table);
    let mut rows = row_objects(conn, &sql, params![id], kind.refs, &["id"])?;
    let mut object = rows.pop().ok_or(Error::NotFound {
        what: kind.name_vi(),
        id,
    })?;
    for child in kind.children {
        let sql = format!("SELECT * FROM {} WHERE {} = ?1", child.table, child.parent);
        let mut items: Vec<Value> =
            row_objects(conn, &sql, params![id], child.refs, &[child.parent])?
                .into_iter()
                .map(Value::Object)
                .collect();
        items.sort_by_cached_key(canonical);
        object.insert(child.field.to_string(), Value::Array(items));
    }
    Ok((uid, Value::Object(object)))
}

impl Kind {
    fn name_vi(&self) -> &'static str {
        match self.name {
            "organisation" => "tổ chức",
            "member" => "đảng viên",
            "plan" => "kế hoạch",
            "topic" => "chuyên đề",
            "outline_version" => "phiên bản đề cương",
            "session" => "buổi sinh hoạt",
            "session_guest" => "khách mời",
            "comment" => "ý kiến",
            "submission" => "lần trình duyệt",
            "minutes_revision" => "biên bản",
            _ => "mục nhật ký",
        }
    }
}

/// Rows of `sql` as JSON objects: `skip` columns left out, blobs left out (the original of an
/// outline travels as a document of its own, named by the SHA-256 its record carries), keys in
/// `refs` replaced.
fn row_objects(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    refs: &[(&str, Ref)],
    skip: &[&str],
) -> Result<Vec<Map<String, Value>>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
    let mut raw: Vec<Vec<(String, Value)>> = Vec::new();
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        let mut fields = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if skip.contains(&name.as_str()) {
                continue;
            }
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => continue,
            };
            fields.push((name.clone(), value));
        }
        raw.push(fields);
    }
    drop(rows);
    raw.into_iter()
        .map(|fields| {
            let entity = fields
                .iter()
                .find(|(n, _)| n == "entity")
                .and_then(|(_, v)| v.as_str().map(str::to_string));
            let mut object = Map::new();
            for (name, value) in fields {
                match refs.iter().find(|(column, _)| *column == name) {
                    Some((_, r)) => {
                        let (key, value) = referred(conn, &name, *r, value, entity.as_deref())?;
                        object.insert(key, value);
                    }
                    None => {
                        object.insert(name, value);
                    }
                }
            }
            Ok(object)
        })
        .collect()
}

/// A key column as it travels: `topic_id: 7` becomes `topic: "0190…"`.
fn referred(
    conn: &Connection,
    column: &str,
    r: Ref,
    value: Value,
    entity: Option<&str>,
) -> Result<(String, Value)> {
    let field = column.strip_suffix("_id").unwrap_or(column).to_string();
    let Some(id) = value.as_i64() else {
        return Ok((field, Value::Null));
    };
    let resolved = match r {
        Uid(target) => uid_of(conn, target, id)?,
        GroupName => conn
            .query_row("SELECT name FROM topic_group WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?,
        AuditSubject => match entity.and_then(kind) {
            Some(k) => uid_of(conn, k.name, id)?,
            // the workstation's own settings: no record behind it
            None => None,
        },
    };
    let field = match r {
        AuditSubject => "subject".to_string(),
        GroupName => "group".to_string(),
        Uid(_) => field,
    };
    Ok((field, resolved.map(Value::from).unwrap_or(Value::Null)))
}

/// JSON with its object keys sorted and no spaces: equal records, equal bytes.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, &Value> = map.iter().collect();
            out.push('{');
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).expect("a string serialises"));
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).expect("a value serialises")),
    }
}
