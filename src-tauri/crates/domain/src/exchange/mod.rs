//! Exchange packages (*gói trao đổi*, issue 15): a cell sends its year (or one topic) to its
//! đảng bộ, or a đảng bộ sends its own down, as one signed file; the receiving workstation
//! checks all of it, shows what it would add or change, then keeps it in one transaction.
//!
//! Records keep their UUID wherever they go (`record_uid`, migration 16). What a workstation
//! receives is kept as it came (`received_record`, the originals in `received_document`),
//! beside its own records, never over them: a record changed here and differently there is a
//! conflict with both sides kept (`exchange_conflict`) until a person chooses. The đảng bộ's
//! view of its cells ([`cells`]) is built from what they sent. `docs/sync-server.md` says how
//! the same ids and rule would work through a server.

pub mod cells;
pub mod identity;
pub mod manifest;
pub mod package;
pub mod problem;
pub mod receive;
pub mod records;
pub mod scope;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use cells::CellReport;
pub use identity::Workstation;
pub use problem::PackageProblem;
pub use receive::ReceivePlan;
pub use scope::ExportScope;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Result};
use crate::organisation::OrganisationId;

/// This workstation's key as Settings shows it, to be read to the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnKey {
    pub workstation: String,
    pub public_key: String,
    /// Eight groups of four hex digits.
    pub fingerprint: String,
}

/// Another workstation's key, confirmed by a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KnownKey {
    pub workstation: String,
    pub label: String,
    pub fingerprint: String,
    pub confirmed_by: String,
    pub confirmed_at: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    pub package: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub records: usize,
    #[ts(type = "number")]
    pub documents: usize,
    pub sha256: String,
}

/// A conflict waiting for a person: both sides as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Conflict {
    pub id: i64,
    pub record: receive::PlannedRecord,
    /// "Máy này" or the workstation that sent our side.
    pub ours_from: String,
    pub ours: String,
    pub theirs_from: String,
    pub theirs: String,
    /// dd/mm/yyyy hh:mm
    pub found_at: String,
    /// None while waiting; "ours" or "theirs" once chosen.
    pub resolution: Option<String>,
}

/// What the account signed in may do on the Trao đổi screen (the verbs' own checks, asked
/// beforehand so the window offers only those).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExchangeActions {
    /// Export and receive packages, choose in a conflict.
    pub exchange: bool,
    /// Confirm another workstation's key.
    pub trust_key: bool,
}

/// A person's choice in a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Ours,
    Theirs,
}

/// Records by UUID: (kind, canonical JSON). Two dumps are equal when the records are.
pub type Dump = BTreeMap<String, (String, String)>;

impl Database {
    /// The data folder: where the workstation's key lives.
    fn data_dir(&self) -> PathBuf {
        self.path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    pub fn workstation(&self) -> Result<Workstation> {
        Workstation::of(&self.data_dir())
    }

    pub fn exchange_actions(&self) -> Result<ExchangeActions> {
        use crate::permission::Action;
        let may = |action| match self.require(action) {
            Ok(()) => Ok(true),
            Err(Error::Denied(_)) => Ok(false),
            Err(e) => Err(e),
        };
        Ok(ExchangeActions {
            exchange: may(Action::ExchangePackages)?,
            trust_key: may(Action::TrustKey)?,
        })
    }

    pub fn own_key(&self) -> Result<OwnKey> {
        let w = self.workstation()?;
        Ok(OwnKey {
            workstation: w.id.clone(),
            public_key: w.public_key(),
            fingerprint: w.fingerprint(),
        })
    }

    /// The records of `scope` as they would travel (for comparing two workstations).
    pub fn exchange_dump(&self, scope: ExportScope) -> Result<Dump> {
        self.read(|conn| {
            let mut dump = Dump::new();
            for (kind, id) in scope::select(conn, scope)? {
                let (uid, body) = records::body(conn, kind, id)?;
                dump.insert(uid, (kind.name.to_string(), records::canonical(&body)));
            }
            Ok(dump)
        })
    }

    /// The records received from `workstation`, as they are kept.
    pub fn received_dump(&self, workstation: &str) -> Result<Dump> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT uid, kind, body FROM received_record WHERE source_workstation = ?1",
            )?;
            let rows =
                stmt.query_map([workstation], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
            Ok(rows.collect::<rusqlite::Result<Dump>>()?)
        })
    }

    /// Writes the package of `scope` to `target` (atomically), signed with this workstation's
    /// key; the export is one entry of the trail with the file's SHA-256.
    pub fn export_package(&self, scope: ExportScope, target: &Path) -> Result<ExportSummary> {
        self.require(crate::permission::Action::ExchangePackages)?;
        let workstation = self.workstation()?;
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let build = |conn: &Connection| -> Result<(Vec<u8>, ExportSummary)> {
            let selected = scope::select(conn, scope)?;
            let mut by_kind: BTreeMap<&str, Vec<(String, serde_json::Value)>> = BTreeMap::new();
            let mut versions = Vec::new();
            for (kind, id) in &selected {
                by_kind
                    .entry(kind.name)
                    .or_default()
                    .push(records::body(conn, kind, *id)?);
                if kind.name == "outline_version" {
                    versions.push(*id);
                }
            }
            let (org_uid, org_name): (String, String) = conn.query_row(
                "SELECT r.uid, o.name FROM organisation o JOIN record_uid r ON r.entity = 'organisation' AND r.local_id = o.id
                  WHERE o.id = ?1",
                [scope.organisation_id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let manifest = manifest::Manifest {
                format: manifest::FORMAT_VERSION,
                package: uuid::Uuid::now_v7().to_string(),
                source: manifest::Source {
                    workstation: workstation.id.clone(),
                    public_key: workstation.public_key(),
                    label: format!("{org_name} — {}", crate::settings::actor(conn)?),
                },
                created_at: now(),
                scope: manifest::ScopeInfo {
                    organisation: org_uid,
                    organisation_name: org_name,
                    year: scope.year,
                    topic: match scope.topic_id {
                        Some(t) => records::uid_of(conn, "topic", t.0)?,
                        None => None,
                    },
                },
                contents: by_kind
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.len()))
                    .collect(),
                parts: Vec::new(),
            };
            let mut parts: Vec<(String, Vec<u8>)> = by_kind
                .into_iter()
                .map(|(kind, list)| package::records_part(kind, list))
                .collect();
            let mut documents = 0;
            for id in versions {
                let (sha, bytes): (String, Vec<u8>) = conn.query_row(
                    "SELECT sha256, original FROM outline_version WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let path = format!("documents/{sha}");
                if !parts.iter().any(|(p, _)| *p == path) {
                    parts.push((path, bytes));
                    documents += 1;
                }
            }
            let summary = ExportSummary {
                package: manifest.package.clone(),
                file_name: file_name.clone(),
                records: selected.len(),
                documents,
                sha256: String::new(),
            };
            Ok((package::build(&workstation, manifest, parts), summary))
        };
        if self.is_read_only() {
            let (bytes, mut summary) = self.read(build)?;
            summary.sha256 = audit::digest_of(&bytes);
            crate::fsutil::write_atomic(target, &bytes)?;
            return Ok(summary);
        }
        self.write(|tx| {
            let (bytes, mut summary) = build(tx)?;
            summary.sha256 = audit::digest_of(&bytes);
            let subject = match crate::plan::find(tx, scope.organisation_id, scope.year)? {
                Some(plan) => Subject::Plan(plan.id.0),
                None => Subject::Organisation(scope.organisation_id.0),
            };
            audit::record_digest(
                tx,
                Change::new(subject, "Xuất gói trao đổi").to(format!(
                    "Năm {}: {} bản ghi, {} tài liệu — {file_name}",
                    scope.year, summary.records, summary.documents
                )),
                summary.sha256.clone(),
            )?;
            crate::fsutil::write_atomic(target, &bytes)?;
            Ok(summary)
        })
    }

    /// What receiving the package at `path` would do; nothing is written.
    pub fn plan_receive(&self, path: &Path) -> Result<ReceivePlan> {
        let (name, bytes) = read_package(path)?;
        let own = self.workstation()?;
        self.read(|conn| {
            let opened = receive::open_for(conn, &own, &name, &bytes)?;
            receive::plan(conn, &opened, false)
        })
    }

    /// Receives the package at `path` in one transaction, after every check passed.
    pub fn receive_package(&self, path: &Path) -> Result<ReceivePlan> {
        self.require(crate::permission::Action::ExchangePackages)?;
        let (name, bytes) = read_package(path)?;
        let own = self.workstation()?;
        self.write(|tx| {
            let opened = receive::open_for(tx, &own, &name, &bytes)?;
            receive::plan(tx, &opened, true)
        })
    }

    /// Confirms the key that signed the package at `path`, once a person compared its
    /// fingerprint with the sending workstation's (by phone, on paper). The package's own
    /// signature must hold under that key.
    pub fn trust_package_key(&self, path: &Path, label: &str) -> Result<KnownKey> {
        self.require(crate::permission::Action::TrustKey)?;
        let (name, bytes) = read_package(path)?;
        let own = self.workstation()?;
        let source = peek_manifest(&name, &bytes)?.source;
        if source.workstation == own.id {
            return Err(Error::Package(PackageProblem::OwnPackage { name }));
        }
        let label = if label.trim().is_empty() {
            source.label.clone()
        } else {
            crate::text::clean(label)
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO known_key (workstation_uid, public_key, label, confirmed_by, confirmed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (workstation_uid) DO UPDATE SET public_key = excluded.public_key,
                     label = excluded.label, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
                params![source.workstation, source.public_key, label, crate::settings::actor(tx)?, now()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Workstation, "Xác nhận khóa máy trạm")
                    .to(format!("{label}: {}", identity::fingerprint(&source.public_key))),
            )?;
            Ok(())
        })?;
        self.known_keys()?
            .into_iter()
            .find(|k| k.workstation == source.workstation)
            .ok_or(Error::NotFound {
                what: "khóa đã xác nhận",
                id: 0,
            })
    }

    pub fn known_keys(&self) -> Result<Vec<KnownKey>> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT workstation_uid, label, public_key, confirmed_by, confirmed_at FROM known_key ORDER BY label",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(KnownKey {
                    workstation: r.get(0)?,
                    label: r.get(1)?,
                    fingerprint: identity::fingerprint(&r.get::<_, String>(2)?),
                    confirmed_by: r.get(3)?,
                    confirmed_at: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The đảng bộ's view of its cells in `year`, from the packages they sent.
    pub fn cells_received(&self, committee: OrganisationId, year: i32) -> Result<Vec<CellReport>> {
        self.read(|conn| cells::cells_of(conn, committee, year))
    }

    /// What the đảng bộ above `cell` sent down for `year` (its plan), if anything came.
    pub fn guidance_received(
        &self,
        cell: OrganisationId,
        year: i32,
    ) -> Result<Option<cells::GuidanceReceived>> {
        self.read(|conn| cells::guidance_of(conn, cell, year))
    }

    /// Conflicts: every one waiting for a person's choice (oldest first), then the newest
    /// [`RESOLVED_SHOWN`] resolved (the latest choice first). Resolved conflicts pile up with
    /// the years of exchange; their rows stay in the database (and the trail) all the same.
    pub fn exchange_conflicts(&self) -> Result<Vec<Conflict>> {
        self.read(|conn| {
            conflicts_where(
                conn,
                "c.resolution IS NULL OR c.id IN (SELECT id FROM exchange_conflict WHERE resolution IS NOT NULL
                                                   ORDER BY resolved_at DESC, id DESC LIMIT ?1)",
                RESOLVED_SHOWN,
            )
        })
    }

    /// A person's choice in a conflict, in one transaction. Choosing theirs for a record received
    /// before keeps theirs as the received record; for a comment of this workstation, theirs is
    /// taken in through the comment's own correction (kept in its history, refused once the
    /// minutes are signed); for another record of this workstation the choice is recorded and
    /// the record is corrected on its own screen (it changes only through its verbs). Either way
    /// both sides stay in the conflict's row.
    pub fn resolve_conflict(&self, id: i64, choice: Choice) -> Result<Conflict> {
        self.require(crate::permission::Action::ExchangePackages)?;
        self.batch(|db| {
            if choice == Choice::Theirs {
                if let Some((comment, correction)) = db.read(|conn| comment_to_take(conn, id))? {
                    db.correct_comment(comment, &correction)?;
                }
            }
            db.write(|tx| record_choice(tx, id, choice))
        })?;
        self.read(|conn| conflicts_where(conn, "c.id = ?1", id))?
            .into_iter()
            .next()
            .ok_or(Error::NotFound {
                what: "xung đột",
                id,
            })
    }
}

/// A conflict's row: its record, where our side is, theirs, and whether it was decided.
struct ConflictRow {
    uid: String,
    kind: String,
    ours_from: String,
    theirs: String,
    digest: String,
    source: String,
    package: i64,
    resolved: Option<String>,
}

fn conflict_row(conn: &Connection, id: i64) -> Result<ConflictRow> {
    conn.query_row(
        "SELECT uid, kind, ours_from, theirs_body, theirs_digest, source_workstation, package_id, resolution
           FROM exchange_conflict WHERE id = ?1",
        [id],
        |r| {
            Ok(ConflictRow {
                uid: r.get(0)?,
                kind: r.get(1)?,
                ours_from: r.get(2)?,
                theirs: r.get(3)?,
                digest: r.get(4)?,
                source: r.get(5)?,
                package: r.get(6)?,
                resolved: r.get(7)?,
            })
        },
    )
    .map_err(|_| Error::NotFound { what: "xung đột", id })
}

/// For a conflict on a comment of this workstation: the comment and the correction that takes
/// their side in (the speaker mapped back to this workstation's member or guest).
fn comment_to_take(
    conn: &Connection,
    id: i64,
) -> Result<Option<(crate::comment::CommentId, crate::comment::CommentCorrection)>> {
    use crate::comment::{CommentCorrection, CommentId, CommentKind, Speaker};
    let row = conflict_row(conn, id)?;
    if row.kind != "comment" || row.ours_from != "local" || row.resolved.is_some() {
        return Ok(None);
    }
    let Some(("comment", local)) = records::local_of(conn, &row.uid)?
        .as_ref()
        .map(|(entity, id)| (entity.as_str(), *id))
    else {
        return Ok(None);
    };
    let body: serde_json::Value = serde_json::from_str(&row.theirs).unwrap_or_default();
    let field = |name: &str| body.get(name).and_then(|v| v.as_str()).map(str::to_string);
    let unknown = || {
        Error::Transition {
        message: "Người phát biểu trong bản nhận được không có ở máy này, nên chưa nhận được bản ấy. Hãy sửa ý kiến ở màn hình buổi sinh hoạt.".into(),
    }
    };
    let speaker = match (field("speaker"), field("guest")) {
        (Some(uid), _) => match records::local_of(conn, &uid)? {
            Some((e, m)) if e == "member" => Speaker::Member(crate::member::MemberId(m)),
            _ => return Err(unknown()),
        },
        (None, Some(uid)) => match records::local_of(conn, &uid)? {
            Some((e, g)) if e == "session_guest" => Speaker::Guest(crate::guest::GuestId(g)),
            _ => return Err(unknown()),
        },
        (None, None) => return Err(unknown()),
    };
    let kind: CommentKind = serde_json::from_value(body.get("kind").cloned().unwrap_or_default())
        .map_err(|_| unknown())?;
    Ok(Some((
        CommentId(local),
        CommentCorrection {
            speaker,
            kind,
            anchor_block: body.get("anchor_block").and_then(|v| v.as_i64()),
            text: field("text").unwrap_or_default(),
        },
    )))
}

/// How many resolved conflicts the list shows (every waiting one is shown).
pub const RESOLVED_SHOWN: i64 = 20;

/// The conflicts `filter` (SQL over `exchange_conflict c`, with `?1` bound to `param`) selects,
/// waiting first.
fn conflicts_where(conn: &Connection, filter: &str, param: i64) -> Result<Vec<Conflict>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.uid, c.kind, c.ours_from, c.ours_body, c.theirs_body, c.found_at, c.resolution,
                p.source_label
           FROM exchange_conflict c JOIN received_package p ON p.id = c.package_id
          WHERE {filter}
          ORDER BY c.resolution IS NOT NULL, CASE WHEN c.resolution IS NULL THEN c.id END,
                   c.resolved_at DESC, c.id DESC"
    ))?;
    let rows = stmt.query_map([param], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, uid, kind, ours_from, ours, theirs, found_at, resolution, source) = row?;
        let theirs_body: serde_json::Value = serde_json::from_str(&theirs).unwrap_or_default();
        let ours_body: serde_json::Value = serde_json::from_str(&ours).unwrap_or_default();
        let record = receive::planned(&package::Record { kind: kind.clone(), uid: uid.clone(), body: theirs_body.clone() });
        let ours_summary = receive::planned(&package::Record { kind, uid, body: ours_body }).summary;
        out.push(Conflict {
            id,
            ours_from: if ours_from == "local" { "Máy này".into() } else { "Gói nhận trước".into() },
            ours: ours_summary,
            theirs_from: source,
            theirs: record.summary.clone(),
            record,
            found_at: receive::when(&found_at),
            resolution,
        });
    }
    Ok(out)
}

fn record_choice(tx: &Connection, id: i64, choice: Choice) -> Result<()> {
    let row = conflict_row(tx, id)?;
    if row.resolved.is_some() {
        return Err(Error::Transition {
            message: "Xung đột này đã được chọn cách giải quyết.".into(),
        });
    }
    let word = match choice {
        Choice::Ours => "ours",
        Choice::Theirs => "theirs",
    };
    if choice == Choice::Theirs && row.ours_from == "received" {
        tx.execute(
            "UPDATE received_record SET body = ?2, digest = ?3, source_workstation = ?4, package_id = ?5,
                    received_at = ?6 WHERE uid = ?1",
            params![row.uid, row.theirs, row.digest, row.source, row.package, now()],
        )?;
    }
    tx.execute(
        "UPDATE exchange_conflict SET resolution = ?2, resolved_at = ?3, resolved_by = ?4 WHERE id = ?1",
        params![id, word, now(), crate::settings::actor(tx)?],
    )?;
    audit::record(
        tx,
        Change::new(
            Subject::Package(row.package),
            "Giải quyết xung đột trao đổi",
        )
        .to(if choice == Choice::Ours {
            "Giữ bản của máy này"
        } else {
            "Nhận bản của máy gửi"
        }),
    )?;
    Ok(())
}

fn read_package(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&name, &e))?;
    // A FIFO or a device would block the read or never end: only a plain file is a package.
    if !meta.is_file() {
        return Err(Error::Package(PackageProblem::Unreadable {
            name,
            reason: "đây không phải là một tệp thông thường".into(),
        }));
    }
    if meta.len() > package::MAX_PACKAGE_BYTES {
        return Err(Error::Package(PackageProblem::TooLarge {
            name,
            detail: format!(
                "{} MB, giới hạn {} MB",
                meta.len() >> 20,
                package::MAX_PACKAGE_BYTES >> 20
            ),
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(&name, &e))?;
    Ok((name, bytes))
}

fn unreadable(name: &str, e: &std::io::Error) -> Error {
    Error::Package(PackageProblem::Unreadable {
        name: name.to_string(),
        reason: crate::fsutil::io_reason(e),
    })
}

/// The manifest of a package signed by a key not yet confirmed, its signature checked against
/// the key it names (a package altered in transit does not get its key confirmed).
fn peek_manifest(name: &str, bytes: &[u8]) -> Result<manifest::Manifest> {
    let mut zipped =
        crate::outline::zipped::Zipped::open(name, bytes, package::LIMITS).map_err(|_| {
            Error::Package(PackageProblem::Truncated {
                name: name.into(),
                detail: "zip".into(),
            })
        })?;
    let malformed = |detail: String| {
        Error::Package(PackageProblem::Malformed {
            name: name.into(),
            detail,
        })
    };
    let manifest_bytes = zipped
        .read(manifest::MANIFEST)
        .ok()
        .flatten()
        .ok_or_else(|| malformed("thiếu danh mục".into()))?;
    let signature = zipped
        .read(manifest::SIGNATURE)
        .ok()
        .flatten()
        .unwrap_or_default();
    let manifest: manifest::Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|e| malformed(format!("danh mục: {e}")))?;
    if !identity::verify(
        &manifest.source.public_key,
        &manifest_bytes,
        &String::from_utf8_lossy(&signature),
    ) {
        return Err(Error::Package(PackageProblem::BadSignature {
            name: name.into(),
            label: manifest.source.label,
        }));
    }
    Ok(manifest)
}
