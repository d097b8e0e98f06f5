//! A crash in the middle of a meeting loses nothing that was saved: the process taking comments
//! is killed with SIGKILL while saving them in a loop; on reopening every comment whose save had
//! returned is there, whole, and the file is intact.
//!
//! The writer is this same test binary run again (with CHUYENDE_CRASH_CHILD set), so it goes
//! through exactly the library code the window uses.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::{NaiveDate, NaiveTime};
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::member::{MemberId, Position};
use chuyende::session::{SessionDraft, SessionId, SessionKind};
use chuyende::Database;

const TEST_NAME: &str = "comments_whose_save_returned_survive_a_sigkill_whole";

fn text_of(n: u64) -> String {
    let text = format!(
        "Ý kiến số {n}: đề nghị bổ sung giải pháp nâng cao trách nhiệm nêu gương của đảng viên. {}",
        "Đảng bộ ".repeat(40)
    );
    text.trim_end().to_string()
}

/// The child: saves comments forever, printing each one's id once its save has returned.
fn write_until_killed(dir: &str, session: i64, speaker: i64) {
    let db = Database::open_in(std::path::Path::new(dir)).unwrap();
    for n in 0.. {
        let c = db
            .add_comment(
                SessionId(session),
                &CommentDraft {
                    topic_id: None,
                    speaker_id: MemberId(speaker),
                    kind: CommentKind::Contribution,
                    text: text_of(n),
                    anchor_block: None,
                },
            )
            .unwrap();
        println!("saved {} {n}", c.id.0);
    }
}

#[test]
fn comments_whose_save_returned_survive_a_sigkill_whole() {
    if let Ok(spec) = std::env::var("CHUYENDE_CRASH_CHILD") {
        let parts: Vec<&str> = spec.split('|').collect();
        write_until_killed(
            parts[0],
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
        );
        return;
    }
    let (dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    let speaker = db
        .create_member(&common::draft(&cell, "Nguyễn Thị Lan", Position::Secretary))
        .unwrap();
    let session = db
        .create_session(&SessionDraft {
            organisation_id: cell.id,
            kind: SessionKind::Regular,
            held_on: NaiveDate::from_ymd_opt(2025, 4, 20).unwrap(),
            starts_at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            ends_at: None,
            place: String::new(),
            chair_id: None,
            secretary_id: None,
            guests: String::new(),
            topic_ids: Vec::new(),
        })
        .unwrap();
    drop(db);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(
            "CHUYENDE_CRASH_CHILD",
            format!("{}|{}|{}", dir.path().display(), session.id.0, speaker.id.0),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the writer starts");
    let mut saved: Vec<(i64, u64)> = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("saved ") {
            let (id, n) = rest.split_once(' ').unwrap();
            saved.push((id.parse().unwrap(), n.parse().unwrap()));
            if saved.len() == 300 {
                child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(
        saved.len(),
        300,
        "the writer saved comments before it was killed"
    );

    let db = Database::open_in(dir.path()).expect("the database reopens after the kill");
    let check: String = db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(check, "ok");
    let comments = db.session_comments(session.id).unwrap();
    for (id, n) in &saved {
        let c = comments
            .iter()
            .find(|c| c.id.0 == *id)
            .unwrap_or_else(|| panic!("comment {id} (number {n}) was saved, then lost"));
        assert_eq!(c.text, text_of(*n), "comment {id} is whole");
    }
    for c in &comments {
        let n: u64 = c
            .text
            .strip_prefix("Ý kiến số ")
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok())
            .expect("a comment of the writer");
        assert_eq!(c.text, text_of(n), "no comment is half-written");
    }
}
