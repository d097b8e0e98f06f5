//! The sessions list (*danh sách buổi sinh hoạt*) of an organisation's year, a page at a time.
//! A đảng bộ's year holds every cell's sessions (some 1,000 at 250 cells), more than anyone
//! reads in one table and more than a window should draw: the list is read a page of
//! [`SESSIONS_PAGE`] at a time, with the count of them all, and a đảng bộ's secretary can narrow
//! it to one cell (the one whose meeting they look for).
//!
//! Pages are numbered rather than keyed on the last row shown: a secretary goes forward and
//! back and wants to see where they are ("Trang 3 / 21"), and skipping a few hundred rows of
//! one organisation's year through the `session_org` index costs nothing worth a cursor.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;
use crate::quorum::Quorum;
use crate::session::{
    attendance_columns, attendance_entry, AttendanceEntry, AttendanceTotals,
    OrganisationSettings, SessionId, SessionKind, SessionSummary,
};

/// How many sessions the list shows at once.
pub const SESSIONS_PAGE: u32 = 50;

/// One page of an organisation's sessions of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionPage {
    /// Newest first: by day, and of one day the one recorded last first.
    pub sessions: Vec<SessionSummary>,
    /// The sessions the list holds (with the cell chosen, that cell's), all pages together.
    pub total: i64,
    /// This page, from 1 (a page asked past the last gives the last).
    pub page: u32,
    /// How many pages there are (at least 1, even when there is no session).
    pub pages: u32,
    /// The position of this page's first session in the whole list, from 1 (0 when empty).
    pub first: i64,
    /// What the list shows, as the window and `chuyende sessions` print it:
    /// "Hiển thị 51–100 / 1.012 buổi".
    pub shown: String,
    /// The cell the list is narrowed to, if any.
    pub cell: Option<OrganisationId>,
    /// The text the cells' names were narrowed to, as compared (empty: none).
    pub cell_name: String,
    /// What the cell filter offers: the organisation and its cells (whose name holds the text)
    /// that held sessions in the year (the organisation first, then the cells by name), each
    /// with its count. Bounded by the structure (one a cell), not by the years.
    pub organisations: Vec<SessionsOf>,
    /// The kinds of session the organisation may open (the form offers these):
    /// see [`SessionKind::held_by`].
    pub kinds: Vec<SessionKind>,
}

/// An organisation of the list, and how many of the year's sessions it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionsOf {
    pub organisation_id: OrganisationId,
    pub name: String,
    pub count: i64,
}

/// "1.012": a count as Vietnamese writes it, thousands apart with a dot.
fn count_vi(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(d);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// The sessions of the year of `org` (a đảng bộ: with its cells'), narrowed to `cell` when
/// given and to the organisations whose name holds a text. `?1` organisation, `?2` first day,
/// `?3` last day, `?4` the cell or NULL, `?5` the name's text (its identity key; empty: any).
const OF_YEAR: &str = "FROM session s JOIN organisation o ON o.id = s.organisation_id
                        WHERE (o.id = ?1 OR o.parent_id = ?1) AND s.held_on BETWEEN ?2 AND ?3
                          AND (?4 IS NULL OR s.organisation_id = ?4) AND instr(o.name_key, ?5) > 0";

/// The ids of one page, in the list's order; `?6` the page's size, `?7` the rows before it.
fn page_ids() -> String {
    format!("SELECT s.id {OF_YEAR} ORDER BY s.held_on DESC, s.id DESC LIMIT ?6 OFFSET ?7")
}

impl Database {
    /// Page `page` (from 1) of the sessions of an organisation in a year (a đảng bộ: with its
    /// cells'), newest first; `cell` narrows a đảng bộ's list to one of its cells (or to its
    /// own sessions), `cell_name` to the cells whose name holds it (empty: all).
    pub fn sessions(
        &self,
        org: OrganisationId,
        year: i32,
        cell: Option<OrganisationId>,
        cell_name: &str,
        page: u32,
    ) -> Result<SessionPage> {
        let name = crate::text::identity_key(cell_name);
        self.read(|c| page_of(c, org, year, cell, &name, page))
    }
}

fn page_of(
    c: &Connection,
    org: OrganisationId,
    year: i32,
    cell: Option<OrganisationId>,
    name: &str,
    page: u32,
) -> Result<SessionPage> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(Error::invalid(Field::Year, format!("Năm {year} không hợp lệ.")));
    };
    crate::organisation::get(c, org)?;
    if let Some(cell) = cell {
        let under: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM organisation WHERE id = ?1 AND (id = ?2 OR parent_id = ?2))",
            params![cell.0, org.0],
            |r| r.get(0),
        )?;
        if !under {
            return Err(Error::invalid(
                Field::OrganisationId,
                "Chi bộ đã chọn không thuộc tổ chức đảng này.",
            ));
        }
    }
    let organisations = sessions_of(c, org, from, to, name)?;
    let total: i64 = match cell {
        Some(cell) => organisations
            .iter()
            .find(|o| o.organisation_id == cell)
            .map_or(0, |o| o.count),
        None => organisations.iter().map(|o| o.count).sum(),
    };
    let size = i64::from(SESSIONS_PAGE);
    let pages = u32::try_from(((total + size - 1) / size).max(1)).unwrap_or(u32::MAX);
    let page = page.clamp(1, pages);
    let skip = i64::from(page - 1) * size;
    let sessions = summaries(c, params![org.0, from, to, cell.map(|c| c.0), name, size, skip])?;
    let first = if sessions.is_empty() { 0 } else { skip + 1 };
    let shown = if sessions.is_empty() {
        "Không có buổi sinh hoạt nào".to_string()
    } else {
        format!(
            "Hiển thị {}–{} / {} buổi",
            count_vi(first),
            count_vi(skip + sessions.len() as i64),
            count_vi(total)
        )
    };
    let kinds = SessionKind::held_by(&crate::organisation::get(c, org)?.placement);
    Ok(SessionPage {
        kinds,
        sessions,
        total,
        page,
        pages,
        first,
        shown,
        cell,
        cell_name: name.to_string(),
        organisations,
    })
}

/// The organisation and its cells (whose name holds `name`) that held sessions between `from`
/// and `to`, with counts: the organisation itself first, then the cells by name.
fn sessions_of(
    c: &Connection,
    org: OrganisationId,
    from: NaiveDate,
    to: NaiveDate,
    name: &str,
) -> Result<Vec<SessionsOf>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT o.id, o.name, count(*) {OF_YEAR}
          GROUP BY o.id ORDER BY o.id <> ?1, o.name, o.id"
    ))?;
    let rows = stmt.query_map(params![org.0, from, to, Option::<i64>::None, name], |r| {
        Ok(SessionsOf {
            organisation_id: OrganisationId(r.get(0)?),
            name: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The page's summaries in three queries however long the page is (the sessions, their
/// topics, their attendance), where reading each session whole made a đảng bộ's year of 60
/// cells take 40 ms in debug. The totals still come from `AttendanceTotals::of`, the rule the
/// minutes print. `page` holds the parameters of [`page_ids`].
fn summaries(c: &Connection, page: &[&dyn rusqlite::ToSql]) -> Result<Vec<SessionSummary>> {
    let ids = page_ids();
    let mut topics: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT st.session_id, t.title FROM session_topic st JOIN topic t ON t.id = st.topic_id
          WHERE st.session_id IN ({ids}) ORDER BY st.session_id, t.id"
    ))?;
    let mut rows = stmt.query(page)?;
    while let Some(r) = rows.next()? {
        topics.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    let mut attendance: HashMap<i64, Vec<AttendanceEntry>> = HashMap::new();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {}, a.session_id
           FROM attendance a JOIN member m ON m.id = a.member_id JOIN session s ON s.id = a.session_id
          WHERE a.session_id IN ({ids})",
        attendance_columns()
    ))?;
    let mut rows = stmt.query(page)?;
    while let Some(r) = rows.next()? {
        attendance
            .entry(r.get(7)?)
            .or_default()
            .push(attendance_entry(r)?);
    }
    // An organisation without settings keeps the default quorum, as `settings_of` gives it.
    let mut stmt = c.prepare_cached(&format!(
        "SELECT s.id, s.kind, s.held_on, o.name, q.quorum_numerator, q.quorum_denominator,
                (SELECT count(*) FROM comment WHERE session_id = s.id AND withdrawn_at IS NULL),
                s.organisation_id
           FROM session s JOIN organisation o ON o.id = s.organisation_id
           LEFT JOIN organisation_setting q ON q.organisation_id = s.organisation_id
          WHERE s.id IN ({ids})
          ORDER BY s.held_on DESC, s.id DESC"
    ))?;
    let mut rows = stmt.query(page)?;
    let mut list = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let quorum = match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
            (Some(numerator), Some(denominator)) => Quorum {
                numerator,
                denominator,
            },
            _ => OrganisationSettings::default().quorum,
        };
        let totals = AttendanceTotals::of(attendance.get(&id).map_or(&[], |a| a), quorum);
        list.push(SessionSummary {
            id: SessionId(id),
            kind: if r.get::<_, String>(1)? == "regular" {
                SessionKind::Regular
            } else {
                SessionKind::Thematic
            },
            held_on: r.get(2)?,
            organisation_id: OrganisationId(r.get(7)?),
            organisation_name: r.get(3)?,
            topics: topics.remove(&id).unwrap_or_default(),
            members: totals.members,
            called: totals.called,
            present: totals.present,
            required: totals.required,
            quorum_met: totals.met,
            comment_count: r.get(6)?,
        });
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_written_with_a_dot_between_thousands() {
        assert_eq!(super::count_vi(0), "0");
        assert_eq!(super::count_vi(50), "50");
        assert_eq!(super::count_vi(1012), "1.012");
        assert_eq!(super::count_vi(1_234_567), "1.234.567");
    }
}
