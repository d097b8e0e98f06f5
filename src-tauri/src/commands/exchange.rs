//! Exchange packages (issue 15): export, receive (a plan first, then one transaction), the keys
//! confirmed, conflicts, the đảng bộ's view of its cells. The rules are in `chuyende::exchange`.

use std::path::PathBuf;

use chuyende::exchange::cells::GuidanceReceived;
use chuyende::exchange::{
    CellReport, Choice, Conflict, ExchangeActions, ExportScope, ExportSummary, KnownKey, OwnKey,
    ReceivePlan,
};
use chuyende::organisation::OrganisationId;
use chuyende::ErrorPayload;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

/// The extension of package files, so the file dialog shows only them.
const EXTENSION: &str = "cdgoi";

/// What the account signed in may do here (the library's answer).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn exchange_actions(state: State<'_, AppState>) -> Result<ExchangeActions, ErrorPayload> {
    state.run(|db| db.exchange_actions()).await
}

/// This workstation's id and key fingerprint, to read to the other side.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn own_key(state: State<'_, AppState>) -> Result<OwnKey, ErrorPayload> {
    state.run(|db| db.own_key()).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn known_keys(state: State<'_, AppState>) -> Result<Vec<KnownKey>, ErrorPayload> {
    state.run(|db| db.known_keys()).await
}

/// Asks where to save the package (CHUYENDE_EXPORT_DIR: into that folder without asking, as
/// for documents) and writes it. None when the person cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_package(
    app: AppHandle,
    state: State<'_, AppState>,
    scope: ExportScope,
) -> Result<Option<ExportSummary>, ErrorPayload> {
    let name = format!("Gói trao đổi năm {}.{EXTENSION}", scope.year);
    let path = match std::env::var_os("CHUYENDE_EXPORT_DIR") {
        Some(dir) if !dir.is_empty() => {
            chuyende::fsutil::free_name(&PathBuf::from(dir).join(&name))
        }
        _ => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Lưu gói trao đổi")
                .set_file_name(&name)
                .add_filter("Gói trao đổi Chuyên Đề", &[EXTENSION]);
            let Some(target) = dialog.blocking_save_file() else {
                return Ok(None);
            };
            target
                .into_path()
                .map_err(|e| crate::log::internal("Không dùng được đường dẫn đã chọn.", &e))?
        }
    };
    state
        .run(move |db| db.export_package(scope, &path))
        .await
        .map(Some)
}

/// The package file the person picks (CHUYENDE_PACKAGE_FILE: that file, without asking; end-to-end
/// tests cannot drive a native dialog). None when they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pick_package_file(app: AppHandle) -> Result<Option<String>, ErrorPayload> {
    if let Some(file) = std::env::var_os("CHUYENDE_PACKAGE_FILE").filter(|f| !f.is_empty()) {
        return Ok(Some(PathBuf::from(file).to_string_lossy().into_owned()));
    }
    let picked = app
        .dialog()
        .file()
        .set_title("Chọn gói trao đổi để nhận")
        .add_filter("Gói trao đổi Chuyên Đề", &[EXTENSION])
        .blocking_pick_file();
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned()))
}

/// What receiving the package would do; nothing is written.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn plan_receive(
    state: State<'_, AppState>,
    path: String,
) -> Result<ReceivePlan, ErrorPayload> {
    state
        .run(move |db| db.plan_receive(&PathBuf::from(path)))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn receive_package(
    state: State<'_, AppState>,
    path: String,
) -> Result<ReceivePlan, ErrorPayload> {
    state
        .run(move |db| db.receive_package(&PathBuf::from(path)))
        .await
}

/// Confirms the key that signed the package, after the person compared its fingerprint.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn trust_package_key(
    state: State<'_, AppState>,
    path: String,
    label: String,
) -> Result<KnownKey, ErrorPayload> {
    state
        .run(move |db| db.trust_package_key(&PathBuf::from(path), &label))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn cells_received(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Vec<CellReport>, ErrorPayload> {
    state
        .run(move |db| db.cells_received(organisation_id, year))
        .await
}

/// What the đảng bộ above the cell sent down for the year (its plan), if anything came.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn guidance_received(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Option<GuidanceReceived>, ErrorPayload> {
    state
        .run(move |db| db.guidance_received(organisation_id, year))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn exchange_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, ErrorPayload> {
    state.run(|db| db.exchange_conflicts()).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: i64,
    choice: Choice,
) -> Result<Conflict, ErrorPayload> {
    state.run(move |db| db.resolve_conflict(id, choice)).await
}
