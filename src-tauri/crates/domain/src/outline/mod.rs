//! Outlines (*đề cương*): the documents an assigned member brings in, every version kept.

pub mod align;
pub mod blocks;
pub mod compare;
pub mod docx;
pub mod extract;
pub mod isolation;
pub mod odt;
pub mod pdf;
pub mod plain;
pub mod problem;
pub mod version;
mod xml;
pub mod zipped;

pub use version::{OutlineText, OutlineVersion, OutlineVersionId};
