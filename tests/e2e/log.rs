//! The log a support person reads when a secretary says "it did not work": after a session in
//! the window, the data folder's log names the commands that ran, with their outcome, and a
//! failure with its cause; Settings shows where the log is and copies a diagnostic summary.

use chuyende_e2e::screenshot_dir;

use crate::seed::{drop_files, topic_screen};

/// Everything the window's log files hold, once `expected` has been written (the log is
/// written off the command's thread, so a line may land a moment after the window answered).
pub(crate) fn log_text(data: &std::path::Path, expected: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let mut text = String::new();
        if let Ok(entries) = std::fs::read_dir(data.join("logs")) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with("chuyende-app") && name.ends_with(".log") {
                    text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
                }
            }
        }
        if text.contains(expected) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn the_log_names_the_commands_run_and_a_failed_import_with_its_cause_and_settings_copies_a_summary()
{
    let data = tempfile::tempdir().unwrap();
    let app = topic_screen(data.path());
    let s = app.session();

    // A file that is not there (moved away between the drop and the import).
    // It was dropped from a folder the window accepts drops from (see `App` in tests/support).
    let dropped = data.path().join("dropped");
    std::fs::create_dir_all(&dropped).unwrap();
    let missing = dropped.join("Đề cương đã bị xoá.docx");
    drop_files(s, &[missing.display().to_string()]);
    let refusal = s
        .wait_for_text("[data-testid=import-failed]", "không tìm thấy tệp")
        .text();
    assert!(
        !refusal.contains("os error"),
        "the window says it in Vietnamese: {refusal}"
    );

    let log = log_text(data.path(), "import_outline failed");
    assert!(
        log.contains("list_organisations ok"),
        "the log names the commands run:\n{log}"
    );
    assert!(log.contains("plan_board ok"), "{log}");
    assert!(
        log.contains("import_outline failed"),
        "and the failed one:\n{log}"
    );
    let error_line = log
        .lines()
        .find(|l| l.contains(" ERROR ") && l.contains("import_outline"))
        .unwrap_or_else(|| panic!("the failure is logged as an error inside its command:\n{log}"));
    assert!(
        error_line.contains("không tìm thấy tệp") && error_line.contains("os error 2"),
        "with its cause chain, down to the system's error: {error_line}"
    );
    assert!(
        !log.contains("Nguyễn Thị Lan"),
        "no person's name at info level:\n{log}"
    );

    s.find("[data-testid=nav-settings]").click();
    let log_dir = s.wait_for("[data-testid=log-dir]").text();
    assert_eq!(log_dir, data.path().join("logs").display().to_string());
    s.find("[data-testid=copy-diagnostics]").click();
    let summary = s
        .wait_for_text("[data-testid=diagnostics]", "Lỗi gần đây")
        .text();
    assert!(
        summary.contains(&data.path().display().to_string()),
        "{summary}"
    );
    assert!(summary.contains("Phiên bản dữ liệu"), "{summary}");
    assert!(
        summary.contains("os error 2"),
        "the last errors are in the summary: {summary}"
    );
    s.screenshot(&screenshot_dir().join("settings-diagnostics.png"));
}
