//! Committee terms (*nhiệm kỳ*) of an organisation: from the congress that elected the committee
//! to the next. Documents are numbered from 01 for each kind in each term (DOMAIN.md), so the
//! term a date falls in decides the number of the minutes of a meeting held that day.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::organisation::{self, OrganisationId, Placement};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct TermId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommitteeTerm {
    pub id: TermId,
    pub organisation_id: OrganisationId,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// "Nhiệm kỳ 2025 - 2030"
    pub label: String,
}

/// What the settings form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TermDraft {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A term as the trail says it: "Nhiệm kỳ 2025 - 2030 (01/10/2025 – 30/09/2030)".
fn term_words(starts_on: NaiveDate, ends_on: NaiveDate) -> String {
    format!(
        "{} ({} – {})",
        label(starts_on, ends_on),
        audit::date(starts_on),
        audit::date(ends_on)
    )
}

fn label(starts_on: NaiveDate, ends_on: NaiveDate) -> String {
    format!("Nhiệm kỳ {} - {}", starts_on.year(), ends_on.year())
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CommitteeTerm> {
    let (starts_on, ends_on): (NaiveDate, NaiveDate) = (r.get(2)?, r.get(3)?);
    Ok(CommitteeTerm {
        id: TermId(r.get(0)?),
        organisation_id: OrganisationId(r.get(1)?),
        starts_on,
        ends_on,
        label: label(starts_on, ends_on),
    })
}

fn terms_of(conn: &Connection, org: OrganisationId) -> Result<Vec<CommitteeTerm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, organisation_id, starts_on, ends_on FROM committee_term
          WHERE organisation_id = ?1 ORDER BY starts_on",
    )?;
    let rows = stmt.query_map([org.0], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The days over which an organisation's documents of one kind are numbered together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberingPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Why the period is not one of the organisation's own terms, when it is not (Vietnamese,
    /// shown beside the number so the secretary knows to declare the term).
    pub note: Option<String>,
}

/// The period `date` is numbered in, for documents issued by `org`: its own term; for a cell
/// with no term declared, its đảng bộ's (a cell's congress is held in the đảng bộ's term);
/// failing both, the calendar year, with a note saying so.
pub(crate) fn numbering_period(
    conn: &Connection,
    org: OrganisationId,
    date: NaiveDate,
) -> Result<NumberingPeriod> {
    let covering = |o: OrganisationId| -> Result<Option<(NaiveDate, NaiveDate)>> {
        Ok(conn
            .query_row(
                "SELECT starts_on, ends_on FROM committee_term
                  WHERE organisation_id = ?1 AND starts_on <= ?2 AND ends_on >= ?2
                  ORDER BY starts_on DESC LIMIT 1",
                params![o.0, date],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    };
    if let Some((from, to)) = covering(org)? {
        return Ok(NumberingPeriod {
            from,
            to,
            note: None,
        });
    }
    let organisation = organisation::get(conn, org)?;
    if let Placement::Cell { parent_id } = organisation.placement {
        if let Some((from, to)) = covering(parent_id)? {
            return Ok(NumberingPeriod {
                from,
                to,
                note: None,
            });
        }
    }
    let year = date.year();
    Ok(NumberingPeriod {
        from: NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists"),
        to: NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists"),
        note: Some(format!(
            "{} chưa khai báo nhiệm kỳ có ngày {}: số văn bản đang đánh theo năm {year}. Hãy khai báo nhiệm kỳ trong Cài đặt.",
            organisation.name,
            date.format("%d/%m/%Y")
        )),
    })
}

impl Database {
    /// The organisation's committee terms, oldest first.
    pub fn terms(&self, org: OrganisationId) -> Result<Vec<CommitteeTerm>> {
        self.read(|c| {
            organisation::get(c, org)?;
            terms_of(c, org)
        })
    }

    /// Declares a committee term. Terms of one organisation do not overlap.
    pub fn add_term(&self, org: OrganisationId, draft: &TermDraft) -> Result<CommitteeTerm> {
        self.require(crate::permission::Action::EditOrganisations)?;
        if draft.ends_on <= draft.starts_on {
            return Err(Error::invalid(
                Field::EndsOn,
                "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.",
            ));
        }
        self.write(|tx| {
            organisation::get(tx, org)?;
            if let Some(other) = terms_of(tx, org)?
                .into_iter()
                .find(|t| t.starts_on <= draft.ends_on && draft.starts_on <= t.ends_on)
            {
                return Err(Error::invalid(
                    Field::StartsOn,
                    format!(
                        "Nhiệm kỳ này trùng với {} (từ {} đến {}).",
                        other.label.to_lowercase(),
                        other.starts_on.format("%d/%m/%Y"),
                        other.ends_on.format("%d/%m/%Y")
                    ),
                ));
            }
            tx.execute(
                "INSERT INTO committee_term (organisation_id, starts_on, ends_on, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![org.0, draft.starts_on, draft.ends_on, now()],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(
                tx,
                Change::new(Subject::Organisation(org.0), "Khai báo nhiệm kỳ").to(term_words(draft.starts_on, draft.ends_on)),
            )?;
            Ok(tx.query_row(
                "SELECT id, organisation_id, starts_on, ends_on FROM committee_term WHERE id = ?1",
                [id],
                from_row,
            )?)
        })
    }

    /// Removes a term declared by mistake. Minutes already signed keep the number they were
    /// signed with; the others are numbered again over the remaining terms.
    pub fn remove_term(&self, id: TermId) -> Result<()> {
        self.require(crate::permission::Action::EditOrganisations)?;
        self.write(|tx| {
            let term: Option<(i64, NaiveDate, NaiveDate)> = tx
                .query_row(
                    "SELECT organisation_id, starts_on, ends_on FROM committee_term WHERE id = ?1",
                    [id.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((org, starts_on, ends_on)) = term else {
                return Err(Error::NotFound {
                    what: "nhiệm kỳ",
                    id: id.0,
                });
            };
            tx.execute("DELETE FROM committee_term WHERE id = ?1", [id.0])?;
            audit::record(
                tx,
                Change::new(Subject::Organisation(org), "Xoá nhiệm kỳ")
                    .from(term_words(starts_on, ends_on)),
            )?;
            Ok(())
        })
    }
}
