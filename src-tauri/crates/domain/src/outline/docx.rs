//! Word (.docx): paragraphs of the main document part, headings from the paragraph styles, list
//! numbers computed from the numbering part (Word stores the rule, not the number), tables row
//! by row, footnotes and endnotes at the end.
//!
//! The parts are found the way the Open Packaging Conventions say, not by fixed names: the
//! package's `_rels/.rels` names the main document (the `officeDocument` relationship), or
//! `[Content_Types].xml` gives it by its content type; the main part's own relationships name
//! its styles, numbering and notes. Word always writes `word/document.xml`, but other programs
//! (and the standard) may put it anywhere.

use std::collections::HashMap;

use super::blocks::{bounded_label, Block, BlockKind, Blocks, OutputLimits, Stop};
use super::problem::DocumentProblem;
use super::xml::{attr, walk, Node};
use super::zipped::{ZipLimits, Zipped};

const MAIN_CONTENT_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// The relationship types we follow, by their last path segment: the same in the transitional
/// (`http://schemas.openxmlformats.org/...`) and strict (`http://purl.oclc.org/ooxml/...`) forms.
fn rel_kind(rel_type: &str) -> &str {
    rel_type.rsplit('/').next().unwrap_or(rel_type)
}

/// A package-relative part name from a relationship's target, resolved against the folder of
/// the part that holds the relationship (`base_dir`, "" for the package root).
fn resolve(base_dir: &str, target: &str) -> Option<String> {
    let target = percent_decode(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Relationship type (last segment) → target part, from a `.rels` part.
fn relationships(xml: &[u8], base_dir: &str) -> Result<Vec<(String, String)>, Stop> {
    let mut rels = Vec::new();
    walk(xml, |node| {
        if let Node::Start {
            name: "Relationship",
            attrs,
        } = node
        {
            let external = attr(attrs, "TargetMode") == Some("External");
            if let (false, Some(kind), Some(target)) =
                (external, attr(attrs, "Type"), attr(attrs, "Target"))
            {
                if let Some(part) = resolve(base_dir, target) {
                    rels.push((rel_kind(kind).to_string(), part));
                }
            }
        }
        Ok(())
    })?;
    Ok(rels)
}

/// The folder of a part ("word" for "word/document.xml") and its relationships part.
fn rels_part_of(part: &str) -> (String, String) {
    match part.rsplit_once('/') {
        Some((dir, file)) => (dir.to_string(), format!("{dir}/_rels/{file}.rels")),
        None => (String::new(), format!("_rels/{part}.rels")),
    }
}

/// The stored name of the package's main document part, if it has one.
pub fn main_part(zip: &mut Zipped) -> Result<Option<String>, DocumentProblem> {
    let name = zip.name().to_string();
    if let Some(rels) = zip.read_part("_rels/.rels")? {
        let rels = relationships(&rels, "").map_err(|s| s.into_problem(&name))?;
        if let Some(part) = rels
            .iter()
            .filter(|(kind, _)| kind == "officeDocument")
            .find_map(|(_, part)| zip.find(part))
        {
            return Ok(Some(part));
        }
    }
    if let Some(types) = zip.read_part("[Content_Types].xml")? {
        let mut found = None;
        walk(&types, |node| {
            if let Node::Start {
                name: "Override",
                attrs,
            } = node
            {
                if let (Some(part), Some(ct)) =
                    (attr(attrs, "PartName"), attr(attrs, "ContentType"))
                {
                    if found.is_none() && MAIN_CONTENT_TYPES.contains(&ct) {
                        found = resolve("", part);
                    }
                }
            }
            Ok(())
        })
        .map_err(|s| s.into_problem(&name))?;
        if let Some(part) = found.and_then(|p| zip.find(&p)) {
            return Ok(Some(part));
        }
    }
    Ok(None)
}

pub fn read(
    name: &str,
    bytes: &[u8],
    limits: ZipLimits,
    output: OutputLimits,
) -> Result<Vec<Block>, DocumentProblem> {
    let mut zip = Zipped::open(name, bytes, limits)?;
    let stop = |s: Stop| s.into_problem(name);
    let main = main_part(&mut zip)?.ok_or_else(|| DocumentProblem::Corrupt {
        name: name.to_string(),
        detail: "không tìm thấy phần văn bản chính".into(),
    })?;
    let document = zip.require(&main)?;
    let (dir, rels_part) = rels_part_of(&main);
    let rels = match zip.read_part(&rels_part)? {
        Some(xml) => relationships(&xml, &dir).map_err(stop)?,
        None => Vec::new(),
    };
    let mut part = |kind: &str| -> Result<Option<Vec<u8>>, DocumentProblem> {
        match rels
            .iter()
            .filter(|(k, _)| k == kind)
            .find_map(|(_, p)| zip.find(p))
        {
            Some(p) => zip.read(&p),
            None => Ok(None),
        }
    };
    let styles = match part("styles")? {
        Some(xml) => paragraph_styles(&xml).map_err(stop)?,
        None => Styles::default(),
    };
    let numbering = match part("numbering")? {
        Some(xml) => Numbering::parse(&xml, output.max_label_chars).map_err(stop)?,
        None => Numbering::default(),
    };
    let footnotes = match part("footnotes")? {
        Some(xml) => note_texts(&xml, "footnote", output).map_err(stop)?,
        None => HashMap::new(),
    };
    let endnotes = match part("endnotes")? {
        Some(xml) => note_texts(&xml, "endnote", output).map_err(stop)?,
        None => HashMap::new(),
    };
    body(&document, &styles, numbering, &footnotes, &endnotes, output).map_err(stop)
}

/// What paragraph styles give their paragraphs: a heading level (from the style's outline level
/// or its name, "heading 1", "Title"), and list numbering (Word's "List Number" styles, and
/// numbered heading styles, carry `w:numPr` themselves).
#[derive(Default)]
struct Styles {
    headings: HashMap<String, u8>,
    numbering: HashMap<String, (String, usize)>,
}

fn paragraph_styles(xml: &[u8]) -> Result<Styles, Stop> {
    let mut styles = Styles::default();
    let mut current: Option<String> = None;
    let mut ilvl = 0usize;
    walk(xml, |node| {
        match node {
            Node::Start {
                name: "style",
                attrs,
            } => {
                current = attr(attrs, "styleId").map(str::to_string);
                ilvl = 0;
            }
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
                        styles
                            .headings
                            .entry(id.clone())
                            .or_insert(level.clamp(1, 6));
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
                        styles.headings.insert(id.clone(), (level + 1).min(6));
                    }
                }
            }
            Node::Start {
                name: "ilvl",
                attrs,
            } => {
                ilvl = attr(attrs, "val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0usize)
                    .min(8)
            }
            Node::Start {
                name: "numId",
                attrs,
            } => {
                if let (Some(id), Some(num)) = (&current, attr(attrs, "val")) {
                    styles.numbering.insert(id.clone(), (num.to_string(), ilvl));
                }
            }
            Node::End { name: "style" } => current = None,
            _ => {}
        }
        Ok(())
    })?;
    // A numId of "0" in a style takes numbering away.
    styles.numbering.retain(|_, (num, _)| num != "0");
    Ok(styles)
}

/// Footnote (or endnote) id → its text. `element` is "footnote" or "endnote".
fn note_texts(
    xml: &[u8],
    element: &str,
    limits: OutputLimits,
) -> Result<HashMap<String, String>, Stop> {
    let mut notes = HashMap::new();
    let (mut id, mut text, mut in_t) = (None::<String>, String::new(), false);
    let mut total = 0usize;
    walk(xml, |node| {
        match node {
            Node::Start { name, attrs } if name == element => {
                // Separators are drawing rules, not notes.
                id = attr(attrs, "type")
                    .is_none()
                    .then(|| attr(attrs, "id").unwrap_or_default().to_string());
                text.clear();
            }
            Node::Start { name: "t", .. } => in_t = true,
            Node::End { name: "t" } => in_t = false,
            Node::End { name: "p" } => text.push(' '),
            Node::Text(t) if in_t => {
                text.push_str(t);
                total = total.saturating_add(t.len());
                if total > limits.max_text_chars {
                    return Err(Stop::TooMuch(format!(
                        "chú thích hơn {} ký tự",
                        limits.max_text_chars
                    )));
                }
            }
            Node::End { name } if name == element => {
                if let Some(id) = id.take() {
                    notes.insert(id, text.trim().to_string());
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(notes)
}

#[derive(Default)]
struct Level {
    format: String,
    /// The level's text ("%1.%2."), cut to the longest label we make.
    text: String,
    start: u32,
}

/// Word's list numbering: numId → abstract definition → one format per level.
#[derive(Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, String>,
    counters: HashMap<String, [u32; 9]>,
    max_label_chars: usize,
}

/// A number from the document, which may be anything: out of range is the largest we count.
fn count_value(val: &str) -> u32 {
    val.trim()
        .parse::<u64>()
        .map(|v| v.min(u32::MAX as u64) as u32)
        .unwrap_or(1)
}

impl Numbering {
    fn parse(xml: &[u8], max_label_chars: usize) -> Result<Numbering, Stop> {
        let mut n = Numbering {
            max_label_chars,
            ..Numbering::default()
        };
        let (mut abstract_id, mut level, mut num_id) =
            (None::<String>, None::<usize>, None::<String>);
        walk(xml, |node| {
            match node {
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
                    if let (Some(a), Some(l), Some(val)) = (&abstract_id, level, attr(attrs, "val"))
                    {
                        let lvl = &mut n.abstracts.get_mut(a).expect("created at <lvl>")[l];
                        match name {
                            "start" => lvl.start = count_value(val),
                            "numFmt" => lvl.format = bounded_label(val, 40),
                            _ => lvl.text = bounded_label(val, max_label_chars),
                        }
                    }
                }
                Node::End { name: "lvl" } => level = None,
                Node::End {
                    name: "abstractNum",
                } => abstract_id = None,
                Node::Start { name: "num", attrs } => {
                    num_id = attr(attrs, "numId").map(str::to_string)
                }
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
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// The label of the next item of list `num_id` at `ilvl` ("a)", "2.", "•"), never longer
    /// than the label bound whatever the document's level text and start number.
    fn next_label(&mut self, num_id: &str, ilvl: usize) -> String {
        let Some(levels) = self.nums.get(num_id).and_then(|a| self.abstracts.get(a)) else {
            return String::new();
        };
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        let start = |l: usize| levels.get(l).map_or(1, |x| x.start);
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl].saturating_add(1)
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
        // Built piece by piece, stopping at the bound: "%1" may appear many times.
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if label.chars().count() >= self.max_label_chars {
                break;
            }
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d)) if (1..=9).contains(&d) && (d as usize) <= ilvl + 1 => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = if counters[l] == 0 {
                        start(l)
                    } else {
                        counters[l]
                    };
                    let format = levels.get(l).map_or("decimal", |x| x.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        bounded_label(&label, self.max_label_chars)
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

/// Roman numerals up to 3999 (MMMCMXCIX, the largest written without a bar); a larger number
/// is written in digits, as LibreOffice does, so a huge start number cannot make a huge label.
pub(crate) fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
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

/// A paragraph being read: its text and what makes it a heading or a list item.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    /// The paragraph's own numbering: Some(None) when it takes its style's away (numId 0).
    num_id: Option<Option<String>>,
    ilvl: Option<usize>,
}

fn body(
    xml: &[u8],
    styles: &Styles,
    mut numbering: Numbering,
    footnotes: &HashMap<String, String>,
    endnotes: &HashMap<String, String>,
    limits: OutputLimits,
) -> Result<Vec<Block>, Stop> {
    let mut blocks = Blocks::new(limits);
    let mut cited: Vec<String> = Vec::new();
    // A paragraph may hold others (a text box or frame inside a run): the outer one waits.
    let mut outer: Vec<Paragraph> = Vec::new();
    let mut p = Paragraph::default();
    let mut in_t = false;
    let mut table_depth = 0usize;
    let (mut cell, mut row): (String, Vec<String>) = (String::new(), Vec::new());
    // Inside mc:Fallback: a second copy (for old readers) of what mc:Choice holds.
    let mut fallback = 0usize;
    walk(xml, |node| {
        match node {
            Node::Start {
                name: "Fallback", ..
            } => fallback += 1,
            Node::End { name: "Fallback" } => fallback = fallback.saturating_sub(1),
            _ if fallback > 0 => {}
            Node::Start { name: "p", .. } => {
                if outer.len() > 64 {
                    return Err(Stop::Malformed("đoạn lồng nhau quá sâu".into()));
                }
                outer.push(std::mem::take(&mut p));
            }
            Node::Start {
                name: "pStyle",
                attrs,
            } => p.style = attr(attrs, "val").map(str::to_string),
            Node::Start {
                name: "numId",
                attrs,
            } => p.num_id = attr(attrs, "val").map(|v| (v != "0").then(|| v.to_string())),
            Node::Start {
                name: "ilvl",
                attrs,
            } => {
                p.ilvl = Some(
                    attr(attrs, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(8),
                )
            }
            // Text of the document; deleted text (w:delText) and field codes (w:instrText)
            // are other elements and are left out: tracked changes read as accepted.
            Node::Start { name: "t", .. } => in_t = true,
            Node::End { name: "t" } => in_t = false,
            Node::Text(t) if in_t => {
                p.text.push_str(t);
                blocks.check_pending(&p.text)?;
            }
            Node::Start {
                name: "tab" | "br" | "cr",
                ..
            } => p.text.push(' '),
            Node::Start {
                name: "noBreakHyphen",
                ..
            } => p.text.push('-'),
            Node::Start {
                name: "footnoteReference",
                attrs,
            } => {
                if let Some(id) = attr(attrs, "id") {
                    cited.push(format!("f{id}"));
                    p.text.push_str(&format!("[{}]", cited.len()));
                }
            }
            Node::Start {
                name: "endnoteReference",
                attrs,
            } => {
                if let Some(id) = attr(attrs, "id") {
                    cited.push(format!("e{id}"));
                    p.text.push_str(&format!("[{}]", cited.len()));
                }
            }
            Node::End { name: "p" } => {
                let done = std::mem::replace(&mut p, outer.pop().unwrap_or_default());
                if table_depth > 0 {
                    cell.push(' ');
                    cell.push_str(&done.text);
                    blocks.check_pending(&cell)?;
                    return Ok(());
                }
                let heading = done
                    .style
                    .as_ref()
                    .and_then(|s| styles.headings.get(s))
                    .copied();
                let from_style = done.style.as_ref().and_then(|s| styles.numbering.get(s));
                let num_id = match done.num_id {
                    Some(own) => own,
                    None => from_style.map(|(n, _)| n.clone()),
                };
                let ilvl = done.ilvl.or(from_style.map(|(_, l)| *l)).unwrap_or(0);
                let label = num_id
                    .as_ref()
                    .map(|n| numbering.next_label(n, ilvl))
                    .unwrap_or_default();
                let labelled = if label.is_empty() {
                    done.text
                } else {
                    format!("{label} {}", done.text)
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
        }
        blocks.check()
    })?;
    for (n, id) in cited.iter().enumerate() {
        let note = match id.split_at(1) {
            ("f", id) => footnotes.get(id),
            (_, id) => endnotes.get(id),
        };
        if let Some(note) = note {
            blocks.push(BlockKind::Footnote, &format!("[{}] {note}", n + 1));
        }
    }
    blocks.into_vec()
}
