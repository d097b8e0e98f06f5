//! What the database holds is read as it is or not at all: a value this version cannot read is
//! an error naming the record, never a default; and people read Vietnamese, while SQLite's
//! English goes to the log only (the error's source chain).

mod common;

use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::logging::cause_chain;
use chuyende::{Database, Error, ErrorCode};

/// Writes into the database file as another tool would, past its CHECK constraints.
fn tamper(db: &Database, sql: &str) {
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql}"))
        .unwrap();
}

fn assert_unreadable(result: Result<impl std::fmt::Debug, Error>, what: &str, id: i64) {
    let error = result.expect_err("an unreadable stored value is an error, not a default");
    assert!(matches!(error, Error::Unreadable(_)), "{error:?}");
    assert_eq!(error.code(), ErrorCode::Corrupt);
    let message = error.to_payload().message;
    assert!(
        message.contains(&format!("{what} (mã {id})")),
        "the message names the record: {message}"
    );
    assert!(
        cause_chain(&error).contains("cột"),
        "the log gets the column and the value: {}",
        cause_chain(&error)
    );
}

#[test]
fn an_unknown_position_is_an_error_naming_the_member_not_a_default() {
    let m = common::meeting();
    let id = m.members[1].id;
    tamper(
        &m.db,
        &format!("UPDATE member SET position = 'chief' WHERE id = {}", id.0),
    );
    assert_unreadable(m.db.member(id), "đảng viên", id.0);
    assert!(
        m.db.members(Some(m.cell.id), true).is_err(),
        "nor is the member left out of the list"
    );
}

#[test]
fn outline_blocks_that_no_longer_parse_are_an_error_naming_the_version_not_an_empty_outline() {
    let m = common::meeting();
    let version = m.db.outline_versions(m.topic).unwrap()[0].id;
    tamper(
        &m.db,
        &format!(
            "DROP TRIGGER outline_version_immutable;
             UPDATE outline_version SET blocks = '[{{\"broken' WHERE id = {}",
            version.0
        ),
    );
    assert_unreadable(m.db.outline_text(version), "phiên bản đề cương", version.0);
}

#[test]
fn an_unknown_comment_kind_or_presence_is_an_error_not_a_contribution_or_a_presence() {
    let m = common::meeting();
    let session = m.db.create_session(&common::session_draft(&m)).unwrap();
    let comment =
        m.db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: Some(m.topic),
                speaker_id: m.members[2].id,
                kind: CommentKind::Measure,
                text: "Đề nghị bổ sung chỉ tiêu cụ thể.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
    tamper(
        &m.db,
        &format!(
            "UPDATE comment SET kind = 'praise' WHERE id = {}",
            comment.id.0
        ),
    );
    assert_unreadable(m.db.session_comments(session.id), "ý kiến", comment.id.0);

    let member = m.members[0].id;
    tamper(
        &m.db,
        &format!(
            "UPDATE attendance SET status = 'late' WHERE session_id = {} AND member_id = {}",
            session.id.0, member.0
        ),
    );
    assert_unreadable(
        m.db.session(session.id),
        "điểm danh của đảng viên",
        member.0,
    );
}

#[test]
fn a_database_fault_is_told_in_vietnamese_and_sqlite_english_goes_to_the_log_only() {
    let m = common::meeting();
    tamper(&m.db, "DROP TABLE comment");
    let session = m.db.create_session(&common::session_draft(&m));
    let error = match session {
        Ok(s) => m.db.session_comments(s.id).expect_err("the table is gone"),
        Err(e) => e,
    };
    assert_eq!(error.code(), ErrorCode::Internal);
    let message = error.to_payload().message;
    assert!(
        !message.contains("no such table"),
        "no SQLite English in the window: {message}"
    );
    assert!(
        message.starts_with("Lỗi khi đọc hoặc ghi dữ liệu"),
        "{message}"
    );
    assert!(
        cause_chain(&error).contains("no such table"),
        "the log has it: {}",
        cause_chain(&error)
    );
}

#[test]
fn a_missing_file_is_refused_in_vietnamese_with_the_system_error_as_its_cause() {
    let m = common::meeting();
    let error =
        m.db.import_outline_file(m.topic, std::path::Path::new("/không/có/Đề cương.docx"), "")
            .expect_err("a missing file cannot be imported");
    let message = error.to_payload().message;
    assert!(message.contains("không tìm thấy tệp"), "{message}");
    assert!(
        !message.contains("os error"),
        "no English OS text in the window: {message}"
    );
    assert!(
        cause_chain(&error).contains("os error 2"),
        "the log keeps it: {}",
        cause_chain(&error)
    );
}
