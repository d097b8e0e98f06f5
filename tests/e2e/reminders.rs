//! Reminders through the window (issue 16): a session in three days is listed on Tổng quan and
//! opens the plan; switched off in Cài đặt, the list is gone.

use chrono::{Datelike, Duration};
use chuyende_e2e::{screenshot_dir, App};

use crate::seed::{seed, CELL};

#[test]
fn a_session_within_a_week_is_reminded_on_the_overview_until_reminders_are_switched_off() {
    let data = tempfile::tempdir().unwrap();
    let shots = screenshot_dir();
    let cell = seed(data.path());
    let on = chrono::Local::now().date_naive() + Duration::days(3);
    {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let plan = db.create_plan(cell, on.year()).unwrap();
        db.create_topic(
            plan.id,
            &chuyende::topic::TopicDraft {
                title: "Chuyển đổi số trong chi bộ".into(),
                group_id: db.topic_groups(cell).unwrap()[1].id,
                quarter: chuyende::plan::Quarter::of(on),
                planned_on: Some(on),
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: Vec::new(),
            },
        )
        .unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-overview]").click();
    let reminder = s
        .wait_for_text("[data-testid=reminder][data-kind=session_soon]", "Chuyển đổi số trong chi bộ")
        .text();
    assert!(
        reminder.contains(&format!("sinh hoạt ngày {} (còn 3 ngày)", on.format("%d/%m/%Y")))
            && reminder.contains(CELL),
        "{reminder}"
    );
    s.screenshot(&shots.join("reminders-01-overview.png"));

    s.find("[data-testid=open-reminder]").click();
    s.wait_for("[data-testid=plan-board]");

    s.find("[data-testid=nav-settings]").click();
    let switch = s.wait_for("[data-testid=reminders-enabled]:not([disabled])");
    assert_eq!(switch.prop("checked"), serde_json::json!(true), "on until switched off");
    switch.click();
    s.wait_for("[data-testid=reminders-enabled]:not(:checked)");
    s.find("[data-testid=nav-overview]").click();
    s.wait_for("[data-testid=overview]");
    s.wait_for("[data-testid=next-session]");
    assert!(!s.exists("[data-testid=reminders]"), "switched off: no reminders listed");
}
