//! The minutes (*biên bản*) as one document model, rendered as PDF and DOCX (and shown on
//! screen) from the same values, so the three cannot disagree. Layout follows the Party's
//! document format (Hướng dẫn 36-HD/VPTW; see shared/DOMAIN.md, "Minutes").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The header block: parent and issuing organisation at the top left (capitals), the Party's
/// name at the top right, the number under the issuer, the place and date under the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentHeader {
    /// "ĐẢNG BỘ VĂN PHÒNG UBND TỈNH" (regular, 14 pt)
    pub parent: String,
    /// "CHI BỘ CÔNG BÁO - NHÀ KHÁCH" (bold, 14 pt, with a `*` under it)
    pub issuer: String,
    /// "Số 05-BB/CB"
    pub number: String,
    /// "Quảng Ninh, ngày 06 tháng 6 năm 2024" (italic)
    pub place_and_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentParagraph {
    /// A bold heading ("I. THÀNH PHẦN"), kept with what follows it.
    Heading { text: String },
    /// A body paragraph, justified, first line indented.
    Text { text: String },
    /// One member's contribution, "- Đồng chí …: …".
    Item { text: String },
    /// A ruled table with a header row (the topics of a yearly plan).
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl DocumentParagraph {
    pub fn heading(text: impl Into<String>) -> Self {
        DocumentParagraph::Heading { text: text.into() }
    }

    pub fn text(text: impl Into<String>) -> Self {
        DocumentParagraph::Text { text: text.into() }
    }

    pub fn item(text: impl Into<String>) -> Self {
        DocumentParagraph::Item { text: text.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signature {
    /// "THƯ KÝ", "CHỦ TRÌ"
    pub role: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyDocument {
    pub header: DocumentHeader,
    /// "BIÊN BẢN"
    pub title: String,
    /// "sinh hoạt chuyên đề quý II năm 2024"
    pub subject: String,
    pub body: Vec<DocumentParagraph>,
    /// Left to right: the meeting secretary, then the chair.
    pub signatures: Vec<Signature>,
    /// Nơi nhận, one recipient each ("Đảng ủy Văn phòng UBND tỉnh (b/c)"), printed bottom left.
    /// (Minutes signed before recipients were printed have none.)
    #[serde(default)]
    pub recipients: Vec<String>,
}

/// What a PDF's or DOCX's properties say of the document (title, author, subject).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentMetadata {
    /// "Biên bản sinh hoạt chuyên đề quý II năm 2025"
    pub title: String,
    /// The issuing organisation as the header names it: "CHI BỘ CÔNG BÁO - NHÀ KHÁCH".
    pub author: String,
    /// "sinh hoạt chuyên đề quý II năm 2025 — Số 01-BB/CB"
    pub subject: String,
}

/// The label above the recipients.
pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";

/// Recipients as printed: "- X," each, the last "- X.".
pub fn recipient_lines(recipients: &[String]) -> Vec<String> {
    let n = recipients.len();
    recipients
        .iter()
        .enumerate()
        .map(|(i, r)| format!("- {r}{}", if i + 1 == n { "." } else { "," }))
        .collect()
}

impl PartyDocument {
    /// Every piece of text, in reading order: what tests compare the PDF's and the DOCX's text
    /// against.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            self.header.parent.as_str(),
            self.header.issuer.as_str(),
        ];
        out.extend([
            self.header.number.as_str(),
            self.header.place_and_date.as_str(),
            self.title.as_str(),
            self.subject.as_str(),
        ]);
        for p in &self.body {
            match p {
                DocumentParagraph::Heading { text }
                | DocumentParagraph::Text { text }
                | DocumentParagraph::Item { text } => out.push(text.as_str()),
                DocumentParagraph::Table { columns, rows } => {
                    out.extend(columns.iter().map(String::as_str));
                    out.extend(rows.iter().flatten().map(String::as_str));
                }
            }
        }
        for s in &self.signatures {
            out.extend([s.role.as_str(), s.name.as_str()]);
        }
        if !self.recipients.is_empty() {
            out.push(RECIPIENTS_LABEL);
            out.extend(self.recipients.iter().map(String::as_str));
        }
        out
    }

    /// The file's properties: a title in sentence case, the issuer as author.
    pub fn metadata(&self) -> DocumentMetadata {
        let kind = self.title.to_lowercase();
        let mut chars = kind.chars();
        let kind: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        DocumentMetadata {
            title: one_line(&format!("{kind} {}", self.subject)),
            author: one_line(&self.header.issuer),
            subject: one_line(&format!(
                "{} {} — {}",
                kind, self.subject, self.header.number
            )),
        }
    }
}

/// A4 with the margins of a Party document, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct PageMargins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Default for PageMargins {
    fn default() -> Self {
        PageMargins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
        }
    }
}
