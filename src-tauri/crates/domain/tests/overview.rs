//! What is overdue on the home screen: each kind, with what and where, and the screen it opens.

mod common;

use chrono::NaiveDate;
use chuyende::overview::OverdueKind;
use chuyende::plan::Quarter;
use chuyende::session::Presence;
use chuyende::settings::Screen;
use chuyende::topic::TopicDraft;
use chuyende::topic_state::TopicState;

use common::{fixture, meeting, session_draft, Meeting};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn topic(
    m: &Meeting,
    title: &str,
    quarter: u8,
    planned_on: Option<NaiveDate>,
) -> chuyende::topic::TopicId {
    let plan = m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap();
    m.db.create_topic(
        plan.id,
        &TopicDraft {
            title: title.into(),
            group_id: m.db.topic_groups(m.cell.id).unwrap()[0].id,
            quarter: Quarter::new(quarter).unwrap(),
            planned_on,
            suggestions: String::new(),
            notes: String::new(),
            assignee_ids: vec![m.members[2].id],
        },
    )
    .unwrap()
    .id
}

#[test]
fn an_outline_not_in_by_its_topics_date_is_overdue_on_the_plan() {
    let m = meeting();
    topic(&m, "Đổi mới phương thức lãnh đạo", 1, None);
    let o = m.db.overdue_on(m.cell.id, day(2025, 7, 1)).unwrap();
    let late: Vec<_> = o
        .items
        .iter()
        .filter(|i| i.kind == OverdueKind::OutlineLate)
        .collect();
    assert_eq!(late.len(), 1, "{o:#?}");
    assert_eq!(
        late[0].text,
        "Chuyên đề “Đổi mới phương thức lãnh đạo” (Chi bộ Công báo - Nhà khách): chưa có đề cương, hạn ngày 31/03/2025."
    );
    assert_eq!(late[0].screen, Screen::Plans);
    assert_eq!(late[0].organisation_id, m.cell.id);
}

#[test]
fn a_draft_not_passed_a_day_before_its_session_is_overdue() {
    let m = meeting();
    let t = topic(&m, "Chuyển đổi số", 3, Some(day(2025, 7, 1)));
    m.db.start_drafting(t).unwrap();
    m.db.import_outline_file(t, &fixture("de-cuong-v1.docx"), "")
        .unwrap();
    let o = m.db.overdue_on(m.cell.id, day(2025, 6, 30)).unwrap();
    assert!(
        !o.items
            .iter()
            .any(|i| i.kind == OverdueKind::DraftNotPassed),
        "the day before the session, it may still be passed: {o:#?}"
    );
    let o = m.db.overdue_on(m.cell.id, day(2025, 7, 1)).unwrap();
    let item = o
        .items
        .iter()
        .find(|i| i.kind == OverdueKind::DraftNotPassed)
        .unwrap();
    assert!(
        item.text.contains("“Chuyển đổi số”")
            && item
                .text
                .contains("dự thảo chưa được thông qua và gửi đảng viên, hạn ngày 30/06/2025"),
        "{}",
        item.text
    );
}

#[test]
fn minutes_of_a_past_session_not_signed_are_overdue_on_the_sessions_screen() {
    let m = meeting();
    m.db.create_session(&session_draft(&m)).unwrap(); // 20/04/2025
    let o = m.db.overdue_on(m.cell.id, day(2025, 4, 20)).unwrap();
    assert!(
        !o.items
            .iter()
            .any(|i| i.kind == OverdueKind::MinutesNotSigned),
        "the day of the session, the minutes are not late yet"
    );
    let parent = match m.cell.placement {
        chuyende::organisation::Placement::Cell { parent_id } => parent_id,
        _ => unreachable!(),
    };
    let o = m.db.overdue_on(parent, day(2025, 4, 21)).unwrap();
    let item = o
        .items
        .iter()
        .find(|i| i.kind == OverdueKind::MinutesNotSigned)
        .unwrap();
    assert_eq!(
        item.text,
        "Biên bản buổi sinh hoạt ngày 20/04/2025 (Chi bộ Công báo - Nhà khách) chưa được ký.",
        "the đảng bộ sees its cells' items"
    );
    assert_eq!(item.screen, Screen::Sessions);
    assert_eq!(o.total, o.items.len() as i64);
}

#[test]
fn a_submission_waiting_for_the_committee_is_listed_until_it_decides_and_opens_the_approvals() {
    let m = meeting();
    m.db.create_session(&session_draft(&m)).unwrap();
    // Revised after its session, as the cycle asks before a submission.
    m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
        .unwrap();
    m.db.submit_topic(m.topic).unwrap();
    let submitted_at = m.db.topic_submissions(m.topic).unwrap()[0]
        .submitted_at
        .clone();
    let submitted_on = NaiveDate::parse_from_str(&submitted_at[..10], "%Y-%m-%d").unwrap();
    let parent = match m.cell.placement {
        chuyende::organisation::Placement::Cell { parent_id } => parent_id,
        _ => unreachable!(),
    };
    let waiting = |org| {
        m.db.overdue_on(org, day(2025, 5, 1))
            .unwrap()
            .items
            .into_iter()
            .filter(|i| i.kind == OverdueKind::DecisionWaiting)
            .collect::<Vec<_>>()
    };
    let items = waiting(parent);
    assert_eq!(
        items.len(),
        1,
        "the đảng bộ sees its cell's submission: {items:#?}"
    );
    let item = &items[0];
    assert_eq!(
        item.text,
        format!(
            "Chuyên đề “Trách nhiệm nêu gương của đảng viên” (Chi bộ Công báo - Nhà khách) chờ cấp ủy quyết định từ ngày {}.",
            submitted_on.format("%d/%m/%Y")
        )
    );
    assert_eq!(
        item.since, submitted_on,
        "it waits since the day it was submitted"
    );
    assert_eq!(
        item.screen,
        Screen::Approvals,
        "the committee decides on the approvals screen"
    );
    assert_eq!(item.organisation_id, m.cell.id);
    assert_eq!(waiting(m.cell.id).len(), 1, "the cell sees it too");

    common::decide(&m.db, m.topic, chuyende::cycle::Decision::Approve).unwrap();
    assert!(
        waiting(parent).is_empty(),
        "once the committee has decided, nothing waits"
    );
}

#[test]
fn the_next_sessions_are_the_topics_still_to_present_soonest_first_and_the_quarter_counts_topics_by_state(
) {
    let m = meeting(); // quý II 2025: ready for session, due 30/06/2025
    topic(&m, "Chuyển đổi số", 3, Some(day(2025, 7, 15)));
    topic(
        &m,
        "Đổi mới phương thức lãnh đạo",
        2,
        Some(day(2025, 5, 10)),
    );
    let u = m.db.upcoming_on(m.cell.id, day(2025, 5, 1)).unwrap();
    let next: Vec<(&str, NaiveDate)> = u
        .next_sessions
        .iter()
        .map(|n| (n.topic_title.as_str(), n.on))
        .collect();
    assert_eq!(
        next,
        [
            ("Đổi mới phương thức lãnh đạo", day(2025, 5, 10)),
            ("Trách nhiệm nêu gương của đảng viên", day(2025, 6, 30)),
            ("Chuyển đổi số", day(2025, 7, 15)),
        ]
    );
    assert_eq!(u.quarter_label, "Quý II năm 2025");
    let counts: Vec<(&str, i64)> = u.this_quarter[0]
        .states
        .iter()
        .map(|s| (s.label.as_str(), s.count))
        .collect();
    assert_eq!(
        counts,
        [("Đã lên kế hoạch", 1), ("Sẵn sàng sinh hoạt", 1)],
        "quý II's two topics, in the cycle's order"
    );
}

#[test]
fn the_charts_count_each_quarters_topics_by_state_and_each_cells_attendance_over_the_year() {
    let m = meeting();
    topic(&m, "Đổi mới phương thức lãnh đạo", 1, None);
    topic(&m, "Chuyển đổi số", 1, None);
    topic(&m, "Phòng chống lãng phí", 3, None);
    let s = m.db.create_session(&session_draft(&m)).unwrap(); // 20/04/2025, five members
    m.db.set_attendance(s.id, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    m.db.set_attendance(s.id, m.members[3].id, Presence::Unexcused, "")
        .unwrap();
    let parent = match m.cell.placement {
        chuyende::organisation::Placement::Cell { parent_id } => parent_id,
        _ => unreachable!(),
    };
    let committee = m.db.organisation(parent).unwrap();
    let quiet = common::cell(&m.db, &committee, "Chi bộ Văn thư - Lưu trữ");

    let f = m.db.year_figures(parent, 2025).unwrap();
    let by_state = |q: usize| -> Vec<(TopicState, i64)> {
        f.topics_by_quarter[q]
            .states
            .iter()
            .map(|s| (s.state, s.count))
            .collect()
    };
    assert_eq!(
        f.topics_by_quarter
            .iter()
            .map(|q| (q.quarter_label.as_str(), q.total))
            .collect::<Vec<_>>(),
        [("Quý I", 2), ("Quý II", 1), ("Quý III", 1), ("Quý IV", 0)],
        "every quarter is drawn, an empty one as none"
    );
    assert_eq!(by_state(0), [(TopicState::Planned, 2)]);
    let presented = m.db.topic(m.topic).unwrap().state;
    assert_eq!(
        by_state(1),
        [(presented, 1)],
        "the presented topic counts in its state"
    );
    assert_eq!(by_state(2), [(TopicState::Planned, 1)]);
    assert!(by_state(3).is_empty());

    let rates: Vec<_> = f
        .attendance
        .iter()
        .map(|a| {
            (
                a.organisation_name.as_str(),
                a.sessions,
                a.present,
                a.called,
                a.rate_percent,
            )
        })
        .collect();
    assert_eq!(
        rates,
        [
            ("Chi bộ Công báo - Nhà khách", 1, 3, 5, Some(60)),
            ("Chi bộ Văn thư - Lưu trữ", 0, 0, 0, None),
        ],
        "3 of the 5 called came; a cell without a session has no rate, not 0 %"
    );
    assert_eq!(quiet.name, rates[1].0);
    let other_year = m.db.year_figures(parent, 2026).unwrap();
    assert!(
        other_year.topics_by_quarter.iter().all(|q| q.total == 0)
            && other_year.attendance.iter().all(|a| a.sessions == 0),
        "the figures are of the year asked"
    );
}
