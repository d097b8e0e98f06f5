//! The members screen's Excel list: pick a file, preview the import, import, export. The rules
//! (columns guessed, rows refused and why, one transaction) are in `chuyende::member_sheet`.

use std::path::PathBuf;

use chuyende::member_sheet::{SheetChoice, SheetImport, SheetPreview};
use chuyende::organisation::OrganisationId;
use chuyende::ErrorPayload;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

/// The system's file dialog, for a member list; the chosen path (none when cancelled), which
/// the preview and the import then accept. In debug builds `CHUYENDE_E2E_PICK` answers instead
/// of the dialog: end-to-end tests cannot drive a native dialog.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pick_member_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<PathBuf>, ErrorPayload> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("CHUYENDE_E2E_PICK").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        state.offer(std::slice::from_ref(&path));
        return Ok(Some(path));
    }
    let picked = app
        .dialog()
        .file()
        .set_title("Chọn tệp danh sách đảng viên")
        .add_filter("Bảng tính (.xlsx, .xls, .ods)", &["xlsx", "xlsm", "xls", "ods"])
        .blocking_pick_file();
    let path = picked.and_then(|p| p.into_path().ok());
    if let Some(path) = &path {
        state.offer(std::slice::from_ref(path));
    }
    Ok(path)
}

fn not_offered() -> ErrorPayload {
    crate::log::fault(
        "Chỉ nhập được tệp đã chọn bằng nút “Nhập từ Excel”. Hãy chọn lại tệp.".into(),
    )
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn preview_member_sheet(
    state: State<'_, AppState>,
    path: PathBuf,
    organisation_id: OrganisationId,
    choice: SheetChoice,
) -> Result<SheetPreview, ErrorPayload> {
    if !state.was_offered(&path) {
        return Err(not_offered());
    }
    state
        .run(move |db| db.preview_member_sheet(&path, organisation_id, &choice))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn import_member_sheet(
    state: State<'_, AppState>,
    path: PathBuf,
    organisation_id: OrganisationId,
    choice: SheetChoice,
) -> Result<SheetImport, ErrorPayload> {
    if !state.was_offered(&path) {
        return Err(not_offered());
    }
    state
        .run(move |db| db.import_member_sheet(&path, organisation_id, &choice))
        .await
}

/// Saves the cell's member list as .xlsx where the person chooses (with
/// `CHUYENDE_EXPORT_DIR` set, into that folder without asking, as the documents do). Returns
/// where, or none when they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_member_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    name: String,
) -> Result<Option<String>, ErrorPayload> {
    let file_name = format!(
        "{}.xlsx",
        chuyende::text::clean_file_name(&format!("Danh sách đảng viên {name}"))
    );
    let path = match std::env::var_os("CHUYENDE_EXPORT_DIR") {
        Some(dir) if !dir.is_empty() => {
            chuyende::fsutil::free_name(&PathBuf::from(dir).join(&file_name))
        }
        _ => {
            let target = app
                .dialog()
                .file()
                .set_title("Lưu danh sách đảng viên")
                .set_file_name(&file_name)
                .add_filter("Excel (.xlsx)", &["xlsx"])
                .blocking_save_file();
            match target.and_then(|t| t.into_path().ok()) {
                Some(path) => path,
                None => return Ok(None),
            }
        }
    };
    let shown = path.display().to_string();
    state
        .run(move |db| db.export_member_sheet(organisation_id, &path))
        .await?;
    Ok(Some(shown))
}
