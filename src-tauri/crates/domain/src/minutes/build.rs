//! The minutes drawn up from a session record (DOMAIN.md, "Minutes"): who, when, where,
//! attendance, the agenda, each member's contribution by name, the chair's conclusion, the end,
//! the signatures. The meeting secretary records and adds nothing of their own: every sentence
//! here comes from the record or is the customary wording around it.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use rusqlite::Connection;

use super::issuer;
use super::model::{DocumentHeader, DocumentParagraph, PartyDocument, Signature};
use super::numbering::{self, DocumentKind};
use crate::comment;
use crate::error::{Error, Result};
use crate::guest::{self, Guest};
use crate::member::{MemberId, Position};
use crate::organisation::{self, Placement};
use crate::plan::Quarter;
use crate::session::{
    self, AttendanceTotals, OrganisationSettings, Presence, SessionId, SessionKind,
};
use crate::vote::{self, ConclusionVote};

/// "ngày 06 tháng 6 năm 2024" (the Party writes months 1 and 2 as "01", "02" when it uses
/// leading zeros, so that they cannot be altered into 11 and 12; days below 10 likewise).
pub fn date_words(date: NaiveDate, leading_zero: bool) -> String {
    let (d, m) = (date.day(), date.month());
    let day = if leading_zero {
        format!("{d:02}")
    } else {
        d.to_string()
    };
    let month = if leading_zero && m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    format!("ngày {day} tháng {month} năm {}", date.year())
}

fn time_words(t: NaiveTime) -> String {
    format!("{} giờ {:02} phút", t.hour(), t.minute())
}

/// A reason as written inside a sentence: "Đi công tác" → "đi công tác". Only the first letter
/// of a word in sentence case is lowered; "UBND …" or a name in capitals stays as typed.
fn in_sentence(reason: &str) -> String {
    let mut chars = reason.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(reason.chars().skip(1)).collect()
        }
        _ => reason.to_string(),
    }
}

/// "Vắng có lý do: 1 đồng chí (Đặng Quang Hải, đi công tác)."; "…: không có."
fn absence_line(label: &str, people: &[(&str, &str)]) -> String {
    if people.is_empty() {
        return format!("{label}: không có.");
    }
    let named = people
        .iter()
        .map(|(name, reason)| {
            if reason.is_empty() {
                name.to_string()
            } else {
                format!("{name}, {}", in_sentence(reason))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("{label}: {} đồng chí ({named}).", people.len())
}

/// A member's title in the minutes: "bí thư chi bộ", "phó bí thư chi bộ", "chi ủy viên",
/// "đảng viên" (a đảng bộ's: "… đảng ủy", "đảng ủy viên").
fn title_of(position: Position, placement: &Placement) -> String {
    let (body, committee) = match placement {
        Placement::Cell { .. } => ("chi bộ", "chi ủy viên"),
        Placement::PartyCommitteeOrg { .. } => ("đảng ủy", "đảng ủy viên"),
    };
    match position {
        Position::Secretary => format!("bí thư {body}"),
        Position::DeputySecretary => format!("phó bí thư {body}"),
        Position::CommitteeMember => committee.to_string(),
        Position::Member => "đảng viên".to_string(),
    }
}

/// The attendance lines of the composition (DOMAIN.md, "Minutes"): members in total and
/// present, each split into full, probationary and temporarily attached (*sinh hoạt tạm*), and
/// those exempt from meetings (*miễn sinh hoạt*) by name, whether or not they came.
fn composition(org_kind: &str, t: &AttendanceTotals, exempt: &[&str]) -> Vec<String> {
    let exempt_line = if exempt.is_empty() {
        "Đảng viên được miễn sinh hoạt: không có.".to_string()
    } else {
        let came = if t.present_exempt > 0 {
            format!("; có mặt: {}", t.present_exempt)
        } else {
            String::new()
        };
        format!(
            "Đảng viên được miễn sinh hoạt: {} đồng chí ({}{came}).",
            exempt.len(),
            exempt.join(", ")
        )
    };
    vec![
        format!(
            "Tổng số đảng viên của {org_kind}: {} đồng chí (chính thức: {}; dự bị: {}; sinh hoạt tạm: {}).",
            t.members, t.full_members, t.probationary_members, t.attached_members
        ),
        exempt_line,
        format!(
            "Đảng viên được triệu tập: {} đồng chí. Có mặt: {} đồng chí (chính thức: {}; dự bị: {}; sinh hoạt tạm: {}).",
            t.called, t.present, t.present_full, t.present_probationary, t.present_attached
        ),
    ]
}

/// "Khách mời: không có." or the guests named on the session form, then those recorded as
/// speakers whom the form did not already name.
fn guests_line(typed: &str, guests: &[Guest]) -> String {
    let typed = typed.trim().trim_end_matches(['.', ';']).trim();
    let mut parts: Vec<String> = Vec::new();
    if !typed.is_empty() {
        parts.push(typed.to_string());
    }
    for g in guests {
        if !typed.contains(&g.full_name) {
            parts.push(format!("đồng chí {}", g.name_and_title()));
        }
    }
    if parts.is_empty() {
        "Khách mời: không có.".into()
    } else {
        format!("Khách mời: {}.", parts.join("; "))
    }
}

/// "… bằng hình thức giơ tay: 5 đồng chí tán thành, 0 …"; dots to fill in by hand when the
/// secretary has not recorded the vote.
fn vote_sentence(vote: Option<&ConclusionVote>, present: i64) -> String {
    match vote {
        Some(v) => format!(
            "Hội nghị biểu quyết thông qua kết luận bằng hình thức {}: {} đồng chí tán thành, {} đồng chí không tán thành, {} đồng chí không biểu quyết (trên tổng số {present} đồng chí có mặt).",
            v.method.label(),
            v.agreed,
            v.disagreed,
            v.abstained
        ),
        None => "Hội nghị biểu quyết thông qua kết luận bằng hình thức giơ tay: … đồng chí tán thành, … đồng chí không tán thành, … đồng chí không biểu quyết.".into(),
    }
}

/// The minutes as drawn up from the session record, and the note on their number when the
/// organisation has declared no term covering the meeting.
pub(crate) struct DrawnUp {
    pub document: PartyDocument,
    pub numbering_note: Option<String>,
}

/// Draws up the minutes of a session from its record as it stands now.
pub(crate) fn draw_up(conn: &Connection, id: SessionId) -> Result<DrawnUp> {
    let session = session::get(conn, id)?;
    // A withdrawn comment stays in the record, marked; the minutes leave it out.
    let comments: Vec<_> = comment::comments_of(conn, id)?
        .into_iter()
        .filter(|c| c.withdrawn.is_none())
        .collect();
    let guests = guest::guests_of(conn, id)?;
    let vote = vote::vote_of(conn, id)?;
    let org = organisation::get(conn, session.organisation_id)?;
    let settings: OrganisationSettings = session::settings_of(conn, org.id)?;
    let title = |member: Option<MemberId>| -> Result<String> {
        let Some(member) = member else {
            return Ok(String::new());
        };
        let position: String = conn.query_row(
            "SELECT position FROM member WHERE id = ?1",
            [member.0],
            |r| r.get(0),
        )?;
        let position = Position::ALL
            .into_iter()
            .find(|p| p.as_str() == position)
            .ok_or_else(|| {
                Error::Unreadable(crate::stored::UnreadableValue::new(
                    "đảng viên",
                    member.0,
                    "position",
                    &position,
                    "giá trị không thuộc danh sách",
                ))
            })?;
        Ok(title_of(position, &org.placement))
    };

    let issuer = issuer::issuer(&org, &settings);
    let numbered = numbering::minutes_number(conn, org.id, id, session.held_on)?;
    let place = numbering::place_prefix(&settings);

    let quarter = Quarter::of(session.held_on);
    let subject = match session.kind {
        // "quý II": the word in lower case, the numeral as written.
        SessionKind::Thematic => format!(
            "sinh hoạt chuyên đề quý {} năm {}",
            quarter.numeral(),
            session.held_on.year()
        ),
        SessionKind::Regular => format!(
            "sinh hoạt chi bộ thường kỳ tháng {} năm {}",
            session.held_on.month(),
            session.held_on.year()
        ),
    };
    let org_kind = match org.placement {
        Placement::Cell { .. } => "chi bộ",
        Placement::PartyCommitteeOrg { .. } => "đảng bộ",
    };
    let t = &session.totals;
    let mut body = vec![DocumentParagraph::text(format!(
        "Hồi {}, {}, tại {}, {} tổ chức {}.",
        time_words(session.starts_at),
        date_words(session.held_on, settings.date_leading_zero),
        if session.place.is_empty() {
            "trụ sở cơ quan".into()
        } else {
            session.place.clone()
        },
        org.name,
        subject
    ))];

    body.push(DocumentParagraph::heading("I. THÀNH PHẦN"));
    if let Some(chair) = &session.chair_name {
        body.push(DocumentParagraph::text(format!(
            "Chủ trì: đồng chí {chair}, {}.",
            title(session.chair_id)?
        )));
    }
    if let Some(secretary) = &session.secretary_name {
        body.push(DocumentParagraph::text(format!(
            "Thư ký: đồng chí {secretary}, {}.",
            title(session.secretary_id)?
        )));
    }
    let exempt: Vec<&str> = session
        .attendance
        .iter()
        .filter(|a| a.exempt)
        .map(|a| a.full_name.as_str())
        .collect();
    body.extend(
        composition(org_kind, t, &exempt)
            .into_iter()
            .map(DocumentParagraph::text),
    );
    // An exempt member who did not come was not called: not absent either.
    let absent = |p: Presence| -> Vec<(&str, &str)> {
        session
            .attendance
            .iter()
            .filter(|a| a.presence == p && !a.exempt)
            .map(|a| (a.full_name.as_str(), a.reason.as_str()))
            .collect()
    };
    body.push(DocumentParagraph::text(absence_line(
        "Vắng có lý do",
        &absent(Presence::Excused),
    )));
    body.push(DocumentParagraph::text(absence_line(
        "Vắng không lý do",
        &absent(Presence::Unexcused)
            .into_iter()
            .map(|(name, _)| (name, ""))
            .collect::<Vec<_>>(),
    )));
    body.push(DocumentParagraph::text(guests_line(
        &session.guests,
        &guests,
    )));

    body.push(DocumentParagraph::heading("II. NỘI DUNG"));
    let chair = session.chair_name.as_deref().unwrap_or("chủ trì");
    let presenter = |p: &str| {
        if p.is_empty() {
            "được phân công".to_string()
        } else {
            p.to_string()
        }
    };
    // The agenda, then the proceedings in the order they happened.
    let mut agenda = vec!["nêu mục đích, yêu cầu của buổi sinh hoạt".to_string()];
    agenda.extend(
        session
            .topics
            .iter()
            .map(|topic| format!("trình bày chuyên đề “{}”", topic.title)),
    );
    agenda.push("thảo luận".into());
    agenda.push("kết luận và biểu quyết thông qua kết luận".into());
    body.push(DocumentParagraph::text(format!(
        "Chương trình buổi sinh hoạt: {}.",
        agenda
            .iter()
            .enumerate()
            .map(|(i, item)| format!("({}) {item}", i + 1))
            .collect::<Vec<_>>()
            .join("; ")
    )));
    let mut step = 1;
    body.push(DocumentParagraph::text(format!(
        "{step}. Đồng chí {chair} nêu mục đích, yêu cầu của buổi sinh hoạt."
    )));
    for topic in &session.topics {
        step += 1;
        body.push(DocumentParagraph::text(format!(
            "{step}. Đồng chí {} trình bày chuyên đề “{}”.",
            presenter(&topic.presenter),
            topic.title
        )));
    }
    step += 1;
    body.push(DocumentParagraph::text(format!(
        "{step}. Ý kiến thảo luận:"
    )));
    if comments.is_empty() {
        body.push(DocumentParagraph::item("Không có ý kiến."));
    }
    // As spoken: each speaker by name (a guest with their title), in the order they spoke.
    for c in &comments {
        let speaker = if c.speaker_title.is_empty() {
            c.speaker_name.clone()
        } else {
            format!("{}, {}", c.speaker_name, c.speaker_title)
        };
        body.push(DocumentParagraph::item(format!(
            "- Đồng chí {speaker}: {}",
            c.text.trim()
        )));
    }
    step += 1;
    body.push(DocumentParagraph::text(format!(
        "{step}. Đồng chí {chair} kết luận:"
    )));
    let conclusion = session.conclusion.trim();
    for para in conclusion
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        body.push(DocumentParagraph::text(para.to_string()));
    }
    if conclusion.is_empty() {
        body.push(DocumentParagraph::text("…"));
    }
    step += 1;
    body.push(DocumentParagraph::text(format!(
        "{step}. {}",
        vote_sentence(vote.as_ref(), t.present)
    )));
    body.push(DocumentParagraph::text(format!(
        "Buổi sinh hoạt kết thúc hồi {} cùng ngày. Biên bản đã được đọc lại cho hội nghị nghe và thông qua.",
        session.ends_at.map(time_words).unwrap_or_else(|| "… giờ … phút".into())
    )));

    Ok(DrawnUp {
        document: PartyDocument {
            header: DocumentHeader {
                parent: issuer.parent,
                issuer: issuer.issuer,
                number: numbering::number_text(DocumentKind::Minutes, numbered.number, &settings),
                place_and_date: format!(
                    "{place}{}",
                    date_words(session.held_on, settings.date_leading_zero)
                ),
            },
            title: "BIÊN BẢN".into(),
            subject,
            body,
            signatures: vec![
                Signature {
                    role: "THƯ KÝ".into(),
                    name: session.secretary_name.clone().unwrap_or_default(),
                },
                Signature {
                    role: "CHỦ TRÌ".into(),
                    name: session.chair_name.clone().unwrap_or_default(),
                },
            ],
            recipients: issuer::recipients(DocumentKind::Minutes, &settings),
        },
        numbering_note: numbered.note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_in_sentence_case_is_lowered_inside_the_sentence_an_acronym_is_not() {
        assert_eq!(in_sentence("Đi công tác"), "đi công tác");
        assert_eq!(in_sentence("UBND tỉnh triệu tập"), "UBND tỉnh triệu tập");
        assert_eq!(in_sentence("ốm"), "ốm");
    }

    #[test]
    fn one_absent_member_is_named_once_in_brackets() {
        assert_eq!(
            absence_line("Vắng có lý do", &[("Đặng Quang Hải", "Đi công tác")]),
            "Vắng có lý do: 1 đồng chí (Đặng Quang Hải, đi công tác)."
        );
        assert_eq!(
            absence_line("Vắng không lý do", &[]),
            "Vắng không lý do: không có."
        );
    }

    #[test]
    fn dates_are_written_the_party_way_with_the_leading_zero_as_a_setting() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 6).unwrap();
        assert_eq!(date_words(d, true), "ngày 06 tháng 6 năm 2024");
        assert_eq!(date_words(d, false), "ngày 6 tháng 6 năm 2024");
        assert_eq!(
            date_words(NaiveDate::from_ymd_opt(2025, 2, 3).unwrap(), true),
            "ngày 03 tháng 02 năm 2025"
        );
    }
}
