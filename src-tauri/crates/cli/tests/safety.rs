//! The data's safety from the command line: backups, restore, a mistyped data folder, a closed
//! output pipe.

use std::io::Read;
use std::process::{Command, Output, Stdio};

mod common;
use common::open_topics;

/// The demonstration data without its accounts (`demo-data` adds one per role, after which
/// every change needs `--as`): for tests about something else than who may do it.
fn demo_without_accounts(dir: &std::path::Path) {
    let db = chuyende::Database::open_in(dir).expect("opens");
    chuyende::demo::fill(&db).expect("demo data");
}

fn chuyende(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chuyende"))
        .args(args)
        .env("CHUYENDE_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("chuyende runs")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn dump(dir: &std::path::Path) -> String {
    chuyende::backup::dump(&dir.join("chuyende.sqlite3")).unwrap()
}

#[test]
fn backup_then_change_then_restore_gives_back_the_backups_data_exactly() {
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let taken: serde_json::Value =
        serde_json::from_str(&ok(chuyende(dir.path(), &["backup", "--json"]))).unwrap();
    let file = taken["path"].as_str().unwrap().to_string();
    assert!(file.contains("/backups/chuyende-"), "{file}");
    let backup_dump = chuyende::backup::dump(std::path::Path::new(&file)).unwrap();

    // A change after the backup: a topic's outline imported.
    let topic = open_topics(dir.path())[0].clone();
    let fixture = format!(
        "{}/../../../tests/fixtures/de-cuong.md",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    );
    ok(chuyende(
        dir.path(),
        &["import", "--topic", &topic, &fixture],
    ));
    assert_ne!(dump(dir.path()), backup_dump);

    let listed = ok(chuyende(dir.path(), &["backups"]));
    assert!(listed.contains(&file), "{listed}");
    assert!(listed.contains("chuyên đề"), "with its contents: {listed}");

    let restored = ok(chuyende(dir.path(), &["restore", &file]));
    assert!(
        restored.contains("Đã sao lưu trạng thái hiện tại"),
        "{restored}"
    );
    assert!(restored.contains("Đã khôi phục"), "{restored}");
    assert_eq!(
        dump(dir.path()),
        backup_dump,
        "the data equals the backup's"
    );
}

#[test]
fn backup_to_another_folder_writes_a_dated_verified_copy_there() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    ok(chuyende(dir.path(), &["demo-data"]));
    let out = ok(chuyende(
        dir.path(),
        &["backup", "--to", usb.path().to_str().unwrap()],
    ));
    assert!(out.contains("Đã sao lưu"), "{out}");
    let files: Vec<_> = std::fs::read_dir(usb.path()).unwrap().collect();
    assert_eq!(files.len(), 1);
    assert!(!dir.path().join("backups").exists(), "not in the rotation");
    let missing = chuyende(dir.path(), &["backup", "--to", "/khong/co/o/usb"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ổ USB"));
}

#[test]
fn restore_is_refused_while_the_window_holds_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    ok(chuyende(dir.path(), &["demo-data"]));
    let taken: serde_json::Value =
        serde_json::from_str(&ok(chuyende(dir.path(), &["backup", "--json"]))).unwrap();
    let before = dump(dir.path());
    // The window's lock, held as the window holds it.
    let window = chuyende::instance::InstanceLock::acquire(dir.path()).unwrap();
    let out = chuyende(dir.path(), &["restore", taken["path"].as_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Cửa sổ Chuyên Đề đang mở"), "{err}");
    assert_eq!(dump(dir.path()), before, "nothing changed");
    drop(window);
}

#[test]
fn a_missing_data_folder_is_refused_unless_create_is_given() {
    let parent = tempfile::tempdir().unwrap();
    let typo = parent.path().join("du-lieu-go-nham");
    let out = chuyende(&typo, &["info"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Không có thư mục dữ liệu"), "{err}");
    assert!(err.contains("--create"), "{err}");
    assert!(
        !typo.exists(),
        "no empty database made in a mistyped folder"
    );
    ok(chuyende(&typo, &["--create", "info"]));
    assert!(typo.join("chuyende.sqlite3").exists());
}

#[test]
fn a_closed_output_pipe_ends_the_tool_quietly_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    ok(chuyende(dir.path(), &["demo-data"]));
    let year = chrono::Local::now().format("%Y").to_string();
    for args in [
        vec!["orgs"],
        vec!["plan", "show", "--org", "2", "--year", year.as_str()],
        vec!["info", "--json"],
    ] {
        // `chuyende … | head -c 0`: the reader goes away before anything is written.
        let mut child = Command::new(env!("CARGO_BIN_EXE_chuyende"))
            .args(&args)
            .env("CHUYENDE_DATA_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(status.success(), "{args:?}: {status:?} {err}");
    }
}

#[test]
fn a_comment_is_saved_while_another_process_imports_a_30_mb_document() {
    use chuyende::comment::{CommentDraft, CommentKind};
    use chuyende::session::{SessionDraft, SessionKind};
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let db = chuyende::Database::open_in(dir.path()).unwrap();
    let cell = db.organisations(false).unwrap()[1].clone();
    let session = db
        .create_session(&SessionDraft {
            organisation_id: cell.id,
            kind: SessionKind::Regular,
            held_on: chrono::NaiveDate::from_ymd_opt(2025, 5, 20).unwrap(),
            starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            ends_at: None,
            place: String::new(),
            chair_id: None,
            secretary_id: None,
            guests: String::new(),
            topic_ids: Vec::new(),
        })
        .unwrap();
    // Speakers are the members present (the demo's cell has a member absent on leave).
    let members: Vec<_> = db
        .session(session.id)
        .unwrap()
        .attendance
        .into_iter()
        .filter(|a| a.presence == chuyende::session::Presence::Present)
        .map(|a| a.member_id)
        .collect();
    assert!(!members.is_empty(), "someone is present to speak");
    let topic = open_topics(dir.path())[0].clone();
    // A 30 MB outline as secretaries receive them: a real .docx whose size is mostly a
    // photograph (stored, incompressible). A 30 MB plain text file would be refused by the
    // readers' bound on extracted text (4 million characters), which is not what this tests.
    let work = tempfile::tempdir().unwrap();
    let big = work.path().join("de-cuong-30mb.docx");
    write_docx_with_a_photo(&big, 30 << 20);

    let mut import = Command::new(env!("CARGO_BIN_EXE_chuyende"))
        .args(["import", "--topic", &topic, big.to_str().unwrap()])
        .env("CHUYENDE_DATA_DIR", dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut saved = 0;
    let status = loop {
        if let Some(status) = import.try_wait().unwrap() {
            break status;
        }
        db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: None,
                speaker_id: members[saved % members.len()],
                kind: CommentKind::Contribution,
                text: format!("Ý kiến số {saved} trong khi đang nhập tài liệu lớn."),
                anchor_block: None,
            },
        )
        .expect("a comment typed during the import is saved, however long the import writes");
        saved += 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    import
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "the import went through too: {err}");
    assert!(
        saved >= 5,
        "comments were typed throughout the import ({saved})"
    );
    assert_eq!(db.session_comments(session.id).unwrap().len(), saved);
}

/// Copies the fixture outline `de-cuong-v1.docx` into `path`, adding `word/media/image1.jpg`:
/// `photo_bytes` of pseudo-random (incompressible) bytes, stored as cameras' JPEGs are.
fn write_docx_with_a_photo(path: &std::path::Path, photo_bytes: usize) {
    use std::io::Write;
    let fixture = format!(
        "{}/../../../tests/fixtures/de-cuong-v1.docx",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    );
    let mut source = zip::ZipArchive::new(std::fs::File::open(fixture).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..source.len() {
        let entry = source.by_index(i).unwrap();
        out.raw_copy_file(entry).unwrap();
    }
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    out.start_file("word/media/image1.jpg", stored).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut chunk = vec![0u8; 1 << 20];
    let mut written = 0;
    while written < photo_bytes {
        for byte in chunk.iter_mut() {
            // xorshift64: fast, deterministic, incompressible enough for a zip.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = state as u8;
        }
        let n = chunk.len().min(photo_bytes - written);
        out.write_all(&chunk[..n]).unwrap();
        written += n;
    }
    out.finish().unwrap();
}
