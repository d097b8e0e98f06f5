//! Accounts in the window (issue 13): a member signs in, brings in the revised outline and
//! answers the comment on their topic, and is neither offered the committee's decision nor able
//! to record it over IPC; a committee member decides; the window locks when idle and unlocks
//! with the password, what was being typed kept.

use chrono::Datelike;
use chuyende::account::{AccountDraft, Role};
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende_e2e::{screenshot_dir, App, Session};
use serde_json::json;

use crate::seed::{drop_files, fixture, seed, TOPIC};

const ADMIN: (&str, &str) = ("quantri", "mat-khau-quan-tri");
const MEMBER: (&str, &str) = ("binh", "mat-khau-cua-binh");
const COMMITTEE: (&str, &str) = ("lan", "mat-khau-cua-lan");

/// A topic of this year assigned to Trần Văn Bình, discussed in its session with one
/// contribution still to answer; then the accounts: the administrator, Bình (member) and Lan
/// (the cell's Bí thư, on its committee, as committee member). Made through the library.
fn discussed_topic_with_accounts(data: &std::path::Path, lock_after_seconds: Option<u32>) {
    let cell = seed(data);
    let db = chuyende::Database::open_in(data).unwrap();
    let members = db.members(Some(cell), false).unwrap();
    let by = |name: &str| members.iter().find(|m| m.full_name == name).unwrap().id;
    let today = chrono::Local::now().date_naive();
    let topic = crate::seed::topic(&db, cell, today.year(), 4, "Trần Văn Bình");
    crate::seed::with_outline(&db, topic);
    db.pass_draft(topic).unwrap();
    let s = crate::seed::session_today(&db, cell, topic);
    db.add_comment(
        s.id,
        &CommentDraft {
            topic_id: Some(topic),
            speaker_id: by("Đặng Quang Hải"),
            kind: CommentKind::Contribution,
            text: "Đề nghị bổ sung giải pháp cụ thể cho từng bộ phận.".into(),
            anchor_block: None,
        },
    )
    .unwrap();
    db.create_first_administrator(ADMIN.0, "Quản trị máy trạm", ADMIN.1).unwrap();
    for ((username, password), role, member) in [
        (MEMBER, Role::Member, "Trần Văn Bình"),
        (COMMITTEE, Role::CommitteeMember, "Nguyễn Thị Lan"),
    ] {
        db.create_account(&AccountDraft {
            username: username.into(),
            display_name: String::new(),
            role,
            member_id: Some(by(member)),
            password: password.into(),
        })
        .unwrap();
    }
    if let Some(seconds) = lock_after_seconds {
        db.set_lock_after_seconds(seconds).unwrap();
    }
}

fn open_the_topic(s: &Session) {
    crate::plans::show_cell_plan(s, chrono::Local::now().year());
    crate::plans::open_topic(s, TOPIC);
}

/// Calls a command over IPC as a page script could, and returns its refusal's message.
fn invoke_refusal(s: &Session, command: &str, args: serde_json::Value) -> String {
    let answer = s.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
           .then(() => done('done'), (e) => done(e.message || JSON.stringify(e)));",
        &[json!(command), args],
    );
    answer.as_str().unwrap_or_default().to_string()
}

#[test]
fn a_member_brings_in_and_answers_on_their_topic_and_only_a_committee_member_decides() {
    let data = tempfile::tempdir().unwrap();
    discussed_topic_with_accounts(data.path(), None);
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=sign-in-sign-in]");
    s.screenshot(&shots.join("accounts-01-sign-in.png"));
    // A wrong password is refused and said so.
    s.wait_for("[data-testid=sign-in-username]").type_text(MEMBER.0);
    s.find("[data-testid=sign-in-password]").type_text("sai-mat-khau");
    s.find("[data-testid=sign-in-submit]").click();
    s.wait_for_text("[data-testid=sign-in-error]", "Tên đăng nhập hoặc mật khẩu không đúng");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.find("[data-testid=sign-in-username]").clear();
    s.find("[data-testid=sign-in-password]").clear();
    app.sign_in(MEMBER.0, MEMBER.1);
    assert!(s.find("[data-testid=signed-in-as]").text().contains("Trần Văn Bình"));
    assert!(!s.exists("[data-testid=nav-accounts]"), "a member manages no accounts");

    // The member brings in the revised outline and answers the comment with it.
    open_the_topic(s);
    drop_files(s, &[fixture("de-cuong-v2.docx")]);
    s.wait_for("[data-testid=version-row][data-number=\"2\"]");
    s.wait_for("[data-testid=answer-explained]").click();
    s.wait_for("[data-testid=answer-text]")
        .type_text("Giải pháp cho từng bộ phận đã có ở mục III của bản hoàn chỉnh.");
    s.find("[data-testid=answer-save]").click();
    let answered = s
        .wait_for("[data-testid=revision-comment][data-answered=yes]")
        .text();
    assert!(answered.contains("Trần Văn Bình (binh)"), "the trail names the account: {answered}");
    s.wait_for_text("[data-testid=topic-state]", "Đã hoàn chỉnh");
    s.wait_for("[data-testid=submit-topic]").click();
    s.wait_for("[data-testid=confirm-submit]").click();
    s.wait_for_text("[data-testid=topic-state]", "Đã trình cấp ủy");
    assert!(!s.exists("[data-testid=decide-topic]"), "the member is not offered the decision");
    s.screenshot(&shots.join("accounts-02-member-submitted.png"));

    // On Phê duyệt the member sees what waits, without the decision; over IPC it is refused.
    s.find("[data-testid=nav-approvals]").click();
    s.wait_for("[data-testid=approval-waiting]");
    assert!(!s.exists("[data-testid=open-decision]"), "no decision dialog for a member");
    let refused = invoke_refusal(s, "decision_form", json!({ "id": 1 }));
    assert_eq!(refused, "Tài khoản đảng viên không được ghi quyết định của cấp ủy.");
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let refused = invoke_refusal(
        s,
        "decide_topic",
        json!({ "id": 1, "decision": { "meeting_on": today, "participant_ids": [1], "signer_id": 1,
                "version_sha256": "", "decision": { "kind": "approve" } } }),
    );
    assert_eq!(refused, "Tài khoản đảng viên không được ghi quyết định của cấp ủy.");

    // The committee member signs in and decides.
    s.find("[data-testid=sign-out]").click();
    app.sign_in(COMMITTEE.0, COMMITTEE.1);
    s.find("[data-testid=nav-approvals]").click();
    s.wait_for("[data-testid=open-decision]").click();
    s.wait_for("[data-testid=decision-form]");
    s.find("[data-testid=decision-approve]").click();
    s.find("[data-testid=decision-save]").click();
    s.wait_for("[data-testid=approval-decided]");
    s.screenshot(&shots.join("accounts-03-committee-decided.png"));
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let topic = db.topic(chuyende::topic::TopicId(1)).unwrap();
    assert_eq!(topic.state, chuyende::topic_state::TopicState::Approved);
    let decided_by = db.topic_submissions(topic.id).unwrap()[0]
        .decision
        .as_ref()
        .map(|d| d.decided_by.clone());
    assert_eq!(decided_by.as_deref(), Some("Nguyễn Thị Lan (lan)"));
}

#[test]
fn the_window_locks_when_idle_and_unlocks_with_the_password_keeping_what_was_typed() {
    let data = tempfile::tempdir().unwrap();
    discussed_topic_with_accounts(data.path(), Some(3));
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    app.sign_in(COMMITTEE.0, COMMITTEE.1);
    s.find("[data-testid=nav-documents]").click();
    s.wait_for("[data-testid=search-query]").type_text("trách nhiệm nêu gương");
    // Three seconds without a key or a click.
    s.wait_for("[data-testid=lock]");
    s.screenshot(&shots.join("accounts-04-locked.png"));
    assert_eq!(
        s.find("[data-testid=search-query]").prop("value"),
        json!("trách nhiệm nêu gương"),
        "the screen under the lock keeps what was typed"
    );
    s.find("[data-testid=lock-password]").type_text("sai-mat-khau");
    s.find("[data-testid=lock-unlock]").click();
    s.wait_for_text("[data-testid=lock-error]", "không đúng");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.find("[data-testid=lock-password]").clear();
    s.find("[data-testid=lock-password]").type_text(COMMITTEE.1);
    s.find("[data-testid=lock-unlock]").click();
    s.wait_gone("[data-testid=lock]");
    assert_eq!(
        s.find("[data-testid=search-query]").prop("value"),
        json!("trách nhiệm nêu gương"),
        "unlocked, the typing is still there"
    );
}

#[test]
fn the_first_run_creates_the_administrator_who_creates_resets_and_deactivates_accounts() {
    let data = tempfile::tempdir().unwrap();
    let cell = seed(data.path());
    // Every organisation's roll is longer than a page: the member is searched, not listed.
    crate::seed::long_roll(&chuyende::Database::open_in(data.path()).unwrap(), cell, 55);
    let shots = screenshot_dir();
    let app = App::launch_with(data.path(), &[("CHUYENDE_E2E_FIRST_RUN", "1")]);
    let s = app.session();
    s.wait_for("[data-testid=sign-in-first]");
    s.find("[data-testid=sign-in-username]").type_text(ADMIN.0);
    s.find("[data-testid=sign-in-name]").type_text("Vũ Thị Thanh Huyền");
    s.find("[data-testid=sign-in-password]").type_text(ADMIN.1);
    s.find("[data-testid=sign-in-repeat]").type_text(ADMIN.1);
    s.find("[data-testid=sign-in-submit]").click();
    s.wait_for("[data-testid=signed-in-as]");
    s.find("[data-testid=nav-accounts]").click();
    s.wait_for("[data-testid=account-row][data-username=quantri]");

    // An account for a member of the cell, linked to her record.
    s.find("[data-testid=account-username]").type_text(MEMBER.0);
    s.wait_for_text("[data-testid=account-member-more]", "Đang hiện 50 trong 58 đảng viên");
    assert!(
        !s.find("[data-testid=account-member]").text().contains("Trần Văn Bình"),
        "her cell comes after the first page"
    );
    s.find("[data-testid=account-member-search]").type_text("văn bình");
    crate::seed::select_by_text(s, "[data-testid=account-member]", "Trần Văn Bình — Chi bộ Công báo - Nhà khách");
    assert!(!s.exists("[data-testid=account-member-more]"), "one match, all shown");
    s.find("[data-testid=account-password]").type_text(MEMBER.1);
    s.find("[data-testid=account-create-submit]").click();
    s.wait_for_text("[data-testid=account-row][data-username=binh]", "Trần Văn Bình · Đảng viên · gắn với hồ sơ đảng viên");
    assert_eq!(
        s.find("[data-testid=account-member-search]").prop("value"),
        json!(""),
        "the next account's member is searched afresh"
    );
    s.screenshot(&shots.join("accounts-05-accounts-screen.png"));
    s.find("[data-testid=account-row][data-username=binh] [data-testid=account-reset]").click();
    s.wait_for("[data-testid=account-temporary]").type_text("tam-thoi-2026");
    s.find("[data-testid=account-reset-form] button[type=submit]").click();
    s.wait_for_text("[data-testid=account-row][data-username=binh]", "Chờ người dùng đặt mật khẩu mới");
    s.find("[data-testid=account-row][data-username=binh] [data-testid=account-deactivate]").click();
    s.wait_for_text("[data-testid=account-row][data-username=binh]", "Ngừng sử dụng từ");
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let refused = db.sign_in(MEMBER.0, "tam-thoi-2026").unwrap_err();
    assert_eq!(refused.to_string(), "Tài khoản này đã ngừng sử dụng. Hãy hỏi quản trị viên.");
}
