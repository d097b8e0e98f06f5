//! Faults met at start and while working, each ending in a clear Vietnamese message and no
//! damage: the data dumped before equals the data dumped after.

mod common;

use std::time::Duration;

use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::db::APPLICATION_ID;
use chuyende::{Database, Error, ErrorCode};
use rusqlite::Connection;

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

fn db_path(dir: &std::path::Path) -> std::path::PathBuf {
    chuyende::paths::database_path(dir)
}

/// A data folder with an organisation, a cell and a member, closed.
fn filled_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in(dir.path()).unwrap();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    common::member(&db, &cell, "Nguyễn Thị Lan");
    dir
}

#[test]
fn our_files_carry_our_application_id() {
    let (dir, _db) = common::fresh();
    let id: i32 = Connection::open(db_path(dir.path()))
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID, "a new database is marked as ours");
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice VALUES (1, 9.5); PRAGMA user_version = 3;")
        .unwrap();
    let before = bytes(&path);
    let err = Database::open_in(dir.path())
        .err()
        .expect("a foreign file is refused");
    assert!(matches!(err, Error::Foreign { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Corrupt);
    assert!(
        err.to_string().contains("của một chương trình khác"),
        "{err}"
    );
    assert!(err.to_string().contains("không ghi gì"), "{err}");
    assert_eq!(
        bytes(&path),
        before,
        "not one byte of the foreign file changed"
    );
    assert!(
        !dir.path().join("chuyende.sqlite3-wal").exists(),
        "no -wal made beside it"
    );
}

#[test]
fn an_empty_sqlite_file_of_another_program_with_a_mark_of_its_own_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA application_id = 1234; CREATE TABLE x (y);")
        .unwrap();
    let before = bytes(&path);
    let err = Database::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Foreign { .. }), "{err:?}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_database_of_the_release_before_the_mark_is_adopted_with_its_data() {
    let dir = filled_folder();
    let path = db_path(dir.path());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    let before = common::dump(&path).replace(&format!("application_id {APPLICATION_ID}"), "");
    let before = before.replace("application_id 0", "");
    let db = Database::open_in(dir.path()).expect("our own older file opens");
    assert_eq!(db.info().unwrap().counts.active_members, 1);
    drop(db);
    let after = common::dump(&path);
    assert!(
        after.contains(&format!("application_id {APPLICATION_ID}")),
        "now marked"
    );
    assert_eq!(
        after.replace(&format!("application_id {APPLICATION_ID}"), ""),
        before
    );
}

#[test]
fn a_truncated_database_is_refused_in_vietnamese_with_advice_to_restore_and_left_untouched() {
    let dir = filled_folder();
    let path = db_path(dir.path());
    let whole = bytes(&path);
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let before = bytes(&path);
    let err = Database::open_in(dir.path())
        .err()
        .expect("a truncated file is refused");
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("bị hỏng") || message.contains("không phải là tệp dữ liệu"),
        "{message}"
    );
    assert!(message.contains("khôi phục"), "says to restore: {message}");
    assert!(
        !message.contains("malformed"),
        "no English SQLite message: {message}"
    );
    assert_eq!(bytes(&path), before, "the damaged file is never written to");
}

#[test]
fn a_database_with_a_damaged_page_is_refused_by_the_quick_check_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Database::open_in(dir.path()).unwrap();
        let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
        let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
        for i in 0..400 {
            common::member(&db, &cell, &format!("Nguyễn Văn An {i}"));
        }
    }
    let path = db_path(dir.path());
    let root: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'member'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut damaged = bytes(&path);
    // Scribble over the header of the members' table page: a b-tree page no reader can trust.
    let at = (root as usize - 1) * 4096;
    for b in &mut damaged[at..at + 12] {
        *b = 0xA5;
    }
    std::fs::write(&path, &damaged).unwrap();
    let err = Database::open_in(dir.path())
        .err()
        .expect("a damaged file is refused");
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("khôi phục bản sao lưu"), "{err}");
    assert_eq!(bytes(&path), damaged, "never written to");
}

#[test]
fn an_old_file_copied_back_beside_a_leftover_wal_is_refused_not_used() {
    // The README's old advice: copy the file back by hand. Beside a -wal left by the running
    // app, the two mix into a damaged database; it must be noticed at start.
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(dir.path());
    let db = Database::open_in(dir.path()).unwrap();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let old = bytes(&path);
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    for i in 0..300 {
        common::member(&db, &cell, &format!("Trần Thị Bình {i}"));
    }
    db.read(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?))
        .unwrap();
    for i in 0..300 {
        common::member(&db, &cell, &format!("Lê Văn Cường {i}"));
    }
    // The app is still running: copy its file and -wal as they are (what a crash leaves).
    let crashed = tempfile::tempdir().unwrap();
    std::fs::copy(&path, db_path(crashed.path())).unwrap();
    std::fs::copy(
        dir.path().join("chuyende.sqlite3-wal"),
        crashed.path().join("chuyende.sqlite3-wal"),
    )
    .unwrap();
    drop(db);
    // Then someone copies an old file back, leaving the -wal.
    std::fs::write(db_path(crashed.path()), &old).unwrap();
    let (file_before, wal_before) = (
        bytes(&db_path(crashed.path())),
        bytes(&crashed.path().join("chuyende.sqlite3-wal")),
    );
    let err = Database::open_in(crashed.path())
        .err()
        .expect("the mixture is refused");
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err:?}");
    assert!(err.to_string().contains("khôi phục"), "{err}");
    assert_eq!(
        bytes(&db_path(crashed.path())),
        file_before,
        "file untouched"
    );
    assert_eq!(
        bytes(&crashed.path().join("chuyende.sqlite3-wal")),
        wal_before,
        "its -wal untouched"
    );
}

#[test]
fn a_read_only_data_folder_opens_read_only_and_says_so_when_asked_to_change() {
    let Some(mount) = common::Mount::tmpfs("8m", "a_read_only_data_folder_opens_read_only") else {
        return;
    };
    let cell = {
        let db = Database::open_in(mount.path()).unwrap();
        let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
        common::cell(&db, &org, "Chi bộ Công báo - Nhà khách")
    };
    mount.make_read_only();
    let before = common::dump(&db_path(mount.path()));
    let db = Database::open_in(mount.path()).expect("a read-only folder opens, never panics");
    assert!(db.is_read_only());
    let info = db.info().expect("the data can be read");
    assert!(info.read_only, "the window is told it is read-only");
    assert_eq!(info.counts.cells, 1);
    let err = db
        .create_member(&common::draft(
            &cell,
            "Phạm Minh Tuấn",
            chuyende::member::Position::Member,
        ))
        .err()
        .expect("a change is refused");
    assert!(matches!(err, Error::ReadOnly), "{err:?}");
    assert_eq!(err.code(), ErrorCode::ReadOnly);
    assert!(err.to_string().contains("chỉ xem"), "{err}");
    // The window's lock does not stop a read-only folder from opening either.
    chuyende::instance::InstanceLock::acquire(mount.path()).expect("lock in a read-only folder");
    drop(db);
    assert_eq!(common::dump(&db_path(mount.path())), before);
}

#[test]
fn a_write_locked_by_another_process_past_the_busy_timeout_is_refused_in_vietnamese() {
    let dir = filled_folder();
    let path = db_path(dir.path());
    let db = Database::open_in(dir.path()).unwrap();
    db.set_busy_timeout(Duration::from_millis(200)).unwrap();
    let before = common::dump(&path);
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let cell = db.organisations(false).unwrap()[1].clone();
    let err = db
        .create_member(&common::draft(
            &cell,
            "Phạm Minh Tuấn",
            chuyende::member::Position::Member,
        ))
        .err()
        .expect("busy past the timeout");
    assert!(matches!(err, Error::Busy), "{err:?}");
    assert!(err.to_string().contains("đợi một lát rồi thử lại"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(common::dump(&path), before, "nothing half-written");
}

#[test]
fn a_comment_waits_for_a_writer_that_holds_the_lock_past_one_busy_timeout() {
    let m = common::meeting();
    let session = m.db.create_session(&common::session_draft(&m)).unwrap();
    m.db.set_busy_timeout(Duration::from_millis(200)).unwrap();
    let path = m.db.path().to_path_buf();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked_tx.send(()).unwrap();
        // Longer than one busy timeout, shorter than the bounded retry.
        std::thread::sleep(Duration::from_millis(500));
        other.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    let comment =
        m.db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: Some(m.topic),
                speaker_id: m.members[2].id,
                kind: CommentKind::Contribution,
                text: "Đề nghị bổ sung phần liên hệ bản thân.".into(),
                anchor_block: None,
            },
        )
        .expect("the comment is saved once the other writer is done");
    holder.join().unwrap();
    assert_eq!(m.db.session_comments(session.id).unwrap()[0].id, comment.id);
}

fn comment(m: &common::Meeting, text: String) -> CommentDraft {
    CommentDraft {
        topic_id: Some(m.topic),
        speaker_id: m.members[2].id,
        kind: CommentKind::Contribution,
        text,
        anchor_block: None,
    }
}

#[test]
fn a_full_disk_during_a_session_capture_loses_nothing_and_the_comment_can_be_saved_after() {
    let Some(mount) = common::Mount::tmpfs("6m", "a_full_disk_during_a_session_capture") else {
        return;
    };
    let m = common::meeting();
    // Move the meeting's database onto the small disk.
    let db_file = db_path(mount.path());
    m.db.backup_to(&db_file).unwrap();
    let db = Database::open_in(mount.path()).unwrap();
    let session = db.create_session(&common::session_draft(&m)).unwrap();
    let filler = mount.fill();
    let before = common::dump(&db_file);
    let typed = "Đồng chí đề nghị bổ sung giải pháp cụ thể. ".repeat(300);
    let err = db
        .add_comment(session.id, &comment(&m, typed.clone()))
        .err()
        .expect("no room for the comment");
    assert_eq!(err.code(), ErrorCode::DiskFull, "{err:?}");
    assert!(err.to_string().contains("Ổ đĩa đã đầy"), "{err}");
    assert_eq!(common::dump(&db_file), before, "nothing half-saved");
    std::fs::remove_file(filler).unwrap();
    db.add_comment(session.id, &comment(&m, typed.clone()))
        .expect("the same text saves once there is room");
    assert_eq!(
        db.session_comments(session.id).unwrap()[0].text,
        typed.trim()
    );
}

#[test]
fn a_full_disk_during_an_import_changes_nothing() {
    let Some(mount) = common::Mount::tmpfs("6m", "a_full_disk_during_an_import") else {
        return;
    };
    let m = common::meeting();
    let db_file = db_path(mount.path());
    m.db.backup_to(&db_file).unwrap();
    let db = Database::open_in(mount.path()).unwrap();
    let filler = mount.fill();
    let before = common::dump(&db_file);
    let err = db
        .import_outline_file(m.topic, &common::fixture("large-100-pages.docx"), "")
        .err()
        .expect("no room for the document");
    assert_eq!(err.code(), ErrorCode::DiskFull, "{err:?}");
    assert_eq!(
        common::dump(&db_file),
        before,
        "no version without its text, no half row"
    );
    drop(filler);
}

#[test]
fn a_full_disk_during_a_backup_leaves_no_partial_backup_and_the_data_as_it_was() {
    let Some(mount) = common::Mount::tmpfs("1m", "a_full_disk_during_a_backup") else {
        return;
    };
    let m = common::meeting();
    m.db.import_outline_file(m.topic, &common::fixture("large-100-pages.docx"), "")
        .unwrap();
    let before = common::dump(m.db.path());
    let err =
        m.db.backup_into(mount.path())
            .err()
            .expect("the backup does not fit");
    assert!(
        err.code() == ErrorCode::DiskFull || err.to_string().contains("ổ đĩa đã đầy"),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read_dir(mount.path()).unwrap().count(),
        0,
        "no partial backup left on the stick"
    );
    assert_eq!(common::dump(m.db.path()), before);
}

#[test]
fn a_missing_data_folder_is_refused_unless_asked_to_create_it() {
    let parent = tempfile::tempdir().unwrap();
    let typo = parent.path().join("chuyende-dữ-liệu-gõ-nhầm");
    let err = Database::open_existing_dir(&typo).err().expect("refused");
    assert!(matches!(err, Error::DataDirMissing { .. }), "{err:?}");
    assert!(err.to_string().contains("--create"), "{err}");
    assert!(!typo.exists(), "no folder was created");
    Database::open_in(&typo).expect("created when asked");
    assert!(db_path(&typo).exists());
}

#[test]
fn a_data_folder_that_vanished_while_open_refuses_changes_in_vietnamese_and_takes_them_once_back() {
    let m = common::meeting();
    let session = m.db.create_session(&common::session_draft(&m)).unwrap();
    let folder = m._dir.path().to_path_buf();
    let before = common::dump(m.db.path());
    // The USB stick is pulled out (here: the folder moves away; the open connection could
    // still write to its file, where nobody would find the change again).
    let away = folder.with_file_name(format!(
        "{}-rut-ra",
        folder.file_name().unwrap().to_string_lossy()
    ));
    std::fs::rename(&folder, &away).unwrap();
    let typed = "Đề nghị bổ sung số liệu năm 2024.".to_string();
    let err =
        m.db.add_comment(session.id, &comment(&m, typed.clone()))
            .err()
            .expect("refused while the folder is gone");
    assert!(matches!(err, Error::Unavailable), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Unavailable);
    assert!(err.to_string().contains("rút ra"), "{err}");
    assert!(err.to_string().contains("chưa được lưu"), "{err}");
    assert_eq!(
        common::dump(&db_path(&away)),
        before,
        "nothing was written while the folder was gone"
    );
    // Plugged back in: the same text saves.
    std::fs::rename(&away, &folder).unwrap();
    m.db.add_comment(session.id, &comment(&m, typed.clone()))
        .expect("saved once the folder is back");
    assert_eq!(m.db.session_comments(session.id).unwrap()[0].text, typed);
}

#[test]
fn a_data_folder_deleted_while_open_refuses_changes_instead_of_writing_into_a_deleted_file() {
    let m = common::meeting();
    std::fs::remove_dir_all(m._dir.path()).unwrap();
    let err =
        m.db.create_session(&common::session_draft(&m))
            .err()
            .expect("refused: the file it would go to is deleted");
    assert!(matches!(err, Error::Unavailable), "{err:?}");
}
