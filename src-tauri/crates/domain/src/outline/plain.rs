//! Plain text (.txt) and the text layer of PDFs: no styles, so headings and list items are
//! recognised by the numbering Vietnamese outlines type ("I.", "1.", "a)"). Markdown (.md) is
//! read by a CommonMark parser (with tables and footnotes, as GitHub writes them).

use super::blocks::{
    is_list_line, numbered_heading_level, Block, BlockKind, Blocks, OutputLimits, Stop,
};
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
pub fn text_blocks(text: &str, wrapped: bool, limits: OutputLimits) -> Result<Vec<Block>, Stop> {
    let mut blocks = Blocks::new(limits);
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
            blocks.check()?;
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
        blocks.check_pending(&paragraph)?;
        // A heading is one line: what follows is its body.
        if matches!(kind, BlockKind::Heading { .. }) {
            flush(&mut blocks, &mut paragraph, kind);
            kind = BlockKind::Paragraph;
        }
    }
    flush(&mut blocks, &mut paragraph, kind);
    blocks.into_vec()
}

/// Markdown, through pulldown-cmark: headings, paragraphs (emphasis, links and code spans
/// give their text), lists nested to any depth (numbered items keep their number), code
/// blocks as paragraphs, tables row by row, footnotes at the end.
pub fn markdown_blocks(text: &str, limits: OutputLimits) -> Result<Vec<Block>, Stop> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

    let mut blocks = Blocks::new(limits);
    // One entry per open list: the next number of an ordered list, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut buf = String::new();
    let mut kind: Option<BlockKind> = None;
    let mut cells: Vec<String> = Vec::new();
    let mut note: Option<(String, String)> = None;
    let mut notes: Vec<(String, String)> = Vec::new();
    let item = |lists: &[Option<u64>]| BlockKind::ListItem {
        level: lists.len().clamp(1, 9) as u8,
    };
    let flush = |blocks: &mut Blocks, buf: &mut String, kind: Option<BlockKind>| {
        blocks.push(kind.unwrap_or(BlockKind::Paragraph), buf);
        buf.clear();
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(text, options) {
        if let Some((_, note_text)) = note.as_mut() {
            match event {
                Event::End(TagEnd::FootnoteDefinition) => notes.extend(note.take()),
                Event::Text(t) | Event::Code(t) => note_text.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                    note_text.push(' ')
                }
                _ => {}
            }
            if let Some((_, t)) = &note {
                blocks.check_pending(t)?;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut blocks, &mut buf, kind);
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                kind = Some(BlockKind::Heading { level });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut blocks, &mut buf, kind);
                kind = (!lists.is_empty()).then(|| item(&lists));
            }
            Event::Start(Tag::Paragraph) => {
                if kind.is_none() {
                    kind = Some(BlockKind::Paragraph);
                }
            }
            Event::End(TagEnd::Paragraph) => {
                flush(&mut blocks, &mut buf, kind);
                // A later paragraph of the same item continues it, without a label.
                kind = (!lists.is_empty()).then(|| item(&lists));
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut blocks, &mut buf, kind);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut blocks, &mut buf, kind);
                lists.pop();
                kind = (!lists.is_empty()).then(|| item(&lists));
            }
            Event::Start(Tag::Item) => {
                flush(&mut blocks, &mut buf, kind);
                kind = Some(item(&lists));
                if let Some(Some(n)) = lists.last_mut() {
                    buf.push_str(&format!("{n}. "));
                    *n = n.saturating_add(1);
                }
            }
            Event::End(TagEnd::Item) => {
                flush(&mut blocks, &mut buf, kind);
                kind = None;
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut blocks, &mut buf, kind);
            }
            Event::End(TagEnd::CodeBlock) => {
                flush(&mut blocks, &mut buf, kind);
                kind = (!lists.is_empty()).then(|| item(&lists));
            }
            Event::Start(Tag::Table(_)) => flush(&mut blocks, &mut buf, kind),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => cells.clear(),
            Event::Start(Tag::TableCell) => buf.clear(),
            Event::End(TagEnd::TableCell) => {
                cells.push(std::mem::take(&mut buf).trim().to_string())
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                let row: Vec<String> = std::mem::take(&mut cells)
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect();
                blocks.push(BlockKind::TableRow, &row.join(" | "));
            }
            Event::End(TagEnd::Table) => kind = None,
            Event::Start(Tag::FootnoteDefinition(label)) => {
                flush(&mut blocks, &mut buf, kind);
                note = Some((label.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                buf.push_str(&t);
                blocks.check_pending(&buf)?;
            }
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::FootnoteReference(label) => buf.push_str(&format!("[{label}]")),
            Event::TaskListMarker(done) => buf.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Rule => flush(&mut blocks, &mut buf, kind),
            // Raw HTML is markup, not text: never shown as HTML, not kept as text either.
            _ => {}
        }
        blocks.check()?;
    }
    flush(&mut blocks, &mut buf, kind);
    for (label, text) in notes {
        blocks.push(BlockKind::Footnote, &format!("[{label}] {text}"));
    }
    blocks.into_vec()
}
