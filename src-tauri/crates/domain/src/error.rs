//! Errors of the domain, each carrying what a person needs to fix the problem.
//!
//! How to add one: add a variant whose `#[error]` text is the Vietnamese sentence a cell
//! secretary will read (say what happened and what to do, never an SQL message), give it an
//! [`ErrorCode`] in [`Error::code`], and the UI and the CLI show it with no further work.
//! Validation failures name the [`Field`] so the form can put the message next to it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A form field a validation message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Kind,
    SuperiorName,
    ParentId,
    FullName,
    OrganisationId,
    Position,
    Standing,
    MovedOn,
    ProfileName,
    Title,
    GroupId,
    Quarter,
    PlannedOn,
    Assignees,
    Reason,
    Year,
    EndsAt,
    ChairId,
    SecretaryId,
    Topics,
    Threshold,
    SpeakerId,
    Text,
    Answer,
    StartsOn,
    EndsOn,
    SignedOn,
    Vote,
    Guest,
    PeriodFrom,
    PeriodTo,
    MinDuration,
    MeetingOn,
    Participants,
    SignerId,
    /// The organisation's settings of its documents (Cài đặt → Quy định của tổ chức).
    PlaceName,
    DocumentSymbol,
    SignerName,
    HeaderParent,
    HeaderIssuer,
    /// The day a yearly plan was reported to the committee above.
    ReportedOn,
    /// Days before the session the draft must go out (an organisation setting).
    DraftLeadDays,
    /// An account's sign-in name, password, name shown, linked member.
    Username,
    Password,
    /// The password typed a second time (the first-run set-up's administrator).
    PasswordAgain,
    DisplayName,
    MemberId,
    /// The idle time after which the window locks.
    LockAfter,
    /// A member list in Excel: the file or the sheet chosen in it.
    Sheet,
    /// Which column of a member list holds which of the member's details.
    Mapping,
    /// A member's date of birth, of joining the Party, card number.
    BornOn,
    JoinedOn,
    CardNumber,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was changed.
    #[error("{message}")]
    Invalid { field: Field, message: String },

    /// A step the topic's workflow does not allow from its current state.
    #[error("{message}")]
    Transition { message: String },

    /// A step of the topic's cycle refused, with why (see [`crate::cycle`]).
    #[error(transparent)]
    Cycle(#[from] crate::cycle::Refusal),

    /// What the account signed in may not do (its role, or not its own topic), or nobody is
    /// signed in on data that has accounts (see [`crate::permission`]).
    #[error(transparent)]
    Denied(#[from] crate::permission::Denied),

    /// A sign-in refused: wrong name or password, the account waiting, or deactivated.
    #[error(transparent)]
    SignIn(#[from] crate::account::SignInRefusal),

    /// A document that cannot be imported; nothing was changed.
    #[error(transparent)]
    Document(#[from] crate::outline::problem::DocumentProblem),

    /// The minutes were marked signed: they are what was signed on paper and stay as they are.
    #[error("Biên bản đã được đánh dấu là đã ký ngày {signed_on} nên không sửa được nữa. Muốn đính chính, hãy lập bản sửa đổi (bản đã ký vẫn được giữ nguyên).")]
    MinutesSigned { signed_on: String },

    /// A comment of a session whose minutes are signed: the comments are what was signed.
    #[error("Biên bản của buổi sinh hoạt đã được ký ngày {signed_on}: các ý kiến ghi trong đó không sửa hay rút được nữa. Muốn đính chính, hãy lập bản sửa đổi của biên bản.")]
    CommentsClosed { signed_on: String },

    /// A record the committee's approval locked (migration 10's triggers): the database itself
    /// refused to change it. The engine's words stay as the source, for the log.
    #[error("Đây là hồ sơ của chuyên đề đã được cấp ủy duyệt nên chỉ xem, không sửa hay xoá được. Muốn đính chính đề cương, hãy nhập phiên bản mới: phiên bản ấy sẽ được trình cấp ủy duyệt lại, lần duyệt trước vẫn được giữ trong lịch sử.")]
    Locked(#[source] rusqlite::Error),

    /// A document with a mandatory part empty is neither printed nor exported; the field names
    /// the first setting to fill, of the organisation `organisation_id`.
    #[error("Chưa in hay xuất được văn bản vì còn thiếu: {parts}. Hãy điền vào Cài đặt → Quy định của tổ chức, rồi in lại.")]
    DocumentIncomplete {
        organisation_id: i64,
        parts: String,
        field: Field,
    },

    #[error("Không tìm thấy {what} (mã {id}). Có thể dữ liệu đã bị xoá hoặc thay đổi ở nơi khác; hãy tải lại danh sách.")]
    NotFound { what: &'static str, id: i64 },

    /// The database file was written by a newer Chuyên Đề; we do not touch it.
    #[error("Tệp dữ liệu được tạo bởi phiên bản Chuyên Đề mới hơn (phiên bản dữ liệu {found}, phiên bản này chỉ đọc được đến {supported}). Hãy cài phiên bản mới nhất của ứng dụng. Dữ liệu của bạn không bị thay đổi.")]
    NewerSchema { found: i64, supported: i64 },

    #[error("Tệp {path} không phải là tệp dữ liệu của Chuyên Đề hoặc đã bị hỏng. Chuyên Đề không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu.")]
    NotADatabase { path: String },

    /// An SQLite file that some other program made, found where our database should be.
    #[error("Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải của Chuyên Đề. Chuyên Đề không ghi gì vào tệp này. Hãy kiểm tra lại thư mục dữ liệu (CHUYENDE_DATA_DIR hoặc --data-dir).")]
    Foreign { path: String },

    /// Our database, damaged (a power cut on a bad disk, a file copied back beside a stale
    /// `-wal`, a truncated copy). Never written to: the way out is a backup.
    #[error("Tệp dữ liệu {path} bị hỏng{detail}. Chuyên Đề không ghi gì vào tệp này. Hãy khôi phục bản sao lưu gần nhất (Cài đặt → Sao lưu, hoặc lệnh `chuyende restore`).")]
    Damaged { path: String, detail: String },

    /// The data folder or the file cannot be written (a read-only share, a locked USB stick):
    /// the data is shown, nothing can be changed.
    #[error("Thư mục dữ liệu chỉ cho phép đọc nên Chuyên Đề đang mở ở chế độ chỉ xem: thay đổi này chưa được lưu. Hãy mở bằng thư mục có quyền ghi (hoặc bỏ chế độ chống ghi của ổ đĩa) rồi thử lại.")]
    ReadOnly,

    /// Read-only data whose schema is older than this build: it would have to be migrated.
    #[error("Tệp dữ liệu {path} được tạo bởi phiên bản Chuyên Đề cũ hơn và cần được nâng cấp, nhưng thư mục dữ liệu chỉ cho phép đọc. Hãy mở bằng thư mục có quyền ghi. Dữ liệu của bạn không bị thay đổi.")]
    ReadOnlyOutdated { path: String },

    /// The data folder given does not exist (mistyped, or a USB stick that is not plugged in).
    #[error("Không có thư mục dữ liệu {path}. Hãy kiểm tra lại đường dẫn (có thể gõ nhầm hoặc ổ USB chưa cắm). Để bắt đầu dữ liệu mới ở đó, hãy tạo thư mục ấy trước (với công cụ chuyende: thêm --create).")]
    DataDirMissing { path: String },

    /// The disk went away under us (USB stick pulled, network share lost) or refused a write.
    #[error("Không đọc/ghi được tệp dữ liệu (ổ đĩa có thể đã bị rút ra hoặc bị lỗi): thay đổi này chưa được lưu. Hãy cắm lại ổ đĩa hoặc kiểm tra thư mục dữ liệu rồi thử lại.")]
    Unavailable,

    /// A backup file that cannot be restored from.
    #[error("{message}")]
    Backup { message: String },

    /// Writing a file the person asked for (an export, a backup) failed; nothing was replaced.
    #[error("Không ghi được tệp {path}: {reason}. Tệp cũ (nếu có) vẫn còn nguyên.")]
    WriteFile { path: String, reason: String },

    #[error("Ổ đĩa đã đầy nên không lưu được. Hãy giải phóng dung lượng rồi thử lại; dữ liệu trước đó vẫn còn nguyên.")]
    DiskFull,

    #[error("Dữ liệu đang được một chương trình khác ghi quá lâu (có thể một lệnh nhập hoặc sao lưu đang chạy). Những gì bạn vừa nhập vẫn còn trên màn hình; hãy đợi một lát rồi thử lại.")]
    Busy,

    #[error("Chuyên Đề đang mở ở một cửa sổ khác trên máy này, với cùng thư mục dữ liệu. Hãy dùng cửa sổ đó (xem thanh tác vụ); cửa sổ này không mở dữ liệu để tránh ghi chồng.")]
    AlreadyRunning,

    #[error("Không tạo được thư mục dữ liệu {path}: {}.", .source.vietnamese())]
    DataDir {
        path: String,
        source: crate::os_error::OsError,
    },

    /// The demonstration data's folder could not be made or removed (see `demo::remove_demo`).
    #[error("Không tạo hay xóa được thư mục dữ liệu mẫu {path}: {}.", .source.vietnamese())]
    DemoFolder {
        path: String,
        source: crate::os_error::OsError,
    },

    /// What the database holds cannot be read: never replaced by a default (see `stored`).
    #[error("Không đọc được dữ liệu đã lưu của {} (mã {}): tệp dữ liệu có thể đã bị hỏng hoặc bị sửa bằng công cụ khác. Hãy khôi phục từ bản sao lưu; chi tiết đã được ghi vào nhật ký (Cài đặt).", .0.what, .0.id)]
    Unreadable(#[source] crate::stored::UnreadableValue),

    /// An exchange package refused before anything was written (see `exchange::package`).
    #[error(transparent)]
    Package(#[from] crate::exchange::PackageProblem),

    /// The workstation's key file cannot be read: packages can be neither signed nor received.
    #[error("Tệp khóa của máy trạm {path} bị hỏng. Hãy chép lại tệp này từ bản sao; nếu không còn, hãy xoá nó để tạo khóa mới (các máy đã xác nhận khóa cũ phải xác nhận lại).")]
    KeyFile { path: String },

    /// A fault of the database engine; its English text is the source, for the log only.
    #[error("Lỗi khi đọc hoặc ghi dữ liệu; thao tác chưa được thực hiện. Hãy thử lại; nếu vẫn lỗi, hãy gửi tóm tắt chẩn đoán (Cài đặt) cho người hỗ trợ.")]
    Database(#[source] rusqlite::Error),
}

impl Error {
    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Validation,
            Error::DocumentIncomplete { .. } => ErrorCode::Incomplete,
            Error::Transition { .. }
            | Error::MinutesSigned { .. }
            | Error::CommentsClosed { .. }
            | Error::Locked(_) => ErrorCode::Transition,
            Error::Cycle(r) if r.field().is_some() => ErrorCode::Validation,
            Error::Cycle(_) => ErrorCode::Transition,
            Error::Document(_) => ErrorCode::Document,
            Error::Denied(_) => ErrorCode::Forbidden,
            Error::SignIn(_) => ErrorCode::SignIn,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::NotADatabase { .. }
            | Error::Unreadable(_)
            | Error::Foreign { .. }
            | Error::Damaged { .. } => ErrorCode::Corrupt,
            Error::ReadOnly | Error::ReadOnlyOutdated { .. } => ErrorCode::ReadOnly,
            Error::DataDirMissing { .. } | Error::Unavailable => ErrorCode::Unavailable,
            Error::Backup { .. } => ErrorCode::Validation,
            Error::Package(crate::exchange::PackageProblem::UnknownKey { .. }) => ErrorCode::UnknownKey,
            Error::Package(_) => ErrorCode::Package,
            Error::KeyFile { .. } => ErrorCode::Corrupt,
            Error::WriteFile { .. } => ErrorCode::Internal,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::Busy | Error::AlreadyRunning => ErrorCode::Busy,
            Error::DataDir { .. } | Error::DemoFolder { .. } | Error::Database(_) => {
                ErrorCode::Internal
            }
        }
    }

    pub fn field(&self) -> Option<Field> {
        match self {
            Error::Invalid { field, .. } | Error::DocumentIncomplete { field, .. } => Some(*field),
            Error::Cycle(r) => r.field(),
            _ => None,
        }
    }

    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Busy,
            Some(C::ReadOnly) => Error::ReadOnly,
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged {
                path: crate::paths::DATABASE_FILE.into(),
                detail: String::new(),
            },
            Some(C::SystemIoFailure | C::CannotOpen) => Error::Unavailable,
            Some(C::ConstraintViolation) if e.to_string().contains("approval lock") => {
                Error::Locked(e)
            }
            _ => match e {
                rusqlite::Error::FromSqlConversionFailure(column, ty, source) => {
                    match source.downcast::<crate::stored::UnreadableValue>() {
                        Ok(value) => Error::Unreadable(*value),
                        Err(source) => Error::Database(rusqlite::Error::FromSqlConversionFailure(
                            column, ty, source,
                        )),
                    }
                }
                e => Error::Database(e),
            },
        }
    }
}

/// What kind of failure, for the UI to choose how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    /// A document with a mandatory part empty: the field names the organisation's setting to
    /// fill (the window opens it).
    Incomplete,
    Transition,
    /// The account signed in may not do this (or nobody is signed in).
    Forbidden,
    /// A sign-in refused.
    SignIn,
    Document,
    /// An exchange package refused: nothing was written.
    Package,
    /// A package signed by a workstation whose key nobody here confirmed: the window offers to
    /// confirm it once its fingerprint was compared.
    UnknownKey,
    NotFound,
    NewerSchema,
    Corrupt,
    DiskFull,
    Busy,
    /// The data is open read-only: show it, explain that changes are not saved.
    ReadOnly,
    /// The data folder or its disk is not there.
    Unavailable,
    Internal,
}

/// An error as it crosses IPC: the code, the Vietnamese message, and the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<Field>,
}
