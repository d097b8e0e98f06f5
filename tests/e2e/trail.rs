//! The check of the data at start: a database changed outside the app (with sqlite3, the
//! triggers dropped) is warned about in the window, naming what was changed; an untouched one
//! shows no warning.

use chuyende_e2e::{screenshot_dir, App, Session};
use serde_json::{json, Value};

fn demo(dir: &std::path::Path) {
    let db = chuyende::Database::open_in(dir).unwrap();
    chuyende::demo::fill(&db).unwrap();
}

/// The report of the check at start, once it has run (the library bounds it to seconds).
fn trail_report(s: &Session) -> Value {
    for _ in 0..60 {
        let report = s.execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('trail_check').then(done, (e) => done({ error: e.message }));",
            &[],
        );
        if !report.is_null() {
            return report;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    panic!("the check at start did not answer within 30 s");
}

#[test]
fn a_copy_changed_outside_the_app_is_warned_about_at_start_naming_what_was_changed() {
    let data = tempfile::tempdir().unwrap();
    demo(data.path());
    // Someone with sqlite3 drops the triggers, rewrites entry 7 of the trail and an outline's
    // stored original.
    let conn = rusqlite::Connection::open(data.path().join("chuyende.sqlite3")).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_event_immutable; DROP TRIGGER outline_version_immutable;
         UPDATE audit_event SET actor = 'Người lạ' WHERE id = 7;
         UPDATE outline_version SET original = CAST('khác' AS BLOB)
          WHERE id = (SELECT max(id) FROM outline_version);",
    )
    .unwrap();
    drop(conn);

    let app = App::launch(data.path());
    let s = app.session();
    let warning = s.wait_for_text("[data-testid=trail-warning]", "mục số 7");
    let text = warning.text();
    assert!(text.contains("Dữ liệu đã bị thay đổi ngoài ứng dụng"), "{text}");
    assert!(
        text.contains("Mục số 7 của nhật ký thay đổi đã bị sửa"),
        "{text}"
    );
    assert!(text.contains("Tệp gốc của đề cương phiên bản"), "{text}");
    s.screenshot(&screenshot_dir().join("trail-01-warning.png"));
    // At 150 % text, as Settings' "Cỡ chữ" sets it.
    s.execute(
        "document.documentElement.style.fontSize = `${18 * arguments[0] / 100}px`;",
        &[json!(150)],
    );
    s.screenshot(&screenshot_dir().join("trail-02-warning-150.png"));
    s.execute("document.documentElement.style.fontSize = '';", &[]);

    // The library's report, as the window got it.
    let report = trail_report(s);
    assert_eq!(report["first_broken_entry"], 7, "{report}");

    s.find("[data-testid=trail-warning-dismiss]").click();
    s.wait_gone("[data-testid=trail-warning]");
}

#[test]
fn an_untouched_database_opens_without_a_warning() {
    let data = tempfile::tempdir().unwrap();
    demo(data.path());
    let app = App::launch(data.path());
    let s = app.session();
    let report = trail_report(s);
    assert_eq!(report["findings"], json!([]), "{report}");
    assert!(report["entries_checked"].as_i64().unwrap() > 50, "{report}");
    assert!(
        !s.exists("[data-testid=trail-warning]"),
        "no warning for untouched data"
    );
    // Settings says so, and runs the whole check on demand.
    s.find("[data-testid=nav-settings]").click();
    s.wait_for_text("[data-testid=trail-check-summary]", "Dữ liệu nguyên vẹn");
    s.find("[data-testid=trail-check-all]").click();
    s.wait_for("[data-testid=trail-check-full]");
    let summary = s.wait_for_text("[data-testid=trail-check-summary]", "Dữ liệu nguyên vẹn");
    assert!(
        !summary.text().contains("kiểm tra nhanh"),
        "the whole check: {}",
        summary.text()
    );
    s.screenshot(&screenshot_dir().join("trail-03-settings-intact.png"));
}
