//! From a file's bytes to its outline: what format it really is (by its content, not only its
//! name), then the format's reader, bounded in input, output, time and memory. The reading
//! itself happens in a child process (see [`super::isolation`]): whatever a document does to a
//! reader, the window and the CLI go on. Every refusal is a [`DocumentProblem`].

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::blocks::{Block, OutputLimits};
use super::isolation::{self, Drill};
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
    /// LibreOffice's flat OpenDocument text: one XML file.
    Fodt,
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
            Format::Fodt => "fodt",
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
            Format::Fodt,
            Format::Doc,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

/// Bounds on one import.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub zip: ZipLimits,
    pub output: OutputLimits,
    /// Wall-clock time the reader process may take.
    pub timeout: Duration,
    /// Heap the reader process may hold.
    pub memory_bytes: u64,
    /// A fault made on purpose in the reader, to test the isolation; None in real use.
    pub drill: Option<Drill>,
}

impl Default for Limits {
    fn default() -> Self {
        // The 102-page fixture reads in well under a second with under 64 MB.
        Limits {
            max_file_bytes: 50 << 20,
            zip: ZipLimits::default(),
            output: OutputLimits::default(),
            timeout: Duration::from_secs(30),
            memory_bytes: 768 << 20,
            drill: None,
        }
    }
}

/// What was read from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
        match Zipped::open(name, bytes, limits.zip) {
            Ok(mut zip) => {
                if odt::is_odt(&mut zip) {
                    Some(Format::Odt)
                } else if docx::main_part(&mut zip)?.is_some() {
                    Some(Format::Docx)
                } else {
                    None
                }
            }
            Err(_) => None,
        }
    } else if bytes.starts_with(b"%PDF-") {
        Some(Format::Pdf)
    } else if bytes.starts_with(OLE_MAGIC) {
        Some(Format::Doc)
    } else if is_flat_odt(bytes) {
        Some(Format::Fodt)
    } else {
        None
    };
    match (ext.as_str(), actual) {
        ("docx", Some(Format::Docx))
        | ("odt", Some(Format::Odt))
        | ("pdf", Some(Format::Pdf))
        | ("fodt", Some(Format::Fodt))
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
        ("docx" | "odt" | "fodt" | "pdf" | "doc" | "txt" | "md" | "markdown", _) => Err(claimed()),
        _ => Err(DocumentProblem::UnsupportedFormat {
            name: name.to_string(),
        }),
    }
}

/// A flat ODF text document: XML whose root names the text media type near its start.
fn is_flat_odt(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("<?xml")
        && head.contains("office:document")
        && head.contains("office:mimetype=\"application/vnd.oasis.opendocument.text\"")
}

/// Reads a document in a reader process of its own, within `limits`: the only way the app and
/// the CLI read documents. Cheap refusals (empty, too large) come first, without a process.
pub fn extract(name: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, DocumentProblem> {
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
    isolation::read_isolated(name, bytes, limits)
}

/// The reading itself, in the reader process: format, then the format's reader. A panic in a
/// reader is a damaged file; an outline that gives no text at all is not a readable outline.
pub(crate) fn extract_in_process(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Extracted, DocumentProblem> {
    let format = detect(name, bytes, limits)?;
    let result = catch_unwind(AssertUnwindSafe(|| read(format, name, bytes, limits)))
        .unwrap_or_else(|_panic| {
            Err(DocumentProblem::Corrupt {
                name: name.to_string(),
                detail: "trình đọc không hiểu được nội dung".into(),
            })
        })?;
    let (status, blocks) = result;
    if status == TextStatus::Read && blocks.is_empty() {
        return Err(DocumentProblem::NoText {
            name: name.to_string(),
        });
    }
    Ok(Extracted {
        format,
        status,
        blocks,
    })
}

fn read(
    format: Format,
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(TextStatus, Vec<Block>), DocumentProblem> {
    let read = |blocks: Vec<Block>| Ok((TextStatus::Read, blocks));
    let (zip, output) = (limits.zip, limits.output);
    let stop = |s: super::blocks::Stop| s.into_problem(name);
    match format {
        Format::Docx => read(docx::read(name, bytes, zip, output)?),
        Format::Odt => read(odt::read(name, bytes, zip, output)?),
        Format::Fodt => read(odt::read_flat(bytes, name, output)?),
        Format::Pdf => match pdf::read(name, bytes, output)? {
            pdf::PdfText::Text(blocks) => read(blocks),
            pdf::PdfText::NoTextLayer => Ok((TextStatus::NoTextLayer, Vec::new())),
        },
        Format::Txt => {
            read(plain::text_blocks(&plain::decode(name, bytes)?, false, output).map_err(stop)?)
        }
        Format::Md => {
            read(plain::markdown_blocks(&plain::decode(name, bytes)?, output).map_err(stop)?)
        }
        Format::Doc => Ok((TextStatus::LegacyDoc, Vec::new())),
    }
}
