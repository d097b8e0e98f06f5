//! The header's columns sized from its text, decided once here for the PDF and the DOCX alike
//! (issue 11, point 9): a name never breaks inside a column that could hold it, and when a name
//! is too long for any column it breaks where a clerk would break it — after a " - " or a comma
//! first, else where the two lines come out most even — never at a width the renderer chose.
//!
//! Widths come from the advance widths of the bundled Liberation Serif, which is
//! metric-compatible with Times New Roman: the same numbers whichever of the two prints.

use std::sync::OnceLock;

use serde::Serialize;

use super::model::{DocumentHeader, PageMargins};

/// A4's width in millimetres.
pub const A4_WIDTH_MM: f32 = 210.0;
/// The Party's heading, top right.
pub const PARTY_HEADING: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
/// Room kept in each column beside its longest line (a DOCX cell's own margins take 3.8 mm).
const COLUMN_PAD_MM: f32 = 5.0;
/// The left column never shrinks below this share of the text width (the 36-HD diagram).
const LEFT_MIN_SHARE: f32 = 0.38;

/// Words that begin the administrative part of a name: a line may break before them.
/// (Only words that cannot end a word before them: "PHÒNG" can, in "VĂN PHÒNG".)
const BREAK_BEFORE: &[&str] = &[
    "UBND",
    "HĐND",
    "TỈNH",
    "HUYỆN",
    "QUẬN",
    "XÃ",
    "PHƯỜNG",
    "KHỐI",
    "SỞ",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

pub(crate) static LIBERATION: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Advance widths per character, in font units, and the units per em, of one face.
struct Metrics {
    per_em: f32,
    advance: std::collections::HashMap<char, u16>,
    fallback: u16,
}

fn metrics(face: Face) -> &'static Metrics {
    static CACHE: [OnceLock<Metrics>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = face as usize;
    CACHE[index].get_or_init(|| {
        // The bundled fonts are part of the binary: failing to parse them is a build defect.
        let f = ttf_parser::Face::parse(LIBERATION[index], 0).expect("bundled font parses");
        let fallback = f
            .glyph_index('n')
            .and_then(|g| f.glyph_hor_advance(g))
            .unwrap_or(1000);
        let mut advance = std::collections::HashMap::new();
        if let Some(cmap) = f.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp) {
                        if let Some(a) = sub.glyph_index(cp).and_then(|g| f.glyph_hor_advance(g)) {
                            advance.entry(c).or_insert(a);
                        }
                    }
                });
            }
        }
        Metrics {
            per_em: f.units_per_em() as f32,
            advance,
            fallback,
        }
    })
}

/// The width of `text` set in `face` at `pt` points, in millimetres. Text is in NFC (what
/// the library stores), whose Vietnamese letters are single characters of the font.
pub fn width_mm(text: &str, face: Face, pt: f32) -> f32 {
    let m = metrics(face);
    let units: f32 = text
        .chars()
        .map(|c| *m.advance.get(&c).unwrap_or(&m.fallback) as f32)
        .sum();
    units / m.per_em * pt * 25.4 / 72.0
}

/// The header as it is laid out: both columns' widths and the lines of the two names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderLayout {
    pub left_mm: f32,
    pub right_mm: f32,
    pub parent: Vec<String>,
    pub issuer: Vec<String>,
}

/// Splits `text` into lines no wider than `max_mm`, breaking only at spaces: a line break
/// typed by the organisation is kept; beyond that, after " - " or "," if that makes both
/// parts fit, else where the longest line is shortest.
pub fn break_lines(text: &str, face: Face, pt: f32, max_mm: f32) -> Vec<String> {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .flat_map(|line| break_line(line, face, pt, max_mm))
        .collect()
}

fn break_line(line: &str, face: Face, pt: f32, max_mm: f32) -> Vec<String> {
    if width_mm(line, face, pt) <= max_mm {
        return vec![line.to_string()];
    }
    let words: Vec<&str> = line.split(' ').collect();
    if words.len() < 2 {
        return vec![line.to_string()];
    }
    let fits = |s: &str| width_mm(s, face, pt) <= max_mm;
    let split_at = |i: usize| (words[..i].join(" "), words[i..].join(" "));
    // A separator the name itself has ("CHI BỘ CÔNG BÁO -" / "NHÀ KHÁCH"), else the start
    // of an administrative name ("ĐẢNG BỘ VĂN PHÒNG" / "UBND TỈNH"): Vietnamese words are
    // several syllables, and a break between two spaces may split one.
    let separator = |i: usize| {
        let (first, _) = split_at(i);
        first.ends_with(" -") || first.ends_with(',')
    };
    let administrative = |i: usize| BREAK_BEFORE.contains(&words[i]);
    let both_fit = |i: usize| {
        let (first, rest) = split_at(i);
        fits(&first) && fits(&rest)
    };
    let longest = |i: usize| {
        let (f, r) = split_at(i);
        width_mm(&f, face, pt).max(width_mm(&r, face, pt))
    };
    let most_even = |candidates: &mut dyn Iterator<Item = usize>| {
        candidates.min_by(|&a, &b| longest(a).total_cmp(&longest(b)))
    };
    let natural = (1..words.len())
        .rev()
        .find(|&i| separator(i) && both_fit(i))
        // The first administrative word that leaves more than the kind ("ĐẢNG BỘ") above it.
        .or_else(|| (3..words.len()).find(|&i| administrative(i) && both_fit(i)));
    // Otherwise the most even break whose first line fits.
    let i = natural
        .or_else(|| most_even(&mut (1..words.len()).filter(|&i| fits(&split_at(i).0))))
        .unwrap_or(1);
    let (first, rest) = split_at(i);
    let mut lines = vec![first];
    lines.extend(break_line(&rest, face, pt, max_mm));
    lines
}

/// The header's columns: the right one as wide as the Party's heading or the date line needs,
/// the left one as wide as its names need, the rest shared; names broken only when the left
/// column cannot hold them at any width the right one leaves.
pub fn header_layout(header: &DocumentHeader, margins: PageMargins) -> HeaderLayout {
    let text_width = text_width_mm(margins);
    let right_need = width_mm(PARTY_HEADING, Face::Bold, 15.0).max(width_mm(
        &header.place_and_date,
        Face::Italic,
        14.0,
    )) + COLUMN_PAD_MM;
    let left_need = header
        .parent
        .split('\n')
        .map(|l| width_mm(l.trim(), Face::Regular, 14.0))
        .chain(
            header
                .issuer
                .split('\n')
                .map(|l| width_mm(l.trim(), Face::Bold, 14.0)),
        )
        .chain([width_mm(&header.number, Face::Regular, 14.0)])
        .fold(0.0, f32::max)
        + COLUMN_PAD_MM;
    let slack = text_width - right_need - left_need;
    let left = if slack >= 0.0 {
        left_need + slack / 2.0
    } else {
        (text_width - right_need).max(text_width * LEFT_MIN_SHARE)
    };
    let room = left - COLUMN_PAD_MM;
    HeaderLayout {
        left_mm: left,
        right_mm: text_width - left,
        parent: break_lines(&header.parent, Face::Regular, 14.0, room),
        issuer: break_lines(&header.issuer, Face::Bold, 14.0, room),
    }
}

/// Padding of a table cell on each side: typst's 5 pt inset, a DOCX cell's 108 twips.
const CELL_INSET_MM: f32 = 1.8;

/// A column of figures ("12", "258/258", "100%", "—"): sized to them, not to the text's share.
fn is_figures(rows: &[Vec<String>], i: usize) -> bool {
    rows.iter().filter_map(|r| r.get(i)).all(|c| {
        c.chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '/' | '%' | ',' | '.' | '—' | ' '))
    }) && !rows.is_empty()
}

/// Column widths of a ruled table (the plan's topics, the yearly report's figures), in
/// millimetres, for the PDF and the DOCX alike: the first column (the quarter, the cell) as wide
/// as its longest entry, a column of figures as wide as its widest figure or heading word, the
/// rest of the width shared 2 : 1 : 1 … among the text columns (the second, the topic's title,
/// takes the most); a table of figures alone spreads the room over them.
pub fn table_columns(columns: &[String], rows: &[Vec<String>], text_width_mm: f32) -> Vec<f32> {
    let n = columns.len();
    if n < 2 {
        return vec![text_width_mm; n.max(1)];
    }
    let first = rows
        .iter()
        .filter_map(|r| r.first())
        .map(|c| width_mm(c, Face::Regular, 12.0))
        .chain([width_mm(&columns[0], Face::Bold, 12.0)])
        .fold(0.0, f32::max)
        + 2.0 * CELL_INSET_MM
        + 0.5;
    let first = first.min(text_width_mm * 0.3);
    // None: a text column, sized from the shares; Some: a column of figures, sized to them.
    let figures: Vec<Option<f32>> = (1..n)
        .map(|i| {
            is_figures(rows, i).then(|| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| width_mm(c, Face::Regular, 12.0))
                    .chain(
                        columns[i]
                            .split_whitespace()
                            .map(|w| width_mm(w, Face::Bold, 12.0)),
                    )
                    .fold(0.0, f32::max)
                    + 2.0 * CELL_INSET_MM
                    + 0.5
            })
        })
        .collect();
    let fixed: f32 = figures.iter().flatten().sum();
    let shares: f32 = figures
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_none())
        .map(|(i, _)| if i == 0 { 2.0 } else { 1.0 })
        .sum();
    let room = (text_width_mm - first - fixed).max(0.0);
    let spread = if shares == 0.0 {
        room / figures.len() as f32
    } else {
        0.0
    };
    let unit = if shares > 0.0 { room / shares } else { 0.0 };
    std::iter::once(first)
        .chain(figures.iter().enumerate().map(|(i, f)| match f {
            Some(w) => w + spread,
            None if i == 0 => unit * 2.0,
            None => unit,
        }))
        .collect()
}

/// The text width of an A4 page with these margins.
pub fn text_width_mm(margins: PageMargins) -> f32 {
    (A4_WIDTH_MM - margins.left - margins.right).max(60.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(parent: &str, issuer: &str) -> DocumentHeader {
        DocumentHeader {
            parent: parent.into(),
            issuer: issuer.into(),
            number: "Số 05-BB/CB".into(),
            place_and_date: "Quảng Ninh, ngày 06 tháng 6 năm 2024".into(),
        }
    }

    #[test]
    fn a_short_name_stays_on_one_line_and_the_columns_fill_the_text_width() {
        let l = header_layout(
            &header("ĐẢNG BỘ VĂN PHÒNG", "CHI BỘ TỔNG HỢP"),
            PageMargins::default(),
        );
        assert_eq!(l.issuer, ["CHI BỘ TỔNG HỢP"]);
        assert_eq!(l.parent, ["ĐẢNG BỘ VĂN PHÒNG"]);
        assert!((l.left_mm + l.right_mm - 165.0).abs() < 0.01);
    }

    #[test]
    fn a_name_too_long_beside_the_date_breaks_after_its_dash_or_before_its_administrative_part() {
        let l = header_layout(
            &header("ĐẢNG BỘ VĂN PHÒNG UBND TỈNH", "CHI BỘ CÔNG BÁO - NHÀ KHÁCH"),
            PageMargins::default(),
        );
        assert_eq!(l.issuer, ["CHI BỘ CÔNG BÁO -", "NHÀ KHÁCH"]);
        assert_eq!(l.parent, ["ĐẢNG BỘ VĂN PHÒNG", "UBND TỈNH"]);
        let l = header_layout(
            &header(
                "ĐẢNG BỘ VĂN PHÒNG UBND TỈNH",
                "CHI BỘ PHÒNG TỔNG HỢP - HÀNH CHÍNH - TỔ CHỨC",
            ),
            PageMargins::default(),
        );
        assert_eq!(
            l.issuer,
            ["CHI BỘ PHÒNG TỔNG HỢP -", "HÀNH CHÍNH - TỔ CHỨC"]
        );
    }

    #[test]
    fn a_break_typed_in_the_settings_is_kept() {
        assert_eq!(
            break_lines("ĐẢNG BỘ KHỐI\nCÁC CƠ QUAN TỈNH", Face::Regular, 14.0, 200.0),
            ["ĐẢNG BỘ KHỐI", "CÁC CƠ QUAN TỈNH"]
        );
    }
}
