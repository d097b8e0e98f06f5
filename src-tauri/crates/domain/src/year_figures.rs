//! The figures of the overview's two charts, for an organisation and its cells in a year: its
//! topics per quarter by state, and each cell's attendance rate at its thematic sessions. The
//! window only draws them; the numbers are decided here, so the report can print the same.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compliance;
use crate::db::Database;
use crate::error::Result;
use crate::organisation::{self, OrganisationId};
use crate::overview::{self, StateCount};
use crate::plan::Quarter;
use crate::topic_state::TopicState;

/// One quarter's topics (of the plans of the year), by state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarterTopics {
    pub quarter: Quarter,
    /// "Quý II".
    pub quarter_label: String,
    /// Only the states that have topics, in the cycle's order.
    pub states: Vec<StateCount>,
    pub total: i64,
}

/// A cell's attendance at its thematic sessions held in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellAttendance {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub sessions: i64,
    /// Members called (the quorum's base), summed over the sessions.
    pub called: i64,
    /// Of them, present.
    pub present: i64,
    /// present / called as a whole percentage, rounded; None without a session.
    pub rate_percent: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearFigures {
    pub organisation_id: OrganisationId,
    pub year: i32,
    /// Always the four quarters, in order.
    pub topics_by_quarter: Vec<QuarterTopics>,
    /// Each cell (the cell itself, or the đảng bộ's cells), as the compliance check lists them.
    pub attendance: Vec<CellAttendance>,
}

fn topics_by_quarter(
    conn: &Connection,
    org: OrganisationId,
    year: i32,
) -> Result<Vec<QuarterTopics>> {
    let mut quarters: Vec<QuarterTopics> = Quarter::ALL
        .into_iter()
        .map(|quarter| QuarterTopics {
            quarter,
            quarter_label: quarter.label().into(),
            states: Vec::new(),
            total: 0,
        })
        .collect();
    for (_, _, _, q, _, state) in overview::topics_of_year(conn, org, year)? {
        let (Some(q), Some(state)) = (Quarter::new(q), TopicState::parse(&state)) else {
            continue;
        };
        let entry = &mut quarters[usize::from(u8::from(q)) - 1];
        entry.total += 1;
        match entry.states.iter_mut().find(|s| s.state == state) {
            Some(s) => s.count += 1,
            None => entry.states.push(StateCount {
                state,
                label: state.label().into(),
                count: 1,
            }),
        }
    }
    for q in &mut quarters {
        q.states
            .sort_by_key(|s| TopicState::ALL.iter().position(|x| *x == s.state));
    }
    Ok(quarters)
}

fn attendance(conn: &Connection, org: OrganisationId, year: i32) -> Result<Vec<CellAttendance>> {
    let org = organisation::get(conn, org)?;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(Vec::new());
    };
    compliance::cells_of(conn, &org, year)?
        .into_iter()
        .map(|cell| {
            let sessions = compliance::held_sessions(conn, cell.id, from, to)?;
            let called: i64 = sessions.iter().map(|s| s.totals.called).sum();
            let present: i64 = sessions.iter().map(|s| s.totals.present).sum();
            Ok(CellAttendance {
                organisation_id: cell.id,
                organisation_name: cell.name,
                sessions: sessions.len() as i64,
                called,
                present,
                // Rounded half up, in whole numbers: (200·p + c) / 2c.
                rate_percent: (called > 0).then(|| (200 * present + called) / (2 * called)),
            })
        })
        .collect()
}

impl Database {
    /// The figures of the overview's charts for `org` and its cells in `year`.
    pub fn year_figures(&self, org: OrganisationId, year: i32) -> Result<YearFigures> {
        self.read(|c| {
            Ok(YearFigures {
                organisation_id: org,
                year,
                topics_by_quarter: topics_by_quarter(c, org, year)?,
                attendance: attendance(c, org, year)?,
            })
        })
    }
}
