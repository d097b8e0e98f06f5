use chuyende::info::AppStatus;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ()> {
    let data_dir = state
        .data_dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let (database, profile_name, error) =
        match state.run(|db| Ok((db.info()?, db.profile_name()?))).await {
            Ok((info, profile)) => (Some(info), profile, None),
            Err(e) => (None, None, Some(e)),
        };
    Ok(AppStatus {
        app_version: env!("CARGO_PKG_VERSION").into(),
        data_dir,
        profile_name,
        database,
        error,
    })
}
