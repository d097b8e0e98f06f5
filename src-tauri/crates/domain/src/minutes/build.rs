//! The minutes drawn up from a session record (DOMAIN.md, "Minutes"): who, when, where,
//! attendance, the agenda, each member's contribution by name, the chair's conclusion, the end,
//! the signatures. The meeting secretary records and adds nothing of their own: every sentence
//! here comes from the record or is the customary wording around it.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::model::{DocumentHeader, DocumentParagraph, PartyDocument, Signature};
use crate::comment::CommentKind;
use crate::db::Database;
use crate::error::Result;
use crate::organisation::Placement;
use crate::plan::Quarter;
use crate::session::{OrganisationSettings, Presence, SessionId, SessionKind};

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

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// A list of names, with reasons where given: "Lê Văn A (ốm), Trần B (đi công tác)".
fn names_with_reasons<'a>(people: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    people
        .map(|(name, reason)| {
            if reason.is_empty() {
                format!("đồng chí {name}")
            } else {
                format!("đồng chí {name} ({reason})")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Database {
    /// The minutes of a session, as its record stands now.
    pub fn minutes(&self, id: SessionId) -> Result<PartyDocument> {
        let session = self.session(id)?;
        let comments = self.session_comments(id)?;
        let org = self.organisation(session.organisation_id)?;
        let settings: OrganisationSettings = self.organisation_settings(org.id)?;
        let members = self.members(Some(org.id), true)?;
        let position_of = |member: Option<crate::member::MemberId>| {
            members
                .iter()
                .find(|m| Some(m.id) == member)
                .map(|m| m.position.label().to_lowercase())
                .unwrap_or_default()
        };

        // The number: this session's rank among the organisation's sessions of the year.
        let rank: i64 = self.read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM session WHERE organisation_id = ?1 AND substr(held_on, 1, 4) = ?2
                    AND (held_on, id) <= (?3, ?4)",
                rusqlite::params![org.id.0, format!("{:04}", session.held_on.year()), session.held_on, id.0],
                |r| r.get(0),
            )?)
        })?;
        let symbol = if settings.document_symbol.is_empty() {
            String::new()
        } else {
            format!("/{}", settings.document_symbol)
        };
        let place = if settings.place_name.is_empty() {
            String::new()
        } else {
            format!("{}, ", settings.place_name)
        };

        let quarter = Quarter::of(session.held_on);
        let subject = match session.kind {
            // "quý II": the word in lower case, the numeral as written.
            SessionKind::Thematic => format!(
                "sinh hoạt chuyên đề quý {} năm {}",
                quarter.numeral(),
                session.held_on.year()
            ),
            SessionKind::Regular => {
                format!(
                    "sinh hoạt chi bộ thường kỳ tháng {} năm {}",
                    session.held_on.month(),
                    session.held_on.year()
                )
            }
        };
        let org_kind = match org.placement {
            Placement::Cell { .. } => "Chi bộ",
            Placement::PartyCommitteeOrg { .. } => "Đảng bộ",
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
                "Chủ trì: đồng chí {chair}, {} {}.",
                position_of(session.chair_id),
                org_kind.to_lowercase()
            )));
        }
        if let Some(secretary) = &session.secretary_name {
            body.push(DocumentParagraph::text(format!(
                "Thư ký: đồng chí {secretary}, {}.",
                position_of(session.secretary_id)
            )));
        }
        body.push(DocumentParagraph::text(format!(
            "Tổng số đảng viên của {}: {} đồng chí (chính thức: {}; dự bị: {}).",
            org_kind.to_lowercase(),
            t.members,
            t.full_members,
            t.probationary_members
        )));
        let present_probationary = t.present - t.present_full;
        body.push(DocumentParagraph::text(format!(
            "Có mặt: {} đồng chí (chính thức: {}; dự bị: {}).",
            t.present, t.present_full, present_probationary
        )));
        let absent = |p: Presence| session.attendance.iter().filter(move |a| a.presence == p);
        body.push(DocumentParagraph::text(if t.excused == 0 {
            "Vắng có lý do: không.".into()
        } else {
            format!(
                "Vắng có lý do: {} đồng chí: {}.",
                t.excused,
                names_with_reasons(
                    absent(Presence::Excused).map(|a| (a.full_name.as_str(), a.reason.as_str()))
                )
            )
        }));
        body.push(DocumentParagraph::text(if t.unexcused == 0 {
            "Vắng không lý do: không.".into()
        } else {
            format!(
                "Vắng không lý do: {} đồng chí: {}.",
                t.unexcused,
                names_with_reasons(absent(Presence::Unexcused).map(|a| (a.full_name.as_str(), "")))
            )
        }));
        if !session.guests.trim().is_empty() {
            body.push(DocumentParagraph::text(format!(
                "Khách mời: {}.",
                session.guests.trim().trim_end_matches('.')
            )));
        }

        body.push(DocumentParagraph::heading("II. NỘI DUNG"));
        let mut step = 1;
        body.push(DocumentParagraph::text(format!(
            "{step}. Đồng chí {} nêu mục đích, yêu cầu của buổi sinh hoạt.",
            session.chair_name.as_deref().unwrap_or("chủ trì")
        )));
        for topic in &session.topics {
            step += 1;
            body.push(DocumentParagraph::text(format!(
                "{step}. Đồng chí {} trình bày chuyên đề “{}”{}.",
                if topic.presenter.is_empty() {
                    "được phân công"
                } else {
                    topic.presenter.as_str()
                },
                topic.title,
                topic
                    .outline_version_number
                    .map(|n| format!(" (đề cương phiên bản {n})"))
                    .unwrap_or_default()
            )));
        }
        step += 1;
        body.push(DocumentParagraph::text(format!(
            "{step}. Ý kiến thảo luận của đảng viên:"
        )));
        if comments.is_empty() {
            body.push(DocumentParagraph::item("Không có ý kiến."));
        }
        for c in &comments {
            let about = match c.kind {
                CommentKind::Understanding => "nhận thức về chuyên đề và tác dụng đối với bản thân",
                CommentKind::Contribution => "góp ý hoàn thiện dự thảo",
                CommentKind::Measure => "đề xuất biện pháp lãnh đạo của chi bộ",
            };
            let section = c
                .anchor
                .as_ref()
                .map(|a| format!(", mục “{}”", a.heading))
                .unwrap_or_default();
            body.push(DocumentParagraph::item(format!(
                "- Đồng chí {} ({about}{section}): {}",
                c.speaker_name,
                c.text.trim()
            )));
        }
        step += 1;
        body.push(DocumentParagraph::heading(format!(
            "{step}. Kết luận của đồng chí chủ trì"
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
            body.push(DocumentParagraph::text("(Chưa ghi kết luận.)"));
        }
        body.push(DocumentParagraph::text(format!(
            "Buổi sinh hoạt kết thúc hồi {} cùng ngày. Biên bản đã được đọc lại cho hội nghị nghe và thông qua.",
            session.ends_at.map(time_words).unwrap_or_else(|| "… giờ … phút".into())
        )));

        Ok(PartyDocument {
            header: DocumentHeader {
                parent: upper(&org.parent_name),
                issuer: upper(&org.name),
                number: format!("Số {rank:02}-BB{symbol}"),
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
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
