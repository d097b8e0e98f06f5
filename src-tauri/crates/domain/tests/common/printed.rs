//! Documents read back the way a clerk meets them: the PDF through poppler (text, and each
//! word's box with `pdftotext -bbox`), the DOCX through LibreOffice converted to PDF. The tools
//! are required: without them a test fails, it does not skip.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs a tool, failing the test with what it said if it is missing or fails.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed to read documents back (poppler-utils, LibreOffice): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

/// Words in order, whitespace collapsed, hyphens dropped on both sides of a comparison:
/// pdftotext joins a line that ends in "-" to the next as if it were a hyphenated word
/// ("42-" / "HD/BTCTW" reads "42HD/BTCTW"), and the header breaks "CHI BỘ CÔNG BÁO -" /
/// "NHÀ KHÁCH" there on purpose.
pub fn squash(s: &str) -> String {
    s.replace('-', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word on a page, its box in millimetres from the page's top left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Word {
    pub fn centre_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

const PT_TO_MM: f32 = 25.4 / 72.0;

/// Every word of `pdf` with its box (`pdftotext -bbox`), page by page.
pub fn words(pdf: &Path) -> Vec<Word> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse::<f32>().unwrap() * PT_TO_MM
    };
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let close = rest.find('>').unwrap();
            let tag = &rest[..close];
            let text = rest[close + 1..].trim_end_matches("</word>");
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            out.push(Word {
                page,
                text,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            });
        }
    }
    out
}

/// The first occurrence on `page` of `phrase` (words in a row, on one line), as one box.
pub fn find(words: &[Word], page: usize, phrase: &str) -> Option<Word> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
    on_page.windows(wanted.len()).find_map(|run| {
        let same = run.iter().zip(&wanted).all(|(w, t)| w.text == *t);
        let one_line = run.iter().all(|w| (w.y0 - run[0].y0).abs() < 1.0);
        (same && one_line).then(|| Word {
            page,
            text: phrase.to_string(),
            x0: run.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
            y0: run.iter().map(|w| w.y0).fold(f32::MAX, f32::min),
            x1: run.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
            y1: run.iter().map(|w| w.y1).fold(f32::MIN, f32::max),
        })
    })
}

/// Like [`find`], failing the test with the page's words when the phrase is not there.
pub fn must_find(words: &[Word], page: usize, phrase: &str) -> Word {
    find(words, page, phrase).unwrap_or_else(|| {
        let text: Vec<&str> = words
            .iter()
            .filter(|w| w.page == page)
            .map(|w| w.text.as_str())
            .collect();
        panic!(
            "“{phrase}” is not on one line of page {page}: {}",
            text.join(" ")
        )
    })
}

pub fn pages(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// `<target>/debug/e2e-screenshots`, where tests leave what a person should look at.
pub fn shots() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Page 1 of `pdf` as `<shots>/<name>.png`, for a person to look at.
pub fn first_page_png(pdf: &Path, name: &str) {
    let prefix = shots().join(name);
    tool(
        "pdftoppm",
        &[
            "-r",
            "70",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

/// `docx` printed to PDF by LibreOffice (headless, a profile of its own in `dir`).
pub fn libreoffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    tool(
        "soffice",
        &[
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF of {}",
        docx.display()
    );
    pdf
}

/// Writes `document` as PDF and DOCX into `dir` (`<stem>.pdf`, `<stem>.docx`), the DOCX also
/// printed by LibreOffice (`<stem>-docx.pdf`); returns (pdf, docx, docx printed).
pub fn both(
    document: &chuyende::minutes::PartyDocument,
    dir: &Path,
    stem: &str,
) -> (PathBuf, PathBuf, PathBuf) {
    use chuyende::minutes::{render, DocumentFormat};
    let pdf = dir.join(format!("{stem}.pdf"));
    std::fs::write(&pdf, render(document, DocumentFormat::Pdf).unwrap()).unwrap();
    let docx_dir = dir.join("docx");
    std::fs::create_dir_all(&docx_dir).unwrap();
    let docx = docx_dir.join(format!("{stem}.docx"));
    std::fs::write(&docx, render(document, DocumentFormat::Docx).unwrap()).unwrap();
    let printed = libreoffice_pdf(&docx, &docx_dir);
    (pdf, docx, printed)
}

/// One part of a DOCX (a zip of XML) as text.
pub fn docx_part(docx: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("the DOCX has {name}"))
        .read_to_string(&mut xml)
        .unwrap();
    xml
}
