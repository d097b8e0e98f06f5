//! PDF: the text layer, page by page. Encrypted PDFs are refused; a PDF with (almost) no text
//! is a scan, kept as a version with a message.
//!
//! The file is parsed once. Whether it is encrypted is read from the document's own trailer:
//! lopdf opens a PDF whose user password is empty (copy or print restrictions only) and then
//! drops `/Encrypt` from the trailer; one that needs a password keeps it.
//!
//! pdf-extract follows a page's form XObjects recursively without a depth bound: a form that
//! draws itself overflows the stack. That cannot be caught in-process; the reader runs in a
//! process of its own (see `isolation`), which is what makes such a PDF a refusal, not a crash.

use pdf_extract::{Error as PdfError, OutputError};

use super::blocks::Block;
use super::blocks::{OutputLimits, Stop};
use super::plain::text_blocks;
use super::problem::DocumentProblem;

pub enum PdfText {
    Text(Vec<Block>),
    NoTextLayer,
}

fn is_encryption(e: &PdfError) -> bool {
    matches!(
        e,
        PdfError::Decryption(_)
            | PdfError::InvalidPassword
            | PdfError::AlreadyEncrypted
            | PdfError::UnsupportedSecurityHandler(_)
    )
}

pub fn read(name: &str, bytes: &[u8], limits: OutputLimits) -> Result<PdfText, DocumentProblem> {
    let corrupt = |detail: String| DocumentProblem::Corrupt {
        name: name.to_string(),
        detail,
    };
    let encrypted = || DocumentProblem::Encrypted {
        name: name.to_string(),
    };
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        if is_encryption(&e) {
            encrypted()
        } else {
            corrupt(e.to_string())
        }
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted());
    }
    let mut pages: Vec<String> = Vec::new();
    let mut total = 0usize;
    for number in doc.get_pages().keys() {
        let mut text = String::new();
        let page = {
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, *number)
        };
        match page {
            Ok(()) => {}
            Err(OutputError::PdfError(e)) if is_encryption(&e) => return Err(encrypted()),
            Err(e) => return Err(corrupt(e.to_string())),
        }
        total = total.saturating_add(text.len());
        if total > limits.max_text_chars.saturating_mul(4) {
            return Err(
                Stop::TooMuch(format!("hơn {} ký tự văn bản", limits.max_text_chars))
                    .into_problem(name),
            );
        }
        pages.push(text);
    }
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 20 * pages.len().max(1) {
        return Ok(PdfText::NoTextLayer);
    }
    text_blocks(&pages.join("\n\n"), true, limits)
        .map(PdfText::Text)
        .map_err(|s| s.into_problem(name))
}
