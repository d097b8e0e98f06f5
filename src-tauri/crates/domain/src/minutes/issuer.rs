//! Who issues an organisation's documents, who signs them and who receives them (DOMAIN.md,
//! "Who issues a document decides its header"): the library derives a default for each from the
//! organisation and its members, and the organisation corrects any of them in its settings.
//!
//! - A cell issues as itself: its đảng bộ over "CHI BỘ …", signed "T/M CHI BỘ / BÍ THƯ".
//! - What a đảng bộ's committee signs ("T/M ĐẢNG ỦY") is issued by "ĐẢNG ỦY …" under the
//!   parent đảng bộ: the parent committee's name "Đảng ủy Các cơ quan tỉnh" becomes the đảng bộ
//!   "Đảng bộ Các cơ quan tỉnh" (an organisation whose real name differs, "Đảng bộ Khối các cơ
//!   quan tỉnh", writes it in its settings).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::numbering::DocumentKind;
use super::plan_text;
use crate::error::Result;
use crate::organisation::{Organisation, Placement};
use crate::session::OrganisationSettings;

/// What the library would print when the organisation's settings leave a part empty: the
/// settings form shows these as the placeholders of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDefaults {
    pub header_parent: String,
    pub header_issuer: String,
    pub signer_name: String,
    pub minutes_recipients: String,
    pub plan_recipients: String,
    pub plan_basis: String,
    pub plan_purpose: String,
    pub plan_implementation: String,
}

/// The parts of a document that depend on who issues it, as they will print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH" (capitals; a line break where the organisation typed one)
    pub parent: String,
    /// "ĐẢNG ỦY VĂN PHÒNG UBND TỈNH"
    pub issuer: String,
    /// "T/M ĐẢNG ỦY\nBÍ THƯ"
    pub on_behalf: String,
    /// The full name printed under the signature: the organisation's secretary by default.
    pub signer: String,
}

/// "Đảng ủy X" → "Đảng bộ X", "Đảng bộ X" → "Đảng ủy X": the same organisation named as the
/// body of members or as its committee. Names that do not start so are kept as typed.
fn swap_body(name: &str, from: &[&str], to: &str) -> String {
    for prefix in from {
        let n = prefix.chars().count();
        let head: String = name.chars().take(n).collect();
        if head.to_lowercase() == *prefix {
            return format!("{to}{}", name.chars().skip(n).collect::<String>());
        }
    }
    name.to_string()
}

fn as_committee(name: &str) -> String {
    swap_body(name, &["đảng bộ "], "Đảng ủy ")
}

fn as_party_body(name: &str) -> String {
    // "uỷ" is the older spelling of "ủy"; both are in use.
    swap_body(name, &["đảng ủy ", "đảng uỷ "], "Đảng bộ ")
}

/// The active secretary of the organisation itself (a đảng bộ's secretary belongs to the đảng
/// bộ, not to one of its cells).
fn secretary(conn: &Connection, org: &Organisation) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT full_name FROM member WHERE organisation_id = ?1 AND position = 'secretary'
                AND moved_on IS NULL ORDER BY id LIMIT 1",
            [org.id.0],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// The recipients of a kind of document when the organisation has not set its own.
fn default_recipients(kind: DocumentKind, org: &Organisation) -> Vec<String> {
    match (&org.placement, kind) {
        (Placement::Cell { .. }, DocumentKind::Minutes) => vec![
            format!("{} (b/c)", as_committee(&org.parent_name)),
            "Lưu chi bộ".into(),
        ],
        (Placement::Cell { .. }, DocumentKind::Plan) => vec![
            format!("{} (b/c)", as_committee(&org.parent_name)),
            "Đảng viên trong chi bộ".into(),
            "Lưu chi bộ".into(),
        ],
        (Placement::PartyCommitteeOrg { .. }, DocumentKind::Minutes) => vec![
            format!("{} (b/c)", org.parent_name),
            "Lưu Văn phòng đảng ủy".into(),
        ],
        (Placement::PartyCommitteeOrg { .. }, DocumentKind::Plan) => vec![
            format!("{} (b/c)", org.parent_name),
            "Các chi bộ trực thuộc".into(),
            "Lưu Văn phòng đảng ủy".into(),
        ],
    }
}

/// What the library prints where the settings are empty.
pub(crate) fn defaults(conn: &Connection, org: &Organisation) -> Result<DocumentDefaults> {
    let (parent, issuer) = match org.placement {
        Placement::Cell { .. } => (org.parent_name.clone(), org.name.clone()),
        Placement::PartyCommitteeOrg { .. } => {
            (as_party_body(&org.parent_name), as_committee(&org.name))
        }
    };
    Ok(DocumentDefaults {
        header_parent: parent.to_uppercase(),
        header_issuer: issuer.to_uppercase(),
        signer_name: secretary(conn, org)?,
        minutes_recipients: default_recipients(DocumentKind::Minutes, org).join("\n"),
        plan_recipients: default_recipients(DocumentKind::Plan, org).join("\n"),
        plan_basis: plan_text::basis(org),
        plan_purpose: plan_text::purpose(org),
        plan_implementation: plan_text::implementation(org),
    })
}

fn or_default(set: &str, default: &str) -> String {
    if set.trim().is_empty() {
        default.to_string()
    } else {
        set.trim().to_string()
    }
}

/// The header and signer of the organisation's documents, its settings over the defaults.
pub(crate) fn issuer(org: &Organisation, settings: &OrganisationSettings) -> Issuer {
    let d = &settings.defaults;
    let on_behalf = match org.placement {
        Placement::Cell { .. } => "T/M CHI BỘ\nBÍ THƯ",
        Placement::PartyCommitteeOrg { .. } => "T/M ĐẢNG ỦY\nBÍ THƯ",
    };
    Issuer {
        parent: or_default(&settings.header_parent, &d.header_parent).to_uppercase(),
        issuer: or_default(&settings.header_issuer, &d.header_issuer).to_uppercase(),
        on_behalf: on_behalf.into(),
        signer: or_default(&settings.signer_name, &d.signer_name),
    }
}

/// A text block of the plan: the organisation's paragraphs, else the default's.
pub(crate) fn paragraphs(set: &str, default: &str) -> Vec<String> {
    or_default(set, default)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Nơi nhận of a kind of document: one recipient a line, each printed "- …;" and the last "…".
pub(crate) fn recipients(kind: DocumentKind, settings: &OrganisationSettings) -> Vec<String> {
    let (set, default) = match kind {
        DocumentKind::Minutes => (
            &settings.minutes_recipients,
            &settings.defaults.minutes_recipients,
        ),
        DocumentKind::Plan => (
            &settings.plan_recipients,
            &settings.defaults.plan_recipients,
        ),
    };
    or_default(set, default)
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '–'])
                .trim()
                .trim_end_matches([',', ';', '.'])
                .trim()
        })
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_body_and_its_committee_are_the_same_name_with_the_other_word() {
        assert_eq!(
            as_committee("Đảng bộ Văn phòng UBND tỉnh"),
            "Đảng ủy Văn phòng UBND tỉnh"
        );
        assert_eq!(
            as_party_body("Đảng ủy Các cơ quan tỉnh"),
            "Đảng bộ Các cơ quan tỉnh"
        );
        assert_eq!(
            as_party_body("Đảng uỷ Khối cơ quan"),
            "Đảng bộ Khối cơ quan"
        );
        assert_eq!(as_party_body("Tỉnh ủy Quảng Ninh"), "Tỉnh ủy Quảng Ninh");
    }
}
