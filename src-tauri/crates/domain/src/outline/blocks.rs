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

/// Bounds on what one document may produce, whatever its size on disk: a small file can
/// describe a huge output (a list label copied to every item, a repeated field). Checked while
/// reading, so the reader stops at the bound instead of building the whole output first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputLimits {
    /// Characters of text in all blocks together.
    pub max_text_chars: usize,
    pub max_blocks: usize,
    /// Characters of a list label made from the document's numbering rules ("a)", "1.2.").
    pub max_label_chars: usize,
}

impl Default for OutputLimits {
    fn default() -> Self {
        // The 102-page fixture gives about 250,000 characters and 900 blocks: these leave
        // room for outlines ten times longer than any real one.
        OutputLimits {
            max_text_chars: 4_000_000,
            max_blocks: 100_000,
            max_label_chars: 64,
        }
    }
}

/// Why a reader stopped before the end of a part.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// The XML (or another structure) is not what the format says: damaged.
    Malformed(String),
    /// The document asks for what no real document needs (a DTD, an entity of its own).
    Hostile(String),
    /// The output went past an [`OutputLimits`] bound.
    TooMuch(String),
}

impl From<String> for Stop {
    fn from(s: String) -> Self {
        Stop::Malformed(s)
    }
}

impl Stop {
    pub fn into_problem(self, name: &str) -> super::problem::DocumentProblem {
        use super::problem::DocumentProblem;
        let name = name.to_string();
        match self {
            Stop::Malformed(detail) => DocumentProblem::Corrupt { name, detail },
            Stop::Hostile(detail) => DocumentProblem::Hostile { name, detail },
            Stop::TooMuch(detail) => DocumentProblem::ProducesTooMuch { name, detail },
        }
    }
}

/// Collects blocks while a document is read, cleaning each text and dropping empty ones, and
/// keeping count against the [`OutputLimits`].
#[derive(Debug, Default)]
pub struct Blocks {
    blocks: Vec<Block>,
    limits: OutputLimits,
    chars: usize,
    over: Option<String>,
}

impl Blocks {
    pub fn new(limits: OutputLimits) -> Self {
        Blocks {
            limits,
            ..Blocks::default()
        }
    }

    pub fn limits(&self) -> OutputLimits {
        self.limits
    }

    /// Adds a block; past a bound the block is dropped and [`Blocks::check`] says so.
    pub fn push(&mut self, kind: BlockKind, text: &str) {
        if self.over.is_some() {
            return;
        }
        let text: String = text
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return;
        }
        self.chars = self.chars.saturating_add(text.chars().count());
        if self.chars > self.limits.max_text_chars {
            self.over = Some(format!("hơn {} ký tự văn bản", self.limits.max_text_chars));
        } else if self.blocks.len() >= self.limits.max_blocks {
            self.over = Some(format!("hơn {} đoạn", self.limits.max_blocks));
        } else {
            self.blocks.push(Block { kind, text });
        }
    }

    /// Whether the text of one paragraph being gathered is already past the bound on all text.
    pub fn check_pending(&self, pending: &str) -> Result<(), Stop> {
        // Bytes, not characters: counted in constant time at every piece of text.
        if pending.len() > self.limits.max_text_chars {
            return Err(Stop::TooMuch(format!(
                "một đoạn hơn {} ký tự",
                self.limits.max_text_chars
            )));
        }
        self.check()
    }

    /// Err once a bound was passed: the reader stops there.
    pub fn check(&self) -> Result<(), Stop> {
        match &self.over {
            Some(detail) => Err(Stop::TooMuch(detail.clone())),
            None => Ok(()),
        }
    }

    pub fn into_vec(self) -> Result<Vec<Block>, Stop> {
        self.check()?;
        Ok(self.blocks)
    }
}

/// `text` cut to at most `max` characters: a label made from a document's numbering rules.
pub fn bounded_label(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
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
