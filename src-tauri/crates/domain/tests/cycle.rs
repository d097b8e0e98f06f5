//! The cycle module alone moves a topic's state: each verb refuses, with its reason, when its
//! precondition is not met, and the database itself refuses a state change without its audit
//! row.

mod common;

use chuyende::comment::{AnswerDraft, CommentId, CommentKind};
use chuyende::cycle::{Baseline, Decision, Refusal};
use chuyende::plan::Quarter;
use chuyende::session::SessionId;
use chuyende::topic::TopicId;
use chuyende::topic_state::{TopicState, Transition};
use chuyende::{Database, Error};

use common::{decide, fixture, meeting, session_draft, Meeting};

fn refusal(result: chuyende::Result<impl std::fmt::Debug>) -> Refusal {
    match result {
        Err(Error::Cycle(r)) => r,
        other => panic!("expected the cycle to refuse, got {other:?}"),
    }
}

/// The database engine's own words for a refused statement (the message people read is
/// Vietnamese; the engine's text is the error's source).
fn engine_text(err: &Error) -> String {
    use std::error::Error as _;
    err.source().map(|s| s.to_string()).unwrap_or_default()
}

fn state(db: &Database, t: TopicId) -> TopicState {
    db.topic(t).unwrap().state
}

fn say(m: &Meeting, s: SessionId, who: usize, kind: CommentKind, text: &str) -> CommentId {
    common::say(m, s, who, kind, text).id
}

/// A topic discussed in its session, with one contribution still to answer.
fn discussed() -> (Meeting, SessionId, CommentId) {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Bổ sung giải pháp cho bộ phận Nhà khách.",
    );
    (m, s.id, c)
}

/// A topic revised: the contribution taken into version 2.
fn revised() -> Meeting {
    let (m, _, c) = discussed();
    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap();
    m.db.answer_comment(c, &AnswerDraft::Incorporated { version_id: v2.id })
        .unwrap();
    assert_eq!(state(&m.db, m.topic), TopicState::Revised);
    m
}

#[test]
fn an_update_of_a_topics_state_without_its_audit_row_fails_at_the_sql_level() {
    let m = meeting();
    let err =
        m.db.read(|c| {
            Ok(c.execute(
                "UPDATE topic SET state = 'approved' WHERE id = ?1",
                [m.topic.0],
            )?)
        })
        .unwrap_err();
    assert!(
        engine_text(&err).contains("audit row"),
        "the trigger names the rule: {err:?}"
    );
    assert_eq!(state(&m.db, m.topic), TopicState::ReadyForSession);
}

#[test]
fn one_audit_row_allows_one_change_and_cannot_be_left_for_a_later_one() {
    let m = meeting();
    // Rows that follow the newest one, as the trail's own trigger asks (their hashes are not
    // right: only the tickets matter here).
    let insert_audit = "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, from_state, to_state,
                                                 prev_hash, hash)
                        SELECT id + 1, '2025-01-01', 'x', 'topic', ?1, 'x', 'ready_for_session', 'discussed', hash, hash
                          FROM audit_event ORDER BY id DESC LIMIT 1";
    // An audit row written and never used: the transaction cannot commit with it pending.
    let err =
        m.db.write(|tx| Ok(tx.execute(insert_audit, [m.topic.0])?))
            .unwrap_err();
    assert!(
        engine_text(&err).to_lowercase().contains("foreign key"),
        "a pending state change cannot outlive its transaction: {err:?}"
    );
    // One row, one change: the way back and forth again needs rows of its own.
    let err = m
        .db
        .write(|tx| {
            tx.execute(insert_audit, [m.topic.0])?;
            tx.execute("UPDATE topic SET state = 'discussed' WHERE id = ?1", [m.topic.0])?;
            tx.execute(
                "INSERT INTO audit_event (id, at, actor, entity, entity_id, action, from_state, to_state,
                                          prev_hash, hash)
                 SELECT id + 1, '2025-01-01', 'x', 'topic', ?1, 'x', 'discussed', 'ready_for_session', hash, hash
                   FROM audit_event ORDER BY id DESC LIMIT 1",
                [m.topic.0],
            )?;
            tx.execute("UPDATE topic SET state = 'ready_for_session' WHERE id = ?1", [m.topic.0])?;
            Ok(tx.execute("UPDATE topic SET state = 'discussed' WHERE id = ?1", [m.topic.0])?)
        })
        .unwrap_err();
    assert!(engine_text(&err).contains("audit row"), "{err:?}");
    assert_eq!(state(&m.db, m.topic), TopicState::ReadyForSession);
    // Nor is a topic born past "planned", nor the trail rewritten.
    let err =
        m.db.read(|c| Ok(c.execute("DELETE FROM audit_event", [])?))
            .unwrap_err();
    assert!(engine_text(&err).contains("never deleted"), "{err:?}");
}

#[test]
fn start_drafting_needs_a_planned_topic_with_an_assignee() {
    let m = meeting();
    assert_eq!(
        refusal(m.db.start_drafting(m.topic)),
        Refusal::NotFromState {
            step: Transition::StartDrafting,
            state: TopicState::ReadyForSession
        }
    );
    let plan = m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap();
    let unassigned =
        m.db.create_topic(
            plan.id,
            &chuyende::topic::TopicDraft {
                title: "Chuyên đề chưa phân công".into(),
                group_id: m.db.topic_groups(m.cell.id).unwrap()[0].id,
                quarter: Quarter::new(3).unwrap(),
                planned_on: None,
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: vec![],
            },
        )
        .unwrap();
    let r = refusal(m.db.start_drafting(unassigned.id));
    assert_eq!(r, Refusal::NoAssignee);
    assert!(r.to_string().contains("phân công"), "{r}");
}

#[test]
fn a_draft_without_readable_text_is_kept_but_not_passed_and_the_newest_readable_is_presented() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    let lan = common::member(&db, &cell, "Nguyễn Thị Lan");
    let topic = common::planned_topic(&db, &cell, lan.id);
    assert!(matches!(
        refusal(db.pass_draft(topic)),
        Refusal::NotFromState {
            step: Transition::MarkReady,
            state: TopicState::Planned
        }
    ));
    db.start_drafting(topic).unwrap();
    db.import_outline_file(topic, &fixture("scanned.pdf"), "")
        .unwrap();
    let r = refusal(db.pass_draft(topic));
    assert_eq!(r, Refusal::NoReadableOutline);
    assert!(r.to_string().contains("đọc được"), "{r}");
    let versions = db.outline_versions(topic).unwrap();
    assert_eq!(versions.len(), 1, "the scan is kept");
    let said = versions[0].text_message.as_deref().unwrap_or_default();
    assert!(
        said.contains("không thể thông qua làm dự thảo"),
        "the import says the scan cannot be passed: {said}"
    );
    let actions = db.topic(topic).unwrap().actions;
    assert!(!actions.pass_draft.allowed);
    assert_eq!(actions.draft_version, None, "nothing readable to offer");

    db.import_outline_file(topic, &fixture("de-cuong-v1.docx"), "")
        .unwrap();
    db.import_outline_file(topic, &fixture("legacy.doc"), "")
        .unwrap();
    assert_eq!(
        db.topic(topic).unwrap().actions.draft_version,
        Some(2),
        "the newest readable version is the one offered, not the .doc (3)"
    );
    let passed = db.pass_draft(topic).unwrap();
    assert_eq!(passed.state, TopicState::ReadyForSession);
    let history = db.topic_history(topic).unwrap();
    assert!(
        history
            .last()
            .unwrap()
            .to
            .as_deref()
            .unwrap()
            .contains("phiên bản 2"),
        "the readable version 2 is the one passed, not the .doc (3): {:?}",
        history.last()
    );
    let mut d = chuyende::session::SessionDraft {
        organisation_id: cell.id,
        kind: chuyende::session::SessionKind::Thematic,
        held_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 20).unwrap(),
        starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        ends_at: None,
        place: String::new(),
        chair_id: Some(lan.id),
        secretary_id: None,
        guests: String::new(),
        topic_ids: vec![topic],
    };
    let s = db.create_session(&d).unwrap();
    assert_eq!(s.topics[0].outline_version_number, Some(2));
    // Presented once: a second session cannot present it again.
    d.held_on = chrono::NaiveDate::from_ymd_opt(2025, 4, 27).unwrap();
    assert!(matches!(
        refusal(db.create_session(&d)),
        Refusal::NotReadyForSession {
            state: TopicState::Discussed,
            ..
        }
    ));
}

#[test]
fn only_contributions_and_measures_need_an_answer_to_complete_the_revision() {
    let (m, s, contribution) = discussed();
    say(
        &m,
        s,
        0,
        CommentKind::Understanding,
        "Tôi thấy rõ hơn trách nhiệm nêu gương.",
    );
    let measure = say(&m, s, 3, CommentKind::Measure, "Chi ủy kiểm tra hằng quý.");
    let r = refusal(m.db.complete_revision(m.topic));
    assert_eq!(
        r,
        Refusal::RevisionIncomplete {
            open: 2,
            needs_version_after: Some(Baseline::Presented(1))
        }
    );
    assert!(r.to_string().contains("Còn 2 ý kiến"), "{r}");
    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "")
            .unwrap();
    m.db.answer_comment(
        contribution,
        &AnswerDraft::Incorporated { version_id: v2.id },
    )
    .unwrap();
    assert_eq!(
        state(&m.db, m.topic),
        TopicState::Discussed,
        "the measure is open"
    );
    m.db.answer_comment(
        measure,
        &AnswerDraft::Explained {
            text: "Biện pháp của chi ủy, không thuộc đề cương.".into(),
        },
    )
    .unwrap();
    assert_eq!(
        state(&m.db, m.topic),
        TopicState::Revised,
        "the unanswered reflection does not hold the revision back"
    );
}

#[test]
fn an_answer_taken_in_needs_a_version_newer_than_the_one_presented() {
    let (m, s, c) = discussed();
    let presented = m.db.session(s).unwrap().topics[0]
        .outline_version_id
        .unwrap();
    assert_eq!(
        refusal(m.db.answer_comment(
            c,
            &AnswerDraft::Incorporated {
                version_id: presented
            }
        )),
        Refusal::AnswerNeedsNewerVersion { presented: 1 }
    );
}

#[test]
fn submit_is_refused_while_comments_are_open_and_says_what_is_missing() {
    let (m, _, _) = discussed();
    let r = refusal(m.db.submit_topic(m.topic));
    assert_eq!(
        r,
        Refusal::RevisionIncomplete {
            open: 1,
            needs_version_after: Some(Baseline::Presented(1))
        }
    );
    assert!(r.to_string().contains("Còn 1 ý kiến"), "{r}");
    let actions = m.db.topic_actions(m.topic).unwrap();
    assert!(
        actions.submit.shown && !actions.submit.allowed,
        "the window shows why it cannot be submitted yet"
    );
    let m = revised();
    let t = m.db.submit_topic(m.topic).unwrap();
    assert_eq!(t.state, TopicState::Submitted);
    assert!(m
        .db
        .topic_history(m.topic)
        .unwrap()
        .last()
        .unwrap()
        .to
        .as_deref()
        .unwrap()
        .contains("phiên bản 2"));
}

#[test]
fn decide_needs_a_submitted_topic_and_a_return_needs_its_reasons() {
    let m = revised();
    assert_eq!(
        refusal(decide(&m.db, m.topic, Decision::Approve)),
        Refusal::NotFromState {
            step: Transition::Approve,
            state: TopicState::Revised
        }
    );
    m.db.submit_topic(m.topic).unwrap();
    assert_eq!(
        refusal(decide(
            &m.db,
            m.topic,
            Decision::Return {
                reasons: "  ".into()
            }
        )),
        Refusal::ReasonRequired {
            step: Transition::Return
        }
    );
    assert_eq!(
        state(&m.db, m.topic),
        TopicState::Submitted,
        "nothing changed"
    );
}

#[test]
fn a_returned_topic_is_revised_again_only_with_a_version_newer_than_the_one_returned() {
    let m = revised();
    m.db.submit_topic(m.topic).unwrap();
    let t = decide(
        &m.db,
        m.topic,
        Decision::Return {
            reasons: "Bổ sung số liệu năm 2025.".into(),
        },
    )
    .unwrap();
    assert_eq!(t.state, TopicState::Returned);
    let r = refusal(m.db.complete_revision(m.topic));
    assert_eq!(
        r,
        Refusal::RevisionIncomplete {
            open: 0,
            needs_version_after: Some(Baseline::Returned(2))
        }
    );
    assert!(r.to_string().contains("trả lại"), "{r}");
    assert_eq!(
        refusal(m.db.submit_topic(m.topic)),
        r,
        "submitting says the same: what the revision still needs"
    );
    m.db.import_outline_file(
        m.topic,
        &fixture("de-cuong-v1.pdf"),
        "Sửa theo ý kiến cấp ủy",
    )
    .unwrap();
    assert_eq!(
        state(&m.db, m.topic),
        TopicState::Revised,
        "version 3 came in"
    );
    m.db.submit_topic(m.topic).unwrap();
    let t = decide(&m.db, m.topic, Decision::Approve).unwrap();
    assert_eq!(t.state, TopicState::Approved);
    let last = m.db.topic_history(m.topic).unwrap().pop().unwrap();
    assert!(
        last.to.unwrap().contains("phiên bản 3 (SHA-256 "),
        "the approval names the version"
    );
    assert!(matches!(
        refusal(m.db.cancel_topic(m.topic, "Không cần nữa")),
        Refusal::NotFromState {
            step: Transition::Cancel,
            state: TopicState::Approved
        }
    ));
}

#[test]
fn postpone_goes_to_a_later_quarter_with_a_reason_before_the_session_only() {
    let m = meeting();
    let q = |n| Quarter::new(n).unwrap();
    assert_eq!(
        refusal(m.db.postpone_topic(m.topic, q(1), "Trùng lịch")),
        Refusal::PostponeNotLater {
            quarter: q(2),
            year: 2025
        }
    );
    assert_eq!(
        refusal(m.db.postpone_topic(m.topic, q(3), " ")),
        Refusal::ReasonRequired {
            step: Transition::Postpone
        }
    );
    m.db.create_session(&session_draft(&m)).unwrap();
    assert_eq!(
        refusal(m.db.postpone_topic(m.topic, q(3), "Trùng lịch")),
        Refusal::NotFromState {
            step: Transition::Postpone,
            state: TopicState::Discussed
        }
    );
}

#[test]
fn cancel_needs_a_reason() {
    let m = meeting();
    assert_eq!(
        refusal(m.db.cancel_topic(m.topic, "")),
        Refusal::ReasonRequired {
            step: Transition::Cancel
        }
    );
    let t =
        m.db.cancel_topic(m.topic, "Đã sinh hoạt chung ở đảng bộ")
            .unwrap();
    assert_eq!(t.state, TopicState::Cancelled);
    assert!(matches!(
        refusal(m.db.cancel_topic(m.topic, "Lần nữa")),
        Refusal::NotFromState {
            state: TopicState::Cancelled,
            ..
        }
    ));
}

#[test]
fn every_state_change_of_a_whole_cycle_is_in_the_trail_with_its_raw_states() {
    let m = revised();
    m.db.submit_topic(m.topic).unwrap();
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    let steps: Vec<(String, String)> = m
        .db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT from_state, to_state FROM audit_event WHERE entity_id = ?1 AND to_state IS NOT NULL ORDER BY id",
            )?;
            let rows = stmt.query_map([m.topic.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap();
    let to: Vec<&str> = steps.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        to,
        [
            "drafting",
            "ready_for_session",
            "discussed",
            "revised",
            "submitted",
            "approved"
        ]
    );
    let pending: i64 = m
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM topic_state_ticket", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(pending, 0, "every ticket was consumed by its change");
}
