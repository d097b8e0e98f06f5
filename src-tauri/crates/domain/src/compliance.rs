//! Compliance with the guidance (DOMAIN.md, "Rules from the guidance that the app can check"),
//! per cell and quarter, each miss with its reason: what the committee reports at the end of a
//! quarter and a year, counted from the records instead of by hand.
//!
//! The rules:
//! - a thematic session held in the quarter (*ít nhất mỗi quý một lần*);
//! - the draft of each topic presented passed and sent to the members at least a day before (a
//!   setting of the organisation, 1 by default)
//!   (the cycle's "pass the draft" step, dated by its audit row: the pass is the sending);
//! - each thematic session at least the organisation's minimum length (a setting, 90 minutes
//!   by default);
//! - each thematic session's quorum reached (a setting, 2/3 of the members called);
//! - the yearly plan reported to the committee above ([`crate::plan_report`]), once a year.
//!
//! Only sessions held by the day the check is made count: a session set for later is not yet
//! held. A quarter not over is "not yet due" rather than missed.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::db::Database;
use crate::error::Result;
use crate::organisation::{self, Organisation, OrganisationId, Placement};
use crate::plan::{PlanId, Quarter};
use crate::session::{self, Session, SessionId};
use crate::settings::Screen;
use crate::topic_state::TopicState;

/// A rule of the guidance the app checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Sinh hoạt chuyên đề ít nhất mỗi quý một lần.
    SessionHeld,
    /// Dự thảo được thông qua và gửi đảng viên trước ít nhất một ngày.
    DraftSentInTime,
    /// Thời lượng tối thiểu của buổi sinh hoạt.
    MinimumLength,
    /// Đủ số đảng viên có mặt theo quy định.
    Quorum,
    /// Kế hoạch năm được báo cáo cấp ủy cấp trên.
    PlanReported,
}

impl Rule {
    /// Where a miss of the rule is dealt with.
    pub fn screen(self) -> Screen {
        match self {
            Rule::PlanReported | Rule::DraftSentInTime => Screen::Plans,
            Rule::SessionHeld | Rule::MinimumLength | Rule::Quorum => Screen::Sessions,
        }
    }

    pub const QUARTERLY: [Rule; 4] = [
        Rule::SessionHeld,
        Rule::DraftSentInTime,
        Rule::MinimumLength,
        Rule::Quorum,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rule::SessionHeld => "Sinh hoạt chuyên đề trong quý",
            Rule::DraftSentInTime => "Dự thảo thông qua, gửi trước ít nhất một ngày",
            Rule::MinimumLength => "Thời lượng tối thiểu",
            Rule::Quorum => "Số đảng viên có mặt",
            Rule::PlanReported => "Kế hoạch năm báo cáo cấp trên",
        }
    }
}

/// What the records say of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Đạt.
    Met,
    /// Chưa đạt: the reasons say why.
    Missed,
    /// Chưa đến hạn: the quarter (or the year) is not over.
    NotYetDue,
    /// Nothing to judge: no thematic session held in the quarter (that miss is counted once,
    /// under [`Rule::SessionHeld`]).
    NotAssessed,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "Đạt",
            Verdict::Missed => "Chưa đạt",
            Verdict::NotYetDue => "Chưa đến hạn",
            Verdict::NotAssessed => "Không đánh giá",
        }
    }
}

/// One rule checked: its verdict, and in Vietnamese what was found (for a miss, why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Check {
    pub rule: Rule,
    pub label: String,
    pub verdict: Verdict,
    pub verdict_label: String,
    /// One sentence per finding; for a miss, one per session (or topic) that missed.
    pub reasons: Vec<String>,
    /// The screen where it is dealt with: the plan (its report, its topics' drafts) or the
    /// sessions (holding one, its length, its attendance).
    pub screen: Screen,
}

impl Check {
    fn new(rule: Rule, verdict: Verdict, reasons: Vec<String>) -> Check {
        Check {
            rule,
            label: rule.label().into(),
            verdict,
            verdict_label: verdict.label().into(),
            reasons,
            screen: rule.screen(),
        }
    }
}

/// The quarterly rules of one cell in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarterCompliance {
    pub quarter: Quarter,
    /// "Quý II".
    pub quarter_label: String,
    /// Thematic sessions held in the quarter by the day of the check.
    pub sessions: Vec<SessionId>,
    pub checks: Vec<Check>,
}

/// One cell's year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellCompliance {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    /// The cell's plan of the year, when there is one (its report upward is recorded on it).
    pub plan_id: Option<PlanId>,
    /// Whether the report upward may be recorded now: the plan approved and not yet reported.
    pub may_report_plan: bool,
    pub plan_reported: Check,
    pub quarters: Vec<QuarterCompliance>,
    /// Rules missed in the year (each quarter's and the plan's).
    pub missed: i64,
}

/// Compliance of an organisation's cells (or of one cell) in a year, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Compliance {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub cells: Vec<CellCompliance>,
    pub missed: i64,
}

fn date(d: NaiveDate) -> String {
    audit::date(d)
}

/// The cells the check covers: the cell itself, or the cells of a đảng bộ still active at the
/// end of the year (a cell dissolved during it is left out: its record stays in its history).
pub(crate) fn cells_of(conn: &Connection, org: &Organisation, year: i32) -> Result<Vec<Organisation>> {
    if let Placement::Cell { .. } = org.placement {
        return Ok(vec![org.clone()]);
    }
    let mut stmt = conn.prepare(
        "SELECT id FROM organisation WHERE parent_id = ?1 AND (retired_on IS NULL OR retired_on > ?2)
          ORDER BY name_key, id",
    )?;
    let ids = stmt
        .query_map(params![org.id.0, format!("{year:04}-12-31")], |r| {
            r.get::<_, i64>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|id| organisation::get(conn, OrganisationId(id)))
        .collect()
}

pub(crate) fn held_sessions(
    conn: &Connection,
    cell: OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM session WHERE organisation_id = ?1 AND kind = 'thematic'
            AND held_on >= ?2 AND held_on <= ?3 ORDER BY held_on, id",
    )?;
    let ids = stmt
        .query_map(params![cell.0, from, to], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|id| session::get(conn, SessionId(id)))
        .collect()
}

/// The day the draft of `topic` was last passed (and sent) on or before `day`.
fn draft_passed_on(conn: &Connection, topic: i64, day: NaiveDate) -> Result<Option<NaiveDate>> {
    let on: Option<String> = conn
        .query_row(
            "SELECT substr(at, 1, 10) FROM audit_event
              WHERE entity = 'topic' AND entity_id = ?1 AND to_state = ?2 AND substr(at, 1, 10) <= ?3
              ORDER BY id DESC LIMIT 1",
            params![topic, TopicState::ReadyForSession.as_str(), day],
            |r| r.get(0),
        )
        .optional()?;
    Ok(on.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

fn session_held(sessions: &[Session], q: Quarter, year: i32, today: NaiveDate) -> Check {
    if !sessions.is_empty() {
        let held = sessions
            .iter()
            .map(|s| {
                let titles: Vec<String> =
                    s.topics.iter().map(|t| format!("“{}”", t.title)).collect();
                format!(
                    "Đã sinh hoạt chuyên đề ngày {} ({}).",
                    date(s.held_on),
                    titles.join(", ")
                )
            })
            .collect();
        return Check::new(Rule::SessionHeld, Verdict::Met, held);
    }
    let last = q.last_day(year);
    if last >= today {
        Check::new(
            Rule::SessionHeld,
            Verdict::NotYetDue,
            vec![format!(
                "{} năm {year} chưa kết thúc (đến hết ngày {}); chưa có buổi sinh hoạt chuyên đề nào.",
                q.label(),
                date(last)
            )],
        )
    } else {
        Check::new(
            Rule::SessionHeld,
            Verdict::Missed,
            vec![format!(
                "{} năm {year} không có buổi sinh hoạt chuyên đề nào.",
                q.label()
            )],
        )
    }
}

/// A per-session rule: met when every session held meets it; each miss says which session.
fn per_session(
    rule: Rule,
    sessions: &[Session],
    mut misses_of: impl FnMut(&Session) -> Result<Vec<String>>,
) -> Result<Check> {
    if sessions.is_empty() {
        return Ok(Check::new(
            rule,
            Verdict::NotAssessed,
            vec!["Không có buổi sinh hoạt chuyên đề để đánh giá.".into()],
        ));
    }
    let mut misses = Vec::new();
    for s in sessions {
        misses.extend(misses_of(s)?);
    }
    Ok(if misses.is_empty() {
        Check::new(rule, Verdict::Met, Vec::new())
    } else {
        Check::new(rule, Verdict::Missed, misses)
    })
}

/// `lead`: the organisation's days of notice (a setting, 1 by default: 42-HD/BTCTW, 2025).
fn draft_misses(conn: &Connection, lead: i64, s: &Session) -> Result<Vec<String>> {
    let mut misses = Vec::new();
    for t in &s.topics {
        let at = format!(
            "Buổi sinh hoạt ngày {}, chuyên đề “{}”",
            date(s.held_on),
            t.title
        );
        match draft_passed_on(conn, t.topic_id.0, s.held_on)? {
            None => misses.push(format!(
                "{at}: dự thảo chưa được thông qua và gửi đảng viên trước buổi sinh hoạt."
            )),
            Some(on) if on > s.held_on - Duration::days(lead) => misses.push(format!(
                "{at}: dự thảo được thông qua và gửi ngày {}, chưa đủ {lead} ngày trước buổi sinh hoạt.",
                date(on)
            )),
            Some(_) => {}
        }
    }
    Ok(misses)
}

fn length_misses(min_minutes: i64, s: &Session) -> Vec<String> {
    let on = date(s.held_on);
    match s.ends_at {
        None => vec![format!(
            "Buổi sinh hoạt ngày {on}: chưa ghi giờ kết thúc nên chưa biết thời lượng."
        )],
        Some(end) => {
            let minutes = (end - s.starts_at).num_minutes();
            if minutes < min_minutes {
                vec![format!(
                    "Buổi sinh hoạt ngày {on} kéo dài {minutes} phút, ít hơn {min_minutes} phút theo quy định của tổ chức."
                )]
            } else {
                Vec::new()
            }
        }
    }
}

fn quorum_misses(s: &Session) -> Vec<String> {
    let t = &s.totals;
    if t.met {
        return Vec::new();
    }
    vec![format!(
        "Buổi sinh hoạt ngày {}: có mặt {}/{} đảng viên được triệu tập, chưa đủ {} (cần {}).",
        date(s.held_on),
        t.present,
        t.called,
        t.quorum.label(),
        t.required
    )]
}

/// The cell's plan of the year (id, approved, reported on).
type PlanRow = (i64, bool, Option<NaiveDate>);

fn plan_row(conn: &Connection, cell: OrganisationId, year: i32) -> Result<Option<PlanRow>> {
    Ok(conn
        .query_row(
            "SELECT p.id, p.approved_on IS NOT NULL, r.reported_on
               FROM plan p LEFT JOIN plan_report r ON r.plan_id = p.id
              WHERE p.organisation_id = ?1 AND p.year = ?2",
            params![cell.0, year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

fn plan_reported(plan: Option<PlanRow>, year: i32, today: NaiveDate) -> Check {
    let due = Quarter::new(1).expect("quarter 1").first_day(year) > today;
    let (verdict, reason) = match plan {
        Some((_, _, Some(on))) => (
            Verdict::Met,
            format!(
                "Kế hoạch năm {year} đã báo cáo cấp ủy cấp trên ngày {}.",
                date(on)
            ),
        ),
        Some((_, _, None)) => (
            if due {
                Verdict::NotYetDue
            } else {
                Verdict::Missed
            },
            format!("Kế hoạch năm {year} chưa được báo cáo cấp ủy cấp trên."),
        ),
        None => (
            if due {
                Verdict::NotYetDue
            } else {
                Verdict::Missed
            },
            format!("Chưa lập kế hoạch sinh hoạt chuyên đề năm {year}."),
        ),
    };
    Check::new(Rule::PlanReported, verdict, vec![reason])
}

fn cell_compliance(
    conn: &Connection,
    cell: &Organisation,
    year: i32,
    today: NaiveDate,
) -> Result<CellCompliance> {
    let settings = session::settings_of(conn, cell.id)?;
    let mut quarters = Vec::new();
    for q in Quarter::ALL {
        let to = q.last_day(year).min(today);
        let sessions = held_sessions(conn, cell.id, q.first_day(year), to)?;
        let checks = vec![
            session_held(&sessions, q, year, today),
            per_session(Rule::DraftSentInTime, &sessions, |s| {
                draft_misses(conn, settings.draft_lead_days, s)
            })?,
            per_session(Rule::MinimumLength, &sessions, |s| {
                Ok(length_misses(settings.min_duration_minutes, s))
            })?,
            per_session(Rule::Quorum, &sessions, |s| Ok(quorum_misses(s)))?,
        ];
        quarters.push(QuarterCompliance {
            quarter: q,
            quarter_label: q.label().into(),
            sessions: sessions.iter().map(|s| s.id).collect(),
            checks,
        });
    }
    let plan = plan_row(conn, cell.id, year)?;
    let plan_reported = plan_reported(plan, year, today);
    let missed = quarters
        .iter()
        .flat_map(|q| &q.checks)
        .chain(std::iter::once(&plan_reported))
        .filter(|c| c.verdict == Verdict::Missed)
        .count() as i64;
    Ok(CellCompliance {
        organisation_id: cell.id,
        organisation_name: cell.name.clone(),
        plan_id: plan.map(|p| PlanId(p.0)),
        may_report_plan: matches!(plan, Some((_, true, None))),
        plan_reported,
        quarters,
        missed,
    })
}

pub(crate) fn of(
    conn: &Connection,
    org: OrganisationId,
    year: i32,
    today: NaiveDate,
) -> Result<Compliance> {
    let organisation = organisation::get(conn, org)?;
    let cells = cells_of(conn, &organisation, year)?
        .iter()
        .map(|c| cell_compliance(conn, c, year, today))
        .collect::<Result<Vec<_>>>()?;
    Ok(Compliance {
        organisation_id: org,
        organisation_name: organisation.name,
        year,
        as_of: today,
        missed: cells.iter().map(|c| c.missed).sum(),
        cells,
    })
}

impl Database {
    /// Compliance with the guidance of `org`'s cells (or of the cell `org`) in `year`, today.
    pub fn compliance(&self, org: OrganisationId, year: i32) -> Result<Compliance> {
        self.compliance_on(org, year, self.today())
    }

    /// Like [`Database::compliance`], as of the day `today`.
    pub fn compliance_on(
        &self,
        org: OrganisationId,
        year: i32,
        today: NaiveDate,
    ) -> Result<Compliance> {
        self.read(|c| of(c, org, year, today))
    }
}
