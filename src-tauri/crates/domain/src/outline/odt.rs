//! OpenDocument text (.odt): headings (`text:h` with their outline level), paragraphs, lists
//! (numbers computed from the list styles, which ODF stores as rules), tables row by row, and
//! footnotes (`text:note`, read out of the paragraph that cites them and put at the end).
//!
//! Text is taken from every element of the ODF text model that holds text a reader sees: spans,
//! links, fields and references (their shown value), ruby, meta fields, frames and text boxes
//! (their own paragraphs), sections, indexes' bodies, list headers. Skipped are only the parts
//! that hold no document text: the tracked-changes log (so deletions stay out and insertions,
//! which are in the body, stay in: the changes read as accepted), comments, index templates,
//! variable declarations, image titles and descriptions.

use std::collections::HashMap;

use super::blocks::{bounded_label, Block, BlockKind, Blocks, OutputLimits, Stop};
use super::docx::{format_number, roman};
use super::problem::DocumentProblem;
use super::xml::{attr, walk, Node};
use super::zipped::{ZipLimits, Zipped};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const TEMPLATE_MIMETYPE: &str = "application/vnd.oasis.opendocument.text-template";

/// Whether a zip is an ODF text document. The package's `mimetype` entry says so; LibreOffice
/// stores it first and uncompressed, other writers anywhere and deflated, and a few leave it
/// out, when the manifest's entry for the package root gives the type.
pub fn is_odt(zip: &mut Zipped) -> bool {
    let is_text = |t: &str| t == MIMETYPE || t == TEMPLATE_MIMETYPE;
    if let Ok(Some(bytes)) = zip.read("mimetype") {
        return is_text(String::from_utf8_lossy(&bytes).trim());
    }
    let Ok(Some(manifest)) = zip.read("META-INF/manifest.xml") else {
        return false;
    };
    let mut found = false;
    let _ = walk(&manifest, |node| {
        if let Node::Start {
            name: "file-entry",
            attrs,
        } = node
        {
            if attr(attrs, "full-path") == Some("/")
                && attr(attrs, "media-type").is_some_and(is_text)
            {
                found = true;
            }
        }
        Ok(())
    });
    found && zip.has("content.xml")
}

pub fn read(
    name: &str,
    bytes: &[u8],
    limits: ZipLimits,
    output: OutputLimits,
) -> Result<Vec<Block>, DocumentProblem> {
    let mut zip = Zipped::open(name, bytes, limits)?;
    let stop = |s: Stop| s.into_problem(name);
    let content = zip.require("content.xml")?;
    let mut list_styles = HashMap::new();
    if let Some(styles) = zip.read("styles.xml")? {
        collect_list_styles(&styles, &mut list_styles).map_err(stop)?;
    }
    collect_list_styles(&content, &mut list_styles).map_err(stop)?;
    body(&content, &list_styles, output).map_err(stop)
}

/// A flat ODF document (.fodt) holds the same elements in one XML file.
pub fn read_flat(
    xml: &[u8],
    name: &str,
    output: OutputLimits,
) -> Result<Vec<Block>, DocumentProblem> {
    let stop = |s: Stop| s.into_problem(name);
    let mut list_styles = HashMap::new();
    collect_list_styles(xml, &mut list_styles).map_err(stop)?;
    body(xml, &list_styles, output).map_err(stop)
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
) -> Result<(), Stop> {
    let mut current: Option<String> = None;
    walk(xml, |node| {
        list_style_node(node, &mut current, styles);
        Ok(())
    })
}

fn list_style_node(
    node: Node,
    current: &mut Option<String>,
    styles: &mut HashMap<String, Vec<LevelStyle>>,
) {
    match node {
        Node::Start {
            name: "list-style",
            attrs,
        } => *current = attr(attrs, "name").map(str::to_string),
        Node::Start {
            name: kind @ ("list-level-style-number" | "list-level-style-bullet"),
            attrs,
        } => {
            let (Some(style), Some(level)) = (
                current.as_ref(),
                attr(attrs, "level")
                    .and_then(|l| l.parse::<usize>().ok())
                    .filter(|l| (1..=10).contains(l)),
            ) else {
                return;
            };
            let levels = styles.entry(style.clone()).or_default();
            while levels.len() < level {
                levels.push(LevelStyle::default());
            }
            levels[level - 1] = LevelStyle {
                bullet: (kind == "list-level-style-bullet")
                    .then(|| bounded_label(attr(attrs, "bullet-char").unwrap_or("•"), 8)),
                format: attr(attrs, "num-format").unwrap_or_default().to_string(),
                prefix: bounded_label(attr(attrs, "num-prefix").unwrap_or_default(), 64),
                suffix: bounded_label(attr(attrs, "num-suffix").unwrap_or_default(), 64),
            };
        }
        Node::End { name: "list-style" } => *current = None,
        _ => {}
    }
}

struct OpenList {
    style: Option<String>,
    items: u32,
    /// The current item's first paragraph has been emitted (later ones are continuations).
    labelled: bool,
}

/// The label of a list's current item, never longer than `max` characters whatever the style's
/// prefix, suffix or bullet.
fn label(
    styles: &HashMap<String, Vec<LevelStyle>>,
    list: &OpenList,
    depth: usize,
    max: usize,
) -> String {
    let Some(level) = list
        .style
        .as_ref()
        .and_then(|s| styles.get(s))
        .and_then(|l| l.get(depth - 1))
    else {
        return String::new();
    };
    if let Some(bullet) = &level.bullet {
        return bounded_label(bullet, max);
    }
    let number = match level.format.as_str() {
        "" => return String::new(),
        "a" => format_number(list.items, "lowerLetter"),
        "A" => format_number(list.items, "upperLetter"),
        "i" => roman(list.items).to_lowercase(),
        "I" => roman(list.items),
        _ => list.items.to_string(),
    };
    bounded_label(&format!("{}{number}{}", level.prefix, level.suffix), max)
}

/// Elements whose whole content is no document text.
const NO_TEXT: [&str; 16] = [
    "tracked-changes",
    "annotation",
    "table-of-content-source",
    "alphabetical-index-source",
    "illustration-index-source",
    "table-index-source",
    "object-index-source",
    "user-index-source",
    "bibliography-source",
    "sequence-decls",
    "variable-decls",
    "user-field-decls",
    "dde-connection-decls",
    "forms",
    "svg-title",
    "svg-desc",
];

/// A paragraph or heading being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    heading: Option<u8>,
}

fn body(
    xml: &[u8],
    styles: &HashMap<String, Vec<LevelStyle>>,
    limits: OutputLimits,
) -> Result<Vec<Block>, Stop> {
    let mut blocks = Blocks::new(limits);
    let mut notes: Vec<(String, String)> = Vec::new();
    // A paragraph may hold others (a frame's text box): the outer one waits.
    let mut outer: Vec<Paragraph> = Vec::new();
    let mut p = Paragraph::default();
    let mut lists: Vec<OpenList> = Vec::new();
    let (mut note_depth, mut in_citation) = (0usize, false);
    let (mut citation, mut note_text) = (String::new(), String::new());
    let mut table_depth = 0usize;
    let (mut cell, mut row): (String, Vec<String>) = (String::new(), Vec::new());
    let mut in_body = false;
    let mut skipping = 0usize;
    walk(xml, |node| {
        match node {
            Node::Start { name: "text", .. } if !in_body => in_body = true,
            _ if !in_body => {}
            Node::Start { .. } if skipping > 0 => skipping += 1,
            Node::End { .. } if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Node::Start { name, .. } if NO_TEXT.contains(&name) => skipping = 1,
            Node::Start { name: "note", .. } => {
                note_depth += 1;
                if note_depth == 1 {
                    citation.clear();
                    note_text.clear();
                }
            }
            Node::End { name: "note" } => {
                note_depth = note_depth.saturating_sub(1);
                if note_depth == 0 {
                    p.text.push_str(&format!("[{}]", citation.trim()));
                    notes.push((citation.trim().to_string(), note_text.trim().to_string()));
                }
            }
            Node::Start {
                name: "note-citation",
                ..
            } => in_citation = true,
            Node::End {
                name: "note-citation",
            } => in_citation = false,
            Node::Text(t) if in_citation => citation.push_str(t),
            Node::Text(t) if note_depth > 0 => {
                note_text.push_str(t);
                blocks.check_pending(&note_text)?;
            }
            Node::End { name: "p" | "h" } if note_depth > 0 => note_text.push(' '),
            _ if note_depth > 0 => {}
            Node::Start { name: "h", attrs } => {
                if outer.len() > 64 {
                    return Err(Stop::Malformed("đoạn lồng nhau quá sâu".into()));
                }
                outer.push(std::mem::take(&mut p));
                p.heading = Some(
                    attr(attrs, "outline-level")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(1u8)
                        .clamp(1, 6),
                );
            }
            Node::Start { name: "p", .. } => {
                if outer.len() > 64 {
                    return Err(Stop::Malformed("đoạn lồng nhau quá sâu".into()));
                }
                outer.push(std::mem::take(&mut p));
            }
            Node::Text(t) => {
                p.text.push_str(t);
                blocks.check_pending(&p.text)?;
            }
            Node::Start { name: "s", attrs } => {
                let n = attr(attrs, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(100);
                p.text.push_str(&" ".repeat(n));
            }
            Node::Start {
                name: "tab" | "line-break",
                ..
            } => p.text.push(' '),
            Node::Start {
                name: "list",
                attrs,
            } => {
                if lists.len() > 64 {
                    return Err(Stop::Malformed("danh sách lồng nhau quá sâu".into()));
                }
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
                    list.items = list.items.saturating_add(1);
                    list.labelled = false;
                }
            }
            Node::Start { name: "table", .. } => table_depth += 1,
            Node::End { name: "table" } => table_depth = table_depth.saturating_sub(1),
            Node::End { name: "p" | "h" } if table_depth > 0 => {
                let done = std::mem::replace(&mut p, outer.pop().unwrap_or_default());
                cell.push(' ');
                cell.push_str(&done.text);
                blocks.check_pending(&cell)?;
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
                let done = std::mem::replace(&mut p, outer.pop().unwrap_or_default());
                if let Some(level) = done.heading {
                    blocks.push(BlockKind::Heading { level }, &done.text);
                } else if !lists.is_empty() {
                    let depth = lists.len();
                    let list = &lists[depth - 1];
                    let prefix = if list.labelled {
                        String::new()
                    } else {
                        label(styles, list, depth, limits.max_label_chars)
                    };
                    blocks.push(
                        BlockKind::ListItem {
                            level: depth.min(9) as u8,
                        },
                        &format!("{prefix} {}", done.text),
                    );
                    lists[depth - 1].labelled = true;
                } else {
                    blocks.push(BlockKind::Paragraph, &done.text);
                }
            }
            _ => {}
        }
        blocks.check()
    })?;
    for (citation, note) in notes {
        blocks.push(BlockKind::Footnote, &format!("[{citation}] {note}"));
    }
    blocks.into_vec()
}
