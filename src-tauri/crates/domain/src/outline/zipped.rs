//! Reading .docx and .odt, which are zip archives, without trusting them: the number of entries,
//! each entry's size and the total read are bounded, counted on the bytes actually inflated (a
//! zip's own size fields can lie), so a zip bomb is refused before it fills memory.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::problem::DocumentProblem;

/// Bounds for one archive.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ZipLimits {
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        // A long Word outline's document.xml is a few MB; 64 MB leaves room for anything real.
        ZipLimits {
            max_entries: 5_000,
            max_entry_bytes: 64 << 20,
            max_total_bytes: 128 << 20,
        }
    }
}

pub struct Zipped<'a> {
    name: &'a str,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: ZipLimits,
    read_so_far: u64,
}

impl<'a> Zipped<'a> {
    pub fn open(
        name: &'a str,
        bytes: &'a [u8],
        limits: ZipLimits,
    ) -> Result<Self, DocumentProblem> {
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocumentProblem::Corrupt {
                name: name.to_string(),
                detail: format!("cấu trúc nén không hợp lệ: {e}"),
            })?;
        if archive.len() > limits.max_entries {
            return Err(DocumentProblem::ExpandsTooMuch {
                name: name.to_string(),
                detail: format!("{} mục nén, giới hạn {}", archive.len(), limits.max_entries),
            });
        }
        Ok(Zipped {
            name,
            archive,
            limits,
            read_so_far: 0,
        })
    }

    pub fn has(&self, entry: &str) -> bool {
        self.archive.index_for_name(entry).is_some()
    }

    /// The entry's name as stored, matched without regard to case: part names of an Open
    /// Packaging Conventions package (.docx) are case-insensitive.
    pub fn find(&self, part: &str) -> Option<String> {
        if self.has(part) {
            return Some(part.to_string());
        }
        self.archive
            .file_names()
            .filter_map(|n| n.ok())
            .find(|n| n.eq_ignore_ascii_case(part))
            .map(|n| n.into_owned())
    }

    /// Every entry's name, as stored.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .filter_map(|n| n.ok())
            .map(|n| n.into_owned())
            .collect()
    }

    /// The document's name, for messages.
    pub fn name(&self) -> &str {
        self.name
    }

    /// Like [`Zipped::read`], the part's name matched without regard to case.
    pub fn read_part(&mut self, part: &str) -> Result<Option<Vec<u8>>, DocumentProblem> {
        match self.find(part) {
            Some(stored) => self.read(&stored),
            None => Ok(None),
        }
    }

    /// The entry's bytes, or None when the archive has no such entry.
    pub fn read(&mut self, entry: &str) -> Result<Option<Vec<u8>>, DocumentProblem> {
        let name = self.name.to_string();
        let mut file = match self.archive.by_name(entry) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(DocumentProblem::Corrupt {
                    name,
                    detail: format!("{entry}: {e}"),
                })
            }
        };
        let allowed = self
            .limits
            .max_entry_bytes
            .min(self.limits.max_total_bytes - self.read_so_far);
        let too_big = |detail: String| DocumentProblem::ExpandsTooMuch {
            name: name.clone(),
            detail,
        };
        if file.size() > allowed {
            return Err(too_big(format!(
                "{entry} khai báo {} MB",
                file.size() >> 20
            )));
        }
        let mut out = Vec::new();
        (&mut file)
            .take(allowed + 1)
            .read_to_end(&mut out)
            .map_err(|e| DocumentProblem::Corrupt {
                name: name.clone(),
                detail: format!("{entry}: {e}"),
            })?;
        if out.len() as u64 > allowed {
            return Err(too_big(format!(
                "{entry} vượt {} MB khi giải nén",
                allowed >> 20
            )));
        }
        self.read_so_far += out.len() as u64;
        Ok(Some(out))
    }

    /// Like [`Zipped::read`], for an entry the format requires.
    pub fn require(&mut self, entry: &str) -> Result<Vec<u8>, DocumentProblem> {
        self.read(entry)?.ok_or_else(|| DocumentProblem::Corrupt {
            name: self.name.to_string(),
            detail: format!("thiếu phần {entry}"),
        })
    }
}
