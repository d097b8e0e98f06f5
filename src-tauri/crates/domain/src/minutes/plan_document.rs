//! The yearly plan (*kế hoạch sinh hoạt chuyên đề năm*) as a Party document, to print, sign and
//! report to the committee above: the same header, format and renderers as the minutes.

use chrono::Datelike;

use super::build::date_words;
use super::issuer;
use super::model::{DocumentHeader, DocumentParagraph, PartyDocument, Signature};
use super::numbering::{self, DocumentKind};
use super::plan_snapshot as snapshot;
use rusqlite::Connection;

use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::organisation::{OrganisationId, Placement};
use crate::plan;
use crate::session;
use crate::topic_state::TopicState;

impl Database {
    /// The plan to print or export: refused while a mandatory part is empty
    /// ([`Error::DocumentIncomplete`] says which and names the setting).
    pub fn plan_to_issue(&self, org: OrganisationId, year: i32) -> Result<PartyDocument> {
        let document = self.plan_document(org, year)?;
        super::missing::ready_to_issue(&document, org)?;
        Ok(document)
    }

    /// The yearly plan as a document: once approved, exactly as it was approved (its snapshot),
    /// whatever became of its topics since; a draft as it stands now.
    pub fn plan_document(&self, org: OrganisationId, year: i32) -> Result<PartyDocument> {
        self.read(|c| {
            let plan = plan::find(c, org, year)?;
            if let Some(plan) = &plan {
                if let Some(snapshot) = snapshot::approved(c, plan.id)? {
                    return Ok(snapshot.document);
                }
            }
            draw(c, org, year)
        })
    }
}

/// The plan as it stands now (approved or not), drawn from its topics and the settings.
pub(crate) fn draw(c: &Connection, org: OrganisationId, year: i32) -> Result<PartyDocument> {
    let board = plan::board(c, org, year, chrono::Local::now().date_naive())?;
    let organisation = board.organisation;
    let plan = board.plan.ok_or_else(|| {
        Error::invalid(
            Field::Year,
            format!("{} chưa có kế hoạch năm {year}.", organisation.name),
        )
    })?;
    let settings = session::settings_of(c, org)?;
    let kind = match organisation.placement {
        Placement::Cell { .. } => "chi bộ",
        Placement::PartyCommitteeOrg { .. } => "đảng bộ",
    };
    let issuer = issuer::issuer(&organisation, &settings);
    let dated = plan
        .approval
        .as_ref()
        .map(|a| a.on)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let place = if settings.place_name.is_empty() {
        String::new()
    } else {
        format!("{}, ", settings.place_name)
    };
    let symbol = if settings.document_symbol.is_empty() {
        String::new()
    } else {
        format!("/{}", settings.document_symbol)
    };

    let topics: Vec<_> = board
        .topics
        .iter()
        .filter(|t| t.state != TopicState::Cancelled)
        .collect();
    let mut body = vec![
            DocumentParagraph::text(format!(
                "Thực hiện hướng dẫn của cấp trên về nâng cao chất lượng sinh hoạt chi bộ, {} xây dựng kế hoạch sinh hoạt chuyên đề năm {year} như sau:",
                organisation.name
            )),
            DocumentParagraph::heading("I. MỤC ĐÍCH, YÊU CẦU"),
            DocumentParagraph::text(
                "Sinh hoạt chuyên đề ít nhất mỗi quý một lần, không thay thế sinh hoạt chi bộ thường kỳ; nội dung thiết thực, gắn với nhiệm vụ chính trị của cơ quan, đơn vị; phát huy trách nhiệm, trí tuệ của mỗi đảng viên.",
            ),
            DocumentParagraph::heading("II. NỘI DUNG, THỜI GIAN, PHÂN CÔNG"),
            DocumentParagraph::Table {
                columns: ["Quý", "Chuyên đề", "Nhóm vấn đề", "Đảng viên chuẩn bị", "Thời gian"].map(String::from).to_vec(),
                rows: topics
                    .iter()
                    .map(|t| {
                        vec![
                            t.quarter.label().to_string(),
                            t.title.clone(),
                            t.group_name.clone(),
                            t.assignees.iter().map(|a| a.full_name.as_str()).collect::<Vec<_>>().join(", "),
                            t.planned_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| format!("{}/{}", t.quarter.label(), year)),
                        ]
                    })
                    .collect(),
            },
        ];
    let suggested: Vec<_> = topics
        .iter()
        .filter(|t| !t.suggestions.trim().is_empty())
        .collect();
    if !suggested.is_empty() {
        body.push(DocumentParagraph::heading("III. GỢI Ý CỦA CẤP ỦY"));
        for t in suggested {
            body.push(DocumentParagraph::item(format!(
                "- {}: {}",
                t.title,
                t.suggestions.trim()
            )));
        }
    }
    body.push(DocumentParagraph::heading("TỔ CHỨC THỰC HIỆN"));
    body.push(DocumentParagraph::text(format!(
            "Các đồng chí được phân công chuẩn bị đề cương, báo cáo {kind} thông qua trước buổi sinh hoạt; cấp ủy theo dõi, đôn đốc thực hiện kế hoạch và báo cáo cấp trên theo quy định."
        )));

    Ok(PartyDocument {
        header: DocumentHeader {
            parent: issuer.parent,
            issuer: issuer.issuer,
            number: match plan.approval.as_ref() {
                Some(approval) => {
                    let numbered = numbering::plan_number(c, org, plan.id, approval.on)?;
                    numbering::number_text(DocumentKind::Plan, numbered.number, &settings)
                }
                // Not yet approved: the number is written in when it is issued.
                None => format!("Số      -KH{symbol}"),
            },
            place_and_date: format!("{place}{}", date_words(dated, settings.date_leading_zero)),
        },
        title: "KẾ HOẠCH".into(),
        subject: format!("sinh hoạt chuyên đề năm {}", dated.year().max(year)),
        body,
        signatures: vec![Signature {
            role: issuer.on_behalf,
            name: issuer.signer,
        }],
        recipients: issuer::recipients(DocumentKind::Plan, &settings),
    })
}
