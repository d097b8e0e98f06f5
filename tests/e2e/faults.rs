//! Faults met while the window works, as a secretary meets them: the message in Vietnamese, and
//! nothing typed is lost.

use chuyende_e2e::{keys, screenshot_dir};
use serde_json::json;

const TYPED: &str = "Đề nghị bổ sung kết quả thực hiện năm 2025 vào phần thực trạng.";

#[test]
fn a_data_folder_pulled_out_during_a_meeting_keeps_the_typed_comment_to_save_once_it_is_back() {
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("usb");
    std::fs::create_dir(&data).unwrap();
    crate::minutes::held_session(&data);
    let app = chuyende_e2e::App::launch(&data);
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    s.find("[data-testid=sessions-year-prev]").click();
    s.wait_for("[data-testid=open-session-record]").click();
    s.wait_for("[data-testid=comment-capture]");
    let saved_before = s.find_all("[data-testid=comment-item]").len();

    s.find("[data-testid=comment-speaker]").click();
    s.press_key("Hà");
    s.press_key(keys::ENTER);
    s.press_key("2");
    s.press_key(keys::ENTER);
    s.press_key(TYPED);
    // The USB stick with the data is pulled out before Enter.
    let away = parent.path().join("usb-rut-ra");
    std::fs::rename(&data, &away).unwrap();
    s.press_key(keys::ENTER);
    let error = s.wait_for("[data-testid=comment-error]").text();
    assert!(error.contains("ổ đĩa có thể đã bị rút ra"), "{error}");
    assert!(error.contains("chưa được lưu"), "{error}");
    assert_eq!(
        s.find("[data-testid=comment-text]").prop("value"),
        json!(TYPED),
        "what was typed stays in the window"
    );
    assert_eq!(
        s.find_all("[data-testid=comment-item]").len(),
        saved_before,
        "the comment is not shown as saved"
    );
    s.screenshot(&screenshot_dir().join("fault-data-folder-pulled-out.png"));

    // Plugged back in: Enter again saves the same text.
    std::fs::rename(&away, &data).unwrap();
    s.find("[data-testid=comment-text]").click();
    s.press_key(keys::ENTER);
    s.wait_until(
        "the comment saved once the folder is back",
        "return document.querySelectorAll('[data-testid=comment-item]').length === arguments[0];",
        &[json!(saved_before + 1)],
    );
    assert!(
        !s.exists("[data-testid=comment-error]"),
        "the message is gone"
    );
    drop(app);
    let db = chuyende::Database::open_in(&data).unwrap();
    let saved = db.read(|c| {
        Ok(c.query_row(
            "SELECT count(*) FROM comment WHERE text = ?1",
            [TYPED],
            |r| r.get::<_, i64>(0),
        )?)
    });
    assert_eq!(saved.unwrap(), 1, "saved once, on the data folder");
}
