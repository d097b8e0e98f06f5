//! The tamper-evident trail: every change the app makes is an audit entry chained to the one
//! before it; `verify` finds what someone changed in the file with sqlite3 after dropping the
//! triggers that protect it, and names the first broken entry.

mod common;

use chuyende::audit::verify::{Limits, Tampering, TrailReport};
use chuyende::Database;
use rusqlite::Connection;

/// A database with a cell, members, a topic and its imported outline; closed, so that an
/// "attacker" can open the file with a connection of their own.
fn closed_meeting() -> (tempfile::TempDir, std::path::PathBuf) {
    let m = common::meeting();
    let path = m.db.path().to_path_buf();
    let common::Meeting { _dir, db, .. } = m;
    drop(db);
    (_dir, path)
}

/// What someone with sqlite3 does first: drop every trigger that stands in the way.
fn attacker(path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_event_kept; DROP TRIGGER audit_event_immutable;
         DROP TRIGGER audit_event_appended; DROP TRIGGER audit_head_moves;
         DROP TRIGGER audit_head_follows; DROP TRIGGER audit_head_kept;
         DROP TRIGGER outline_version_immutable; DROP TRIGGER outline_version_kept;",
    )
    .unwrap();
    conn
}

fn verify(path: &std::path::Path) -> TrailReport {
    Database::open(path)
        .unwrap()
        .verify_trail(Limits::FULL)
        .unwrap()
}

fn entries(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT max(id) FROM audit_event", [], |r| r.get(0))
        .unwrap()
}

fn kinds(report: &TrailReport) -> Vec<Tampering> {
    report
        .findings
        .iter()
        .map(|f| f.tampering.clone())
        .collect()
}

#[test]
fn an_untouched_database_verifies_every_entry_and_original() {
    let (_dir, path) = closed_meeting();
    let report = verify(&path);
    assert!(
        report.is_intact(),
        "nothing was tampered with: {:?}",
        report.findings
    );
    assert!(report.complete);
    assert!(
        report.entries_total >= 5,
        "the meeting's changes are in the trail"
    );
    assert_eq!(report.entries_checked, report.entries_total);
    assert_eq!((report.originals_checked, report.originals_total), (1, 1));
    assert_eq!(report.first_broken_entry, None);
    assert!(
        report.summary().starts_with("Dữ liệu nguyên vẹn."),
        "{}",
        report.summary()
    );
}

#[test]
fn altering_an_entry_is_found_and_named() {
    let (_dir, path) = closed_meeting();
    attacker(&path)
        .execute(
            "UPDATE audit_event SET actor = 'Người khác' WHERE id = 3",
            [],
        )
        .unwrap();
    let report = verify(&path);
    assert_eq!(kinds(&report), [Tampering::EntryAltered { id: 3 }]);
    assert_eq!(report.first_broken_entry, Some(3));
    assert!(
        report.findings[0].message.contains("Mục số 3"),
        "{}",
        report.findings[0].message
    );
    assert!(report
        .summary()
        .contains("mục hỏng đầu tiên của nhật ký là mục số 3"));
}

#[test]
fn deleting_the_entry_of_an_import_leaves_its_version_outside_the_trail() {
    let (_dir, path) = closed_meeting();
    attacker(&path)
        .execute("DELETE FROM audit_event WHERE action = 'Nhập đề cương'", [])
        .unwrap();
    let report = verify(&path);
    assert!(kinds(&report).contains(&Tampering::VersionNotInTrail {
        version_id: 1,
        topic_id: 1,
        number: 1,
        file_name: "de-cuong-v1.docx".into()
    }));
}

#[test]
fn deleting_an_entry_in_the_middle_is_found_and_named() {
    let (_dir, path) = closed_meeting();
    attacker(&path)
        .execute("DELETE FROM audit_event WHERE id = 3", [])
        .unwrap();
    let report = verify(&path);
    assert_eq!(
        kinds(&report),
        [Tampering::EntriesMissing { first: 3, last: 3 }]
    );
    assert_eq!(report.first_broken_entry, Some(3));
    assert!(report.findings[0]
        .message
        .contains("Mục số 3 của nhật ký thay đổi đã bị xoá"));
}

#[test]
fn deleting_the_first_or_the_last_entries_is_found() {
    let (_dir, path) = closed_meeting();
    let last = entries(&path);
    attacker(&path)
        .execute("DELETE FROM audit_event WHERE id IN (1, ?1)", [last])
        .unwrap();
    let report = verify(&path);
    assert_eq!(
        kinds(&report),
        [
            Tampering::EntriesMissing { first: 1, last: 1 },
            Tampering::EntriesRemovedAtEnd {
                last_id: last - 1,
                head_id: last
            },
        ]
    );
    assert_eq!(report.first_broken_entry, Some(1));
}

#[test]
fn inserting_an_entry_in_the_middle_is_found_and_named() {
    let (_dir, path) = closed_meeting();
    let last = entries(&path);
    let conn = attacker(&path);
    // Make room at 3 (moving 3.. up by one, from the end), then write an entry there that
    // copies its neighbours' links.
    for id in (3..=last).rev() {
        conn.execute("UPDATE audit_event SET id = id + 1 WHERE id = ?1", [id])
            .unwrap();
    }
    conn.execute(
        "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, prev_hash, hash)
         SELECT 3, at, actor, entity, entity_id, 'Duyệt chuyên đề', hash, hash FROM audit_event WHERE id = 2",
        [],
    )
    .unwrap();
    conn.execute("UPDATE audit_head SET last_id = last_id + 1", [])
        .unwrap();
    let report = verify(&path);
    assert_eq!(report.first_broken_entry, Some(3), "{:?}", report.findings);
    assert!(kinds(&report).contains(&Tampering::EntryAltered { id: 3 }));
    assert!(
        kinds(&report).contains(&Tampering::EntryAltered { id: 4 }),
        "the moved entry no longer matches its hash"
    );
}

#[test]
fn an_entry_added_at_the_end_with_another_tool_is_found() {
    let (_dir, path) = closed_meeting();
    let last = entries(&path);
    attacker(&path)
        .execute(
            "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, prev_hash, hash)
             SELECT id + 1, at, actor, entity, entity_id, action, hash, hash FROM audit_event WHERE id = ?1",
            [last],
        )
        .unwrap();
    let report = verify(&path);
    assert_eq!(
        kinds(&report),
        [
            Tampering::EntryAltered { id: last + 1 },
            Tampering::EntriesAddedAtEnd {
                first: last + 1,
                last: last + 1
            },
        ]
    );
    assert_eq!(report.first_broken_entry, Some(last + 1));
}

#[test]
fn reordering_two_entries_is_found_and_the_first_named() {
    let (_dir, path) = closed_meeting();
    let conn = attacker(&path);
    conn.execute_batch(
        "UPDATE audit_event SET id = -1 WHERE id = 3;
         UPDATE audit_event SET id = 3 WHERE id = 5;
         UPDATE audit_event SET id = 5 WHERE id = -1;",
    )
    .unwrap();
    let report = verify(&path);
    assert_eq!(report.first_broken_entry, Some(3), "{:?}", report.findings);
    for id in [3, 5] {
        assert!(
            kinds(&report).contains(&Tampering::EntryAltered { id }),
            "entry {id} is out of its place"
        );
    }
}

#[test]
fn changing_a_stored_original_is_found_and_names_the_version() {
    let (_dir, path) = closed_meeting();
    attacker(&path)
        .execute(
            "UPDATE outline_version SET original = CAST('một đề cương khác' AS BLOB) WHERE number = 1",
            [],
        )
        .unwrap();
    let report = verify(&path);
    assert!(
        matches!(&kinds(&report)[..], [Tampering::OriginalAltered { number: 1, file_name, .. }] if file_name == "de-cuong-v1.docx"),
        "{:?}",
        report.findings
    );
    assert!(report.findings[0]
        .message
        .contains("phiên bản 1 (de-cuong-v1.docx)"));
    assert!(!report.summary().starts_with("Dữ liệu nguyên vẹn"));
}

#[test]
fn changing_an_original_together_with_its_recorded_sha256_is_found_against_the_trail() {
    let (_dir, path) = closed_meeting();
    let forged = "một đề cương khác".as_bytes();
    let sha = sha_hex(forged);
    attacker(&path)
        .execute(
            "UPDATE outline_version SET original = ?1, sha256 = ?2, size = ?3 WHERE number = 1",
            rusqlite::params![forged, sha, forged.len() as i64],
        )
        .unwrap();
    let report = verify(&path);
    assert!(
        matches!(
            &kinds(&report)[..],
            [Tampering::VersionNotInTrail { number: 1, .. }]
        ),
        "{:?}",
        report.findings
    );
}

fn sha_hex(bytes: &[u8]) -> String {
    // The same digest the app records, computed the way an attacker would, outside the app.
    let out = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .expect("sha256sum runs");
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

#[test]
fn a_bounded_check_looks_at_the_newest_entries_and_says_it_was_not_complete() {
    let (_dir, path) = closed_meeting();
    let last = entries(&path);
    attacker(&path)
        .execute(
            "UPDATE audit_event SET actor = 'Người khác' WHERE id = 1",
            [],
        )
        .unwrap();
    let bounded = Database::open(&path)
        .unwrap()
        .verify_trail(Limits {
            entries: Some(3),
            originals: Some(0),
            time: None,
        })
        .unwrap();
    assert_eq!(bounded.entries_checked, 3);
    assert!(!bounded.complete);
    assert!(
        bounded.is_intact(),
        "the altered entry is older than the bounded check looks"
    );
    assert!(
        bounded.summary().contains("chuyende verify"),
        "{}",
        bounded.summary()
    );
    let full = verify(&path);
    assert_eq!(full.first_broken_entry, Some(1));
    assert_eq!(full.entries_checked, last);
}

#[test]
fn the_trail_kept_before_the_chain_existed_is_chained_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyende.sqlite3");
    Database::create_at_schema_version(&path, 7).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO organisation (id, kind, name, name_key, superior_name, created_at, updated_at)
         VALUES (1, 'party_committee_org', 'Đảng bộ A', 'đảng bộ a', 'Đảng ủy Khối', '2026-01-01', '2026-01-01');
         INSERT INTO plan (id, organisation_id, year, created_at, updated_at) VALUES (1, 1, 2026, '2026-01-01', '2026-01-01');
         INSERT INTO topic (id, plan_id, title, group_id, quarter, state, created_at, updated_at)
         VALUES (1, 1, 'Chuyên đề', 1, 1, 'planned', '2026-01-01', '2026-01-01');
         INSERT INTO outline_version (id, topic_id, number, file_name, format, size, sha256, original, imported_by,
                                      imported_at, text_status, blocks)
         VALUES (1, 1, 1, 'a.txt', 'txt', 3, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
                 CAST('abc' AS BLOB), 'X', '2026-01-02', 'read', '[]');
         INSERT INTO audit_event (at, actor, entity, entity_id, action, to_text) VALUES
             ('2026-01-01', 'X', 'plan', 1, 'Tạo kế hoạch', '2026'),
             ('2026-01-01', 'X', 'topic', 1, 'Tạo chuyên đề', 'Quý I'),
             ('2026-01-02', 'X', 'topic', 1, 'Nhập đề cương', 'Phiên bản 1: a.txt');",
    )
    .unwrap();
    drop(conn);
    let db = Database::open(&path).unwrap();
    let report = db.verify_trail(Limits::FULL).unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!((report.entries_checked, report.originals_checked), (3, 1));
    // And the chain goes on from the migrated entries.
    db.create_plan(chuyende::organisation::OrganisationId(1), 2027)
        .unwrap();
    let report = db.verify_trail(Limits::FULL).unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(report.entries_checked, 4);
}

#[test]
fn the_database_refuses_an_entry_that_does_not_follow_the_newest_one() {
    let (_dir, path) = closed_meeting();
    let conn = Connection::open(&path).unwrap();
    let refused = conn.execute(
        "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, prev_hash, hash)
         VALUES (1000, 'x', 'x', 'topic', 1, 'x', ?1, ?1)",
        [chuyende::audit::GENESIS],
    );
    assert!(
        refused.is_err(),
        "an entry out of sequence is refused by the trigger"
    );
    let refused = conn.execute("UPDATE audit_head SET last_id = 1", []);
    assert!(refused.is_err(), "the head cannot be moved by hand");
}
