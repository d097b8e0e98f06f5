//! From a file's bytes to its outline: what format it really is (by its content, not only its
//! name), then the format's reader, bounded in size, in time and against panics. Every refusal
//! is a [`DocumentProblem`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::blocks::Block;
use super::problem::{DocumentProblem, TextStatus};
use super::zipped::{ZipLimits, Zipped};
use super::{docx, odt, pdf, plain};

/// The formats an outline may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Docx,
    Odt,
    Pdf,
    Txt,
    Md,
    /// Word 97–2003: kept, not read.
    Doc,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Doc => "doc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Format::Docx,
            Format::Odt,
            Format::Pdf,
            Format::Txt,
            Format::Md,
            Format::Doc,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

/// Bounds on one import.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub zip: ZipLimits,
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 << 20,
            zip: ZipLimits::default(),
            timeout: Duration::from_secs(60),
        }
    }
}

/// What was read from a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub format: Format,
    pub status: TextStatus,
    pub blocks: Vec<Block>,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

/// The format of `bytes`, checked against the name's extension: a file that is not what its
/// name says is refused, since the person meant to bring something else.
pub fn detect(name: &str, bytes: &[u8], limits: &Limits) -> Result<Format, DocumentProblem> {
    let ext = extension(name);
    let claimed = || DocumentProblem::NotWhatItsNameSays {
        name: name.to_string(),
        claimed: format!(".{ext}"),
    };
    if bytes.is_empty() {
        return Err(DocumentProblem::Empty {
            name: name.to_string(),
        });
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(DocumentProblem::TooLarge {
            name: name.to_string(),
            size_mb: bytes.len() as f64 / (1 << 20) as f64,
            limit_mb: limits.max_file_bytes >> 20,
        });
    }
    let actual = if bytes.starts_with(ZIP_MAGIC) {
        if odt::is_odt(bytes) {
            Some(Format::Odt)
        } else if Zipped::open(name, bytes, limits.zip)
            .map(|z| z.has("word/document.xml"))
            .unwrap_or(false)
        {
            Some(Format::Docx)
        } else {
            None
        }
    } else if bytes.starts_with(b"%PDF-") {
        Some(Format::Pdf)
    } else if bytes.starts_with(OLE_MAGIC) {
        Some(Format::Doc)
    } else {
        None
    };
    match (ext.as_str(), actual) {
        ("docx", Some(Format::Docx))
        | ("odt", Some(Format::Odt))
        | ("pdf", Some(Format::Pdf))
        | ("doc", Some(Format::Doc)) => Ok(actual.expect("matched")),
        // A zip that claims to be a document but is neither: damaged, or not a document.
        ("docx" | "odt", None) if bytes.starts_with(ZIP_MAGIC) => {
            Zipped::open(name, bytes, limits.zip)?;
            Err(DocumentProblem::Corrupt {
                name: name.to_string(),
                detail: "thiếu nội dung văn bản".into(),
            })
        }
        ("txt", None) => Ok(Format::Txt),
        ("md" | "markdown", None) => Ok(Format::Md),
        ("docx" | "odt" | "pdf" | "doc" | "txt" | "md" | "markdown", _) => Err(claimed()),
        _ => Err(DocumentProblem::UnsupportedFormat {
            name: name.to_string(),
        }),
    }
}

/// Reads a document. Runs the reader on its own thread so that a reader stuck on a hostile file
/// cannot hold the import past `limits.timeout`, and catches a reader's panic as a damaged file.
pub fn extract(name: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, DocumentProblem> {
    let format = detect(name, bytes, limits)?;
    if format == Format::Doc {
        return Ok(Extracted {
            format,
            status: TextStatus::LegacyDoc,
            blocks: Vec::new(),
        });
    }
    let (tx, rx) = mpsc::channel();
    let (owned_name, owned_bytes, zip) = (name.to_string(), bytes.to_vec(), limits.zip);
    std::thread::Builder::new()
        .name("outline-reader".into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                read(format, &owned_name, &owned_bytes, zip)
            }));
            let _ = tx.send(result);
        })
        .map_err(|e| DocumentProblem::Unreadable {
            name: name.to_string(),
            cause: e.into(),
        })?;
    match rx.recv_timeout(limits.timeout) {
        Ok(Ok(result)) => result.map(|(status, blocks)| Extracted {
            format,
            status,
            blocks,
        }),
        Ok(Err(_panic)) => Err(DocumentProblem::Corrupt {
            name: name.to_string(),
            detail: "trình đọc không hiểu được nội dung".into(),
        }),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(DocumentProblem::TimedOut {
            name: name.to_string(),
            seconds: limits.timeout.as_secs(),
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(DocumentProblem::Corrupt {
            name: name.to_string(),
            detail: "trình đọc dừng bất thường".into(),
        }),
    }
}

fn read(
    format: Format,
    name: &str,
    bytes: &[u8],
    zip: ZipLimits,
) -> Result<(TextStatus, Vec<Block>), DocumentProblem> {
    let read = |blocks: Vec<Block>| Ok((TextStatus::Read, blocks));
    match format {
        Format::Docx => read(docx::read(name, bytes, zip)?),
        Format::Odt => read(odt::read(name, bytes, zip)?),
        Format::Pdf => match pdf::read(name, bytes)? {
            pdf::PdfText::Text(blocks) => read(blocks),
            pdf::PdfText::NoTextLayer => Ok((TextStatus::NoTextLayer, Vec::new())),
        },
        Format::Txt => read(plain::text_blocks(&plain::decode(name, bytes)?, false)),
        Format::Md => read(plain::markdown_blocks(&plain::decode(name, bytes)?)),
        Format::Doc => Ok((TextStatus::LegacyDoc, Vec::new())),
    }
}
