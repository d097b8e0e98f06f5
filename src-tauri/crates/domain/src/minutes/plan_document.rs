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

/// How many days before its session an outline's draft reaches the secretary.
const OUTLINE_DAYS_BEFORE: u64 = 7;

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
    let board = plan::board(c, org, year, crate::clock::today())?;
    let organisation = board.organisation;
    let plan = board.plan.ok_or_else(|| {
        Error::invalid(
            Field::Year,
            format!("{} chưa có kế hoạch năm {year}.", organisation.name),
        )
    })?;
    let settings = session::settings_of(c, org)?;
    let issuer = issuer::issuer(&organisation, &settings);
    let dated = plan
        .approval
        .as_ref()
        .map(|a| a.on)
        .unwrap_or_else(|| crate::clock::today());
    let place = numbering::place_prefix(&settings);
    let symbol = numbering::symbol_suffix(&settings);

    let topics: Vec<_> = board
        .topics
        .iter()
        .filter(|t| t.state != TopicState::Cancelled)
        .collect();
    // The structure of a plan submitted upward (DOMAIN.md): Căn cứ, I. Mục đích, yêu cầu,
    // II. Nội dung, III. Tổ chức thực hiện; the worded blocks are the organisation's.
    let d = &settings.defaults;
    let mut body: Vec<DocumentParagraph> = issuer::paragraphs(&settings.plan_basis, &d.plan_basis)
        .into_iter()
        .map(DocumentParagraph::text)
        .collect();
    body.push(DocumentParagraph::text(format!(
        "{} xây dựng kế hoạch sinh hoạt chuyên đề năm {year} như sau:",
        organisation.name
    )));
    body.push(DocumentParagraph::heading("I. MỤC ĐÍCH, YÊU CẦU"));
    body.extend(
        issuer::paragraphs(&settings.plan_purpose, &d.plan_purpose)
            .into_iter()
            .map(DocumentParagraph::text),
    );
    body.push(DocumentParagraph::heading("II. NỘI DUNG, THỜI GIAN, PHÂN CÔNG"));
    body.push(DocumentParagraph::Table {
        columns: ["Quý", "Chuyên đề", "Nhóm vấn đề", "Đảng viên chuẩn bị", "Thời gian"]
            .map(String::from)
            .to_vec(),
        rows: topics
            .iter()
            .map(|t| {
                vec![
                    t.quarter.label().to_string(),
                    t.title.clone(),
                    t.group_name.clone(),
                    t.assignees
                        .iter()
                        .map(|a| a.full_name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    t.planned_on
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_else(|| format!("{}/{}", t.quarter.label(), year)),
                ]
            })
            .collect(),
    });
    let suggested: Vec<_> = topics
        .iter()
        .filter(|t| !t.suggestions.trim().is_empty())
        .collect();
    if !suggested.is_empty() {
        body.push(DocumentParagraph::text("Gợi ý của cấp ủy đối với từng chuyên đề:"));
        for t in suggested {
            body.push(DocumentParagraph::item(format!(
                "- {}: {}",
                t.title,
                t.suggestions.trim()
            )));
        }
    }
    body.push(DocumentParagraph::heading("III. TỔ CHỨC THỰC HIỆN"));
    // The outlines' deadlines, from the guidance: the draft passed by the chi ủy or the
    // secretary and sent to the members at least a day before the session.
    let (committee, secretary) = match organisation.placement {
        Placement::Cell { .. } => ("chi ủy", "bí thư chi bộ"),
        Placement::PartyCommitteeOrg { .. } => ("đảng ủy", "bí thư đảng ủy"),
    };
    body.push(DocumentParagraph::text(format!(
        "1. Thời hạn chuẩn bị: dự thảo đề cương gửi {secretary} chậm nhất {OUTLINE_DAYS_BEFORE} ngày trước buổi sinh hoạt; được {committee} hoặc {secretary} thông qua và gửi đến đảng viên ít nhất 01 ngày trước buổi sinh hoạt."
    )));
    for t in &topics {
        let who = t
            .assignees
            .iter()
            .map(|a| format!("đồng chí {}", a.full_name))
            .collect::<Vec<_>>()
            .join(", ");
        let by = t.due_on - chrono::Days::new(OUTLINE_DAYS_BEFORE);
        body.push(DocumentParagraph::item(format!(
            "- {}: “{}”, {who}, gửi dự thảo trước ngày {}.",
            t.quarter.label(),
            t.title,
            by.format("%d/%m/%Y")
        )));
    }
    for (n, para) in issuer::paragraphs(&settings.plan_implementation, &d.plan_implementation)
        .into_iter()
        .enumerate()
    {
        // Numbered after the deadlines, unless the organisation numbered its own.
        let numbered = para.chars().next().is_some_and(|c| c.is_ascii_digit());
        body.push(DocumentParagraph::text(if numbered {
            para
        } else {
            format!("{}. {para}", n + 2)
        }));
    }
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
