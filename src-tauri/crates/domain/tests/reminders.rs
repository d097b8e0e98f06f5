//! Reminders (issue 16): a week before a planned session, and when an outline is late; each
//! shown once, remembered in the database; switchable for the workstation.

mod common;

use chrono::NaiveDate;
use chuyende::plan::Quarter;
use chuyende::reminder::ReminderKind;
use chuyende::topic::TopicDraft;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

/// The meeting's cell: its topic (outline passed, quý II without a date: 30/06/2025) and a
/// second topic planned for 15/05/2025 with no outline yet.
fn cell_with_two_topics() -> (common::Meeting, chuyende::topic::TopicId) {
    let m = common::meeting();
    let plan = m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap();
    let second = m
        .db
        .create_topic(
            plan.id,
            &TopicDraft {
                title: "Chuyển đổi số trong chi bộ".into(),
                group_id: m.db.topic_groups(m.cell.id).unwrap()[1].id,
                quarter: Quarter::new(2).unwrap(),
                planned_on: Some(day(5, 15)),
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: vec![m.members[2].id],
            },
        )
        .unwrap()
        .id;
    (m, second)
}

fn texts(m: &common::Meeting, on: NaiveDate) -> Vec<(ReminderKind, String)> {
    m.db.reminders_on(on)
        .unwrap()
        .into_iter()
        .map(|r| (r.kind, r.text))
        .collect()
}

#[test]
fn a_session_is_reminded_from_a_week_before_until_its_day() {
    let (m, _) = cell_with_two_topics();
    assert!(texts(&m, day(5, 7)).is_empty(), "eight days before: nothing yet");
    assert_eq!(
        texts(&m, day(5, 8)),
        [(
            ReminderKind::SessionSoon,
            "Chuyên đề “Chuyển đổi số trong chi bộ” (Chi bộ Công báo - Nhà khách) sinh hoạt ngày 15/05/2025 (còn 7 ngày).".to_string()
        )]
    );
    assert!(texts(&m, day(5, 14))[0].1.ends_with("(ngày mai)."));
    assert!(texts(&m, day(5, 15))[0].1.ends_with("(hôm nay)."));
    // A topic without a date is held by the end of its quarter: reminded from 23/06.
    let june = texts(&m, day(6, 23));
    assert!(
        june.iter().any(|(k, t)| *k == ReminderKind::SessionSoon
            && t.starts_with("Chuyên đề “Trách nhiệm nêu gương của đảng viên”")
            && t.contains("30/06/2025")),
        "{june:?}"
    );
}

#[test]
fn an_outline_not_in_by_its_topics_date_is_late_and_one_that_is_in_is_not() {
    let (m, _) = cell_with_two_topics();
    assert_eq!(
        texts(&m, day(5, 16)),
        [(
            ReminderKind::OutlineLate,
            "Chuyên đề “Chuyển đổi số trong chi bộ” (Chi bộ Công báo - Nhà khách) chưa có đề cương, hạn ngày 15/05/2025.".to_string()
        )]
    );
    // The meeting's topic has its outline: after its date it is no reminder of either kind.
    let july = texts(&m, day(7, 1));
    assert_eq!(july.len(), 1, "only the late outline: {july:?}");
}

#[test]
fn each_reminder_is_shown_once_even_after_a_restart_and_a_new_date_reminds_again() {
    let (m, second) = cell_with_two_topics();
    let due = m.db.reminders_on(day(5, 16)).unwrap();
    assert!(!due[0].shown);
    m.db.mark_reminders_shown(&[due[0].key.clone()]).unwrap();
    let path = m.db.path().to_path_buf();
    let common::Meeting { _dir, db, .. } = m;
    drop(db);
    let db = chuyende::Database::open(&path).unwrap();
    let again = db.reminders_on(day(5, 17)).unwrap();
    assert!(again[0].shown, "remembered in the database: not shown again");

    // The topic moved to 20/05: its session is reminded anew.
    let topic = db.topic(second).unwrap();
    db.update_topic(
        second,
        &TopicDraft {
            title: topic.title.clone(),
            group_id: topic.group_id,
            quarter: topic.quarter,
            planned_on: Some(day(5, 20)),
            suggestions: String::new(),
            notes: String::new(),
            assignee_ids: topic.assignees.iter().map(|a| a.id).collect(),
        },
    )
    .unwrap();
    let moved = db.reminders_on(day(5, 17)).unwrap();
    assert_eq!(moved[0].kind, ReminderKind::SessionSoon);
    assert!(!moved[0].shown);
}

#[test]
fn reminders_are_on_until_switched_off_for_the_workstation() {
    let (m, _) = cell_with_two_topics();
    assert!(m.db.reminders_enabled().unwrap());
    assert!(!m.db.set_reminders_enabled(false).unwrap());
    let reopened = chuyende::Database::open(m.db.path()).unwrap();
    assert!(!reopened.reminders_enabled().unwrap());
}
