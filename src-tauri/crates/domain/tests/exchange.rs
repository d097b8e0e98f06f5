//! Exchange packages between workstations (issue 15): a cell's year goes to its đảng bộ as one
//! signed file; what arrives equals what left, record by record; the same package twice changes
//! nothing; a record changed on both sides is a conflict with both kept; a package altered,
//! cut short, signed by a key nobody confirmed, hostile (zip slip, zip bomb) or of a newer
//! format is refused before anything is written.

mod common;

use std::path::{Path, PathBuf};

use chuyende::backup;
use chuyende::comment::{AnswerDraft, CommentCorrection, CommentKind, Speaker};
use chuyende::cycle::Decision;
use chuyende::exchange::manifest::{Manifest, Part, ScopeInfo, Source, FORMAT_VERSION};
use chuyende::exchange::package::build_raw;
use chuyende::exchange::{Choice, ExportScope, PackageProblem, Workstation};
use chuyende::guest::GuestDraft;
use chuyende::session::SessionId;
use chuyende::vote::{ConclusionVote, VoteMethod};
use chuyende::{Database, Error};

use common::{committee, decide, fixture, meeting, say, session_draft, Meeting};

/// A cell's 2025: a topic presented at a session with a comment, taken into version 2,
/// the minutes signed, the topic approved by the committee.
fn cell_year() -> (Meeting, SessionId) {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Bổ sung giải pháp cho bộ phận Nhà khách.",
    );
    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap();
    m.db.answer_comment(c.id, &AnswerDraft::Incorporated { version_id: v2.id })
        .unwrap();
    m.db.add_guest(
        s.id,
        &GuestDraft {
            full_name: "Vũ Văn Khánh".into(),
            title: "Phó Bí thư Đảng ủy Khối".into(),
        },
    )
    .unwrap();
    m.db.set_vote(
        s.id,
        &ConclusionVote {
            method: VoteMethod::ShowOfHands,
            agreed: 5,
            disagreed: 0,
            abstained: 0,
        },
    )
    .unwrap();
    m.db.sign_minutes(s.id, chrono::NaiveDate::from_ymd_opt(2025, 4, 20).unwrap())
        .unwrap();
    m.db.submit_topic(m.topic).unwrap();
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    (m, s.id)
}

fn year_of(m: &Meeting) -> ExportScope {
    ExportScope {
        organisation_id: m.cell.id,
        year: 2025,
        topic_id: None,
    }
}

fn export(m: &Meeting, into: &Path) -> PathBuf {
    let file = into.join("Gói Chi bộ Công báo 2025.cdgoi");
    m.db.export_package(year_of(m), &file).unwrap();
    file
}

/// The đảng bộ's workstation: its own database, the đảng bộ the cell's records name.
fn party_committee() -> (
    tempfile::TempDir,
    Database,
    chuyende::organisation::Organisation,
) {
    let (dir, db) = common::fresh();
    let org = committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    (dir, db, org)
}

fn dump(db: &Database) -> String {
    backup::dump(db.path()).unwrap()
}

/// A cell's session with one comment, and a second machine of the cell that starts as a copy
/// of the first (a backup restored there): the same records and UUIDs, a workstation of its own.
struct TwoMachines {
    m: Meeting,
    session: SessionId,
    comment: chuyende::comment::CommentId,
    _copy_dir: tempfile::TempDir,
    copy: Database,
}

fn two_machines() -> TwoMachines {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Cần bổ sung giải pháp.",
    );
    let copy_dir = tempfile::tempdir().unwrap();
    m.db.backup_to(&copy_dir.path().join(chuyende::paths::DATABASE_FILE))
        .unwrap();
    let copy = Database::open_in(copy_dir.path()).unwrap();
    assert_ne!(
        copy.own_key().unwrap().workstation,
        m.db.own_key().unwrap().workstation
    );
    TwoMachines {
        m,
        session: s.id,
        comment: c.id,
        _copy_dir: copy_dir,
        copy,
    }
}

/// The comment reworded on `db` by its meeting secretary.
fn reword(t: &TwoMachines, db: &Database, text: &str) {
    db.correct_comment(
        t.comment,
        &CommentCorrection {
            speaker: Speaker::Member(t.m.members[2].id),
            kind: CommentKind::Contribution,
            anchor_block: None,
            text: text.into(),
        },
    )
    .unwrap();
}

#[test]
fn a_year_received_equals_the_year_sent_record_for_record_and_a_second_receipt_changes_nothing() {
    let (a, session) = cell_year();
    let out = tempfile::tempdir().unwrap();
    // As the year stood when it was sent (the export's own entry in the trail comes after).
    let sent = a.db.exchange_dump(year_of(&a)).unwrap();
    let file = export(&a, out.path());
    let (_b_dir, b, committee) = party_committee();
    b.trust_package_key(&file, "Chi bộ Công báo - Nhà khách")
        .unwrap();

    let before = dump(&b);
    let plan = b.plan_receive(&file).unwrap();
    assert_eq!(dump(&b), before, "a dry run writes nothing");
    assert_eq!(
        plan.added.len(),
        sent.len(),
        "every record of the year is new to the đảng bộ"
    );
    assert!(plan.conflicts.is_empty() && plan.changed.is_empty() && !plan.applied);
    assert_eq!(plan.documents, 2, "both outline versions' originals travel");
    assert!(plan
        .added
        .iter()
        .any(|r| r.kind_label == "Ý kiến" && r.summary.contains("Nhà khách")));

    let done = b.receive_package(&file).unwrap();
    assert!(done.applied);
    assert_eq!(
        done.added, plan.added,
        "what was received is what the plan showed"
    );
    let workstation = a.db.own_key().unwrap().workstation;
    assert_eq!(
        b.received_dump(&workstation).unwrap(),
        sent,
        "the records received equal the records sent"
    );
    for kind in [
        "organisation",
        "member",
        "plan",
        "topic",
        "outline_version",
        "session",
        "session_guest",
        "comment",
        "submission",
        "minutes_revision",
        "audit_event",
    ] {
        assert!(
            sent.values().any(|(k, _)| k == kind),
            "the year carries its {kind} records"
        );
    }

    let after_first = dump(&b);
    let again = b.receive_package(&file).unwrap();
    assert!(again.already_received && again.added.is_empty() && again.conflicts.is_empty());
    assert_eq!(
        dump(&b),
        after_first,
        "the same package twice changes nothing"
    );

    let cells = b.cells_received(committee.id, 2025).unwrap();
    assert_eq!(cells.len(), 1, "the cell shows under its đảng bộ");
    let cell = &cells[0];
    assert_eq!(cell.name, "Chi bộ Công báo - Nhà khách");
    assert!(
        !cell.last_sent.is_empty(),
        "when the cell last sent is shown"
    );
    let q2 = &cell.quarters[1];
    assert_eq!(
        (q2.topics, q2.sessions_held, q2.approved),
        (1, 1, 1),
        "quý II: one topic, held, approved"
    );
    assert_eq!(cell.sessions.len(), 1);
    assert_eq!(cell.sessions[0].held_on, "20/04/2025");
    assert_eq!(
        cell.sessions[0].topics,
        ["Trách nhiệm nêu gương của đảng viên"]
    );
    let _ = session;
}

#[test]
fn a_comment_changed_on_both_sides_is_a_conflict_with_neither_side_lost() {
    let t = two_machines();
    let (m, b) = (&t.m, &t.copy);
    reword(&t, &m.db, "Cần bổ sung giải pháp cho bộ phận Nhà khách.");
    reword(&t, b, "Cần bổ sung giải pháp về tiết kiệm.");

    let out = tempfile::tempdir().unwrap();
    let file = export(&m, out.path());
    b.trust_package_key(&file, "Máy văn phòng").unwrap();
    let done = b.receive_package(&file).unwrap();
    assert_eq!(
        done.conflicts.len(),
        1,
        "the comment changed on both sides is listed: {:?}",
        done.conflicts
    );
    assert_eq!(done.conflicts[0].kind, "comment");

    let ours = b.session_comments(t.session).unwrap();
    assert_eq!(
        ours[0].text, "Cần bổ sung giải pháp về tiết kiệm.",
        "our side is not overwritten"
    );
    assert_eq!(
        m.db.session_comments(t.session).unwrap()[0].text,
        "Cần bổ sung giải pháp cho bộ phận Nhà khách."
    );
    let conflicts = b.exchange_conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].ours, "Cần bổ sung giải pháp về tiết kiệm.");
    assert_eq!(
        conflicts[0].theirs, "Cần bổ sung giải pháp cho bộ phận Nhà khách.",
        "their side is kept too"
    );
    assert_eq!(conflicts[0].resolution, None, "a person chooses");

    let before = dump(&b);
    let again = b.receive_package(&file).unwrap();
    assert!(again.already_received);
    assert_eq!(dump(&b), before, "the conflict is not recorded twice");

    // Theirs chosen: taken in through the comment's own correction, ours kept in its history.
    let chosen = b.resolve_conflict(conflicts[0].id, Choice::Theirs).unwrap();
    assert_eq!(chosen.resolution.as_deref(), Some("theirs"));
    assert_eq!(
        b.session_comments(t.session).unwrap()[0].text,
        "Cần bổ sung giải pháp cho bộ phận Nhà khách."
    );
    assert_eq!(
        chosen.ours, "Cần bổ sung giải pháp về tiết kiệm.",
        "the side not chosen stays readable"
    );
    assert!(
        matches!(
            b.resolve_conflict(conflicts[0].id, Choice::Ours),
            Err(Error::Transition { .. })
        ),
        "a conflict is decided once"
    );
}

/// The đảng bộ, trusting the cell's key, and the cell's package.
struct Refusals {
    _out: tempfile::TempDir,
    _b_dir: tempfile::TempDir,
    cell: Meeting,
    b: Database,
    file: PathBuf,
}

fn refusals() -> Refusals {
    let (cell, _) = cell_year();
    let out = tempfile::tempdir().unwrap();
    let file = export(&cell, out.path());
    let (b_dir, b, _) = party_committee();
    b.trust_package_key(&file, "Chi bộ Công báo").unwrap();
    Refusals {
        _out: out,
        _b_dir: b_dir,
        cell,
        b,
        file,
    }
}

/// Receives `bytes` as a package file and returns why it was refused; B is unchanged.
fn refused(r: &Refusals, bytes: &[u8]) -> PackageProblem {
    let path = r.file.with_file_name("gói sửa.cdgoi");
    std::fs::write(&path, bytes).unwrap();
    let before = dump(&r.b);
    let outcome =
        r.b.plan_receive(&path)
            .and_then(|_| r.b.receive_package(&path));
    assert_eq!(dump(&r.b), before, "a refused package writes nothing");
    match outcome {
        Err(Error::Package(p)) => {
            let message = p.to_string();
            assert!(
                message
                    .to_lowercase()
                    .contains("dữ liệu trên máy này không thay đổi"),
                "said in Vietnamese, saying nothing changed: {message}"
            );
            p
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_byte_changed_in_any_part_refuses_the_package() {
    let r = refusals();
    let bytes = std::fs::read(&r.file).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let f = archive.by_index(i).unwrap();
        parts.push((
            f.name().unwrap().to_string(),
            f.data_start().expect("read entries know their data"),
            f.compressed_size(),
        ));
    }
    assert!(
        parts.len() >= 10,
        "manifest, signature, records and documents: {parts:?}"
    );
    for (name, start, size) in parts {
        let mut changed = bytes.clone();
        changed[(start + size / 2) as usize] ^= 0x20;
        let problem = refused(&r, &changed);
        assert!(
            matches!(
                problem,
                PackageProblem::PartChanged { .. }
                    | PackageProblem::BadSignature { .. }
                    | PackageProblem::Malformed { .. }
                    | PackageProblem::Truncated { .. }
            ),
            "a byte changed in {name}: {problem:?}"
        );
    }
}

#[test]
fn a_package_signed_by_a_key_nobody_confirmed_is_refused_with_its_fingerprint() {
    let (cell, _) = cell_year();
    let out = tempfile::tempdir().unwrap();
    let file = export(&cell, out.path());
    let (_b_dir, b, _) = party_committee();
    let before = dump(&b);
    match b.receive_package(&file) {
        Err(Error::Package(p @ PackageProblem::UnknownKey { .. })) => {
            let fingerprint = cell.db.own_key().unwrap().fingerprint;
            assert!(
                p.to_string().contains(&fingerprint),
                "the message gives the fingerprint to compare: {p}"
            );
        }
        other => panic!("expected an unknown key, got {other:?}"),
    }
    assert_eq!(dump(&b), before);
}

#[test]
fn a_package_cut_short_is_refused() {
    let r = refusals();
    let bytes = std::fs::read(&r.file).unwrap();
    for keep in [bytes.len() / 2, bytes.len() - 10, 100] {
        assert!(
            matches!(
                refused(&r, &bytes[..keep]),
                PackageProblem::Truncated { .. }
            ),
            "cut at {keep}"
        );
    }
}

/// A manifest for hostile entries, as the cell's own key would sign it.
fn signed(
    r: &Refusals,
    format: u32,
    entries: &[(String, Vec<u8>)],
    declared: Option<u64>,
) -> Vec<u8> {
    let workstation = Workstation::of(r.cell.db.path().parent().unwrap()).unwrap();
    let manifest = Manifest {
        format,
        package: uuid::Uuid::now_v7().to_string(),
        source: Source {
            workstation: workstation.id.clone(),
            public_key: workstation.public_key(),
            label: "Chi bộ Công báo".into(),
        },
        created_at: "2025-05-01T08:00:00+07:00".into(),
        scope: ScopeInfo {
            organisation: uuid::Uuid::now_v7().to_string(),
            organisation_name: "Chi bộ Công báo".into(),
            year: 2025,
            topic: None,
        },
        contents: Default::default(),
        parts: entries
            .iter()
            .map(|(path, bytes)| Part {
                path: path.clone(),
                sha256: sha256(bytes),
                size: declared.unwrap_or(bytes.len() as u64),
            })
            .collect(),
    };
    build_raw(&workstation, &manifest, entries)
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_part_named_outside_the_package_is_refused_even_when_signed_by_a_known_key() {
    let r = refusals();
    for name in [
        "../../.bashrc",
        "/etc/cron.d/x",
        "records/../../x.json",
        "documents\\..\\x",
        "C:/x",
    ] {
        let bytes = signed(
            &r,
            FORMAT_VERSION,
            &[(name.to_string(), b"[]".to_vec())],
            None,
        );
        assert!(
            matches!(refused(&r, &bytes), PackageProblem::UnsafePath { .. }),
            "{name}"
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_while_it_inflates() {
    let r = refusals();
    // 80 MB of spaces inflate from well under 1 MB: over the 64 MB a part may hold.
    let mut bomb = vec![b' '; 80 << 20];
    bomb[0] = b'[';
    *bomb.last_mut().unwrap() = b']';
    let bytes = signed(
        &r,
        FORMAT_VERSION,
        &[("records/comment.json".into(), bomb)],
        Some(2),
    );
    assert!(
        bytes.len() < 1 << 20,
        "the package itself is small: {} bytes",
        bytes.len()
    );
    assert!(matches!(
        refused(&r, &bytes),
        PackageProblem::TooLarge { .. }
    ));
}

#[test]
fn a_package_of_a_newer_format_is_refused() {
    let r = refusals();
    let bytes = signed(
        &r,
        FORMAT_VERSION + 1,
        &[("records/comment.json".into(), b"[]".to_vec())],
        None,
    );
    match refused(&r, &bytes) {
        PackageProblem::NewerFormat {
            found, supported, ..
        } => assert_eq!((found, supported), (FORMAT_VERSION + 1, FORMAT_VERSION)),
        other => panic!("expected a newer format, got {other:?}"),
    }
}

#[test]
fn every_record_that_travels_has_a_uuid_v7_also_those_an_approval_locked_before_the_migration() {
    let (m, _) = cell_year();
    let path = m.db.path().to_path_buf();
    let Meeting { _dir, db, .. } = m;
    drop(db);
    // The file as schema 15 left it (migration 18's member columns and 19's reminders dropped too): the approved
    // topic's session, comments and minutes are locked by triggers; migration 16 must give them
    // ids without touching them.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let triggers: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_uid' ESCAPE '\\'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
        conn.execute_batch(
            "DROP TRIGGER record_uid_kept_update; DROP VIEW new_uid; DROP TABLE record_uid; DROP TABLE exchange_conflict;
             DROP TABLE received_record; DROP TABLE received_document; DROP TABLE received_package; DROP TABLE known_key;
             DROP TRIGGER account_kept; DROP TABLE account;
             ALTER TABLE member DROP COLUMN born_on; ALTER TABLE member DROP COLUMN joined_on;
             ALTER TABLE member DROP COLUMN card_number; DROP TABLE reminder_shown;
             PRAGMA user_version = 15;",
        )
        .unwrap();
    }
    let db = Database::open(&path).unwrap();
    assert_eq!(
        db.schema_version().unwrap(),
        chuyende::db::latest_schema_version()
    );
    db.read(|conn| {
        for (table, entity) in [("organisation", "organisation"), ("member", "member"), ("plan", "plan"), ("topic", "topic"), ("outline_version", "outline_version"), ("session", "session"), ("session_guest", "session_guest"), ("comment", "comment"), ("submission", "submission"), ("minutes_revision", "minutes_revision"), ("audit_event", "audit_event")] {
            let missing: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM record_uid r WHERE r.entity = '{entity}' AND r.local_id = t.id)"),
                [],
                |r| r.get(0),
            )?;
            assert_eq!(missing, 0, "every {table} row has its UUID");
        }
        let uids: Vec<String> = conn.prepare("SELECT uid FROM record_uid")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        assert!(uids.len() > 20);
        for uid in &uids {
            let parsed = uuid::Uuid::parse_str(uid).unwrap_or_else(|_| panic!("{uid} is a UUID"));
            assert_eq!(parsed.get_version_num(), 7, "{uid} is a UUID v7");
        }
        Ok(())
    })
    .unwrap();
    assert!(
        db.verify_trail(chuyende::audit::verify::Limits::FULL)
            .unwrap()
            .is_intact(),
        "the trail is intact"
    );
    assert!(
        db.check_approval_locks().unwrap().is_empty(),
        "what the approval locked is as it was"
    );
}

#[test]
fn a_newer_package_from_the_same_cell_updates_what_it_sent_and_another_workstations_different_copy_is_a_conflict(
) {
    let t = two_machines();
    let (m, copy) = (&t.m, &t.copy);
    let out = tempfile::tempdir().unwrap();
    let first = export(&m, out.path());
    let (_b_dir, b, _) = party_committee();
    b.trust_package_key(&first, "Chi bộ Công báo").unwrap();
    b.receive_package(&first).unwrap();

    reword(&t, &m.db, "Cần bổ sung giải pháp cho bộ phận Nhà khách.");
    let second = out.path().join("lần 2.cdgoi");
    m.db.export_package(year_of(&m), &second).unwrap();
    let plan = b.receive_package(&second).unwrap();
    assert!(
        plan.changed
            .iter()
            .any(|r| r.kind == "comment"
                && r.summary == "Cần bổ sung giải pháp cho bộ phận Nhà khách."),
        "the cell's correction replaces what it sent before: {:?}",
        plan.changed
    );
    assert!(plan.conflicts.is_empty());

    // The copy changes the same comment its own way and sends it: not the maker of what the
    // đảng bộ holds, so both are kept for a person to choose.
    reword(&t, copy, "Cần bổ sung giải pháp về tiết kiệm.");
    let third = out.path().join("máy thứ hai.cdgoi");
    copy.export_package(year_of(&m), &third).unwrap();
    b.trust_package_key(&third, "Máy thứ hai của chi bộ")
        .unwrap();
    let plan = b.receive_package(&third).unwrap();
    assert_eq!(plan.conflicts.len(), 1, "{:?}", plan.conflicts);
    let conflict = &b.exchange_conflicts().unwrap()[0];
    assert_eq!(
        conflict.ours,
        "Cần bổ sung giải pháp cho bộ phận Nhà khách."
    );
    assert_eq!(conflict.theirs, "Cần bổ sung giải pháp về tiết kiệm.");
    let from_cell = b
        .received_dump(&m.db.own_key().unwrap().workstation)
        .unwrap();
    assert!(
        from_cell
            .values()
            .any(|(k, body)| k == "comment" && body.contains("bộ phận Nhà khách")),
        "what the đảng bộ holds stays the cell's until a person chooses"
    );
    let chosen = b.resolve_conflict(conflict.id, Choice::Theirs).unwrap();
    assert_eq!(chosen.resolution.as_deref(), Some("theirs"));
    let all: Vec<String> = [
        m.db.own_key().unwrap().workstation,
        copy.own_key().unwrap().workstation,
    ]
    .iter()
    .flat_map(|w| {
        b.received_dump(w)
            .unwrap()
            .into_values()
            .map(|(_, body)| body)
    })
    .collect();
    assert!(
        all.iter().any(|body| body.contains("về tiết kiệm")),
        "the choice is kept as the received record"
    );
}

#[test]
fn one_topic_travels_with_the_sessions_that_presented_it_and_not_the_rest_of_the_year() {
    let (m, _) = cell_year();
    let other =
        m.db.create_topic(
            m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap().id,
            &chuyende::topic::TopicDraft {
                title: "Đổi mới sinh hoạt chi bộ".into(),
                group_id: m.db.topic_groups(m.cell.id).unwrap()[3].id,
                quarter: chuyende::plan::Quarter::new(3).unwrap(),
                planned_on: None,
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: vec![m.members[1].id],
            },
        )
        .unwrap();
    let one = ExportScope {
        topic_id: Some(m.topic),
        ..year_of(&m)
    };
    let dump = m.db.exchange_dump(one).unwrap();
    let topics: Vec<&String> = dump
        .values()
        .filter(|(k, _)| k == "topic")
        .map(|(_, b)| b)
        .collect();
    assert_eq!(topics.len(), 1);
    assert!(topics[0].contains("Trách nhiệm nêu gương"));
    assert!(
        !dump.values().any(|(_, b)| b.contains(&other.title)),
        "the other topic stays home"
    );
    assert_eq!(
        dump.values().filter(|(k, _)| k == "session").count(),
        1,
        "its session goes with it"
    );
}

#[test]
fn a_package_that_is_not_a_plain_file_is_refused_without_reading_it() {
    let (_dir, b, _) = party_committee();
    let folder = tempfile::tempdir().unwrap();
    match b.plan_receive(folder.path()) {
        Err(Error::Package(PackageProblem::Unreadable { .. })) => {}
        other => panic!("a folder is not a package: {other:?}"),
    }
}

#[test]
fn the_dang_bos_plan_sent_down_shows_to_its_cell_with_each_topic_and_its_quarter() {
    let (_up_dir, up, committee_org) = party_committee();
    let plan = up.create_plan(committee_org.id, 2025).unwrap();
    up.create_topic(
        plan.id,
        &chuyende::topic::TopicDraft {
            title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".into(),
            group_id: up.topic_groups(committee_org.id).unwrap()[2].id,
            quarter: chuyende::plan::Quarter::new(3).unwrap(),
            planned_on: None,
            suggestions: "Gắn với trách nhiệm nêu gương của người đứng đầu.".into(),
            notes: String::new(),
            assignee_ids: vec![],
        },
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("Đảng bộ 2025.cdgoi");
    up.export_package(
        ExportScope {
            organisation_id: committee_org.id,
            year: 2025,
            topic_id: None,
        },
        &file,
    )
    .unwrap();

    // The cell's own workstation knows its đảng bộ by name only.
    let m = meeting();
    assert_eq!(
        m.db.guidance_received(m.cell.id, 2025).unwrap(),
        None,
        "nothing came down yet"
    );
    m.db.trust_package_key(&file, "Đảng ủy").unwrap();
    m.db.receive_package(&file).unwrap();
    let guidance =
        m.db.guidance_received(m.cell.id, 2025)
            .unwrap()
            .expect("the đảng bộ's plan came down");
    assert_eq!(guidance.organisation_name, "Đảng bộ Văn phòng UBND tỉnh");
    assert_eq!(
        guidance.plan_approved_on.as_deref(),
        Some(""),
        "a plan not yet approved"
    );
    assert_eq!(guidance.topics.len(), 1);
    assert_eq!(guidance.topics[0].quarter, 3);
    assert_eq!(
        guidance.topics[0].suggestions,
        "Gắn với trách nhiệm nêu gương của người đứng đầu."
    );
    assert!(!guidance.last_sent.is_empty());
}

#[test]
fn a_package_without_its_signature_or_signed_by_another_key_is_refused() {
    use std::io::{Read, Write};
    let r = refusals();
    let bytes = std::fs::read(&r.file).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    // The same parts, the signature left out, or replaced by another workstation's.
    let stranger_dir = tempfile::tempdir().unwrap();
    let stranger = Workstation::of(stranger_dir.path()).unwrap();
    let mut manifest = Vec::new();
    archive
        .by_name("manifest.json")
        .unwrap()
        .read_to_end(&mut manifest)
        .unwrap();
    let forged = {
        let probe = build_raw(&stranger, &serde_json::from_slice(&manifest).unwrap(), &[]);
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(probe)).unwrap();
        let mut s = Vec::new();
        a.by_name("signature").unwrap().read_to_end(&mut s).unwrap();
        s
    };
    for signature in [None, Some(forged)] {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "signature" {
                match &signature {
                    None => continue,
                    Some(s) => data = s.clone(),
                }
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&data).unwrap();
        }
        let changed = out.finish().unwrap().into_inner();
        let problem = refused(&r, &changed);
        match (&signature, &problem) {
            (None, PackageProblem::PartMissing { part, .. }) => assert_eq!(part, "signature"),
            (Some(_), PackageProblem::BadSignature { .. }) => {}
            _ => panic!("unsigned or signed by a stranger, got {problem:?}"),
        }
    }
}

#[test]
fn the_screen_offers_exchange_to_secretary_and_clerk_and_the_key_confirmation_to_the_administrator()
{
    use chuyende::account::{AccountDraft, Role};
    use chuyende::exchange::ExchangeActions;
    let (dir, db, _) = party_committee();
    assert_eq!(
        db.exchange_actions().unwrap(),
        ExchangeActions {
            exchange: true,
            trust_key: true
        },
        "data without accounts behaves as before"
    );
    db.create_first_administrator("quantri", "Quản trị", "mật khẩu dài đủ 12")
        .unwrap();
    assert_eq!(
        db.exchange_actions().unwrap(),
        ExchangeActions {
            exchange: false,
            trust_key: true
        }
    );
    db.create_account(&AccountDraft {
        username: "vanphong".into(),
        display_name: "Văn phòng đảng ủy".into(),
        role: Role::Clerk,
        member_id: None,
        password: "mật khẩu văn phòng 1".into(),
    })
    .unwrap();
    let clerk = Database::open_in(dir.path()).unwrap();
    clerk.sign_in("vanphong", "mật khẩu văn phòng 1").unwrap();
    assert_eq!(
        clerk.exchange_actions().unwrap(),
        ExchangeActions {
            exchange: true,
            trust_key: false
        }
    );
}

#[test]
fn every_waiting_conflict_is_listed_and_of_the_resolved_only_the_newest() {
    use chuyende::exchange::RESOLVED_SHOWN;
    let t = two_machines();
    let (m, b) = (&t.m, &t.copy);
    let out = tempfile::tempdir().unwrap();
    let mut resolved = Vec::new();
    // Each round the comment is reworded on both machines, sent and received: one conflict
    // more, chosen at once, but the last one, left waiting.
    let last = RESOLVED_SHOWN + 2;
    for round in 0..=last {
        reword(&t, &m.db, &format!("Ý kiến ở văn phòng, lần {round}."));
        reword(&t, b, &format!("Ý kiến ở đây, lần {round}."));
        let file = export(m, out.path());
        if round == 0 {
            b.trust_package_key(&file, "Máy văn phòng").unwrap();
        }
        let done = b.receive_package(&file).unwrap();
        assert_eq!(done.conflicts.len(), 1, "round {round}");
        let waiting: Vec<_> = b
            .exchange_conflicts()
            .unwrap()
            .into_iter()
            .filter(|c| c.resolution.is_none())
            .collect();
        assert_eq!(waiting.len(), 1, "round {round}: the new one waits");
        if round < last {
            let chosen = b.resolve_conflict(waiting[0].id, Choice::Ours).unwrap();
            assert_eq!(chosen.resolution.as_deref(), Some("ours"));
            resolved.push(chosen.id);
        }
    }
    let listed = b.exchange_conflicts().unwrap();
    assert_eq!(listed.len() as i64, 1 + RESOLVED_SHOWN, "the waiting one and the newest resolved");
    assert!(listed[0].resolution.is_none(), "what waits for a person comes first");
    let shown: Vec<i64> = listed[1..].iter().map(|c| c.id).collect();
    let newest: Vec<i64> = resolved.iter().rev().take(RESOLVED_SHOWN as usize).copied().collect();
    assert_eq!(shown, newest, "the latest choices, newest first");
    assert!(
        !shown.contains(&resolved[0]) && !shown.contains(&resolved[1]),
        "the two oldest choices are no longer listed"
    );
}
