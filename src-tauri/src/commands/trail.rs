use chuyende::audit::verify::TrailReport;
use tauri::State;

use crate::AppState;

/// What the check of the trail at start found (see `check_trail_in_background`); None while it
/// is still running.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn trail_check(state: State<'_, AppState>) -> Result<Option<TrailReport>, ()> {
    Ok(state
        .trail
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}
