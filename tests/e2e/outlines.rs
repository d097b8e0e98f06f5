//! Outline documents on a topic, through the window: import (by the path the OS drop takes),
//! preview, a revised version, the comparison, a refused file, and search without accents.

use chuyende_e2e::{screenshot_dir, Session};
use serde_json::json;

use crate::seed::{drop_files, fixture, select_by_text, topic_screen, TOPIC};

fn scroll_to(s: &Session, css: &str) {
    s.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });",
        &[json!(css)],
    );
}

#[test]
fn an_outline_is_imported_previewed_revised_compared_and_found_without_accents() {
    let data = tempfile::tempdir().unwrap();
    let shots = screenshot_dir();
    let app = topic_screen(data.path());
    let s = app.session();

    drop_files(s, &[fixture("de-cuong-v1.docx")]);
    s.wait_for("[data-testid=version-row][data-number=\"1\"]");
    let preview = s
        .wait_for_text("[data-testid=outline-preview]", "I. MỤC ĐÍCH, YÊU CẦU")
        .text();
    for expected in [
        "II. NỘI DUNG",
        "a) Nêu gương về phẩm chất chính trị",
        "Kết quả đạt được",
        "[1] Kết luận số 01-KL/TW",
    ] {
        assert!(preview.contains(expected), "the preview shows “{expected}”");
    }
    scroll_to(s, "[data-testid=outline-preview]");
    s.screenshot(&shots.join("outline-01-preview.png"));

    // The revised version and a damaged file dropped together: one is imported, one refused.
    drop_files(s, &[fixture("de-cuong-v2.docx"), fixture("truncated.docx")]);
    s.wait_for("[data-testid=version-row][data-number=\"2\"]");
    s.wait_for_text("[data-testid=import-failed]", "bị hỏng hoặc không đầy đủ");
    assert!(
        !s.exists("[data-testid=version-row][data-number=\"3\"]"),
        "the damaged file made no version"
    );
    s.screenshot(&shots.join("outline-02-second-version-and-refusal.png"));

    select_by_text(s, "[data-testid=compare-old]", "1");
    select_by_text(s, "[data-testid=compare-new]", "2");
    s.find("[data-testid=compare]").click();
    let summary = s
        .wait_for_text("[data-testid=compare-summary]", "đoạn sửa")
        .text();
    assert!(
        summary.contains("So sánh phiên bản 1") && summary.contains("phiên bản 2"),
        "{summary}"
    );
    assert!(
        s.exists("[data-testid=compare-block][data-change=changed] ins"),
        "changed words are marked"
    );
    assert!(s.exists("[data-testid=compare-block][data-change=added]"));
    assert!(s.exists("[data-testid=compare-block][data-change=removed]"));
    scroll_to(s, "[data-testid=outline-compare]");
    s.screenshot(&shots.join("outline-03-comparison.png"));

    s.find("[data-testid=nav-documents]").click();
    s.find("[data-testid=search-query]")
        .type_text("dang bo van phong ubnd tinh to chuc sinh hoat chuyen de");
    s.find("[data-testid=search-submit]").click();
    let hit = s.wait_for_text("[data-testid=search-hit]", TOPIC).text();
    assert!(
        hit.contains("Đảng bộ Văn phòng UBND tỉnh") || hit.contains("ĐẢNG BỘ VĂN PHÒNG"),
        "{hit}"
    );
    let marks = s.find_all("[data-testid=search-snippet] mark");
    assert!(!marks.is_empty(), "the words found are highlighted");
    s.screenshot(&shots.join("outline-04-search-without-accents.png"));
}
