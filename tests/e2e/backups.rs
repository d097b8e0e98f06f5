//! Backups in the window: back up from Settings, change, restore after seeing the backup's date
//! and contents; a damaged database at start offers the newest good backup; a read-only data
//! folder opens in view-only mode with a banner.

use chuyende_e2e::{screenshot_dir, App};

fn demo(dir: &std::path::Path) {
    let db = chuyende::Database::open_in(dir).unwrap();
    chuyende::demo::fill(&db).unwrap();
}

#[test]
fn back_up_in_settings_change_and_restore_after_seeing_date_and_contents() {
    let data = tempfile::tempdir().unwrap();
    demo(data.path());
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.find("[data-testid=nav-settings]").click();
    s.wait_for("[data-testid=backups]");
    s.find("[data-testid=backup-now]").click();
    s.wait_for_text("[data-testid=backup-message]", "Đã sao lưu");
    s.wait_for("[data-testid=restore-0]");
    let path = chuyende::backup::list_backups(&chuyende::backup::backup_folder(data.path()))
        .unwrap()
        .0
        .iter()
        .find(|b| !b.before_restore)
        .unwrap()
        .path
        .clone();
    let backup_dump = chuyende::backup::dump(std::path::Path::new(&path)).unwrap();

    // A change after the backup (through the library, as the CLI would).
    {
        let db = chuyende::Database::open(&data.path().join("chuyende.sqlite3")).unwrap();
        db.set_profile_name("Nguyễn Thị Lan").unwrap();
    }
    assert_ne!(
        chuyende::backup::dump(&data.path().join("chuyende.sqlite3")).unwrap(),
        backup_dump
    );
    // The backup list is newest first; the only backup is row 0.
    s.find("[data-testid=restore-0]").click();
    s.wait_for_text("[data-testid=restore-confirm]", "đảng viên");
    s.screenshot(&shots.join("backups-01-confirm-restore.png"));
    s.find("[data-testid=restore-confirm-button]").click();
    s.wait_for_text("[data-testid=backup-message]", "Đã khôi phục");
    s.screenshot(&shots.join("backups-02-restored.png"));
    assert_eq!(
        chuyende::backup::dump(&data.path().join("chuyende.sqlite3")).unwrap(),
        backup_dump,
        "the data equals the backup's"
    );
}

#[test]
fn a_damaged_database_at_start_is_explained_and_the_newest_good_backup_restored() {
    let data = tempfile::tempdir().unwrap();
    demo(data.path());
    let backup = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        db.backup_in_rotation(data.path()).unwrap()
    };
    let path = data.path().join("chuyende.sqlite3");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();

    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for_text("[data-testid=fatal-error]", "khôi phục");
    s.wait_for_text("[data-testid=restore-offer]", &backup.taken_at_label);
    s.screenshot(&screenshot_dir().join("backups-03-damaged-offer.png"));
    s.find("[data-testid=restore-newest]").click();
    s.wait_gone("[data-testid=fatal-error]");
    s.wait_for("[data-testid=nav-settings]").click();
    s.wait_for("[data-testid=backups]");
    // The window goes on using the data once restored (it may write its own settings), so
    // compare what the data holds; the exact dump is compared in the library's and CLI's tests.
    let now = tempfile::tempdir().unwrap();
    let restored = chuyende::Database::open(&path)
        .unwrap()
        .backup_to(&now.path().join("chuyende-now.sqlite3"))
        .unwrap();
    assert_eq!(
        restored.contents, backup.contents,
        "the data is the backup's"
    );
    let kept = std::fs::read_dir(data.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("chuyende.sqlite3.hong-")
        })
        .count();
    assert!(kept >= 1, "the damaged file was kept, renamed");
}
