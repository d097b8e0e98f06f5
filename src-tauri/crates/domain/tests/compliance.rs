//! Compliance with the guidance, per cell and quarter: each rule met and missed, each miss with
//! the reason a committee reads in its report.

mod common;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use chuyende::compliance::{Check, Compliance, Rule, Verdict};
use chuyende::plan::Quarter;
use chuyende::session::{Presence, SessionDraft};
use chuyende::Field;

use common::{meeting, session_draft, Meeting};

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The check of `rule` for the meeting's cell in the quarter of `on`, as of `as_of`.
fn check(m: &Meeting, rule: Rule, on: NaiveDate, as_of: NaiveDate) -> Check {
    let c: Compliance = m.db.compliance_on(m.cell.id, on.year(), as_of).unwrap();
    assert_eq!(c.cells.len(), 1, "a cell's check covers that cell");
    let cell = &c.cells[0];
    if rule == Rule::PlanReported {
        return cell.plan_reported.clone();
    }
    let q = &cell.quarters[Quarter::of(on).number() as usize - 1];
    q.checks.iter().find(|c| c.rule == rule).unwrap().clone()
}

fn assert_missed(c: &Check, reason: &str) {
    assert_eq!(c.verdict, Verdict::Missed, "{c:?}");
    assert!(
        c.reasons.iter().any(|r| r.contains(reason)),
        "the miss says “{reason}”: {:?}",
        c.reasons
    );
}

/// A session of the meeting's cell held on `on` (14:00–16:00, everyone present).
fn held_on(m: &Meeting, on: NaiveDate) -> SessionDraft {
    SessionDraft {
        held_on: on,
        ..session_draft(m)
    }
}

#[test]
fn a_quarter_with_a_thematic_session_is_met_and_a_past_quarter_without_one_is_missed() {
    let m = meeting();
    m.db.create_session(&session_draft(&m)).unwrap(); // 20/04/2025, quý II
    let end_of_year = day(2025, 12, 31);

    let held = check(&m, Rule::SessionHeld, day(2025, 4, 1), end_of_year);
    assert_eq!(held.verdict, Verdict::Met);
    assert!(held.reasons[0].contains("20/04/2025"), "{:?}", held.reasons);
    assert!(held.reasons[0].contains("Trách nhiệm nêu gương của đảng viên"));

    let q1 = check(&m, Rule::SessionHeld, day(2025, 1, 1), end_of_year);
    assert_missed(&q1, "Quý I năm 2025 không có buổi sinh hoạt chuyên đề nào.");
    for rule in [Rule::DraftSentInTime, Rule::MinimumLength, Rule::Quorum] {
        let c = check(&m, rule, day(2025, 1, 1), end_of_year);
        assert_eq!(
            c.verdict,
            Verdict::NotAssessed,
            "a quarter without a session misses once, under the session rule, not four times"
        );
    }
}

#[test]
fn a_quarter_not_over_is_not_yet_due_and_a_session_set_for_later_is_not_yet_held() {
    let m = meeting();
    m.db.create_session(&session_draft(&m)).unwrap(); // 20/04/2025
    let c = check(&m, Rule::SessionHeld, day(2025, 4, 1), day(2025, 4, 10));
    assert_eq!(c.verdict, Verdict::NotYetDue, "{c:?}");
    assert!(
        c.reasons[0].contains("Quý II năm 2025 chưa kết thúc (đến hết ngày 30/06/2025)"),
        "{:?}",
        c.reasons
    );
}

#[test]
fn a_draft_passed_and_sent_a_day_before_the_session_is_met() {
    let m = meeting(); // the draft was passed today
    let tomorrow = today() + Duration::days(1);
    m.db.create_session(&held_on(&m, tomorrow)).unwrap();
    let c = check(&m, Rule::DraftSentInTime, tomorrow, tomorrow);
    assert_eq!(c.verdict, Verdict::Met, "{c:?}");
}

#[test]
fn a_draft_passed_the_day_of_the_session_is_missed_with_the_day_it_went_out() {
    let m = meeting();
    let s = m.db.create_session(&held_on(&m, today())).unwrap();
    let c = check(&m, Rule::DraftSentInTime, s.held_on, today());
    assert_missed(
        &c,
        &format!(
            "chuyên đề “Trách nhiệm nêu gương của đảng viên”: dự thảo được thông qua và gửi ngày {}, chưa đủ 1 ngày trước buổi sinh hoạt.",
            today().format("%d/%m/%Y")
        ),
    );
}

#[test]
fn a_draft_not_passed_before_the_session_is_missed() {
    let m = meeting(); // passed today, after a session of 20/04/2025
    m.db.create_session(&session_draft(&m)).unwrap();
    let c = check(
        &m,
        Rule::DraftSentInTime,
        day(2025, 4, 20),
        day(2025, 12, 31),
    );
    assert_missed(
        &c,
        "Buổi sinh hoạt ngày 20/04/2025, chuyên đề “Trách nhiệm nêu gương của đảng viên”: dự thảo chưa được thông qua và gửi đảng viên trước buổi sinh hoạt.",
    );
}

#[test]
fn a_session_of_the_organisations_minimum_length_is_met_and_a_shorter_one_is_missed() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap(); // 14:00–16:00
    let q2 = day(2025, 4, 20);
    let end_of_year = day(2025, 12, 31);
    assert_eq!(
        check(&m, Rule::MinimumLength, q2, end_of_year).verdict,
        Verdict::Met
    );

    let short = SessionDraft {
        ends_at: Some(NaiveTime::from_hms_opt(15, 0, 0).unwrap()),
        ..session_draft(&m)
    };
    m.db.update_session(s.id, &short).unwrap();
    assert_missed(
        &check(&m, Rule::MinimumLength, q2, end_of_year),
        "Buổi sinh hoạt ngày 20/04/2025 kéo dài 60 phút, ít hơn 90 phút theo quy định của tổ chức.",
    );

    let mut settings = m.db.organisation_settings(m.cell.id).unwrap();
    settings.min_duration_minutes = 60;
    m.db.set_organisation_settings(m.cell.id, settings).unwrap();
    assert_eq!(
        check(&m, Rule::MinimumLength, q2, end_of_year).verdict,
        Verdict::Met,
        "the minimum is the organisation's setting"
    );

    let open_ended = SessionDraft {
        ends_at: None,
        ..session_draft(&m)
    };
    m.db.update_session(s.id, &open_ended).unwrap();
    assert_missed(
        &check(&m, Rule::MinimumLength, q2, end_of_year),
        "chưa ghi giờ kết thúc nên chưa biết thời lượng",
    );
}

#[test]
fn a_session_with_its_quorum_is_met_and_one_under_it_is_missed_with_the_count() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let q2 = day(2025, 4, 20);
    let end_of_year = day(2025, 12, 31);
    assert_eq!(
        check(&m, Rule::Quorum, q2, end_of_year).verdict,
        Verdict::Met
    );

    m.db.set_attendance(s.id, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    m.db.set_attendance(s.id, m.members[4].id, Presence::Unexcused, "")
        .unwrap();
    assert_missed(
        &check(&m, Rule::Quorum, q2, end_of_year),
        "Buổi sinh hoạt ngày 20/04/2025: có mặt 3/5 đảng viên được triệu tập, chưa đủ 2/3 (cần 4).",
    );
}

#[test]
fn a_plan_reported_upward_is_met_and_one_not_reported_is_missed() {
    let m = meeting();
    let on = day(2025, 6, 1);
    let end_of_year = day(2025, 12, 31);
    assert_missed(
        &check(&m, Rule::PlanReported, on, end_of_year),
        "Kế hoạch năm 2025 chưa được báo cáo cấp ủy cấp trên.",
    );

    let plan = m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap();
    let refused = m.db.report_plan(plan.id, day(2025, 1, 20)).unwrap_err();
    assert_eq!(refused.field(), Some(Field::ReportedOn));
    assert!(
        refused.to_string().contains("chưa được cấp ủy duyệt"),
        "a draft plan is not reported: {refused}"
    );

    m.db.approve_plan(plan.id, day(2025, 1, 15)).unwrap();
    let early = m.db.report_plan(plan.id, day(2025, 1, 10)).unwrap_err();
    assert!(
        early
            .to_string()
            .contains("trước ngày cấp ủy duyệt kế hoạch (15/01/2025)"),
        "{early}"
    );
    m.db.report_plan(plan.id, day(2025, 1, 20)).unwrap();
    let c = check(&m, Rule::PlanReported, on, end_of_year);
    assert_eq!(c.verdict, Verdict::Met);
    assert_eq!(
        c.reasons,
        vec!["Kế hoạch năm 2025 đã báo cáo cấp ủy cấp trên ngày 20/01/2025.".to_string()]
    );
    assert!(
        m.db.report_plan(plan.id, day(2025, 1, 21)).is_err(),
        "a plan is reported once"
    );
    let history = m.db.plan_history(plan.id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.action == "Báo cáo kế hoạch lên cấp ủy cấp trên"),
        "the report is in the plan's history"
    );
}

#[test]
fn a_year_without_a_plan_misses_the_report_with_that_reason() {
    let m = meeting();
    assert_missed(
        &check(&m, Rule::PlanReported, day(2024, 6, 1), day(2024, 12, 31)),
        "Chưa lập kế hoạch sinh hoạt chuyên đề năm 2024.",
    );
}

#[test]
fn a_party_committee_orgs_compliance_covers_each_of_its_cells_and_counts_the_misses() {
    let m = meeting();
    let parent = match m.cell.placement {
        chuyende::organisation::Placement::Cell { parent_id } => parent_id,
        _ => unreachable!(),
    };
    common::cell(
        &m.db,
        &m.db.organisation(parent).unwrap(),
        "Chi bộ Tổng hợp",
    );
    m.db.create_session(&session_draft(&m)).unwrap();
    let c = m.db.compliance_on(parent, 2025, day(2026, 1, 5)).unwrap();
    let names: Vec<&str> = c
        .cells
        .iter()
        .map(|c| c.organisation_name.as_str())
        .collect();
    assert_eq!(names, ["Chi bộ Công báo - Nhà khách", "Chi bộ Tổng hợp"]);
    // Công báo: Q1, Q3, Q4 without a session, the draft not passed in time, the plan not
    // reported. Tổng hợp: four quarters without a session, no plan.
    assert_eq!(c.cells[0].missed, 5, "{:#?}", c.cells[0]);
    assert_eq!(c.cells[1].missed, 5);
    assert_eq!(c.missed, 10);
}

#[test]
fn the_days_of_notice_for_the_draft_are_the_organisations_setting() {
    let m = meeting(); // the draft was passed today
    let s = m.db.create_session(&held_on(&m, today())).unwrap();
    let mut settings = m.db.organisation_settings(m.cell.id).unwrap();
    assert_eq!(
        settings.draft_lead_days, 1,
        "one day by default (42-HD/BTCTW)"
    );
    settings.draft_lead_days = 0;
    m.db.set_organisation_settings(m.cell.id, settings.clone())
        .unwrap();
    assert_eq!(
        check(&m, Rule::DraftSentInTime, s.held_on, today()).verdict,
        Verdict::Met,
        "an organisation that asks for no notice accepts a draft passed the same day"
    );
    settings.draft_lead_days = 31;
    let refused =
        m.db.set_organisation_settings(m.cell.id, settings)
            .unwrap_err();
    assert_eq!(refused.field(), Some(Field::DraftLeadDays));
}
