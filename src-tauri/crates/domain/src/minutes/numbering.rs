//! Document numbers (*số văn bản*): "Số 05-BB/CB" is the fifth minutes (*biên bản*, BB) the
//! organisation issued in its committee term. Numbers restart at 01 for each kind of document
//! in each term (DOMAIN.md); the term a document's date falls in is found by [`crate::term`].

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::organisation::OrganisationId;
use crate::plan::PlanId;
use crate::session::{OrganisationSettings, SessionId};
use crate::term::{self, NumberingPeriod};

/// The kinds of document the app issues, each numbered on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Biên bản.
    Minutes,
    /// Kế hoạch.
    Plan,
}

impl DocumentKind {
    /// The abbreviation in the number: "BB" in "Số 05-BB/CB".
    pub fn abbreviation(self) -> &'static str {
        match self {
            DocumentKind::Minutes => "BB",
            DocumentKind::Plan => "KH",
        }
    }
}

/// "/CB": the organisation's symbol as it follows a number (empty when none is set).
pub(crate) fn symbol_suffix(settings: &OrganisationSettings) -> String {
    if settings.document_symbol.is_empty() {
        String::new()
    } else {
        format!("/{}", settings.document_symbol)
    }
}

/// "Quảng Ninh, ": the place as it precedes the date (empty when none is set).
pub(crate) fn place_prefix(settings: &OrganisationSettings) -> String {
    if settings.place_name.is_empty() {
        String::new()
    } else {
        format!("{}, ", settings.place_name)
    }
}

/// "Số 05-BB/CB" (without the organisation's symbol when it has none set).
pub fn number_text(kind: DocumentKind, number: i64, settings: &OrganisationSettings) -> String {
    format!(
        "Số {number:02}-{}{}",
        kind.abbreviation(),
        symbol_suffix(settings)
    )
}

/// A document's number, and why it is counted over a calendar year when no term is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub number: i64,
    pub note: Option<String>,
}

/// The number of a session's minutes: the session's rank among the organisation's meetings of
/// its term; once minutes of the session were signed, the number they were signed with.
pub(crate) fn minutes_number(
    conn: &Connection,
    org: OrganisationId,
    session: SessionId,
    held_on: NaiveDate,
) -> Result<Numbered> {
    let signed: Option<i64> = conn
        .query_row(
            "SELECT number FROM minutes_revision WHERE session_id = ?1 AND number IS NOT NULL
          ORDER BY revision LIMIT 1",
            [session.0],
            |r| r.get(0),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let NumberingPeriod { from, to, note } = term::numbering_period(conn, org, held_on)?;
    if let Some(number) = signed {
        return Ok(Numbered { number, note: None });
    }
    let number = conn.query_row(
        "SELECT count(*) FROM session WHERE organisation_id = ?1 AND held_on BETWEEN ?2 AND ?3
            AND (held_on, id) <= (?4, ?5)",
        params![org.0, from, to, held_on, session.0],
        |r| r.get(0),
    )?;
    Ok(Numbered { number, note })
}

/// The number of an approved plan: its rank among the organisation's plans approved in the
/// term of its approval.
pub(crate) fn plan_number(
    conn: &Connection,
    org: OrganisationId,
    plan: PlanId,
    approved_on: NaiveDate,
) -> Result<Numbered> {
    let NumberingPeriod { from, to, note } = term::numbering_period(conn, org, approved_on)?;
    let number = conn.query_row(
        "SELECT count(*) FROM plan WHERE organisation_id = ?1 AND approved_on BETWEEN ?2 AND ?3
            AND (approved_on, id) <= (?4, ?5)",
        params![org.0, from, to, approved_on, plan.0],
        |r| r.get(0),
    )?;
    Ok(Numbered { number, note })
}
