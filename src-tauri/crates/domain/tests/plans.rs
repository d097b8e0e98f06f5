//! The yearly plan, its topics, the topic's state machine and the audit trail.

mod common;

use chrono::NaiveDate;
use chuyende::audit;
use chuyende::member::Position;
use chuyende::organisation::Organisation;
use chuyende::plan::{Plan, Quarter};
use chuyende::topic::{Topic, TopicDraft};
use chuyende::topic_state::{TopicState, Transition};
use chuyende::{Database, Error, ErrorCode, Field};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn q(n: u8) -> Quarter {
    Quarter::new(n).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: Database,
    cell: Organisation,
    plan: Plan,
    lan: chuyende::member::Member,
}

fn fixture() -> Fixture {
    let (dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    let lan = db
        .create_member(&common::draft(&cell, "Nguyễn Thị Lan", Position::Secretary))
        .unwrap();
    let plan = db.create_plan(cell.id, 2024).unwrap();
    Fixture {
        _dir: dir,
        db,
        cell,
        plan,
        lan,
    }
}

fn group(f: &Fixture) -> chuyende::topic_group::TopicGroupId {
    f.db.topic_groups(f.cell.id).unwrap()[0].id
}

fn draft(f: &Fixture, title: &str, quarter: u8) -> TopicDraft {
    TopicDraft {
        title: title.into(),
        group_id: group(f),
        quarter: q(quarter),
        planned_on: None,
        suggestions: String::new(),
        notes: String::new(),
        assignee_ids: vec![f.lan.id],
    }
}

fn topic(f: &Fixture, title: &str, quarter: u8) -> Topic {
    f.db.create_topic(f.plan.id, &draft(f, title, quarter))
        .unwrap()
}

fn audit_rows(db: &Database) -> i64 {
    db.read(audit::count).unwrap()
}

fn field_of(err: Error) -> Field {
    err.field()
        .unwrap_or_else(|| panic!("expected a validation error, got {err:?}"))
}

/// The whole machine, state by transition. A change here is a change of the Party's workflow:
/// update DOMAIN.md's "cycle of one topic" with it.
#[test]
fn every_allowed_and_every_forbidden_transition_of_the_topic_cycle() {
    use TopicState as S;
    use Transition as T;
    let allowed: &[(S, T, S)] = &[
        (S::Planned, T::StartDrafting, S::Drafting),
        (S::Drafting, T::MarkReady, S::ReadyForSession),
        (S::ReadyForSession, T::RecordDiscussion, S::Discussed),
        (S::Discussed, T::CompleteRevision, S::Revised),
        (S::Returned, T::CompleteRevision, S::Revised),
        (S::Revised, T::Submit, S::Submitted),
        (S::Submitted, T::Approve, S::Approved),
        (S::Submitted, T::Return, S::Returned),
        (S::Approved, T::Correct, S::Revised),
        (S::Planned, T::Postpone, S::Planned),
        (S::Drafting, T::Postpone, S::Drafting),
        (S::ReadyForSession, T::Postpone, S::ReadyForSession),
        (S::Planned, T::Cancel, S::Cancelled),
        (S::Drafting, T::Cancel, S::Cancelled),
        (S::ReadyForSession, T::Cancel, S::Cancelled),
        (S::Discussed, T::Cancel, S::Cancelled),
        (S::Revised, T::Cancel, S::Cancelled),
        (S::Submitted, T::Cancel, S::Cancelled),
        (S::Returned, T::Cancel, S::Cancelled),
    ];
    let mut checked = 0;
    for from in S::ALL {
        for transition in T::ALL {
            let expected = allowed
                .iter()
                .find(|(f, t, _)| *f == from && *t == transition)
                .map(|(_, _, to)| *to);
            match (from.after(transition), expected) {
                (Ok(to), Some(want)) => assert_eq!(
                    to, want,
                    "{from:?} --{transition:?}--> should reach {want:?}"
                ),
                (Err(e), None) => {
                    assert_eq!(
                        e.code(),
                        ErrorCode::Transition,
                        "{from:?} --{transition:?}--> is refused as a transition"
                    );
                    assert!(
                        e.to_string().contains(from.label()),
                        "the refusal names the current state: {e}"
                    );
                }
                (Ok(to), None) => panic!("{from:?} --{transition:?}--> {to:?} must be refused"),
                (Err(e), Some(want)) => {
                    panic!("{from:?} --{transition:?}--> {want:?} must be allowed, got: {e}")
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 90, "all 9 states × 10 transitions were checked");
    assert_eq!(
        S::Approved.open_transitions(),
        vec![T::Correct],
        "an approved topic only takes a corrected version, decided again"
    );
    assert_eq!(
        S::Cancelled.open_transitions(),
        vec![],
        "a cancelled topic is final"
    );
}

#[test]
fn a_forbidden_transition_in_the_database_changes_nothing_and_leaves_no_audit_row() {
    let f = fixture();
    let t = topic(&f, "Học tập và làm theo tư tưởng Hồ Chí Minh", 1);
    let rows = audit_rows(&f.db);
    let err = common::decide(&f.db, t.id, chuyende::cycle::Decision::Approve).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Transition);
    assert!(err.to_string().contains("Đã lên kế hoạch"), "{err}");
    assert_eq!(f.db.topic(t.id).unwrap().state, TopicState::Planned);
    assert_eq!(audit_rows(&f.db), rows);
}

#[test]
fn a_plan_per_organisation_and_year() {
    let f = fixture();
    let err = f.db.create_plan(f.cell.id, 2024).unwrap_err();
    assert_eq!(field_of(err), Field::Year);
    assert_eq!(
        field_of(f.db.create_plan(f.cell.id, 1999).unwrap_err()),
        Field::Year
    );
    // The đảng bộ has its own plan beside its cells'.
    let board = f.db.plan_board(f.cell.id, 2024).unwrap();
    assert_eq!(board.plan.unwrap().id, f.plan.id);
    assert_eq!(
        board.groups.len(),
        5,
        "the five groups of the guidance are offered"
    );
}

#[test]
fn a_topic_needs_a_title_a_date_inside_its_quarter_and_assignees_of_the_organisation() {
    let f = fixture();
    let mut d = draft(&f, "  ", 2);
    assert_eq!(
        field_of(f.db.create_topic(f.plan.id, &d).unwrap_err()),
        Field::Title
    );

    d.title = "Nâng cao chất lượng sinh hoạt chi bộ".into();
    d.planned_on = Some(day(2024, 7, 1));
    let err = f.db.create_topic(f.plan.id, &d).unwrap_err();
    assert!(
        err.to_string()
            .contains("Quý II năm 2024 (từ 01/04/2024 đến 30/06/2024)"),
        "{err}"
    );
    assert_eq!(field_of(err), Field::PlannedOn);

    d.planned_on = Some(day(2024, 6, 6));
    let other_org = common::committee(&f.db, "Đảng bộ Sở Tư pháp");
    let other_cell = common::cell(&f.db, &other_org, "Chi bộ Văn phòng Sở");
    let stranger = common::member(&f.db, &other_cell, "Lê Văn Nam");
    d.assignee_ids = vec![stranger.id];
    assert_eq!(
        field_of(f.db.create_topic(f.plan.id, &d).unwrap_err()),
        Field::Assignees
    );

    d.assignee_ids = vec![f.lan.id];
    let t = f.db.create_topic(f.plan.id, &d).unwrap();
    assert_eq!(
        (t.quarter, t.planned_on, t.state),
        (q(2), Some(day(2024, 6, 6)), TopicState::Planned)
    );
    assert_eq!(t.assignees[0].full_name, "Nguyễn Thị Lan");
    assert_eq!(
        f.db.plan_board(f.cell.id, 2024).unwrap().topics.len(),
        1,
        "only the valid topic was saved"
    );
}

#[test]
fn drafting_starts_only_with_an_assignee_and_postponing_and_cancelling_need_a_reason() {
    let f = fixture();
    let mut d = draft(&f, "Chuyên đề chưa phân công", 1);
    d.assignee_ids.clear();
    let unassigned = f.db.create_topic(f.plan.id, &d).unwrap();
    assert_eq!(
        field_of(f.db.start_drafting(unassigned.id).unwrap_err()),
        Field::Assignees
    );

    let t = topic(&f, "Trách nhiệm nêu gương của đảng viên", 1);
    let t = f.db.start_drafting(t.id).unwrap();
    assert_eq!(t.state, TopicState::Drafting);

    assert_eq!(
        field_of(f.db.postpone_topic(t.id, q(2), "  ").unwrap_err()),
        Field::Reason
    );
    assert_eq!(
        field_of(f.db.postpone_topic(t.id, q(1), "Trùng lịch").unwrap_err()),
        Field::Quarter,
        "only to a later quarter"
    );
    let t =
        f.db.postpone_topic(t.id, q(2), "Đảng viên được phân công đi công tác")
            .unwrap();
    assert_eq!(
        (t.quarter, t.state),
        (q(2), TopicState::Drafting),
        "postponing keeps the state"
    );

    assert_eq!(
        field_of(f.db.cancel_topic(t.id, " ").unwrap_err()),
        Field::Reason
    );
    let t =
        f.db.cancel_topic(t.id, "Nội dung đã sinh hoạt ở đảng bộ")
            .unwrap();
    assert_eq!(t.state, TopicState::Cancelled);

    let history = f.db.topic_history(t.id).unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "Thêm chuyên đề",
            "Bắt đầu soạn đề cương",
            "Hoãn sang quý khác",
            "Hủy chuyên đề"
        ]
    );
    let postponed = &history[2];
    assert_eq!(postponed.from.as_deref(), Some("Quý I, (chưa định ngày)"));
    assert_eq!(postponed.to.as_deref(), Some("Quý II"));
    assert_eq!(
        postponed.reason.as_deref(),
        Some("Đảng viên được phân công đi công tác")
    );
    assert!(history
        .iter()
        .all(|e| e.actor == chuyende::settings::UNNAMED_PROFILE));
}

#[test]
fn the_audit_trail_names_the_profile_chosen_in_settings() {
    let f = fixture();
    f.db.set_profile_name("  Nguyễn Thị Lan ").unwrap();
    let t = topic(&f, "Chuyên đề", 3);
    assert_eq!(f.db.topic_history(t.id).unwrap()[0].actor, "Nguyễn Thị Lan");
    assert_eq!(
        field_of(f.db.set_profile_name("").unwrap_err()),
        Field::ProfileName
    );
}

#[test]
fn after_approval_edits_are_recorded_as_amendments_and_quarters_move_only_by_postponing() {
    let f = fixture();
    let t = topic(&f, "Chuyên đề quý III", 3);
    let plan = f.db.approve_plan(f.plan.id, day(2024, 1, 15)).unwrap();
    assert_eq!(plan.approval.unwrap().on, day(2024, 1, 15));
    assert_eq!(
        field_of(f.db.approve_plan(f.plan.id, day(2024, 1, 16)).unwrap_err()),
        Field::Year
    );

    let mut d = draft(&f, "Chuyên đề quý III (sửa tên)", 3);
    let edited = f.db.update_topic(t.id, &d).unwrap();
    assert_eq!(edited.title, "Chuyên đề quý III (sửa tên)");
    let last = f.db.topic_history(t.id).unwrap().pop().unwrap();
    assert_eq!(
        last.action,
        "Sửa tên chuyên đề (điều chỉnh kế hoạch đã duyệt)"
    );
    assert_eq!(
        (last.from.as_deref(), last.to.as_deref()),
        (
            Some("Chuyên đề quý III"),
            Some("Chuyên đề quý III (sửa tên)")
        )
    );

    d.quarter = q(4);
    assert_eq!(
        field_of(f.db.update_topic(t.id, &d).unwrap_err()),
        Field::Quarter
    );
    let plan_history = f.db.plan_history(f.plan.id).unwrap();
    assert_eq!(plan_history.last().unwrap().action, "Cấp ủy duyệt kế hoạch");
}

#[test]
fn copying_last_years_plan_takes_its_topics_unassigned_and_planned_a_year_on() {
    let f = fixture();
    let mut d = draft(&f, "Học tập tư tưởng Hồ Chí Minh", 2);
    d.planned_on = Some(day(2024, 6, 6));
    d.suggestions = "Gắn với trách nhiệm nêu gương".into();
    let t = f.db.create_topic(f.plan.id, &d).unwrap();
    f.db.start_drafting(t.id).unwrap();
    let mut leap = draft(&f, "Chuyên đề ngày nhuận", 1);
    leap.planned_on = Some(day(2024, 2, 29));
    f.db.create_topic(f.plan.id, &leap).unwrap();

    assert!(f.db.plan_board(f.cell.id, 2025).unwrap().can_copy_previous);
    let copy = f.db.copy_previous_plan(f.cell.id, 2025).unwrap();
    assert_eq!(copy.year, 2025);
    assert!(copy.approval.is_none(), "a copied plan is a draft");
    let topics = f.db.plan_board(f.cell.id, 2025).unwrap().topics;
    assert_eq!(topics.len(), 2);
    let ho_chi_minh = topics
        .iter()
        .find(|t| t.title == "Học tập tư tưởng Hồ Chí Minh")
        .unwrap();
    assert_eq!(ho_chi_minh.planned_on, Some(day(2025, 6, 6)));
    assert_eq!(ho_chi_minh.suggestions, "Gắn với trách nhiệm nêu gương");
    assert!(topics
        .iter()
        .all(|t| t.assignees.is_empty() && t.state == TopicState::Planned));
    assert_eq!(
        topics
            .iter()
            .find(|t| t.title == "Chuyên đề ngày nhuận")
            .unwrap()
            .planned_on,
        Some(day(2025, 2, 28))
    );
    assert_eq!(
        field_of(f.db.copy_previous_plan(f.cell.id, 2025).unwrap_err()),
        Field::Year,
        "not twice"
    );
    assert_eq!(
        field_of(f.db.copy_previous_plan(f.cell.id, 2030).unwrap_err()),
        Field::Year,
        "2029 has no plan"
    );
}

#[test]
fn a_copy_that_fails_midway_leaves_no_plan_no_topic_and_no_audit_row() {
    let f = fixture();
    for n in 1..=4 {
        topic(&f, &format!("Chuyên đề {n}"), n);
    }
    let rows = audit_rows(&f.db);
    // Make the third copied topic fail, as a full disk or a crash would, after two were written.
    f.db.on_writer_connection(|c| {
        c.execute_batch(
            "CREATE TEMP TRIGGER fail_third AFTER INSERT ON main.topic
             WHEN (SELECT count(*) FROM main.topic t JOIN main.plan p ON p.id = t.plan_id WHERE p.year = 2025) = 3
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
        )?;
        Ok(())
    })
    .unwrap();
    assert!(f.db.copy_previous_plan(f.cell.id, 2025).is_err());
    assert!(
        f.db.plan_board(f.cell.id, 2025).unwrap().plan.is_none(),
        "no plan was left behind"
    );
    let topics: i64 =
        f.db.read(|c| Ok(c.query_row("SELECT count(*) FROM topic", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(topics, 4, "no copied topic was left behind");
    assert_eq!(audit_rows(&f.db), rows, "no audit row was left behind");
}

#[test]
fn a_topic_is_overdue_when_its_date_passed_before_the_session_was_held() {
    let f = fixture();
    let mut d = draft(&f, "Quý I có ngày", 1);
    d.planned_on = Some(day(2024, 3, 10));
    let dated = f.db.create_topic(f.plan.id, &d).unwrap();
    let undated = topic(&f, "Quý II chưa định ngày", 2);
    let held = topic(&f, "Đã sinh hoạt", 1);
    f.db.start_drafting(held.id).unwrap();
    f.db.import_outline_file(held.id, &common::fixture("de-cuong-v1.docx"), "")
        .unwrap();
    f.db.pass_draft(held.id).unwrap();
    f.db.create_session(&chuyende::session::SessionDraft {
        organisation_id: f.cell.id,
        kind: chuyende::session::SessionKind::Thematic,
        held_on: day(2024, 3, 20),
        starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        ends_at: None,
        place: String::new(),
        chair_id: Some(f.lan.id),
        secretary_id: None,
        guests: String::new(),
        topic_ids: vec![held.id],
    })
    .unwrap();
    let board =
        f.db.plan_board_on(f.cell.id, 2024, day(2024, 4, 1))
            .unwrap();
    let overdue = |id| board.topics.iter().find(|t| t.id == id).unwrap().overdue;
    assert!(overdue(dated.id), "planned 10/03, not held by 01/04");
    assert!(!overdue(undated.id), "due at the end of quý II");
    assert!(!overdue(held.id), "a held session is not overdue");
    assert_eq!(
        board
            .topics
            .iter()
            .find(|t| t.id == undated.id)
            .unwrap()
            .due_on,
        day(2024, 6, 30)
    );
}

#[test]
fn an_organisation_can_add_its_own_topic_groups_which_its_cells_see() {
    let f = fixture();
    let parent = match f.cell.placement {
        chuyende::organisation::Placement::Cell { parent_id } => parent_id,
        _ => unreachable!(),
    };
    f.db.create_topic_group(parent, "Chuyển đổi số trong cơ quan")
        .unwrap();
    let names: Vec<String> =
        f.db.topic_groups(f.cell.id)
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
    assert_eq!(names.len(), 6);
    assert!(names.contains(&"Chuyển đổi số trong cơ quan".to_string()));
    assert_eq!(
        field_of(
            f.db.create_topic_group(parent, "chuyển đổi SỐ trong cơ quan")
                .unwrap_err()
        ),
        Field::Name
    );
}
