//! PDF rendering of the minutes, laid out by typst (used as a library: no program is run). The
//! template below receives the document model as JSON and inserts every value as text, so
//! nothing a member typed can act as markup. Fonts: Times New Roman where the system has it,
//! else the bundled, metric-compatible Liberation Serif; both are embedded, subset.

use std::sync::OnceLock;

use typst::foundations::{Dict, Value};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

use super::layout::{header_layout, table_columns, text_width_mm, LIBERATION};
use super::model::{recipient_lines, DocumentParagraph, PageMargins, PartyDocument};

const TEMPLATE: &str = r#"
#let d = json(bytes(sys.inputs.data))
#let m = d.margins
#let h = d.layout
#set document(title: d.meta.title, author: d.meta.author, description: d.meta.subject)
// Page numbers from page 2, Arabic, centred in the top margin (36-HD/VPTW).
#set page(
  paper: "a4",
  margin: (top: m.top * 1mm, bottom: m.bottom * 1mm, left: m.left * 1mm, right: m.right * 1mm),
  header-ascent: 35%,
  header: context {
    let n = counter(page).get().first()
    if n > 1 { align(center, text(size: 13pt, str(n))) }
  },
)
#set text(font: ("Times New Roman", "Liberation Serif"), size: 14pt, lang: "vi")
#set par(justify: true, leading: 0.6em, spacing: 0.75em)

// The header's columns and line breaks were decided from the text by the library
// (layout.rs): each line is set whole, in a box that does not break.
#let lines(xs, weight) = xs.map(l => box(text(weight: weight, l))).join(linebreak())
#grid(
  columns: (h.left_mm * 1mm, h.right_mm * 1mm),
  align: center + top,
  [
    #set par(justify: false, spacing: 0.35em)
    #lines(h.parent, "regular") \
    #lines(h.issuer, "bold") \
    \* \
    #d.header.number
  ],
  [
    #set par(justify: false, spacing: 0.35em)
    #underline(offset: 3pt, stroke: 0.6pt, text(size: 15pt, weight: "bold", "ĐẢNG CỘNG SẢN VIỆT NAM"))
    #v(0.6em)
    #box(emph(d.header.place_and_date))
  ],
)

#v(1.2em)
#align(center)[
  #set par(spacing: 0.4em)
  #text(size: 16pt, weight: "bold", d.title) \
  #text(weight: "bold", d.subject)
]
#v(0.8em)

#set par(first-line-indent: (amount: 1cm, all: true))
#show table: set par(first-line-indent: 0pt, justify: false)
#let show-paragraph(p) = if p.kind == "heading" {
  block(sticky: true, above: 1em, text(weight: "bold", p.text))
} else if p.kind == "table" {
  table(
    columns: p.widths.map(w => w * 1mm),
    inset: 5pt,
    align: left + top,
    table.header(..p.columns.map(c => text(size: 12pt, weight: "bold", c))),
    ..p.rows.flatten().map(c => text(size: 12pt, c)),
  )
} else {
  par(p.text)
}
#for p in d.body.slice(0, calc.max(d.body.len() - 1, 0)) { show-paragraph(p) }

#let signature(s) = [
  #set par(first-line-indent: 0pt, justify: false)
  #s.role.split("\n").map(line => text(weight: "bold", line)).join(linebreak())
  #v(2.8cm)
  #text(weight: "bold", s.name)
]
// Nơi nhận (36-HD/VPTW): the word underlined, the recipients in 12 pt, one a line.
#let recipients = if d.recipients.len() > 0 {
  set par(first-line-indent: 0pt, justify: false, spacing: 0.3em)
  align(left)[
    #underline(offset: 2pt, "Nơi nhận:") \
    #d.recipients.map(r => text(size: 12pt, r)).join(linebreak())
  ]
}
// The closing sentence and the signatures stay together: a signature never stands alone on
// the last page. One signer stands right, level with Nơi nhận on the left; two sign side by
// side, Nơi nhận under them.
#block(breakable: false)[
#if d.body.len() > 0 { show-paragraph(d.body.last()) }
#v(1.5em)
#if d.signatures.len() == 1 {
  grid(
    columns: (h.left_mm * 1mm, h.right_mm * 1mm),
    align: (left + top, center + top),
    recipients,
    signature(d.signatures.first()),
  )
} else {
  grid(
    columns: (1fr,) * calc.max(d.signatures.len(), 1),
    align: center,
    ..d.signatures.map(signature)
  )
  if d.recipients.len() > 0 { v(1em); recipients }
}
]
"#;

/// Times New Roman from the system, where it is installed (Windows always has it).
fn system_times() -> Vec<Vec<u8>> {
    let dirs = [
        std::env::var_os("WINDIR").map(|w| std::path::PathBuf::from(w).join("Fonts")),
        Some("/usr/share/fonts/truetype/msttcorefonts".into()),
        Some("/Library/Fonts".into()),
        Some("/System/Library/Fonts/Supplemental".into()),
    ];
    let names = [
        "times.ttf",
        "timesbd.ttf",
        "timesi.ttf",
        "timesbi.ttf",
        "Times_New_Roman.ttf",
        "Times_New_Roman_Bold.ttf",
        "Times_New_Roman_Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
        "Times New Roman.ttf",
        "Times New Roman Bold.ttf",
        "Times New Roman Italic.ttf",
        "Times New Roman Bold Italic.ttf",
    ];
    dirs.into_iter()
        .flatten()
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn engine() -> &'static TypstEngine<typst_as_lib::TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<typst_as_lib::TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        // The engine borrows its fonts for the life of the process: the bundled ones are
        // static already, the system's are read once and kept.
        let system: &'static [Vec<u8>] = Box::leak(system_times().into_boxed_slice());
        let fonts = system
            .iter()
            .map(Vec::as_slice)
            .chain(LIBERATION.iter().copied());
        TypstEngine::builder()
            .main_file(TEMPLATE)
            .fonts(fonts)
            .build()
    })
}

/// Why a PDF could not be made (a bug of ours, not of the user's data: reported as such).
#[derive(Debug, thiserror::Error)]
#[error("Không tạo được tệp PDF của biên bản: {0}")]
pub struct PdfError(String);

fn compile(document: &PartyDocument, margins: PageMargins) -> Result<PagedDocument, PdfError> {
    // Tables carry the column widths the library decided (the DOCX uses the same).
    let body: Vec<serde_json::Value> = document
        .body
        .iter()
        .map(|p| {
            let mut value = serde_json::to_value(p).expect("a paragraph serialises");
            if let DocumentParagraph::Table { columns, rows } = p {
                value["widths"] =
                    serde_json::json!(table_columns(columns, rows, text_width_mm(margins)));
            }
            value
        })
        .collect();
    let data = serde_json::json!({ "margins": margins, "header": document.header, "title": document.title,
        "subject": document.subject, "body": body, "signatures": document.signatures,
        "layout": header_layout(&document.header, margins), "meta": document.metadata(),
        "recipients": recipient_lines(&document.recipients) });
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Str(data.to_string().into()));
    engine()
        .compile_with_input(inputs)
        .output
        .map_err(|e| PdfError(format!("{e:?}")))
}

/// The document as a PDF file.
pub fn render(document: &PartyDocument, margins: PageMargins) -> Result<Vec<u8>, PdfError> {
    let doc = compile(document, margins)?;
    let mut pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
        .map_err(|e| PdfError(format!("{e:?}")))?;
    quiet_suspects(&mut pdf);
    Ok(pdf)
}

/// Blanks `/Suspects false` in the catalog's `/MarkInfo`, byte for byte (the cross-reference
/// offsets stay true). Poppler — what pdftotext, Evince and many Linux viewers read with —
/// warns "Suspects object is wrong type (boolean)" on that entry, and a clerk who sees a
/// warning doubts the file. The entry is optional and false is its default: the meaning is the
/// same, and the tagged structure that serves screen readers is kept (turning tagging off
/// would also silence poppler, at their expense).
fn quiet_suspects(pdf: &mut [u8]) {
    const ENTRY: &[u8] = b"/Suspects false";
    if let Some(at) = pdf.windows(ENTRY.len()).position(|w| w == ENTRY) {
        pdf[at..at + ENTRY.len()].fill(b' ');
    }
}

/// The same pages as the PDF, each as an SVG image (glyphs as outlines, no fonts needed), for
/// the true-to-print preview and for printing through the system dialog.
pub fn render_pages_svg(
    document: &PartyDocument,
    margins: PageMargins,
) -> Result<Vec<String>, PdfError> {
    let doc = compile(document, margins)?;
    let options = typst_svg::SvgOptions::default();
    Ok(doc
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &options))
        .collect())
}
