//! Outlines (*đề cương*): the documents an assigned member brings in, every version kept.

pub mod blocks;
pub mod problem;
pub mod compare;
pub mod docx;
pub mod extract;
pub mod odt;
pub mod pdf;
pub mod plain;
mod xml;
pub mod version;
mod zipped;

pub use version::{OutlineText, OutlineVersion, OutlineVersionId};
