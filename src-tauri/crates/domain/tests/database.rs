//! Opening the database: migrations, reopening, and the files we must refuse untouched.

mod common;

use chuyende::{Database, Error, ErrorCode};
use rusqlite::Connection;

fn bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("read database file")
}

#[test]
fn a_new_database_is_migrated_to_the_latest_schema_with_wal_and_foreign_keys() {
    let (_dir, db) = common::fresh();
    assert!(
        db.schema_version().unwrap() >= 1,
        "migrations ran on an empty file"
    );
    db.read(|c| {
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal", "the database runs in WAL mode");
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys are enforced");
        Ok(())
    })
    .unwrap();
}

#[test]
fn data_survives_closing_and_reopening_and_migrations_do_not_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let version = {
        let db = Database::open_in(dir.path()).unwrap();
        let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
        let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
        common::member(&db, &cell, "Nguyễn Thị Lan");
        db.schema_version().unwrap()
    };
    let db = Database::open_in(dir.path()).expect("reopens");
    assert_eq!(db.schema_version().unwrap(), version);
    let info = db.info().unwrap();
    assert_eq!(
        (
            info.counts.party_committee_orgs,
            info.counts.cells,
            info.counts.active_members
        ),
        (1, 1, 1)
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyende.sqlite3");
    {
        let c = Connection::open(&path).unwrap();
        // A newer Chuyên Đề marks its files as ours too.
        c.execute_batch(&format!(
            "CREATE TABLE future (x); PRAGMA user_version = 999; PRAGMA application_id = {};",
            chuyende::db::APPLICATION_ID
        ))
        .unwrap();
    }
    let before = bytes(&path);
    let err = Database::open(&path)
        .err()
        .expect("a newer schema must be refused");
    assert!(
        matches!(err, Error::NewerSchema { found: 999, .. }),
        "got {err:?}"
    );
    assert_eq!(err.code(), ErrorCode::NewerSchema);
    assert!(
        err.to_string().contains("phiên bản Chuyên Đề mới hơn"),
        "message in Vietnamese: {err}"
    );
    assert_eq!(bytes(&path), before, "the newer file was not modified");
    assert!(
        !dir.path().join("chuyende.sqlite3-wal").exists(),
        "no WAL file was created beside it"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_clear_message_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyende.sqlite3");
    let garbage = b"PK\x03\x04 this is a zip file renamed to look like our database".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = Database::open(&path)
        .err()
        .expect("garbage must be refused");
    assert_eq!(err.code(), ErrorCode::Corrupt, "got {err:?}");
    assert!(
        err.to_string().contains("không phải là tệp dữ liệu"),
        "{err}"
    );
    assert_eq!(bytes(&path), garbage, "the file was not modified");
}

#[test]
fn a_full_disk_is_reported_in_vietnamese_and_the_failed_change_leaves_nothing_behind() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    // Cap the file at its current size: the next page SQLite needs cannot be had, exactly as
    // on a full disk (SQLITE_FULL).
    db.on_writer_connection(|c| {
        let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        c.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    })
    .unwrap();
    let long_name = "Nguyễn Văn An ".repeat(8);
    let mut last = None;
    for i in 0..5000 {
        match db.create_member(&common::draft(
            &cell,
            &format!("{long_name}{i}"),
            chuyende::member::Position::Member,
        )) {
            Ok(_) => continue,
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    let err = last.expect("the capped file must fill up");
    assert_eq!(err.code(), ErrorCode::DiskFull, "got {err:?}");
    assert!(err.to_string().contains("Ổ đĩa đã đầy"), "{err}");
    let ok: String = db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn the_cli_and_the_app_agree_on_the_data_folder_override() {
    // Both resolve the folder through paths::resolve_data_dir; the override wins when set.
    let default = || Some(std::path::PathBuf::from("/default"));
    std::env::remove_var(chuyende::paths::DATA_DIR_ENV);
    assert_eq!(
        chuyende::paths::resolve_data_dir(default).unwrap(),
        std::path::PathBuf::from("/default")
    );
    std::env::set_var(chuyende::paths::DATA_DIR_ENV, "/tmp/elsewhere");
    assert_eq!(
        chuyende::paths::resolve_data_dir(default).unwrap(),
        std::path::PathBuf::from("/tmp/elsewhere")
    );
    std::env::remove_var(chuyende::paths::DATA_DIR_ENV);
}

#[test]
fn a_read_during_a_durable_write_does_not_wait_for_it_and_sees_the_last_commit() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let db = std::sync::Arc::new(db);
    let count = |c: &Connection| -> chuyende::Result<i64> {
        Ok(c.query_row("SELECT count(*) FROM organisation", [], |r| r.get(0))?)
    };
    let (started, write_started) = std::sync::mpsc::channel();
    let (read_done, was_read) = std::sync::mpsc::channel();
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            db.write_durable(|tx| {
                tx.execute(
                    "UPDATE organisation SET name = 'Đảng bộ đổi tên' WHERE id = ?1",
                    [org.id.0],
                )?;
                started.send(()).unwrap();
                // The write stays open until the read has answered (or long after it should).
                Ok(was_read
                    .recv_timeout(std::time::Duration::from_secs(20))
                    .ok())
            })
        })
    };
    write_started.recv().unwrap();
    let (organisations, name) = db
        .read(|c| {
            let name: String = c.query_row(
                "SELECT name FROM organisation WHERE id = ?1",
                [org.id.0],
                |r| r.get(0),
            )?;
            Ok((count(c)?, name))
        })
        .unwrap();
    read_done.send((organisations, name.clone())).unwrap();
    let answered_during_the_write = writer.join().unwrap().unwrap();
    assert_eq!(
        answered_during_the_write,
        Some((1, "Đảng bộ Văn phòng UBND tỉnh".to_string())),
        "the read answered while the write was open, with the last commit"
    );
    let renamed: String = db
        .read(|c| Ok(c.query_row("SELECT name FROM organisation", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(
        renamed, "Đảng bộ đổi tên",
        "the next read sees the write once committed"
    );
}

#[test]
fn a_batch_of_changes_is_saved_whole_or_not_at_all() {
    let (_dir, db) = common::fresh();
    let before = common::dump(db.path());
    let err = db
        .batch(|db| {
            let org = common::committee(db, "Đảng bộ Khối cơ quan");
            common::cell(db, &org, "Chi bộ số 001");
            Err::<(), _>(Error::Busy)
        })
        .unwrap_err();
    assert!(matches!(err, Error::Busy), "{err:?}");
    assert_eq!(
        common::dump(db.path()),
        before,
        "nothing of a failed batch is kept"
    );

    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        db.batch(|db| {
            common::committee(db, "Đảng bộ Khối cơ quan");
            panic!("a bug half way");
            #[allow(unreachable_code)]
            Ok(())
        })
    }));
    assert!(caught.is_err());
    assert_eq!(common::dump(db.path()), before, "nor of one that panicked");

    let org = db
        .batch(|db| {
            let org = common::committee(db, "Đảng bộ Khối cơ quan");
            common::cell(db, &org, "Chi bộ số 001");
            Ok(org)
        })
        .unwrap();
    assert_eq!(
        db.organisations(true).unwrap().len(),
        2,
        "a batch that ends well is kept whole, and the database goes on working after the others"
    );
    assert_eq!(
        db.organisation(org.id).unwrap().name,
        "Đảng bộ Khối cơ quan"
    );
}

#[test]
fn another_connection_sees_a_batch_only_once_it_is_whole() {
    let (_dir, db) = common::fresh();
    let path = db.path().to_path_buf();
    db.batch(|inner| {
        common::committee(inner, "Đảng bộ Khối cơ quan");
        let other = Connection::open(&path).unwrap();
        let seen: i64 = other
            .query_row("SELECT count(*) FROM organisation", [], |r| r.get(0))
            .unwrap();
        assert_eq!(seen, 0, "half a batch is not visible");
        Ok(())
    })
    .unwrap();
    let other = Connection::open(&path).unwrap();
    let seen: i64 = other
        .query_row("SELECT count(*) FROM organisation", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 1);
}
