//! Minutes (*biên bản*) of a session: the document model, built from the session record, and
//! its renderings.

pub mod build;
pub mod docx;
pub mod model;
pub mod pdf;

pub use model::{MinutesDocument, MinutesHeader, MinutesParagraph, PageMargins, Signature};
