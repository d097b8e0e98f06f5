//! Invited guests of a session (*khách mời*), often the representative of the committee above.
//! They may speak: their remarks are comments like the members' and appear in the minutes
//! under their name and title.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::session::{self, SessionId};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct GuestId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Guest {
    pub id: GuestId,
    pub session_id: SessionId,
    pub full_name: String,
    /// "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh"
    pub title: String,
}

impl Guest {
    /// "Vũ Văn Khánh, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh", as the minutes name a guest.
    pub fn name_and_title(&self) -> String {
        if self.title.is_empty() {
            self.full_name.clone()
        } else {
            format!("{}, {}", self.full_name, self.title)
        }
    }
}

/// What the guest form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GuestDraft {
    pub full_name: String,
    pub title: String,
}

pub(crate) fn guests_of(conn: &Connection, session: SessionId) -> Result<Vec<Guest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, full_name, title FROM session_guest WHERE session_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([session.0], |r| {
        Ok(Guest {
            id: GuestId(r.get(0)?),
            session_id: SessionId(r.get(1)?),
            full_name: r.get(2)?,
            title: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn get(conn: &Connection, id: GuestId) -> Result<Guest> {
    conn.query_row(
        "SELECT id, session_id, full_name, title FROM session_guest WHERE id = ?1",
        [id.0],
        |r| {
            Ok(Guest {
                id: GuestId(r.get(0)?),
                session_id: SessionId(r.get(1)?),
                full_name: r.get(2)?,
                title: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "khách mời",
        id: id.0,
    })
}

impl Database {
    /// Records an invited guest of a session, so that they can be chosen as a speaker.
    pub fn add_guest(&self, session: SessionId, draft: &GuestDraft) -> Result<Guest> {
        self.require(crate::permission::Action::RecordSession(session))?;
        let full_name = text::clean(&draft.full_name);
        if full_name.is_empty() {
            return Err(Error::invalid(Field::Guest, "Hãy ghi họ tên khách mời."));
        }
        let title = text::clean(&draft.title);
        self.write_durable(|tx| {
            session::get(tx, session)?;
            tx.execute(
                "INSERT INTO session_guest (session_id, full_name, title, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![session.0, full_name, title, now()],
            )?;
            let id = GuestId(tx.last_insert_rowid());
            audit::record(
                tx,
                Change::new(Subject::Session(session.0), "Thêm khách mời")
                    .to(if title.is_empty() { full_name.clone() } else { format!("{full_name}, {title}") }),
            )?;
            get(tx, id)
        })
    }

    pub fn guests(&self, session: SessionId) -> Result<Vec<Guest>> {
        self.read(|c| guests_of(c, session))
    }

    /// Removes a guest entered by mistake; one who has spoken stays (their remarks are part of
    /// the record).
    pub fn remove_guest(&self, id: GuestId) -> Result<()> {
        self.require(crate::permission::Action::RemoveGuest(id))?;
        self.write(|tx| {
            let guest = get(tx, id)?;
            let spoke: i64 = tx.query_row(
                "SELECT count(*) FROM comment WHERE guest_id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            if spoke > 0 {
                return Err(Error::invalid(
                    Field::Guest,
                    format!(
                        "Đồng chí {} đã phát biểu trong buổi sinh hoạt nên không xoá khỏi danh sách khách mời được.",
                        guest.full_name
                    ),
                ));
            }
            tx.execute("DELETE FROM session_guest WHERE id = ?1", [id.0])?;
            audit::record(tx, Change::new(Subject::Session(guest.session_id.0), "Xoá khách mời").from(guest.full_name))?;
            Ok(())
        })
    }
}
