//! The default wording of the yearly plan's text blocks (issue 11, point 8; DOMAIN.md, "A
//! yearly plan submitted upward"): its Căn cứ, "I. Mục đích, yêu cầu" and the standing part of
//! "III. Tổ chức thực hiện" — responsibilities and reporting. An organisation rewords any of
//! them in its settings (one paragraph a line); the deadlines of the outlines are printed from
//! the topics themselves.

use crate::organisation::{Organisation, Placement};

/// "chi bộ" / "đảng bộ", "chi ủy" / "đảng ủy".
fn words(org: &Organisation) -> (&'static str, &'static str) {
    match org.placement {
        Placement::Cell { .. } => ("chi bộ", "chi ủy"),
        Placement::PartyCommitteeOrg { .. } => ("đảng bộ", "đảng ủy"),
    }
}

pub(crate) fn basis(org: &Organisation) -> String {
    [
        "Căn cứ Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương về một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ và Hướng dẫn số 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương;".to_string(),
        format!("Căn cứ hướng dẫn, chỉ đạo của {} về sinh hoạt chuyên đề;", org.parent_name),
    ]
    .join("\n")
}

pub(crate) fn purpose(org: &Organisation) -> String {
    let (body, _) = words(org);
    [
        format!("1. Mục đích: nâng cao chất lượng sinh hoạt {body}, giải quyết những vấn đề thiết thực gắn với nhiệm vụ chính trị của cơ quan, đơn vị; nâng cao nhận thức, trách nhiệm nêu gương của đảng viên."),
        "2. Yêu cầu: sinh hoạt chuyên đề ít nhất mỗi quý một lần, không thay thế sinh hoạt thường kỳ; chuyên đề được chuẩn bị kỹ, nội dung cụ thể, phát huy dân chủ, trí tuệ của mỗi đảng viên; mỗi buổi sinh hoạt có kết luận và biện pháp thực hiện.".to_string(),
    ]
    .join("\n")
}

pub(crate) fn implementation(org: &Organisation) -> String {
    let (body, committee) = words(org);
    [
        format!("Các đồng chí được phân công chủ động nghiên cứu, chuẩn bị dự thảo đề cương; trao đổi với bí thư {body} về mục đích, yêu cầu, nội dung, phương pháp trình bày."),
        format!("Đồng chí bí thư {body} chủ trì, chỉ đạo việc chuẩn bị và tổ chức các buổi sinh hoạt; {committee} theo dõi, đôn đốc việc thực hiện kế hoạch."),
        format!("Sau mỗi buổi sinh hoạt, {committee} tổng hợp kết quả, báo cáo cấp ủy cấp trên; cuối năm đánh giá việc thực hiện kế hoạch, báo cáo cấp trên theo quy định."),
    ]
    .join("\n")
}
