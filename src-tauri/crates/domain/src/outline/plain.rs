//! Plain text (.txt), Markdown (.md) and the text layer of PDFs: no styles, so headings and
//! list items are recognised by the numbering Vietnamese outlines type ("I.", "1.", "a)").

use super::blocks::{is_list_line, numbered_heading_level, Block, BlockKind, Blocks};
use super::problem::DocumentProblem;

/// UTF-8 (with or without BOM) or UTF-16 with its BOM; anything else is refused, since guessing
/// a legacy code page would show Vietnamese wrong.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, DocumentProblem> {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| DocumentProblem::NotUnicode {
                name: name.to_string(),
            })
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false)?,
        [0xFE, 0xFF, ..] => utf16(true)?,
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| DocumentProblem::NotUnicode {
                name: name.to_string(),
            })?
        }
        _ => String::from_utf8(bytes.to_vec()).map_err(|_| DocumentProblem::NotUnicode {
            name: name.to_string(),
        })?,
    };
    if text.contains('\0') {
        return Err(DocumentProblem::NotWhatItsNameSays {
            name: name.to_string(),
            claimed: extension_label(name),
        });
    }
    Ok(text)
}

fn extension_label(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| format!(".{}", e.to_lowercase()))
        .unwrap_or_else(|| "văn bản".into())
}

/// Lines of plain text into blocks. `wrapped`: lines are broken by width (a PDF), so a line
/// continues the paragraph above unless it starts a heading or an item or follows a blank line.
pub fn text_blocks(text: &str, wrapped: bool) -> Vec<Block> {
    let mut blocks = Blocks::default();
    let mut paragraph = String::new();
    let mut kind = BlockKind::Paragraph;
    let flush = |blocks: &mut Blocks, paragraph: &mut String, kind: BlockKind| {
        blocks.push(kind, paragraph);
        paragraph.clear();
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut blocks, &mut paragraph, kind);
            kind = BlockKind::Paragraph;
            continue;
        }
        let starts = if let Some(level) = numbered_heading_level(trimmed) {
            Some(BlockKind::Heading { level })
        } else if is_list_line(trimmed) {
            Some(BlockKind::ListItem { level: 1 })
        } else if !wrapped {
            Some(BlockKind::Paragraph)
        } else {
            None
        };
        if let Some(new_kind) = starts {
            flush(&mut blocks, &mut paragraph, kind);
            kind = new_kind;
        }
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(trimmed);
        // A heading is one line: what follows is its body.
        if matches!(kind, BlockKind::Heading { .. }) {
            flush(&mut blocks, &mut paragraph, kind);
            kind = BlockKind::Paragraph;
        }
    }
    flush(&mut blocks, &mut paragraph, kind);
    blocks.into_vec()
}

/// Markdown: `#` headings, `-`/`*`/`1.` items, `|` table rows, paragraphs of joined lines.
pub fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Blocks::default();
    let mut paragraph = String::new();
    let strip = |s: &str| s.replace("**", "").replace("__", "").replace('`', "");
    for line in text.lines() {
        let t = line.trim();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        let item = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "));
        let numbered = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let block = if t.is_empty() {
            None
        } else if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            Some((
                BlockKind::Heading {
                    level: hashes as u8,
                },
                strip(&t[hashes..]),
            ))
        } else if let Some(rest) = item {
            Some((
                BlockKind::ListItem {
                    level: 1 + (line.len() - line.trim_start().len()) as u8 / 2,
                },
                strip(rest),
            ))
        } else if let Some((n, rest)) = numbered {
            Some((
                BlockKind::ListItem { level: 1 },
                format!("{n}. {}", strip(rest)),
            ))
        } else if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue; // the |---|---| line under a table's header
            }
            Some((BlockKind::TableRow, strip(&cells.join(" | "))))
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&strip(t));
            continue;
        };
        blocks.push(BlockKind::Paragraph, &paragraph);
        paragraph.clear();
        if let Some((kind, text)) = block {
            blocks.push(kind, &text);
        }
    }
    blocks.push(BlockKind::Paragraph, &paragraph);
    blocks.into_vec()
}
