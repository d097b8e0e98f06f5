//! Words the secretary reads: counts that say what was found, selects that say they are empty.

use chrono::Datelike;
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::session::{SessionDraft, SessionKind};
use chuyende_e2e::{screenshot_dir, App};

use crate::seed::{seed, MEMBERS};

#[test]
fn a_search_counts_outlines_and_comments_apart() {
    let data = tempfile::tempdir().unwrap();
    {
        let cell = seed(data.path());
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let today = chrono::Local::now().date_naive();
        let quarter = chuyende::plan::Quarter::of(today).number();
        let topic = crate::seed::topic(&db, cell, today.year(), quarter, MEMBERS[1]);
        crate::seed::with_outline(&db, topic);
        db.pass_draft(topic).unwrap();
        let session = db
            .create_session(&SessionDraft {
                organisation_id: cell,
                kind: SessionKind::Thematic,
                held_on: today,
                starts_at: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                ends_at: None,
                place: "Phòng họp tầng 2".into(),
                chair_id: None,
                secretary_id: None,
                guests: String::new(),
                topic_ids: vec![topic],
            })
            .unwrap();
        let speaker = db.members(Some(cell), false).unwrap()[0].id;
        db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: Some(topic),
                speaker_id: speaker,
                kind: CommentKind::Contribution,
                text: "Mỗi đảng viên cần nêu gương trong công việc hằng ngày.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-documents]").click();
    s.find("[data-testid=search-query]").type_text("neu guong");
    s.find("[data-testid=search-submit]").click();
    let count = s
        .wait_for_text("[data-testid=search-count]", "ý kiến")
        .text();
    assert!(
        count.contains("1 đề cương") && count.contains("1 ý kiến"),
        "outlines and comments are counted apart: {count}"
    );
    assert!(
        !count.contains("2 đề cương"),
        "a comment is not an outline: {count}"
    );
    s.screenshot(&screenshot_dir().join("words-01-search-count.png"));
}

#[test]
fn on_an_empty_database_the_organisation_selects_say_there_is_none_yet() {
    let data = tempfile::tempdir().unwrap();
    // A database that never had an organisation opens on the first-run set-up (first_run.rs):
    // the screens meet no active organisation once the only one was dissolved.
    {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let committee = db
            .create_organisation(&chuyende::organisation::OrganisationDraft {
                name: "Đảng bộ Sở Tư pháp".into(),
                placement: chuyende::organisation::Placement::PartyCommitteeOrg {
                    superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
                },
            })
            .unwrap();
        db.retire_organisation(committee.id, chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
            .unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    let label = s.wait_until(
        "the sessions screen's organisation select",
        "const sel = document.querySelector('[data-testid=sessions-org]');
         return sel && sel.options.length ? sel.options[sel.selectedIndex >= 0 ? sel.selectedIndex : 0].textContent.trim() : null;",
        &[],
    );
    assert_eq!(
        label,
        serde_json::json!("Chưa có tổ chức đảng nào"),
        "an empty select says why it is empty"
    );
    s.screenshot(&screenshot_dir().join("words-02-empty-sessions.png"));
}
