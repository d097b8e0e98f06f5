//! Accounts of the people who use a committee workstation (issue 13): the secretary, committee
//! members, members, the office's clerk and the administrator who manages the accounts. Each
//! has a [`Role`]; what a role may do is decided in [`crate::permission`], once, for the window
//! and the CLI alike.
//!
//! The account signed in lives on the [`Database`] handle ([`Database::sign_in`]), so the
//! verbs keep their signatures: each starts with `self.require(Action::…)`. A database with no
//! account yet behaves as before accounts existed (the window's first run creates the
//! administrator); once one exists, every change needs someone signed in.
//!
//! Passwords are hashed with Argon2id into a PHC string (its salt and parameters inside) and
//! never stored, logged or put in the trail in clear. Wrong passwords make the account wait,
//! twice as long after each one, and a long while after [`WAIT_AFTER`] of them; every failed
//! sign-in is in the trail.

use std::cell::RefCell;
use std::time::Duration;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use chrono::{DateTime, Local};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::member::{self, MemberId};
use crate::permission::Action;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct AccountId(pub i64);

/// What an account may do is decided by its role (and, for a member, by what is theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Quản trị: manages accounts and restores backups; sets the structure up.
    Administrator,
    /// Bí thư: plans, members, sessions; sits on the committee.
    Secretary,
    /// Cấp ủy viên: the committee's decisions; their own topics.
    CommitteeMember,
    /// Đảng viên: their own outline and answers.
    Member,
    /// Văn phòng: keeps the records (plans, members, sessions) without a member record.
    Clerk,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::Secretary,
        Role::CommitteeMember,
        Role::Member,
        Role::Clerk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Secretary => "secretary",
            Role::CommitteeMember => "committee_member",
            Role::Member => "member",
            Role::Clerk => "clerk",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Quản trị",
            Role::Secretary => "Bí thư",
            Role::CommitteeMember => "Cấp ủy viên",
            Role::Member => "Đảng viên",
            Role::Clerk => "Văn phòng",
        }
    }

    /// Whether an account of this role must stand for a member of the party (an administrator
    /// or the office's clerk may be someone with no member record).
    pub fn needs_member(self) -> bool {
        !matches!(self, Role::Administrator | Role::Clerk)
    }
}

/// An account as the window lists it. The password hash never leaves the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Account {
    pub id: AccountId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: String,
    pub member_id: Option<MemberId>,
    /// The linked member's full name (the list shows it without reading the whole roll).
    pub member_name: Option<String>,
    /// The person sets a new password at the next sign-in (after an administrator's reset).
    pub must_change_password: bool,
    /// dd/mm/yyyy; None while in use.
    pub deactivated_on: Option<String>,
}

/// What an administrator fills in to create an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountDraft {
    pub username: String,
    /// Empty: the linked member's full name.
    pub display_name: String,
    pub role: Role,
    pub member_id: Option<MemberId>,
    pub password: String,
}

/// Why a sign-in did not succeed, in the words the person at the screen reads. Wrong name and
/// wrong password read the same, so the screen does not tell which names exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInRefusal {
    #[error("Tên đăng nhập hoặc mật khẩu không đúng.{}", wait_words(*wait_seconds))]
    Wrong { wait_seconds: Option<u64> },

    #[error("Đã nhập sai mật khẩu {failures} lần: hãy đợi đến {until} (còn {seconds} giây) rồi thử lại, hoặc nhờ quản trị viên đặt lại mật khẩu.")]
    Waiting {
        failures: i64,
        until: String,
        seconds: u64,
    },

    #[error("Tài khoản này đã ngừng sử dụng. Hãy hỏi quản trị viên.")]
    Deactivated,
}

fn wait_words(wait: Option<u64>) -> String {
    wait.map(|s| format!(" Hãy thử lại sau {s} giây."))
        .unwrap_or_default()
}

/// After this many wrong passwords in a row the account waits [`LONG_WAIT`].
pub const WAIT_AFTER: i64 = 5;
/// How long an account waits after [`WAIT_AFTER`] wrong passwords in a row.
pub const LONG_WAIT: Duration = Duration::from_secs(15 * 60);
pub const MIN_PASSWORD_CHARS: usize = 8;

/// How long the account waits after `failures` wrong passwords in a row: 1, 2, 4, 8 seconds,
/// then [`LONG_WAIT`]. A person who mistypes waits a moment; a program guessing gets a handful
/// of tries an hour.
pub fn wait_after(failures: i64) -> Duration {
    if failures <= 0 {
        Duration::ZERO
    } else if failures >= WAIT_AFTER {
        LONG_WAIT
    } else {
        Duration::from_secs(1 << (failures - 1))
    }
}

/// The account acting through a [`Database`] handle, as its calls see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Acting {
    pub id: AccountId,
    /// "Who" in the trail: "Trần Thị An (an.tt)".
    pub trail_name: String,
}

thread_local! {
    /// The account of the `Database` call under way on this thread (see [`Scope`]).
    static CURRENT: RefCell<Option<Acting>> = const { RefCell::new(None) };
}

/// Makes the handle's account the current one for the duration of one database call, so that
/// the trail and the allowed actions computed inside (which see only a connection) know who
/// acts. Restores the one before on drop (calls nest: a batch's inner handle).
pub(crate) struct Scope(Option<Acting>);

impl Scope {
    pub fn enter(acting: Option<Acting>) -> Scope {
        Scope(CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), acting)))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let before = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = before);
    }
}

/// The account acting in the database call under way on this thread.
pub(crate) fn current() -> Option<Acting> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The columns [`from_row`] reads.
const SELECT: &str = "SELECT id, username, display_name, role, member_id, must_change_password,
                             deactivated_on, password_hash, failed_attempts, wait_until,
                             (SELECT full_name FROM member WHERE member.id = account.member_id)
                        FROM account";

/// An account row with what only the library sees.
pub(crate) struct Stored {
    pub account: Account,
    password_hash: String,
    failed_attempts: i64,
    wait_until: Option<String>,
}

fn from_row(r: &Row) -> rusqlite::Result<Stored> {
    let role: String = r.get(3)?;
    let role = Role::parse(&role).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            rusqlite::types::Type::Text,
            format!("unknown role {role}").into(),
        )
    })?;
    let deactivated: Option<String> = r.get(6)?;
    Ok(Stored {
        account: Account {
            id: AccountId(r.get(0)?),
            username: r.get(1)?,
            display_name: r.get(2)?,
            role,
            role_label: role.label().into(),
            member_id: r.get::<_, Option<i64>>(4)?.map(MemberId),
            member_name: r.get(10)?,
            must_change_password: r.get(5)?,
            deactivated_on: deactivated.map(|d| date_words(&d)),
        },
        password_hash: r.get(7)?,
        failed_attempts: r.get(8)?,
        wait_until: r.get(9)?,
    })
}

fn date_words(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|d| audit::date(d.date_naive()))
        .unwrap_or_else(|_| stored.to_string())
}

pub(crate) fn get(conn: &Connection, id: AccountId) -> Result<Stored> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "tài khoản",
            id: id.0,
        })
}

fn by_username(conn: &Connection, username: &str) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE username = ?1"), [username], from_row)
        .optional()?)
}

pub(crate) fn username_taken(conn: &Connection, username: &str) -> Result<bool> {
    Ok(by_username(conn, &normalise_username(username))?.is_some())
}

/// Whether any account exists: until one does, the data is open to whoever uses it (a first
/// run, or data from before accounts).
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))?)
}

fn trail_name(a: &Account) -> String {
    format!("{} ({})", a.display_name, a.username)
}

/// A user name as typed on any keyboard: NFC, trimmed, lower case.
fn normalise_username(input: &str) -> String {
    text::clean(input).to_lowercase()
}

fn check_username(username: &str) -> Result<()> {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    let len = username.chars().count();
    if !(3..=40).contains(&len) || !ok_chars {
        return Err(Error::invalid(
            Field::Username,
            "Tên đăng nhập dài 3–40 ký tự, gồm chữ không dấu, chữ số và . - _ (ví dụ: an.tt).",
        ));
    }
    Ok(())
}

fn check_password(password: &str) -> Result<()> {
    let len = password.chars().count();
    if len < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(
            Field::Password,
            format!("Mật khẩu cần ít nhất {MIN_PASSWORD_CHARS} ký tự."),
        ));
    }
    if len > 200 {
        return Err(Error::invalid(
            Field::Password,
            "Mật khẩu quá dài (tối đa 200 ký tự).",
        ));
    }
    Ok(())
}

/// The Argon2id PHC string of `password`, with a fresh random salt.
fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::invalid(Field::Password, format!("Không mã hoá được mật khẩu ({e}).")))
}

fn verifies(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Validates a draft and inserts the account, with its trail entry.
pub(crate) fn insert(conn: &Connection, draft: &AccountDraft) -> Result<Account> {
    let username = normalise_username(&draft.username);
    check_username(&username)?;
    check_password(&draft.password)?;
    if by_username(conn, &username)?.is_some() {
        return Err(Error::invalid(
            Field::Username,
            format!("Đã có tài khoản “{username}”. Hãy chọn tên đăng nhập khác."),
        ));
    }
    let member = match draft.member_id {
        Some(id) => Some(member::get(conn, id)?),
        None if draft.role.needs_member() => {
            return Err(Error::invalid(
                Field::MemberId,
                format!(
                    "Tài khoản {} phải gắn với một đảng viên: hãy chọn đảng viên.",
                    draft.role.label().to_lowercase()
                ),
            ))
        }
        None => None,
    };
    let mut display_name = text::clean(&draft.display_name);
    if display_name.is_empty() {
        display_name = member.as_ref().map(|m| m.full_name.clone()).unwrap_or_default();
    }
    if display_name.is_empty() {
        return Err(Error::invalid(
            Field::DisplayName,
            "Hãy nhập họ tên người dùng tài khoản.",
        ));
    }
    if text::char_len(&display_name) > member::MAX_NAME_CHARS {
        return Err(Error::invalid(
            Field::DisplayName,
            "Họ tên quá dài (tối đa 120 ký tự).",
        ));
    }
    conn.execute(
        "INSERT INTO account (username, display_name, role, member_id, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            username,
            display_name,
            draft.role.as_str(),
            draft.member_id.map(|m| m.0),
            hash(&draft.password)?,
            now()
        ],
    )?;
    let id = AccountId(conn.last_insert_rowid());
    audit::record(
        conn,
        Change::new(Subject::Account(id.0), "Tạo tài khoản").to(format!(
            "{username}: {display_name}, {}",
            draft.role.label()
        )),
    )?;
    Ok(get(conn, id)?.account)
}

/// What a successful sign-in returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignedIn {
    pub account: Account,
    /// The person must set a new password before anything else (after a reset).
    pub must_change_password: bool,
}

impl Database {
    /// Whether any account exists (the window opens on sign-in, or on creating the
    /// administrator when none does).
    pub fn accounts_exist(&self) -> Result<bool> {
        self.read(any)
    }

    /// The account signed in through this handle, read afresh (a deactivation shows at once).
    pub fn signed_in(&self) -> Result<Option<Account>> {
        let Some(acting) = self.acting() else {
            return Ok(None);
        };
        self.read(|c| Ok(Some(get(c, acting.id)?.account)))
    }

    /// Signs in: the account acts through this handle until [`Database::sign_out`]. A wrong
    /// password makes the account wait (see [`wait_after`]), and every failure is in the trail.
    pub fn sign_in(&self, username: &str, password: &str) -> Result<SignedIn> {
        self.sign_in_at(username, password, Local::now())
    }

    /// [`Database::sign_in`] at a given time, for tests of the waits.
    #[doc(hidden)]
    pub fn sign_in_at(
        &self,
        username: &str,
        password: &str,
        at: DateTime<Local>,
    ) -> Result<SignedIn> {
        let username = normalise_username(username);
        let found = self.read(|c| by_username(c, &username))?;
        let Some(stored) = found else {
            // The name typed is not kept: people type their password there by mistake.
            self.write(|tx| {
                audit::record_as(
                    tx,
                    Change::new(Subject::Workstation, "Đăng nhập không thành công")
                        .reason("tên đăng nhập không có"),
                    NOBODY,
                )
            })?;
            return Err(SignInRefusal::Wrong { wait_seconds: None }.into());
        };
        let account = stored.account.clone();
        let who = trail_name(&account);
        let refuse = |reason: String, refusal: SignInRefusal| -> Result<SignedIn> {
            self.write(|tx| {
                audit::record_as(
                    tx,
                    Change::new(Subject::Account(account.id.0), "Đăng nhập không thành công")
                        .reason(reason.clone()),
                    &who,
                )
            })?;
            Err(refusal.into())
        };
        if account.deactivated_on.is_some() {
            return refuse(
                "tài khoản đã ngừng sử dụng".into(),
                SignInRefusal::Deactivated,
            );
        }
        if let Some(until) = stored
            .wait_until
            .as_deref()
            .and_then(|u| DateTime::parse_from_rfc3339(u).ok())
        {
            let left = until.signed_duration_since(at).num_milliseconds();
            if left > 0 {
                // Not even checked: a guesser learns nothing while the account waits.
                return refuse(
                    format!("đang phải chờ đến {}", until.format("%H:%M:%S %d/%m/%Y")),
                    SignInRefusal::Waiting {
                        failures: stored.failed_attempts,
                        until: until.format("%H:%M:%S").to_string(),
                        seconds: (left as u64).div_ceil(1000),
                    },
                );
            }
        }
        if !verifies(password, &stored.password_hash) {
            let failures = stored.failed_attempts + 1;
            let wait = wait_after(failures);
            let until = at + chrono::Duration::from_std(wait).unwrap_or_default();
            self.write(|tx| {
                tx.execute(
                    "UPDATE account SET failed_attempts = ?2, wait_until = ?3 WHERE id = ?1",
                    params![
                        account.id.0,
                        failures,
                        until.to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
                    ],
                )?;
                audit::record_as(
                    tx,
                    Change::new(Subject::Account(account.id.0), "Đăng nhập không thành công")
                        .reason(format!(
                            "sai mật khẩu lần {failures} liên tiếp; chờ {} giây",
                            wait.as_secs()
                        )),
                    &who,
                )
            })?;
            return Err(if failures >= WAIT_AFTER {
                SignInRefusal::Waiting {
                    failures,
                    until: until.format("%H:%M:%S").to_string(),
                    seconds: wait.as_secs(),
                }
            } else {
                SignInRefusal::Wrong {
                    wait_seconds: Some(wait.as_secs()),
                }
            }
            .into());
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE account SET failed_attempts = 0, wait_until = NULL WHERE id = ?1",
                [account.id.0],
            )?;
            audit::record_as(
                tx,
                Change::new(Subject::Account(account.id.0), "Đăng nhập"),
                &who,
            )
        })?;
        self.set_acting(Some(Acting {
            id: account.id,
            trail_name: who.clone(),
        }));
        Ok(SignedIn {
            must_change_password: account.must_change_password,
            account,
        })
    }

    /// Ends the session of the account signed in through this handle.
    pub fn sign_out(&self) {
        self.set_acting(None);
    }

    /// Checks the password of the account signed in (the window's lock screen), counting a
    /// wrong one as a failed sign-in.
    pub fn unlock(&self, password: &str) -> Result<SignedIn> {
        let account = self.signed_in()?.ok_or(crate::permission::Denied::NotSignedIn)?;
        self.sign_in(&account.username, password)
    }

    /// The first administrator, on data with no account yet (the window's first run); signs
    /// them in. Refused once any account exists: then only an administrator creates accounts.
    pub fn create_first_administrator(
        &self,
        username: &str,
        display_name: &str,
        password: &str,
    ) -> Result<SignedIn> {
        let draft = AccountDraft {
            username: username.into(),
            display_name: display_name.into(),
            role: Role::Administrator,
            member_id: None,
            password: password.into(),
        };
        let account = self.write(|tx| {
            if any(tx)? {
                return Err(crate::permission::Denied::AccountsExist.into());
            }
            insert(tx, &draft)
        })?;
        self.sign_in(&account.username, password)
    }

    /// Every account, in use first, by name (the administrator's Accounts screen).
    pub fn accounts(&self) -> Result<Vec<Account>> {
        self.require(Action::ManageAccounts)?;
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{SELECT} ORDER BY deactivated_on IS NOT NULL, display_name, username"
            ))?;
            let rows = stmt.query_map([], from_row)?;
            Ok(rows
                .map(|r| r.map(|s| s.account))
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// An administrator creates an account with a first password.
    pub fn create_account(&self, draft: &AccountDraft) -> Result<Account> {
        self.require(Action::ManageAccounts)?;
        self.write(|tx| insert(tx, draft))
    }

    /// An administrator sets a temporary password for someone who forgot theirs: they set a new
    /// one at the next sign-in. Clears the wait of wrong passwords.
    pub fn reset_password(&self, id: AccountId, temporary: &str) -> Result<Account> {
        self.require(Action::ManageAccounts)?;
        check_password(temporary)?;
        let phc = hash(temporary)?;
        self.write(|tx| {
            let before = get(tx, id)?.account;
            tx.execute(
                "UPDATE account SET password_hash = ?2, must_change_password = 1,
                        failed_attempts = 0, wait_until = NULL WHERE id = ?1",
                params![id.0, phc],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Account(id.0), "Đặt lại mật khẩu").to(before.username),
            )?;
            Ok(get(tx, id)?.account)
        })
    }

    /// An administrator stops an account; it is kept (the trail names it), never deleted.
    pub fn deactivate_account(&self, id: AccountId) -> Result<Account> {
        self.require(Action::ManageAccounts)?;
        self.write(|tx| {
            let before = get(tx, id)?.account;
            if before.deactivated_on.is_some() {
                return Ok(before);
            }
            if Some(id) == self.acting().map(|a| a.id) {
                return Err(Error::invalid(
                    Field::Username,
                    "Không thể tự ngừng tài khoản đang đăng nhập: hãy dùng một tài khoản quản trị khác.",
                ));
            }
            tx.execute(
                "UPDATE account SET deactivated_on = ?2 WHERE id = ?1",
                params![id.0, now()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Account(id.0), "Ngừng sử dụng tài khoản")
                    .to(before.username),
            )?;
            Ok(get(tx, id)?.account)
        })
    }

    /// The person signed in sets a new password (required after a reset), giving the one in use.
    pub fn change_own_password(&self, current: &str, new: &str) -> Result<Account> {
        let acting = self.acting().ok_or(crate::permission::Denied::NotSignedIn)?;
        check_password(new)?;
        let stored = self.read(|c| get(c, acting.id))?;
        if !verifies(current, &stored.password_hash) {
            return Err(Error::invalid(
                Field::Password,
                "Mật khẩu đang dùng không đúng.",
            ));
        }
        if current == new {
            return Err(Error::invalid(
                Field::Password,
                "Hãy chọn mật khẩu mới khác mật khẩu cũ.",
            ));
        }
        let phc = hash(new)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE account SET password_hash = ?2, must_change_password = 0 WHERE id = ?1",
                params![acting.id.0, phc],
            )?;
            audit::record(tx, Change::new(Subject::Account(acting.id.0), "Đổi mật khẩu"))?;
            Ok(get(tx, acting.id)?.account)
        })
    }

    /// Lets the tool act as the administrator `username` without a password when run by the
    /// operating-system user `os_user` (the administrator's own login on this machine, whose
    /// files these are anyway). Set by that administrator, signed in.
    pub fn set_local_administrator(&self, os_user: &str) -> Result<()> {
        self.require(Action::ManageAccounts)?;
        let acting = self.acting().ok_or(crate::permission::Denied::NotSignedIn)?;
        let os_user = os_user.trim().to_string();
        if os_user.is_empty() {
            return Err(Error::invalid(
                Field::Username,
                "Hãy ghi tên người dùng hệ điều hành.",
            ));
        }
        let value = format!("{}:{}", os_user, acting.id.0);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LOCAL_ADMINISTRATOR, value],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Account(acting.id.0), "Đặt quản trị cục bộ")
                    .to(format!("người dùng hệ điều hành {os_user}")),
            )
        })
    }

    /// Acts as the local administrator when `os_user` is the one set up for it
    /// ([`Database::set_local_administrator`]) and that account is still in use.
    pub fn act_as_local_administrator(&self, os_user: &str) -> Result<Account> {
        let setting: Option<String> = self.read(|c| {
            Ok(c.query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [LOCAL_ADMINISTRATOR],
                |r| r.get(0),
            )
            .optional()?)
        })?;
        let account = setting
            .and_then(|v| {
                let (user, id) = v.rsplit_once(':')?;
                (user == os_user).then(|| id.parse::<i64>().ok()).flatten()
            })
            .ok_or(crate::permission::Denied::NoLocalAdministrator)?;
        let stored = self.read(|c| get(c, AccountId(account)))?;
        if stored.account.deactivated_on.is_some() || stored.account.role != Role::Administrator {
            return Err(crate::permission::Denied::NoLocalAdministrator.into());
        }
        self.set_acting(Some(Acting {
            id: stored.account.id,
            trail_name: format!("{} (quản trị cục bộ)", trail_name(&stored.account)),
        }));
        Ok(stored.account)
    }
}

const LOCAL_ADMINISTRATOR: &str = "local_administrator";

/// Who runs this program, as the operating system knows them: the user id on Unix (a name in
/// an environment variable could be anyone's), the login name elsewhere.
pub fn os_user() -> String {
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        format!("uid {}", unsafe { libc::getuid() })
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").unwrap_or_default()
    }
}
const LOCK_AFTER: &str = "lock_after_seconds";
/// The window locks after 15 minutes without a key or a click, unless Settings says otherwise.
pub const DEFAULT_LOCK_AFTER_SECONDS: u32 = 15 * 60;
/// Bounds of the idle time: a few seconds (tests of the lock) to a working day.
pub const LOCK_AFTER_RANGE: std::ops::RangeInclusive<u32> = 2..=8 * 60 * 60;

/// What the window needs to know before it shows anything: whether to ask for the first
/// administrator, for a sign-in, or for a new password, and when to lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignInState {
    pub accounts_exist: bool,
    /// The account signed in, if any.
    pub account: Option<Account>,
    /// The window locks after this many seconds without a key or a click.
    pub lock_after_seconds: u32,
    /// Whether the account signed in may manage accounts (the Accounts screen is offered).
    pub manages_accounts: bool,
}

impl Database {
    /// Seconds of idleness after which the window locks (Cài đặt; 15 minutes by default).
    pub fn lock_after_seconds(&self) -> Result<u32> {
        self.read(|c| {
            let value: Option<String> = c
                .query_row("SELECT value FROM setting WHERE key = ?1", [LOCK_AFTER], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(value
                .and_then(|v| v.parse().ok())
                .filter(|v| LOCK_AFTER_RANGE.contains(v))
                .unwrap_or(DEFAULT_LOCK_AFTER_SECONDS))
        })
    }

    /// Sets the idle time after which the window locks.
    pub fn set_lock_after_seconds(&self, seconds: u32) -> Result<u32> {
        self.require(Action::ChangeWorkstation)?;
        if !LOCK_AFTER_RANGE.contains(&seconds) {
            return Err(Error::invalid(
                Field::LockAfter,
                "Thời gian tự khoá màn hình từ 1 phút đến 8 giờ.",
            ));
        }
        let before = self.lock_after_seconds()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LOCK_AFTER, seconds.to_string()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Workstation, "Đặt thời gian tự khoá màn hình")
                    .from(duration_words(before))
                    .to(duration_words(seconds)),
            )?;
            Ok(seconds)
        })
    }

    /// Where the window stands: see [`SignInState`].
    pub fn sign_in_state(&self) -> Result<SignInState> {
        let account = self.signed_in()?;
        let manages_accounts = account.is_some() && self.require(Action::ManageAccounts).is_ok();
        Ok(SignInState {
            accounts_exist: self.accounts_exist()?,
            account,
            lock_after_seconds: self.lock_after_seconds()?,
            manages_accounts,
        })
    }
}

fn duration_words(seconds: u32) -> String {
    if seconds % 60 == 0 {
        format!("{} phút", seconds / 60)
    } else {
        format!("{seconds} giây")
    }
}

/// "Who" of a failed sign-in under a name that has no account.
const NOBODY: &str = "Người chưa đăng nhập";
