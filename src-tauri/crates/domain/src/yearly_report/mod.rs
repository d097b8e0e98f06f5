//! The yearly report (*báo cáo kết quả sinh hoạt chuyên đề năm …*) of an organisation and its
//! cells: what a committee sends up at the end of the year, counted from the records instead of
//! by hand. One model, decided here; three writers: a workbook ([`xlsx`]) for the figures and
//! the Party document ([`document`], PDF and DOCX through the minutes' renderers) for the file.
//!
//! What is counted, for each unit (the organisation itself, then each cell) and quarter, of the
//! topics of the year's plans:
//! - *trong kế hoạch*: the topics the plan holds in the quarter now (a postponed topic counts in
//!   its new quarter, a cancelled one still counts: it was planned);
//! - *đã sinh hoạt*: of those, the ones presented at a thematic session held by the report's day;
//! - *đã duyệt*: approved by the committee; *hủy*: cancelled;
//! - *lùi thời gian*: postponements out of the quarter (the trail's "from" quarter).
//!
//! Attendance and comments are those of the thematic sessions held in the year by the report's
//! day; a withdrawn comment is not counted. Compliance misses come from [`crate::compliance`].

pub mod document;
pub mod xlsx;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compliance::{self, Verdict};
use crate::db::Database;
use crate::error::Result;
use crate::organisation::{self, Organisation, OrganisationId, Placement};
use crate::plan::Quarter;
use crate::topic_state::{TopicState, Transition};

/// The files the yearly report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// A workbook of the figures (Excel, LibreOffice Calc).
    Xlsx,
    /// The Party document, for Word.
    Docx,
    /// The Party document, to print.
    Pdf,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Docx => "docx",
            ReportFormat::Pdf => "pdf",
        }
    }
}

/// Why a report's file could not be made (a bug of ours, not of the user's data).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[cfg(feature = "minutes-pdf")]
    #[error(transparent)]
    Document(#[from] crate::minutes::pdf::PdfError),
    #[error(transparent)]
    Workbook(#[from] xlsx::WorkbookError),
}

/// The report as a file of `format`: the workbook from the figures, the PDF and the DOCX from
/// its Party document (see [`Database::yearly_report_document`]).
#[cfg(feature = "minutes-pdf")]
pub fn render(
    report: &YearlyReport,
    document: &crate::minutes::PartyDocument,
    format: ReportFormat,
) -> std::result::Result<Vec<u8>, RenderError> {
    use crate::minutes::DocumentFormat;
    Ok(match format {
        ReportFormat::Xlsx => xlsx::write(report)?,
        ReportFormat::Docx => crate::minutes::render(document, DocumentFormat::Docx)?,
        ReportFormat::Pdf => crate::minutes::render(document, DocumentFormat::Pdf)?,
    })
}

/// Topics of a quarter (or of the year), counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopicCounts {
    pub planned: i64,
    pub held: i64,
    pub approved: i64,
    pub postponed: i64,
    pub cancelled: i64,
}

impl TopicCounts {
    fn add(&mut self, other: &TopicCounts) {
        self.planned += other.planned;
        self.held += other.held;
        self.approved += other.approved;
        self.postponed += other.postponed;
        self.cancelled += other.cancelled;
    }

    /// In the columns' order: planned, held, approved, postponed, cancelled.
    pub fn values(&self) -> [i64; 5] {
        [
            self.planned,
            self.held,
            self.approved,
            self.postponed,
            self.cancelled,
        ]
    }

    /// The columns' headings, in the order of [`TopicCounts::values`].
    pub const LABELS: [&'static str; 5] = [
        "Trong kế hoạch",
        "Đã sinh hoạt",
        "Đã duyệt",
        "Lùi thời gian",
        "Hủy",
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarterCounts {
    pub quarter: Quarter,
    /// "Quý II".
    pub quarter_label: String,
    pub counts: TopicCounts,
}

/// Attendance at a unit's thematic sessions held in the year, summed over them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceFigures {
    pub sessions: i64,
    /// Members called (the quorum's base), session by session.
    pub called: i64,
    pub present: i64,
    pub excused: i64,
    pub unexcused: i64,
    /// Comments made (members' and guests'), withdrawn ones left out.
    pub comments: i64,
    /// Of them, measures proposed for the cell's leadership.
    pub measures: i64,
}

impl AttendanceFigures {
    fn add(&mut self, o: &AttendanceFigures) {
        self.sessions += o.sessions;
        self.called += o.called;
        self.present += o.present;
        self.excused += o.excused;
        self.unexcused += o.unexcused;
        self.comments += o.comments;
        self.measures += o.measures;
    }

    /// present / called as a whole percentage, rounded half up; None without a session.
    pub fn rate_percent(&self) -> Option<i64> {
        (self.called > 0).then(|| (200 * self.present + self.called) / (2 * self.called))
    }
}

/// The organisation itself or one of its cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitYear {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// Always the four quarters, in order.
    pub quarters: Vec<QuarterCounts>,
    pub year: TopicCounts,
    pub attendance: AttendanceFigures,
}

/// A topic the committee approved, with who presented it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApprovedTopic {
    pub organisation_name: String,
    pub quarter: Quarter,
    pub title: String,
    /// The assigned members, "Nguyễn Văn An, Trần Thị Bình".
    pub presenters: String,
    /// The day of the thematic session where it was presented.
    pub held_on: Option<NaiveDate>,
    /// The day of the committee's meeting that approved it.
    pub approved_on: Option<NaiveDate>,
}

/// A rule of the guidance missed, with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplianceMiss {
    pub organisation_name: String,
    /// "Quý II", or "Cả năm" for the plan's report upward.
    pub period: String,
    pub rule: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearlyReport {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub is_cell: bool,
    pub year: i32,
    /// The day the report counts up to (sessions held by then, compliance as of then).
    pub as_of: NaiveDate,
    /// The organisation first, then its cells (a cell's report has the cell alone).
    pub units: Vec<UnitYear>,
    /// Every unit's quarter summed.
    pub quarters: Vec<QuarterCounts>,
    pub total: TopicCounts,
    pub attendance: AttendanceFigures,
    pub approved: Vec<ApprovedTopic>,
    pub misses: Vec<ComplianceMiss>,
}

/// "Cả năm": the period of a yearly rule and of the year's totals.
pub const WHOLE_YEAR: &str = "Cả năm";

fn units_of(conn: &Connection, org: &Organisation, year: i32) -> Result<Vec<Organisation>> {
    let mut units = vec![org.clone()];
    if let Placement::PartyCommitteeOrg { .. } = org.placement {
        units.extend(compliance::cells_of(conn, org, year)?);
    }
    Ok(units)
}

/// The trail rows of the postponements of a unit's topics in a year (see [`quarter_counts`]).
const POSTPONEMENTS: &str = "SELECT a.from_text FROM plan p CROSS JOIN topic t CROSS JOIN audit_event a
  WHERE t.plan_id = p.id AND a.entity = 'topic' AND a.entity_id = t.id
    AND p.organisation_id = ?1 AND p.year = ?2 AND a.action = ?3";

fn quarter_counts(
    conn: &Connection,
    unit: OrganisationId,
    year: i32,
    as_of: NaiveDate,
) -> Result<Vec<QuarterCounts>> {
    let mut quarters: Vec<QuarterCounts> = Quarter::ALL
        .into_iter()
        .map(|quarter| QuarterCounts {
            quarter,
            quarter_label: quarter.label().into(),
            counts: TopicCounts::default(),
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT t.quarter, t.state,
                EXISTS (SELECT 1 FROM session_topic st JOIN session s ON s.id = st.session_id
                         WHERE st.topic_id = t.id AND s.kind = 'thematic' AND s.held_on <= ?3)
           FROM topic t JOIN plan p ON p.id = t.plan_id
          WHERE p.organisation_id = ?1 AND p.year = ?2",
    )?;
    let rows = stmt.query_map(params![unit.0, year, as_of], |r| {
        Ok((
            r.get::<_, u8>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (q, state, held) = row?;
        let Some(q) = Quarter::new(q) else { continue };
        let c = &mut quarters[usize::from(q.number()) - 1].counts;
        c.planned += 1;
        c.held += i64::from(held);
        match TopicState::parse(&state) {
            Some(TopicState::Approved) => c.approved += 1,
            Some(TopicState::Cancelled) => c.cancelled += 1,
            _ => {}
        }
    }
    // A postponement's trail row says where the topic was: "Quý II, 12/05/2025".
    // CROSS JOIN keeps SQLite's order: the unit's plan, its topics, then each topic's trail
    // through (entity, entity_id). Left to itself it read every topic's trail row of the whole
    // database once per unit (the index by entity alone): 38 ms a cell, 10 s for a đảng bộ of
    // 250 cells, where this takes 0.1 ms a cell.
    let mut stmt = conn.prepare_cached(POSTPONEMENTS)?;
    let froms = stmt.query_map(params![unit.0, year, Transition::Postpone.label()], |r| {
        r.get::<_, Option<String>>(0)
    })?;
    for from in froms {
        let from = from?.unwrap_or_default();
        let label = from.split(',').next().unwrap_or_default().trim();
        if let Some(q) = Quarter::ALL.into_iter().find(|q| q.label() == label) {
            quarters[usize::from(q.number()) - 1].counts.postponed += 1;
        }
    }
    Ok(quarters)
}

fn attendance(
    conn: &Connection,
    unit: OrganisationId,
    year: i32,
    as_of: NaiveDate,
) -> Result<AttendanceFigures> {
    let (Some(from), Some(end)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(AttendanceFigures::default());
    };
    let mut figures = AttendanceFigures::default();
    for s in compliance::held_sessions(conn, unit, from, end.min(as_of))? {
        figures.sessions += 1;
        figures.called += s.totals.called;
        figures.present += s.totals.present;
        figures.excused += s.totals.excused;
        figures.unexcused += s.totals.unexcused;
        let (comments, measures): (i64, i64) = conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE kind = 'measure') FROM comment
              WHERE session_id = ?1 AND withdrawn_at IS NULL",
            [s.id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        figures.comments += comments;
        figures.measures += measures;
    }
    Ok(figures)
}

fn approved_topics(
    conn: &Connection,
    unit: &Organisation,
    year: i32,
) -> Result<Vec<ApprovedTopic>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.quarter, t.title,
                (SELECT group_concat(m.full_name, ', ') FROM
                   (SELECT m.full_name FROM topic_assignee a JOIN member m ON m.id = a.member_id
                     WHERE a.topic_id = t.id ORDER BY m.id) m),
                (SELECT min(s.held_on) FROM session_topic st JOIN session s ON s.id = st.session_id
                  WHERE st.topic_id = t.id AND s.kind = 'thematic'),
                (SELECT coalesce(sub.meeting_on, substr(sub.decided_at, 1, 10)) FROM submission sub
                  WHERE sub.topic_id = t.id AND sub.decision = 'approved' ORDER BY sub.id DESC LIMIT 1)
           FROM topic t JOIN plan p ON p.id = t.plan_id
          WHERE p.organisation_id = ?1 AND p.year = ?2 AND t.state = ?3
          ORDER BY t.quarter, t.id",
    )?;
    let rows = stmt.query_map(
        params![unit.id.0, year, TopicState::Approved.as_str()],
        |r| {
            Ok((
                r.get::<_, u8>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, Option<NaiveDate>>(4)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (q, title, presenters, held_on, approved_on) = row?;
        let Some(quarter) = Quarter::new(q) else {
            continue;
        };
        out.push(ApprovedTopic {
            organisation_name: unit.name.clone(),
            quarter,
            title,
            presenters: presenters.unwrap_or_default(),
            held_on,
            approved_on,
        });
    }
    Ok(out)
}

fn misses(
    conn: &Connection,
    org: OrganisationId,
    year: i32,
    as_of: NaiveDate,
) -> Result<Vec<ComplianceMiss>> {
    let mut out = Vec::new();
    for cell in compliance::of(conn, org, year, as_of)?.cells {
        let plan = std::iter::once((WHOLE_YEAR.to_string(), cell.plan_reported));
        let quarters = cell.quarters.into_iter().flat_map(|q| {
            let label = q.quarter_label;
            q.checks.into_iter().map(move |c| (label.clone(), c))
        });
        for (period, check) in plan.chain(quarters) {
            if check.verdict == Verdict::Missed {
                out.push(ComplianceMiss {
                    organisation_name: cell.organisation_name.clone(),
                    period,
                    rule: check.label,
                    reasons: check.reasons,
                });
            }
        }
    }
    Ok(out)
}

pub(crate) fn of(
    conn: &Connection,
    org: OrganisationId,
    year: i32,
    as_of: NaiveDate,
) -> Result<YearlyReport> {
    let organisation = organisation::get(conn, org)?;
    let mut units = Vec::new();
    let mut approved = Vec::new();
    for unit in units_of(conn, &organisation, year)? {
        let quarters = quarter_counts(conn, unit.id, year, as_of)?;
        let mut total = TopicCounts::default();
        quarters.iter().for_each(|q| total.add(&q.counts));
        approved.extend(approved_topics(conn, &unit, year)?);
        units.push(UnitYear {
            organisation_id: unit.id,
            organisation_name: unit.name.clone(),
            quarters,
            year: total,
            attendance: attendance(conn, unit.id, year, as_of)?,
        });
    }
    let mut quarters: Vec<QuarterCounts> = units[0].quarters.clone();
    for (i, q) in quarters.iter_mut().enumerate() {
        q.counts = TopicCounts::default();
        units
            .iter()
            .for_each(|u| q.counts.add(&u.quarters[i].counts));
    }
    let mut total = TopicCounts::default();
    let mut all_attendance = AttendanceFigures::default();
    for u in &units {
        total.add(&u.year);
        all_attendance.add(&u.attendance);
    }
    Ok(YearlyReport {
        organisation_id: org,
        organisation_name: organisation.name.clone(),
        is_cell: matches!(organisation.placement, Placement::Cell { .. }),
        year,
        as_of,
        units,
        quarters,
        total,
        attendance: all_attendance,
        approved,
        misses: misses(conn, org, year, as_of)?,
    })
}

impl Database {
    /// The yearly report of `org` (and its cells) for `year`, counted up to today.
    pub fn yearly_report(&self, org: OrganisationId, year: i32) -> Result<YearlyReport> {
        self.yearly_report_on(org, year, self.today())
    }

    /// Like [`Database::yearly_report`], counted up to `as_of`.
    pub fn yearly_report_on(
        &self,
        org: OrganisationId,
        year: i32,
        as_of: NaiveDate,
    ) -> Result<YearlyReport> {
        self.read(|c| of(c, org, year, as_of))
    }
}

#[cfg(test)]
mod tests {
    /// The postponements are read through each topic's own trail rows, never by scanning the
    /// trail of every topic (which made a đảng bộ's report take 10 s at 250 cells).
    #[test]
    fn postponements_are_looked_up_topic_by_topic() {
        let dir = tempfile::tempdir().unwrap();
        drop(crate::Database::open_in(dir.path()).unwrap());
        let conn = rusqlite::Connection::open(crate::paths::database_path(dir.path())).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::POSTPONEMENTS))
            .unwrap()
            .query_map(rusqlite::params![1, 2025, "Hoãn"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|step| step.contains("audit_event_entity (entity=? AND entity_id=?)")),
            "{plan:?}"
        );
    }
}
