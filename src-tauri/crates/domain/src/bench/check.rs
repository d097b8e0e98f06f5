//! Each file the bench times is read back once from where it was written: a document that came
//! out empty or broken would otherwise be timed as a fast one.

use std::io::Read;
use std::path::Path;

use super::BenchError;

fn invalid(path: &Path, why: impl Into<String>) -> BenchError {
    BenchError::InvalidDocument {
        file: path.display().to_string(),
        why: why.into(),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, BenchError> {
    let bytes = std::fs::read(path).map_err(|e| invalid(path, format!("không đọc được ({e})")))?;
    if bytes.is_empty() {
        return Err(invalid(path, "tệp rỗng"));
    }
    Ok(bytes)
}

/// The file at `path` is a PDF of `pages` pages (the number its maker announced).
#[cfg_attr(not(feature = "minutes-pdf"), allow(dead_code))]
pub fn pdf(path: &Path, pages: usize) -> Result<(), BenchError> {
    let bytes = read(path)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(invalid(path, "không bắt đầu bằng %PDF-"));
    }
    let found = lopdf::Document::load_mem(&bytes)
        .map_err(|e| invalid(path, format!("không mở được như PDF ({e})")))?
        .get_pages()
        .len();
    if found != pages {
        return Err(invalid(
            path,
            format!("có {found} trang, cần {pages} trang"),
        ));
    }
    Ok(())
}

/// The file at `path` opens as a zip whose word/document.xml holds `text`.
pub fn docx(path: &Path, text: &str) -> Result<(), BenchError> {
    let bytes = read(path)?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(path, format!("không mở được như tệp zip ({e})")))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| invalid(path, format!("không có word/document.xml ({e})")))?
        .read_to_string(&mut xml)
        .map_err(|e| invalid(path, format!("không đọc được word/document.xml ({e})")))?;
    if !xml.contains(text) {
        return Err(invalid(path, format!("word/document.xml thiếu “{text}”")));
    }
    Ok(())
}
