//! The minutes of a session through the window: the A4 preview, a free-text edit, PDF and DOCX
//! exports (read back), and the system print dialog.

use chrono::NaiveDate;
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::member::{MemberDraft, Position, Standing};
use chuyende::session::{Presence, SessionDraft, SessionKind};
use chuyende_e2e::{screenshot_dir, App, Session};
use serde_json::json;

use crate::seed::seed;

const EDITED: &str = "Hồi 14 giờ 05 phút, ngày 20 tháng 4 năm 2025, tại Phòng họp tầng 2, Chi bộ Công báo - Nhà khách tổ chức sinh hoạt chuyên đề quý II năm 2025 (đã sửa).";

/// A held thematic session, made through the library (the session screens have their own test).
pub(crate) fn held_session(data: &std::path::Path) {
    let cell = seed(data);
    let db = chuyende::Database::open_in(data).unwrap();
    db.create_member(&MemberDraft {
        organisation_id: cell,
        full_name: "Lê Thu Hà".into(),
        position: Position::Member,
        standing: Standing::Full,
        record: Default::default(),
    })
    .unwrap();
    let members = db.members(Some(cell), false).unwrap();
    let by = |name: &str| members.iter().find(|m| m.full_name == name).unwrap().id;
    let topic = crate::seed::topic(&db, cell, 2025, 2, "Trần Văn Bình");
    crate::seed::with_outline(&db, topic);
    db.pass_draft(topic).unwrap();
    let s = db
        .create_session(&SessionDraft {
            organisation_id: cell,
            kind: SessionKind::Thematic,
            held_on: NaiveDate::from_ymd_opt(2025, 4, 20).unwrap(),
            starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            ends_at: Some(chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap()),
            place: "Phòng họp tầng 2".into(),
            chair_id: Some(by("Nguyễn Thị Lan")),
            secretary_id: Some(by("Lê Thu Hà")),
            guests: String::new(),
            topic_ids: vec![topic],
        })
        .unwrap();
    db.set_attendance(s.id, by("Đặng Quang Hải"), Presence::Excused, "Đi công tác")
        .unwrap();
    db.add_comment(
        s.id,
        &CommentDraft {
            topic_id: Some(topic),
            speaker_id: by("Trần Văn Bình"),
            kind: CommentKind::Contribution,
            text: "Bổ sung số liệu năm 2024 vào mục thực trạng.".into(),
            anchor_block: None,
        },
    )
    .unwrap();
    db.set_conclusion(s.id, "Đồng chí Bình tiếp thu, hoàn chỉnh chuyên đề.")
        .unwrap();
}

fn open_minutes(s: &Session) {
    s.wait_for("[data-testid=nav-sessions]").click();
    s.find("[data-testid=sessions-year-prev]").click();
    s.wait_for("[data-testid=open-session-record]").click();
    // The record may still be loading (and re-rendering its buttons) when first found: press
    // "Biên bản…" until the minutes show, rather than once on a button about to be replaced.
    s.wait_until(
        "the minutes to open",
        "const page = document.querySelector('[data-testid=minutes-page]');
         if (page && page.textContent.includes('BIÊN BẢN')) return true;
         document.querySelector('[data-testid=open-minutes]')?.click();
         return false;",
        &[],
    );
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    squash(&String::from_utf8(out.stdout).unwrap())
}

fn windows(display: &str) -> String {
    let out = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .env("DISPLAY", display)
        .output()
        .expect("xwininfo (x11-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_minutes_are_previewed_edited_exported_as_pdf_and_docx_and_printed() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    held_session(data.path());
    let app = App::launch_with(data.path(), &[("CHUYENDE_EXPORT_DIR", exports.path())]);
    let s = app.session();
    open_minutes(s);
    let page = s.find("[data-testid=minutes-page]").text();
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ CÔNG BÁO - NHÀ KHÁCH",
        "sinh hoạt chuyên đề quý ii năm 2025",
        "Đặng Quang Hải, đi công tác",
        "THƯ KÝ",
        "Lê Thu Hà",
    ] {
        assert!(
            page.to_lowercase().contains(&expected.to_lowercase()),
            "the preview shows “{expected}”: {page}"
        );
    }
    s.screenshot(&screenshot_dir().join("minutes-01-preview.png"));

    // The pages exactly as they will print.
    s.find("[data-testid=minutes-true-pages]").click();
    s.wait_for("[data-testid=minutes-sheet]");
    let loaded = s.wait_until(
        "the first page image to load",
        "const i = document.querySelector('[data-testid=minutes-sheet]'); return i.complete && i.naturalWidth > 0;",
        &[],
    );
    assert_eq!(loaded, json!(true));
    s.screenshot(&screenshot_dir().join("minutes-01b-true-pages.png"));
    s.find("[data-testid=minutes-true-pages]").click();
    s.wait_for("[data-testid=minutes-page]");

    // Edit a free-text part.
    s.find("[data-testid=minutes-edit]").click();
    let first = s.find("[data-testid=minutes-paragraph]");
    first.clear();
    first.type_text(EDITED);
    s.find("[data-testid=minutes-save]").click();
    s.wait_for_text("[data-testid=minutes-page]", "(đã sửa)");

    // With the default settings the place and the symbol are empty: the minutes say so, and
    // exporting opens the settings on the cell with what is missing, the cursor in the first
    // field to fill; nothing is written.
    assert!(
        s.find("[data-testid=minutes-missing]")
            .text()
            .contains("địa danh"),
        "the minutes say the place is missing"
    );
    s.find("[data-testid=minutes-pdf]").click();
    s.wait_for_text("[data-testid=settings-request]", "ký hiệu");
    assert!(
        s.find("[data-testid=settings-request]")
            .text()
            .contains("địa danh"),
        "the settings say what is missing"
    );
    s.wait_until(
        "the cursor in the first missing setting",
        "return document.activeElement && document.activeElement.id === 'document_symbol';",
        &[],
    );
    s.screenshot(&screenshot_dir().join("minutes-02-missing-parts.png"));
    assert_eq!(
        std::fs::read_dir(exports.path()).unwrap().count(),
        0,
        "nothing was exported"
    );
    s.find("[data-testid=settings-place]").type_text("Quảng Ninh");
    s.find("[data-testid=settings-symbol]").type_text("CB");
    s.find("[data-testid=settings-save-org]").click();
    s.wait_for_text("[data-testid=settings-org-saved]", "Đã lưu");
    open_minutes(s);
    assert!(!s.exists("[data-testid=minutes-missing]"));

    // Export both ways.
    s.find("[data-testid=minutes-pdf]").click();
    s.wait_for_text("[data-testid=minutes-message]", ".pdf");
    s.find("[data-testid=minutes-docx]").click();
    s.wait_for_text("[data-testid=minutes-message]", ".docx");
    let pdf = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let text = pdftotext(&pdf);
    assert!(
        text.contains(&squash(EDITED)),
        "the PDF has the edited text: {text}"
    );
    let docx = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "docx"))
        .unwrap();
    let unzip = std::process::Command::new("python3")
        .args(["-c", "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())", docx.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&unzip.stdout).contains("(đã sửa)"),
        "the DOCX has the edited text"
    );

    // The tool exports the same minutes the window shows: the secretary's edit included.
    let cli_pdf = exports.path().join("bien-ban-cli.pdf");
    let out = std::process::Command::new(chuyende_e2e::target_profile_dir().join("chuyende"))
        .args([
            "minutes",
            "--session",
            "1",
            "--format",
            "pdf",
            "-o",
            cli_pdf.to_str().unwrap(),
        ])
        .env("CHUYENDE_DATA_DIR", data.path())
        .output()
        .expect("the chuyende tool is built beside the app (cargo build -p chuyende-cli)");
    assert!(
        out.status.success(),
        "chuyende minutes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli_text = pdftotext(&cli_pdf);
    assert!(
        cli_text.contains(&squash(EDITED)),
        "`chuyende minutes` exports the edit made in the window: {cli_text}"
    );
    assert_eq!(
        cli_text, text,
        "the window and the tool export the same document"
    );

    // The printed copy was signed: marked so, the minutes are read-only.
    s.find("[data-testid=minutes-sign]").click();
    s.wait_for("[data-testid=minutes-sign-form]");
    // Typed day first, whatever the system's locale (a DateField, not a browser date picker).
    let signed_on = s.find("[data-testid=minutes-signed-on]");
    signed_on.clear();
    signed_on.type_text("21/04/2025");
    s.find("[data-testid=minutes-sign-confirm]").click();
    s.wait_for_text("[data-testid=minutes-signed]", "21/04/2025");
    assert!(
        !s.find("[data-testid=minutes-edit]").is_enabled(),
        "the editor is read-only once the minutes are signed"
    );
    assert!(!s.exists("[data-testid=minutes-paragraph]"));
    assert!(!s.exists("[data-testid=minutes-reset]") && !s.exists("[data-testid=minutes-sign]"));
    assert!(
        s.find("[data-testid=minutes-signed]")
            .text()
            .contains("bản sửa đổi"),
        "the window says how to correct signed minutes"
    );
    // Even asked directly, the library refuses, in Vietnamese.
    let refused = s.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke('save_minutes', { sessionId: 1, body: [] })
           .then(() => done('saved'), (e) => done(e.message));",
        &[],
    );
    assert!(
        refused.as_str().is_some_and(|m| m.contains("đã ký")),
        "signed minutes refuse edits: {refused}"
    );
    s.screenshot(&screenshot_dir().join("minutes-03-signed.png"));

    // A correction is a new revision; the signed one stays and can be shown.
    s.find("[data-testid=minutes-correct]").click();
    s.wait_for("[data-testid=minutes-paragraph]");
    s.wait_for("[data-testid=minutes-revision]");
    s.screenshot(&screenshot_dir().join("minutes-04-correction.png"));
    s.find("[data-testid=minutes-save]").click();

    // Print: the GTK print dialog opens as its own window.
    let before = windows(app.display_name());
    s.execute(
        "document.querySelector('[data-testid=minutes-print]').click();",
        &[json!(null)],
    );
    let started = std::time::Instant::now();
    let dialog = loop {
        let now = windows(app.display_name());
        if let Some(line) = now.lines().find(|l| {
            (l.contains("\"Print\"") || l.contains("\"In\"")) && !before.contains(l.trim())
        }) {
            break line.to_string();
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "no print dialog appeared:\n{now}"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert!(!dialog.is_empty());
    let shot = screenshot_dir().join("minutes-02-print-dialog.png");
    let _ = std::process::Command::new("import")
        .args(["-window", "root", shot.to_str().unwrap()])
        .env("DISPLAY", app.display_name())
        .status();
}
