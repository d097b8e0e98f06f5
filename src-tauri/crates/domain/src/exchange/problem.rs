//! Why a package was refused. Every refusal comes before anything is written: the data of the
//! workstation receiving is byte for byte as it was.

/// A package that cannot be received, with what a secretary should do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageProblem {
    #[error("Không đọc được tệp gói trao đổi {name}: {reason}.")]
    Unreadable { name: String, reason: String },

    #[error("Tệp {name} bị cắt cụt hoặc hỏng ({detail}): có thể tệp chưa chép xong. Hãy xin gửi lại tệp gói. Dữ liệu trên máy này không thay đổi.")]
    Truncated { name: String, detail: String },

    #[error("Tệp {name} quá lớn ({detail}): có thể là tệp độc hại (bom nén). Gói bị từ chối, dữ liệu trên máy này không thay đổi.")]
    TooLarge { name: String, detail: String },

    #[error("Tệp {name} có phần mang tên không an toàn ({part}): có thể là tệp độc hại. Gói bị từ chối, dữ liệu trên máy này không thay đổi.")]
    UnsafePath { name: String, part: String },

    #[error("Tệp {name} được tạo bởi phiên bản Chuyên Đề mới hơn (định dạng {found}, phiên bản này đọc được đến {supported}). Hãy cài phiên bản mới nhất rồi nhận lại. Dữ liệu trên máy này không thay đổi.")]
    NewerFormat {
        name: String,
        found: u32,
        supported: u32,
    },

    #[error("Tệp {name} được ký bởi máy chưa được xác nhận ({label}, mã máy {workstation}, dấu vân tay khóa {fingerprint}). Hãy gọi điện hoặc đối chiếu trên giấy với máy gửi: nếu dấu vân tay trùng khớp, hãy xác nhận khóa này (màn hình Trao đổi, hoặc lệnh `chuyende key trust`) rồi nhận lại. Chưa có gì được ghi.")]
    UnknownKey {
        name: String,
        label: String,
        workstation: String,
        fingerprint: String,
    },

    #[error("Chữ ký của tệp {name} không khớp: gói đã bị sửa sau khi ký, hoặc không phải do máy {label} ký. Gói bị từ chối, dữ liệu trên máy này không thay đổi; hãy xin gửi lại.")]
    BadSignature { name: String, label: String },

    #[error("Phần {part} của tệp {name} đã bị thay đổi sau khi đóng gói (mã SHA-256 không khớp). Gói bị từ chối, dữ liệu trên máy này không thay đổi; hãy xin gửi lại.")]
    PartChanged { name: String, part: String },

    #[error("Tệp {name} thiếu phần {part}. Gói bị từ chối, dữ liệu trên máy này không thay đổi; hãy xin gửi lại.")]
    PartMissing { name: String, part: String },

    #[error("Tệp {name} có phần {part} không được kê trong danh mục đã ký. Gói bị từ chối, dữ liệu trên máy này không thay đổi.")]
    PartUnlisted { name: String, part: String },

    #[error("Tệp {name} không đúng định dạng ({detail}). Gói bị từ chối, dữ liệu trên máy này không thay đổi.")]
    Malformed { name: String, detail: String },

    #[error("Tệp {name} do chính máy này tạo ra: không cần nhận lại.")]
    OwnPackage { name: String },
}
