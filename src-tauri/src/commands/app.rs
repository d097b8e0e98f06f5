use chuyende::info::AppStatus;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ()> {
    let data_dir = state.data_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default();
    let (database, error) = match state.run(|db| db.info()).await {
        Ok(info) => (Some(info), None),
        Err(e) => (None, Some(e)),
    };
    Ok(AppStatus { app_version: env!("CARGO_PKG_VERSION").into(), data_dir, database, error })
}
