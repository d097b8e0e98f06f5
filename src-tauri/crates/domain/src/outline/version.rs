//! Versions of a topic's outline. Every import is a new version with who, when, a note, the
//! original file name, format, size and SHA-256, and the original bytes themselves (so the
//! database is the one file to back up). Versions are never changed nor deleted (the schema's
//! triggers refuse it); a byte-identical file is recognised and not stored twice.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::blocks::Block;
use super::extract::{self, Extracted, Format, Limits};
use super::problem::{DocumentProblem, TextStatus};
use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Result};
use crate::search::{self, Indexed};
use crate::settings;
use crate::stored;
use crate::text;
use crate::topic::{self, TopicId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct OutlineVersionId(pub i64);

/// A version as listed (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutlineVersion {
    pub id: OutlineVersionId,
    pub topic_id: TopicId,
    /// 1 for the first import of the topic, then 2, 3…
    pub number: i64,
    pub file_name: String,
    pub format: Format,
    pub size: i64,
    pub sha256: String,
    pub note: String,
    pub imported_by: String,
    pub imported_at: String,
    pub text_status: TextStatus,
    /// Why the text could not be read and what to do, when it could not.
    pub text_message: Option<String>,
}

/// A version with what was read from it, for the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutlineText {
    pub version: OutlineVersion,
    pub blocks: Vec<Block>,
}

const SELECT: &str =
    "SELECT id, topic_id, number, file_name, format, size, sha256, note, imported_by,
                             imported_at, text_status FROM outline_version";

fn from_row(r: &Row) -> rusqlite::Result<OutlineVersion> {
    let id: i64 = r.get(0)?;
    let format: String = r.get(4)?;
    let status: String = r.get(10)?;
    let what = "phiên bản đề cương";
    let text_status = stored::parse(TextStatus::parse, &status, what, id, "text_status")?;
    Ok(OutlineVersion {
        id: OutlineVersionId(id),
        topic_id: TopicId(r.get(1)?),
        number: r.get(2)?,
        // Names stored before they were cleaned on import are cleaned when shown.
        file_name: text::clean_file_name(&r.get::<_, String>(3)?),
        format: stored::parse(Format::parse, &format, what, id, "format")?,
        size: r.get(5)?,
        sha256: r.get(6)?,
        note: r.get(7)?,
        imported_by: r.get(8)?,
        imported_at: r.get(9)?,
        text_status,
        text_message: text_status.message().map(str::to_string),
    })
}

fn get(conn: &Connection, id: OutlineVersionId) -> Result<OutlineVersion> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "phiên bản đề cương",
            id: id.0,
        })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Database {
    /// Imports a file from disk as the next version of `topic`'s outline: what the window's
    /// drop, its file dialog and `chuyende import` all call. Only a regular file is read (not a
    /// device such as /dev/zero, nor a FIFO or socket, which never end or block), and never
    /// more than the size limit, whatever its length said.
    pub fn import_outline_file(
        &self,
        topic: TopicId,
        path: &Path,
        note: &str,
    ) -> Result<OutlineVersion> {
        let name = path
            .file_name()
            .map(|n| text::clean_file_name(&n.to_string_lossy()))
            .unwrap_or_else(|| text::clean_file_name(&path.to_string_lossy()));
        let bytes = read_regular_file(path, &name, Limits::default().max_file_bytes)?;
        self.import_outline(topic, &name, &bytes, note)
    }

    /// Imports a document's bytes as the next version of `topic`'s outline. The document is
    /// read (and refused when it must be) before anything is written; the version, its search
    /// entry and its audit row are written in one transaction.
    pub fn import_outline(
        &self,
        topic: TopicId,
        file_name: &str,
        bytes: &[u8],
        note: &str,
    ) -> Result<OutlineVersion> {
        self.import_outline_with(topic, file_name, bytes, note, &Limits::default())
    }

    /// [`Database::import_outline`] with other reading limits (tests drill the reader's).
    pub fn import_outline_with(
        &self,
        topic: TopicId,
        file_name: &str,
        bytes: &[u8],
        note: &str,
        limits: &Limits,
    ) -> Result<OutlineVersion> {
        self.import_read(topic, file_name, bytes, note, |name, bytes| {
            extract::extract(name, bytes, limits)
        })
    }

    /// Imports an outline this library wrote itself (the demonstration data): trusted bytes,
    /// read in this process, since thousands of reader processes would only cost time.
    pub(crate) fn import_generated_outline(
        &self,
        topic: TopicId,
        file_name: &str,
        text: &str,
        note: &str,
    ) -> Result<OutlineVersion> {
        self.import_read(topic, file_name, text.as_bytes(), note, |name, bytes| {
            extract::extract_in_process(name, bytes, &Limits::default())
        })
    }

    fn import_read(
        &self,
        topic: TopicId,
        file_name: &str,
        bytes: &[u8],
        note: &str,
        read: impl FnOnce(&str, &[u8]) -> std::result::Result<Extracted, DocumentProblem>,
    ) -> Result<OutlineVersion> {
        self.require(crate::permission::Action::ImportOutline(topic))?;
        let file_name = text::clean_file_name(file_name);
        let sha256 = sha256_hex(bytes);
        // Cheap checks first, so a second copy of a large file is not parsed for nothing.
        self.read(|c| check_can_import(c, topic, &file_name, &sha256))?;
        let Extracted {
            format,
            status,
            blocks,
        } = read(&file_name, bytes)?;
        // Everything that takes time is done before the write transaction: it holds the lock
        // other writers (a comment typed in a meeting) wait for.
        let blocks_json = serde_json::to_string(&blocks).expect("blocks serialise");
        let folded_text = search::fold(&super::blocks::plain_text(&blocks));
        self.write(|tx| {
            check_can_import(tx, topic, &file_name, &sha256)?;
            let number: i64 = tx.query_row(
                "SELECT ifnull(max(number), 0) + 1 FROM outline_version WHERE topic_id = ?1",
                [topic.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO outline_version (topic_id, number, file_name, format, size, sha256, original, note,
                                              imported_by, imported_at, text_status, blocks)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    topic.0,
                    number,
                    file_name,
                    format.as_str(),
                    bytes.len() as i64,
                    sha256,
                    bytes,
                    note.trim(),
                    settings::actor(tx)?,
                    now(),
                    status.as_str(),
                    blocks_json
                ],
            )?;
            let id = OutlineVersionId(tx.last_insert_rowid());
            let title: String = tx.query_row("SELECT title FROM topic WHERE id = ?1", [topic.0], |r| r.get(0))?;
            search::index_folded(tx, Indexed::OutlineVersion(id.0), &format!("{}\n{folded_text}", search::fold(&title)))?;
            // The original's SHA-256 in the trail: `verify` checks the stored bytes against it.
            audit::record_digest(tx, Change {
                subject: Subject::Topic(topic.0),
                action: "Nhập đề cương",
                from: None,
                to: Some(format!("Phiên bản {number}: {file_name}")),
                reason: (!note.trim().is_empty()).then(|| note.trim().to_string()),
            }, sha256.clone())?;
            // A readable version after an approval is a correction, to be decided again.
            if status == TextStatus::Read {
                crate::cycle::reopen_after_approval(tx, topic, number)?;
            }
            // The revised outline may be the last thing the revision was waiting for.
            crate::cycle::complete_revision_if_ready(tx, topic)?;
            get(tx, id)
        })
    }

    /// The versions of a topic's outline, newest first.
    pub fn outline_versions(&self, topic: TopicId) -> Result<Vec<OutlineVersion>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE topic_id = ?1 ORDER BY number DESC"
            ))?;
            let rows = stmt.query_map([topic.0], from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// A version with the text and structure read from it.
    pub fn outline_text(&self, id: OutlineVersionId) -> Result<OutlineText> {
        self.read(|c| {
            let version = get(c, id)?;
            let json: String = c.query_row(
                "SELECT blocks FROM outline_version WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            let blocks = serde_json::from_str(&json).map_err(|e| {
                Error::Unreadable(stored::UnreadableValue::new(
                    "phiên bản đề cương",
                    id.0,
                    "blocks",
                    &json,
                    e,
                ))
            })?;
            Ok(OutlineText { version, blocks })
        })
    }

    /// The original bytes, exactly as imported (for "open the original" and "save a copy").
    pub fn outline_original(&self, id: OutlineVersionId) -> Result<(OutlineVersion, Vec<u8>)> {
        self.read(|c| {
            let version = get(c, id)?;
            let bytes: Vec<u8> = c.query_row(
                "SELECT original FROM outline_version WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            Ok((version, bytes))
        })
    }
}

/// The bytes of a regular file, at most `limit` of them. The type is checked before opening
/// (opening a FIFO for reading waits for a writer) and again on the opened handle (the path may
/// have been swapped meanwhile); on Unix the open does not wait either way.
fn read_regular_file(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, DocumentProblem> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| DocumentProblem::Unreadable {
        name: name.to_string(),
        cause: e.into(),
    };
    let too_large = |len: u64| DocumentProblem::TooLarge {
        name: name.to_string(),
        size_mb: len as f64 / (1 << 20) as f64,
        limit_mb: limit >> 20,
    };
    let check = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            Err(DocumentProblem::Folder {
                name: name.to_string(),
            })
        } else if !meta.is_file() {
            Err(DocumentProblem::NotAFile {
                name: name.to_string(),
            })
        } else if meta.len() > limit {
            Err(too_large(meta.len()))
        } else {
            Ok(())
        }
    };
    check(&std::fs::metadata(path).map_err(unreadable)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    check(&file.metadata().map_err(unreadable)?)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn check_can_import(
    conn: &Connection,
    topic: TopicId,
    file_name: &str,
    sha256: &str,
) -> Result<()> {
    let t = topic::get(conn, topic, crate::clock::today())?;
    crate::cycle::check_import(&t)?;
    let same: Option<(i64, String)> = conn
        .query_row(
            "SELECT number, imported_at FROM outline_version WHERE topic_id = ?1 AND sha256 = ?2",
            params![topic.0, sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((number, at)) = same {
        let on = at
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        return Err(DocumentProblem::AlreadyImported {
            name: file_name.to_string(),
            number,
            on: on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or(at),
        }
        .into());
    }
    Ok(())
}
