//! Minutes (*biên bản*) of a session: the document model, built from the session record, and
//! its renderings.

pub mod build;
pub mod docx;
pub mod model;
pub mod pdf;
pub mod plan_document;

pub use model::{DocumentHeader, DocumentParagraph, PageMargins, PartyDocument, Signature};
