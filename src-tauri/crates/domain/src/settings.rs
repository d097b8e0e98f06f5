//! Settings of this workstation, kept in the database file with everything else.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::text;

const PROFILE_NAME: &str = "profile_name";

/// Who is recorded in the audit trail while no name has been chosen in Settings.
pub const UNNAMED_PROFILE: &str = "Người dùng máy trạm (chưa đặt tên)";

/// The name of the person working at this workstation: "who" in the audit trail until the
/// approvals issue brings real accounts.
pub(crate) fn actor(conn: &Connection) -> Result<String> {
    let name: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [PROFILE_NAME],
            |r| r.get(0),
        )
        .optional()?;
    Ok(name
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| UNNAMED_PROFILE.to_string()))
}

impl Database {
    pub fn profile_name(&self) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [PROFILE_NAME],
                |r| r.get(0),
            )
            .optional()?)
        })
    }

    pub fn set_profile_name(&self, name: &str) -> Result<String> {
        let name = text::clean(name);
        if name.is_empty() {
            return Err(Error::invalid(
                Field::ProfileName,
                "Hãy nhập họ tên của người dùng máy này.",
            ));
        }
        if text::char_len(&name) > 120 {
            return Err(Error::invalid(
                Field::ProfileName,
                "Họ tên quá dài (tối đa 120 ký tự).",
            ));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![PROFILE_NAME, name],
            )?;
            Ok(name)
        })
    }
}
