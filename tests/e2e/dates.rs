//! Dates in forms: typed and shown as dd/mm/yyyy, impossible ones answered in Vietnamese.

use chuyende_e2e::{keys, screenshot_dir, App};

use crate::seed::seed;

#[test]
fn an_impossible_session_date_is_refused_in_vietnamese_next_to_the_field_and_nothing_is_saved() {
    let data = tempfile::tempdir().unwrap();
    let cell = seed(data.path());
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    s.wait_for("[data-testid=open-session]:enabled").click();
    s.wait_for("[data-testid=session-form]");

    // Shown day first, whatever the system's locale.
    let shown = s.find("[data-testid=session-date]").prop("value");
    let shown = shown.as_str().unwrap_or_default().to_string();
    assert!(
        shown.len() == 10 && &shown[2..3] == "/" && &shown[5..6] == "/",
        "today is shown as dd/mm/yyyy: {shown}"
    );
    let today = chrono::Local::now().date_naive();
    assert_eq!(shown, today.format("%d/%m/%Y").to_string(), "day first");

    let date = s.find("[data-testid=session-date]");
    date.clear();
    date.type_text("31/02/2026");
    date.type_text(keys::TAB);
    let message = s
        .wait_for_text("[data-testid=error-held_on]", "không có thật")
        .text();
    assert!(
        message.contains("31/02/2026") && message.contains("28 ngày"),
        "the message says why the date is impossible: {message}"
    );
    s.find("[data-testid=session-place]")
        .type_text("Phòng họp tầng 2");
    s.find("[data-testid=form-save]").click();
    assert!(
        s.exists("[data-testid=session-form]"),
        "the form stays open with the impossible date"
    );
    let page = s.find("[data-testid=session-form]").text();
    assert!(
        !page.contains("invalid args") && !page.contains("premature"),
        "no technical message: {page}"
    );
    s.screenshot(&screenshot_dir().join("dates-01-impossible-date.png"));
    s.command(
        "POST",
        "/window/rect",
        Some(serde_json::json!({"width": 1024, "height": 700})),
    )
    .expect("the window resized to 1024×700");
    s.screenshot(&screenshot_dir().join("dates-01b-impossible-date-1024x700.png"));

    // A real date, typed day first, is taken and saved.
    let date = s.find("[data-testid=session-date]");
    date.clear();
    date.type_text("06/06/2026");
    s.find("[data-testid=form-save]").click();
    s.wait_gone("[data-testid=session-form]");
    drop(app);
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let held: Vec<String> = db
        .sessions(cell, 2026, None, "", 1)
        .unwrap()
        .sessions
        .iter()
        .map(|x| x.held_on.to_string())
        .collect();
    assert_eq!(
        held,
        ["2026-06-06"],
        "the session is saved on the date typed, day first"
    );
}

#[test]
fn a_session_date_far_from_its_topics_quarter_asks_for_confirmation() {
    use chrono::Datelike;
    let data = tempfile::tempdir().unwrap();
    let year = chrono::Local::now().year();
    {
        let cell = seed(data.path());
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let topic = crate::seed::topic(&db, cell, year, 4, "Trần Văn Bình");
        crate::seed::with_outline(&db, topic);
        db.pass_draft(topic).unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    s.wait_for("[data-testid=open-session]:enabled").click();
    s.wait_for("[data-testid=session-form]");
    let date = s.find("[data-testid=session-date]");
    date.clear();
    date.type_text("01/01/1900");
    s.find("[data-testid=session-place]")
        .type_text("Phòng họp tầng 2");
    s.find("[data-testid=form-save]").click();
    let question = s.wait_for("[data-testid=session-date-question]").text();
    assert!(
        question.contains("01/01/1900") && question.contains(&format!("Quý IV năm {year}")),
        "the question names the date and the topic's quarter: {question}"
    );
    s.screenshot(&screenshot_dir().join("dates-02-far-from-quarter.png"));

    // Corrected to a date of the quarter, it saves without a question.
    let date = s.find("[data-testid=session-date]");
    date.clear();
    date.type_text(&format!("15/11/{year}"));
    s.find("[data-testid=form-save]").click();
    s.wait_gone("[data-testid=session-form]");
}

#[test]
fn a_committee_term_is_typed_day_first_in_settings_and_an_impossible_date_is_answered_in_vietnamese()
{
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-settings]").click();
    crate::seed::select_by_text(s, "[data-testid=settings-org]", crate::seed::CELL);
    let from = s.wait_for("[data-testid=term-from]");
    assert_eq!(
        from.attr("placeholder").as_deref(),
        Some("dd/mm/yyyy"),
        "a date typed day first, not the system's date picker"
    );
    from.type_text("31/02/2025");
    from.type_text(keys::TAB);
    let message = s
        .wait_for_text("[data-testid=error-term_from]", "không có thật")
        .text();
    assert!(message.contains("28 ngày"), "{message}");
    assert!(
        !s.find("[data-testid=term-add]").is_enabled(),
        "an impossible date is not saved"
    );
    from.clear();
    from.type_text("01/06/2025");
    s.find("[data-testid=term-to]").type_text("31/05/2030");
    s.find("[data-testid=term-add]").click();
    let term = s.wait_for("[data-testid=term-item]").text();
    assert!(
        term.contains("01/06/2025") && term.contains("31/05/2030"),
        "{term}"
    );
    assert_eq!(
        s.find("[data-testid=term-from]").prop("value"),
        serde_json::json!(""),
        "the fields are empty again for the next term"
    );
    s.screenshot(&screenshot_dir().join("dates-03-term-typed-day-first.png"));
}
