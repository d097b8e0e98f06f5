//! Accounts, roles decided in the library, sign-in (issue 13).

mod common;

use std::path::Path;

use chrono::{Duration, Local, NaiveDate};
use chuyende::account::{AccountDraft, AccountId, Role, SignInRefusal};
use chuyende::approval::CommitteeDecision;
use chuyende::comment::{AnswerDraft, CommentCorrection, CommentDraft, CommentKind, GuestRemarkDraft, Speaker};
use chuyende::cycle::Decision;
use chuyende::demo::{self, DEMO_ACCOUNTS};
use chuyende::export::Exported;
use chuyende::guest::{GuestDraft, GuestId};
use chuyende::member::{Departure, MemberDraft, MemberId, Position, Standing};
use chuyende::member_period::{MemberPeriodDraft, MemberPeriodId, PeriodKind};
use chuyende::minutes::DocumentFormat;
use chuyende::organisation::{OrganisationDraft, OrganisationId, Placement};
use chuyende::outline::OutlineVersionId;
use chuyende::plan::{PlanId, Quarter};
use chuyende::session::{Presence, SessionDraft, SessionId, SessionKind};
use chuyende::term::{TermDraft, TermId};
use chuyende::topic::{TopicDraft, TopicId};
use chuyende::topic_group::TopicGroupId;
use chuyende::vote::{ConclusionVote, VoteMethod};
use chuyende::{Database, Error};

fn password_of(username: &str) -> &'static str {
    DEMO_ACCOUNTS
        .iter()
        .find(|(u, _, _)| *u == username)
        .map(|(_, p, _)| *p)
        .expect("a demo account")
}

/// A handle on `dir`'s data signed in as the demo account `username`.
fn signed_in(dir: &Path, username: &str) -> Database {
    let db = Database::open_in(dir).expect("opens");
    db.sign_in(username, password_of(username))
        .unwrap_or_else(|e| panic!("{username} signs in: {e}"));
    db
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// What the demonstration data holds that the table needs: the first cell, a session of it
/// (whose minutes the committee member keeps), the member's own topic and a comment on it,
/// another member's topic, and a topic of another cell.
struct Demo {
    cell: OrganisationId,
    session: SessionId,
    own: TopicId,
    own_title: String,
    own_comment: chuyende::comment::CommentId,
    other: TopicId,
    other_title: String,
    other_cell_topic: TopicId,
    member_of: std::collections::HashMap<&'static str, MemberId>,
}

fn demo_data(dir: &Path) -> Demo {
    let db = Database::open_in(dir).expect("opens");
    demo::fill(&db).expect("demo data");
    demo::fill_accounts(&db).expect("demo accounts");
    let year = Local::now().date_naive().format("%Y").to_string().parse().unwrap();
    let orgs = db.organisations(false).expect("organisations");
    // The article's cell first: the demo's accounts are its people.
    let mut cells: Vec<_> = orgs
        .iter()
        .filter(|o| matches!(o.placement, Placement::Cell { .. }))
        .collect();
    cells.sort_by_key(|c| c.name != "Chi bộ Công báo - Nhà khách");
    let admin = signed_in(dir, "quantri");
    let accounts = admin.accounts().expect("the administrator lists accounts");
    let mut member_of = std::collections::HashMap::new();
    for (username, _, _) in DEMO_ACCOUNTS {
        if let Some(m) = accounts.iter().find(|a| a.username == *username).and_then(|a| a.member_id) {
            member_of.insert(*username, m);
        }
    }
    let member = member_of["dangvien"];
    let listed = accounts.iter().find(|a| a.username == "dangvien").unwrap();
    assert_eq!(
        listed.member_name.as_deref(),
        Some(db.member(member).unwrap().full_name.as_str()),
        "the list carries the linked member's name (the window reads no roll for it)"
    );
    let deputy = member_of["capuy"];
    assert_ne!(member, deputy, "the member and the committee member are two people");
    let topics = db.plan_board(cells[0].id, year).expect("board").topics;
    let own = topics
        .iter()
        .find(|t| {
            t.assignees.iter().any(|a| a.id == member)
                && !db.topic_comments(t.id).expect("comments").is_empty()
        })
        .expect("the member's topic was discussed");
    let other = topics
        .iter()
        .find(|t| t.assignees.iter().all(|a| a.id != member && a.id != deputy))
        .expect("another member's topic");
    let other_cell_topic = db.plan_board(cells[1].id, year).expect("board").topics[0].id;
    let comment = db.topic_comments(own.id).expect("comments")[0].clone();
    let session = comment.session_id;
    Demo {
        cell: cells[0].id,
        session,
        own: own.id,
        own_title: own.title.clone(),
        own_comment: comment.id,
        other: other.id,
        other_title: other.title.clone(),
        other_cell_topic,
        member_of,
    }
}

/// What a role gets when it calls a verb.
#[derive(Clone, Copy)]
enum Expect {
    /// Allowed: the verb goes on to its own checks (this table gives it arguments most of them
    /// refuse, so that it changes little).
    Yes,
    /// Refused for the role, "Tài khoản {role} không được {what}."
    Role(&'static str),
    /// Refused: not the member assigned to the topic.
    NotAssigned(&'static str),
    /// Refused: not on the topic's organisation's committee.
    NotOnCommittee,
    /// Refused: not the meeting secretary of the session.
    NotMeetingSecretary,
}
use Expect::*;

/// The roles of the table's columns, by demo account.
const COLUMNS: [(&str, &str); 5] = [
    ("quantri", "quản trị"),
    ("bithu", "bí thư"),
    ("vanphong", "văn phòng"),
    ("capuy", "cấp ủy viên"),
    ("dangvien", "đảng viên"),
];

type Verb = Box<dyn Fn(&Database, &Demo) -> chuyende::Result<()>>;

fn verb<T>(f: impl Fn(&Database, &Demo) -> chuyende::Result<T> + 'static) -> Verb {
    Box::new(move |db, d| f(db, d).map(|_| ()))
}

fn no_sheet() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")
}

fn member_draft(d: &Demo) -> MemberDraft {
    MemberDraft {
        organisation_id: d.cell,
        full_name: String::new(),
        position: Position::Member,
        standing: Standing::Full,
        record: Default::default(),
    }
}

fn topic_draft() -> TopicDraft {
    TopicDraft {
        title: String::new(),
        group_id: TopicGroupId(999_999),
        quarter: Quarter::new(4).unwrap(),
        planned_on: None,
        suggestions: String::new(),
        notes: String::new(),
        assignee_ids: vec![],
    }
}

fn session_draft(org: OrganisationId) -> SessionDraft {
    SessionDraft {
        organisation_id: org,
        kind: SessionKind::Regular,
        held_on: date(2020, 1, 1),
        starts_at: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        ends_at: None,
        place: String::new(),
        chair_id: None,
        secretary_id: None,
        guests: String::new(),
        topic_ids: vec![],
    }
}

/// Every verb of the library, with what each role gets. Columns: administrator, secretary,
/// clerk, committee member, member.
fn table(backup_dir: &Path) -> Vec<(&'static str, Verb, [Expect; 5])> {
    let no_path = backup_dir.join("khong-co.sqlite3");
    let out = backup_dir.join("xuat.pdf");
    let copy = backup_dir.join("ban-sao.docx");
    let list = backup_dir.join("danh-sach.xlsx");
    let org = "sửa tổ chức, nhiệm kỳ và quy định của tổ chức";
    let members = "sửa danh sách đảng viên";
    let plans = "sửa kế hoạch và chuyên đề";
    let session = "ghi buổi sinh hoạt";
    let accounts = "quản lý tài khoản";
    let exchange = "gửi, nhận gói dữ liệu giữa các máy";
    let on_org = [Yes, Yes, Yes, Role(org), Role(org)];
    let on_members = [Yes, Yes, Yes, Role(members), Role(members)];
    let on_plans = [Role(plans), Yes, Yes, Role(plans), Role(plans)];
    let on_session = [Role(session), Yes, Yes, Yes, NotMeetingSecretary];
    let admin_only = |what| [Yes, Role(what), Role(what), Role(what), Role(what)];
    let everyone = [Yes, Yes, Yes, Yes, Yes];
    let mine = |what| [Role(what), Yes, Yes, NotAssigned(what), Yes];
    let not_mine = |what| [Role(what), Yes, Yes, NotAssigned(what), NotAssigned(what)];
    let committee = |what| [Role(what), Yes, Role(what), Yes, Role(what)];
    let bogus_decision = |d: &Demo, db: &Database, topic| {
        let _ = d;
        db.decide_topic(
            topic,
            &CommitteeDecision {
                meeting_on: date(2020, 1, 1),
                participant_ids: vec![],
                signer_id: MemberId(999_999),
                version_sha256: "khác".into(),
                decision: Decision::Approve,
            },
        )
    };
    vec![
        // Accounts and backups.
        ("accounts", verb(|db, _| db.accounts()), admin_only(accounts)),
        ("create_account", verb(|db, _| db.create_account(&AccountDraft {
            username: "x".into(), display_name: String::new(), role: Role::Clerk,
            member_id: None, password: String::new() })), admin_only(accounts)),
        ("reset_password", verb(|db, _| db.reset_password(AccountId(999_999), "tam-thoi-123")), admin_only(accounts)),
        ("deactivate_account", verb(|db, _| db.deactivate_account(AccountId(999_999))), admin_only(accounts)),
        ("set_local_administrator", verb(|db, _| db.set_local_administrator("")), admin_only(accounts)),
        ("restore_from", verb(move |db, _| db.restore_from(&no_path, Path::new("/khong-co"))), admin_only("khôi phục bản sao lưu")),
        ("set_profile_name", verb(|db, _| db.set_profile_name("")), admin_only("đổi cài đặt của máy trạm")),
        ("set_reminders_enabled", verb(|db, _| db.set_reminders_enabled(true)), admin_only("đổi cài đặt của máy trạm")),
        // Organisations, terms, topic groups, the organisation's settings.
        ("create_organisation", verb(|db, _| db.create_organisation(&OrganisationDraft {
            name: String::new(), placement: Placement::PartyCommitteeOrg { superior_name: String::new() } })), on_org),
        ("update_organisation", verb(|db, _| db.update_organisation(OrganisationId(999_999), &OrganisationDraft {
            name: String::new(), placement: Placement::PartyCommitteeOrg { superior_name: String::new() } })), on_org),
        ("retire_organisation", verb(|db, _| db.retire_organisation(OrganisationId(999_999), date(2020, 1, 1))), on_org),
        ("set_organisation_settings", verb(|db, d| {
            let mut s = db.organisation_settings(d.cell)?;
            s.min_duration_minutes = -1;
            db.set_organisation_settings(d.cell, s)
        }), on_org),
        ("add_term", verb(|db, d| db.add_term(d.cell, &TermDraft { starts_on: date(2020, 1, 1), ends_on: date(2019, 1, 1) })), on_org),
        ("remove_term", verb(|db, _| db.remove_term(TermId(999_999))), on_org),
        ("create_topic_group", verb(|db, d| db.create_topic_group(d.cell, "")), on_org),
        // Members.
        ("create_member", verb(|db, d| db.create_member(&member_draft(d))), on_members),
        // A file that is no spreadsheet: an allowed role gets as far as reading it.
        ("import_member_sheet", verb(|db, d| db.import_member_sheet(&no_sheet(), d.cell, &Default::default())), on_members),
        ("update_member", verb(|db, d| db.update_member(MemberId(999_999), &member_draft(d))), on_members),
        ("record_departure", verb(|db, _| db.record_departure(MemberId(999_999), &Departure { moved_on: date(2020, 1, 1), note: String::new() })), on_members),
        ("reinstate_member", verb(|db, _| db.reinstate_member(MemberId(999_999))), on_members),
        ("add_member_period", verb(|db, _| db.add_member_period(MemberId(999_999), &MemberPeriodDraft {
            kind: PeriodKind::Exempt, from: date(2020, 1, 2), to: Some(date(2020, 1, 1)), note: String::new() })), on_members),
        ("remove_member_period", verb(|db, _| db.remove_member_period(MemberPeriodId(999_999))), on_members),
        // Plans and topics.
        ("create_plan", verb(|db, _| db.create_plan(OrganisationId(999_999), 2020)), on_plans),
        ("copy_previous_plan", verb(|db, _| db.copy_previous_plan(OrganisationId(999_999), 2020)), on_plans),
        ("report_plan", verb(|db, _| db.report_plan(PlanId(999_999), date(2020, 1, 1))), on_plans),
        ("create_topic", verb(|db, _| db.create_topic(PlanId(999_999), &topic_draft())), on_plans),
        ("update_topic", verb(|db, d| db.update_topic(d.other, &topic_draft())), on_plans),
        ("postpone_topic", verb(|db, d| db.postpone_topic(d.other, Quarter::new(1).unwrap(), "")), on_plans),
        ("cancel_topic", verb(|db, d| db.cancel_topic(d.other, "")), on_plans),
        ("approve_plan", verb(|db, _| db.approve_plan(PlanId(999_999), date(2020, 1, 1))), committee("ghi việc cấp ủy duyệt kế hoạch")),
        ("pass_draft", verb(|db, d| db.pass_draft(d.other)), committee("thông qua dự thảo đề cương")),
        // The member's own topic, and another member's.
        ("start_drafting (own topic)", verb(|db, d| db.start_drafting(d.own)), mine("bắt đầu soạn đề cương")),
        ("start_drafting (another's)", verb(|db, d| db.start_drafting(d.other)), not_mine("bắt đầu soạn đề cương")),
        ("import_outline (own topic)", verb(|db, d| db.import_outline(d.own, "de-cuong.exe", b"MZ", "")), mine("nhập đề cương")),
        ("import_outline (another's)", verb(|db, d| db.import_outline(d.other, "de-cuong.exe", b"MZ", "")), not_mine("nhập đề cương")),
        ("answer_comment (own topic)", verb(|db, d| db.answer_comment(d.own_comment, &AnswerDraft::Explained { text: String::new() })), mine("trả lời ý kiến góp ý")),
        ("complete_revision (own topic)", verb(|db, d| db.complete_revision(d.own)), mine("hoàn chỉnh chuyên đề")),
        ("complete_revision (another's)", verb(|db, d| db.complete_revision(d.other)), not_mine("hoàn chỉnh chuyên đề")),
        ("submit_topic (own topic)", verb(|db, d| db.submit_topic(d.own)), mine("trình cấp ủy duyệt")),
        ("submit_topic (another's)", verb(|db, d| db.submit_topic(d.other)), not_mine("trình cấp ủy duyệt")),
        // The committee's decision.
        ("decide_topic", verb(move |db, d| bogus_decision(d, db, d.other)), committee("ghi quyết định của cấp ủy")),
        ("decide_topic (another cell's)", verb(move |db, d| bogus_decision(d, db, d.other_cell_topic)),
            [Role("ghi quyết định của cấp ủy"), NotOnCommittee, Role("ghi quyết định của cấp ủy"), NotOnCommittee, Role("ghi quyết định của cấp ủy")]),
        // Sessions: the committee member keeps this session's minutes, the member does not.
        ("create_session", verb(|db, _| db.create_session(&session_draft(OrganisationId(999_999)))),
            [Role("tạo buổi sinh hoạt"), Yes, Yes, Role("tạo buổi sinh hoạt"), Role("tạo buổi sinh hoạt")]),
        ("update_session", verb(|db, d| db.update_session(d.session, &session_draft(OrganisationId(999_999)))), on_session),
        ("set_attendance", verb(|db, d| db.set_attendance(d.session, MemberId(999_999), Presence::Present, "")), on_session),
        ("add_guest", verb(|db, d| db.add_guest(d.session, &GuestDraft { full_name: String::new(), title: String::new() })), on_session),
        ("remove_guest", verb(|db, _| db.remove_guest(GuestId(999_999))),
            [Role(session), Yes, Yes, NotMeetingSecretary, NotMeetingSecretary]),
        ("add_comment", verb(|db, d| db.add_comment(d.session, &CommentDraft {
            topic_id: None, speaker_id: MemberId(999_999), kind: CommentKind::Contribution, text: String::new(), anchor_block: None })), on_session),
        ("add_guest_remark", verb(|db, d| db.add_guest_remark(d.session, &GuestRemarkDraft {
            topic_id: None, guest_id: GuestId(999_999), text: String::new() })), on_session),
        ("correct_comment", verb(|db, d| {
            let c = db.session_comments(d.session)?[0].id;
            db.correct_comment(c, &CommentCorrection { speaker: Speaker::Guest(GuestId(999_999)), kind: CommentKind::Contribution, anchor_block: None, text: String::new() })
        }), on_session),
        ("withdraw_comment", verb(|db, d| {
            let c = db.session_comments(d.session)?[0].id;
            db.withdraw_comment(c, "")
        }), on_session),
        ("set_vote", verb(|db, d| db.set_vote(d.session, &ConclusionVote { method: VoteMethod::ShowOfHands, agreed: -1, disagreed: 0, abstained: 0 })), on_session),
        ("set_conclusion", verb(|db, d| {
            let before = db.session(d.session)?.conclusion;
            db.set_conclusion(d.session, &before)
        }), on_session),
        ("save_minutes_edits", verb(|db, d| db.save_minutes_edits(SessionId(d.session.0), &[])), on_session),
        ("reset_minutes", verb(|db, d| db.reset_minutes(d.session)), on_session),
        ("sign_minutes", verb(|db, d| db.sign_minutes(d.session, date(2999, 1, 1))), on_session),
        ("correct_minutes", verb(|db, d| db.correct_minutes(d.session)), on_session),
        // Exchange packages between workstations.
        ("export_package", verb(move |db, _| db.export_package(chuyende::exchange::ExportScope {
            organisation_id: OrganisationId(999_999), year: 2020, topic_id: None }, Path::new("/khong-co/goi.cdx"))),
            [Role(exchange), Yes, Yes, Role(exchange), Role(exchange)]),
        ("receive_package", verb(|db, _| db.receive_package(Path::new("/khong-co/goi.cdx"))),
            [Role(exchange), Yes, Yes, Role(exchange), Role(exchange)]),
        ("resolve_conflict", verb(|db, _| db.resolve_conflict(999_999, chuyende::exchange::Choice::Ours)),
            [Role(exchange), Yes, Yes, Role(exchange), Role(exchange)]),
        ("trust_package_key", verb(|db, _| db.trust_package_key(Path::new("/khong-co/goi.cdx"), "")),
            admin_only("xác nhận khoá của máy khác")),
        // Exports and what is being typed: anyone signed in.
        ("export_member_sheet", verb(move |db, d| db.export_member_sheet(d.cell, &list)), everyone),
        ("write_export", verb(move |db, d| db.write_export(Exported::Minutes(d.session), DocumentFormat::Pdf, &out, b"%PDF-")), everyone),
        ("save_outline_copy", verb(move |db, _| db.save_outline_copy(OutlineVersionId(999_999), &copy)), everyone),
        ("save_draft", verb(|db, _| db.save_draft("kiem-thu", "")), everyone),
    ]
}

#[test]
fn each_role_may_call_each_verb_or_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let spare = tempfile::tempdir().unwrap();
    let d = demo_data(dir.path());
    let handles: Vec<(&str, &str, Database)> = COLUMNS
        .iter()
        .map(|(u, role)| (*u, *role, signed_in(dir.path(), u)))
        .collect();
    let mut wrong = Vec::new();
    for (name, call, expects) in table(spare.path()) {
        for ((username, role, db), expect) in handles.iter().zip(expects) {
            let outcome = call(db, &d);
            let denied = match &outcome {
                Err(e @ Error::Denied(_)) => Some(e.to_string()),
                _ => None,
            };
            let wanted = match expect {
                Yes => None,
                Role(what) => Some(format!("Tài khoản {role} không được {what}.")),
                NotAssigned(what) => {
                    let title = if name.contains("own") { &d.own_title } else { &d.other_title };
                    Some(format!("Chỉ đảng viên được phân công chuẩn bị chuyên đề “{title}” mới được {what}."))
                }
                NotOnCommittee => Some("Chỉ cấp ủy viên của tổ chức có chuyên đề này mới được ghi quyết định của cấp ủy.".into()),
                NotMeetingSecretary => Some("Chỉ thư ký của buổi sinh hoạt này (hoặc Bí thư, văn phòng) mới được ghi buổi sinh hoạt.".into()),
            };
            if denied != wanted {
                wrong.push(format!("{name} as {username}: expected {wanted:?}, got {outcome:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "roles decided wrongly:\n{}", wrong.join("\n"));
    // The committee member keeps this session's minutes: that is why the table let them.
    let session = handles[0].2.session(d.session).unwrap();
    assert_eq!(session.secretary_id, Some(d.member_of["capuy"]));
}

#[test]
fn once_an_account_exists_nothing_changes_without_someone_signed_in() {
    let (_dir, db) = common::fresh();
    // Data without accounts behaves as before accounts.
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    db.create_first_administrator("quantri", "Quản trị", "mat-khau-dai")
        .expect("the first run creates the administrator");
    db.sign_out();
    let refused = db.create_topic_group(org.id, "Nhóm mới").unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Hãy đăng nhập trước khi thay đổi dữ liệu: mỗi thay đổi được ghi tên người làm."
    );
    let again = db
        .create_first_administrator("khac", "Người khác", "mat-khau-dai")
        .unwrap_err();
    assert!(matches!(again, Error::Denied(_)), "only an administrator adds accounts once one exists: {again}");
}

#[test]
fn the_trail_names_the_account_signed_in_and_earlier_entries_keep_their_names() {
    let (dir, db) = common::fresh();
    db.set_profile_name("Nguyễn Văn Trước").unwrap();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    db.create_first_administrator("quantri", "Lê Thị Quản Trị", "mat-khau-dai").unwrap();
    db.update_organisation(
        org.id,
        &OrganisationDraft {
            name: "Đảng bộ Văn phòng UBND tỉnh".into(),
            placement: org.placement.clone(),
        },
    )
    .unwrap();
    let actors: Vec<String> = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT actor FROM audit_event WHERE entity = 'organisation' AND entity_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([org.id.0], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
        .unwrap();
    assert_eq!(actors, ["Nguyễn Văn Trước", "Lê Thị Quản Trị (quantri)"]);
    drop(dir);
}

#[test]
fn a_wrong_password_makes_the_account_wait_longer_each_time_then_a_long_while() {
    let (_dir, db) = common::fresh();
    db.create_first_administrator("quantri", "Quản trị", "dung-mat-khau").unwrap();
    db.sign_out();
    let mut at = Local::now();
    let mut waits = Vec::new();
    for _ in 0..6 {
        let refusal = match db.sign_in_at("quantri", "sai-mat-khau", at).unwrap_err() {
            Error::SignIn(r) => r,
            other => panic!("a wrong password is a refused sign-in: {other}"),
        };
        let wait = match refusal {
            SignInRefusal::Wrong { wait_seconds: Some(s) } => s,
            SignInRefusal::Waiting { seconds, .. } => seconds,
            other => panic!("unexpected: {other}"),
        };
        // While it waits, even the right password is refused unchecked.
        let early = db.sign_in_at("quantri", "dung-mat-khau", at + Duration::milliseconds(500));
        assert!(
            matches!(early, Err(Error::SignIn(SignInRefusal::Waiting { .. }))),
            "signing in while the account waits is refused: {early:?}"
        );
        waits.push(wait);
        at += Duration::seconds(wait as i64 + 1);
    }
    assert_eq!(waits, [1, 2, 4, 8, 900, 900], "each wrong password doubles the wait, the fifth waits 15 minutes");
    // Once the wait is over, the right password signs in and the count starts again.
    db.sign_in_at("quantri", "dung-mat-khau", at).expect("signs in after the wait");
    let after = db.sign_in_at("quantri", "sai", at).unwrap_err();
    assert_eq!(after.to_string(), "Tên đăng nhập hoặc mật khẩu không đúng. Hãy thử lại sau 1 giây.");
    // Every failure is in the trail, the password in none.
    let failures = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_event WHERE action = 'Đăng nhập không thành công'
                   AND coalesce(reason, '') NOT LIKE '%mat-khau%'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    assert_eq!(failures, 6 + 6 + 1, "six wrong, six refused while waiting, one more");
}

#[test]
fn passwords_are_never_in_clear_in_the_database_its_wal_or_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let _log = chuyende::logging::init(dir.path(), "kiem-thu").expect("log");
    let db = Database::open_in(dir.path()).unwrap();
    let secret = "Bi-mat-KIEM-THU-9271";
    let other = "Khac-KIEM-THU-5530";
    let admin = db.create_first_administrator("quantri", "Quản trị", secret).unwrap();
    let clerk = db
        .create_account(&AccountDraft {
            username: "vanphong".into(),
            display_name: "Vũ Thị Huyền".into(),
            role: Role::Clerk,
            member_id: None,
            password: other.into(),
        })
        .unwrap();
    db.reset_password(clerk.id, other).unwrap();
    for attempt in [other, secret, "Bi-mat-KIEM-THU-9271 "] {
        if let Err(e) = db.sign_in("vanphong", attempt) {
            chuyende::logging::log_failure(&e);
        }
    }
    if let Err(e) = db.sign_in(secret, secret) {
        // A password typed as the user name.
        chuyende::logging::log_failure(&e);
    }
    assert!(admin.account.username == "quantri");
    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() { stack.push(path) } else { files.push(path) }
        }
    }
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.iter().any(|n| n.ends_with("-wal")), "the WAL is searched too: {names:?}");
    assert!(names.iter().any(|n| n.ends_with(".log") || n.contains("kiem-thu")), "the log is searched too: {names:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for needle in [secret, other, "KIEM-THU"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in clear in {}",
                file.display()
            );
        }
    }
    let stored: String = db
        .read(|c| Ok(c.query_row("SELECT password_hash FROM account WHERE username = 'quantri'", [], |r| r.get(0))?))
        .unwrap();
    assert!(stored.starts_with("$argon2id$"), "hashed with Argon2id: {stored}");
}

#[test]
fn after_a_reset_the_person_sets_a_new_password_before_anything_else() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    db.create_first_administrator("quantri", "Quản trị", "mat-khau-dai").unwrap();
    let clerk = db
        .create_account(&AccountDraft {
            username: "VanPhong".into(),
            display_name: "Vũ Thị Huyền".into(),
            role: Role::Clerk,
            member_id: None,
            password: "mat-khau-dau".into(),
        })
        .unwrap();
    assert_eq!(clerk.username, "vanphong", "user names are kept in lower case");
    db.reset_password(clerk.id, "tam-thoi-123").unwrap();
    let signed = db.sign_in("vanphong", "tam-thoi-123").unwrap();
    assert!(signed.must_change_password);
    let refused = db.create_topic_group(org.id, "Nhóm mới").unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Mật khẩu của tài khoản vừa được đặt lại: hãy đặt mật khẩu mới trước khi làm việc."
    );
    db.change_own_password("tam-thoi-123", "mat-khau-moi").unwrap();
    db.create_topic_group(org.id, "Nhóm mới").expect("the clerk works once the password is new");
}

#[test]
fn a_deactivated_account_cannot_sign_in_and_is_never_deleted() {
    let (_dir, db) = common::fresh();
    db.create_first_administrator("quantri", "Quản trị", "mat-khau-dai").unwrap();
    let clerk = db
        .create_account(&AccountDraft {
            username: "vanphong".into(),
            display_name: "Vũ Thị Huyền".into(),
            role: Role::Clerk,
            member_id: None,
            password: "mat-khau-dau".into(),
        })
        .unwrap();
    let stopped = db.deactivate_account(clerk.id).unwrap();
    assert!(stopped.deactivated_on.is_some());
    let refused = Database::open(db.path()).unwrap().sign_in("vanphong", "mat-khau-dau").unwrap_err();
    assert_eq!(refused.to_string(), "Tài khoản này đã ngừng sử dụng. Hãy hỏi quản trị viên.");
    let deleted = db.on_writer_connection(|c| Ok(c.execute("DELETE FROM account WHERE id = ?1", [clerk.id.0])?));
    assert!(deleted.is_err(), "the database refuses to delete an account");
}

#[test]
fn a_member_is_not_offered_the_decision_and_a_committee_member_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_data(dir.path());
    let _ = d;
    let db = Database::open_in(dir.path()).unwrap();
    let submitted = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .filter(|o| o.name == "Chi bộ Công báo - Nhà khách")
        .flat_map(|c| {
            let year: i32 = Local::now().date_naive().format("%Y").to_string().parse().unwrap();
            db.plan_board(c.id, year).unwrap().topics
        })
        .find(|t| t.state == chuyende::topic_state::TopicState::Submitted);
    let Some(topic) = submitted else {
        // The demo's draw this year left nothing waiting in the first cell: decide the rule
        // on the permission alone.
        let member = signed_in(dir.path(), "dangvien");
        assert!(member.permits(chuyende::permission::Action::DecideTopic(d.other)).is_err());
        return;
    };
    let member = signed_in(dir.path(), "dangvien");
    let seen = member.topic(topic.id).unwrap().actions.decide;
    assert!(!seen.shown && !seen.allowed, "the member is not offered the decision: {seen:?}");
    assert_eq!(seen.reason.as_deref(), Some("Tài khoản đảng viên không được ghi quyết định của cấp ủy."));
    let committee = signed_in(dir.path(), "capuy");
    let offered = committee.topic(topic.id).unwrap().actions.decide;
    assert!(offered.shown && offered.allowed, "the committee member is: {offered:?}");
}

#[test]
fn a_restore_signs_out_whoever_restored_and_the_restored_accounts_decide_who_signs_in() {
    let (dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    db.create_first_administrator("quantri", "Quản trị", "mat-khau-dai")
        .expect("the first administrator");
    let backup = dir.path().join("truoc-khi-doi.sqlite3");
    db.backup_to(&backup).expect("a backup");
    // After the backup the administrator's password changes and a clerk gets an account.
    db.create_account(&AccountDraft {
        username: "vanphong".into(),
        display_name: "Văn phòng".into(),
        role: Role::Clerk,
        member_id: None,
        password: "mat-khau-van-phong".into(),
    })
    .expect("a clerk's account");
    db.sign_out();
    db.sign_in("vanphong", "mat-khau-van-phong").expect("the clerk signs in");
    db.sign_out();
    db.sign_in("quantri", "mat-khau-dai").expect("the administrator signs in");

    db.restore_from(&backup, dir.path()).expect("the administrator restores");
    assert!(db.signed_in().unwrap().is_none(), "nobody acts on the restored data until signed in");
    let refused = db.create_topic_group(org.id, "Nhóm mới").unwrap_err();
    assert!(matches!(refused, Error::Denied(_)), "{refused}");
    // The restored data knows no clerk: only its own accounts sign in.
    assert!(db.sign_in("vanphong", "mat-khau-van-phong").is_err());
    db.sign_in("quantri", "mat-khau-dai").expect("the restored administrator signs in");
    db.create_topic_group(org.id, "Nhóm mới").expect("and changes data again");
}
