//! The committee's approval: a submission names the exact version and how the comments were
//! taken in; the committee decides on that version only, at a meeting, with the members who
//! took part and who signs; an approval locks the version's record, and the database itself
//! refuses to change or delete what it locked; a correction is a new version decided again.

mod common;

use chuyende::approval::{CommitteeDecision, Outcome};
use chuyende::audit::verify::{Limits, Tampering};
use chuyende::comment::{AnswerDraft, CommentDraft, CommentId, CommentKind};
use chuyende::cycle::{Decision, Refusal};
use chuyende::guest::GuestDraft;
use chuyende::member::MemberId;
use chuyende::session::SessionId;
use chuyende::topic_state::{TopicState, Transition};
use chuyende::vote::{ConclusionVote, VoteMethod};
use chuyende::Error;

use common::{committee_decision, decide, fixture, meeting, session_draft, Meeting};

fn refusal(result: chuyende::Result<impl std::fmt::Debug>) -> Refusal {
    match result {
        Err(Error::Cycle(r)) => r,
        other => panic!("expected the cycle to refuse, got {other:?}"),
    }
}

/// A topic discussed, its one contribution taken into version 2: revised, ready to submit.
fn revised() -> (Meeting, SessionId, CommentId) {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c =
        m.db.add_comment(
            s.id,
            &CommentDraft {
                topic_id: Some(m.topic),
                speaker_id: m.members[2].id,
                kind: CommentKind::Contribution,
                text: "Bổ sung giải pháp cho bộ phận Nhà khách.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap();
    m.db.answer_comment(c.id, &AnswerDraft::Incorporated { version_id: v2.id })
        .unwrap();
    (m, s.id, c.id)
}

/// The same, submitted and approved, its session's record complete: a guest, the vote on the
/// conclusion, the minutes signed.
fn approved() -> (Meeting, SessionId, CommentId) {
    let (m, s, c) = revised();
    m.db.add_guest(
        s,
        &GuestDraft {
            full_name: "Vũ Văn Khánh".into(),
            title: "Phó Bí thư Đảng ủy Khối".into(),
        },
    )
    .unwrap();
    m.db.set_vote(
        s,
        &ConclusionVote {
            method: VoteMethod::ShowOfHands,
            agreed: 5,
            disagreed: 0,
            abstained: 0,
        },
    )
    .unwrap();
    m.db.sign_minutes(s, chrono::NaiveDate::from_ymd_opt(2025, 4, 20).unwrap())
        .unwrap();
    m.db.submit_topic(m.topic).unwrap();
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    (m, s, c)
}

const RETURN_REASONS: &str = "Bổ sung số liệu năm 2025.";

/// Submitted, and returned by the committee with its reasons.
fn submit_and_return(m: &Meeting) {
    m.db.submit_topic(m.topic).unwrap();
    decide(
        &m.db,
        m.topic,
        Decision::Return {
            reasons: RETURN_REASONS.into(),
        },
    )
    .unwrap();
}

/// The version revised after the return (version 3).
fn revise_after_return(m: &Meeting) {
    m.db.import_outline_file(
        m.topic,
        &fixture("de-cuong-v1.pdf"),
        "Sửa theo ý kiến cấp ủy",
    )
    .unwrap();
}

fn sha_of_version(m: &Meeting, number: i64) -> String {
    m.db.outline_versions(m.topic)
        .unwrap()
        .into_iter()
        .find(|v| v.number == number)
        .unwrap()
        .sha256
}

#[test]
fn a_submission_names_the_exact_version_and_how_the_comments_were_taken_in() {
    let (m, _, _) = revised();
    m.db.submit_topic(m.topic).unwrap();
    let s = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    assert_eq!(s.version_number, 2);
    assert_eq!(s.version_sha256, sha_of_version(&m, 2), "by its SHA-256");
    assert!(
        s.summary.contains("tiếp thu 1, giải trình 0"),
        "the summary comes from the answers: {}",
        s.summary
    );
    assert!(s.decision.is_none());
    let board = m.db.approvals(m.cell.id).unwrap();
    assert_eq!(board.waiting.len(), 1, "it waits for the committee");
    assert_eq!(board.waiting[0].presenter, "Trần Văn Bình");
}

#[test]
fn decide_is_refused_on_anything_but_the_submitted_version() {
    let (m, _, _) = revised();
    assert_eq!(
        refusal(decide(&m.db, m.topic, Decision::Approve)),
        Refusal::NotFromState {
            step: Transition::Approve,
            state: TopicState::Revised
        },
        "nothing submitted yet"
    );
    m.db.submit_topic(m.topic).unwrap();
    let mut d = committee_decision(&m.db, m.topic, Decision::Approve);
    d.version_sha256 = sha_of_version(&m, 1);
    assert!(matches!(
        refusal(m.db.decide_topic(m.topic, &d)),
        Refusal::NotTheSubmittedVersion { number: 2, .. }
    ));
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Submitted);
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    assert!(matches!(
        refusal(decide(&m.db, m.topic, Decision::Approve)),
        Refusal::NotFromState {
            state: TopicState::Approved,
            ..
        }
    ));
}

#[test]
fn a_decision_needs_its_meeting_its_committee_members_and_a_secretary_who_signs() {
    let (m, _, _) = revised();
    m.db.submit_topic(m.topic).unwrap();
    let good = committee_decision(&m.db, m.topic, Decision::Approve);
    let with = |f: &dyn Fn(&mut CommitteeDecision)| {
        let mut d = good.clone();
        f(&mut d);
        refusal(m.db.decide_topic(m.topic, &d))
    };
    assert_eq!(
        with(&|d| d.participant_ids.clear()),
        Refusal::NoParticipants
    );
    assert_eq!(
        with(&|d| d.participant_ids.push(m.members[2].id)),
        Refusal::NotOnCommittee {
            name: "Đặng Quang Hải".into()
        },
        "an ordinary member is not on the committee"
    );
    assert_eq!(
        with(&|d| d.signer_id = MemberId(m.members[2].id.0)),
        Refusal::SignerNotLeader
    );
    assert_eq!(
        with(&|d| d.meeting_on = d.meeting_on.succ_opt().unwrap()),
        Refusal::MeetingInFuture
    );
    assert!(matches!(
        with(&|d| d.meeting_on = d.meeting_on.pred_opt().unwrap()),
        Refusal::MeetingBeforeSubmission { .. }
    ));
    assert_eq!(
        m.db.topic(m.topic).unwrap().state,
        TopicState::Submitted,
        "nothing changed"
    );
}

#[test]
fn returned_with_reasons_then_revised_submitted_and_approved() {
    let (m, _, _) = revised();
    submit_and_return(&m);
    let returned = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    let d = returned.decision.unwrap();
    assert_eq!(d.outcome, Outcome::Returned);
    assert_eq!(d.reasons.as_deref(), Some("Bổ sung số liệu năm 2025."));
    assert_eq!(d.locked_digest, None, "a return locks nothing");
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Returned);

    revise_after_return(&m);
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Revised);
    m.db.submit_topic(m.topic).unwrap();
    let again = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    assert_eq!(again.version_number, 3);
    assert!(
        again.summary.contains("Bổ sung số liệu năm 2025."),
        "{}",
        again.summary
    );
    let t = decide(&m.db, m.topic, Decision::Approve).unwrap();
    assert_eq!(t.state, TopicState::Approved);

    let approved = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    let d = approved.decision.unwrap();
    assert_eq!(d.outcome, Outcome::Approved);
    assert_eq!(d.meeting_on, Some(chrono::Local::now().date_naive()));
    assert_eq!(d.participants.len(), 1);
    let signer = d.signer.unwrap();
    assert_eq!(
        (
            signer.on_behalf.as_str(),
            signer.title.as_str(),
            signer.full_name.as_str()
        ),
        ("T/M CHI ỦY", "BÍ THƯ", "Nguyễn Thị Lan")
    );
    assert_eq!(approved.version_sha256, sha_of_version(&m, 3));
    let last = m.db.topic_history(m.topic).unwrap().pop().unwrap();
    assert!(
        last.to.unwrap().contains(&approved.version_sha256),
        "the trail names it by SHA-256"
    );
}

#[test]
fn an_approval_records_the_digest_of_what_it_locked_and_a_change_behind_the_locks_back_is_named() {
    let (m, _, c) = approved();
    let s = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    let recorded = s.decision.unwrap().locked_digest.unwrap();
    let now =
        m.db.read(|conn| chuyende::approval::locked_digest(conn, s.id))
            .unwrap();
    assert_eq!(recorded, now, "recomputed, it is the same");
    assert!(m.db.check_approval_locks().unwrap().is_empty());
    // Someone drops the trigger and rewrites an answer.
    m.db.read(|conn| {
        conn.execute_batch("DROP TRIGGER comment_approval_lock_update")?;
        Ok(conn.execute(
            "UPDATE comment SET answer_text = 'sửa lén' WHERE id = ?1",
            [c.0],
        )?)
    })
    .unwrap();
    let broken = m.db.check_approval_locks().unwrap();
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].submission_id, s.id);
    assert!(
        broken[0].to_string().contains("Trách nhiệm nêu gương"),
        "{}",
        broken[0]
    );
    // `chuyende verify` (and the check at start) says so too.
    let report = m.db.verify_trail(Limits::FULL).unwrap();
    assert!(
        report.findings.iter().any(|f| matches!(
            f.tampering,
            Tampering::LockedRecordsAltered { submission_id, number: 2, .. } if submission_id == s.id.0
        )),
        "{report:?}"
    );
}

#[test]
fn the_digest_kept_at_decision_time_is_in_the_trail_so_rewriting_both_still_shows() {
    let (m, _, c) = approved();
    assert!(
        m.db.verify_trail(Limits::FULL).unwrap().is_intact(),
        "an approval leaves the data intact"
    );
    let s = m.db.topic_submissions(m.topic).unwrap().pop().unwrap();
    m.db.read(|conn| {
        conn.execute_batch(
            "DROP TRIGGER comment_approval_lock_update; DROP TRIGGER approval_lock_kept_update;",
        )?;
        conn.execute(
            "UPDATE comment SET answer_text = 'sửa lén' WHERE id = ?1",
            [c.0],
        )?;
        let digest = chuyende::approval::locked_digest(conn, s.id)?;
        Ok(conn.execute("UPDATE approval_lock SET digest = ?1", [digest])?)
    })
    .unwrap();
    let broken = m.db.check_approval_locks().unwrap();
    assert_eq!(
        broken.len(),
        1,
        "the kept digest is no longer the one the trail recorded"
    );
    assert!(!broken[0].in_trail);
    assert!(
        broken[0].to_string().contains("nhật ký thay đổi"),
        "{}",
        broken[0]
    );
}

#[test]
fn the_session_of_an_approved_topic_reads_as_locked_and_its_edits_are_refused_in_vietnamese() {
    let (m, s, _) = approved();
    let session = m.db.session(s).unwrap();
    assert!(session.locked.unwrap().contains("đã được cấp ủy duyệt"));
    let err = m.db.set_conclusion(s, "Sửa kết luận").unwrap_err();
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
    assert!(err.to_string().contains("chỉ xem"), "{err}");
    let err =
        m.db.set_attendance(
            s,
            m.members[4].id,
            chuyende::session::Presence::Excused,
            "Ốm",
        )
        .unwrap_err();
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
}

#[test]
fn a_correction_after_approval_is_a_new_version_decided_again_and_the_approval_stays_in_history() {
    let (m, _, _) = approved();
    assert_eq!(
        m.db.revision_status(m.topic).unwrap().missing,
        None,
        "nothing is missing from an approved topic's revision"
    );
    let actions = m.db.topic(m.topic).unwrap().actions;
    assert!(
        actions.import_outline.allowed,
        "a corrected version may come in"
    );
    m.db.import_outline_file(m.topic, &fixture("de-cuong-v1.pdf"), "Đính chính số liệu")
        .unwrap();
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Revised);
    m.db.submit_topic(m.topic).unwrap();
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    let all = m.db.topic_submissions(m.topic).unwrap();
    let approvals: Vec<i64> = all
        .iter()
        .filter(|s| {
            s.decision
                .as_ref()
                .is_some_and(|d| d.outcome == Outcome::Approved)
        })
        .map(|s| s.version_number)
        .collect();
    assert_eq!(approvals, [2, 3], "the earlier approval stays");
    assert!(m.db.check_approval_locks().unwrap().is_empty());
}

/// The engine's words when a locked table refuses a statement.
fn refused_by_the_lock(m: &Meeting, sql: &str) {
    let err = m.db.read(|c| Ok(c.execute(sql, [])?)).unwrap_err();
    use std::error::Error as _;
    let engine = err.source().map(|s| s.to_string()).unwrap_or_default();
    assert!(
        engine.contains("never") || engine.contains("approval lock"),
        "{sql}: refused by a trigger, got {err:?}"
    );
}

/// One test per locked table: an UPDATE and a DELETE of its rows of the approved topic fail
/// at the SQL level.
macro_rules! locked_table {
    ($name:ident, $update:expr, $delete:expr) => {
        #[test]
        fn $name() {
            let (m, _, _) = approved();
            refused_by_the_lock(&m, $update);
            refused_by_the_lock(&m, $delete);
        }
    };
}

locked_table!(
    an_approved_outline_version_refuses_update_and_delete,
    "UPDATE outline_version SET note = 'x' WHERE number = 2",
    "DELETE FROM outline_version WHERE number = 2"
);
locked_table!(
    the_approved_topics_session_refuses_update_and_delete,
    "UPDATE session SET place = 'x'",
    "DELETE FROM session"
);
locked_table!(
    its_attendance_refuses_update_and_delete,
    "UPDATE attendance SET status = 'unexcused', reason = ''",
    "DELETE FROM attendance"
);
locked_table!(
    its_topics_presented_refuse_update_and_delete,
    "UPDATE session_topic SET outline_version_id = NULL",
    "DELETE FROM session_topic"
);
locked_table!(
    its_guests_refuse_update_and_delete,
    "UPDATE session_guest SET title = 'x'",
    "DELETE FROM session_guest"
);
locked_table!(
    its_vote_on_the_conclusion_refuses_update_and_delete,
    "UPDATE conclusion_vote SET agreed = 1",
    "DELETE FROM conclusion_vote"
);
locked_table!(
    its_comments_and_answers_refuse_update_and_delete,
    "UPDATE comment SET answer_text = 'x'",
    "DELETE FROM comment"
);
locked_table!(
    the_decision_refuses_update_and_delete,
    "UPDATE submission SET reasons = 'x'",
    "DELETE FROM submission"
);
locked_table!(
    the_committee_members_who_took_part_refuse_update_and_delete,
    "UPDATE decision_participant SET full_name = 'x'",
    "DELETE FROM decision_participant"
);
locked_table!(
    the_recorded_digest_refuses_update_and_delete,
    "UPDATE approval_lock SET digest = 'x'",
    "DELETE FROM approval_lock"
);
locked_table!(
    the_locked_sessions_list_refuses_update_and_delete,
    "UPDATE approval_lock_session SET signed_minutes = '[]'",
    "DELETE FROM approval_lock_session"
);
locked_table!(
    the_signed_minutes_refuse_update_and_delete,
    "UPDATE minutes_revision SET signed_by = 'x'",
    "DELETE FROM minutes_revision"
);

#[test]
fn a_topics_timeline_reads_in_one_column_from_the_first_version_to_the_approval() {
    use chuyende::timeline::TimelineKind as K;
    let (m, _, _) = revised();
    submit_and_return(&m);
    revise_after_return(&m);
    m.db.submit_topic(m.topic).unwrap();
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    let timeline = m.db.topic_timeline(m.topic).unwrap();
    let kinds: Vec<K> = timeline
        .iter()
        .map(|e| e.kind)
        .filter(|k| *k != K::Step)
        .collect();
    // The session is dated 20/04/2025, before today's imports: it sorts by its own date.
    assert_eq!(
        kinds,
        [
            K::Session,
            K::Version,
            K::Version,
            K::Answer,
            K::Submission,
            K::Returned,
            K::Version,
            K::Submission,
            K::Approved
        ],
        "{timeline:#?}"
    );
    let steps: Vec<&str> = timeline
        .iter()
        .filter(|e| e.kind == K::Step)
        .map(|e| e.title.as_str())
        .collect();
    assert!(
        steps.contains(&"Thông qua dự thảo, sẵn sàng sinh hoạt"),
        "{steps:?}"
    );
    let returned = timeline.iter().find(|e| e.kind == K::Returned).unwrap();
    assert!(returned
        .detail
        .as_deref()
        .unwrap()
        .contains("lý do: Bổ sung số liệu năm 2025."));
    let session = timeline.iter().find(|e| e.kind == K::Session).unwrap();
    assert_eq!(
        session.detail.as_deref(),
        Some("1 ý kiến — Phòng họp tầng 2")
    );
    assert!(timeline.iter().all(|e| !e.when.is_empty()));
}

/// The text of a file's PDF, white space removed (a long line may wrap anywhere).
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("de-cuong.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    common::printed::tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect()
}

#[test]
fn the_approved_outline_prints_as_a_party_document_closed_by_who_approved_it_when_and_its_sha256() {
    let (m, _, _) = revised();
    m.db.submit_topic(m.topic).unwrap();
    assert!(matches!(
        refusal(m.db.approved_outline_document(m.topic)),
        Refusal::NotApproved
    ));
    decide(&m.db, m.topic, Decision::Approve).unwrap();
    let sha = sha_of_version(&m, 2);
    // Not issued without its place (the cell's settings are empty).
    let err = m.db.approved_outline_to_issue(m.topic).unwrap_err();
    assert!(
        matches!(err, Error::DocumentIncomplete { .. }),
        "refused while the place is empty: {err:?}"
    );
    let mut settings = m.db.organisation_settings(m.cell.id).unwrap();
    settings.place_name = "Quảng Ninh".into();
    m.db.set_organisation_settings(m.cell.id, settings).unwrap();
    let document = m.db.approved_outline_to_issue(m.topic).unwrap();
    assert_eq!(document.title, "ĐỀ CƯƠNG CHUYÊN ĐỀ");
    assert_eq!(document.signatures[0].role, "T/M CHI ỦY\nBÍ THƯ");
    assert_eq!(document.signatures[0].name, "Nguyễn Thị Lan");
    let outline =
        m.db.outline_text(m.db.outline_versions(m.topic).unwrap()[0].id)
            .unwrap();

    let pdf = chuyende::minutes::render(&document, chuyende::minutes::DocumentFormat::Pdf).unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        "ĐỀCƯƠNGCHUYÊNĐỀ",
        "XÁCNHẬNCỦACẤPỦY",
        "T/MCHIỦY",
        "NguyễnThịLan",
        &sha,
        &outline.blocks[0]
            .text
            .split_whitespace()
            .collect::<String>(),
    ] {
        assert!(text.contains(expected), "the PDF holds {expected}: {text}");
    }
    let today = chrono::Local::now()
        .date_naive()
        .format("%d/%m/%Y")
        .to_string();
    assert!(
        text.contains(&format!("ngày{today}")),
        "approved at the committee's meeting"
    );

    let docx =
        chuyende::minutes::render(&document, chuyende::minutes::DocumentFormat::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(&sha), "the DOCX holds the SHA-256");
}

#[test]
fn a_decision_recorded_before_approvals_kept_their_details_reads_with_its_version_by_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyende.sqlite3");
    // The schema just before the approval's migration (10), with a decision taken then.
    chuyende::Database::create_at_schema_version(&path, 9).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, kind, name, name_key, superior_name, created_at, updated_at)
                  VALUES (1, 'party_committee_org', 'Đảng bộ A', 'đảng bộ a', 'Tỉnh ủy', 'x', 'x');
             INSERT INTO organisation (id, kind, name, name_key, parent_id, created_at, updated_at)
                  VALUES (2, 'cell', 'Chi bộ 1', 'chi bộ 1', 1, 'x', 'x');
             INSERT INTO plan (id, organisation_id, year, created_at, updated_at) VALUES (1, 2, 2025, 'x', 'x');
             INSERT INTO topic (id, plan_id, title, group_id, quarter, state, created_at, updated_at)
                  VALUES (1, 1, 'Chuyên đề cũ', 1, 2, 'planned', 'x', 'x');
             INSERT INTO outline_version (id, topic_id, number, file_name, format, size, sha256, original,
                                          imported_by, imported_at, text_status, blocks)
                  VALUES (1, 1, 1, 'de-cuong.txt', 'txt', 3, 'abc123', x'616263', 'x', '2025-05-01T08:00:00+07:00', 'read', '[]');
             INSERT INTO submission (topic_id, version_id, submitted_by, submitted_at, decision, decided_by, decided_at)
                  VALUES (1, 1, 'Văn phòng', '2025-05-02T08:00:00+07:00', 'approved', 'Văn phòng', '2025-05-10T08:00:00+07:00');",
        )
        .unwrap();
    }
    let db = chuyende::Database::open(&path).unwrap();
    let s = db
        .topic_submissions(chuyende::topic::TopicId(1))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(s.version_sha256, "abc123", "named by its version's SHA-256");
    let d = s.decision.unwrap();
    assert_eq!(d.outcome, Outcome::Approved);
    assert_eq!(
        (d.meeting_on, d.signer, d.locked_digest),
        (None, None, None),
        "what was not recorded then is not invented"
    );
    assert!(
        db.check_approval_locks().unwrap().is_empty(),
        "nothing locked, nothing to check"
    );
}

#[test]
fn the_committees_decisions_come_a_page_at_a_time_newest_first_each_page_older_than_the_last() {
    use chuyende::approval::DECIDED_PAGE;
    use chuyende::organisation::Placement;
    use std::collections::HashSet;
    let (_dir, db) = common::fresh();
    // Eight cells, four years of four topics each (all with their outlines): the past years'
    // topics decided, more than a page.
    chuyende::demo::fill_large(&db, 8, 4, usize::MAX).unwrap();
    let orgs = db.organisations(false).unwrap();
    let party = orgs
        .iter()
        .find(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
        .unwrap();
    // What the committee decided, read topic by topic (not through the pages).
    let this_year = chrono::Datelike::year(&chrono::Local::now());
    let mut every_decision = HashSet::new();
    for cell in orgs.iter().filter(|o| o.id != party.id) {
        for year in this_year - 3..=this_year {
            for topic in db.plan_board(cell.id, year).unwrap().topics {
                let submissions = db.topic_submissions(topic.id).unwrap();
                every_decision.extend(
                    submissions
                        .into_iter()
                        .filter(|s| s.decision.is_some())
                        .map(|s| s.id),
                );
            }
        }
    }
    assert!(
        every_decision.len() > DECIDED_PAGE as usize,
        "more than a page of decisions: {}",
        every_decision.len()
    );

    let board = db.approvals(party.id).unwrap();
    assert_eq!(board.decided.decisions.len(), DECIDED_PAGE as usize, "the newest page only");
    assert!(board.decided.older, "the board says older decisions remain");
    let mut pages = vec![board.decided];
    while pages.last().unwrap().older {
        let last = pages.last().unwrap().decisions.last().unwrap().id;
        let page = db.older_decisions(party.id, last).unwrap();
        assert!(page.decisions.len() <= DECIDED_PAGE as usize);
        pages.push(page);
    }
    let shown: Vec<_> = pages.iter().flat_map(|p| &p.decisions).collect();
    let keys: Vec<_> = shown
        .iter()
        .map(|s| (s.decision.as_ref().unwrap().decided_at.clone(), s.id))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] > w[1]),
        "newest first across the pages, none twice"
    );
    assert_eq!(
        shown.iter().map(|s| s.id).collect::<HashSet<_>>(),
        every_decision,
        "the pages together hold every decision, and only decisions"
    );
    assert!(!pages.last().unwrap().older, "the last page says nothing older remains");
}
