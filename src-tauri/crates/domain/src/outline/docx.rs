//! Word (.docx): paragraphs of `word/document.xml`, headings from the paragraph styles of
//! `word/styles.xml`, list numbers computed from `word/numbering.xml` (Word stores the rule, not
//! the number), tables row by row, footnotes from `word/footnotes.xml` at the end.

use std::collections::HashMap;

use super::blocks::{Block, BlockKind, Blocks};
use super::problem::DocumentProblem;
use super::xml::{attr, walk, Node};
use super::zipped::{ZipLimits, Zipped};

pub fn read(name: &str, bytes: &[u8], limits: ZipLimits) -> Result<Vec<Block>, DocumentProblem> {
    let mut zip = Zipped::open(name, bytes, limits)?;
    let corrupt = |detail: String| DocumentProblem::Corrupt {
        name: name.to_string(),
        detail,
    };
    let document = zip.require("word/document.xml")?;
    let styles = match zip.read("word/styles.xml")? {
        Some(xml) => heading_styles(&xml).map_err(corrupt)?,
        None => HashMap::new(),
    };
    let numbering = match zip.read("word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml).map_err(corrupt)?,
        None => Numbering::default(),
    };
    let footnotes = match zip.read("word/footnotes.xml")? {
        Some(xml) => footnote_texts(&xml).map_err(corrupt)?,
        None => HashMap::new(),
    };
    body(&document, &styles, numbering, &footnotes).map_err(corrupt)
}

/// Paragraph style id → heading level, from the style's outline level or its name
/// ("heading 1", "Title").
fn heading_styles(xml: &[u8]) -> Result<HashMap<String, u8>, String> {
    let mut levels = HashMap::new();
    let mut current: Option<String> = None;
    walk(xml, |node| match node {
        Node::Start {
            name: "style",
            attrs,
        } => current = attr(attrs, "styleId").map(str::to_string),
        Node::Start {
            name: "name",
            attrs,
        } => {
            if let (Some(id), Some(style_name)) = (&current, attr(attrs, "val")) {
                let lower = style_name.to_lowercase();
                let level = if lower == "title" {
                    Some(1)
                } else {
                    lower
                        .strip_prefix("heading ")
                        .and_then(|n| n.trim().parse::<u8>().ok())
                };
                if let Some(level) = level {
                    levels.entry(id.clone()).or_insert(level.clamp(1, 6));
                }
            }
        }
        Node::Start {
            name: "outlineLvl",
            attrs,
        } => {
            if let (Some(id), Some(level)) = (
                &current,
                attr(attrs, "val").and_then(|v| v.parse::<u8>().ok()),
            ) {
                if level < 9 {
                    levels.insert(id.clone(), (level + 1).min(6));
                }
            }
        }
        Node::End { name: "style" } => current = None,
        _ => {}
    })?;
    Ok(levels)
}

/// Footnote id → its text.
fn footnote_texts(xml: &[u8]) -> Result<HashMap<String, String>, String> {
    let mut notes = HashMap::new();
    let (mut id, mut text, mut in_t) = (None::<String>, String::new(), false);
    walk(xml, |node| match node {
        Node::Start {
            name: "footnote",
            attrs,
        } => {
            // Separators are drawing rules, not notes.
            id = attr(attrs, "type")
                .is_none()
                .then(|| attr(attrs, "id").unwrap_or_default().to_string());
            text.clear();
        }
        Node::Start { name: "t", .. } => in_t = true,
        Node::End { name: "t" } => in_t = false,
        Node::End { name: "p" } => text.push(' '),
        Node::Text(t) if in_t => text.push_str(t),
        Node::End { name: "footnote" } => {
            if let Some(id) = id.take() {
                notes.insert(id, text.trim().to_string());
            }
        }
        _ => {}
    })?;
    Ok(notes)
}

#[derive(Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Word's list numbering: numId → abstract definition → one format per level.
#[derive(Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, String>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let (mut abstract_id, mut level, mut num_id) =
            (None::<String>, None::<usize>, None::<String>);
        walk(xml, |node| match node {
            Node::Start {
                name: "abstractNum",
                attrs,
            } => abstract_id = attr(attrs, "abstractNumId").map(str::to_string),
            Node::Start { name: "lvl", attrs } => {
                level = attr(attrs, "ilvl")
                    .and_then(|v| v.parse().ok())
                    .filter(|l: &usize| *l < 9);
                if let (Some(a), Some(l)) = (&abstract_id, level) {
                    let levels = n.abstracts.entry(a.clone()).or_default();
                    while levels.len() <= l {
                        levels.push(Level {
                            start: 1,
                            ..Level::default()
                        });
                    }
                }
            }
            Node::Start {
                name: name @ ("start" | "numFmt" | "lvlText"),
                attrs,
            } => {
                if let (Some(a), Some(l), Some(val)) = (&abstract_id, level, attr(attrs, "val")) {
                    let lvl = &mut n.abstracts.get_mut(a).expect("created at <lvl>")[l];
                    match name {
                        "start" => lvl.start = val.parse().unwrap_or(1),
                        "numFmt" => lvl.format = val.to_string(),
                        _ => lvl.text = val.to_string(),
                    }
                }
            }
            Node::End { name: "lvl" } => level = None,
            Node::End {
                name: "abstractNum",
            } => abstract_id = None,
            Node::Start { name: "num", attrs } => num_id = attr(attrs, "numId").map(str::to_string),
            Node::Start {
                name: "abstractNumId",
                attrs,
            } if num_id.is_some() => {
                if let (Some(id), Some(val)) = (&num_id, attr(attrs, "val")) {
                    n.nums.insert(id.clone(), val.to_string());
                }
            }
            Node::End { name: "num" } => num_id = None,
            _ => {}
        })?;
        Ok(n)
    }

    /// The label of the next item of list `num_id` at `ilvl` ("a)", "2.", "•").
    fn next_label(&mut self, num_id: &str, ilvl: usize) -> String {
        let Some(levels) = self.nums.get(num_id).and_then(|a| self.abstracts.get(a)) else {
            return String::new();
        };
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        let start = |l: usize| levels.get(l).map_or(1, |x| x.start);
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl] + 1
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        let Some(level) = levels.get(ilvl) else {
            return String::new();
        };
        if level.format == "bullet" || level.format == "none" {
            return if level.format == "bullet" {
                "•".into()
            } else {
                String::new()
            };
        }
        let mut label = level.text.clone();
        for (l, lvl) in levels.iter().enumerate().take(ilvl + 1) {
            let value = if counters[l] == 0 {
                start(l)
            } else {
                counters[l]
            };
            label = label.replace(&format!("%{}", l + 1), &format_number(value, &lvl.format));
        }
        label
    }
}

pub(crate) fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letter(n).to_string(),
        "upperLetter" => letter(n).to_uppercase().to_string(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn letter(n: u32) -> char {
    (b'a' + ((n.max(1) - 1) % 26) as u8) as char
}

pub(crate) fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

fn body(
    xml: &[u8],
    styles: &HashMap<String, u8>,
    mut numbering: Numbering,
    footnotes: &HashMap<String, String>,
) -> Result<Vec<Block>, String> {
    let mut blocks = Blocks::default();
    let mut cited: Vec<String> = Vec::new();
    let mut text = String::new();
    let (mut in_t, mut style, mut num_id, mut ilvl) =
        (false, None::<String>, None::<String>, 0usize);
    let mut table_depth = 0usize;
    let (mut cell, mut row): (String, Vec<String>) = (String::new(), Vec::new());
    walk(xml, |node| match node {
        Node::Start { name: "p", .. } => {
            text.clear();
            style = None;
            num_id = None;
            ilvl = 0;
        }
        Node::Start {
            name: "pStyle",
            attrs,
        } => style = attr(attrs, "val").map(str::to_string),
        Node::Start {
            name: "numId",
            attrs,
        } => num_id = attr(attrs, "val").filter(|v| *v != "0").map(str::to_string),
        Node::Start {
            name: "ilvl",
            attrs,
        } => {
            ilvl = attr(attrs, "val")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
                .min(8)
        }
        Node::Start { name: "t", .. } => in_t = true,
        Node::End { name: "t" } => in_t = false,
        Node::Text(t) if in_t => text.push_str(t),
        Node::Start {
            name: "tab" | "br" | "cr",
            ..
        } => text.push(' '),
        Node::Start {
            name: "footnoteReference",
            attrs,
        } => {
            if let Some(id) = attr(attrs, "id") {
                cited.push(id.to_string());
                text.push_str(&format!("[{}]", cited.len()));
            }
        }
        Node::End { name: "p" } => {
            if table_depth > 0 {
                cell.push(' ');
                cell.push_str(&text);
                return;
            }
            let heading = style.as_ref().and_then(|s| styles.get(s)).copied();
            let label = num_id
                .as_ref()
                .map(|n| numbering.next_label(n, ilvl))
                .unwrap_or_default();
            let labelled = if label.is_empty() {
                text.clone()
            } else {
                format!("{label} {text}")
            };
            match (heading, &num_id) {
                (Some(level), _) => blocks.push(BlockKind::Heading { level }, &labelled),
                (None, Some(_)) => blocks.push(
                    BlockKind::ListItem {
                        level: ilvl as u8 + 1,
                    },
                    &labelled,
                ),
                (None, None) => blocks.push(BlockKind::Paragraph, &labelled),
            }
        }
        Node::Start { name: "tbl", .. } => table_depth += 1,
        Node::End { name: "tbl" } => table_depth = table_depth.saturating_sub(1),
        Node::End { name: "tc" } if table_depth == 1 => {
            row.push(std::mem::take(&mut cell).trim().to_string())
        }
        Node::End { name: "tr" } if table_depth == 1 => {
            let cells: Vec<String> = std::mem::take(&mut row)
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect();
            blocks.push(BlockKind::TableRow, &cells.join(" | "));
        }
        _ => {}
    })?;
    for (n, id) in cited.iter().enumerate() {
        if let Some(note) = footnotes.get(id) {
            blocks.push(BlockKind::Footnote, &format!("[{}] {note}", n + 1));
        }
    }
    Ok(blocks.into_vec())
}
