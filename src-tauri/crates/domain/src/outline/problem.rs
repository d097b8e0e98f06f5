//! Why a document was refused. Each message says what happened and what to do, in Vietnamese;
//! a refused document changes nothing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum DocumentProblem {
    #[error("Tệp “{name}” trống (0 byte). Hãy kiểm tra lại tệp gốc.")]
    Empty { name: String },

    #[error("Tệp “{name}” quá lớn ({size_mb:.1} MB); giới hạn là {limit_mb} MB. Hãy giảm dung lượng (ví dụ bỏ bớt hình ảnh) rồi nhập lại.")]
    TooLarge {
        name: String,
        size_mb: f64,
        limit_mb: u64,
    },

    #[error("“{name}” là một thư mục. Hãy chọn hoặc kéo thả từng tệp đề cương (.docx, .odt, .fodt, .pdf, .txt, .md).")]
    Folder { name: String },

    #[error("“{name}” không phải là một tệp thông thường (có thể là thiết bị hoặc đường ống của hệ thống) nên không được đọc. Hãy chọn hoặc kéo thả tệp đề cương (.docx, .odt, .fodt, .pdf, .txt, .md).")]
    NotAFile { name: String },

    #[error("Không đọc được tệp “{name}”: {}.", .cause.vietnamese())]
    // Only the parent reads files and starts readers: never in a reader's answer.
    #[serde(skip)]
    Unreadable {
        name: String,
        /// The system's error, for the log.
        #[source]
        cause: crate::os_error::OsError,
    },

    #[error("Không đọc được tệp “{name}”: không tìm thấy trình đọc tài liệu của Chuyên Đề. Hãy cài đặt lại ứng dụng.")]
    ReaderMissing { name: String },

    #[error("Tệp “{name}” không phải định dạng được hỗ trợ. Chỉ nhập được .docx, .odt, .fodt, .pdf, .txt, .md (và .doc cũ, chỉ lưu bản gốc).")]
    UnsupportedFormat { name: String },

    #[error("Tệp “{name}” có đuôi {claimed} nhưng nội dung không phải tệp {claimed}. Hãy mở tệp bằng Word hoặc LibreOffice và lưu lại đúng định dạng.")]
    NotWhatItsNameSays { name: String, claimed: String },

    #[error("Tệp “{name}” bị hỏng hoặc không đầy đủ ({detail}). Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại, rồi nhập lại.")]
    Corrupt { name: String, detail: String },

    #[error("Tệp “{name}” được đặt mật khẩu. Hãy bỏ mật khẩu (hoặc xuất lại bản PDF không mật khẩu) rồi nhập lại.")]
    Encrypted { name: String },

    #[error("Tệp “{name}” khi giải nén vượt quá giới hạn an toàn ({detail}); có thể là tệp độc hại. Tệp không được nhập.")]
    ExpandsTooMuch { name: String, detail: String },

    #[error("Tệp “{name}” chứa thành phần không có trong văn bản thật ({detail}); có thể là tệp độc hại. Tệp không được nhập.")]
    Hostile { name: String, detail: String },

    #[error("Tệp “{name}” tạo ra quá nhiều nội dung khi đọc ({detail}); có thể là tệp độc hại hoặc bị hỏng. Tệp không được nhập.")]
    ProducesTooMuch { name: String, detail: String },

    #[error("Không tìm thấy chữ nào trong tệp “{name}”. Hãy mở tệp bằng Word hoặc LibreOffice để kiểm tra, lưu lại rồi nhập lại.")]
    NoText { name: String },

    #[error("Trình đọc tệp “{name}” dừng bất thường (tệp có thể bị hỏng hoặc được tạo ra để gây lỗi) nên tệp không được nhập; dữ liệu không thay đổi. Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại rồi nhập lại.")]
    ReaderStopped { name: String },

    #[error("Đọc tệp “{name}” cần quá {limit_mb} MB bộ nhớ nên đã dừng; có thể là tệp độc hại hoặc bị hỏng. Tệp không được nhập.")]
    NeedsTooMuchMemory { name: String, limit_mb: u64 },

    #[error("Tệp văn bản “{name}” không ở mã Unicode (UTF-8 hoặc UTF-16). Hãy mở bằng Notepad và lưu lại với mã UTF-8.")]
    NotUnicode { name: String },

    #[error("Đọc tệp “{name}” mất quá {seconds} giây nên đã dừng. Hãy lưu lại tệp bằng Word hoặc LibreOffice rồi nhập lại.")]
    TimedOut { name: String, seconds: u64 },

    #[error(
        "Tệp “{name}” giống hệt phiên bản {number} đã nhập ngày {on}; không tạo phiên bản mới."
    )]
    AlreadyImported {
        name: String,
        number: i64,
        on: String,
    },
}

/// Why a kept version has no readable text, and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextStatus {
    Read,
    /// A Word 97–2003 .doc: kept, but its text is not read.
    LegacyDoc,
    /// A PDF with no text layer (a scan).
    NoTextLayer,
}

impl TextStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TextStatus::Read => "read",
            TextStatus::LegacyDoc => "legacy_doc",
            TextStatus::NoTextLayer => "no_text_layer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            TextStatus::Read,
            TextStatus::LegacyDoc,
            TextStatus::NoTextLayer,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    /// What the preview says instead of the text.
    pub fn message(self) -> Option<&'static str> {
        match self {
            TextStatus::Read => None,
            TextStatus::LegacyDoc => Some(
                "Đây là tệp Word cũ (.doc): bản gốc đã được lưu nhưng không đọc được nội dung. \
                 Phiên bản này không thể thông qua làm dự thảo. \
                 Hãy mở bằng Word hoặc LibreOffice, chọn “Lưu thành” định dạng .docx, rồi nhập lại để xem, so sánh và tìm kiếm.",
            ),
            TextStatus::NoTextLayer => Some(
                "Tệp PDF này là bản chụp/quét, không có lớp chữ: bản gốc đã được lưu nhưng không đọc được nội dung. \
                 Phiên bản này không thể thông qua làm dự thảo. \
                 Hãy nhập tệp Word (.docx) gốc của đề cương, hoặc bản PDF xuất trực tiếp từ Word.",
            ),
        }
    }
}
