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
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was changed.
    #[error("{message}")]
    Invalid { field: Field, message: String },

    /// A step the topic's workflow does not allow from its current state.
    #[error("{message}")]
    Transition { message: String },

    /// A document that cannot be imported; nothing was changed.
    #[error(transparent)]
    Document(#[from] crate::outline::problem::DocumentProblem),

    /// The minutes were marked signed: they are what was signed on paper and stay as they are.
    #[error("Biên bản đã được đánh dấu là đã ký ngày {signed_on} nên không sửa được nữa. Muốn đính chính, hãy lập bản sửa đổi (bản đã ký vẫn được giữ nguyên).")]
    MinutesSigned { signed_on: String },

    #[error("Không tìm thấy {what} (mã {id}). Có thể dữ liệu đã bị xoá hoặc thay đổi ở nơi khác; hãy tải lại danh sách.")]
    NotFound { what: &'static str, id: i64 },

    /// The database file was written by a newer Chuyên Đề; we do not touch it.
    #[error("Tệp dữ liệu được tạo bởi phiên bản Chuyên Đề mới hơn (phiên bản dữ liệu {found}, phiên bản này chỉ đọc được đến {supported}). Hãy cài phiên bản mới nhất của ứng dụng. Dữ liệu của bạn không bị thay đổi.")]
    NewerSchema { found: i64, supported: i64 },

    #[error("Tệp {path} không phải là tệp dữ liệu của Chuyên Đề hoặc đã bị hỏng. Hãy khôi phục từ bản sao lưu.")]
    NotADatabase { path: String },

    #[error("Ổ đĩa đã đầy nên không lưu được. Hãy giải phóng dung lượng rồi thử lại; dữ liệu trước đó vẫn còn nguyên.")]
    DiskFull,

    #[error("Dữ liệu đang được một chương trình khác sử dụng (có thể Chuyên Đề đang mở ở cửa sổ khác). Hãy đóng chương trình đó rồi thử lại.")]
    Busy,

    #[error("Chuyên Đề đang mở ở một cửa sổ khác trên máy này, với cùng thư mục dữ liệu. Hãy dùng cửa sổ đó (xem thanh tác vụ); cửa sổ này không mở dữ liệu để tránh ghi chồng.")]
    AlreadyRunning,

    #[error("Không tạo được thư mục dữ liệu {path}: {}.", .source.vietnamese())]
    DataDir {
        path: String,
        source: crate::os_error::OsError,
    },

    /// What the database holds cannot be read: never replaced by a default (see `stored`).
    #[error("Không đọc được dữ liệu đã lưu của {} (mã {}): tệp dữ liệu có thể đã bị hỏng hoặc bị sửa bằng công cụ khác. Hãy khôi phục từ bản sao lưu; chi tiết đã được ghi vào nhật ký (Cài đặt).", .0.what, .0.id)]
    Unreadable(#[source] crate::stored::UnreadableValue),

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
            Error::Transition { .. } | Error::MinutesSigned { .. } => ErrorCode::Transition,
            Error::Document(_) => ErrorCode::Document,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::NotADatabase { .. } | Error::Unreadable(_) => ErrorCode::Corrupt,
            Error::DiskFull => ErrorCode::DiskFull,
            Error::Busy | Error::AlreadyRunning => ErrorCode::Busy,
            Error::DataDir { .. } | Error::Database(_) => ErrorCode::Internal,
        }
    }

    pub fn field(&self) -> Option<Field> {
        match self {
            Error::Invalid { field, .. } => Some(*field),
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
    Transition,
    Document,
    NotFound,
    NewerSchema,
    Corrupt,
    DiskFull,
    Busy,
    Internal,
}

/// An error as it crosses IPC: the code, the Vietnamese message, and the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<Field>,
}
