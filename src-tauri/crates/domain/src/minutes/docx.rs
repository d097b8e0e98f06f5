//! DOCX rendering of the minutes: the same [`PartyDocument`] the PDF is made from, written as
//! Office Open XML so the secretary can open it in Word or LibreOffice and edit it.
//!
//! The XML is written by hand: the document is small and fixed in shape, and every piece of
//! user text goes through [`escape`] on its way in. Every run names Times New Roman for all
//! scripts and every paragraph carries its own layout, so the file looks the same whatever the
//! reader's default template is.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::layout::{header_layout, table_columns, text_width_mm, width_mm, Face, PARTY_HEADING};
use super::model::{
    recipient_lines, DocumentParagraph, PageMargins, PartyDocument, RECIPIENTS_LABEL,
};

/// Hướng dẫn 36-HD/VPTW: Times New Roman throughout.
const FONT: &str = "Times New Roman";
/// A4 in twips (1/1440 inch): 210 × 297 mm.
const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;
/// 1 cm, the first-line indent of body paragraphs.
const INDENT: u32 = 567;
/// Body line pitch, at least 18 pt (in twips): the PDF's (typst: cap height plus a 0.6 em
/// leading at 14 pt), about 1.3 lines, within the 1.15–1.3 the guide allows. A measured pitch
/// rather than a multiple of the font's line, so that the DOCX breaks its pages where the PDF
/// does (issue 11, point 10).
const BODY_PITCH: u32 = 360;
/// Empty lines left in each signature cell for the handwritten signature: the PDF's 2.8 cm.
const SIGNATURE_GAP_LINES: usize = 5;

/// The minutes as a .docx file that Word and LibreOffice open and the secretary can edit.
pub fn write(minutes: &PartyDocument, margins: PageMargins) -> Vec<u8> {
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("docProps/core.xml", core_properties(minutes)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/document.xml", document(minutes, margins)),
        ("word/header1.xml", page_number_header()),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_owned()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, xml) in parts {
        // Writing into a Vec cannot fail on I/O; an error here would be a bug in this file.
        zip.start_file(name, options)
            .expect("zip entry into memory");
        zip.write_all(xml.as_bytes())
            .expect("zip write into memory");
    }
    zip.finish().expect("zip finish into memory").into_inner()
}

/// Millimetres to twips, clamped so a corrupt setting cannot produce a page with no room.
fn twips(mm: f32) -> u32 {
    // NaN clamps to NaN and `as` turns it into 0.
    (mm.clamp(0.0, 80.0) * 56.6929).round() as u32
}

/// The XML text of `s`: `&`, `<`, `>` and `"` escaped, and control characters dropped: XML 1.0
/// cannot carry most of them at all (one would make Word refuse the whole file), and
/// [`paragraph`] has already turned tabs and line breaks into elements.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a run of text is set.
#[derive(Clone, Copy)]
struct Font {
    /// Size in points.
    pt: u32,
    bold: bool,
    italic: bool,
    underline: bool,
}

const fn font(pt: u32) -> Font {
    Font {
        pt,
        bold: false,
        italic: false,
        underline: false,
    }
}

impl Font {
    const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }
    const fn italic(self) -> Font {
        Font {
            italic: true,
            ..self
        }
    }
    const fn underline(self) -> Font {
        Font {
            underline: true,
            ..self
        }
    }

    /// `w:rPr`, children in the order the schema requires (Word rejects other orders).
    fn rpr(self) -> String {
        let mut x = format!(
            r#"<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>"#
        );
        if self.bold {
            x.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            x.push_str("<w:i/><w:iCs/>");
        }
        let half = self.pt * 2;
        x.push_str(&format!(
            r#"<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#
        ));
        if self.underline {
            x.push_str(r#"<w:u w:val="single"/>"#);
        }
        x.push_str("</w:rPr>");
        x
    }
}

/// How a paragraph is laid out.
#[derive(Clone, Copy)]
struct Layout {
    /// `w:jc`: "center" or "both" (justified).
    align: &'static str,
    /// Space before and after, in twips (20 per point).
    before: u32,
    after: u32,
    /// Line spacing: in 240ths of a line, or (with `at_least`) the least pitch in twips.
    line: u32,
    at_least: bool,
    first_line: u32,
    /// Stay on the same page as the next paragraph (headings, the signature block).
    keep_next: bool,
}

/// Single-spaced, centred, no extra space: the header, title and signature lines.
const CENTRED: Layout = Layout {
    align: "center",
    before: 0,
    after: 0,
    line: 240,
    at_least: false,
    first_line: 0,
    keep_next: false,
};

/// The header's lines, at the PDF's pitch (18 pt).
const HEADER: Layout = Layout {
    line: BODY_PITCH,
    at_least: true,
    ..CENTRED
};

const BODY: Layout = Layout {
    align: "both",
    before: 0,
    // The PDF's paragraph spacing (0.75 em) less its leading (0.6 em): 2 pt.
    after: 40,
    line: BODY_PITCH,
    at_least: true,
    first_line: INDENT,
    keep_next: false,
};

/// A heading of the proceedings: never the last line of a page.
/// (The PDF sets 1 em above a heading where a paragraph has 0.75 em: 3.5 pt more.)
const HEADING: Layout = Layout {
    first_line: 0,
    keep_next: true,
    before: 70,
    ..BODY
};

impl Layout {
    const fn before(self, pt: u32) -> Layout {
        Layout {
            before: pt * 20,
            ..self
        }
    }
    const fn after(self, pt: u32) -> Layout {
        Layout {
            after: pt * 20,
            ..self
        }
    }
    const fn keep_next(self) -> Layout {
        Layout {
            keep_next: true,
            ..self
        }
    }
}

/// Appends one paragraph holding `text` in one run. Line breaks and tabs the user typed become
/// `w:br` and `w:tab`, because Word reads a raw newline inside `w:t` as a plain space.
fn paragraph(out: &mut String, layout: Layout, text: &str, font: Font) {
    let Layout {
        align,
        before,
        after,
        line,
        at_least,
        first_line,
        keep_next,
    } = layout;
    let rule = if at_least { "atLeast" } else { "auto" };
    out.push_str("<w:p><w:pPr>");
    if keep_next {
        // keepLines too: a paragraph that must stay with the next must not split either.
        out.push_str("<w:keepNext/><w:keepLines/>");
    }
    out.push_str(&format!(
        r#"<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>"#
    ));
    if first_line > 0 {
        out.push_str(&format!(r#"<w:ind w:firstLine="{first_line}"/>"#));
    }
    out.push_str(&format!(r#"<w:jc w:val="{align}"/>"#));
    // The paragraph mark takes the run's size, so an empty line is as tall as a full one.
    out.push_str(&font.rpr());
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        out.push_str("<w:r>");
        out.push_str(&font.rpr());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    out.push_str(r#"<w:t xml:space="preserve">"#);
                    out.push_str(&escape(piece));
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }
    out.push_str("</w:p>");
}

/// Starts a borderless, fixed-width, centred table with these column widths (twips).
/// "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule under it. Word's underline runs through the dots
/// under Ộ and Ệ, so the rule is the paragraph's bottom border a few points below the letters,
/// as long as the words (the paragraph indented from both sides of its cell), as typst draws it
/// in the PDF.
fn party_heading(out: &mut String, cell_width: u32) {
    // The table style's cell margins (108 twips each side) are inside the cell's width.
    let inner = cell_width.saturating_sub(2 * 108);
    let words = twips(width_mm(PARTY_HEADING, Face::Bold, 15.0)) + 20;
    let side = inner.saturating_sub(words) / 2;
    let mut heading = String::new();
    paragraph(&mut heading, HEADER, PARTY_HEADING, font(15).bold());
    // In the order the schema gives pPr's children (Word refuses others): pBdr before spacing,
    // ind before jc.
    heading = heading
        .replacen(
            "<w:spacing ",
            r#"<w:pBdr><w:bottom w:val="single" w:sz="5" w:space="2" w:color="000000"/></w:pBdr><w:spacing "#,
            1,
        )
        .replacen(
            "<w:jc ",
            &format!(r#"<w:ind w:left="{side}" w:right="{side}"/><w:jc "#),
            1,
        );
    out.push_str(&heading);
}

fn table_start(out: &mut String, widths: &[u32]) {
    let total: u32 = widths.iter().sum();
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    ));
    for w in widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
}

/// A ruled table with a bold header row, repeated on each page; the columns the library
/// decided for the PDF too ([`table_columns`]); cells set left, not justified, as the PDF's.
fn ruled_table(out: &mut String, margins: PageMargins, columns: &[String], rows: &[Vec<String>]) {
    let widths: Vec<u32> = table_columns(columns, rows, text_width_mm(margins))
        .into_iter()
        .map(twips)
        .collect();
    // Header and cells set left at 12 pt, single-spaced: with LibreOffice's narrower cell
    // padding the rows come out as tall as the PDF's (measured, see tests/documents.rs).
    let cell_layout = Layout {
        align: "left",
        first_line: 0,
        after: 0,
        line: 240,
        at_least: false,
        ..BODY
    };
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#,
        widths.iter().sum::<u32>()
    ));
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        ));
    }
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#);
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let row = |out: &mut String, cells: &[String], bold: bool| {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if bold {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (i, w) in widths.iter().enumerate() {
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>"#
            ));
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            // 12 pt, as the PDF's table.
            let f = if bold { font(12).bold() } else { font(12) };
            paragraph(out, cell_layout, text, f);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    };
    row(out, columns, true);
    for r in rows {
        row(out, r, false);
    }
    out.push_str("</w:tbl>");
    paragraph(out, BODY, "", font(6));
}

/// One table row: each cell's width and the paragraphs it holds (already XML).
/// `w:cantSplit` keeps every row whole on one page.
fn table_row(out: &mut String, cells: &[(u32, String)]) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (width, content) in cells {
        out.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#
        ));
        out.push_str(content);
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

/// `word/document.xml`: header grid, title, body, signatures, A4 section.
fn document(m: &PartyDocument, margins: PageMargins) -> String {
    let (top, bottom) = (twips(margins.top), twips(margins.bottom));
    let (left, right) = (twips(margins.left), twips(margins.right));
    let width = A4_WIDTH.saturating_sub(left + right).max(1440);

    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
    ));

    // Header: the columns and line breaks the library decided from the text (layout.rs), the
    // number under the issuer, the place and date under the Party's heading, as in the PDF.
    let layout = header_layout(&m.header, margins);
    let left_w = twips(layout.left_mm).min(width);
    let right_w = width - left_w;
    table_start(&mut x, &[left_w, right_w]);
    let mut issuer = String::new();
    for line in &layout.parent {
        paragraph(&mut issuer, HEADER, line, font(14));
    }
    for line in &layout.issuer {
        paragraph(&mut issuer, HEADER, line, font(14).bold());
    }
    paragraph(&mut issuer, HEADER, "*", font(14));
    paragraph(&mut issuer, HEADER, &m.header.number, font(14));
    let mut party = String::new();
    party_heading(&mut party, right_w);
    paragraph(
        &mut party,
        HEADER.before(8),
        &m.header.place_and_date,
        font(14).italic(),
    );
    table_row(&mut x, &[(left_w, issuer), (right_w, party)]);
    x.push_str("</w:tbl>");

    paragraph(&mut x, CENTRED, "", font(14));
    paragraph(&mut x, CENTRED.before(6), &m.title, font(16).bold());
    paragraph(&mut x, CENTRED.after(14), &m.subject, font(14).bold());

    let last = m.body.len().saturating_sub(1);
    for (i, p) in m.body.iter().enumerate() {
        // The last paragraph goes with the signatures, so they never stand alone on a page.
        let ends = i == last && !m.signatures.is_empty();
        let (layout, text, f) = match p {
            // At the margin, like the PDF, so the headings stand out from indented text.
            DocumentParagraph::Heading { text } => (HEADING, text, font(14).bold()),
            DocumentParagraph::Text { text } | DocumentParagraph::Item { text } => {
                (BODY, text, font(14))
            }
            DocumentParagraph::Table { columns, rows } => {
                ruled_table(&mut x, margins, columns, rows);
                continue;
            }
        };
        paragraph(
            &mut x,
            if ends { layout.keep_next() } else { layout },
            text,
            f,
        );
    }

    if !m.signatures.is_empty() {
        paragraph(&mut x, CENTRED.keep_next(), "", font(14));
        let signature = |s: &super::model::Signature| {
            let mut c = String::new();
            paragraph(&mut c, CENTRED.keep_next(), &s.role, font(14).bold());
            for _ in 0..SIGNATURE_GAP_LINES {
                paragraph(&mut c, CENTRED.keep_next(), "", font(14));
            }
            paragraph(&mut c, CENTRED, &s.name, font(14).bold());
            c
        };
        if let [only] = m.signatures.as_slice() {
            // One signer stands right, level with Nơi nhận on the left (the 36-HD diagram).
            let left_w = twips(layout.left_mm).min(width);
            let cells = [
                (left_w, recipients(&m.recipients)),
                (width - left_w, signature(only)),
            ];
            table_start(&mut x, &[cells[0].0, cells[1].0]);
            table_row(&mut x, &cells);
            x.push_str("</w:tbl>");
        } else {
            let n = m.signatures.len() as u32;
            let cells: Vec<(u32, String)> = m
                .signatures
                .iter()
                .map(|s| (width / n, signature(s)))
                .collect();
            let widths: Vec<u32> = cells.iter().map(|c| c.0).collect();
            table_start(&mut x, &widths);
            table_row(&mut x, &cells);
            x.push_str("</w:tbl>");
            if !m.recipients.is_empty() {
                paragraph(&mut x, CENTRED, "", font(14));
                x.push_str(&recipients(&m.recipients));
            }
        }
    }

    // The page number header on every page but the first (titlePg: the first page takes the
    // "first page" header, which this document leaves empty).
    x.push_str(&format!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{A4_WIDTH}" w:h="{A4_HEIGHT}"/>"#
    ));
    x.push_str(&format!(
        r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{header}" w:footer="567" w:gutter="0"/>"#,
        header = top * 35 / 100
    ));
    x.push_str("<w:titlePg/></w:sectPr></w:body></w:document>");
    x
}

/// Nơi nhận as paragraphs: the word underlined at 14 pt, one recipient a line at 12 pt.
fn recipients(recipients: &[String]) -> String {
    let mut x = String::new();
    if recipients.is_empty() {
        return x;
    }
    let left = Layout {
        align: "left",
        ..CENTRED
    };
    paragraph(&mut x, left, RECIPIENTS_LABEL, font(14).underline());
    for line in recipient_lines(recipients) {
        paragraph(&mut x, left, &line, font(12));
    }
    x
}

/// `word/header1.xml`: the page number, centred, as a PAGE field Word and LibreOffice update.
fn page_number_header() -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#
    ));
    let rpr = font(13).rpr();
    x.push_str(&format!(
        r#"<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>"#
    ));
    x.push_str("</w:p></w:hdr>");
    x
}

/// `docProps/core.xml`: title, author (the issuing organisation) and subject, as the PDF's.
fn core_properties(document: &PartyDocument) -> String {
    let meta = document.metadata();
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">"#,
            r#"<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language>"#,
            r#"</cp:coreProperties>"#
        ),
        escape(&meta.title),
        escape(&meta.subject),
        escape(&meta.author)
    )
}

/// `word/styles.xml`: Times New Roman 14 pt, Vietnamese, widow control, for anything the
/// secretary adds by hand.
fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>"#,
            r#"<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
            r#"<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
            r#"</w:styles>"#
        ),
        f = FONT
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#,
    r#"</Relationships>"#
);

/// Compatibility mode 15 (Word 2013+), so Word does not open the file in "Compatibility Mode".
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);
