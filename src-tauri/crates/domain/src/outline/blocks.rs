//! The structure kept from an outline document: headings (with their numbering, such as "I.",
//! "1.", "a)"), paragraphs, list items, table rows and footnotes, in reading order. It is what
//! the preview shows, what versions are compared on, and what comments will point at.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem {
        level: u8,
    },
    /// One row of a table, its cells separated by " | ".
    TableRow,
    Footnote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// NFC, white space collapsed.
    pub text: String,
}

/// Collects blocks while a document is read, cleaning each text and dropping empty ones.
#[derive(Debug, Default)]
pub struct Blocks(Vec<Block>);

impl Blocks {
    pub fn push(&mut self, kind: BlockKind, text: &str) {
        let text: String = text
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            self.0.push(Block { kind, text });
        }
    }

    pub fn into_vec(self) -> Vec<Block> {
        self.0
    }
}

/// The heading level a line of plain text (a .txt, a PDF's text layer) has by its numbering,
/// as Vietnamese outlines write it: "I." / "II." for parts, "1." for sections, "1.1." below.
/// Lettered items ("a)") are list items, not headings.
pub fn numbered_heading_level(line: &str) -> Option<u8> {
    let line = line.trim();
    if line.chars().count() > 160 {
        return None;
    }
    let (head, rest) = line
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((line, ""));
    if rest.trim().is_empty() {
        return None;
    }
    let numeral = head.strip_suffix('.')?;
    if !numeral.is_empty() && numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return Some(1);
    }
    let parts: Vec<&str> = numeral.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((parts.len() as u8 + 1).min(4));
    }
    None
}

/// "a) …", "b) …", "- …", "+ …", "• …": a list item in plain text.
pub fn is_list_line(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('-' | '+' | '•' | '*'), Some(' '), _) => true,
        (Some(c), Some(')'), Some(' ')) => c.is_alphabetic() && c.is_lowercase(),
        _ => false,
    }
}

/// The plain text of blocks, a paragraph a line: what is searched and what a CLI prints.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_and_arabic_numbering_make_headings_and_letters_make_list_items() {
        assert_eq!(numbered_heading_level("I. MỤC ĐÍCH, YÊU CẦU"), Some(1));
        assert_eq!(numbered_heading_level("IV. TỔ CHỨC THỰC HIỆN"), Some(1));
        assert_eq!(numbered_heading_level("2. Nội dung chủ yếu"), Some(2));
        assert_eq!(numbered_heading_level("2.1. Về nhận thức"), Some(3));
        assert_eq!(numbered_heading_level("Đảng bộ Văn phòng"), None);
        assert_eq!(
            numbered_heading_level("2024. năm"),
            None,
            "a year is not a section number"
        );
        assert!(is_list_line("a) Nâng cao nhận thức"));
        assert!(is_list_line("- Gương mẫu"));
        assert!(!is_list_line("Chi bộ a) sai"));
    }
}
