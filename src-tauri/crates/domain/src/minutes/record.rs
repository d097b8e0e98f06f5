//! A session's minutes as a record of their own: drawn up from the session record, edited by
//! the meeting secretary, marked signed once the printed copy is signed, corrected afterwards
//! only by a new, numbered revision (the signed one stays as it was). The window and
//! `chuyende minutes` both read them here, so they show, export and print the same document.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::build::{draw_up, DrawnUp};
use super::missing::{missing_parts, ready_to_issue, MissingPart};
use super::model::{DocumentParagraph, PartyDocument};
use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;
use crate::session::{self, SessionId};
use crate::settings;

/// When and by whom the printed copy was marked signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesSignature {
    pub signed_on: NaiveDate,
    /// Who marked it signed in the app (the name set in Cài đặt).
    pub marked_by: String,
}

/// One revision in the list of a session's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesRevisionSummary {
    pub revision: i64,
    pub signed_on: Option<NaiveDate>,
}

/// A session's minutes as the library keeps them, with what may be done with them now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Minutes {
    pub session_id: SessionId,
    /// 1 for the original, 2 for the first correction after signing, …
    pub revision: i64,
    pub document: PartyDocument,
    /// The secretary has edited the text drawn up from the record.
    pub edited: bool,
    pub signed: Option<MinutesSignature>,
    /// The session record changed after the secretary's last edit: the edited text may miss it.
    pub record_changed: bool,
    /// Why the number is counted over a calendar year (no committee term declared), if so.
    pub numbering_note: Option<String>,
    /// Why the text cannot be edited now (Vietnamese), or None when it can.
    pub edit_refused: Option<String>,
    /// A correction (a new revision) can be made: the latest revision is signed.
    pub may_correct: bool,
    /// Every revision, oldest first.
    pub revisions: Vec<MinutesRevisionSummary>,
    /// Mandatory parts printed empty (place, symbol…), each with the setting that fills it:
    /// printing and exporting are refused until they are filled. Empty once signed.
    pub missing: Vec<MissingPart>,
    /// The organisation whose settings fill them.
    pub organisation_id: OrganisationId,
}

struct Row {
    revision: i64,
    body: Option<String>,
    drawn_from: Option<String>,
    signed_on: Option<NaiveDate>,
    signed_by: Option<String>,
    signed_document: Option<String>,
}

fn row(conn: &Connection, session: SessionId, revision: Option<i64>) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            "SELECT revision, body, drawn_from, signed_on, signed_by, signed_document FROM minutes_revision
              WHERE session_id = ?1 AND (?2 IS NULL OR revision = ?2) ORDER BY revision DESC LIMIT 1",
            params![session.0, revision],
            |r| {
                Ok(Row {
                    revision: r.get(0)?,
                    body: r.get(1)?,
                    drawn_from: r.get(2)?,
                    signed_on: r.get(3)?,
                    signed_by: r.get(4)?,
                    signed_document: r.get(5)?,
                })
            },
        )
        .optional()?)
}

fn revisions(conn: &Connection, session: SessionId) -> Result<Vec<MinutesRevisionSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, signed_on FROM minutes_revision WHERE session_id = ?1 ORDER BY revision",
    )?;
    let rows = stmt.query_map([session.0], |r| {
        Ok(MinutesRevisionSummary {
            revision: r.get(0)?,
            signed_on: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A fingerprint of the body drawn up from the record, to tell later whether the record changed.
fn fingerprint(body: &[DocumentParagraph]) -> String {
    let json = serde_json::to_string(body).expect("paragraphs serialise");
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn unreadable(session: SessionId, revision: i64, e: serde_json::Error) -> Error {
    Error::Unreadable(crate::stored::UnreadableValue::new(
        "biên bản của buổi sinh hoạt",
        session.0,
        "minutes_revision.body",
        &format!("bản {revision}"),
        e,
    ))
}

fn signed_refusal(on: NaiveDate) -> Error {
    Error::MinutesSigned {
        signed_on: on.format("%d/%m/%Y").to_string(),
    }
}

fn minutes_of(conn: &Connection, session: SessionId, revision: Option<i64>) -> Result<Minutes> {
    let found = row(conn, session, revision)?;
    if let (Some(wanted), None) = (revision, &found) {
        return Err(Error::NotFound {
            what: "bản biên bản",
            id: wanted,
        });
    }
    let latest = row(conn, session, None)?.map(|r| r.revision).unwrap_or(1);
    let organisation_id = session::get(conn, session)?.organisation_id;
    let revisions = revisions(conn, session)?;
    let is_latest = found.as_ref().is_none_or(|r| r.revision == latest);
    match found {
        Some(Row {
            revision,
            signed_on: Some(signed_on),
            signed_by,
            signed_document: Some(document),
            body,
            ..
        }) => {
            // Signed: exactly what was signed, whatever the record says now.
            let document: PartyDocument =
                serde_json::from_str(&document).map_err(|e| unreadable(session, revision, e))?;
            Ok(Minutes {
                session_id: session,
                revision,
                document,
                edited: body.is_some(),
                signed: Some(MinutesSignature {
                    signed_on,
                    marked_by: signed_by.unwrap_or_default(),
                }),
                record_changed: false,
                numbering_note: None,
                edit_refused: Some(signed_refusal(signed_on).to_string()),
                may_correct: is_latest,
                revisions,
                missing: Vec::new(),
                organisation_id,
            })
        }
        found => {
            let DrawnUp {
                mut document,
                numbering_note,
            } = draw_up(conn, session)?;
            let revision = found.as_ref().map(|r| r.revision).unwrap_or(1);
            let (edited, record_changed) = match found.as_ref().and_then(|r| r.body.as_ref()) {
                Some(body) => {
                    let drawn = fingerprint(&document.body);
                    let changed = found
                        .as_ref()
                        .and_then(|r| r.drawn_from.as_ref())
                        .is_some_and(|f| *f != drawn);
                    document.body =
                        serde_json::from_str(body).map_err(|e| unreadable(session, revision, e))?;
                    (true, changed)
                }
                None => (false, false),
            };
            Ok(Minutes {
                session_id: session,
                revision,
                edited,
                signed: None,
                record_changed,
                numbering_note,
                edit_refused: None,
                may_correct: false,
                revisions,
                missing: missing_parts(&document),
                organisation_id,
                document,
            })
        }
    }
}

/// The latest revision's row, created (revision 1, no edits) if the minutes have none yet.
fn latest_or_new(tx: &Connection, session: SessionId) -> Result<Row> {
    session::get(tx, session)?;
    if let Some(r) = row(tx, session, None)? {
        return Ok(r);
    }
    let at = now();
    tx.execute(
        "INSERT INTO minutes_revision (session_id, revision, created_at, updated_at) VALUES (?1, 1, ?2, ?2)",
        params![session.0, at],
    )?;
    Ok(row(tx, session, None)?.expect("the row just inserted"))
}

impl Database {
    /// A session's minutes: the latest revision, with the secretary's edits.
    pub fn minutes_record(&self, session: SessionId) -> Result<Minutes> {
        self.read(|c| minutes_of(c, session, None))
    }

    /// One revision of a session's minutes (a signed one reads exactly as it was signed).
    pub fn minutes_revision(&self, session: SessionId, revision: i64) -> Result<Minutes> {
        self.read(|c| minutes_of(c, session, Some(revision)))
    }

    /// The minutes to print or export: a signed revision exactly as it was signed; an unsigned
    /// one only with no mandatory part empty ([`Error::DocumentIncomplete`] says which).
    pub fn minutes_to_issue(&self, session: SessionId, revision: Option<i64>) -> Result<Minutes> {
        let minutes = match revision {
            Some(r) => self.minutes_revision(session, r)?,
            None => self.minutes_record(session)?,
        };
        if minutes.signed.is_none() {
            ready_to_issue(&minutes.document, minutes.organisation_id)?;
        }
        Ok(minutes)
    }

    /// The document of a session's minutes, as the window shows, exports and prints it.
    pub fn minutes(&self, session: SessionId) -> Result<PartyDocument> {
        Ok(self.minutes_record(session)?.document)
    }

    /// Saves the secretary's edits of the minutes' body. Refused once the minutes are signed.
    /// A body identical to the one drawn up from the record is no edit at all.
    pub fn save_minutes_edits(
        &self,
        session: SessionId,
        body: &[DocumentParagraph],
    ) -> Result<Minutes> {
        self.require(crate::permission::Action::RecordSession(session))?;
        self.write_durable(|tx| {
            let current = latest_or_new(tx, session)?;
            if let Some(on) = current.signed_on {
                return Err(signed_refusal(on));
            }
            let drawn = draw_up(tx, session)?.document.body;
            let (body, drawn_from) = if drawn == body {
                (None, None)
            } else {
                (
                    Some(serde_json::to_string(body).expect("paragraphs serialise")),
                    Some(fingerprint(&drawn)),
                )
            };
            tx.execute(
                "UPDATE minutes_revision SET body = ?3, drawn_from = ?4, updated_at = ?5
                  WHERE session_id = ?1 AND revision = ?2",
                params![session.0, current.revision, body, drawn_from, now()],
            )?;
            // Saved as typed: the trail keeps the body's digest, not a copy of each save.
            let saved = body.as_deref().unwrap_or_default();
            audit::record_digest(
                tx,
                Change::new(Subject::Session(session.0), "Sửa biên bản")
                    .to(format!("Bản {}", current.revision)),
                audit::digest_of(saved.as_bytes()),
            )?;
            minutes_of(tx, session, None)
        })
    }

    /// Forgets the secretary's edits: the minutes are drawn up again from the record.
    pub fn reset_minutes(&self, session: SessionId) -> Result<Minutes> {
        self.require(crate::permission::Action::RecordSession(session))?;
        self.write_durable(|tx| {
            let current = latest_or_new(tx, session)?;
            if let Some(on) = current.signed_on {
                return Err(signed_refusal(on));
            }
            tx.execute(
                "UPDATE minutes_revision SET body = NULL, drawn_from = NULL, updated_at = ?3
                  WHERE session_id = ?1 AND revision = ?2",
                params![session.0, current.revision, now()],
            )?;
            audit::record(
                tx,
                Change::new(
                    Subject::Session(session.0),
                    "Lập lại biên bản từ hồ sơ buổi sinh hoạt",
                )
                .to(format!("Bản {}", current.revision)),
            )?;
            minutes_of(tx, session, None)
        })
    }

    /// Marks the minutes signed: the printed copy was signed by the chair and the meeting
    /// secretary on `signed_on`. From then on they read exactly as signed, number included.
    pub fn sign_minutes(&self, session: SessionId, signed_on: NaiveDate) -> Result<Minutes> {
        self.require(crate::permission::Action::RecordSession(session))?;
        self.write_durable(|tx| {
            let current = latest_or_new(tx, session)?;
            if let Some(on) = current.signed_on {
                return Err(signed_refusal(on));
            }
            let held_on = session::get(tx, session)?.held_on;
            if signed_on < held_on {
                return Err(Error::invalid(
                    Field::SignedOn,
                    format!(
                        "Ngày ký không thể trước ngày họp ({}).",
                        held_on.format("%d/%m/%Y")
                    ),
                ));
            }
            let minutes = minutes_of(tx, session, None)?;
            let org = session::get(tx, session)?.organisation_id;
            let number = super::numbering::minutes_number(tx, org, session, held_on)?.number;
            let signed_document = serde_json::to_string(&minutes.document).expect("document serialises");
            audit::record_digest(
                tx,
                Change::new(Subject::Session(session.0), "Đánh dấu biên bản đã ký").to(format!(
                    "Bản {}, số {number:02}, ký ngày {}",
                    current.revision,
                    audit::date(signed_on)
                )),
                audit::digest_of(signed_document.as_bytes()),
            )?;
            tx.execute(
                "UPDATE minutes_revision SET signed_on = ?3, signed_by = ?4, signed_document = ?5, number = ?6,
                        updated_at = ?7
                  WHERE session_id = ?1 AND revision = ?2",
                params![
                    session.0,
                    current.revision,
                    signed_on,
                    settings::actor(tx)?,
                    signed_document,
                    number,
                    now()
                ],
            )?;
            minutes_of(tx, session, None)
        })
    }

    /// Starts a correction of signed minutes: a new revision, numbered after the last, holding
    /// the signed text to edit. The signed revision stays as it was.
    pub fn correct_minutes(&self, session: SessionId) -> Result<Minutes> {
        self.require(crate::permission::Action::RecordSession(session))?;
        self.write_durable(|tx| {
            let current = latest_or_new(tx, session)?;
            let (Some(_), Some(signed)) = (current.signed_on, current.signed_document.as_ref())
            else {
                return Err(Error::Transition {
                    message: "Biên bản chưa được đánh dấu là đã ký: hãy sửa trực tiếp, không cần lập bản sửa đổi.".into(),
                });
            };
            let signed: PartyDocument = serde_json::from_str(signed)
                .map_err(|e| unreadable(session, current.revision, e))?;
            let drawn = draw_up(tx, session)?.document.body;
            let at = now();
            tx.execute(
                "INSERT INTO minutes_revision (session_id, revision, body, drawn_from, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    session.0,
                    current.revision + 1,
                    serde_json::to_string(&signed.body).expect("paragraphs serialise"),
                    fingerprint(&drawn),
                    at
                ],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Session(session.0), "Lập bản sửa đổi biên bản đã ký")
                    .to(format!("Bản {}", current.revision + 1)),
            )?;
            minutes_of(tx, session, None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::MIGRATIONS;

    /// A database as the release before this one made it (schema 4), with a cell, a session,
    /// and the window's old drafts of edited minutes: one readable, one not.
    fn release_4_database(dir: &std::path::Path) -> std::path::PathBuf {
        let path = crate::paths::database_path(dir);
        let conn = Connection::open(&path).unwrap();
        for (i, step) in MIGRATIONS.iter().take(4).enumerate() {
            conn.execute_batch(step).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        let at = "2025-04-20T16:00:00+07:00";
        conn.execute_batch(&format!(
            "INSERT INTO organisation (id, kind, name, name_key, superior_name, created_at, updated_at)
                  VALUES (1, 'party_committee_org', 'Đảng bộ Văn phòng', 'đảng bộ văn phòng', 'Đảng ủy Khối', '{at}', '{at}');
             INSERT INTO organisation (id, kind, name, name_key, parent_id, created_at, updated_at)
                  VALUES (2, 'cell', 'Chi bộ Công báo', 'chi bộ công báo', 1, '{at}', '{at}');
             INSERT INTO session (id, organisation_id, kind, held_on, starts_at, created_at, updated_at)
                  VALUES (7, 2, 'regular', '2025-04-20', '14:00:00', '{at}', '{at}'),
                         (8, 2, 'regular', '2025-05-20', '14:00:00', '{at}', '{at}');"
        ))
        .unwrap();
        let edited = serde_json::json!({
            "header": {"parent": "", "issuer": "", "number": "Số 01-BB", "place_and_date": ""},
            "title": "BIÊN BẢN", "subject": "",
            "body": [{"kind": "text", "text": "Hồi 14 giờ 05 phút (thư ký đã sửa)."}],
            "signatures": []
        });
        conn.execute(
            "INSERT INTO draft (key, value, updated_at) VALUES ('minutes:7', ?1, ?2), ('minutes:8', ?3, ?2)",
            params![edited.to_string(), at, "{\"body\": [Hồi 15 giờ — bị cắt"],
        )
        .unwrap();
        path
    }

    #[test]
    fn the_windows_old_drafts_of_edited_minutes_become_the_minutes_record_and_none_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = release_4_database(dir.path());
        let db = Database::open(&path).unwrap();

        let kept = db.minutes_record(SessionId(7)).unwrap();
        assert!(kept.edited, "the edit is the record's now");
        assert_eq!(
            kept.document.body,
            vec![DocumentParagraph::text(
                "Hồi 14 giờ 05 phút (thư ký đã sửa)."
            )]
        );
        assert_eq!(
            kept.document.header.number, "Số 01-BB",
            "the number is the library's"
        );

        // A draft that no longer parsed used to be dropped without a word: its text is kept.
        let broken = db.minutes_record(SessionId(8)).unwrap();
        assert_eq!(
            broken.document.body,
            vec![DocumentParagraph::text("{\"body\": [Hồi 15 giờ — bị cắt")]
        );
        assert_eq!(
            db.draft("minutes:7").unwrap(),
            None,
            "the migrated drafts are gone from the drafts"
        );
    }

    #[test]
    fn an_edit_the_database_holds_that_cannot_be_read_is_an_error_naming_the_minutes() {
        let dir = tempfile::tempdir().unwrap();
        let path = release_4_database(dir.path());
        let db = Database::open(&path).unwrap();
        db.write(|tx| {
            tx.execute(
                "UPDATE minutes_revision SET body = '[{\"kind\": \"poem\"}]' WHERE session_id = 7",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        match db.minutes_record(SessionId(7)) {
            Err(e @ Error::Unreadable(_)) => {
                let message = e.to_string();
                assert!(
                    message.contains("biên bản của buổi sinh hoạt (mã 7)"),
                    "{message}"
                )
            }
            other => panic!("never a silent default: {other:?}"),
        }
    }
}
