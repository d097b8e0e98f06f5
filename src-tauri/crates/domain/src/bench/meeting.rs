//! The bench's own cell, added beside the large data set's: a cell of a real size (24 members,
//! its committee, two probationary members) whose thematic session this quarter has the
//! attendance of a real meeting (two excused, one absent without reason, a guest of the đảng
//! ủy) and 60 comments of varied length, signed; and topics to bring the 100-page outline into.
//! The large data set's cells have eight members and one comment per session: their minutes
//! are a page long, not what a secretary exports after a long meeting.

use chrono::{Datelike, NaiveTime};

use crate::comment::{CommentDraft, CommentKind};
use crate::db::Database;
use crate::error::Result;
use crate::member::{MemberDraft, Position, Standing};
use crate::organisation::{OrganisationDraft, OrganisationId, Placement};
use crate::plan::Quarter;
use crate::session::{OrganisationSettings, Presence, SessionDraft, SessionId, SessionKind};
use crate::topic::{TopicDraft, TopicId};

/// The 100-page outline of the tests (tests/fixtures/large-100-pages.docx: 102 pages in
/// LibreOffice, 126 headings, 20 KB), built into the library so that the installed `chuyende`
/// measures the same file as the `outlines` bench, wherever it runs.
pub const LARGE_OUTLINE: &[u8] =
    include_bytes!("../../../../../tests/fixtures/large-100-pages.docx");
pub const LARGE_OUTLINE_NAME: &str = "de-cuong-100-trang.docx";

/// Comments in the session.
pub const COMMENTS: usize = 60;

/// What the bench made: the session with its comments, and topics waiting for an outline.
pub struct BenchMeeting {
    pub organisation: OrganisationId,
    pub session: SessionId,
    /// Planned topics with no outline yet, one per timed import.
    pub empty_topics: Vec<TopicId>,
}

/// Members of the cell, secretary first, then the deputy, the committee member and the
/// meeting's secretary, then the members.
const MEMBERS: &[(&str, Position, Standing)] = &[
    (
        "Nguyễn Thị Thanh Hương",
        Position::Secretary,
        Standing::Full,
    ),
    ("Trần Quốc Việt", Position::DeputySecretary, Standing::Full),
    ("Lê Văn Thắng", Position::CommitteeMember, Standing::Full),
    ("Phạm Thị Ngọc Ánh", Position::Member, Standing::Full),
    ("Hoàng Minh Đức", Position::Member, Standing::Full),
    ("Vũ Thị Mai Phương", Position::Member, Standing::Full),
    ("Đặng Văn Hùng", Position::Member, Standing::Full),
    ("Bùi Thị Thu Trang", Position::Member, Standing::Full),
    ("Đỗ Quang Huy", Position::Member, Standing::Full),
    ("Ngô Thị Kim Oanh", Position::Member, Standing::Full),
    ("Dương Văn Khải", Position::Member, Standing::Full),
    ("Lý Thị Hồng Nhung", Position::Member, Standing::Full),
    ("Nguyễn Văn Toàn", Position::Member, Standing::Full),
    ("Trần Thị Bích Ngọc", Position::Member, Standing::Full),
    ("Lê Đình Phúc", Position::Member, Standing::Full),
    ("Phạm Văn Cường", Position::Member, Standing::Full),
    ("Hoàng Thị Lệ Thủy", Position::Member, Standing::Full),
    ("Vũ Đức Thịnh", Position::Member, Standing::Full),
    ("Đinh Thị Hải Yến", Position::Member, Standing::Full),
    ("Nguyễn Hữu Nghĩa", Position::Member, Standing::Full),
    ("Trịnh Thị Thu Hà", Position::Member, Standing::Full),
    ("Mai Xuân Trường", Position::Member, Standing::Full),
    (
        "Cao Thị Minh Nguyệt",
        Position::Member,
        Standing::Probationary,
    ),
    ("Tạ Quang Khánh", Position::Member, Standing::Probationary),
];

/// Who is not there: two excused with their reason, one absent without one.
const ABSENT: &[(usize, Presence, &str)] = &[
    (
        9,
        Presence::Excused,
        "Đi công tác tại Hà Nội theo quyết định của cơ quan",
    ),
    (
        16,
        Presence::Excused,
        "Nghỉ ốm, có đơn xin phép gửi đồng chí Bí thư",
    ),
    (21, Presence::Unexcused, ""),
];

/// What members say in a thematic session, from a word of agreement to a worked proposal;
/// a comment is one to four of these, so lengths vary as they do in real minutes.
const REMARKS: &[&str] = &[
    "Tôi nhất trí với dự thảo chuyên đề.",
    "Dự thảo được chuẩn bị công phu, bố cục rõ ràng, bám sát Hướng dẫn 42-HD/BTCTW.",
    "Đề nghị phần thực trạng nêu cụ thể hơn những hạn chế của chi bộ trong năm qua, có số liệu minh họa.",
    "Qua chuyên đề, bản thân tôi nhận thức rõ hơn trách nhiệm nêu gương, nhất là trong việc giữ kỷ luật, kỷ cương hành chính và thái độ phục vụ nhân dân.",
    "Đề nghị bổ sung giải pháp về chuyển đổi số trong xử lý văn bản, giao cho từng bộ phận với thời hạn hoàn thành.",
    "Phần giải pháp còn chung chung; cần chỉ rõ ai làm, làm đến đâu, chi bộ kiểm tra vào thời điểm nào.",
    "Tôi đề nghị chi ủy đưa nội dung làm theo vào kế hoạch rèn luyện của từng đảng viên và đánh giá vào cuối năm.",
    "Đề nghị sửa lỗi chính tả ở mục II.3 và thống nhất cách viết tên các văn bản được trích dẫn.",
    "Thời gian qua, một số đồng chí còn ngại va chạm, chưa thẳng thắn tự phê bình và phê bình trong sinh hoạt; chuyên đề cần nêu giải pháp khắc phục tình trạng này.",
    "Bản thân tôi sẽ đăng ký nội dung làm theo gắn với nhiệm vụ chuyên môn được giao.",
    "Đề nghị chi bộ phối hợp với công đoàn, đoàn thanh niên tổ chức các hoạt động hưởng ứng, để chuyên đề lan tỏa đến quần chúng trong cơ quan.",
    "Cần làm rõ mối quan hệ giữa chuyên đề này với Nghị quyết Đại hội Đảng bộ nhiệm kỳ 2025 – 2030.",
    "Tôi đề nghị rút gọn phần lý luận, dành dung lượng cho những việc làm cụ thể của chi bộ.",
    "Đề xuất chi bộ biểu dương kịp thời những đảng viên làm tốt, đồng thời nhắc nhở những trường hợp chưa gương mẫu.",
    "Về thực hành tiết kiệm, đề nghị bổ sung chỉ tiêu giảm chi phí văn phòng phẩm, điện, nước so với năm trước.",
    "Tôi thống nhất cao với các ý kiến của đồng chí vừa phát biểu.",
];

/// The comment `n` of the session: one to four remarks, drawn so that neighbours differ.
fn comment_text(n: usize) -> String {
    let count = 1 + (n * 7 + n / 5) % 4;
    (0..count)
        .map(|i| REMARKS[(n * 5 + i * 3) % REMARKS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last comment's text: the DOCX check looks for it.
pub fn last_comment_text() -> String {
    comment_text(COMMENTS - 1)
}

/// Adds the bench's cell under `committee`: its plan of the current year approved, a topic
/// presented and discussed in a signed session of [`COMMENTS`] comments, and `imports` more
/// topics planned, waiting for their outline.
pub fn hold(db: &Database, committee: OrganisationId, imports: usize) -> Result<BenchMeeting> {
    let cell = db.create_organisation(&OrganisationDraft {
        name: "Chi bộ Văn phòng (đo hiệu năng)".into(),
        placement: Placement::Cell {
            parent_id: committee,
        },
    })?;
    // The documents name their place and number: minutes are not issued without them.
    db.set_organisation_settings(
        cell.id,
        OrganisationSettings {
            place_name: "Quảng Ninh".into(),
            document_symbol: "VP".into(),
            ..db.organisation_settings(cell.id)?
        },
    )?;
    let members = MEMBERS
        .iter()
        .map(|&(name, position, standing)| {
            db.create_member(&MemberDraft {
                organisation_id: cell.id,
                full_name: name.into(),
                position,
                standing,
                record: Default::default(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let today = db.today();
    let year = today.year();
    let quarter = Quarter::of(today);
    let plan = db.create_plan(cell.id, year)?;
    let group = db.topic_groups(cell.id)?[2].id;
    let topic = |title: String, assignee: usize| {
        db.create_topic(
            plan.id,
            &TopicDraft {
                title,
                group_id: group,
                quarter,
                planned_on: Some(today),
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: vec![members[assignee].id],
            },
        )
    };
    let presented = topic(
        "Trách nhiệm nêu gương của cán bộ, đảng viên trong thực hiện nhiệm vụ chuyên môn".into(),
        2,
    )?;
    let empty_topics = (0..imports)
        .map(|i| {
            topic(
                format!("Chuyên đề dự phòng số {} (nhập đề cương dài)", i + 1),
                3 + i % (MEMBERS.len() - 3),
            )
            .map(|t| t.id)
        })
        .collect::<Result<Vec<_>>>()?;
    db.approve_plan(plan.id, today)?;
    db.start_drafting(presented.id)?;
    db.import_outline(
        presented.id,
        LARGE_OUTLINE_NAME,
        LARGE_OUTLINE,
        "Bản dự thảo",
    )?;
    db.pass_draft(presented.id)?;
    let at = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("a valid hour");
    let session = db.create_session(&SessionDraft {
        organisation_id: cell.id,
        kind: SessionKind::Thematic,
        held_on: today,
        starts_at: at(8),
        ends_at: Some(at(11)),
        place: "Phòng họp số 2, trụ sở cơ quan".into(),
        chair_id: Some(members[0].id),
        secretary_id: Some(members[3].id),
        guests: "Đồng chí Phạm Văn Long, Ủy viên Ban Thường vụ Đảng ủy".into(),
        topic_ids: vec![presented.id],
    })?;
    for &(who, presence, reason) in ABSENT {
        db.set_attendance(session.id, members[who].id, presence, reason)?;
    }
    let speakers: Vec<_> = (0..members.len())
        .filter(|i| !ABSENT.iter().any(|a| a.0 == *i))
        .map(|i| members[i].id)
        .collect();
    for n in 0..COMMENTS {
        db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: Some(presented.id),
                // 8 is prime to the 21 present: each of them speaks, some twice or more.
                speaker_id: speakers[(n * 8) % speakers.len()],
                kind: CommentKind::ALL[n % 3],
                text: comment_text(n),
                anchor_block: None,
            },
        )?;
    }
    db.set_conclusion(
        session.id,
        "Chi bộ thống nhất thông qua chuyên đề. Đồng chí Thắng tiếp thu các ý kiến đóng góp, \
         hoàn chỉnh chuyên đề trình chi ủy trong 10 ngày; mỗi đảng viên đăng ký nội dung làm \
         theo và báo cáo kết quả tại buổi sinh hoạt cuối quý.",
    )?;
    db.sign_minutes(session.id, today)?;
    Ok(BenchMeeting {
        organisation: cell.id,
        session: session.id,
        empty_topics,
    })
}
