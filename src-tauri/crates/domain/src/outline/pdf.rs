//! PDF: the text layer, page by page. Encrypted PDFs are refused; a PDF with (almost) no text
//! is a scan, kept as a version with a message.

use super::blocks::Block;
use super::plain::text_blocks;
use super::problem::DocumentProblem;

pub enum PdfText {
    Text(Vec<Block>),
    NoTextLayer,
}

pub fn read(name: &str, bytes: &[u8]) -> Result<PdfText, DocumentProblem> {
    let corrupt = |detail: String| DocumentProblem::Corrupt {
        name: name.to_string(),
        detail,
    };
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        let message = e.to_string();
        if message.to_lowercase().contains("decrypt") || message.to_lowercase().contains("encrypt")
        {
            DocumentProblem::Encrypted {
                name: name.to_string(),
            }
        } else {
            corrupt(message)
        }
    })?;
    if doc.is_encrypted() {
        // An empty user password (copy or print restrictions only) still opens; anything else
        // needs the password, which we do not ask for.
        let mut probe = doc.clone();
        if probe.decrypt("").is_err() {
            return Err(DocumentProblem::Encrypted {
                name: name.to_string(),
            });
        }
    }
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes).map_err(|e| {
        if e.to_string().to_lowercase().contains("crypt") {
            DocumentProblem::Encrypted {
                name: name.to_string(),
            }
        } else {
            corrupt(e.to_string())
        }
    })?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 20 * pages.len().max(1) {
        return Ok(PdfText::NoTextLayer);
    }
    Ok(PdfText::Text(text_blocks(&pages.join("\n\n"), true)))
}
