//! The yearly plan reported to the committee directly above (*báo cáo cấp ủy cấp trên*), which
//! follows it (DOMAIN.md, "Rules from the guidance"): once the committee approved the plan, the
//! day it went up is recorded, once, in the trail, and the compliance check reads it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::plan::{self, PlanId};

/// When a plan was reported upward, and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanReport {
    pub plan_id: PlanId,
    pub reported_on: NaiveDate,
    pub reported_by: String,
}

pub(crate) fn of(conn: &Connection, id: PlanId) -> Result<Option<PlanReport>> {
    Ok(conn
        .query_row(
            "SELECT reported_on, reported_by FROM plan_report WHERE plan_id = ?1",
            [id.0],
            |r| {
                Ok(PlanReport {
                    plan_id: id,
                    reported_on: r.get(0)?,
                    reported_by: r.get(1)?,
                })
            },
        )
        .optional()?)
}

fn refuse(message: String) -> Error {
    Error::invalid(Field::ReportedOn, message)
}

impl Database {
    /// Records that the approved plan `id` was reported to the committee above on `on`.
    /// Refused for a draft plan, a day before its approval or after today, and a second time.
    pub fn report_plan(&self, id: PlanId, on: NaiveDate) -> Result<PlanReport> {
        self.require(crate::permission::Action::EditPlans)?;
        let today = self.today();
        self.write(|tx| {
            let plan = plan::get(tx, id)?;
            let Some(approval) = &plan.approval else {
                return Err(refuse(format!(
                    "Kế hoạch năm {} chưa được cấp ủy duyệt: hãy duyệt kế hoạch trước khi báo cáo cấp trên.",
                    plan.year
                )));
            };
            if let Some(done) = of(tx, id)? {
                return Err(refuse(format!(
                    "Kế hoạch năm {} đã được báo cáo cấp trên ngày {}.",
                    plan.year,
                    audit::date(done.reported_on)
                )));
            }
            if on < approval.on {
                return Err(refuse(format!(
                    "Ngày báo cáo không thể trước ngày cấp ủy duyệt kế hoạch ({}).",
                    audit::date(approval.on)
                )));
            }
            if on > today {
                return Err(refuse("Ngày báo cáo chưa đến: hãy ghi sau khi đã gửi báo cáo.".into()));
            }
            let by = crate::settings::actor(tx)?;
            tx.execute(
                "INSERT INTO plan_report (plan_id, reported_on, reported_by, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, on, by, now()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Plan(id.0), "Báo cáo kế hoạch lên cấp ủy cấp trên")
                    .to(format!("Ngày {}", audit::date(on))),
            )?;
            Ok(PlanReport {
                plan_id: id,
                reported_on: on,
                reported_by: by,
            })
        })
    }

    /// When the plan `id` was reported upward, if it was.
    pub fn plan_report(&self, id: PlanId) -> Result<Option<PlanReport>> {
        self.read(|c| of(c, id))
    }
}
