//! The approved outline as a Party document, to print and keep: the outline's text as the
//! committee approved it (the version it named), closed by a block in the Party's format that
//! says who approved it, when, and the SHA-256 of the version's original, so that a printed
//! copy can be checked against the database. The same header, format and renderers as the
//! minutes and the yearly plan.

use super::build::date_words;
use super::issuer;
use super::model::{DocumentHeader, DocumentParagraph, PartyDocument, Signature};
use super::numbering::DocumentKind;
use crate::approval::{self, Outcome};
use crate::cycle::Refusal;
use crate::db::Database;
use crate::error::Result;
use crate::organisation::{self, Placement};
use crate::outline::blocks::BlockKind;
use crate::topic::TopicId;

impl Database {
    /// The approved outline to print or export: refused while a mandatory part of the header
    /// or the signature is empty ([`crate::Error::DocumentIncomplete`] names the setting).
    pub fn approved_outline_to_issue(&self, topic: TopicId) -> Result<PartyDocument> {
        let document = self.approved_outline_document(topic)?;
        let organisation = self.topic(topic)?.organisation_id;
        super::missing::ready_to_issue_unnumbered(&document, organisation)?;
        Ok(document)
    }

    /// The latest approved version of `topic` as a document. Refused when no version of it
    /// was approved.
    pub fn approved_outline_document(&self, topic: TopicId) -> Result<PartyDocument> {
        let (submission, decision) = self
            .read(|c| approval::of_topic(c, topic))?
            .into_iter()
            .rev()
            .find_map(|s| {
                let d = s.decision.clone()?;
                (d.outcome == Outcome::Approved).then_some((s, d))
            })
            .ok_or(Refusal::NotApproved)?;
        let text = self.outline_text(submission.version_id)?;
        let organisation = self.read(|c| organisation::get(c, submission.organisation_id))?;
        let settings = self.organisation_settings(organisation.id)?;
        let issuer = issuer::issuer(&organisation, &settings);
        let committee = match organisation.placement {
            Placement::Cell { .. } => "Chi ủy",
            Placement::PartyCommitteeOrg { .. } => "Đảng ủy",
        };
        let approved_on = decision
            .meeting_on
            .unwrap_or_else(|| crate::clock::today());
        let place = if settings.place_name.is_empty() {
            String::new()
        } else {
            format!("{}, ", settings.place_name)
        };

        let mut body: Vec<DocumentParagraph> = text
            .blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Heading { .. } => DocumentParagraph::heading(b.text.clone()),
                BlockKind::ListItem { .. } | BlockKind::TableRow => {
                    DocumentParagraph::item(b.text.clone())
                }
                BlockKind::Paragraph | BlockKind::Footnote => {
                    DocumentParagraph::text(b.text.clone())
                }
            })
            .collect();
        let participants = decision
            .participants
            .iter()
            .map(|p| format!("{} ({})", p.full_name, p.position))
            .collect::<Vec<_>>()
            .join(", ");
        body.push(DocumentParagraph::heading("XÁC NHẬN CỦA CẤP ỦY"));
        body.push(DocumentParagraph::text(format!(
            "Đề cương chuyên đề “{}” do đồng chí {} chuẩn bị (phiên bản {}, tệp {}) đã được {} {} duyệt tại cuộc họp ngày {}{}.",
            submission.topic_title,
            if submission.presenter.is_empty() { "được phân công" } else { &submission.presenter },
            submission.version_number,
            text.version.file_name,
            committee.to_lowercase(),
            organisation.name,
            approved_on.format("%d/%m/%Y"),
            if participants.is_empty() {
                String::new()
            } else {
                format!(", với sự tham dự của các đồng chí: {participants}")
            }
        )));
        body.push(DocumentParagraph::text(
            "Mã kiểm tra SHA-256 của tệp đề cương gốc (đối chiếu bản in với dữ liệu bằng lệnh chuyende outline hoặc màn hình Phê duyệt):",
        ));
        body.push(DocumentParagraph::item(submission.version_sha256.clone()));

        let signer = decision.signer.clone();
        Ok(PartyDocument {
            header: DocumentHeader {
                parent: issuer.parent,
                issuer: issuer.issuer,
                number: String::new(),
                place_and_date: format!(
                    "{place}{}",
                    date_words(approved_on, settings.date_leading_zero)
                ),
            },
            title: "ĐỀ CƯƠNG CHUYÊN ĐỀ".into(),
            subject: submission.topic_title.clone(),
            body,
            signatures: vec![Signature {
                role: match &signer {
                    Some(s) => format!("{}\n{}", s.on_behalf, s.title),
                    None => format!("T/M {}\nBÍ THƯ", committee.to_uppercase()),
                },
                name: signer.map(|s| s.full_name).unwrap_or(issuer.signer),
            }],
            // Those the yearly plan goes to: the committee above, the members, the cell's file.
            recipients: issuer::recipients(DocumentKind::Plan, &settings),
        })
    }
}
