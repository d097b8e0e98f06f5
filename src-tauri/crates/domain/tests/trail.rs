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
        report.summary.starts_with("Dữ liệu nguyên vẹn."),
        "{}",
        report.summary
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
        .summary
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
        topic_title: "Trách nhiệm nêu gương của đảng viên".into(),
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
    assert!(!report.summary.starts_with("Dữ liệu nguyên vẹn"));
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
            locks: Some(0),
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
        bounded.summary.contains("chuyende verify"),
        "{}",
        bounded.summary
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

/// Runs one change and checks that it left exactly `entries` new audit entries.
fn leaves<T>(db: &Database, entries: i64, what: &str, change: impl FnOnce() -> T) -> T {
    let before = db.read(chuyende::audit::count).unwrap();
    let value = change();
    let after = db.read(chuyende::audit::count).unwrap();
    assert_eq!(
        after - before,
        entries,
        "{what} leaves {entries} audit entry(ies)"
    );
    value
}

#[test]
fn every_kind_of_change_the_app_makes_leaves_exactly_one_entry_and_the_trail_verifies() {
    use chrono::NaiveDate;
    use chuyende::comment::{AnswerDraft, CommentDraft, CommentKind};
    use chuyende::export::Exported;
    use chuyende::guest::GuestDraft;
    use chuyende::member::Departure;
    use chuyende::member_period::{MemberPeriodDraft, PeriodKind};
    use chuyende::minutes::DocumentFormat;
    use chuyende::session::{Presence, SessionDraft, SessionKind};
    use chuyende::term::TermDraft;
    use chuyende::topic::TopicDraft;
    use chuyende::vote::{ConclusionVote, VoteMethod};
    use common::*;

    let (dir, db) = fresh();
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    // Settings and organisations.
    leaves(&db, 1, "naming the workstation's user", || {
        db.set_profile_name("Nguyễn Thị Lan").unwrap()
    });
    let org = leaves(&db, 1, "adding a đảng bộ", || {
        committee(&db, "Đảng bộ Văn phòng UBND tỉnh")
    });
    let cell = leaves(&db, 1, "adding a cell", || {
        cell(&db, &org, "Chi bộ Công báo - Nhà khách")
    });
    let spare = leaves(&db, 1, "adding another cell", || {
        common::cell(&db, &org, "Chi bộ Tạm")
    });
    leaves(&db, 1, "renaming an organisation", || {
        db.update_organisation(
            spare.id,
            &chuyende::organisation::OrganisationDraft {
                name: "Chi bộ Lưu trữ".into(),
                placement: chuyende::organisation::Placement::Cell { parent_id: org.id },
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "retiring an organisation", || {
        db.retire_organisation(spare.id, day(3, 1)).unwrap()
    });
    leaves(&db, 1, "changing an organisation's settings", || {
        let mut s = db.organisation_settings(cell.id).unwrap();
        s.min_duration_minutes = 120;
        db.set_organisation_settings(cell.id, s).unwrap()
    });
    let term = leaves(&db, 1, "declaring a committee term", || {
        db.add_term(
            cell.id,
            &TermDraft {
                starts_on: day(1, 1),
                ends_on: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "removing a committee term", || {
        db.remove_term(term.id).unwrap()
    });
    let group = leaves(&db, 1, "adding a topic group", || {
        db.create_topic_group(cell.id, "Chuyển đổi số").unwrap()
    });
    // Members.
    let lan = leaves(&db, 1, "adding a member", || {
        db.create_member(&draft(
            &cell,
            "Nguyễn Thị Lan",
            chuyende::member::Position::Secretary,
        ))
        .unwrap()
    });
    let binh = leaves(&db, 1, "adding a member", || {
        member(&db, &cell, "Trần Văn Bình")
    });
    let ha = leaves(&db, 1, "adding a member", || {
        member(&db, &cell, "Lê Thu Hà")
    });
    let hai = member(&db, &cell, "Đặng Quang Hải");
    leaves(&db, 1, "editing a member", || {
        db.update_member(
            ha.id,
            &draft(&cell, "Lê Thu Hằng", chuyende::member::Position::Member),
        )
        .unwrap()
    });
    leaves(&db, 1, "recording a departure", || {
        db.record_departure(
            ha.id,
            &Departure {
                moved_on: day(2, 1),
                note: "Chuyển công tác".into(),
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "reinstating a member", || {
        db.reinstate_member(ha.id).unwrap()
    });
    let with_period = leaves(&db, 1, "adding a period of exemption", || {
        db.add_member_period(
            ha.id,
            &MemberPeriodDraft {
                kind: PeriodKind::Exempt,
                from: day(1, 1),
                to: Some(day(1, 31)),
                note: String::new(),
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "removing a period", || {
        db.remove_member_period(with_period.periods[0].id).unwrap()
    });
    // Plans and topics.
    let plan = leaves(&db, 1, "creating a plan", || {
        db.create_plan(cell.id, 2025).unwrap()
    });
    let mut topic_draft = TopicDraft {
        title: "Trách nhiệm nêu gương của đảng viên".into(),
        group_id: group.id,
        quarter: chuyende::plan::Quarter::new(2).unwrap(),
        planned_on: None,
        suggestions: String::new(),
        notes: String::new(),
        assignee_ids: vec![binh.id],
    };
    let topic = leaves(&db, 1, "adding a topic", || {
        db.create_topic(plan.id, &topic_draft).unwrap()
    })
    .id;
    topic_draft.notes = "Gắn với Chỉ thị 05".into();
    leaves(&db, 1, "editing a topic", || {
        db.update_topic(topic, &topic_draft).unwrap()
    });
    leaves(&db, 1, "approving a plan", || {
        db.approve_plan(plan.id, day(1, 15)).unwrap()
    });
    // Outline versions and the cycle's steps.
    leaves(&db, 1, "a step of the cycle", || {
        db.start_drafting(topic).unwrap()
    });
    leaves(&db, 1, "importing an outline version", || {
        db.import_outline_file(topic, &fixture("de-cuong-v1.docx"), "")
            .unwrap()
    });
    leaves(&db, 1, "passing the draft", || {
        db.pass_draft(topic).unwrap()
    });
    // Sessions, attendance, guests, comments, the conclusion and its vote.
    let mut session_draft = SessionDraft {
        organisation_id: cell.id,
        kind: SessionKind::Thematic,
        held_on: day(4, 20),
        starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        ends_at: Some(chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap()),
        place: "Phòng họp tầng 2".into(),
        chair_id: Some(lan.id),
        secretary_id: Some(hai.id),
        guests: String::new(),
        topic_ids: vec![topic],
    };
    let session = leaves(
        &db,
        2,
        "opening a session (and the topic presented in it)",
        || db.create_session(&session_draft).unwrap(),
    )
    .id;
    session_draft.place = "Hội trường".into();
    leaves(&db, 1, "correcting a session's details", || {
        db.update_session(session, &session_draft).unwrap()
    });
    leaves(&db, 1, "marking attendance", || {
        db.set_attendance(session, ha.id, Presence::Excused, "Ốm")
            .unwrap()
    });
    let guest = leaves(&db, 1, "adding a guest", || {
        db.add_guest(
            session,
            &GuestDraft {
                full_name: "Hoàng Văn Nam".into(),
                title: String::new(),
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "removing a guest", || {
        db.remove_guest(guest.id).unwrap()
    });
    let comment = leaves(&db, 1, "taking down a comment", || {
        db.add_comment(
            session,
            &CommentDraft {
                topic_id: Some(topic),
                speaker_id: lan.id,
                kind: CommentKind::Contribution,
                text: "Bổ sung giải pháp.".into(),
                anchor_block: None,
            },
        )
        .unwrap()
    });
    leaves(&db, 1, "correcting a comment", || {
        db.correct_comment(
            comment.id,
            &chuyende::comment::CommentCorrection {
                speaker: chuyende::comment::Speaker::Member(lan.id),
                kind: CommentKind::Contribution,
                anchor_block: None,
                text: "Bổ sung giải pháp cụ thể.".into(),
            },
        )
        .unwrap()
    });
    let slip = db
        .add_comment(
            session,
            &CommentDraft {
                topic_id: Some(topic),
                speaker_id: lan.id,
                kind: CommentKind::Understanding,
                text: "Ghi nhầm.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
    leaves(&db, 1, "withdrawing a comment", || {
        db.withdraw_comment(slip.id, "Ghi trùng").unwrap()
    });
    leaves(&db, 1, "saving the conclusion", || {
        db.set_conclusion(session, "Đồng ý với đề cương.").unwrap()
    });
    leaves(&db, 1, "recording the vote", || {
        db.set_vote(
            session,
            &ConclusionVote {
                method: VoteMethod::ShowOfHands,
                agreed: 2,
                disagreed: 0,
                abstained: 0,
            },
        )
        .unwrap()
    });
    // Minutes.
    let body = db.minutes_record(session).unwrap().document.body;
    leaves(&db, 1, "editing the minutes", || {
        db.save_minutes_edits(session, &body[1..]).unwrap()
    });
    leaves(&db, 1, "drawing the minutes up again", || {
        db.reset_minutes(session).unwrap()
    });
    leaves(&db, 1, "signing the minutes", || {
        db.sign_minutes(session, day(4, 21)).unwrap()
    });
    leaves(&db, 1, "starting a correction", || {
        db.correct_minutes(session).unwrap()
    });
    // Exports.
    let target = dir.path().join("bien-ban.docx");
    leaves(&db, 1, "exporting a document", || {
        db.write_export(
            Exported::Minutes(chuyende::session::SessionId(session.0)),
            DocumentFormat::Docx,
            &target,
            b"PK",
        )
        .unwrap()
    });
    let copy = dir.path().join("de-cuong.docx");
    let v1 = db.outline_versions(topic).unwrap().pop().unwrap();
    leaves(&db, 1, "saving a copy of an outline's original", || {
        db.save_outline_copy(v1.id, &copy).unwrap()
    });
    assert_eq!(std::fs::metadata(&copy).unwrap().len() as i64, v1.size);
    // Answers, the revision and the committee's decision.
    leaves(&db, 1, "importing the revised version", || {
        db.import_outline_file(topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap()
    });
    leaves(
        &db,
        2,
        "answering the last comment (and the revision it completes)",
        || {
            db.answer_comment(
                comment.id,
                &AnswerDraft::Explained {
                    text: "Đã có trong mục II.".into(),
                },
            )
            .unwrap()
        },
    );
    leaves(&db, 1, "submitting to the committee", || {
        db.submit_topic(topic).unwrap()
    });
    let decision = committee_decision(&db, topic, chuyende::cycle::Decision::Approve);
    leaves(
        &db,
        2,
        "the committee's approval (and the lock of what it approved)",
        || db.decide_topic(topic, &decision).unwrap(),
    );

    let report = db.verify_trail(Limits::FULL).unwrap();
    assert!(report.is_intact(), "{:?}", report.findings);
    assert_eq!(
        report.entries_checked,
        db.read(chuyende::audit::count).unwrap()
    );
}

#[test]
fn a_check_whose_time_is_up_stops_and_says_it_did_not_look_at_everything() {
    let (_dir, path) = closed_meeting();
    let report = Database::open(&path)
        .unwrap()
        .verify_trail(Limits {
            time: Some(std::time::Duration::ZERO),
            ..Limits::FULL
        })
        .unwrap();
    assert!(!report.complete, "the time was up before anything was looked at");
    assert_eq!((report.entries_checked, report.originals_checked), (0, 0));
    assert!(
        report.summary.contains("chuyende verify"),
        "it says how to check everything: {}",
        report.summary
    );
}
