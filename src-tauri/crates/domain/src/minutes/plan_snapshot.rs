//! The plan as the committee approved it, kept (issue 11, point 2): the approval takes a
//! snapshot of the document and of its topics, in the approval's own transaction, and the
//! database refuses to change or delete it. A plan printed later is that document; what
//! changed since (topics changed, postponed, cancelled with their reasons, added) prints as a
//! separate amendment (*kế hoạch điều chỉnh*) with its own date.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::build::date_words;
use super::model::{DocumentHeader, DocumentParagraph, PartyDocument};
use crate::audit::{self, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;
use crate::plan::{self, PlanId, Quarter};
use crate::session;
use crate::topic::{self, Topic};
use crate::topic_state::TopicState;

/// A topic as the approved plan listed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ApprovedTopic {
    pub id: i64,
    pub title: String,
    pub group_name: String,
    pub quarter: Quarter,
    pub planned_on: Option<NaiveDate>,
    pub assignees: Vec<String>,
}

impl ApprovedTopic {
    fn of(t: &Topic) -> ApprovedTopic {
        ApprovedTopic {
            id: t.id.0,
            title: t.title.clone(),
            group_name: t.group_name.clone(),
            quarter: t.quarter,
            planned_on: t.planned_on,
            assignees: t.assignees.iter().map(|a| a.full_name.clone()).collect(),
        }
    }
}

pub(crate) struct Snapshot {
    pub approved_on: NaiveDate,
    pub document: PartyDocument,
    pub topics: Vec<ApprovedTopic>,
}

fn unreadable(plan: PlanId, e: serde_json::Error) -> Error {
    Error::Unreadable(crate::stored::UnreadableValue::new(
        "kế hoạch đã duyệt",
        plan.0,
        "plan_snapshot",
        "bản đã duyệt",
        e,
    ))
}

/// Keeps the plan as it is now, just approved: called by the approval, in its transaction.
pub(crate) fn take(conn: &Connection, plan: PlanId, org: OrganisationId, year: i32) -> Result<()> {
    let approved_on: NaiveDate = conn.query_row(
        "SELECT approved_on FROM plan WHERE id = ?1",
        [plan.0],
        |r| r.get(0),
    )?;
    let document = super::plan_document::draw(conn, org, year)?;
    let topics: Vec<ApprovedTopic> = topic::of_plan(conn, plan, crate::clock::today())?
        .iter()
        .filter(|t| t.state != TopicState::Cancelled)
        .map(ApprovedTopic::of)
        .collect();
    conn.execute(
        "INSERT INTO plan_snapshot (plan_id, approved_on, document, topics, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            plan.0,
            approved_on,
            serde_json::to_string(&document).expect("a document serialises"),
            serde_json::to_string(&topics).expect("topics serialise"),
            now()
        ],
    )?;
    Ok(())
}

/// The plan as approved, if it was approved since snapshots are kept.
pub(crate) fn approved(conn: &Connection, plan: PlanId) -> Result<Option<Snapshot>> {
    let row: Option<(NaiveDate, String, String)> = conn
        .query_row(
            "SELECT approved_on, document, topics FROM plan_snapshot WHERE plan_id = ?1",
            [plan.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(approved_on, document, topics)| {
        Ok(Snapshot {
            approved_on,
            document: serde_json::from_str(&document).map_err(|e| unreadable(plan, e))?,
            topics: serde_json::from_str(&topics).map_err(|e| unreadable(plan, e))?,
        })
    })
    .transpose()
}

/// The reason given for the topic's latest postponement or cancellation.
fn reason(conn: &Connection, topic: i64) -> Result<String> {
    Ok(audit::history(conn, Subject::Topic(topic))?
        .into_iter()
        .rev()
        .find_map(|e| e.reason)
        .unwrap_or_default())
}

/// One row of the amendment's table: the topic, as approved, as amended, why.
fn changes(conn: &Connection, approved: &[ApprovedTopic], now: &[Topic]) -> Result<Vec<Vec<String>>> {
    let when = |q: Quarter, on: Option<NaiveDate>| match on {
        Some(d) => format!("{}, {}", q.label(), d.format("%d/%m/%Y")),
        None => q.label().to_string(),
    };
    let mut rows = Vec::new();
    for a in approved {
        let Some(t) = now.iter().find(|t| t.id.0 == a.id) else {
            continue;
        };
        let assignees: Vec<String> = t.assignees.iter().map(|x| x.full_name.clone()).collect();
        let as_approved = format!("{}; {}", when(a.quarter, a.planned_on), a.assignees.join(", "));
        let change = if t.state == TopicState::Cancelled {
            Some("Hủy".to_string())
        } else if t.quarter != a.quarter {
            Some(format!("Hoãn sang {}", when(t.quarter, t.planned_on)))
        } else {
            let mut what = Vec::new();
            if t.title != a.title {
                what.push(format!("tên chuyên đề: “{}”", t.title));
            }
            if t.planned_on != a.planned_on {
                what.push(format!("thời gian: {}", when(t.quarter, t.planned_on)));
            }
            if assignees != a.assignees {
                what.push(format!("đảng viên chuẩn bị: {}", assignees.join(", ")));
            }
            if t.group_name != a.group_name {
                what.push(format!("nhóm vấn đề: {}", t.group_name));
            }
            (!what.is_empty()).then(|| format!("Điều chỉnh {}", what.join("; ")))
        };
        if let Some(change) = change {
            rows.push(vec![a.title.clone(), as_approved, change, reason(conn, a.id)?]);
        }
    }
    for t in now.iter().filter(|t| {
        !approved.iter().any(|a| a.id == t.id.0) && t.state != TopicState::Cancelled
    }) {
        let assignees: Vec<&str> = t.assignees.iter().map(|x| x.full_name.as_str()).collect();
        rows.push(vec![
            t.title.clone(),
            "(chưa có)".into(),
            format!("Bổ sung: {}; {}", when(t.quarter, t.planned_on), assignees.join(", ")),
            String::new(),
        ]);
    }
    Ok(rows)
}

impl Database {
    /// The amendment to print or export: refused while a mandatory part is empty.
    pub fn plan_amendment_to_issue(
        &self,
        org: OrganisationId,
        year: i32,
        on: NaiveDate,
    ) -> Result<PartyDocument> {
        let document = self.plan_amendment_document(org, year, on)?;
        super::missing::ready_to_issue(&document, org)?;
        Ok(document)
    }

    /// The amendment (*kế hoạch điều chỉnh*) of an approved plan, dated `on`: every topic
    /// changed, postponed or cancelled since the approval, with its reason, and those added.
    /// The approved plan itself is untouched and prints as it was approved.
    pub fn plan_amendment_document(
        &self,
        org: OrganisationId,
        year: i32,
        on: NaiveDate,
    ) -> Result<PartyDocument> {
        self.read(|c| {
            let plan = plan::find(c, org, year)?.ok_or_else(|| {
                Error::invalid(Field::Year, format!("Chưa có kế hoạch năm {year}."))
            })?;
            let snapshot = approved(c, plan.id)?.ok_or_else(|| {
                Error::invalid(
                    Field::Year,
                    "Kế hoạch chưa được duyệt (hoặc được duyệt trước khi ứng dụng lưu bản đã duyệt): chưa có bản điều chỉnh.",
                )
            })?;
            let topics = topic::of_plan(c, plan.id, crate::clock::today())?;
            let rows = changes(c, &snapshot.topics, &topics)?;
            if rows.is_empty() {
                return Err(Error::invalid(
                    Field::Year,
                    "Kế hoạch chưa có điều chỉnh nào so với bản đã duyệt.",
                ));
            }
            let settings = session::settings_of(c, org)?;
            let approved = &snapshot.document;
            let place = super::numbering::place_prefix(&settings);
            let symbol = super::numbering::symbol_suffix(&settings);
            let organisation = crate::organisation::get(c, org)?;
            let issuer = super::issuer::issuer(&organisation, &settings);
            let body = vec![
                DocumentParagraph::text(format!(
                    "Căn cứ Kế hoạch {} ngày {} của {} về sinh hoạt chuyên đề năm {year}, đã được cấp ủy duyệt, {} điều chỉnh kế hoạch như sau:",
                    approved.header.number.replacen("Số", "số", 1),
                    snapshot.approved_on.format("%d/%m/%Y"),
                    organisation.name,
                    organisation.name
                )),
                DocumentParagraph::heading("I. CÁC CHUYÊN ĐỀ ĐIỀU CHỈNH, HOÃN, HỦY, BỔ SUNG"),
                DocumentParagraph::Table {
                    columns: ["Chuyên đề", "Theo kế hoạch đã duyệt", "Điều chỉnh", "Lý do"]
                        .map(String::from)
                        .to_vec(),
                    rows,
                },
                DocumentParagraph::heading("II. TỔ CHỨC THỰC HIỆN"),
                DocumentParagraph::text(
                    "Các nội dung khác của kế hoạch đã duyệt giữ nguyên. Các đồng chí được phân công chủ động chuẩn bị theo thời gian điều chỉnh; cấp ủy theo dõi, báo cáo cấp trên theo quy định.",
                ),
            ];
            // Issued now: the header, signer and recipients the settings give today.
            Ok(PartyDocument {
                header: DocumentHeader {
                    parent: issuer.parent,
                    issuer: issuer.issuer,
                    number: format!("Số      -KH{symbol}"),
                    place_and_date: format!(
                        "{place}{}",
                        date_words(on, settings.date_leading_zero)
                    ),
                },
                title: "KẾ HOẠCH".into(),
                subject: format!("điều chỉnh kế hoạch sinh hoạt chuyên đề năm {year}"),
                body,
                signatures: vec![super::model::Signature {
                    role: issuer.on_behalf,
                    name: issuer.signer,
                }],
                recipients: super::issuer::recipients(super::numbering::DocumentKind::Plan, &settings),
            })
        })
    }
}
