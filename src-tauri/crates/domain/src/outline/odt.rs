//! OpenDocument text (.odt): headings (`text:h` with their outline level), paragraphs, lists
//! (numbers computed from the list styles, which ODF stores as rules), tables row by row, and
//! footnotes (`text:note`, read out of the paragraph that cites them and put at the end).

use std::collections::HashMap;

use super::blocks::{Block, BlockKind, Blocks};
use super::docx::{format_number, roman};
use super::problem::DocumentProblem;
use super::xml::{attr, walk, Node};
use super::zipped::{ZipLimits, Zipped};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

pub fn is_odt(zip_bytes: &[u8]) -> bool {
    // The ODF package starts with an uncompressed "mimetype" entry.
    zip_bytes.len() > 38 + MIMETYPE.len()
        && &zip_bytes[30..38] == b"mimetype"
        && zip_bytes[38..].starts_with(MIMETYPE.as_bytes())
}

pub fn read(name: &str, bytes: &[u8], limits: ZipLimits) -> Result<Vec<Block>, DocumentProblem> {
    let mut zip = Zipped::open(name, bytes, limits)?;
    let corrupt = |detail: String| DocumentProblem::Corrupt {
        name: name.to_string(),
        detail,
    };
    let content = zip.require("content.xml")?;
    let mut list_styles = HashMap::new();
    if let Some(styles) = zip.read("styles.xml")? {
        collect_list_styles(&styles, &mut list_styles).map_err(corrupt)?;
    }
    collect_list_styles(&content, &mut list_styles).map_err(corrupt)?;
    body(&content, &list_styles).map_err(corrupt)
}

/// How one level of a list style numbers its items.
#[derive(Clone, Default)]
struct LevelStyle {
    bullet: Option<String>,
    format: String,
    prefix: String,
    suffix: String,
}

fn collect_list_styles(
    xml: &[u8],
    styles: &mut HashMap<String, Vec<LevelStyle>>,
) -> Result<(), String> {
    let mut current: Option<String> = None;
    walk(xml, |node| match node {
        Node::Start {
            name: "list-style",
            attrs,
        } => current = attr(attrs, "name").map(str::to_string),
        Node::Start {
            name: kind @ ("list-level-style-number" | "list-level-style-bullet"),
            attrs,
        } => {
            let (Some(style), Some(level)) = (
                &current,
                attr(attrs, "level").and_then(|l| l.parse::<usize>().ok()),
            ) else {
                return;
            };
            let levels = styles.entry(style.clone()).or_default();
            while levels.len() < level {
                levels.push(LevelStyle::default());
            }
            levels[level - 1] = LevelStyle {
                bullet: (kind == "list-level-style-bullet")
                    .then(|| attr(attrs, "bullet-char").unwrap_or("•").to_string()),
                format: attr(attrs, "num-format").unwrap_or_default().to_string(),
                prefix: attr(attrs, "num-prefix").unwrap_or_default().to_string(),
                suffix: attr(attrs, "num-suffix").unwrap_or_default().to_string(),
            };
        }
        Node::End { name: "list-style" } => current = None,
        _ => {}
    })
}

struct OpenList {
    style: Option<String>,
    items: u32,
    /// The current item's first paragraph has been emitted (later ones are continuations).
    labelled: bool,
}

fn label(styles: &HashMap<String, Vec<LevelStyle>>, list: &OpenList, depth: usize) -> String {
    let Some(level) = list
        .style
        .as_ref()
        .and_then(|s| styles.get(s))
        .and_then(|l| l.get(depth - 1))
    else {
        return String::new();
    };
    if let Some(bullet) = &level.bullet {
        return bullet.clone();
    }
    let number = match level.format.as_str() {
        "" => return String::new(),
        "a" => format_number(list.items, "lowerLetter"),
        "A" => format_number(list.items, "upperLetter"),
        "i" => roman(list.items).to_lowercase(),
        "I" => roman(list.items),
        _ => list.items.to_string(),
    };
    format!("{}{number}{}", level.prefix, level.suffix)
}

fn body(xml: &[u8], styles: &HashMap<String, Vec<LevelStyle>>) -> Result<Vec<Block>, String> {
    let mut blocks = Blocks::default();
    let mut notes: Vec<(String, String)> = Vec::new();
    let (mut text, mut heading) = (String::new(), None::<u8>);
    let mut lists: Vec<OpenList> = Vec::new();
    let (mut note_depth, mut in_citation) = (0usize, false);
    let (mut citation, mut note_text) = (String::new(), String::new());
    let mut table_depth = 0usize;
    let (mut cell, mut row): (String, Vec<String>) = (String::new(), Vec::new());
    let mut in_body = false;
    walk(xml, |node| match node {
        Node::Start { name: "text", .. } => in_body = true,
        _ if !in_body => {}
        Node::Start { name: "note", .. } => {
            note_depth += 1;
            citation.clear();
            note_text.clear();
        }
        Node::End { name: "note" } => {
            note_depth -= 1;
            text.push_str(&format!("[{}]", citation.trim()));
            notes.push((citation.trim().to_string(), note_text.trim().to_string()));
        }
        Node::Start {
            name: "note-citation",
            ..
        } => in_citation = true,
        Node::End {
            name: "note-citation",
        } => in_citation = false,
        Node::Text(t) if in_citation => citation.push_str(t),
        Node::Text(t) if note_depth > 0 => note_text.push_str(t),
        Node::End { name: "p" | "h" } if note_depth > 0 => note_text.push(' '),
        _ if note_depth > 0 => {}
        Node::Start { name: "h", attrs } => {
            text.clear();
            heading = Some(
                attr(attrs, "outline-level")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1u8)
                    .clamp(1, 6),
            );
        }
        Node::Start { name: "p", .. } => {
            text.clear();
            heading = None;
        }
        Node::Text(t) => text.push_str(t),
        Node::Start { name: "s", attrs } => {
            let n = attr(attrs, "c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .min(100);
            text.push_str(&" ".repeat(n));
        }
        Node::Start {
            name: "tab" | "line-break",
            ..
        } => text.push(' '),
        Node::Start {
            name: "list",
            attrs,
        } => {
            let inherited = lists.last().and_then(|l| l.style.clone());
            lists.push(OpenList {
                style: attr(attrs, "style-name").map(str::to_string).or(inherited),
                items: 0,
                labelled: false,
            });
        }
        Node::End { name: "list" } => {
            lists.pop();
        }
        Node::Start {
            name: "list-item", ..
        } => {
            if let Some(list) = lists.last_mut() {
                list.items += 1;
                list.labelled = false;
            }
        }
        Node::Start { name: "table", .. } => table_depth += 1,
        Node::End { name: "table" } => table_depth = table_depth.saturating_sub(1),
        Node::End { name: "p" | "h" } if table_depth > 0 => {
            cell.push(' ');
            cell.push_str(&text);
        }
        Node::End { name: "table-cell" } if table_depth == 1 => {
            row.push(std::mem::take(&mut cell).trim().to_string())
        }
        Node::End { name: "table-row" } if table_depth == 1 => {
            let cells: Vec<String> = std::mem::take(&mut row)
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect();
            blocks.push(BlockKind::TableRow, &cells.join(" | "));
        }
        Node::End { name: "p" | "h" } => {
            if let Some(level) = heading.take() {
                blocks.push(BlockKind::Heading { level }, &text);
            } else if !lists.is_empty() {
                let depth = lists.len();
                let list = &lists[depth - 1];
                let prefix = if list.labelled {
                    String::new()
                } else {
                    label(styles, list, depth)
                };
                blocks.push(
                    BlockKind::ListItem { level: depth as u8 },
                    &format!("{prefix} {text}"),
                );
                lists[depth - 1].labelled = true;
            } else {
                blocks.push(BlockKind::Paragraph, &text);
            }
        }
        _ => {}
    })?;
    for (citation, note) in notes {
        blocks.push(BlockKind::Footnote, &format!("[{citation}] {note}"));
    }
    Ok(blocks.into_vec())
}
