//! The session: attendance and its threshold, comments tied to the outline, the conclusion,
//! and the revision rule.

mod common;

use chrono::NaiveTime;
use chuyende::comment::{AnswerDraft, CommentDraft, CommentKind};
use chuyende::member::Standing;
use chuyende::quorum::Quorum;
use chuyende::session::{AttendanceEntry, AttendanceTotals, Presence, SessionKind};
use chuyende::topic_state::TopicState;
use chuyende::{Database, Field};

use common::{fixture, meeting, session_draft, Meeting};

fn field_of(err: chuyende::Error) -> Field {
    err.field()
        .unwrap_or_else(|| panic!("expected a validation error, got {err:?}"))
}

fn comment(
    m: &Meeting,
    session: chuyende::session::SessionId,
    who: usize,
    kind: CommentKind,
    text: &str,
    anchor: Option<i64>,
) -> chuyende::comment::Comment {
    m.db.add_comment(
        session,
        &CommentDraft {
            topic_id: Some(m.topic),
            speaker_id: m.members[who].id,
            kind,
            text: text.into(),
            anchor_block: anchor,
        },
    )
    .unwrap()
}

/// The index of the heading that starts with `text` in `version`.
fn heading_index(db: &Database, version: chuyende::outline::OutlineVersionId, text: &str) -> i64 {
    db.outline_text(version)
        .unwrap()
        .blocks
        .iter()
        .position(|b| b.text.starts_with(text))
        .unwrap() as i64
}

#[test]
fn attendance_totals_count_full_members_present_and_absences_and_warn_under_the_quorum() {
    let entry = |presence, standing| AttendanceEntry {
        member_id: chuyende::member::MemberId(0),
        full_name: String::new(),
        standing,
        presence,
        reason: String::new(),
        exempt: false,
        attached: false,
    };
    let five = vec![
        entry(Presence::Present, Standing::Full),
        entry(Presence::Present, Standing::Full),
        entry(Presence::Present, Standing::Probationary),
        entry(Presence::Excused, Standing::Full),
        entry(Presence::Unexcused, Standing::Full),
    ];
    let t = AttendanceTotals::of(&five, Quorum::TWO_THIRDS);
    assert_eq!(
        (t.members, t.full_members, t.probationary_members),
        (5, 4, 1)
    );
    assert_eq!(
        (t.present, t.present_full, t.excused, t.unexcused),
        (3, 2, 1, 1)
    );
    assert_eq!(t.required, 4, "ceil(2/3 of 5)");
    assert!(!t.met);
    assert!(
        t.warning.as_deref().unwrap().contains("3/5"),
        "{:?}",
        t.warning
    );
    let t = AttendanceTotals::of(&five, Quorum::new(3, 5).unwrap());
    assert_eq!(
        (t.required, t.met, t.warning),
        (3, true, None),
        "3 of 5 reaches 3/5"
    );
}

#[test]
fn a_session_lists_every_member_moves_the_topic_to_discussed_and_keeps_the_threshold_from_settings()
{
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    assert_eq!(s.attendance.len(), 5);
    assert_eq!(
        s.topics[0].outline_version_number,
        Some(1),
        "the version presented is recorded"
    );
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Discussed);

    m.db.set_attendance(s.id, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    let totals =
        m.db.set_attendance(s.id, m.members[4].id, Presence::Unexcused, "")
            .unwrap();
    assert_eq!(
        (totals.present, totals.excused, totals.unexcused),
        (3, 1, 1)
    );
    assert!(totals.warning.is_some(), "3 of 5 is under the default 2/3");
    assert_eq!(
        field_of(
            m.db.set_attendance(s.id, m.members[1].id, Presence::Excused, " ")
                .unwrap_err()
        ),
        Field::Reason
    );

    m.db.set_organisation_settings(
        m.cell.id,
        chuyende::session::OrganisationSettings {
            quorum: Quorum::new(1, 2).unwrap(),
            min_duration_minutes: 150,
            ..Default::default()
        },
    )
    .unwrap();
    let s = m.db.session(s.id).unwrap();
    assert_eq!(
        s.totals.warning, None,
        "3 of 5 reaches the organisation's 1/2"
    );
    assert!(
        s.duration_warning.unwrap().contains("120 phút"),
        "two hours is under the 150 minutes set"
    );
}

#[test]
fn only_a_topic_ready_for_session_is_presented_and_chair_and_secretary_are_members() {
    let m = meeting();
    let mut d = session_draft(&m);
    d.secretary_id = d.chair_id;
    assert_eq!(
        field_of(m.db.create_session(&d).unwrap_err()),
        Field::SecretaryId
    );
    let mut d = session_draft(&m);
    d.ends_at = Some(NaiveTime::from_hms_opt(13, 0, 0).unwrap());
    assert_eq!(
        field_of(m.db.create_session(&d).unwrap_err()),
        Field::EndsAt
    );
    m.db.create_session(&session_draft(&m)).unwrap();
    let again = m.db.create_session(&session_draft(&m)).unwrap_err();
    assert!(again.to_string().contains("Đã sinh hoạt"), "{again}");
    let mut regular = session_draft(&m);
    regular.kind = SessionKind::Regular;
    assert_eq!(
        field_of(m.db.create_session(&regular).unwrap_err()),
        Field::Topics
    );
    regular.topic_ids.clear();
    let r = m.db.create_session(&regular).unwrap();
    assert!(
        r.topics.is_empty(),
        "a regular meeting uses the same record without a topic"
    );
}

#[test]
fn comments_are_taken_from_present_members_and_point_at_a_section_of_the_presented_outline() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    m.db.set_attendance(s.id, m.members[4].id, Presence::Unexcused, "")
        .unwrap();
    let v1 = s.topics[0].outline_version_id.unwrap();
    let section = heading_index(&m.db, v1, "2. Thực trạng");
    let c = comment(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Bổ sung số liệu năm 2024.",
        Some(section),
    );
    assert_eq!(
        c.anchor.as_ref().unwrap().heading,
        "2. Thực trạng việc nêu gương của đảng viên trong Chi bộ"
    );
    let absent = m.db.add_comment(
        s.id,
        &CommentDraft {
            topic_id: Some(m.topic),
            speaker_id: m.members[4].id,
            kind: CommentKind::Measure,
            text: "x".into(),
            anchor_block: None,
        },
    );
    assert_eq!(field_of(absent.unwrap_err()), Field::SpeakerId);
    let not_a_heading = m.db.add_comment(
        s.id,
        &CommentDraft {
            topic_id: Some(m.topic),
            speaker_id: m.members[0].id,
            kind: CommentKind::Measure,
            text: "x".into(),
            anchor_block: Some(section + 1),
        },
    );
    assert!(
        not_a_heading.is_err(),
        "comments point at sections (headings)"
    );
    assert_eq!(m.db.session(s.id).unwrap().comment_count, 1);
}

#[test]
fn a_comment_on_a_section_that_the_next_version_renamed_still_shows_where_it_was_made() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let v1 = s.topics[0].outline_version_id.unwrap();
    let c = comment(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Nên nêu kết quả cụ thể năm 2024.",
        Some(heading_index(&m.db, v1, "2. Thực trạng")),
    );
    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "")
            .unwrap();
    let placed = m.db.comments_on_version(m.topic, v2.id).unwrap();
    let p = placed.iter().find(|p| p.comment.id == c.id).unwrap();
    assert_eq!(
        p.comment.anchor.as_ref().unwrap().heading,
        "2. Thực trạng việc nêu gương của đảng viên trong Chi bộ",
        "where it was made"
    );
    assert_eq!(
        p.renamed_to.as_deref(),
        Some("2. Kết quả thực hiện việc nêu gương năm 2024"),
        "what that section is called now"
    );
    let v2_text = m.db.outline_text(v2.id).unwrap();
    assert_eq!(
        v2_text.blocks[p.block.unwrap() as usize].text,
        "2. Kết quả thực hiện việc nêu gương năm 2024"
    );
    let on_v1 = m.db.comments_on_version(m.topic, v1).unwrap();
    assert_eq!(on_v1[0].renamed_to, None);
}

#[test]
fn the_topic_is_revised_only_when_every_comment_is_answered_and_a_newer_version_exists() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let a = comment(
        &m,
        s.id,
        0,
        CommentKind::Understanding,
        "Chuyên đề giúp tôi thấy rõ trách nhiệm nêu gương.",
        None,
    );
    let b = comment(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Bổ sung giải pháp cho bộ phận Nhà khách.",
        None,
    );
    m.db.set_conclusion(
        s.id,
        "Đồng chí Bình tiếp thu các ý kiến, hoàn chỉnh chuyên đề trình chi ủy.",
    )
    .unwrap();

    // Not yet: no newer version to incorporate into.
    assert_eq!(
        field_of(
            m.db.answer_comment(
                b.id,
                &AnswerDraft::Incorporated {
                    version_id: s.topics[0].outline_version_id.unwrap()
                }
            )
            .unwrap_err()
        ),
        Field::Answer
    );
    m.db.answer_comment(
        a.id,
        &AnswerDraft::Explained {
            text: "Ý kiến nhận thức, không cần sửa đề cương.".into(),
        },
    )
    .unwrap();
    let status = m.db.revision_status(m.topic).unwrap();
    assert_eq!((status.open, status.newer_version), (1, false));
    assert_eq!(
        m.db.topic(m.topic).unwrap().state,
        TopicState::Discussed,
        "one comment is open"
    );

    let v2 =
        m.db.import_outline_file(m.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap();
    assert_eq!(
        m.db.topic(m.topic).unwrap().state,
        TopicState::Discussed,
        "a newer version alone is not enough"
    );
    m.db.answer_comment(b.id, &AnswerDraft::Incorporated { version_id: v2.id })
        .unwrap();
    assert_eq!(
        m.db.topic(m.topic).unwrap().state,
        TopicState::Revised,
        "every comment answered and a newer version"
    );
    assert_eq!(m.db.revision_status(m.topic).unwrap().missing, None);
}

#[test]
fn comments_answers_and_conclusions_are_found_without_accents() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    comment(
        &m,
        s.id,
        2,
        CommentKind::Measure,
        "Đề nghị chi ủy phân công kèm cặp đảng viên dự bị.",
        None,
    );
    m.db.set_conclusion(s.id, "Thống nhất giao đồng chí Bình hoàn chỉnh đề cương.")
        .unwrap();
    let all = chuyende::search::SearchFilter::default();
    let hits = m.db.search("kem cap dang vien du bi", &all, 10).unwrap();
    assert!(
        matches!(hits[0].source, chuyende::search::HitSource::Comment { .. }),
        "{hits:?}"
    );
    let hits =
        m.db.search("thong nhat giao dong chi binh", &all, 10)
            .unwrap();
    assert!(
        hits.iter()
            .any(|h| matches!(h.source, chuyende::search::HitSource::Conclusion { .. })),
        "{hits:?}"
    );
}

#[test]
fn sessions_of_a_year_are_listed_with_attendance_and_comment_counts() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    comment(
        &m,
        s.id,
        1,
        CommentKind::Understanding,
        "Rất thiết thực.",
        None,
    );
    let page = m.db.sessions(m.cell.id, 2025, None, "", 1).unwrap();
    let list = &page.sessions;
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].members, list[0].present, list[0].comment_count),
        (5, 5, 1)
    );
    assert_eq!((page.total, page.page, page.pages, page.first), (1, 1, 1, 1));
    assert_eq!(page.shown, "Hiển thị 1–1 / 1 buổi");
    let none = m.db.sessions(m.cell.id, 2024, None, "", 1).unwrap();
    assert!(none.sessions.is_empty());
    assert_eq!((none.total, none.page, none.pages, none.first), (0, 1, 1, 0));
}

#[test]
fn the_details_of_an_open_session_are_corrected_but_not_its_kind() {
    let m = meeting();
    let mut draft = session_draft(&m);
    draft.ends_at = None;
    let s = m.db.create_session(&draft).unwrap();
    assert_eq!(s.duration_warning, None, "no end time yet, no warning");
    draft.ends_at = Some(NaiveTime::from_hms_opt(15, 0, 0).unwrap());
    draft.place = "Hội trường tầng 3".into();
    let s = m.db.update_session(s.id, &draft).unwrap();
    assert_eq!(s.place, "Hội trường tầng 3");
    assert!(
        s.duration_warning.unwrap().contains("60 phút"),
        "an hour is under the 90 minutes"
    );
    draft.kind = SessionKind::Regular;
    assert_eq!(
        field_of(m.db.update_session(s.id, &draft).unwrap_err()),
        Field::Kind
    );
}

#[test]
fn a_committees_list_of_sessions_gives_each_the_totals_and_topics_its_own_page_gives() {
    use chuyende::organisation::Placement;
    let (_dir, db) = common::fresh();
    chuyende::demo::fill_large(&db, 3, 2, usize::MAX).unwrap();
    let orgs = db.organisations(false).unwrap();
    let party = orgs
        .iter()
        .find(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
        .unwrap();
    // One cell asks for a half, the others keep the default two thirds: each session is
    // counted with its own cell's quorum.
    let half_cell = orgs.iter().find(|o| o.id != party.id).unwrap();
    let mut settings = db.organisation_settings(half_cell.id).unwrap();
    settings.quorum = Quorum::new(1, 2).unwrap();
    db.set_organisation_settings(half_cell.id, settings)
        .unwrap();

    let this_year = chrono::Datelike::year(&chrono::Local::now());
    let mut seen = 0;
    for year in this_year - 1..=this_year {
        let list = every_page(&db, party.id, year, None, "");
        assert!(
            list.windows(2).all(|w| w[0].held_on >= w[1].held_on),
            "newest first"
        );
        for summary in list {
            let s = db.session(summary.id).unwrap();
            assert_eq!(
                (
                    summary.kind,
                    summary.held_on,
                    &summary.organisation_name,
                    summary.members,
                    summary.called,
                    summary.present,
                    summary.required,
                    summary.quorum_met,
                    summary.comment_count,
                ),
                (
                    s.kind,
                    s.held_on,
                    &s.organisation_name,
                    s.totals.members,
                    s.totals.called,
                    s.totals.present,
                    s.totals.required,
                    s.totals.met,
                    s.comment_count,
                ),
                "session {:?}",
                summary.id
            );
            let titles: Vec<String> = s.topics.into_iter().map(|t| t.title).collect();
            assert_eq!(summary.topics, titles);
            seen += 1;
        }
    }
    assert!(seen > 3, "sessions of several cells were compared: {seen}");
}

/// Every session of the list, read page after page.
fn every_page(
    db: &Database,
    org: chuyende::organisation::OrganisationId,
    year: i32,
    cell: Option<chuyende::organisation::OrganisationId>,
    cell_name: &str,
) -> Vec<chuyende::session::SessionSummary> {
    let first = db.sessions(org, year, cell, cell_name, 1).unwrap();
    let mut all = first.sessions;
    for page in 2..=first.pages {
        all.extend(db.sessions(org, year, cell, cell_name, page).unwrap().sessions);
    }
    all
}

/// A đảng bộ of 14 cells and last year, whole (every quarter held): more sessions than a page.
fn committee_of_many_sessions() -> (
    tempfile::TempDir,
    Database,
    chuyende::organisation::Organisation,
    i32,
) {
    use chuyende::organisation::Placement;
    let (dir, db) = common::fresh();
    chuyende::demo::fill_large(&db, 14, 2, usize::MAX).unwrap();
    let party = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
        .unwrap();
    let last_year = chrono::Datelike::year(&chrono::Local::now()) - 1;
    (dir, db, party, last_year)
}

#[test]
fn a_committees_year_is_read_a_page_at_a_time_each_session_once_newest_first_across_the_page_boundary() {
    use chuyende::session_list::SESSIONS_PAGE;
    let (_dir, db, party, year) = committee_of_many_sessions();
    let first = db.sessions(party.id, year, None, "", 1).unwrap();
    let page = SESSIONS_PAGE as usize;
    assert!(first.total > SESSIONS_PAGE as i64, "more than a page: {}", first.total);
    assert_eq!(first.sessions.len(), page, "a full first page");
    assert_eq!(first.pages as i64, (first.total + 49) / 50);
    assert_eq!(
        first.shown,
        format!("Hiển thị 1–50 / {} buổi", first.total),
        "what the list shows of how many"
    );

    let mut seen: Vec<chuyende::session::SessionSummary> = Vec::new();
    for n in 1..=first.pages {
        let p = db.sessions(party.id, year, None, "", n).unwrap();
        assert_eq!((p.page, p.pages, p.total), (n, first.pages, first.total));
        assert_eq!(p.first, seen.len() as i64 + 1, "page {n} starts after the one before");
        assert!(p.sessions.len() <= page);
        seen.extend(p.sessions);
    }
    assert_eq!(seen.len() as i64, first.total, "the pages together hold the total");
    let mut ids: Vec<_> = seen.iter().map(|s| s.id.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), seen.len(), "no session on two pages");
    assert!(
        seen.windows(2)
            .all(|w| (w[0].held_on, w[0].id.0) > (w[1].held_on, w[1].id.0)),
        "newest first, one order across the page boundary"
    );
    // The whole year, counted without the list: every session of the đảng bộ and its cells.
    let counted: i64 = first.organisations.iter().map(|o| o.count).sum();
    assert_eq!(counted, first.total);

    let past = db.sessions(party.id, year, None, "", first.pages + 7).unwrap();
    assert_eq!(past.page, first.pages, "a page past the last gives the last");
    assert_eq!(
        past.sessions.last().map(|s| s.id),
        seen.last().map(|s| s.id)
    );
    assert_eq!(db.sessions(party.id, year, None, "", 0).unwrap().sessions, first.sessions);
}

#[test]
fn a_committees_list_narrowed_to_one_cell_or_to_cells_found_by_name_holds_their_sessions_only_with_their_count() {
    let (_dir, db, party, year) = committee_of_many_sessions();
    let whole = every_page(&db, party.id, year, None, "");
    let first = db.sessions(party.id, year, None, "", 1).unwrap();
    // The đảng bộ's own sessions (when it held any that year) are offered first, then the
    // cells by name: each organisation that held one, once.
    let own = usize::from(first.organisations[0].organisation_id == party.id);
    assert!(first.organisations[own..].iter().all(|o| o.organisation_id != party.id));
    let names: Vec<&str> = first.organisations[own..].iter().map(|o| o.name.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "the cells by name: {names:?}");
    let mut holders: Vec<_> = whole.iter().map(|s| s.organisation_id).collect();
    holders.sort();
    holders.dedup();
    assert_eq!(first.organisations.len(), holders.len(), "every organisation that held one");
    assert!(first.organisations.len() >= 14, "the 14 cells held theirs");

    for offered in &first.organisations {
        let narrowed = db.sessions(party.id, year, Some(offered.organisation_id), "", 1).unwrap();
        assert_eq!(narrowed.cell, Some(offered.organisation_id));
        assert_eq!(narrowed.total, offered.count, "{}", offered.name);
        let theirs: Vec<_> = whole
            .iter()
            .filter(|s| s.organisation_id == offered.organisation_id)
            .map(|s| s.id)
            .collect();
        assert_eq!(
            narrowed.sessions.iter().map(|s| s.id).collect::<Vec<_>>(),
            theirs,
            "{}: its sessions, in the list's order",
            offered.name
        );
        assert!(narrowed.sessions.iter().all(|s| s.organisation_name == offered.name));
    }

    // Cells found by a part of their name (case aside): those of “số 01…”, and only theirs.
    let by_name = every_page(&db, party.id, year, None, "SỐ 01");
    let theirs: Vec<_> = whole
        .iter()
        .filter(|s| s.organisation_name.to_lowercase().contains("số 01"))
        .map(|s| s.id)
        .collect();
    assert!(!theirs.is_empty());
    assert_eq!(by_name.iter().map(|s| s.id).collect::<Vec<_>>(), theirs);
    let found = db.sessions(party.id, year, None, "số 01", 1).unwrap();
    assert_eq!(found.total as usize, theirs.len());
    assert_eq!(found.cell_name, "số 01");
    assert!(
        !found.organisations.is_empty()
            && found.organisations.iter().all(|o| o.name.contains("số 01")),
        "the filter offers the cells found: {:?}",
        found.organisations
    );

    // A cell outside the đảng bộ is refused with the reason, not answered with nothing.
    let other = common::committee(&db, "Đảng bộ Khối doanh nghiệp");
    let stranger = common::cell(&db, &other, "Chi bộ Công ty Điện lực");
    let refused = db.sessions(party.id, year, Some(stranger.id), "", 1).unwrap_err();
    assert_eq!(refused.to_string(), "Chi bộ đã chọn không thuộc tổ chức đảng này.");
    assert_eq!(field_of(refused), Field::OrganisationId);
}

#[test]
fn reading_the_sessions_list_needs_no_role_a_member_reads_the_page_the_secretary_reads() {
    use chuyende::account::{AccountDraft, Role};
    let m = meeting();
    m.db.create_session(&session_draft(&m)).unwrap();
    let before = m.db.sessions(m.cell.id, 2025, None, "", 1).unwrap();
    m.db.create_first_administrator("admin", "Quản trị", "mat-khau-dai-1")
        .unwrap();
    m.db.create_account(&AccountDraft {
        username: "dangvien".into(),
        display_name: String::new(),
        role: Role::Member,
        member_id: Some(m.members[3].id),
        password: "mat-khau-dai-2".into(),
    })
    .unwrap();
    m.db.sign_out();
    m.db.sign_in("dangvien", "mat-khau-dai-2").unwrap();
    assert_eq!(m.db.sessions(m.cell.id, 2025, None, "", 1).unwrap(), before);
    // Opening a session is still the secretary's or the clerk's: the list changed nothing.
    assert!(m.db.create_session(&session_draft(&m)).is_err());
}

#[test]
fn a_dang_bo_opens_only_thematic_sessions_and_the_list_says_which_kinds_each_may_open() {
    let m = meeting();
    let chuyende::organisation::Placement::Cell { parent_id } = m.cell.placement else {
        panic!("the meeting's organisation is a cell");
    };
    let cells = m.db.sessions(m.cell.id, 2025, None, "", 1).unwrap();
    assert_eq!(cells.kinds, vec![SessionKind::Thematic, SessionKind::Regular]);
    let dang_bo = m.db.sessions(parent_id, 2025, None, "", 1).unwrap();
    assert_eq!(dang_bo.kinds, vec![SessionKind::Thematic], "no regular cell meeting for a đảng bộ");

    let mut regular = session_draft(&m);
    regular.organisation_id = parent_id;
    regular.kind = SessionKind::Regular;
    regular.topic_ids.clear();
    regular.chair_id = None;
    regular.secretary_id = None;
    let err = m.db.create_session(&regular).unwrap_err();
    assert!(
        err.to_string().contains("sinh hoạt chi bộ thường kỳ là của chi bộ"),
        "{err}"
    );
    assert_eq!(field_of(err), Field::Kind);
    assert_eq!(
        m.db.sessions(parent_id, 2025, None, "", 1).unwrap().total,
        0,
        "nothing was recorded"
    );
}
