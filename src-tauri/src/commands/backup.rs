//! Backups and restore from the Settings screen, and restoring a damaged database at start.
//! The rules (verification, rotation, what a restore keeps) are in `chuyende::backup`.

use std::path::PathBuf;

use chuyende::backup::{self, BackupInfo, BackupList, RestoreOutcome};
use chuyende::ErrorPayload;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::blocking;
use crate::AppState;

fn data_dir(state: &AppState) -> Result<PathBuf, ErrorPayload> {
    state
        .db_folder()
        .ok_or_else(|| crate::log::fault("Không xác định được thư mục dữ liệu.".into()))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_backups(state: State<'_, AppState>) -> Result<BackupList, ErrorPayload> {
    let dir = data_dir(&state)?;
    blocking(move || backup::backup_list(&dir)).await
}

/// "Sao lưu ngay": a verified backup into the data folder's rotation.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, ErrorPayload> {
    let dir = data_dir(&state)?;
    state.run(move |db| db.backup_in_rotation(&dir)).await
}

/// A backup into a folder the person chooses (a USB stick). None when they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn backup_to_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<BackupInfo>, ErrorPayload> {
    let folder = match std::env::var_os("CHUYENDE_BACKUP_DIR") {
        // As CHUYENDE_EXPORT_DIR for exports: end-to-end tests cannot drive a native dialog.
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            let picked = app
                .dialog()
                .file()
                .set_title("Chọn thư mục để lưu bản sao lưu")
                .blocking_pick_folder();
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    state.run(move |db| db.backup_into(&folder)).await.map(Some)
}

/// Lets the person pick a backup file elsewhere (a USB stick) and reads it back: its date and
/// contents, for them to confirm before restoring. None when they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pick_backup_file(app: AppHandle) -> Result<Option<BackupInfo>, ErrorPayload> {
    let picked = app
        .dialog()
        .file()
        .set_title("Chọn bản sao lưu để khôi phục")
        .add_filter("Bản sao lưu Chuyên Đề", &["sqlite3"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    blocking(move || backup::read_backup(&path)).await.map(Some)
}

/// Restores from a backup (after the person saw its date and contents). The current state is
/// backed up first; a damaged database is set aside and the data opened again.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<RestoreOutcome, ErrorPayload> {
    let dir = data_dir(&state)?;
    let file = PathBuf::from(path);
    match state.db() {
        Ok(db) => blocking(move || db.restore_from(&file, &dir)).await,
        Err(e) if e.code == chuyende::ErrorCode::Corrupt && state.holds_folder() => {
            let dir2 = dir.clone();
            let outcome = blocking(move || backup::restore_over_damaged(&dir, &file)).await?;
            state.reopen(&dir2)?;
            Ok(outcome)
        }
        Err(e) => Err(e),
    }
}
