//! Backups and restore: consistent while the data is in use, verified, named with their date,
//! in rotation; a restore gives back exactly the backup's data and keeps the state it replaced.

mod common;

use chrono::NaiveDateTime;
use chuyende::backup::{self, BackupInfo};
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::{Database, Error};

fn db_path(dir: &std::path::Path) -> std::path::PathBuf {
    chuyende::paths::database_path(dir)
}

fn add_a_comment(m: &common::Meeting) {
    let session = m.db.create_session(&common::session_draft(m)).unwrap();
    m.db.add_comment(
        session.id,
        &CommentDraft {
            topic_id: Some(m.topic),
            speaker_id: m.members[1].id,
            kind: CommentKind::Understanding,
            text: "Tôi hiểu chuyên đề là trách nhiệm của mỗi đảng viên.".into(),
            anchor_block: None,
        },
    )
    .unwrap();
}

#[test]
fn back_up_change_restore_gives_back_exactly_the_backups_data() {
    let m = common::meeting();
    let data_dir = m.db.path().parent().unwrap().to_path_buf();
    let taken = m.db.backup_in_rotation(&data_dir).unwrap();
    let backup_dump = common::dump(std::path::Path::new(&taken.path));
    assert_eq!(
        backup_dump,
        common::dump(m.db.path()),
        "the backup holds the data as it was"
    );

    add_a_comment(&m);
    common::member(&m.db, &m.cell, "Hoàng Văn Em");
    let changed = common::dump(m.db.path());
    assert_ne!(changed, backup_dump);

    let outcome =
        m.db.restore_from(std::path::Path::new(&taken.path), &data_dir)
            .unwrap();
    assert_eq!(
        common::dump(m.db.path()),
        backup_dump,
        "after the restore the data equals the backup's, row for row"
    );
    let previous = outcome
        .previous_state
        .expect("the replaced state was backed up first");
    assert!(previous.before_restore);
    assert_eq!(
        common::dump(std::path::Path::new(&previous.path)),
        changed,
        "the state the restore replaced can itself be restored"
    );
    // The open database keeps working, in WAL mode, with its checks on.
    common::member(&m.db, &m.cell, "Vũ Thị Giang");
    m.db.read(|c| {
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal");
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_backup_is_one_verified_file_named_with_its_date_and_says_what_it_holds() {
    let m = common::meeting();
    add_a_comment(&m);
    let folder = tempfile::tempdir().unwrap();
    let info = m.db.backup_into(folder.path()).unwrap();
    let name = &info.file_name;
    assert!(
        name.starts_with("chuyende-20") && name.ends_with(".sqlite3"),
        "{name}"
    );
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(name.contains(&today), "named with the date: {name}");
    assert!(info
        .taken_at_label
        .contains(&chrono::Local::now().format("%d/%m/%Y").to_string()));
    assert_eq!(info.contents.organisations, 2);
    assert_eq!(info.contents.members, 5);
    assert_eq!(info.contents.topics, 1);
    assert_eq!(info.contents.outline_versions, 1);
    assert_eq!(info.contents.sessions, 1);
    assert_eq!(info.contents.comments, 1);
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![name.clone()],
        "one self-contained file, no -wal, no temporary"
    );
}

#[test]
fn a_backup_is_due_at_start_only_when_the_last_is_older_than_a_day() {
    let m = common::meeting();
    let data_dir = m.db.path().parent().unwrap().to_path_buf();
    assert!(
        m.db.backup_if_due(&data_dir).unwrap().is_some(),
        "none yet: one is taken"
    );
    assert!(
        m.db.backup_if_due(&data_dir).unwrap().is_none(),
        "taken minutes ago: none"
    );
    let (list, damaged) = backup::list_backups(&backup::backup_folder(&data_dir)).unwrap();
    assert_eq!((list.len(), damaged.len()), (1, 0));
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn the_rotation_keeps_seven_days_four_weeks_and_twelve_months() {
    // Two backups a day (start and exit) for 500 days.
    let start = at("2025-01-01 08:00");
    let mut files = Vec::new();
    for day in 0..500 {
        files.push(start + chrono::Duration::days(day));
        files.push(start + chrono::Duration::days(day) + chrono::Duration::hours(9));
    }
    let folder = tempfile::tempdir().unwrap();
    for t in &files {
        std::fs::write(folder.path().join(backup::backup_file_name(*t, false)), b"").unwrap();
    }
    std::fs::write(folder.path().join("ghi-chu.txt"), b"not a backup").unwrap();
    backup::rotate(folder.path()).unwrap();
    let mut kept: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    assert!(
        kept.contains(&"ghi-chu.txt".to_string()),
        "other files are left alone"
    );
    let newest = backup::backup_file_name(*files.last().unwrap(), false);
    assert!(kept.contains(&newest), "the newest is kept");
    let days: std::collections::BTreeSet<&str> = kept.iter().filter_map(|n| n.get(9..19)).collect();
    assert!(kept.len() - 1 <= 7 + 4 + 12, "at most 23 backups: {kept:?}");
    assert!(
        kept.len() - 1 >= 7 + 12 - 1,
        "the periods overlap little: {kept:?}"
    );
    assert_eq!(
        days.len(),
        kept.len() - 1,
        "one backup per day kept at most"
    );
    // The last seven days are all there.
    for d in 0..7 {
        let day = (start + chrono::Duration::days(499 - d))
            .format("%Y-%m-%d")
            .to_string();
        assert!(days.contains(day.as_str()), "day {day} kept");
    }
    // A year back is still covered (monthly).
    assert!(days.iter().any(|d| d.starts_with("2025-06")), "{days:?}");
}

#[test]
fn a_restore_beside_a_leftover_wal_gives_back_exactly_the_backup() {
    let m = common::meeting();
    let folder = tempfile::tempdir().unwrap();
    let taken = m.db.backup_into(folder.path()).unwrap();
    let backup_dump = common::dump(std::path::Path::new(&taken.path));
    // A data folder as a crash leaves it: the file and a -wal full of later changes.
    add_a_comment(&m);
    for i in 0..50 {
        common::member(&m.db, &m.cell, &format!("Đinh Văn Hùng {i}"));
    }
    let crashed = tempfile::tempdir().unwrap();
    std::fs::copy(m.db.path(), db_path(crashed.path())).unwrap();
    std::fs::copy(
        m.db.path().with_extension("sqlite3-wal"),
        crashed.path().join("chuyende.sqlite3-wal"),
    )
    .unwrap();
    assert!(
        std::fs::metadata(crashed.path().join("chuyende.sqlite3-wal"))
            .unwrap()
            .len()
            > 0
    );

    let db = Database::open_in(crashed.path()).unwrap();
    db.restore_from(std::path::Path::new(&taken.path), crashed.path())
        .unwrap();
    drop(db);
    assert_eq!(common::dump(&db_path(crashed.path())), backup_dump);
    let db = Database::open_in(crashed.path()).expect("reopens whole");
    let ok: String = db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_damaged_database_is_set_aside_with_its_wal_and_the_backup_put_in_its_place() {
    let m = common::meeting();
    let folder = tempfile::tempdir().unwrap();
    let taken = m.db.backup_into(folder.path()).unwrap();
    let backup_dump = common::dump(std::path::Path::new(&taken.path));
    let data = tempfile::tempdir().unwrap();
    // A damaged file and a stray -wal beside it.
    let garbage = b"SQLite format 3\0 but nothing more than this".repeat(50);
    std::fs::write(db_path(data.path()), &garbage).unwrap();
    std::fs::write(data.path().join("chuyende.sqlite3-wal"), b"stray wal").unwrap();
    assert_eq!(
        Database::open_in(data.path()).err().unwrap().code(),
        chuyende::ErrorCode::Corrupt
    );
    let outcome =
        backup::restore_over_damaged(data.path(), std::path::Path::new(&taken.path)).unwrap();
    let aside = outcome.set_aside.expect("the damaged file was kept");
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        garbage,
        "set aside, not overwritten"
    );
    assert_eq!(
        std::fs::read(format!("{aside}-wal")).unwrap(),
        b"stray wal",
        "its -wal went with it"
    );
    assert_eq!(common::dump(&db_path(data.path())), backup_dump);
}

#[test]
fn a_file_that_is_not_a_good_backup_is_refused_before_anything_is_touched() {
    let m = common::meeting();
    let data_dir = m.db.path().parent().unwrap().to_path_buf();
    let before = common::dump(m.db.path());
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        {
            let p = dir.path().join("anh.sqlite3");
            std::fs::write(&p, b"\x89PNG not a backup").unwrap();
            (p, "không phải là bản sao lưu")
        },
        {
            let p = dir.path().join("khac.sqlite3");
            rusqlite::Connection::open(&p)
                .unwrap()
                .execute_batch("CREATE TABLE invoice (id);")
                .unwrap();
            (p, "chương trình khác")
        },
        {
            let p = dir.path().join("moi-hon.sqlite3");
            m.db.backup_to(&p).unwrap();
            rusqlite::Connection::open(&p)
                .unwrap()
                .pragma_update(None, "user_version", 999)
                .unwrap();
            (p, "phiên bản Chuyên Đề mới hơn")
        },
        {
            let p = dir.path().join("cut.sqlite3");
            let good = dir.path().join("good.sqlite3");
            m.db.backup_to(&good).unwrap();
            let bytes = std::fs::read(&good).unwrap();
            std::fs::write(&p, &bytes[..bytes.len() * 2 / 3]).unwrap();
            (p, "hỏng")
        },
    ];
    for (path, why) in cases {
        let err = m.db.restore_from(&path, &data_dir).err().expect("refused");
        assert!(matches!(err, Error::Backup { .. }), "{err:?}");
        assert!(err.to_string().contains(why), "{}: {err}", path.display());
        assert_eq!(common::dump(m.db.path()), before, "nothing changed");
    }
    let (made, _) = backup::list_backups(&backup::backup_folder(&data_dir)).unwrap();
    assert!(
        made.is_empty(),
        "no before-restore backup for a refused restore: {made:?}"
    );
}

#[test]
fn the_listing_leaves_out_damaged_backups_and_names_them() {
    let m = common::meeting();
    let data_dir = m.db.path().parent().unwrap().to_path_buf();
    let good: BackupInfo = m.db.backup_in_rotation(&data_dir).unwrap();
    let folder = backup::backup_folder(&data_dir);
    let bad = backup::backup_file_name(good.taken_at - chrono::Duration::days(1), false);
    std::fs::write(folder.join(&bad), b"SQLite format 3\0 truncated").unwrap();
    let (list, damaged) = backup::list_backups(&folder).unwrap();
    assert_eq!(list, vec![good]);
    assert_eq!(damaged, vec![bad]);
}

#[test]
fn the_listing_reads_each_backup_lightly_and_a_restore_checks_it_whole_first() {
    // Listing reads a backup's header and contents only (the rotation keeps some 23 backups;
    // checking every page of each took 0.3 s a backup on the large data set, and the backup
    // was checked whole when it was taken). A backup damaged since then is refused whole
    // before a restore relies on it, and never offered to a damaged database.
    let m = common::meeting();
    let data_dir = m.db.path().parent().unwrap().to_path_buf();
    let taken: BackupInfo = m.db.backup_in_rotation(&data_dir).unwrap();
    let path = std::path::PathBuf::from(&taken.path);
    let (root, page_size): (i64, i64) = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT (SELECT rootpage FROM sqlite_schema WHERE name = 'audit_event'),
                    (SELECT page_size FROM pragma_page_size)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    // The trail's page scribbled over: none of the counts the list shows reads it.
    let at = (root - 1) as usize * page_size as usize;
    for b in &mut bytes[at..at + 12] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    let (list, damaged) = backup::list_backups(&backup::backup_folder(&data_dir)).unwrap();
    assert_eq!(list.len(), 1, "listed from its header and contents");
    assert_eq!(list[0].contents, taken.contents);
    assert!(damaged.is_empty());

    let before = common::dump(m.db.path());
    let err = m.db.restore_from(&path, &data_dir).err().expect("refused");
    assert!(matches!(err, Error::Backup { .. }), "{err:?}");
    assert!(err.to_string().contains("hỏng"), "{err}");
    assert_eq!(common::dump(m.db.path()), before, "nothing changed");
    assert_eq!(
        backup::newest_restorable(&backup::backup_folder(&data_dir)).unwrap(),
        None,
        "not offered to a damaged database"
    );
}
