//! Minutes (*biên bản*) of a session: the document model, built from the session record, and
//! its renderings.

pub mod approval_document;
pub mod build;
pub mod docx;
pub mod issuer;
pub mod layout;
pub mod missing;
pub mod model;
pub mod numbering;
#[cfg(feature = "minutes-pdf")]
pub mod pdf;
pub mod plan_document;
pub mod plan_snapshot;
pub(crate) mod plan_text;
pub mod record;

pub use model::{
    DocumentHeader, DocumentMetadata, DocumentParagraph, PageMargins, PartyDocument, Signature,
};
pub use record::{Minutes, MinutesRevisionSummary, MinutesSignature};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The files a Party document is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    Docx,
}

impl DocumentFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Docx => "docx",
        }
    }
}

/// The document as a file of `format`, with the Party's margins: what the window's exports
/// and `chuyende minutes` / `chuyende plan print` all write.
#[cfg(feature = "minutes-pdf")]
pub fn render(document: &PartyDocument, format: DocumentFormat) -> Result<Vec<u8>, pdf::PdfError> {
    let margins = PageMargins::default();
    match format {
        DocumentFormat::Pdf => pdf::render(document, margins),
        DocumentFormat::Docx => Ok(docx::write(document, margins)),
    }
}
