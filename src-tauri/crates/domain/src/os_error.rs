//! Errors of the operating system arrive in English ("No such file or directory (os error 2)").
//! People read a Vietnamese sentence; the English text stays as the error's source, for the log.

use std::io::ErrorKind;

/// An operating-system error: shown as [`OsError::vietnamese`], logged as its original text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct OsError {
    pub kind: ErrorKind,
    /// The system's own text, for the log.
    pub detail: String,
}

impl From<std::io::Error> for OsError {
    fn from(e: std::io::Error) -> Self {
        OsError {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

impl OsError {
    /// What happened, in words a secretary understands.
    pub fn vietnamese(&self) -> &'static str {
        match self.kind {
            ErrorKind::NotFound => {
                "không tìm thấy tệp hoặc thư mục (có thể đã bị xoá, đổi tên hoặc chuyển chỗ)"
            }
            ErrorKind::PermissionDenied => "máy không cho phép truy cập (không đủ quyền)",
            ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục cùng tên",
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "ổ đĩa đã đầy",
            ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không cho ghi",
            ErrorKind::IsADirectory => "đây là một thư mục, không phải tệp",
            ErrorKind::NotADirectory => "một phần của đường dẫn không phải thư mục",
            ErrorKind::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
            ErrorKind::ResourceBusy | ErrorKind::WouldBlock => {
                "tệp đang được một chương trình khác sử dụng"
            }
            ErrorKind::TimedOut => "quá thời gian chờ",
            ErrorKind::UnexpectedEof | ErrorKind::InvalidData => {
                "nội dung tệp không đầy đủ hoặc bị hỏng"
            }
            ErrorKind::OutOfMemory => "máy không đủ bộ nhớ",
            _ => "lỗi của hệ điều hành khi đọc hoặc ghi tệp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_in_vietnamese_and_the_system_text_is_kept_for_the_log() {
        let e = OsError::from(std::fs::read("/không/có/tệp/này").unwrap_err());
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert!(e.vietnamese().starts_with("không tìm thấy tệp"));
        assert!(
            e.to_string().contains("os error 2"),
            "the log keeps the system's text: {e}"
        );
    }
}
