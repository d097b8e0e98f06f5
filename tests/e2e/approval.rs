//! The committee's approval through the window: submit, return with a reason, the reason
//! beside the outline, revise, submit, approve; the version and its session read-only; the
//! approved outline exported as PDF, holding the SHA-256 the window shows.

use chrono::Datelike;
use chuyende::comment::{AnswerDraft, CommentDraft, CommentKind};
use chuyende_e2e::{screenshot_dir, App, Session};

use crate::seed::{drop_files, fixture, seed, TOPIC};

const REASON: &str = "Bổ sung số liệu năm 2025 và giải pháp cho bộ phận Nhà khách.";

/// A topic of this year discussed in its session, its one contribution taken into version 2:
/// revised, ready to go to the committee. Made through the library (the session screens have
/// their own tests).
fn revised_topic(data: &std::path::Path) {
    let cell = seed(data);
    let db = chuyende::Database::open_in(data).unwrap();
    let members = db.members(Some(cell), false).unwrap();
    let by = |name: &str| members.iter().find(|m| m.full_name == name).unwrap().id;
    // Documents are issued with their place ("Quảng Ninh, ngày …").
    let mut settings = db.organisation_settings(cell).unwrap();
    settings.place_name = "Quảng Ninh".into();
    db.set_organisation_settings(cell, settings).unwrap();
    let today = chrono::Local::now().date_naive();
    let topic = crate::seed::topic(&db, cell, today.year(), 4, "Trần Văn Bình");
    db.start_drafting(topic).unwrap();
    let v1 = std::path::PathBuf::from(fixture("de-cuong-v1.docx"));
    db.import_outline_file(topic, &v1, "").unwrap();
    db.pass_draft(topic).unwrap();
    let s = crate::seed::session_today(&db, cell, topic);
    let c = db
        .add_comment(
            s.id,
            &CommentDraft {
                topic_id: Some(topic),
                speaker_id: by("Đặng Quang Hải"),
                kind: CommentKind::Contribution,
                text: "Đề nghị bổ sung giải pháp cụ thể cho từng bộ phận.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
    let v2 = std::path::PathBuf::from(fixture("de-cuong-v2.docx"));
    let v2 = db
        .import_outline_file(topic, &v2, "Bản hoàn chỉnh")
        .unwrap();
    db.answer_comment(c.id, &AnswerDraft::Incorporated { version_id: v2.id })
        .unwrap();
}

fn open_the_topic(s: &Session) {
    crate::plans::show_cell_plan(s, chrono::Local::now().year());
    crate::plans::open_topic(s, TOPIC);
}

fn submit(s: &Session) {
    s.wait_for("[data-testid=submit-topic]").click();
    s.wait_for("[data-testid=confirm-submit]").click();
    s.wait_for_text("[data-testid=topic-state]", "Đã trình cấp ủy");
    s.wait_for("[data-testid=submitted-note]");
}

fn scroll_to(s: &Session, css: &str) {
    s.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });",
        &[serde_json::json!(css)],
    );
}

/// As Settings' "Cỡ chữ" does (ui/src/lib/textsize.ts).
fn text_size(s: &Session, percent: u32) {
    s.execute(
        "document.documentElement.style.fontSize = `${18 * arguments[0] / 100}px`;",
        &[serde_json::json!(percent)],
    );
}

fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect()
}

#[test]
fn submit_return_with_a_reason_revise_submit_approve_lock_and_export_the_approved_outline() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    revised_topic(data.path());
    let shots = screenshot_dir();
    let app = App::launch_with(data.path(), &[("CHUYENDE_EXPORT_DIR", exports.path())]);
    let s = app.session();
    s.wait_for("[data-testid=nav-approvals]");
    // Every entry of the navigation opens a screen: none is a placeholder of work to come.
    let entries = s.execute(
        "return [...document.querySelectorAll('nav .nav')].map(e => [e.tagName, e.textContent.trim()]);",
        &[],
    );
    let entries = entries.as_array().unwrap();
    assert!(entries.iter().any(|e| e[1] == "Phê duyệt"), "{entries:?}");
    assert!(
        entries.iter().all(|e| e[0] == "BUTTON"),
        "every entry of the navigation opens a screen: {entries:?}"
    );

    // Submit the revised topic.
    open_the_topic(s);
    s.wait_for_text("[data-testid=topic-state]", "Đã hoàn chỉnh");
    submit(s);
    s.screenshot(&shots.join("approval-01-submitted.png"));

    // The committee returns it, with a reason, from the Phê duyệt screen.
    s.find("[data-testid=nav-approvals]").click();
    let waiting = s.wait_for("[data-testid=approval-waiting]").text();
    assert!(
        waiting.contains(TOPIC) && waiting.contains("Trần Văn Bình"),
        "{waiting}"
    );
    s.screenshot(&shots.join("approval-02-waiting.png"));
    s.find("[data-testid=open-decision]").click();
    s.wait_for("[data-testid=decision-form]");
    s.find("[data-testid=decision-return]").click();
    s.wait_for("[data-testid=decision-reasons]")
        .type_text(REASON);
    s.screenshot(&shots.join("approval-03-decision-return.png"));
    s.find("[data-testid=decision-save]").click();
    s.wait_for_text("[data-testid=approvals-notice]", "Bị trả lại");
    let decided = s.wait_for("[data-testid=approval-decided]").text();
    assert!(
        decided.contains(REASON),
        "what was returned and why: {decided}"
    );
    s.screenshot(&shots.join("approval-04-returned.png"));

    // The member sees the reason beside the outline, revises, and it goes again.
    open_the_topic(s);
    let note = s.wait_for("[data-testid=returned-reasons]").text();
    assert_eq!(note, REASON);
    s.screenshot(&shots.join("approval-05-reason-beside-outline.png"));
    drop_files(s, &[fixture("de-cuong-v1.pdf")]);
    s.wait_for("[data-testid=version-row][data-number=\"3\"]");
    s.wait_for_text("[data-testid=topic-state]", "Đã hoàn chỉnh");
    submit(s);

    // Approved from the topic itself this time.
    s.find("[data-testid=decide-topic]").click();
    s.wait_for("[data-testid=decision-form]");
    let dialog_sha = s.wait_for("[data-testid=decision-sha]").text();
    s.find("[data-testid=decision-approve]").click();
    s.find("[data-testid=decision-save]").click();
    s.wait_for_text("[data-testid=topic-state]", "Đã duyệt");
    let sha = s.wait_for("[data-testid=approved-sha]").text();
    assert_eq!(sha.len(), 64, "the window shows the SHA-256: {sha}");
    assert_eq!(sha, dialog_sha, "the version decided is the one submitted");
    assert!(
        s.exists("[data-testid=version-row][data-number=\"3\"] [data-testid=version-approved]")
            && !s.exists(
                "[data-testid=version-row][data-number=\"2\"] [data-testid=version-approved]"
            ),
        "the versions list marks the version approved, and only it"
    );
    scroll_to(s, "[data-testid=approved-note]");
    s.screenshot(&shots.join("approval-06-approved.png"));
    // At 150 % text (Cài đặt → Cỡ chữ), the approval and its SHA-256 still fit the window.
    text_size(s, 150);
    scroll_to(s, "[data-testid=approved-note]");
    let sideways = s.execute(
        "return document.documentElement.scrollWidth - window.innerWidth;",
        &[],
    );
    let wide = s.execute(
        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
           .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.dataset.testid || '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ');",
        &[],
    );
    assert!(
        sideways.as_i64().unwrap() <= 0,
        "no sideways scrolling at 150 %: {sideways} ({wide})"
    );
    s.screenshot(&shots.join("approval-06b-approved-150.png"));
    text_size(s, 100);
    scroll_to(s, "[data-testid=topic-timeline]");
    let kinds: Vec<String> = s
        .find_all("[data-testid=timeline-entry]")
        .iter()
        .filter_map(|e| e.attr("data-kind"))
        .filter(|k| k != "step")
        .collect();
    assert_eq!(
        kinds,
        [
            "session",
            "version",
            "version",
            "answer",
            "submission",
            "returned",
            "version",
            "submission",
            "approved"
        ],
        "the timeline in one column"
    );
    s.screenshot(&shots.join("approval-07-timeline.png"));

    // The approved outline as a PDF holding the SHA-256 the window shows.
    scroll_to(s, "[data-testid=approved-note]");
    s.find("[data-testid=export-approved-pdf]").click();
    s.wait_for_text("[data-testid=approved-exported]", ".pdf");
    let pdf = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&sha),
        "the PDF holds the SHA-256 {sha}: {text}"
    );
    assert!(text.contains("XÁCNHẬNCỦACẤPỦY"), "{text}");
    assert!(text.contains("QuảngNinh,ngày"), "{text}");
    let png = shots.join("approval-08-approved-outline");
    let _ = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "60",
            "-png",
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ])
        .status();

    // Its session is read-only now, with why.
    s.find("[data-testid=nav-sessions]").click();
    s.wait_for("[data-testid=open-session-record]").click();
    let locked = s.wait_for("[data-testid=session-locked]").text();
    assert!(locked.contains("đã được cấp ủy duyệt"), "{locked}");
    assert!(
        !s.exists("[data-testid=edit-session]"),
        "no edit of the session's details"
    );
    assert!(
        !s.find("[data-testid=conclusion]").is_enabled(),
        "the conclusion reads as approved"
    );
    s.screenshot(&shots.join("approval-09-session-read-only.png"));

    // Printed like the minutes: its pages laid out for the printer, the system dialog opened
    // (clicked from a script: the dialog is modal and WebDriver's click would wait on it).
    open_the_topic(s);
    scroll_to(s, "[data-testid=approved-note]");
    let before = crate::plans::windows(app.display_name());
    s.execute(
        "document.querySelector('[data-testid=print-approved]').click();",
        &[],
    );
    let dialog = crate::plans::wait_for_print_dialog(app.display_name(), &before);
    assert!(!dialog.is_empty(), "the print dialog is a window of its own");
    assert!(
        !s.find_all("[data-testid=approved-print-pages] img").is_empty(),
        "the approved outline's pages are laid out for the printer"
    );
}

#[test]
fn the_approvals_screen_shows_the_newest_decisions_and_older_ones_on_request() {
    let data = tempfile::tempdir().unwrap();
    let name = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        // Eight cells, four years: more decisions than a page.
        chuyende::demo::fill_large(&db, 8, 4, usize::MAX).unwrap();
        db.organisations(false).unwrap()[0].name.clone()
    };
    let page = chuyende::approval::DECIDED_PAGE as usize;
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-approvals]").click();
    crate::seed::select_by_text(s, "[data-testid=approvals-org]", &name);
    s.wait_for("[data-testid=approvals-older]");
    assert_eq!(
        s.find_all("[data-testid=approval-decided]").len(),
        page,
        "the newest page of decisions"
    );
    s.execute(
        "document.querySelector('[data-testid=approvals-older]').scrollIntoView({block: 'center'});",
        &[],
    );
    s.screenshot(&shots.join("approval-older-offered.png"));
    s.find("[data-testid=approvals-older]").click();
    let shown = s.wait_until(
        "older decisions below the newest",
        "const n = document.querySelectorAll('[data-testid=approval-decided]').length;
         return n > arguments[0] ? n : null;",
        &[serde_json::json!(page)],
    );
    assert!(shown.as_u64().unwrap() as usize > page, "{shown}");
    s.screenshot(&shots.join("approval-older-decisions.png"));
}
