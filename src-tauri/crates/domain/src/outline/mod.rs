//! Outlines (*đề cương*): the documents an assigned member brings in, every version kept.

pub mod align;
pub mod blocks;
pub mod compare;
pub mod docx;
pub mod extract;
pub mod odt;
pub mod pdf;
pub mod plain;
pub mod problem;
pub mod version;
mod xml;
mod zipped;

pub use version::{OutlineText, OutlineVersion, OutlineVersionId};
