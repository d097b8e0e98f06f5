//! A document is not issued with a mandatory part empty (issue 11, point 4): with the default
//! settings the place, the symbol and, for a đảng bộ, the signer are empty, and a clerk would
//! sign "Số 01-BB" dated "ngày 30 tháng 11" with no place. The library looks at the document as
//! it would print, says which parts are missing, and names the setting that fills each, so the
//! window can open it and the CLI can say it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::PartyDocument;
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;

/// One empty mandatory part, and the organisation setting that fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MissingPart {
    /// The field of the organisation's settings (Cài đặt → Quy định của tổ chức).
    pub field: Field,
    /// "địa danh (… , ngày … tháng … năm …)"
    pub label: String,
}

fn part(field: Field, label: &str) -> MissingPart {
    MissingPart {
        field,
        label: label.into(),
    }
}

/// The mandatory parts `document` prints empty, in the order they stand on the page.
pub fn missing_parts(document: &PartyDocument) -> Vec<MissingPart> {
    let h = &document.header;
    let mut missing = Vec::new();
    if h.parent.trim().is_empty() {
        missing.push(part(
            Field::HeaderParent,
            "tên cơ quan cấp trên ở đầu văn bản",
        ));
    }
    if h.issuer.trim().is_empty() {
        missing.push(part(
            Field::HeaderIssuer,
            "tên cơ quan ban hành ở đầu văn bản",
        ));
    }
    // "Số 05-BB/CB": the symbol follows the slash.
    if !h.number.contains('/') {
        missing.push(part(
            Field::DocumentSymbol,
            "ký hiệu trong số văn bản (Số …/CB)",
        ));
    }
    // "Quảng Ninh, ngày …": without a place the line starts with the date.
    if h.place_and_date.trim_start().starts_with("ngày") {
        missing.push(part(Field::PlaceName, "địa danh trước ngày tháng"));
    }
    // One signer on the organisation's behalf ("T/M …"): the name comes from the settings.
    if let [only] = document.signatures.as_slice() {
        if only.role.starts_with("T/M") && only.name.trim().is_empty() {
            missing.push(part(Field::SignerName, "họ tên người ký"));
        }
    }
    missing
}

/// The document may be printed or exported: no mandatory part is empty.
pub fn ready_to_issue(document: &PartyDocument, organisation: OrganisationId) -> Result<()> {
    refuse_missing(missing_parts(document), organisation)
}

/// The same for a document that carries no number (the approved outline): its symbol is not
/// needed.
pub fn ready_to_issue_unnumbered(
    document: &PartyDocument,
    organisation: OrganisationId,
) -> Result<()> {
    let missing = missing_parts(document)
        .into_iter()
        .filter(|m| m.field != Field::DocumentSymbol)
        .collect();
    refuse_missing(missing, organisation)
}

fn refuse_missing(missing: Vec<MissingPart>, organisation: OrganisationId) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::DocumentIncomplete {
        organisation_id: organisation.0,
        parts: missing
            .iter()
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        field: missing[0].field,
    })
}
