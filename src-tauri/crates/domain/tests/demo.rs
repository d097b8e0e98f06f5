//! The demonstration data lived through time: filled on a day of late November, its past year is
//! closed and on time everywhere, and its current year holds exactly the deliberate misses a
//! secretary meets (one outline late, one draft sent the day of the session, one minutes left
//! unsigned, one decision waiting), which the compliance and the home screen flag.

mod common;

use chrono::{Datelike, Local, NaiveDate, TimeZone};
use chuyende::audit::verify::Limits;
use chuyende::compliance::{Rule, Verdict};
use chuyende::db::Database;
use chuyende::organisation::Organisation;
use chuyende::overview::OverdueKind;

/// The day the demo is filled in these tests.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn demo() -> (tempfile::TempDir, Database, Organisation) {
    let (dir, db) = common::fresh();
    let at = Local
        .from_local_datetime(&today().and_hms_opt(10, 0, 0).unwrap())
        .earliest()
        .unwrap();
    db.set_clock(Some(at));
    chuyende::demo::fill(&db).unwrap();
    let committee = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == chuyende::demo::DEMO_ORGANISATION)
        .unwrap();
    (dir, db, committee)
}

/// Every miss of a year's compliance: (cell, rule, reasons).
fn misses(db: &Database, org: &Organisation, year: i32) -> Vec<(String, Rule, Vec<String>)> {
    let compliance = db.compliance(org.id, year).unwrap();
    assert_eq!(
        compliance.as_of,
        today(),
        "the compliance is counted on the handle's day"
    );
    let mut misses = Vec::new();
    for cell in compliance.cells {
        for check in cell
            .quarters
            .iter()
            .flat_map(|q| &q.checks)
            .chain([&cell.plan_reported])
        {
            if check.verdict == Verdict::Missed {
                misses.push((
                    cell.organisation_name.clone(),
                    check.rule,
                    check.reasons.clone(),
                ));
            }
        }
    }
    misses
}

#[test]
fn the_demos_past_year_misses_no_rule_of_the_guidance() {
    let (_dir, db, committee) = demo();
    assert_eq!(misses(&db, &committee, 2025), Vec::new());
    let compliance = db.compliance(committee.id, 2025).unwrap();
    for cell in &compliance.cells {
        for q in &cell.quarters {
            assert_eq!(
                q.sessions.len(),
                1,
                "{} held one session in {}",
                cell.organisation_name,
                q.quarter_label
            );
        }
    }
}

#[test]
fn the_demos_current_year_misses_only_the_draft_sent_the_day_of_its_session() {
    let (_dir, db, committee) = demo();
    let misses = misses(&db, &committee, 2026);
    assert_eq!(misses.len(), 1, "{misses:#?}");
    let (cell, rule, reasons) = &misses[0];
    assert_eq!(cell, "Chi bộ Hành chính - Tổ chức");
    assert_eq!(*rule, Rule::DraftSentInTime);
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].contains("dự thảo được thông qua và gửi ngày"),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[0].contains("chưa đủ 1 ngày trước buổi sinh hoạt"),
        "{}",
        reasons[0]
    );
}

#[test]
fn the_home_screen_flags_exactly_the_demos_deliberate_misses() {
    let (_dir, db, committee) = demo();
    let overdue = db.overdue(committee.id).unwrap();
    assert_eq!(overdue.as_of, today());
    let mut found: Vec<(OverdueKind, String)> = overdue
        .items
        .iter()
        .map(|i| (i.kind, i.text.clone()))
        .collect();
    found.sort_by_key(|(k, _)| format!("{k:?}"));
    let kinds: Vec<OverdueKind> = found.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        vec![
            OverdueKind::DecisionWaiting,
            OverdueKind::MinutesNotSigned,
            OverdueKind::OutlineLate,
        ],
        "{found:#?}"
    );
    assert_eq!(overdue.total, 3);
    let text_of = |kind| &found.iter().find(|(k, _)| *k == kind).unwrap().1;
    assert!(text_of(OverdueKind::OutlineLate).contains(&format!("({})", committee.name)));
    assert!(text_of(OverdueKind::MinutesNotSigned).contains("(Chi bộ Kinh tế - Ngành)"));
    assert!(text_of(OverdueKind::DecisionWaiting).contains("(Chi bộ Khoa giáo - Văn xã)"));
    // Each dated in the current year's quý III, as it happened.
    for item in &overdue.items {
        assert!(
            item.since >= NaiveDate::from_ymd_opt(2026, 7, 1).unwrap() && item.since < today(),
            "{item:?}"
        );
    }
}

#[test]
fn the_demos_trail_is_dated_as_it_happened_and_still_verifies() {
    let (_dir, db, committee) = demo();
    let report = db.verify_trail(Limits::FULL).unwrap();
    assert!(report.complete && report.is_intact(), "{report:?}");
    // Last year's plans were approved in their January, not the day the demo was filled.
    for cell in db.organisations(false).unwrap() {
        if let Some(plan) = db.plan_board(cell.id, 2025).unwrap().plan {
            let on = plan.approval.expect("approved").on;
            assert!(
                on < NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                "{} {on}",
                cell.name
            );
        }
    }
    // The yearly report shows last year's topics approved weeks after their sessions, in 2025.
    let report = db.yearly_report(committee.id, 2025).unwrap();
    assert!(!report.approved.is_empty());
    assert!(report.misses.is_empty(), "{:#?}", report.misses);
    for topic in &report.approved {
        let held = topic.held_on.expect("held");
        let approved = topic.approved_on.expect("approved");
        assert!(held < approved && approved.year() == 2025, "{topic:?}");
    }
}

#[test]
fn the_large_data_set_gives_the_handle_its_own_clock_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = chuyende::Database::open_in(dir.path()).unwrap();
    chuyende::demo::fill_large(&db, 2, 2, usize::MAX).unwrap();
    // Each step was dated the moment it would have happened; what is done next is done now,
    // on a clock that moves (not at the fixed moment of the last step, which at 250 cells is
    // minutes behind once the fill is over).
    let first = db.now();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(db.now() - first >= chrono::Duration::seconds(1), "the handle's clock stands still");
}
