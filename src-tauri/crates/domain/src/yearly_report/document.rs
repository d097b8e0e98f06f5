//! The yearly report as a Party document (*BÁO CÁO kết quả sinh hoạt chuyên đề năm …*): the
//! same header, signer, Nơi nhận and renderers (PDF by typst, DOCX) as the minutes and the
//! yearly plan, its figures the report model's.

use chrono::Datelike;

use super::{AttendanceFigures, ReportFormat, TopicCounts, YearlyReport, WHOLE_YEAR};
use crate::db::Database;
use crate::error::Result;
use crate::minutes::build::date_words;
use crate::minutes::issuer;
use crate::minutes::model::{DocumentHeader, DocumentParagraph, PartyDocument, Signature};
use crate::minutes::numbering::{self, DocumentKind};
use crate::organisation::OrganisationId;

impl Database {
    /// The yearly report to write as `format`, counted up to today, with its Party document.
    /// The figures go out as a workbook whatever the settings; the document (PDF, DOCX) is
    /// refused while a mandatory part of its header or signature is empty
    /// ([`crate::Error::DocumentIncomplete`] names the setting).
    pub fn yearly_report_to_issue(
        &self,
        org: OrganisationId,
        year: i32,
        format: ReportFormat,
    ) -> Result<(YearlyReport, PartyDocument)> {
        self.require(crate::permission::Action::Export)?;
        let report = self.yearly_report(org, year)?;
        let document = self.yearly_report_document(&report)?;
        if format != ReportFormat::Xlsx {
            crate::minutes::missing::ready_to_issue(&document, org)?;
        }
        Ok((report, document))
    }

    /// `report` as a Party document, issued by its organisation.
    pub fn yearly_report_document(&self, report: &YearlyReport) -> Result<PartyDocument> {
        let organisation = self.organisation(report.organisation_id)?;
        let settings = self.organisation_settings(organisation.id)?;
        let issuer = issuer::issuer(&organisation, &settings);
        Ok(PartyDocument {
            header: DocumentHeader {
                parent: issuer.parent,
                issuer: issuer.issuer,
                // A report takes its number from the register when it is sent: left blank.
                number: format!("Số      -BC{}", numbering::symbol_suffix(&settings)),
                place_and_date: format!(
                    "{}{}",
                    numbering::place_prefix(&settings),
                    date_words(report.as_of, settings.date_leading_zero)
                ),
            },
            title: "BÁO CÁO".into(),
            subject: format!("kết quả sinh hoạt chuyên đề năm {}", report.year),
            body: body(report),
            signatures: vec![Signature {
                role: issuer.on_behalf,
                name: issuer.signer,
            }],
            // Those the plan went to: the committee above first.
            recipients: issuer::recipients(DocumentKind::Plan, &settings),
        })
    }
}

fn counts_row(first: &str, c: &TopicCounts) -> Vec<String> {
    std::iter::once(first.to_string())
        .chain(c.values().iter().map(i64::to_string))
        .collect()
}

fn attendance_row(first: &str, a: &AttendanceFigures) -> Vec<String> {
    vec![
        first.to_string(),
        a.sessions.to_string(),
        format!("{}/{}", a.present, a.called),
        a.rate_percent()
            .map(|r| format!("{r}%"))
            .unwrap_or_else(|| "—".into()),
        a.excused.to_string(),
        a.unexcused.to_string(),
        a.comments.to_string(),
        a.measures.to_string(),
    ]
}

/// "Quý II" → "quý II", "Cả năm" → "cả năm": the period inside a sentence.
fn in_sentence(period: &str) -> String {
    let mut chars = period.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn body(r: &YearlyReport) -> Vec<DocumentParagraph> {
    let t = &r.total;
    let a = &r.attendance;
    let until = if r.as_of.year() > r.year {
        String::new()
    } else {
        format!(" (tính đến ngày {})", r.as_of.format("%d/%m/%Y"))
    };
    let mut body = vec![DocumentParagraph::text(format!(
        "Thực hiện kế hoạch sinh hoạt chuyên đề năm {}, {} báo cáo kết quả sinh hoạt chuyên đề trong năm{until} như sau:",
        r.year, r.organisation_name
    ))];

    body.push(DocumentParagraph::heading("I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH"));
    body.push(DocumentParagraph::text(format!(
        "Kế hoạch năm có {} chuyên đề; đã sinh hoạt {} chuyên đề; được cấp ủy duyệt {} chuyên đề; lùi thời gian {} lượt; hủy {} chuyên đề.",
        t.planned, t.held, t.approved, t.postponed, t.cancelled
    )));
    let mut columns = vec!["Quý".to_string()];
    columns.extend(TopicCounts::LABELS.map(String::from));
    let mut rows: Vec<Vec<String>> = r
        .quarters
        .iter()
        .map(|q| counts_row(&q.quarter_label, &q.counts))
        .collect();
    rows.push(counts_row(WHOLE_YEAR, t));
    body.push(DocumentParagraph::Table { columns, rows });
    if r.units.len() > 1 {
        body.push(DocumentParagraph::text("Theo từng đơn vị (cả năm):"));
        let mut columns = vec!["Đơn vị".to_string()];
        columns.extend(TopicCounts::LABELS.map(String::from));
        body.push(DocumentParagraph::Table {
            columns,
            rows: r
                .units
                .iter()
                .map(|u| counts_row(&u.organisation_name, &u.year))
                .collect(),
        });
    }

    body.push(DocumentParagraph::heading(
        "II. DỰ SINH HOẠT VÀ Ý KIẾN THẢO LUẬN",
    ));
    body.push(DocumentParagraph::text(format!(
        "Trong năm tổ chức {} buổi sinh hoạt chuyên đề; đảng viên có mặt {}/{} lượt được triệu tập{}; vắng có lý do {} lượt, vắng không lý do {} lượt; {} ý kiến thảo luận, trong đó {} ý kiến đề xuất biện pháp lãnh đạo.",
        a.sessions,
        a.present,
        a.called,
        a.rate_percent().map(|p| format!(" ({p}%)")).unwrap_or_default(),
        a.excused,
        a.unexcused,
        a.comments,
        a.measures
    )));
    let mut rows: Vec<Vec<String>> = r
        .units
        .iter()
        .map(|u| attendance_row(&u.organisation_name, &u.attendance))
        .collect();
    if r.units.len() > 1 {
        rows.push(attendance_row("Cộng", a));
    }
    body.push(DocumentParagraph::Table {
        columns: [
            "Đơn vị",
            "Số buổi",
            "Có mặt / triệu tập",
            "Tỷ lệ",
            "Vắng có lý do",
            "Vắng không lý do",
            "Ý kiến",
            "Đề xuất biện pháp",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });

    body.push(DocumentParagraph::heading(
        "III. CHUYÊN ĐỀ ĐÃ ĐƯỢC CẤP ỦY DUYỆT",
    ));
    if r.approved.is_empty() {
        body.push(DocumentParagraph::text(
            "Trong năm chưa có chuyên đề nào được cấp ủy duyệt.",
        ));
    } else {
        body.push(DocumentParagraph::Table {
            columns: [
                "Đơn vị",
                "Chuyên đề",
                "Đảng viên trình bày",
                "Quý",
                "Ngày duyệt",
            ]
            .map(String::from)
            .to_vec(),
            rows: r
                .approved
                .iter()
                .map(|t| {
                    vec![
                        t.organisation_name.clone(),
                        t.title.clone(),
                        t.presenters.clone(),
                        t.quarter.label().to_string(),
                        t.approved_on
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }

    body.push(DocumentParagraph::heading(
        "IV. NHỮNG YÊU CẦU CỦA HƯỚNG DẪN CHƯA ĐẠT",
    ));
    if r.misses.is_empty() {
        body.push(DocumentParagraph::text(
            "Các yêu cầu của hướng dẫn về sinh hoạt chuyên đề đều đạt.",
        ));
    }
    for m in &r.misses {
        body.push(DocumentParagraph::item(format!(
            "- {}, {} — {}: {}",
            m.organisation_name,
            in_sentence(&m.period),
            m.rule,
            m.reasons.join(" ")
        )));
    }
    body.push(DocumentParagraph::text(format!(
        "Trên đây là báo cáo kết quả sinh hoạt chuyên đề năm {} của {}.",
        r.year, r.organisation_name
    )));
    body
}
