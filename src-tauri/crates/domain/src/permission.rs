//! What each role may do (issue 13), decided here once: every verb of the library starts with
//! `self.require(Action::…)?`, and the allowed actions each record carries (`TopicActions`)
//! include the same answer, so the window shows only what the library allows and the CLI gets
//! the same refusal.
//!
//! | action                                   | admin | secretary | clerk | committee | member |
//! |------------------------------------------|-------|-----------|-------|-----------|--------|
//! | accounts, restoring backups, demo data   | yes   |           |       |           |        |
//! | the workstation's settings               | yes   |           |       |           |        |
//! | organisations, terms, members            | yes   | yes       | yes   |           |        |
//! | plans and topics                         |       | yes       | yes   |           |        |
//! | the committee's approval of a plan       |       | yes       |       | yes       |        |
//! | passing a draft                          |       | yes       |       | yes       |        |
//! | a topic's outline, answers, revision,    |       | yes       | yes   | own       | own    |
//! |   submission                             |       |           |       |           |        |
//! | the committee's decision on a topic      |       | committee |       | committee |        |
//! | a session's record (attendance, comments,|       | yes       | yes   | meeting   | meeting|
//! |   conclusion, vote, minutes)             |       |           |       | secretary | secr.  |
//! | trusting another workstation's key       | yes   |           |       |           |        |
//! | exchange packages (export, receive,      |       | yes       | yes   |           |        |
//! |   resolve a conflict)                    |       |           |       |           |        |
//! | exports, unsaved typing                  | yes   | yes       | yes   | yes       | yes    |
//!
//! "own": a topic the account's member is assigned to. "committee": the account's member sits
//! on the committee of the topic's organisation. "meeting secretary": the member who keeps that
//! session's minutes. An administrator sets the structure up (organisations, members) but takes
//! no part in the cycle. Data with no account yet is open to whoever uses it, as before
//! accounts; the library's own demonstration data is written as the people it names.

use rusqlite::{Connection, OptionalExtension};

use crate::account::{self, Account, Role};
use crate::comment::CommentId;
use crate::db::Database;
use crate::error::Result;
use crate::guest::GuestId;
use crate::member::MemberId;
use crate::session::SessionId;
use crate::topic::TopicId;

/// Something a verb does, as far as who may do it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ManageAccounts,
    RestoreBackup,
    /// Demonstration data on data that already has accounts.
    GenerateDemo,
    /// The workstation's own settings (the profile name of data without accounts).
    ChangeWorkstation,
    /// Organisations, committee terms, topic groups, the organisation's settings.
    EditOrganisations,
    EditMembers,
    /// Plans and their topics: create, edit, copy, postpone, cancel, report upward.
    EditPlans,
    ApprovePlan,
    PassDraft(TopicId),
    StartDrafting(TopicId),
    ImportOutline(TopicId),
    AnswerComment(CommentId),
    CompleteRevision(TopicId),
    SubmitTopic(TopicId),
    DecideTopic(TopicId),
    /// A new session.
    CreateSession,
    /// The record of a session: its details, attendance, guests, comments, the conclusion and
    /// its vote, the minutes.
    RecordSession(SessionId),
    /// Correcting or withdrawing a comment (of its session's record).
    EditComment(CommentId),
    /// Removing a guest (of its session's record).
    RemoveGuest(GuestId),
    /// Exchange packages between workstations (issue 15): export one, receive one, resolve a
    /// conflict it raised. A package carries the records of a cell, members' data among them.
    ExchangePackages,
    /// Trusting the key of another workstation: who may send this one records.
    TrustKey,
    /// Writing a document or a copy of an outline to a file.
    Export,
    /// What someone is typing and has not saved yet.
    SaveDraft,
}

impl Action {
    /// The action in words, after "không được".
    fn words(self) -> &'static str {
        match self {
            Action::ManageAccounts => "quản lý tài khoản",
            Action::RestoreBackup => "khôi phục bản sao lưu",
            Action::GenerateDemo => "tạo dữ liệu mẫu",
            Action::ChangeWorkstation => "đổi cài đặt của máy trạm",
            Action::EditOrganisations => "sửa tổ chức, nhiệm kỳ và quy định của tổ chức",
            Action::EditMembers => "sửa danh sách đảng viên",
            Action::EditPlans => "sửa kế hoạch và chuyên đề",
            Action::ApprovePlan => "ghi việc cấp ủy duyệt kế hoạch",
            Action::PassDraft(_) => "thông qua dự thảo đề cương",
            Action::StartDrafting(_) => "bắt đầu soạn đề cương",
            Action::ImportOutline(_) => "nhập đề cương",
            Action::AnswerComment(_) => "trả lời ý kiến góp ý",
            Action::CompleteRevision(_) => "hoàn chỉnh chuyên đề",
            Action::SubmitTopic(_) => "trình cấp ủy duyệt",
            Action::DecideTopic(_) => "ghi quyết định của cấp ủy",
            Action::CreateSession => "tạo buổi sinh hoạt",
            Action::RecordSession(_) | Action::EditComment(_) | Action::RemoveGuest(_) => {
                "ghi buổi sinh hoạt"
            }
            Action::ExchangePackages => "gửi, nhận gói dữ liệu giữa các máy",
            Action::TrustKey => "xác nhận khoá của máy khác",
            Action::Export => "xuất văn bản",
            Action::SaveDraft => "lưu nội dung đang nhập",
        }
    }
}

/// Why an account may not do something, in the words the person reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("Hãy đăng nhập trước khi thay đổi dữ liệu: mỗi thay đổi được ghi tên người làm.")]
    NotSignedIn,

    #[error("Tài khoản “{username}” đã ngừng sử dụng nên không làm được việc này.")]
    Deactivated { username: String },

    #[error("Mật khẩu của tài khoản vừa được đặt lại: hãy đặt mật khẩu mới trước khi làm việc.")]
    MustChangePassword,

    #[error("Tài khoản {} không được {what}.", role.label().to_lowercase())]
    Role { role: Role, what: &'static str },

    #[error("Chỉ đảng viên được phân công chuẩn bị chuyên đề “{title}” mới được {what}.")]
    NotAssigned { title: String, what: &'static str },

    #[error("Chỉ cấp ủy viên của tổ chức có chuyên đề này mới được ghi quyết định của cấp ủy.")]
    NotOnCommittee,

    #[error("Chỉ thư ký của buổi sinh hoạt này (hoặc Bí thư, văn phòng) mới được ghi buổi sinh hoạt.")]
    NotMeetingSecretary,

    #[error("Dữ liệu đã có tài khoản: chỉ quản trị viên đã đăng nhập mới tạo thêm tài khoản.")]
    AccountsExist,

    #[error("Máy này chưa đặt chế độ quản trị cục bộ cho người dùng hệ điều hành này: hãy dùng --as TÊN với mật khẩu (CHUYENDE_PASSWORD hoặc --password-file).")]
    NoLocalAdministrator,
}

/// Who acts in a database call.
pub(crate) enum Who {
    /// No account exists yet (or the library writes its own demonstration data): as before
    /// accounts, anyone may.
    Anyone,
    /// Accounts exist and nobody signed in.
    Nobody,
    Signed(Account),
}

/// Who acts in the database call under way on this thread.
pub(crate) fn who(conn: &Connection) -> Result<Who> {
    if crate::settings::generating() || !account::any(conn)? {
        return Ok(Who::Anyone);
    }
    Ok(match account::current() {
        None => Who::Nobody,
        Some(acting) => Who::Signed(account::get(conn, acting.id)?.account),
    })
}

/// What a role's answer depends on.
enum Rule {
    Yes,
    No,
    /// A topic the account's member is assigned to.
    Own,
    /// The account's member sits on the topic's organisation's committee.
    Committee,
    /// The account's member keeps the session's minutes.
    MeetingSecretary,
}

fn rule(role: Role, action: Action) -> Rule {
    use Action as A;
    use Role as R;
    match (action, role) {
        (A::Export | A::SaveDraft, _) => Rule::Yes,
        (
            A::ManageAccounts | A::RestoreBackup | A::GenerateDemo | A::ChangeWorkstation | A::TrustKey,
            R::Administrator,
        ) => Rule::Yes,
        (A::ExchangePackages, R::Secretary | R::Clerk) => Rule::Yes,
        (A::EditOrganisations | A::EditMembers, R::Administrator | R::Secretary | R::Clerk) => {
            Rule::Yes
        }
        (A::EditPlans, R::Secretary | R::Clerk) => Rule::Yes,
        (A::ApprovePlan | A::PassDraft(_), R::Secretary | R::CommitteeMember) => Rule::Yes,
        (
            A::StartDrafting(_)
            | A::ImportOutline(_)
            | A::AnswerComment(_)
            | A::CompleteRevision(_)
            | A::SubmitTopic(_),
            R::Secretary | R::Clerk,
        ) => Rule::Yes,
        (
            A::StartDrafting(_)
            | A::ImportOutline(_)
            | A::AnswerComment(_)
            | A::CompleteRevision(_)
            | A::SubmitTopic(_),
            R::CommitteeMember | R::Member,
        ) => Rule::Own,
        (A::DecideTopic(_), R::Secretary | R::CommitteeMember) => Rule::Committee,
        (
            A::CreateSession | A::RecordSession(_) | A::EditComment(_) | A::RemoveGuest(_),
            R::Secretary | R::Clerk,
        ) => Rule::Yes,
        (
            A::RecordSession(_) | A::EditComment(_) | A::RemoveGuest(_),
            R::CommitteeMember | R::Member,
        ) => Rule::MeetingSecretary,
        _ => Rule::No,
    }
}

/// The topic an action is about, when it is about one.
fn topic_of(conn: &Connection, action: Action) -> Result<Option<TopicId>> {
    Ok(match action {
        Action::PassDraft(t)
        | Action::StartDrafting(t)
        | Action::ImportOutline(t)
        | Action::CompleteRevision(t)
        | Action::SubmitTopic(t)
        | Action::DecideTopic(t) => Some(t),
        Action::AnswerComment(c) => conn
            .query_row("SELECT topic_id FROM comment WHERE id = ?1", [c.0], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .optional()?
            .flatten()
            .map(TopicId),
        _ => None,
    })
}

/// Whether `who` may do `action`, and why not.
pub(crate) fn check(conn: &Connection, who: &Who, action: Action) -> Result<()> {
    let account = match who {
        Who::Anyone => return Ok(()),
        Who::Nobody => return Err(Denied::NotSignedIn.into()),
        Who::Signed(a) => a,
    };
    if account.deactivated_on.is_some() {
        return Err(Denied::Deactivated {
            username: account.username.clone(),
        }
        .into());
    }
    if account.must_change_password {
        return Err(Denied::MustChangePassword.into());
    }
    let member = account.member_id;
    match rule(account.role, action) {
        Rule::Yes => Ok(()),
        Rule::No => Err(Denied::Role {
            role: account.role,
            what: action.words(),
        }
        .into()),
        Rule::Own => {
            let topic = topic_of(conn, action)?;
            let assigned = match (topic, member) {
                (Some(t), Some(m)) => is_assigned(conn, t, m)?,
                _ => false,
            };
            if assigned {
                return Ok(());
            }
            let title = match topic {
                Some(t) => conn
                    .query_row("SELECT title FROM topic WHERE id = ?1", [t.0], |r| r.get(0))
                    .optional()?
                    .unwrap_or_default(),
                None => String::new(),
            };
            Err(Denied::NotAssigned {
                title,
                what: action.words(),
            }
            .into())
        }
        Rule::Committee => {
            let on = match (topic_of(conn, action)?, member) {
                (Some(t), Some(m)) => on_committee(conn, t, m)?,
                _ => false,
            };
            if on {
                Ok(())
            } else {
                Err(Denied::NotOnCommittee.into())
            }
        }
        Rule::MeetingSecretary => {
            let keeps = match (session_of(conn, action)?, member) {
                (Some(s), Some(m)) => conn
                    .query_row(
                        "SELECT secretary_id = ?2 FROM session WHERE id = ?1",
                        [s, m.0],
                        |r| r.get::<_, Option<bool>>(0),
                    )
                    .optional()?
                    .flatten()
                    .unwrap_or(false),
                _ => false,
            };
            if keeps {
                Ok(())
            } else {
                Err(Denied::NotMeetingSecretary.into())
            }
        }
    }
}

/// The session an action is about, when it is about one.
fn session_of(conn: &Connection, action: Action) -> Result<Option<i64>> {
    let (sql, id) = match action {
        Action::RecordSession(s) => return Ok(Some(s.0)),
        Action::EditComment(c) => ("SELECT session_id FROM comment WHERE id = ?1", c.0),
        Action::RemoveGuest(g) => ("SELECT session_id FROM session_guest WHERE id = ?1", g.0),
        _ => return Ok(None),
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
}

fn is_assigned(conn: &Connection, topic: TopicId, member: MemberId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM topic_assignee WHERE topic_id = ?1 AND member_id = ?2)",
        [topic.0, member.0],
        |r| r.get(0),
    )?)
}

/// The member holds a committee position (not moved away) in the topic's organisation, or,
/// for a đảng bộ's topic, in one of its cells: the committee `approval` lists for the decision.
fn on_committee(conn: &Connection, topic: TopicId, member: MemberId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (
            SELECT 1 FROM topic t JOIN plan p ON p.id = t.plan_id
              JOIN member m ON m.id = ?2 JOIN organisation c ON c.id = m.organisation_id
             WHERE t.id = ?1 AND m.moved_on IS NULL AND m.position <> 'member'
               AND (c.id = p.organisation_id OR c.parent_id = p.organisation_id))",
        [topic.0, member.0],
        |r| r.get(0),
    )?)
}

impl Database {
    /// Refuses, with the reason, what the account signed in through this handle may not do.
    /// Every verb starts with it.
    pub(crate) fn require(&self, action: Action) -> Result<()> {
        self.read(|c| check(c, &who(c)?, action))
    }

    /// Whether the account signed in may do `action` now (the same check the verb makes).
    #[doc(hidden)]
    pub fn permits(&self, action: Action) -> Result<()> {
        self.require(action)
    }
}
