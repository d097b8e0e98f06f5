//! Writing files people keep (exports, backups) so that a full disk, a crash or a power cut
//! never leaves a half-written file where a good one was: the new content goes to a temporary
//! file beside the target (same folder, so the same file system), is synced to disk, and only
//! then renamed over the target, which is atomic. The folder is synced too, so the rename
//! itself survives a power cut.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Writes `bytes` to `target` atomically: afterwards `target` holds either its old content or
/// all of `bytes`, never a mixture or a truncated file.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    replace_with(target, |tmp| {
        let mut file = File::create(tmp).map_err(|e| write_error(target, &e))?;
        file.write_all(bytes).map_err(|e| write_error(target, &e))
    })
}

/// Fills a temporary file beside `target` with `fill` (which gets the temporary path), syncs it,
/// and renames it over `target`. When `fill` or the sync fails, the temporary file is removed
/// and `target` is left as it was.
pub fn replace_with(target: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = temporary_beside(target);
    let outcome = fill(&tmp).and_then(|()| {
        OpenOptions::new()
            .read(true)
            .write(true)
            .open(&tmp)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&tmp, target))
            .and_then(|()| sync_folder(target))
            .map_err(|e| write_error(target, &e))
    });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    outcome
}

/// The error a person reads when a file could not be written.
pub fn write_error(target: &Path, e: &std::io::Error) -> Error {
    Error::WriteFile {
        path: target.display().to_string(),
        reason: io_reason(e),
    }
}

/// An I/O failure in Vietnamese, for the cases people meet.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "ổ đĩa đã đầy".into(),
        K::PermissionDenied => "không có quyền ghi vào thư mục này".into(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        K::NotFound => "thư mục không tồn tại (ổ đĩa có thể đã bị rút ra)".into(),
        _ => format!("lỗi hệ thống ({e})"),
    }
}

/// A name in the target's folder that nothing else uses: hidden, and marked as ours.
pub fn temporary_beside(target: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Syncs the folder holding `path`, so that a rename or a new file in it is on disk.
pub fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path; // NTFS journals renames; folders cannot be opened for syncing there.
    Ok(())
}

/// `target` when no file has that name, else the first of "name (2).ext", "name (3).ext", … that
/// is free: for exports written where nobody was asked whether to replace a file.
pub fn free_name(target: &Path) -> PathBuf {
    if !target.exists() {
        return target.to_path_buf();
    }
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = target
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| target.with_file_name(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Whether files can be created in `dir` (false on a read-only mount, a write-protected USB
/// stick, a folder without write permission).
pub fn folder_is_writable(dir: &Path) -> bool {
    let probe = temporary_beside(&dir.join("probe"));
    match File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("biên bản.pdf");
        std::fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new content").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new content");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the target remains: {names:?}");
    }

    #[test]
    fn an_export_where_nobody_was_asked_takes_a_free_name_instead_of_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("bien-ban-3.pdf");
        assert_eq!(free_name(&target), target);
        std::fs::write(&target, b"kept").unwrap();
        assert_eq!(free_name(&target), dir.path().join("bien-ban-3 (2).pdf"));
        std::fs::write(dir.path().join("bien-ban-3 (2).pdf"), b"kept too").unwrap();
        assert_eq!(free_name(&target), dir.path().join("bien-ban-3 (3).pdf"));
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ke-hoach.docx");
        std::fs::write(&target, b"good old plan").unwrap();
        let err = replace_with(&target, |tmp| {
            std::fs::write(tmp, b"half").unwrap();
            Err(write_error(
                &target,
                &std::io::Error::from(std::io::ErrorKind::StorageFull),
            ))
        })
        .unwrap_err();
        assert!(err.to_string().contains("ổ đĩa đã đầy"), "{err}");
        assert!(err.to_string().contains("vẫn còn nguyên"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"good old plan");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
